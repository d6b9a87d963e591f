"""ODD 7.7: the breakdown hazard from incentives on a Weibull baseline, on known answers."""

import numpy as np
import pytest

from agents.rules.durability import (
    NEVER,
    breakdown_multiplier,
    cumulative_hazard,
    month_of_breakdown,
    monthly_hazard,
    p_agreement_holds,
    p_fails_within,
    renege_incentive,
)


def test_incentive_is_renewed_war_minus_the_deal():
    g = renege_incentive(np.array([[0.6, 0.3]]), np.array([[0.5, 0.4]]))
    np.testing.assert_allclose(g, [[0.1, -0.1]])


def test_no_incentive_no_force_no_backstop_is_the_baseline():
    m = breakdown_multiplier(np.zeros(2), 0.0, 0.0, 0.5, 0.5, 10.0)
    assert m == pytest.approx(1.0)


def test_multiplier_is_the_mean_of_each_sides_temptation():
    m = breakdown_multiplier(np.array([np.log(2.0), 0.0]), 0.0, 0.0, 0.5, 0.5, 1.0)
    assert m == pytest.approx(1.5)


def test_force_and_backstop_remove_their_shares():
    m = breakdown_multiplier(np.zeros(2), 1.0, 0.5, 0.4, 0.4, 3.0)
    assert m == pytest.approx(0.6 * 0.8)


def test_a_force_beyond_the_required_strength_adds_nothing():
    over = breakdown_multiplier(np.zeros(2), 2.5, 0.0, 0.4, 0.0, 1.0)
    assert over == pytest.approx(breakdown_multiplier(np.zeros(2), 1.0, 0.0, 0.4, 0.0, 1.0))


def test_batches_broadcast():
    g = np.zeros((4, 3, 2))  # (R, K, V)
    m = breakdown_multiplier(g, np.full((4, 3), 0.5), np.full((4, 1), 1.0), 0.4, 0.5, 2.0)
    assert m.shape == (4, 3)
    np.testing.assert_allclose(m, 0.8 * 0.5)


def test_survival_is_the_weibull():
    assert p_agreement_holds(1.0, 10, 1.0, 10.0) == pytest.approx(np.exp(-1.0))
    assert p_agreement_holds(1.0, 25, 0.5, 100.0) == pytest.approx(np.exp(-0.5))
    assert p_agreement_holds(2.0, 25, 0.5, 100.0) == pytest.approx(np.exp(-1.0))
    assert p_agreement_holds(1.0, 0, 0.5, 100.0) == pytest.approx(1.0)
    assert cumulative_hazard(36, 1.0, 0.5, 144.0) == pytest.approx(0.5)


def test_fails_within_is_the_complement():
    months = np.array([3, 12, 36])
    np.testing.assert_allclose(
        p_fails_within(months, 0.7, 0.55, 225.0) + p_agreement_holds(0.7, months, 0.55, 225.0),
        1.0,
    )


def test_risk_is_highest_early_when_the_shape_is_below_one():
    h = monthly_hazard(np.arange(1, 37), 1.0, 0.5, 225.0)
    assert np.all(np.diff(h) < 0)
    flat = monthly_hazard(np.arange(1, 37), 1.0, 1.0, 50.0)
    np.testing.assert_allclose(flat, 1 - np.exp(-1 / 50))


def test_breakdown_month_by_inversion():
    u = 1 - np.exp(-0.35)  # T = 10 * 0.35 = 3.5 months when M = 1, k = 1, λ = 10
    assert month_of_breakdown(1.0, u, 1.0, 10.0) == 4
    assert month_of_breakdown(1.0, 0.0, 1.0, 10.0) == 1
    assert month_of_breakdown(0.0, 0.99, 0.5, 10.0) == NEVER
    months = month_of_breakdown(np.array([0.5, 1.0, 2.0]), 0.5, 0.5, 100.0)
    assert months.dtype == np.int64 and np.all(np.diff(months) <= 0)


def test_breakdown_months_match_the_analytic_survival():
    n = 100_000
    u = (np.arange(n) + 0.5) / n  # exact quantiles of one uniform per replication
    months = month_of_breakdown(0.8, u, 0.55, 225.0)
    for horizon in (3, 12, 36, 120):
        share_held = float(np.mean(months > horizon))
        assert share_held == pytest.approx(p_agreement_holds(0.8, horizon, 0.55, 225.0), abs=2e-5)
