"""ODD 7.5–7.6: acceptance and agreement (durability: test_rules_durability.py)."""

import numpy as np
import pytest

from agents.rules import (
    accept_probability,
    acceptance_parts,
    agree,
    fighting_on_value,
)


def test_fighting_on_falls_with_war_cost_for_belligerents_only():
    v = fighting_on_value(
        np.array([0.7, 0.6, 0.5]),
        np.array([0.01, -0.01, 0.0]),
        0.02,
        np.array([True, True, False]),
        10,
    )
    np.testing.assert_allclose(v, [0.7 - 0.1, 0.6 - 0.3, 0.5])


def test_logistic_acceptance():
    assert accept_probability(0.0, 0.05) == pytest.approx(0.5)
    assert accept_probability(0.1, 0.05) == pytest.approx(1 / (1 + np.exp(-2)))
    p = accept_probability(np.array([[-1.0, 1.0]]), np.array([0.1]))
    assert p[0, 0] < 1e-4 and p[0, 1] > 1 - 1e-4


def test_parts_add_up_to_the_margin():
    parts = acceptance_parts(
        np.array([0.6, 0.7]), np.array([0.2, -0.1]), np.array([0.5, 0.5]), np.array(0.05)
    )
    np.testing.assert_allclose(parts["margin"], [0.3, 0.1])
    np.testing.assert_allclose(parts["p_accept"], accept_probability(parts["margin"], 0.05))


def test_agreement_needs_every_veto_player():
    p = np.array([[0.9, 0.9], [0.9, 0.1]])
    u = np.array([[0.5, 0.5], [0.5, 0.5]])
    np.testing.assert_array_equal(agree(p, u), [True, False])
