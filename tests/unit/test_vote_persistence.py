"""A state's own vote on a text's reference roll call (ODD 7.8; issue 12): the persistence rule,
the states.csv column that carries the votes, and the engine's use of both."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from agents.rules.votes import VoteCode, persist_on_reference
from model.stages.votes import item_probabilities
from model.world import compile_world
from scenarios import load_scenario
from tests.unit.scenario_factory import Spec
from tests.unit.test_scenario_errors import find, problems_of
from tests.unit.test_vote_items import with_items

RESULTS = Path(__file__).resolve().parents[2] / "experiments" / "results"
P = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])


def test_known_answer() -> None:
    """ρ = 0.5: half of each known state's mass moves to its reference vote; an unknown (−1)
    or absent reference vote leaves the state as it was."""
    ref = np.array([VoteCode.NO, -1, VoteCode.ABSENT])
    out = persist_on_reference(P, ref, 0.5)
    assert np.allclose(out[0], [0.3, 0.65, 0.05])
    assert np.allclose(out[1:], P[1:])


def test_batch_of_weights() -> None:
    """ρ per replication ``(R,)`` gives ``(R, N, 3)``; ρ = 0 is the model, ρ = 1 the copy."""
    ref = np.array([VoteCode.YES, VoteCode.ABSTAIN, VoteCode.NO])
    out = persist_on_reference(P, ref, np.array([0.0, 1.0]))
    assert out.shape == (2, 3, 3)
    assert np.allclose(out[0], P)
    assert np.array_equal(out[1], np.eye(3)[ref])


@given(
    arrays(float, (4, 3), elements=st.floats(0.01, 1.0)),
    arrays(np.int64, (4,), elements=st.integers(-1, 4)),
    st.floats(0.0, 1.0),
)
def test_probabilities_stay_probabilities(raw: np.ndarray, ref: np.ndarray, rho: float) -> None:
    p = raw / raw.sum(axis=1, keepdims=True)
    out = persist_on_reference(p, ref, rho)
    assert np.allclose(out.sum(axis=-1), 1.0)
    assert (out >= 0).all()
    known = ref <= VoteCode.ABSTAIN
    known &= ref >= 0
    assert np.all(out[known, ref[known]] >= p[known, ref[known]] - 1e-12)


def _with_reference_votes(s: Spec, rus: str) -> Spec:
    s = with_items(s, b=[2.0, 0.0])
    for row in s.states:
        row["reference_votes"] = ""
    s.state("RUS")["reference_votes"] = rus
    s.state("UKR")["reference_votes"] = "A/RES/ES-11/1=Y"
    return s


def test_engine_mixes_the_reference_vote_in_the_assembly_not_a_veto(tmp_path: Path) -> None:
    """RUS's recorded no on the reference raises its P(no) on the Assembly text to at least ρ;
    in the Council a permanent member's no stays a separate (costly) decision, not mixed with
    its Assembly vote."""
    w = compile_world(
        load_scenario(_with_reference_votes(Spec(), "A/RES/ES-11/1=N").write(tmp_path / "a"))
    )
    rus, usa = w.scenario.index("RUS"), w.scenario.index("USA")
    assembly = w.votes[0]
    council = next(
        v for v in w.votes if v.forum == "security_council" and v.discrimination is not None
    )
    assert assembly.reference_vote is not None
    assert assembly.reference_vote[usa] == -1
    base = item_probabilities(w, assembly)
    mixed = item_probabilities(w, assembly, 1.0, 0.7)
    assert mixed[rus, VoteCode.NO] >= 0.7
    assert np.allclose(mixed[usa], base[usa])
    ukr = w.scenario.index("UKR")
    assert w.permanent[rus] and not w.permanent[ukr]
    in_council = item_probabilities(w, council, 1.0, 0.7)
    assert np.allclose(in_council[rus], item_probabilities(w, council)[rus])
    assert in_council[ukr, VoteCode.YES] >= 0.7  # an elected member is scored like everyone


def test_temperature_scales_the_item() -> None:
    """A lower temperature flattens the item: the probabilities move towards each other."""
    w = compile_world(load_scenario("ukraine-2025"))
    es7 = next(v for v in w.votes if v.id == "A/RES/ES-11/7")
    sharp, flat = item_probabilities(w, es7, 1.0), item_probabilities(w, es7, 0.3)
    assert flat.max(axis=-1).mean() < sharp.max(axis=-1).mean()


def test_every_reference_of_ukraine_2025_has_recorded_votes() -> None:
    w = compile_world(load_scenario("ukraine-2025"))
    for v in w.votes:
        if v.discrimination is not None:
            assert v.reference_vote is not None, v.id
            assert (v.reference_vote >= 0).sum() >= 100, v.id


def test_a_bad_reference_vote_is_one_clear_problem(tmp_path: Path) -> None:
    bad = _with_reference_votes(Spec(), "A/RES/ES-11/1=maybe").write(tmp_path / "a")
    find(problems_of(bad), "states.csv", "reference_votes", "A/RES/ES-11/1=maybe", "one of Y, N, A")
    twice = _with_reference_votes(Spec(), "A/RES/ES-11/1=N;A/RES/ES-11/1=Y").write(tmp_path / "b")
    find(problems_of(twice), "states.csv", "reference_votes", "A/RES/ES-11/1=Y", "repeats")


def test_scenario_weights_are_the_fitted_ones() -> None:
    """vote_item_temperature and vote_persistence of ukraine-2025 are test 2's values fitted on
    training data by experiments/votes_out_of_sample.py (same-title references), not typed."""
    run = json.loads((RESULTS / "votes_oos_run.json").read_text())
    fitted = run["fitted_on_training_data"]["ES-11/4, 5, 6"]["calibration_2d"]
    params = load_scenario("ukraine-2025").parameters
    assert params["vote_item_temperature"].value == fitted["temp_family"]
    assert params["vote_persistence"].value == fitted["rho_family"]
