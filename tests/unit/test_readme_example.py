"""The README's research script (between its research-script markers) runs, as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sweeps import open_sweep

ROOT = Path(__file__).resolve().parents[2]
START, END = "<!-- research-script -->", "<!-- /research-script -->"


def research_script(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert START in text and END in text, (
        f"{path.name} has no research script: it needs a ```python block between the lines "
        f"{START} and {END} (the script is in docs/sweeps.md)"
    )
    block = text.split(START, 1)[1].split(END, 1)[0]
    code = re.search(r"```python\n(.*?)```", block, re.DOTALL)
    assert code, f"{path.name}: no ```python block between {START} and {END}"
    return code.group(1)


def test_readme_research_script_is_ten_lines_at_most() -> None:
    assert len(research_script(ROOT / "README.md").strip().splitlines()) <= 10
    assert len(research_script(ROOT / "docs" / "sweeps.md").strip().splitlines()) <= 10


def test_readme_research_script_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = research_script(ROOT / "README.md")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme_research_script"})
    if "sweep(" in code:  # it wrote a complete sweep directory where it said
        manifests = list(tmp_path.rglob("manifest.json"))
        assert manifests, "the script's sweep wrote no manifest.json"
        assert all(open_sweep(m.parent).complete for m in manifests)
