"""Docs follow the code: ODD names every rule, rules name their ODD section, layering holds."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import agents.rules as rules

ROOT = Path(__file__).resolve().parents[2]


def test_every_public_rule_is_in_odd_section_7_and_names_its_section():
    odd = (ROOT / "docs" / "ODD.md").read_text()
    section7 = odd[odd.index("## 7. Submodels") :]
    for name in rules.__all__:
        obj = getattr(rules, name)
        if name == "Proposal":
            continue
        assert f"`{name}`" in section7 or name in section7, f"{name} missing from ODD section 7"
        module = inspect.getmodule(obj)
        assert module is not None and "ODD 7." in (module.__doc__ or ""), name


def test_only_viz_imports_solara():
    for package in ("model", "agents", "scenarios"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                assert not any(
                    n.split(".")[0] in ("solara", "ipyvuetify", "ipywidgets", "ipyvue")
                    for n in names
                ), f"{path} imports {names}"


def test_readme_names_the_two_commands_on_its_first_screen():
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:25])
    assert "make ui" in first_screen and "make test" in first_screen
