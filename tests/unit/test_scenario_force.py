"""force.csv, the force candidates' table: loading, defaults, and one clear line per bad input
(through ``accord check``, exit status 2) (ODD 6, Input data; ODD 7.2)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scenarios import load_scenario
from tests.unit.scenario_factory import Spec, write_csv
from tests.unit.test_scenario_errors import find, problems_of

FORCE = "force.csv"


def _row(**kw: str) -> dict[str, str]:
    row = {
        "iso3": "USA",
        "record": "0.5",
        "milper": "1300",
        "in_europe": "false",
        "prior_approval": "false",
        "statement": "0",
        "conditional_on_backstop": "false",
        "source": "ASSUMPTION: test row",
    }
    row.update(kw)
    return row


def _write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    directory = Spec().write(tmp_path / "s")
    write_csv(directory / FORCE, rows, list(_row()))
    return directory


def test_force_table_is_loaded(tmp_path: Path) -> None:
    s = load_scenario(_write(tmp_path, [_row(statement="0.5", prior_approval="true")]))
    (row,) = s.force
    assert (row.iso3, row.record, row.milper, row.statement) == ("USA", 0.5, 1300.0, 0.5)
    assert row.prior_approval and not row.in_europe and not row.conditional_on_backstop


def test_without_a_force_table_there_are_no_rows(tmp_path: Path) -> None:
    assert load_scenario(Spec().write(tmp_path / "s")).force == ()


BAD = {
    "record above 1": (dict(record="1.5"), "record", "1.5", "[0, 1]"),
    "record not a number": (dict(record="often"), "record", "often", "a finite number"),
    "negative personnel": (dict(milper="-3"), "milper", "-3", ">= 0"),
    "statement outside -1..1": (dict(statement="2"), "statement", "2", "[-1, 1]"),
    "boolean misspelt": (dict(in_europe="yes"), "in_europe", "yes", "true or false"),
    "prior approval not boolean": (
        dict(prior_approval="1"),
        "prior_approval",
        "1",
        "true or false",
    ),
    "condition not boolean": (
        dict(conditional_on_backstop="maybe"),
        "conditional_on_backstop",
        "maybe",
        "true or false",
    ),
    "no source": (dict(source=""), "source", "''", "a non-empty citation"),
    "not a candidate": (dict(iso3="RUS"), "iso3", "RUS", "a force candidate of states.csv"),
}


@pytest.mark.parametrize("edit, field, value, allowed", BAD.values(), ids=BAD.keys())
def test_bad_cell_is_named(
    edit: dict[str, str], field: str, value: str, allowed: str, tmp_path: Path
) -> None:
    rows = [_row(**edit)] if edit.get("iso3") is None else [_row(), _row(**edit)]
    find(problems_of(_write(tmp_path, rows)), FORCE, field, value, allowed)


def test_repeated_candidate_is_named(tmp_path: Path) -> None:
    find(problems_of(_write(tmp_path, [_row(), _row()])), FORCE, "iso3", "USA", "unique")


def test_candidate_without_a_row_is_named(tmp_path: Path) -> None:
    spec = Spec()
    spec.state("RUS")["force_candidate"] = "true"
    spec.state("RUS")["troop_capacity"] = "5000"
    directory = spec.write(tmp_path / "s")
    write_csv(directory / FORCE, [_row()], list(_row()))
    find(problems_of(directory), FORCE, "iso3", "RUS", "a row for every force candidate")


def test_missing_column_is_named(tmp_path: Path) -> None:
    directory = Spec().write(tmp_path / "s")
    row = _row()
    del row["statement"]
    write_csv(directory / FORCE, [row], list(row))
    find(problems_of(directory), FORCE, "header", "statement", "required column")


def test_statements_are_dated_before_the_scenario_and_later_ones_are_evaluation_data() -> None:
    root = Path(__file__).resolve().parents[2]
    sources = root / "scenarios" / "sources" / "ukraine-2025" / "force_attributes.csv"
    with sources.open(encoding="utf-8", newline="") as f:
        dates = [r["statement_date"] for r in csv.DictReader(f) if r["statement_date"]]
    assert dates and max(dates) <= "2025-02-24"
    later = root / "experiments" / "data" / "force_statements_after_2025-02-24.csv"
    with later.open(encoding="utf-8", newline="") as f:
        assert all(r["date"] > "2025-02-24" for r in csv.DictReader(f))
    for package in ("scenarios", "model", "agents", "viz", "builds", "cli"):
        for path in (root / package).rglob("*.py"):
            assert "force_statements_after" not in path.read_text(encoding="utf-8"), path
