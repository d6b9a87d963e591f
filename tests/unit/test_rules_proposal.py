"""ODD 7.4: the Nash bargaining proposal and the baseline forecasts."""

import numpy as np
import pytest

from agents.rules import nash_bargaining, weighted_mean, weighted_median
from agents.rules.proposal import contract_points, simplex_lattice


@pytest.mark.parametrize(("a1", "a2"), [(0.8, 0.6), (1.0, 1.0), (0.55, 0.9)])
def test_two_actors_linear_utilities(a1, a2):
    # gains (a1 - z) and (a2 - (1 - z)); the Nash product peaks at z = (a1 - a2 + 1) / 2
    p = nash_bargaining(np.array([[0.0], [1.0]]), np.ones((2, 1)), np.array([a1, a2]))
    assert p.feasible
    assert p.terms[0] == pytest.approx((a1 - a2 + 1) / 2, abs=1e-4)
    assert p.gains[0] == pytest.approx(p.gains[1], abs=1e-4)


def test_no_feasible_agreement_is_reported():
    p = nash_bargaining(np.array([[0.0], [1.0]]), np.ones((2, 1)), np.array([0.3, 0.3]))
    assert not p.feasible
    assert p.terms[0] == pytest.approx(0.5, abs=1e-4)  # the maximin point


def test_single_veto_player_gets_its_ideal_point():
    p = nash_bargaining(np.array([[0.2, 0.7]]), np.ones((1, 2)), np.array([0.5]))
    np.testing.assert_allclose(p.terms, [0.2, 0.7])


def test_three_players_two_dimensions_matches_brute_force():
    x = np.array([[0.0, 0.0], [1.0, 0.2], [0.4, 1.0]])
    s = np.array([[1.0, 0.5], [0.6, 1.0], [0.9, 0.9]])
    off = np.array([0.9, 0.85, 0.8])
    p = nash_bargaining(x, s, off)
    g = np.linspace(0, 1, 401)
    zz = np.stack(np.meshgrid(g, g, indexing="ij"), -1).reshape(-1, 1, 2)
    d = np.sqrt(((s**2) * (zz - x) ** 2).sum(-1) / (s**2).sum(-1))
    gains = off - d
    ok = (gains > 0).all(-1)
    score = np.where(ok, np.log(np.where(ok[:, None], gains, 1)).sum(-1), -np.inf)
    best = score.max()
    mine = np.log(p.gains).sum()
    assert mine >= best - 1e-4


def test_batched_equals_one_by_one():
    rng = np.random.default_rng(3)
    x = rng.random((5, 3, 2))
    s = rng.random((5, 3, 2))
    off = 0.7 + 0.3 * rng.random((5, 3))
    batch = nash_bargaining(x, s, off)
    for r in range(5):  # bit for bit: a row's search does not depend on the other rows
        one = nash_bargaining(x[r], s[r], off[r])
        np.testing.assert_array_equal(batch.terms[r], one.terms)
    shared = nash_bargaining(x[:1], s[0], off)  # shared positions, many offsets
    for r in range(5):
        np.testing.assert_array_equal(shared.terms[r], nash_bargaining(x[0], s[0], off[r]).terms)


def test_contract_points_at_the_simplex_corners_are_the_ideal_points():
    x = np.array([[0.1, 0.9], [0.8, 0.3]])
    z = contract_points(x, np.ones((2, 2)), np.eye(2))
    np.testing.assert_allclose(z, x)
    assert simplex_lattice(3).sum(axis=1) == pytest.approx(1.0)


def test_weighted_mean_and_median_known_answers():
    x = np.array([[0.1], [0.5], [0.9]])
    w = np.array([[1.0], [1.0], [3.0]])
    assert weighted_mean(x, w)[0] == pytest.approx((0.1 + 0.5 + 2.7) / 5)
    assert weighted_median(x, w)[0] == pytest.approx(0.9)
    assert weighted_median(x, np.ones((3, 1)))[0] == pytest.approx(0.5)
    # batch shape: (2, 3, 1)
    xb = np.stack([x, x[::-1]])
    np.testing.assert_allclose(weighted_median(xb, np.stack([w, w])), [[0.9], [0.1]])


def test_matches_a_general_optimiser_in_five_dimensions():
    from scipy.optimize import minimize

    rng = np.random.default_rng(11)
    x = np.array(
        [[0.05, 0.1, 0.1, 0.05, 0.05], [1.0, 1.0, 1.0, 1.0, 1.0], [0.7, 0.8, 0.6, 0.6, 0.9]]
    )
    s = np.array(
        [[1.0, 0.85, 0.9, 0.6, 0.7], [0.9, 1.0, 1.0, 0.7, 0.6], [0.5, 0.5, 0.6, 0.5, 0.35]]
    )
    off = np.column_stack(
        [0.7 + 0.3 * rng.random(30), 0.2 + 0.3 * rng.random(30), 0.5 + 0.3 * rng.random(30)]
    )
    p = nash_bargaining(x, s, off)

    def dist(z):
        return np.sqrt(((s**2) * (z - x) ** 2).sum(-1) / (s**2).sum(-1))

    for r in np.flatnonzero(p.feasible):

        def neg_log_nash(z, r=r):
            return -np.log(np.maximum(off[r] - dist(z), 1e-300)).sum()

        found = minimize(neg_log_nash, p.terms[r], bounds=[(0, 1)] * 5, method="L-BFGS-B")
        assert neg_log_nash(p.terms[r]) <= found.fun + 1e-3


def test_bargaining_power_favours_the_stronger_player():
    x = np.array([[[0.0], [1.0]]])
    s = np.ones((2, 1))
    off = np.array([[1.0, 1.0]])
    equal = nash_bargaining(x, s, off)
    strong_first = nash_bargaining(x, s, off, power=np.array([3.0, 1.0]))
    assert equal.terms[0, 0] == pytest.approx(0.5, abs=1e-3)
    # with linear gains on a line the asymmetric solution splits in proportion to power
    assert strong_first.terms[0, 0] == pytest.approx(0.25, abs=2e-3)
    with pytest.raises(ValueError, match="power"):
        nash_bargaining(x, s, off, power=np.array([-1.0, 1.0]))


def test_a_warm_start_finds_the_cold_solution_of_a_nearby_problem():
    rng = np.random.default_rng(4)
    x = rng.uniform(0, 1, (1, 3, 4))
    s = rng.uniform(0.3, 1, (3, 4))
    off = np.full((200, 3), 0.9) + rng.normal(0, 0.02, (200, 3))
    cold = nash_bargaining(x, s, off)
    moved = off + rng.normal(0, 0.005, off.shape)
    again = nash_bargaining(x, s, moved)
    warm = nash_bargaining(x, s, moved, start=cold.weights)
    assert (warm.feasible == again.feasible).all()
    log_nash = lambda g: np.log(np.maximum(g, 1e-300)).sum(-1)  # noqa: E731
    assert np.all(log_nash(warm.gains) >= log_nash(again.gains) - 1e-3)
    np.testing.assert_allclose(warm.terms, again.terms, atol=5e-3)
