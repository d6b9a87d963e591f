"""Texts as items: ideal points in states.csv, item parameters in scenario.toml, and the engine's
choice of vote rule per text (ODD 7.8; issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import model
from agents.rules.votes import VoteCode
from builds.ideal_positions import last_positions
from builds.ukraine_2025 import SOURCES, START_YEAR
from model.draws import replication_seeds
from model.stages.votes import item_probabilities
from model.world import compile_world
from scenarios import load_scenario
from tests.unit.scenario_factory import Spec
from tests.unit.test_scenario_errors import find, problems_of

TOML, STATES = "scenario.toml", "states.csv"
#: the opposite of their negotiated positions (UKR 0, RUS 1 on territory): UKR against R1, RUS for
IDEAL = {"UKR": ("-1.5", "0.5"), "RUS": ("2.0", "1.0"), "USA": ("1.0", "-1.0")}


def item(reference: str, b: list[float], c_no: float, c_abstain: float) -> dict[str, Any]:
    return {
        "reference": reference,
        "discrimination": b,
        "cut_no": c_no,
        "cut_abstain": c_abstain,
        "item_source": "ASSUMPTION: test",
    }


def with_items(s: Spec, b: list[float] | None = None, veto_cost: str = "") -> Spec:
    """Ideal points for every state, item parameters on R1 and S1 (the amendment keeps the
    margin rule)."""
    for row in s.states:
        row["ideal_1"], row["ideal_2"] = IDEAL[row["iso3"]]
        row["veto_cost"] = veto_cost if row["sc_seat"] == "permanent" else ""
    b = b if b is not None else [2.0, 0.0]
    s.toml["resolutions"][0] |= item("A/RES/ES-11/1", b, -1.0, 1.0)
    s.toml["resolutions"][2] |= item("A/RES/ES-11/1", b, -1.0, 1.0)
    return s


def _set(row: dict[str, Any], key: str, value: object) -> None:
    row[key] = value


def _drop(row: dict[str, Any], key: str) -> None:
    del row[key]


def _drop_column(s: Spec, column: str) -> int:
    for row in s.states:
        del row[column]
    return len(s.states)


ERRORS: dict[str, tuple[Callable[[Spec], object], str, str, str, str]] = {
    "ideal point not a number": (
        lambda s: _set(s.state("UKR"), "ideal_1", "west"),
        STATES,
        "ideal_1",
        "west",
        "a finite number in [-10, 10]",
    ),
    "ideal point missing for a member": (
        lambda s: _set(s.state("USA"), "ideal_2", ""),
        STATES,
        "ideal_2",
        "''",
        "a finite number in [-10, 10]",
    ),
    "ideal_1 without ideal_2": (
        lambda s: _drop_column(s, "ideal_2"),
        STATES,
        "header",
        "ideal_2",
        "required with ideal_1",
    ),
    "veto cost of an elected member": (
        lambda s: s.state("USA").update(sc_seat="elected", veto_cost="2"),
        STATES,
        "veto_cost",
        "2",
        "only a permanent member's no is a veto",
    ),
    "negative veto cost": (
        lambda s: _set(s.state("RUS"), "veto_cost", "-1"),
        STATES,
        "veto_cost",
        "-1",
        "a finite number in [0, 20]",
    ),
    "discrimination of the wrong length": (
        lambda s: _set(s.toml["resolutions"][0], "discrimination", [1.0]),
        TOML,
        "discrimination",
        "[1.0]",
        "a list of 2 finite numbers",
    ),
    "discrimination not a number": (
        lambda s: _set(s.toml["resolutions"][0], "discrimination", [1.0, "x"]),
        TOML,
        "discrimination",
        "'x'",
        "a finite number in [-50, 50]",
    ),
    "cut points out of order": (
        lambda s: _set(s.toml["resolutions"][0], "cut_abstain", -2.0),
        TOML,
        "cut_abstain",
        "-2.0",
        "at least cut_no",
    ),
    "item parameters without a reference": (
        lambda s: _drop(s.toml["resolutions"][0], "reference"),
        TOML,
        "reference",
        "None",
        "item parameters: all or none",
    ),
    "item parameters without a source": (
        lambda s: _set(s.toml["resolutions"][0], "item_source", ""),
        TOML,
        "item_source",
        "''",
        "a non-empty citation",
    ),
    "items but no ideal points": (
        lambda s: [_drop_column(s, c) for c in ("ideal_1", "ideal_2")],
        STATES,
        "header",
        "ideal_1",
        "resolutions with item parameters are voted on the states' ideal points",
    ),
}


@pytest.mark.parametrize("case", ERRORS.values(), ids=ERRORS.keys())
def test_bad_item_input_is_named(
    case: tuple[Callable[[Spec], object], str, str, str, str], tmp_path: Path
) -> None:
    edit, file, field, value, allowed = case
    s = with_items(Spec(), veto_cost="2.0")
    edit(s)
    find(problems_of(s.write(tmp_path / "bad")), file, field, value, allowed)


def test_items_round_trip_through_the_writer(tmp_path: Path) -> None:
    s = load_scenario(with_items(Spec(), veto_cost="2.5").write(tmp_path / "a"))
    again = load_scenario(s.write(tmp_path / "b"))
    assert again.content_hash == s.content_hash
    assert again.resolutions[0].discrimination == (2.0, 0.0)
    assert again.states[1].ideal == (2.0, 1.0) and again.states[1].veto_cost == 2.5


def test_scenario_without_items_keeps_its_hash(tmp_path: Path) -> None:
    """The optional columns and fields change nothing for a scenario that does not use them."""
    plain = load_scenario(Spec().write(tmp_path / "a"))
    assert plain.states[0].ideal is None and not plain.resolutions[0].has_item
    assert load_scenario(plain.write(tmp_path / "b")).content_hash == plain.content_hash


def test_rule_is_chosen_per_text(tmp_path: Path) -> None:
    """Known answer: a steep item splits the states by the sign of their first dimension (RUS,
    USA positive: yes; UKR: no), against what their negotiated positions would vote by the
    margin rule; the amendment, without item parameters, still follows the margin rule."""
    s = load_scenario(with_items(Spec(), b=[40.0, 0.0]).write(tmp_path / "s"))
    res = model.run_ensemble(s, 64, rng=3)
    votes = res.votes["R1"]
    held = votes[:, 0] != VoteCode.NOT_HELD
    row = {k: s.index(k) for k in IDEAL}
    present = votes[held] != VoteCode.ABSENT
    assert held.any() and present.any()
    assert np.all((votes[held][:, row["UKR"]] == VoteCode.NO) | ~present[:, row["UKR"]])
    assert np.all((votes[held][:, row["RUS"]] == VoteCode.YES) | ~present[:, row["RUS"]])
    margin_only = load_scenario(Spec().write(tmp_path / "m"))
    plain = model.run_ensemble(margin_only, 64, rng=3)
    assert np.array_equal(res.votes["R1-A1"], plain.votes["R1-A1"])


def test_veto_cost_turns_a_no_into_an_abstention(tmp_path: Path) -> None:
    """A permanent member that dislikes a text votes no without a veto cost, abstains with a
    large one; the same member in the Assembly is unaffected."""
    b = [-3.0, 0.0]
    free = compile_world(load_scenario(with_items(Spec(), b=b).write(tmp_path / "a")))
    costly = compile_world(
        load_scenario(with_items(Spec(), b=b, veto_cost="15").write(tmp_path / "b"))
    )
    rus = free.scenario.index("RUS")
    council = next(v for v in free.votes if v.forum == "security_council")
    assembly = free.votes[0]
    assert item_probabilities(free, council)[rus, VoteCode.NO] > 0.9
    p = item_probabilities(costly, council)[rus]
    assert p[VoteCode.NO] < 0.01 and p[VoteCode.ABSTAIN] > 0.9
    assert np.allclose(item_probabilities(free, assembly), item_probabilities(costly, assembly))


def test_replication_depends_only_on_its_seed(tmp_path: Path) -> None:
    s = load_scenario(with_items(Spec()).write(tmp_path / "s"))
    a = model.run_ensemble(s, 40, rng=11)
    b = model.run_ensemble(s, 40, rng=11, chunk=7)
    for k in ("R1", "S1"):
        assert np.array_equal(a.votes[k], b.votes[k])


# --- the ukraine-2025 build ----------------------------------------------------------------


def test_ukraine_states_carry_the_latest_ideal_point_before_the_start() -> None:
    s = load_scenario("ukraine-2025")
    assert int(s.start[:4]) == START_YEAR
    iso3s = list(s.iso3s)
    raw = pd.read_csv(SOURCES / "../un/ideal_points.csv")
    assert raw["year"].max() < START_YEAR
    pos = last_positions(raw, iso3s, START_YEAR - 1)
    got = np.array([row.ideal for row in s.states])
    assert np.allclose(got, pos[["dim1", "dim2"]].to_numpy(), atol=5e-5)
    costs = pd.read_csv(SOURCES / "../un/veto_costs.csv").set_index("iso3")["veto_cost"]
    for row in s.states:
        expected = costs[row.iso3] if row.sc_seat == "permanent" else None
        assert row.veto_cost == (None if expected is None else pytest.approx(expected, abs=5e-5))


def test_ukraine_items_are_their_reference_roll_calls() -> None:
    """Each text's item parameters are those of its reference roll call as fitted (no adjustment
    is declared), never fitted on the text's own votes (the 2025 votes are not in the fit)."""
    items = pd.read_csv(SOURCES / "../un/ideal_point_items.csv")
    assert items["year"].max() < START_YEAR
    rcid = {"A/RES/ES-11/1": 10001, "A/RES/ES-11/5": 10005, "A/RES/ES-11/6": 10006}
    texts = [r for r in load_scenario("ukraine-2025").resolutions if r.has_item]
    assert texts
    for r in texts:
        assert r.reference is not None
        ref = items.set_index("rcid").loc[rcid[r.reference]]
        assert r.discrimination == pytest.approx((ref["b1"], ref["b2"]), abs=1e-4)
        assert (r.cut_no, r.cut_abstain) == pytest.approx((ref["c1"], ref["c2"]), abs=1e-4)
        assert r.reference.split("/")[-1] in (r.item_source or "") or str(rcid[r.reference]) in (
            r.item_source or ""
        )


def test_mesa_run_replays_the_ensemble_votes(tmp_path: Path) -> None:
    """The Mesa model and the ensemble share the one stage: replication i's votes are replayed
    by ``AccordModel(rng=seed_i)``."""
    s = load_scenario(with_items(Spec(), veto_cost="2.0").write(tmp_path / "s"))
    res = model.run_ensemble(s, 20, rng=5)
    seeds = replication_seeds(5, 20)
    for i in (0, 7, 19):
        m = model.AccordModel(s, rng=seeds[i])
        while m.running:
            m.step()
        for k in ("R1", "S1"):
            got = m.votes(k)
            want = res.votes[k][i]
            if got is None:
                assert np.all(want == VoteCode.NOT_HELD)
            else:
                assert [int(v) for v in got] == [int(v) for v in want]
