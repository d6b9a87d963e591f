"""Properties of the rules over random inputs (hypothesis): bounds that must always hold."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from agents.rules import (
    accept_probability,
    cast_votes,
    credibility,
    decide_pledges,
    force_adequacy,
    influence_weights,
    nash_bargaining,
    tally,
    update_positions,
)
from agents.rules.force_generation import JointWeights, offered_troops

unit = st.floats(0.0, 1.0, allow_nan=False)


def unit_array(shape):
    return arrays(np.float64, shape, elements=unit)


@settings(max_examples=60, deadline=None)
@given(
    unit_array((4, 3)),
    unit_array((4, 3)),
    unit_array((4,)),
    unit_array((4, 4)),
    unit_array((4,)),
    st.floats(0.0, 5.0),
)
def test_positions_stay_in_the_unit_cube(x, sal, cap, ties, lam, self_weight):
    ties = (ties + ties.T) / 2
    np.fill_diagonal(ties, 0.0)
    w = influence_weights(ties, cap, sal, self_weight)
    y = x
    for _ in range(5):
        y = update_positions(y, x, w, lam)
    assert np.all(y >= -1e-12) and np.all(y <= 1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (5, 3), elements=st.floats(-50, 50)), st.floats(0.001, 1.0))
def test_acceptance_is_a_probability(margin, tau):
    p = accept_probability(margin, tau)
    assert np.all((p >= 0) & (p <= 1))


@settings(max_examples=40, deadline=None)
@given(unit_array((3, 2)), unit_array((3, 2)), arrays(np.float64, (3,), elements=st.floats(0, 2)))
def test_proposal_lies_in_the_unit_cube_and_gains_match(x, s, off):
    p = nash_bargaining(x, s, off)
    assert np.all(p.terms >= -1e-12) and np.all(p.terms <= 1 + 1e-12)
    assert bool(p.feasible) == bool(p.gains.min() > 0)


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, (6,), elements=st.floats(0, 20_000)),
    arrays(np.float64, (2, 6), elements=st.floats(-3, 3)),
    unit_array((6,)),
    unit_array((2,)),
    st.floats(1.0, 50_000),
)
def test_troops_between_zero_and_capacity_and_credibility_in_unit_interval(cap, noise, sal, b, r):
    w = JointWeights(
        **{
            k: np.full(2, 0.5)
            for k in ("exposure", "backstop", "lead_absent", "free_riding", "conditional_backstop")
        }
    )
    lead = np.arange(6) < 2
    offer = offered_troops(np.full(2, r), cap, 1.0 + sal, lead, np.full(2, 0.25))
    p = decide_pledges(
        index=sal - 0.5,
        offer=offer,
        is_lead=lead,
        conditional=np.arange(6) == 5,
        exposure=sal,
        disposition=noise,
        weights=w,
        backstop=b,
        required=np.full(2, r),
        capacity=cap,
    )
    assert np.all(p.troops >= 0) and np.all(p.troops <= cap + 1e-9)
    assert np.all(p.troops.sum(-1) <= r + 1e-6)
    assert not np.any(p.member & (cap == 0))
    g = credibility(force_adequacy(p.troops.sum(-1), r), b, sal[:2])
    assert np.all((g >= 0) & (g <= 1))


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, (7,), elements=st.floats(-1, 1)),
    unit_array((7,)),
    unit_array((7,)),
    arrays(bool, (7,)),
)
def test_tallies_sum_to_the_membership(margin, u, p_absent, member):
    v = cast_votes(margin, 0.05, 0.1, np.zeros(7), u, p_absent, member)
    assert tally(v).sum() == member.sum()
