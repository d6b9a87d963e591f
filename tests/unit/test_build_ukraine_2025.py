"""The built-in ukraine-2025 scenario is rebuilt byte for byte from sources without 2025 votes."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

import pytest

from builds import ukraine_2025 as b
from scenarios.catalogue import CATALOGUE, PER_VETO_PLAYER, veto_parameter

BUILTIN = b.OUT.parent
VARIANTS = ("ukraine-2025-no-backstop", "ukraine-2025-strong-backstop", "ukraine-2025-un-mandate")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_build_reproduces_committed_files_byte_for_byte(tmp_path: Path) -> None:
    built = b.build(tmp_path)
    for path in built:
        assert path.read_bytes() == (b.OUT / path.name).read_bytes(), path.name
    # and a second build gives the same bytes again
    again = b.build(tmp_path / "again")
    for first, second in zip(built, again, strict=True):
        assert second.read_bytes() == first.read_bytes()


def test_inputs_hold_no_2025_per_state_votes() -> None:
    for name in b.INPUT_FILES:
        assert (b.SOURCES / name).is_file(), name
    # no roll-call file other than the 2022-2023 one is read
    assert not any("total" in n for n in b.INPUT_FILES)
    rollcalls = [n for n in b.INPUT_FILES if "vote" in n]
    assert rollcalls == [
        "un_votes_ukraine_2022_2023.csv",
        "../un/dimension_votes_2014_2019.csv",
        "../un/split_votes_rus_ukr_2018_2019.csv",
    ]
    # the roll calls before 2022 read on the dimensions are all dated 2014-2019
    for name in rollcalls[1:]:
        older = _rows(b.SOURCES / name)
        assert older and all("2014-01-01" <= r["date"] <= "2019-12-31" for r in older), name
    votes = _rows(b.SOURCES / rollcalls[0])
    assert votes, "empty roll call"
    assert all(r["date"] <= "2023-12-31" for r in votes)
    assert {r["resolution"] for r in votes} == {
        "A/RES/ES-11/1",
        "A/RES/ES-11/4",
        "A/RES/ES-11/5",
        "A/RES/ES-11/6",
    }
    # nothing in the sources tree is a 2025 per-state roll call (iso3 + vote columns, 2025 date)
    for path in sorted(b.SOURCES.rglob("*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            header = next(csv.reader(f), [])
        if "iso3" in header and "vote" in header:
            assert all(not r.get("date", "").startswith("2025") for r in _rows(path)), path


def test_build_refuses_a_2025_vote_row(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    text = (b.SOURCES / "un_votes_ukraine_2022_2023.csv").read_text(encoding="utf-8")
    text += "A/RES/ES-11/7,2025-02-24,USA,United States,N,complete_list,S3,\n"
    (src / "un_votes_ukraine_2022_2023.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="after 2023"):
        b.load_votes(src)


def test_states_and_ties_shape() -> None:
    states = _rows(b.OUT / "states.csv")
    assert len(states) == 193
    iso3s = [r["iso3"] for r in states]
    assert len(set(iso3s)) == 193
    assert iso3s == sorted(iso3s)
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in iso3s)
    assert list(states[0]) == b.STATE_COLUMNS
    for r in states:
        for d in b.DIMENSIONS:
            assert 0.0 <= float(r[f"pos_{d}"]) <= 1.0
            assert 0.0 <= float(r[f"sal_{d}"]) <= 1.0
        assert float(r["capability"]) > 0.0
        assert 0.02 <= float(r["p_absent"]) <= 0.5
        assert r["source"]
    seats = {r["iso3"]: r["sc_seat"] for r in states if r["sc_seat"]}
    assert sorted(k for k, v in seats.items() if v == "permanent") == sorted(b.SC_PERMANENT)
    assert sorted(k for k, v in seats.items() if v == "elected") == sorted(b.SC_ELECTED_2025)

    ties = _rows(b.OUT / "ties.csv")
    assert 0 < len(ties) <= 5000
    keys = [(t["from"], t["to"], t["kind"]) for t in ties]
    assert len(set(keys)) == len(keys)
    assert all(t["from"] < t["to"] for t in ties)
    assert all(0.0 < float(t["weight"]) <= 1.0 and t["source"] for t in ties)
    assert set(t["from"] for t in ties) | set(t["to"] for t in ties) <= set(iso3s)


def test_scenario_toml_declares_every_catalogue_parameter() -> None:
    data = tomllib.loads((b.OUT / "scenario.toml").read_text(encoding="utf-8"))
    params = data["parameters"]
    vetoes = data["roles"]["veto_players"]
    need = set(CATALOGUE) | {veto_parameter(k, i) for k in PER_VETO_PLAYER for i in vetoes}
    assert need == set(params)
    for name, p in params.items():
        entry = CATALOGUE.get(name) or PER_VETO_PLAYER[name.rsplit("_", 1)[0]]
        assert p["unit"] == entry.unit, name
        assert p["source"].strip(), name
        assert ("value" in p) != ("distribution" in p), name
    for v in VARIANTS:
        vd = tomllib.loads((BUILTIN / v / "scenario.toml").read_text(encoding="utf-8"))
        assert vd["based_on"] == "ukraine-2025" and vd["name"] == v


def test_load_scenario_and_variants() -> None:
    scenarios = pytest.importorskip("scenarios")
    load = getattr(scenarios, "load_scenario", None)
    if load is None:
        pytest.skip("scenarios.load_scenario not available yet")
    s = load("ukraine-2025")
    assert len(s.states) == 193
    assert s.dimension_names == b.DIMENSIONS
    assert len(s.ties) > 0
    base_b = s.parameters["backstop"].central
    for v in VARIANTS:
        sv = load(v)
        assert len(sv.states) == 193
        assert sv.dimension_names == b.DIMENSIONS
    assert load("ukraine-2025-no-backstop").parameters["backstop"].central == 0.0
    assert load("ukraine-2025-strong-backstop").parameters["backstop"].central > base_b
    mandated = [r for r in load("ukraine-2025-un-mandate").resolutions if r.mandates_force]
    assert len(mandated) == 1 and mandated[0].forum == "security_council"
