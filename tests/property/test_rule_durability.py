"""ODD 7.7 properties: probabilities in [0, 1]; durability falls with each side's incentive to
renege and rises with the force on the ground and the guarantee's credibility."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from agents.rules.durability import (
    breakdown_multiplier,
    month_of_breakdown,
    monthly_hazard,
    p_agreement_holds,
    p_fails_within,
)

unit = st.floats(0.0, 1.0)
incentive = st.floats(-1.0, 1.0)
shape = st.floats(0.2, 2.0)
scale = st.floats(5.0, 3000.0)
kappa = st.floats(0.0, 30.0)
horizon = st.integers(0, 240)


@settings(max_examples=200, deadline=None)
@given(incentive, incentive, unit, unit, unit, unit, kappa, shape, scale, horizon)
def test_probabilities_are_probabilities(g1, g2, a, b, ef, eb, k, sh, sc, h):
    m = breakdown_multiplier(np.array([g1, g2]), a, b, ef, eb, k)
    assert m >= 0
    for p in (
        p_agreement_holds(m, h, sh, sc),
        p_fails_within(h, m, sh, sc),
        monthly_hazard(max(h, 1), m, sh, sc),
    ):
        assert 0.0 <= float(p) <= 1.0


@settings(max_examples=200, deadline=None)
@given(
    incentive,
    incentive,
    st.floats(0.0, 0.5),
    unit,
    unit,
    unit,
    unit,
    kappa,
    shape,
    scale,
    st.integers(1, 240),
)
def test_holds_less_with_more_incentive_to_renege(g1, g2, dg, a, b, ef, eb, k, sh, sc, h):
    base = p_agreement_holds(breakdown_multiplier(np.array([g1, g2]), a, b, ef, eb, k), h, sh, sc)
    more = p_agreement_holds(
        breakdown_multiplier(np.array([g1 + dg, g2]), a, b, ef, eb, k), h, sh, sc
    )
    assert more <= base + 1e-12


@settings(max_examples=200, deadline=None)
@given(
    incentive,
    incentive,
    unit,
    unit,
    unit,
    unit,
    unit,
    unit,
    kappa,
    shape,
    scale,
    st.integers(1, 240),
)
def test_holds_more_with_more_force_and_credibility(g1, g2, a1, a2, b1, b2, ef, eb, k, sh, sc, h):
    g = np.array([g1, g2])
    lo_a, hi_a = sorted((a1, a2))
    lo_b, hi_b = sorted((b1, b2))
    weak = p_agreement_holds(breakdown_multiplier(g, lo_a, lo_b, ef, eb, k), h, sh, sc)
    strong = p_agreement_holds(breakdown_multiplier(g, hi_a, hi_b, ef, eb, k), h, sh, sc)
    assert strong >= weak - 1e-12


@settings(max_examples=200, deadline=None)
@given(st.floats(0.0, 50.0), st.floats(0.0, 0.999999), shape, scale, st.integers(0, 240))
def test_the_drawn_month_agrees_with_the_analytic_survival(m, u, sh, sc, h):
    survival = float(p_agreement_holds(m, h, sh, sc))
    holds = bool(month_of_breakdown(m, u, sh, sc) > h)
    if abs((1 - u) - survival) > 1e-9:  # away from the boundary, the draw and the formula agree
        assert holds == ((1 - u) < survival)
