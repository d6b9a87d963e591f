"""mkdocs hook: publish the committed results that the pages link to.

docs/validation.md links to files in experiments/results/ (figures, tables) as ``../experiments/
results/...``, which work when reading the repository. The site cannot reach outside docs/, so
this hook adds those files to the site under ``results/`` and points the links there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

RESULTS = Path(__file__).resolve().parent.parent / "experiments" / "results"
LINK = "](../experiments/results/"


def on_files(files: Files, config: Any) -> Files:
    for path in sorted(RESULTS.rglob("*")):
        if path.is_file():
            uri = f"results/{path.relative_to(RESULTS).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    depth = page.file.src_uri.count("/")  # a page in a sub-folder climbs one more level
    return markdown.replace(LINK, "](" + "../" * depth + "results/")
