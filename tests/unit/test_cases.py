"""The historical cases: they load, are rebuilt byte for byte, share the behavioural
parameters, use only data dated before their start, and never read their outcomes (ODD 5, 6)."""

from __future__ import annotations

import builtins
import csv
import io
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from builds.cases import data as case_data
from builds.cases.registry import CASES, window
from builds.cases.write import build
from scenarios import list_builtin, load_scenario
from scenarios.merge import BEHAVIOUR_DIR

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "scenarios" / "builtin"
OUTCOMES = ROOT / "experiments" / "data" / "case_outcomes.csv"
NAMES = [c.name for c in CASES]


def _shared() -> dict[str, Any]:
    return dict(tomllib.loads((BEHAVIOUR_DIR / "cases.toml").read_text("utf-8"))["parameters"])


def test_at_least_eight_cases_are_built_in() -> None:
    assert len(NAMES) >= 8
    assert set(NAMES) <= set(list_builtin())


@pytest.mark.parametrize("name", NAMES)
def test_case_loads_with_its_year_and_sides(name: str) -> None:
    s = load_scenario(name)
    spec = CASES[NAMES.index(name)]
    assert s.start == spec.start and s.un is not None and s.un.year == spec.year
    assert s.mission is not None and s.mission.kind == spec.mission_kind
    assert s.roles.victim_side == spec.victim_side
    assert s.roles.aggressor_side == spec.aggressor_side
    for actor in spec.actors:
        assert s.states[s.index(actor.iso3)].status == actor.status
    assert (ROOT / "docs" / "cases" / f"{name}.md").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_build_reproduces_the_scenario_byte_for_byte(name: str, tmp_path: Path) -> None:
    spec = CASES[NAMES.index(name)]
    out = build(spec, tmp_path / name, docs=None)
    for file in ("scenario.toml", "states.csv", "ties.csv", "force.csv"):
        built, kept = out / file, BUILTIN / name / file
        assert built.exists() == kept.exists(), file
        if kept.exists():
            assert built.read_bytes() == kept.read_bytes(), file


@pytest.mark.parametrize("name", NAMES)
def test_behavioural_parameters_are_the_shared_central_values(name: str) -> None:
    """Structural (the case names the behaviour file and the loader refuses a case that sets a
    shared parameter) and checked: every shared parameter equals the file's."""
    raw = tomllib.loads((BUILTIN / name / "scenario.toml").read_text("utf-8"))
    assert raw["behaviour"] == "cases"
    shared = _shared()
    assert not set(raw["parameters"]) & set(shared)
    s = load_scenario(name)
    for pname, table in shared.items():
        p = s.parameters[pname]
        if "value" in table:
            assert p.value == table["value"], pname
        else:
            assert p.distribution is not None
            assert p.distribution.model_dump(exclude_none=True) == table["distribution"], pname


def test_cases_share_one_set_of_behavioural_values() -> None:
    shared = _shared()
    loaded = {name: load_scenario(name) for name in NAMES}
    values = {name: {p: s.parameters[p].central for p in shared} for name, s in loaded.items()}
    first = values[NAMES[0]]
    assert all(v == first for v in values.values())


@pytest.mark.parametrize("case", CASES, ids=NAMES)
def test_roll_calls_are_dated_before_the_start(case: Any) -> None:
    dates = case_data.shared().dates[case.name].values()
    first, start = window(case)
    assert dates and min(dates) >= first and max(dates) < start


def test_no_case_build_reads_the_outcomes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build code never names experiments/, and a build opens no file outside
    scenarios/ (the outcomes are evaluation data only)."""
    pattern = re.compile(r"case_outcomes|experiments[/.]data")
    for path in (ROOT / "builds").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path
    for path in (ROOT / "scenarios").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path
    opened: list[str] = []
    real_open, real_read = builtins.open, Path.read_bytes

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def spy_read(self: Path) -> bytes:
        opened.append(str(self))
        return real_read(self)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(Path, "read_bytes", spy_read)
    case_data.shared.cache_clear()
    try:
        for spec in CASES[:3]:
            build(spec, tmp_path / spec.name, docs=None)
    finally:
        case_data.shared.cache_clear()
    reads = [p for p in opened if not p.startswith(str(tmp_path))]
    assert reads and all(p.startswith(str(ROOT / "scenarios")) for p in reads), reads
    assert not any("experiments" in p for p in opened)


def test_outcomes_table_has_a_sourced_row_per_case() -> None:
    rows = list(csv.DictReader(io.StringIO(OUTCOMES.read_text(encoding="utf-8"))))
    assert [r["case"] for r in rows] == NAMES
    for r in rows:
        assert r["source"].strip(), r["case"]
        assert r["agreement_within_horizon"] in ("0", "1")
        assert r["held_36"] in ("0", "1") and r["force_deployed"] in ("0", "1")
        assert r["start"] == CASES[NAMES.index(r["case"])].start
        for iso3 in filter(None, r["contributors"].split(";")):
            assert re.fullmatch(r"[A-Z]{3}", iso3), (r["case"], iso3)


def test_accord_show_prints_what_a_case_adds() -> None:
    from cli.scenario_info import show_lines

    text = "\n".join(show_lines(load_scenario("donbas-2014")))
    for part in (
        "aggressor side      RUS, DPR, LPR",
        "Guarantors (commitment)",
        "USA 0.25",
        "Mission: none",
        "UN of 2014: a Council of 15",
        "DPR 'Donetsk",
        "scenarios/behaviour/cases.toml",
    ):
        assert part in text, part
    assert "Guarantors" not in "\n".join(show_lines(load_scenario("ukraine-2025")))
