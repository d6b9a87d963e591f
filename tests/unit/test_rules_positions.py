"""ODD 7.1: Friedkin–Johnsen position dynamics."""

import numpy as np

from agents.rules import influence_weights, update_positions


def _setup():
    ties = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], float)
    cap = np.array([1.0, 0.5, 0.2])
    sal = np.array([[1.0, 0.5], [0.8, 1.0], [0.3, 0.9]])
    x0 = np.array([[0.0, 1.0], [0.5, 0.2], [1.0, 0.6]])
    lam = np.array([0.6, 0.3, 0.8])
    return ties, cap, sal, x0, lam


def test_weights_are_row_stochastic_and_follow_ties():
    ties, cap, sal, _, _ = _setup()
    w = influence_weights(ties, cap, sal, self_weight=1.0)
    assert w.shape == (2, 3, 3)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)
    assert w[0, 0, 2] == 0.0  # state 0 is not tied to state 2
    # W_dij ∝ (tie + self) · c_j · s_jd: row 0, dimension 0
    raw = np.array([1 * 1.0 * 1.0, 1 * 0.5 * 0.8, 0.0])
    np.testing.assert_allclose(w[0, 0], raw / raw.sum())


def test_isolated_state_without_weight_keeps_its_view():
    w = influence_weights(np.zeros((2, 2)), np.array([0.0, 1.0]), np.ones((2, 1)), 1.0)
    np.testing.assert_allclose(w[0, 0], [1.0, 0.0])


def test_converges_to_the_closed_form_limit():
    ties, cap, sal, x0, lam = _setup()
    w = influence_weights(ties, cap, sal, self_weight=1.0)
    x = x0.copy()
    for _ in range(500):
        x = update_positions(x, x0, w, lam)
    for d in range(2):
        a = np.diag(1 - lam) @ w[d]
        limit = np.linalg.solve(np.eye(3) - a, np.diag(lam) @ x0[:, d])
        np.testing.assert_allclose(x[:, d], limit, atol=1e-10)


def test_fully_stubborn_states_do_not_move():
    ties, cap, sal, x0, _ = _setup()
    w = influence_weights(ties, cap, sal, 1.0)
    np.testing.assert_allclose(update_positions(x0 * 0.5, x0, w, np.ones(3)), x0)


def test_batch_matches_single_runs():
    ties, cap, sal, x0, lam = _setup()
    w = influence_weights(ties, cap, sal, 1.0)
    rng = np.random.default_rng(0)
    xb = rng.random((4, 3, 2))
    batched = update_positions(xb, x0, w, lam)
    for r in range(4):
        np.testing.assert_allclose(batched[r], update_positions(xb[r], x0, w, lam))
