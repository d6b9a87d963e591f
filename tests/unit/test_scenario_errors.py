"""The loader's errors: one test per kind of bad input (ODD 6, Input data).

Each case asserts that a Problem names the file, the field, the bad value and what is allowed.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from scenarios import Problem, ScenarioError, load_scenario
from tests.unit.scenario_factory import Spec, dump_toml, make_scenario


def problems_of(target: str | Path) -> list[Problem]:
    """The loader's problems, after checking that ``accord check`` reports exactly them: exit
    status 2, one line per problem on stderr, nothing on stdout, no traceback."""
    with pytest.raises(ScenarioError) as info:
        load_scenario(target)
    lines = [str(p) for p in info.value.problems]
    assert str(info.value).splitlines() == lines
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["check", str(target)])
    assert code == 2
    assert err.getvalue().splitlines() == lines
    assert out.getvalue() == "" and "Traceback" not in err.getvalue()
    return info.value.problems


def find(problems: list[Problem], file: str, field: str, value: str, allowed: str) -> Problem:
    """The problem naming this file, field, value (in its repr) and allowed text."""
    for p in problems:
        if (
            Path(p.file).name == file
            and p.field == field
            and value in repr(p.value)
            and allowed in p.allowed
        ):
            line = str(p)
            for part in (file, field, allowed):
                assert part in line
            return p
    listing = "\n".join(str(p) for p in problems)
    raise AssertionError(f"no problem {file}/{field}/{value}/{allowed} in:\n{listing}")


@dataclass(frozen=True)
class Case:
    """Edit a valid Spec; expect a problem in ``file`` at ``field`` naming value and allowed."""

    edit: Callable[[Spec], object]
    file: str
    field: str
    value: str
    allowed: str


def _set(mapping: dict[str, Any], key: str, value: object) -> None:
    mapping[key] = value


def _del(mapping: dict[str, Any], key: str) -> None:
    del mapping[key]


def _integer_distribution(s: Spec) -> None:
    del s.params["horizon_rounds"]["value"]
    s.params["horizon_rounds"]["distribution"] = {"kind": "uniform", "low": 6, "high": 12}


TOML = "scenario.toml"
STATES = "states.csv"
TIES = "ties.csv"

CASES: dict[str, Case] = {
    "missing required key": Case(
        lambda s: _del(s.toml, "start"), TOML, "start", "None", "required key is missing"
    ),
    "unknown key (typo)": Case(
        lambda s: _set(s.toml, "descripton", "x"),
        TOML,
        "descripton",
        "'x'",
        "did you mean 'description'",
    ),
    "unknown key in a parameter": Case(
        lambda s: _set(s.params["backstop"], "sorce", "x"),
        TOML,
        "sorce",
        "'x'",
        "did you mean 'source'",
    ),
    "wrong type (string for a number)": Case(
        lambda s: _set(s.params["backstop"], "value", "high"),
        TOML,
        "value",
        "'high'",
        "a finite number in [0, 1]",
    ),
    "wrong type (name)": Case(
        lambda s: _set(s.toml, "name", 5), TOML, "name", "5", "lower-case letters"
    ),
    "parameter value outside its range": Case(
        lambda s: _set(s.params["backstop"], "value", 1.5),
        TOML,
        "value",
        "1.5",
        "a finite number in [0, 1]",
    ),
    "TOML nan": Case(
        lambda s: _set(s.params["backstop"], "value", math.nan),
        TOML,
        "value",
        "nan",
        "nan and inf are not allowed",
    ),
    "TOML inf in a range": Case(
        lambda s: _set(s.params["backstop"], "range", [0.0, math.inf]),
        TOML,
        "range",
        "inf",
        "nan and inf are not allowed",
    ),
    "TOML inf in a resolution text": Case(
        lambda s: _set(s.toml["resolutions"][0], "text", {"territory": math.inf}),
        TOML,
        "text.territory",
        "inf",
        "in [0, 1]",
    ),
    "CSV nan": Case(
        lambda s: _set(s.state("UKR"), "capability", "nan"),
        STATES,
        "capability",
        "nan",
        "nan and inf are not allowed",
    ),
    "CSV inf": Case(
        lambda s: _set(s.state("RUS"), "exposure", "inf"),
        STATES,
        "exposure",
        "inf",
        "nan and inf are not allowed",
    ),
    "CSV not a number": Case(
        lambda s: _set(s.state("RUS"), "capability", "big"),
        STATES,
        "capability",
        "'big'",
        "a finite number >= 0",
    ),
    "position outside [0,1]": Case(
        lambda s: _set(s.state("USA"), "pos_territory", "1.2"),
        STATES,
        "pos_territory",
        "1.2",
        "in [0, 1]",
    ),
    "salience outside [0,1]": Case(
        lambda s: _set(s.state("USA"), "sal_foreign_forces", "-0.1"),
        STATES,
        "sal_foreign_forces",
        "-0.1",
        "in [0, 1]",
    ),
    "negative capability": Case(
        lambda s: _set(s.state("UKR"), "capability", "-1"), STATES, "capability", "-1", ">= 0"
    ),
    "negative troop_capacity": Case(
        lambda s: _set(s.state("USA"), "troop_capacity", "-5"),
        STATES,
        "troop_capacity",
        "-5",
        "an integer >= 0",
    ),
    "non-integer troop_capacity": Case(
        lambda s: _set(s.state("USA"), "troop_capacity", "10.5"),
        STATES,
        "troop_capacity",
        "10.5",
        "an integer >= 0",
    ),
    "bad force_candidate": Case(
        lambda s: _set(s.state("USA"), "force_candidate", "yes"),
        STATES,
        "force_candidate",
        "yes",
        "true or false",
    ),
    "bad sc_seat": Case(
        lambda s: _set(s.state("USA"), "sc_seat", "P5"),
        STATES,
        "sc_seat",
        "P5",
        "permanent, elected",
    ),
    "duplicate iso3": Case(
        lambda s: _set(s.state("USA"), "iso3", "RUS"), STATES, "iso3", "RUS", "unique"
    ),
    "malformed iso3": Case(
        lambda s: _set(s.state("USA"), "iso3", "Usa"), STATES, "iso3", "Usa", "3 upper-case letters"
    ),
    "empty state source": Case(
        lambda s: _set(s.state("USA"), "source", ""), STATES, "source", "''", "non-empty citation"
    ),
    "unknown iso3 in ties": Case(
        lambda s: _set(s.ties[0], "to", "XYZ"), TIES, "to", "XYZ", "an iso3 of states.csv"
    ),
    "a tie to itself": Case(
        lambda s: _set(s.ties[0], "to", "UKR"), TIES, "to", "UKR", "a tie to itself"
    ),
    "tie weight 0": Case(
        lambda s: _set(s.ties[0], "weight", "0"), TIES, "weight", "0", "in (0, 1]"
    ),
    "unknown tie kind": Case(
        lambda s: _set(s.ties[0], "kind", "aliance"),
        TIES,
        "kind",
        "aliance",
        "did you mean 'alliance'",
    ),
    "duplicate tie": Case(
        lambda s: s.ties.append({**s.ties[0], "from": "USA", "to": "UKR"}),
        TIES,
        "to",
        "UKR",
        "one tie per pair and kind",
    ),
    "unknown iso3 in roles": Case(
        lambda s: _set(s.toml["roles"], "guarantor", "GBR"),
        TOML,
        "guarantor",
        "GBR",
        "an iso3 of states.csv",
    ),
    "malformed iso3 in roles": Case(
        lambda s: _set(s.toml["roles"], "veto_players", ["UKR", "rus"]),
        TOML,
        "veto_players",
        "rus",
        "3 upper-case letters",
    ),
    "victim not a belligerent": Case(
        lambda s: _set(s.toml["roles"], "victim", "USA"),
        TOML,
        "victim",
        "USA",
        "one of the belligerents",
    ),
    "lead nation not a force candidate": Case(
        lambda s: _set(s.toml["roles"], "lead_nations", ["UKR"]),
        TOML,
        "lead_nations",
        "UKR",
        "force candidate",
    ),
    "security_dimension unknown": Case(
        lambda s: _set(s.toml["roles"], "security_dimension", "security"),
        TOML,
        "security_dimension",
        "security",
        "one of: territory, foreign_forces",
    ),
    "resolution text names an unknown dimension": Case(
        lambda s: _set(s.toml["resolutions"][0], "text", {"territori": 0.1}),
        TOML,
        "text",
        "territori",
        "did you mean 'territory'",
    ),
    "resolution status_quo names an unknown dimension": Case(
        lambda s: _set(s.toml["resolutions"][0], "status_quo", {"sanctions": 0.1}),
        TOML,
        "status_quo",
        "sanctions",
        "a dimension of the scenario",
    ),
    "resolution amends an unknown id": Case(
        lambda s: _set(s.toml["resolutions"][1], "amends", "R9"),
        TOML,
        "amends",
        "R9",
        "the id of another resolution",
    ),
    "duplicate resolution id": Case(
        lambda s: _set(s.toml["resolutions"][1], "id", "R1"),
        TOML,
        "id",
        "R1",
        "not used by another resolution",
    ),
    "general assembly without session": Case(
        lambda s: _del(s.toml["resolutions"][0], "session"),
        TOML,
        "session",
        "None",
        "emergency_special, regular",
    ),
    "unknown forum": Case(
        lambda s: _set(s.toml["resolutions"][0], "forum", "assembly"),
        TOML,
        "forum",
        "assembly",
        "general_assembly, security_council",
    ),
    "distribution low > high": Case(
        lambda s: _set(
            s.params["acceptance_noise"],
            "distribution",
            {"kind": "uniform", "low": 0.5, "high": 0.2},
        ),
        TOML,
        "distribution.low",
        "0.5",
        "<= distribution.high",
    ),
    "distribution bounds outside range": Case(
        lambda s: _set(
            s.params["acceptance_noise"],
            "distribution",
            {"kind": "uniform", "low": 0.0, "high": 2.0},
        ),
        TOML,
        "distribution.high",
        "2.0",
        "in [0.01, 1]",
    ),
    "distribution unknown kind": Case(
        lambda s: _set(
            s.params["acceptance_noise"], "distribution", {"kind": "gauss", "low": 0.1, "high": 0.2}
        ),
        TOML,
        "distribution.kind",
        "gauss",
        "uniform, normal, triangular",
    ),
    "distribution missing key": Case(
        lambda s: _set(
            s.params["acceptance_noise"],
            "distribution",
            {"kind": "normal", "low": 0.1, "high": 0.3, "mean": 0.2},
        ),
        TOML,
        "distribution.sd",
        "None",
        "required for a normal distribution",
    ),
    "normal sd <= 0": Case(
        lambda s: _set(
            s.params["acceptance_noise"],
            "distribution",
            {"kind": "normal", "low": 0.1, "high": 0.3, "mean": 0.2, "sd": 0.0},
        ),
        TOML,
        "distribution.sd",
        "0.0",
        "> 0",
    ),
    "both value and distribution": Case(
        lambda s: _set(s.params["acceptance_noise"], "value", 0.2),
        TOML,
        "value",
        "0.2",
        "exactly one of value or distribution",
    ),
    "parameter without source": Case(
        lambda s: _del(s.params["backstop"], "source"),
        TOML,
        "source",
        "None",
        "required key is missing",
    ),
    "parameter with empty source": Case(
        lambda s: _set(s.params["backstop"], "source", "  "),
        TOML,
        "source",
        "'  '",
        "a non-empty citation",
    ),
    "unit not in UNITS": Case(
        lambda s: _set(s.params["backstop"], "unit", "percent"),
        TOML,
        "unit",
        "percent",
        "one of: share, probability",
    ),
    "unit not the catalogue's": Case(
        lambda s: _set(s.params["backstop"], "unit", "probability"),
        TOML,
        "unit",
        "probability",
        "'share', the catalogue's unit for backstop",
    ),
    "missing catalogue parameter": Case(
        lambda s: _del(s.params, "backstop"),
        TOML,
        "backstop",
        "None",
        "required parameter is missing (share",
    ),
    "misspelt catalogue parameter": Case(
        lambda s: s.params.update(backstp=s.params.pop("backstop")),
        TOML,
        "backstop",
        "None",
        "is [parameters.backstp] a misspelling?",
    ),
    "missing fighting_on_xxx": Case(
        lambda s: _del(s.params, "fighting_on_rus"),
        TOML,
        "fighting_on_rus",
        "None",
        "required parameter is missing (utility",
    ),
    "missing battlefield_trend_xxx": Case(
        lambda s: _del(s.params, "battlefield_trend_ukr"),
        TOML,
        "battlefield_trend_ukr",
        "None",
        "required parameter is missing (utility/month",
    ),
    "non-integer value for an integer parameter": Case(
        lambda s: _set(s.params["horizon_rounds"], "value", 12.5),
        TOML,
        "value",
        "12.5",
        "an integer in [1, 120]",
    ),
    "distribution for an integer parameter": Case(
        _integer_distribution,
        TOML,
        "distribution",
        "uniform",
        "integer parameters have no distribution",
    ),
    "bad range": Case(
        lambda s: _set(s.params["backstop"], "range", [1.0, 0.0]),
        TOML,
        "range",
        "[1.0, 0.0]",
        "low <= high",
    ),
    "event names an unknown parameter": Case(
        lambda s: _set(s.toml["events"][0], "parameter", "bakstop"),
        TOML,
        "parameter",
        "bakstop",
        "did you mean 'backstop'",
    ),
    "event round < 1": Case(
        lambda s: _set(s.toml["events"][1], "round", 0), TOML, "round", "0", "an integer >= 1"
    ),
    "event value outside the parameter's range": Case(
        lambda s: _set(s.toml["events"][0], "value", 3.0), TOML, "value", "3.0", "in [0, 1]"
    ),
    "event unknown kind": Case(
        lambda s: _set(s.toml["events"][2], "kind", "quit_force"),
        TOML,
        "kind",
        "quit_force",
        "leave_force",
    ),
    "event field not used by its kind": Case(
        lambda s: _set(s.toml["events"][2], "to", 0.3),
        TOML,
        "to",
        "0.3",
        "not used by a leave_force event",
    ),
    "event unknown dimension": Case(
        lambda s: _set(s.toml["events"][1], "dimension", "alignment"),
        TOML,
        "dimension",
        "alignment",
        "one of: territory, foreign_forces",
    ),
    "event unknown iso3": Case(
        lambda s: _set(s.toml["events"][1], "iso3", "CHN"),
        TOML,
        "iso3",
        "CHN",
        "an iso3 of states.csv",
    ),
    "start not YYYY-MM": Case(
        lambda s: _set(s.toml, "start", "Feb 2025"), TOML, "start", "Feb 2025", "YYYY-MM"
    ),
    "time_step not month": Case(
        lambda s: _set(s.toml, "time_step", "week"), TOML, "time_step", "week", "one of: month"
    ),
    "duplicate dimension": Case(
        lambda s: s.toml["dimensions"].append(dict(s.toml["dimensions"][0])),
        TOML,
        "name",
        "territory",
        "not used by another dimension",
    ),
    "empty states table": Case(
        lambda s: s.states.clear(), STATES, "rows", "0", "at least one state"
    ),
    "fact not a boolean": Case(
        lambda s: _set(s.params["war_months_before_start"], "fact", "yes"),
        TOML,
        "fact",
        "'yes'",
        "true or false",
    ),
    "fact given as a distribution": Case(
        lambda s: _set(s.params["acceptance_noise"], "fact", True),
        TOML,
        "fact",
        "True",
        "a fact is one value",
    ),
    "fact that is an ASSUMPTION": Case(
        lambda s: _set(s.params["backstop"], "fact", True),
        TOML,
        "fact",
        "True",
        "a fact cites where the value comes from",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_is_named(case: Case, tmp_path: Path) -> None:
    scenario = Spec()
    case.edit(scenario)
    directory = scenario.write(tmp_path / "bad")
    find(problems_of(directory), case.file, case.field, case.value, case.allowed)


def test_a_boolean_is_shown_as_the_file_spells_it(tmp_path: Path) -> None:
    scenario = Spec()
    scenario.params["backstop"]["fact"] = True
    p = find(problems_of(scenario.write(tmp_path / "s")), TOML, "fact", "True", "a fact cites")
    assert "fact = true:" in str(p)


# --- files, encodings and CSV shape --------------------------------------------------------


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    d = make_scenario(tmp_path / "s")
    text = (d / TOML).read_text().replace('time_step = "month"', "time_step = month")
    (d / TOML).write_text(text)
    p = find(problems_of(d), TOML, "syntax", "Invalid value", "valid TOML")
    assert p.where.startswith("line 4")


def test_missing_directory(tmp_path: Path) -> None:
    find(
        problems_of(tmp_path / "nowhere"), "nowhere", "directory", "nowhere", "a scenario directory"
    )


def test_unknown_builtin_name() -> None:
    find(problems_of("no-such-scenario"), "no-such-scenario", "directory", "no-such", "built-in")


@pytest.mark.parametrize("name", [TOML, STATES, TIES])
def test_missing_file(name: str, tmp_path: Path) -> None:
    d = make_scenario(tmp_path / "s")
    (d / name).unlink()
    find(problems_of(d), name, "file", name, "required file is missing")


def test_csv_missing_a_column(tmp_path: Path) -> None:
    scenario = Spec()
    for row in scenario.states:
        del row["bloc"]
    find(problems_of(scenario.write(tmp_path / "s")), STATES, "header", "bloc", "required column")


def test_csv_unknown_column(tmp_path: Path) -> None:
    scenario = Spec()
    for row in scenario.states:
        row["capabilty"] = row.pop("capability")
    problems = problems_of(scenario.write(tmp_path / "s"))
    find(problems, STATES, "header", "capabilty", "did you mean 'capability'")


def test_csv_row_with_wrong_number_of_fields(tmp_path: Path) -> None:
    d = make_scenario(tmp_path / "s")
    with (d / TIES).open("a", encoding="utf-8") as f:
        f.write("UKR,RUS,0.5\n")
    p = find(problems_of(d), TIES, "fields", "3", "5 fields as in the header")
    assert p.where == "line 4"
    assert "UKR,RUS" not in str(p)  # the line is located, never quoted (issue 16)


@pytest.mark.parametrize("name", [TOML, STATES])
def test_non_utf8_file(name: str, tmp_path: Path) -> None:
    d = make_scenario(tmp_path / "s")
    data = (d / name).read_bytes().replace(b"Ukraine", "Ukra\u00efne".encode("latin-1"), 1)
    data = data.replace(b"three-state", "thr\u00e9e-state".encode("latin-1"), 1)
    (d / name).write_bytes(data)
    find(problems_of(d), name, "encoding", "\\x", "UTF-8")


def test_all_problems_are_collected(tmp_path: Path) -> None:
    scenario = Spec()
    scenario.params["backstop"]["value"] = 2.0
    scenario.state("UKR")["capability"] = "-1"
    scenario.ties[0]["to"] = "UKR"
    del scenario.params["fighting_on_rus"]
    problems = problems_of(scenario.write(tmp_path / "s"))
    assert {Path(p.file).name for p in problems} == {TOML, STATES, TIES}
    assert len(problems) >= 4


# --- variants (based_on) -----------------------------------------------------------------


def _variant(directory: Path, based_on: str, **extra: object) -> Path:
    directory.mkdir(parents=True)
    data = {"name": directory.name, "based_on": based_on, **extra}
    (directory / TOML).write_text(dump_toml(data), encoding="utf-8")
    return directory


def test_based_on_cycle(tmp_path: Path) -> None:
    _variant(tmp_path / "a", "../b")
    _variant(tmp_path / "b", "../a")
    find(problems_of(tmp_path / "a"), TOML, "based_on", "../", "cycle")


def test_based_on_unknown_builtin(tmp_path: Path) -> None:
    v = _variant(tmp_path / "v", "no-such-base")
    find(problems_of(v), TOML, "based_on", "no-such-base", "unknown base")


def test_based_on_unknown_path(tmp_path: Path) -> None:
    v = _variant(tmp_path / "v", "../missing")
    find(problems_of(v), TOML, "based_on", "../missing", "unknown base")


def test_based_on_absolute_path(tmp_path: Path) -> None:
    make_scenario(tmp_path / "base")
    v = _variant(tmp_path / "v", str((tmp_path / "base").resolve()))
    find(problems_of(v), TOML, "based_on", "base", "a relative path, not an absolute one")


def test_based_on_outside_the_scenario_tree(tmp_path: Path) -> None:
    make_scenario(tmp_path / "base")
    v = _variant(tmp_path / "tree" / "v", "../../base")
    find(problems_of(v), TOML, "based_on", "../../base", "stays inside the scenarios tree")


def test_variant_change_without_source(tmp_path: Path) -> None:
    make_scenario(tmp_path / "base")
    v = _variant(tmp_path / "v", "../base", parameters={"backstop": {"value": 0.9}})
    find(problems_of(v), TOML, "source", "None", "gives its source")


def test_a_variant_that_changes_a_facts_value_no_longer_calls_it_a_fact(tmp_path: Path) -> None:
    base = Spec()
    base.params["war_months_before_start"].update(fact=True, source="the war began in 2022-02")
    base.write(tmp_path / "base")
    same = {"war_months_before_start": {"description": "age of the war"}}
    moved = {"war_months_before_start": {"value": 60.0, "source": "ASSUMPTION: what if"}}
    kept = load_scenario(_variant(tmp_path / "same", "../base", parameters=same))
    changed = load_scenario(_variant(tmp_path / "moved", "../base", parameters=moved))
    assert kept.parameters["war_months_before_start"].fact
    assert not changed.parameters["war_months_before_start"].fact
    again = load_scenario(kept.write(tmp_path / "again"))  # the writer keeps the flag
    assert again.parameters["war_months_before_start"].fact


def test_variant_problem_names_the_variant_file(tmp_path: Path) -> None:
    make_scenario(tmp_path / "base")
    bad = {"backstop": {"value": 1.9, "source": "ASSUMPTION: x"}}
    v = _variant(tmp_path / "v", "../base", parameters=bad)
    p = find(problems_of(v), TOML, "value", "1.9", "in [0, 1]")
    assert Path(p.file).parent.name == "v"


# --- Scenario.with_parameters --------------------------------------------------------------


def test_with_parameters_unknown_name(tmp_path: Path) -> None:
    s = load_scenario(make_scenario(tmp_path / "s"))
    with pytest.raises(ScenarioError) as info:
        s.with_parameters({"bakstop": 0.2})
    find(info.value.problems, "s", "bakstop", "0.2", "did you mean 'backstop'")


def test_with_parameters_out_of_range(tmp_path: Path) -> None:
    s = load_scenario(make_scenario(tmp_path / "s"))
    with pytest.raises(ScenarioError) as info:
        s.with_parameters({"backstop": 1.2, "horizon_rounds": 7.5})
    find(info.value.problems, "s", "value", "1.2", "in [0, 1]")
    find(info.value.problems, "s", "value", "7.5", "an integer in [1, 120]")


def test_self_weight_takes_no_distribution(tmp_path: Path) -> None:
    scenario = Spec()
    scenario.params["self_weight"] = {
        "distribution": {"kind": "uniform", "low": 0.2, "high": 0.8},
        "unit": "weight",
        "range": [0.0, 1.0],
        "source": "ASSUMPTION: test",
    }
    problems = problems_of(scenario.write(tmp_path / "s"))
    find(problems, "scenario.toml", "distribution", "uniform", "same in every replication")
