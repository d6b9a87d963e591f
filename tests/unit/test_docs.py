"""Docs follow the code: ODD names every rule, rules name their ODD section, layering holds."""

from __future__ import annotations

import inspect
import re
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


def test_readme_names_the_two_commands_on_its_first_screen():
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:25])
    assert "make ui" in first_screen and "make test" in first_screen


PARAMETER_BLOCK = re.compile(r"<!-- parameters: [\w.-]+ -->.*?<!-- /parameters -->", re.S)
GENERATED = {"validation.md"}  # written by experiments/validate.py from result files


def value_pattern(names) -> re.Pattern[str]:
    """A parameter name followed by a number (in prose or a table), not a CLI ``name=value``."""
    alternatives = "|".join(map(re.escape, sorted(names)))
    return re.compile(rf"(?<![\w=-])`?({alternatives})`?(\s*\|\s*|\s+)[-+]?\d")


def test_parameter_tables_in_the_docs_are_generated_from_the_scenario_files():
    from builds.doc_tables import main

    assert main(["--check"]) == 0, "run: python -m builds.doc_tables"


def test_no_doc_types_a_parameter_value_outside_a_generated_table():
    from scenarios import list_builtin, load_scenario

    quoted = value_pattern({n for s in list_builtin() for n in load_scenario(s).parameters})
    docs = [p for p in (ROOT / "docs").rglob("*.md") if p.name not in GENERATED]
    for path in [*docs, ROOT / "README.md"]:
        text = PARAMETER_BLOCK.sub("", path.read_text(encoding="utf-8"))
        hits = [m.group(0) for m in quoted.finditer(text)]
        assert not hits, f"{path.relative_to(ROOT)} quotes parameter values by hand: {hits}"


def test_a_parameter_value_typed_by_hand_is_caught():
    quoted = value_pattern(["war_cost_per_month"])
    assert quoted.search("| war_cost_per_month | 0.01 | 0–0.05 |")
    assert quoted.search("with `war_cost_per_month` 0.01 the")
    assert not quoted.search("--set war_cost_per_month=0.01")
