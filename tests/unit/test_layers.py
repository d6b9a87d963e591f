"""The layers (docs/dev/architecture.md) hold, and the contract that says so can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cli", "viz", "sweeps", "model", "agents", "scenarios")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def _copy_tree(tmp: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp


def test_the_layer_contract_holds():
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout[-2000:]


def test_an_upward_import_breaks_the_contract(tmp_path):
    tree = _copy_tree(tmp_path)
    (tree / "model" / "upward.py").write_text("import viz.session  # the core reaching up\n")
    run = _lint_imports(tree)
    assert run.returncode != 0
    assert "BROKEN" in run.stdout and "model.upward -> viz.session" in run.stdout


def test_solara_outside_the_ui_breaks_the_contract(tmp_path):
    tree = _copy_tree(tmp_path)
    (tree / "sweeps" / "widget.py").write_text("import solara\n")
    run = _lint_imports(tree)
    assert run.returncode != 0 and "Only the UI imports solara BROKEN" in run.stdout
