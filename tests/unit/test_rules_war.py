"""ODD 7.5: the war as a process, beliefs that fighting reveals, leaders' dispositions."""

import numpy as np
import pytest

from agents.rules.war import (
    belief_errors,
    believed_fighting_value,
    dispositions,
    renewal_option,
    renewed_war_value,
    war_situation,
)


def test_situation_is_a_random_walk_starting_at_zero():
    z = np.random.default_rng(0).standard_normal((20_000, 49))
    s = war_situation(np.full(20_000, 0.01), z)
    assert s.shape == (20_000, 49)
    assert np.all(s[:, 0] == 0.0)
    np.testing.assert_allclose(s[:, 1], 0.01 * z[:, 0])
    assert s[:, 48].std() == pytest.approx(0.01 * np.sqrt(48), rel=0.03)
    assert abs(s[:, 48].mean()) < 0.003  # no drift: the trend lives in fighting_on_value
    assert np.all(war_situation(0.0, z[:3]) == 0.0)


def test_beliefs_converge_like_bayes_but_not_deterministically():
    rng = np.random.default_rng(1)
    eta = rng.standard_normal((50_000, 49, 2))
    e = belief_errors(np.array([0.2, -0.1]), 6.0, 0.05, eta)
    np.testing.assert_allclose(e[:, 0], np.broadcast_to([0.2, -0.1], (50_000, 2)))
    # expected error n0 e0 / (n0 + t); spread σ √t / (n0 + t)
    assert e[:, 24, 0].mean() == pytest.approx(0.2 * 6 / 30, abs=0.002)
    assert e[:, 24, 0].std() == pytest.approx(0.05 * np.sqrt(24) / 30, rel=0.03)
    assert e[:, 48, 1].mean() == pytest.approx(-0.1 * 6 / 54, abs=0.002)
    # exact posterior mean: the prior weighs n0 signals
    one = belief_errors(np.array([0.3]), 2.0, 0.1, np.array([[[1.0], [2.0], [0.0]]]))
    np.testing.assert_allclose(one[0, :, 0], [0.3, (0.6 + 0.1) / 3, (0.6 + 0.3) / 4])


def test_disposition_drawn_once_and_evolves_slowly():
    z = np.random.default_rng(2).standard_normal((40_000, 48, 3))
    d = dispositions(0.98, 0.05, z)
    np.testing.assert_allclose(d[:, 0], 0.05 * z[:, 0])
    assert d[:, 47].std() == pytest.approx(0.05, rel=0.03)  # stationary
    lag1 = np.corrcoef(d[:, 10, 0], d[:, 11, 0])[0, 1]
    assert lag1 == pytest.approx(0.98, abs=0.005)
    fixed = dispositions(1.0, 0.05, z[:5])
    np.testing.assert_allclose(fixed, np.repeat(fixed[:, :1], 48, axis=1))


def test_believed_value_adds_situation_with_opposite_signs():
    v = believed_fighting_value(
        base=np.array([0.55, 0.8, 0.5]),
        side=np.array([-1.0, 1.0, 0.0]),
        situation=0.05,
        belief_error=np.array([0.02, 0.05, 0.0]),
        disposition=np.array([0.01, -0.01, 0.03]),
    )
    np.testing.assert_allclose(v, [0.55 - 0.05 + 0.02 + 0.01, 0.8 + 0.05 + 0.05 - 0.01, 0.53])


def test_guarantee_lowers_only_the_aggressors_renewed_war_value():
    w = renewed_war_value(
        np.array([[0.5, 0.7, 0.4]]), 0.05, 0.3, np.array([0.5]), np.array([False, True, False])
    )
    np.testing.assert_allclose(w, [[0.45, 0.7 - 0.05 - 0.15, 0.35]])


def test_renewal_option_is_the_normal_expected_excess():
    z = np.random.default_rng(3).standard_normal(400_000)
    mu, s = -0.05, 0.01 * np.sqrt(36)
    mc = np.maximum(0, mu + s * z).mean()
    assert renewal_option(0.45, 0.5, 0.01, 36) == pytest.approx(mc, rel=0.01)
    assert renewal_option(0.45, 0.5, 0.0, 36) == 0.0
    assert renewal_option(0.55, 0.5, 0.0, 36) == pytest.approx(0.05)
    lower = renewal_option(np.array([0.3, 0.4, 0.5]), 0.5, 0.01, 36)
    assert np.all(np.diff(lower) > 0)  # a costlier renewal is a less valuable option


def test_optimism_raises_the_believed_value_and_closes_with_fighting():
    # Optimism is added to the value the analyst expects (mutual optimism blocks a deal the true
    # values allow), and Bayes closes it as 1/(n0 + t): n0 = 37 (one month of pre-war prior plus
    # 36 months of war) leaves 37/49 of it after a year without signal noise.
    e = belief_errors(np.array([0.1]), 37.0, 0.0, np.zeros((13, 1)))
    np.testing.assert_allclose(e[[0, 12], 0], [0.1, 0.1 * 37 / 49])
    v = believed_fighting_value(np.array([0.5]), np.array([1.0]), 0.0, e[0], np.zeros(1))
    assert v[0] == pytest.approx(0.6)
