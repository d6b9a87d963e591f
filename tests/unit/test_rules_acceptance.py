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
        np.array([0.6, 0.7]),
        np.array([0.2, -0.1]),
        np.array([0.0, 0.05]),
        np.array([0.5, 0.5]),
        np.array(0.05),
    )
    np.testing.assert_allclose(parts["deal"], [0.8, 0.65])
    np.testing.assert_allclose(parts["margin"], [0.3, 0.15])
    np.testing.assert_allclose(parts["p_accept"], accept_probability(parts["margin"], 0.05))


def test_agreement_needs_every_veto_player():
    p = np.array([[0.9, 0.9], [0.9, 0.1]])
    u = np.array([[0.5, 0.5], [0.5, 0.5]])
    np.testing.assert_array_equal(agree(p, u), [True, False])


def _acceptance_under_package(adequacy, backstop):
    """Victim, aggressor, guarantor facing fixed terms and the package (adequacy, backstop)."""
    from agents.rules import credibility
    from agents.rules.acceptance import security_values
    from agents.rules.war import renewal_option, renewed_war_value

    g = credibility(adequacy, backstop, 1.0)
    is_victim, is_aggressor = np.array([1, 0, 0], bool), np.array([0, 1, 0], bool)
    fighting_on = np.array([0.45, 0.55, 0.5])
    renewed = renewed_war_value(fighting_on, 0.05, 0.3, g, is_aggressor)
    option = renewal_option(renewed, fighting_on, 0.01, 36) * np.array([1, 1, 0])
    security = security_values(g, 0.3, 0.0, is_victim, is_aggressor)
    terms = np.array([0.4, 0.52, 0.6])
    return acceptance_parts(terms, security, option, fighting_on, 0.01)


def test_aggressor_acceptance_depends_on_the_package_it_faces():
    weak = _acceptance_under_package(0.0, 0.0)
    strong = _acceptance_under_package(1.0, 1.0)
    middle = _acceptance_under_package(0.5, 0.4)
    p = [weak["p_accept"][1], middle["p_accept"][1], strong["p_accept"][1]]
    assert p[0] > p[1] > p[2]  # the aggressor resists a strong guarantee at the table
    assert weak["option"][1] > 0 and strong["option"][1] < weak["option"][1]
    # ... while the same package raises the victim's value of the deal
    assert strong["deal"][0] > middle["deal"][0] > weak["deal"][0]
    assert strong["p_accept"][0] > weak["p_accept"][0]
    assert strong["p_accept"][2] == weak["p_accept"][2]  # the guarantor is indifferent


def test_bargaining_range_needs_every_margin():
    from agents.rules.acceptance import in_bargaining_range

    m = np.array([[0.1, 0.0, 0.2], [0.1, -0.01, 0.2]])
    np.testing.assert_array_equal(in_bargaining_range(m), [True, False])


def test_terms_bind_the_force():
    from agents.rules.acceptance import bind_force, troops_allowed

    assert troops_allowed(1.0, 100_000) == 0.0
    assert troops_allowed(0.75, 100_000) == pytest.approx(25_000)
    t = bind_force(np.array([[10_000.0, 30_000.0], [5_000.0, 5_000.0]]), np.array([20_000, 1e5]))
    np.testing.assert_allclose(t, [[5_000, 15_000], [5_000, 5_000]])
