"""Where the UI may read and write scenarios: the built-ins and one workspace folder.

Whoever drives the page (the analyst, or anyone who got through the door) types paths into it.
So the page opens only a built-in scenario by name or a directory inside the workspace, and
saves only into a new directory inside the workspace. A path is a name relative to the
workspace: absolute paths, ``~``, ``..`` and symbolic links that lead out are refused, after
resolving every link. A refusal never says whether the path outside exists.

The workspace is ``--workspace`` of ``accord ui``, else ``$ACCORD_WORKSPACE``, else
``~/accord-workspace`` (created on first use, readable by its owner only). No solara here.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

WORKSPACE_ENV = "ACCORD_WORKSPACE"
DEFAULT_WORKSPACE = Path("~") / "accord-workspace"
MAX_NAME = 255  # characters in a path typed into the page


class OutsideWorkspace(ValueError):
    """A path the page may not use; the message names the rule, not what is on disk."""


def workspace_root(given: str | os.PathLike[str] | None = None) -> Path:
    """The workspace directory (resolved), created with owner-only permissions if missing."""
    raw = given or os.environ.get(WORKSPACE_ENV) or DEFAULT_WORKSPACE
    root = Path(raw).expanduser()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root.resolve(strict=True)


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 80 else text[:77] + "..."


def _relative(text: str, root: Path) -> Path:
    """The path ``text`` means inside ``root``; OutsideWorkspace if it is not a plain name."""
    rule = (
        f"a folder name inside the workspace {root} (no absolute path, '~' or '..'; "
        "links must stay inside)"
    )
    if not text.strip():
        raise OutsideWorkspace(f"no folder given: {rule}")
    if len(text.strip()) > MAX_NAME or "\x00" in text:
        raise OutsideWorkspace(f"{_shown(text)}: refused: at most {MAX_NAME} characters, {rule}")
    text = text.strip()
    parts = PurePosixPath(text).parts
    if (
        text.startswith(("~", "/", "\\"))
        or PureWindowsPath(text).drive
        or ".." in parts
        or ".." in PureWindowsPath(text).parts
    ):
        raise OutsideWorkspace(f"{_shown(text)}: refused: {rule}")
    return root.joinpath(*parts)


def _inside(path: Path, root: Path, text: str) -> Path:
    """``path`` with every link resolved, if it stays inside ``root``."""
    try:
        real = path.resolve(strict=False)
    except (OSError, RuntimeError) as err:  # a link loop, a name too long
        raise OutsideWorkspace(f"{_shown(text)}: refused: not a usable path in {root}") from err
    if not real.is_relative_to(root):
        raise OutsideWorkspace(f"{_shown(text)}: refused: a link that leads outside {root}")
    return real


def readable_dir(text: str, root: Path) -> Path:
    """A scenario directory inside the workspace, links resolved (OutsideWorkspace otherwise)."""
    real = _inside(_relative(text, root), root, text)
    if not real.is_dir():
        raise OutsideWorkspace(f"{text.strip()}: no such scenario folder in the workspace {root}")
    return real


def writable_dir(text: str, root: Path) -> Path:
    """A new (or empty) directory inside the workspace to save into, links resolved."""
    real = _inside(_relative(text, root), root, text)
    if real.exists() and (not real.is_dir() or any(real.iterdir())):
        raise OutsideWorkspace(f"{text.strip()}: exists in the workspace and is not empty")
    return real
