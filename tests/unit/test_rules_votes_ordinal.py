"""Ordinal vote probabilities, the veto's cost and patron following (ODD 7.8)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from agents.rules.votes import (
    VoteCode,
    draw_ordinal_votes,
    follow_patron,
    ordinal_vote_probabilities,
    patron_pull_weight,
    text_veto_cost,
)

finite = st.floats(-4.0, 4.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    x=st.lists(st.tuples(finite, finite), min_size=1, max_size=6),
    b1=finite,
    b2=finite,
    c1=finite,
    gap=st.floats(0.0, 4.0),
    cost=st.floats(0.0, 5.0),
)
def test_probabilities_sum_to_one(x, b1, b2, c1, gap, cost) -> None:
    p = ordinal_vote_probabilities(np.array(x), [b1, b2], c1, c1 + gap, no_cost=cost)
    assert p.shape == (len(x), 3)
    assert np.all(p >= 0.0)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)


def test_monotone_in_the_margin() -> None:
    x = np.linspace(-3, 3, 61)[:, None]
    p = ordinal_vote_probabilities(x, [1.5], -1.0, 0.5)
    assert np.all(np.diff(p[:, VoteCode.YES]) > 0)
    assert np.all(np.diff(p[:, VoteCode.NO]) < 0)
    # abstention peaks between the two cut points
    peak = x[np.argmax(p[:, VoteCode.ABSTAIN]), 0]
    assert -1.0 / 1.5 <= peak <= 0.5 / 1.5


def test_loads_on_ignores_other_dimensions() -> None:
    x = np.array([[0.5, -3.0], [0.5, 3.0]])
    p = ordinal_vote_probabilities(x, [1.0, 2.0], -0.5, 0.5, loads_on=[True, False])
    np.testing.assert_allclose(p[0], p[1])


def test_batch_shapes_broadcast() -> None:
    x = np.zeros((4, 5, 2))  # (R, N, K)
    p = ordinal_vote_probabilities(x, np.ones((4, 2)), np.zeros(4), np.ones(4))
    assert p.shape == (4, 5, 3)


def test_veto_cost_moves_no_to_abstain() -> None:
    x = np.array([[-1.0], [-1.0]])
    permanent = np.array([True, False])
    cost = text_veto_cost(permanent, False, 2.0, 0.0)
    np.testing.assert_array_equal(cost, [2.0, 0.0])
    p = ordinal_vote_probabilities(x, [1.0], -0.5, 0.5, no_cost=cost)
    assert p[0, VoteCode.NO] < p[1, VoteCode.NO]
    assert p[0, VoteCode.ABSTAIN] > p[1, VoteCode.ABSTAIN]
    assert (
        p[0, VoteCode.YES] == p[1, VoteCode.YES]
    )  # the cost changes how a member says no, not whether it agrees


def test_targeted_text_lowers_the_veto_cost_of_the_member_it_targets() -> None:
    # three permanent members and an elected one; the text targets member 0 and the elected one
    permanent = np.array([True, True, True, False])
    targeted = np.array([True, False, False, True])
    cost = text_veto_cost(permanent, targeted, np.array([2.0, 2.0, 5.0, 0.0]), 0.05)
    np.testing.assert_allclose(cost, [0.05, 2.0, 5.0, 0.0])  # elected members pay nothing
    x = np.full((4, 1), -1.0)
    p = ordinal_vote_probabilities(x, [1.0], -0.5, 0.5, no_cost=cost)
    # same dislike: the targeted member says no (a veto), the untargeted one abstains
    assert np.argmax(p[0]) == VoteCode.NO and np.argmax(p[1]) == VoteCode.ABSTAIN
    assert p[0, VoteCode.NO] > p[1, VoteCode.NO] > p[2, VoteCode.NO]
    np.testing.assert_allclose(p[:, VoteCode.YES], p[0, VoteCode.YES])


def test_targeted_veto_cost_batches() -> None:
    permanent = np.array([True, False, True])
    targeted = np.array([[True, False, False], [False, False, True]])  # (R, N): per replication
    cost = text_veto_cost(permanent, targeted, np.array([2.0, 0.0, 3.0]), -1.0)
    np.testing.assert_allclose(cost, [[-1.0, 0.0, 3.0], [2.0, 0.0, -1.0]])


def test_follow_patron_mixes() -> None:
    own = np.array([[0.1, 0.8, 0.1], [0.9, 0.05, 0.05], [0.2, 0.2, 0.6]])
    patron = np.array([1, -1, 1])
    out = follow_patron(own, patron, np.array([1.0, 0.7, 0.25]))
    np.testing.assert_allclose(out[0], own[1])  # full weight: the patron's vote
    np.testing.assert_allclose(out[1], own[1])  # no patron: unchanged
    np.testing.assert_allclose(out[2], 0.75 * own[2] + 0.25 * own[1])
    np.testing.assert_allclose(out.sum(axis=-1), 1.0)


def test_patron_weight_grows_with_ties() -> None:
    w = patron_pull_weight([0.0, 0.1, 0.1, 0.1], [0, 0, 1, 1], [0, 0, 0, 1], 2.0, 1.0, 0.5)
    assert w[0] == 0.0
    assert np.all(np.diff(w) > 0) and np.all(w < 1.0)


def test_draw_matches_probabilities() -> None:
    rng = np.random.default_rng(0)
    p = np.tile([0.5, 0.2, 0.3], (20000, 1))
    v = draw_ordinal_votes(p, rng.random(20000), np.ones(20000), 0.0, True)
    freq = np.bincount(v, minlength=3)[:3] / 20000
    np.testing.assert_allclose(freq, [0.5, 0.2, 0.3], atol=0.015)
    coded = draw_ordinal_votes(p[:2], [0.1, 0.1], [0.0, 0.9], 0.5, [True, False])
    np.testing.assert_array_equal(coded, [VoteCode.ABSENT, VoteCode.NON_MEMBER])
