"""Validation (experiments/): the committed hindcast's shape, no 2025 per-state vote in the model's
inputs, and a small hindcast that repeats exactly."""

from __future__ import annotations

import csv
import importlib
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "experiments" / "results"
SOURCES = ROOT / "scenarios" / "sources" / "ukraine-2025"
SYMBOLS = {"A/RES/ES-11/7", "A/RES/ES-11/8", "S/RES/2774"}
COLUMNS = ["resolution", "iso3", "p_yes", "p_no", "p_abstain", "p_absent", "predicted"]


@pytest.fixture(scope="module")
def hindcast():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "experiments"))
    try:
        yield importlib.import_module("hindcast_un_2025")
    finally:
        sys.path.remove(str(ROOT / "experiments"))


def test_hindcast_csv_has_the_columns_and_the_three_symbols() -> None:
    votes = pd.read_csv(RESULTS / "hindcast_un_2025_votes.csv")
    assert list(votes.columns) == COLUMNS
    assert set(votes["resolution"]) == SYMBOLS
    counts = votes["resolution"].value_counts()
    assert counts["A/RES/ES-11/7"] == counts["A/RES/ES-11/8"] == 193
    assert counts["S/RES/2774"] == 15
    p = votes[["p_yes", "p_no", "p_abstain", "p_absent"]].sum(axis=1)
    assert ((p - 1).abs() < 1e-3).all()
    assert set(votes["predicted"]) <= {"Y", "N", "A", "X"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_scenario_sources_hold_no_2025_per_state_vote() -> None:
    """No file the build could read has a per-state vote row dated 2025 or later."""
    for path in sorted(SOURCES.rglob("*.csv")):
        rows = _rows(path)
        if not rows or not {"iso3", "vote"} <= set(rows[0]):
            continue
        late = [r for r in rows if r.get("date", "") > "2023-12-31"]
        assert not late, f"{path}: per-state votes dated after 2023: {late[:3]}"


def test_build_reads_only_votes_up_to_2023() -> None:
    from builds import ukraine_2025 as b

    assert b.LAST_VOTE_DATE <= "2023-12-31"
    assert "un_vote_totals.csv" not in b.INPUT_FILES
    votes = [f for f in b.INPUT_FILES if "vote" in f]
    assert votes == [
        "un_votes_ukraine_2022_2023.csv",
        "../un/dimension_votes_2014_2019.csv",
        "../un/split_votes_rus_ukr_2018_2019.csv",
    ]
    for name in votes:
        dates = {r["date"] for r in _rows(SOURCES / name)}
        assert max(dates) <= "2023-12-31"


def test_named_2025_votes_are_evaluation_data_only() -> None:
    """The named 2025 votes live in experiments/data and no model code reads them."""
    named = ROOT / "experiments" / "data" / "un_2025_named_votes.csv"
    assert named.exists()
    pattern = re.compile(r"un_2025_named_votes|experiments[/.]data")
    for package in ("scenarios", "model", "agents", "viz"):
        for path in (ROOT / package).rglob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path
    builtin = ROOT / "scenarios" / "builtin"
    for path in builtin.rglob("*"):
        if path.is_file():
            assert "2025-02-24" not in path.read_text(encoding="utf-8"), path


def test_small_hindcast_is_deterministic(hindcast) -> None:  # type: ignore[no-untyped-def]
    a = hindcast.run(60, write=False)
    b = hindcast.run(60, write=False)
    for key in ("votes", "tallies", "errors", "named"):
        pd.testing.assert_frame_equal(a[key], b[key])
    assert set(a["votes"]["resolution"]) == SYMBOLS
