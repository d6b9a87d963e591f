"""ODD 7.2–7.3: force generation as a threshold cascade, and credibility."""

import numpy as np
import pytest

from agents.rules import credibility, decide_pledges, force_adequacy
from agents.rules.force import PledgeWeights


def _weights(**kw):
    base = dict(
        salience=0.0,
        closeness=0.0,
        credibility=0.0,
        bandwagon=0.0,
        lead=0.0,
        cost=0.0,
        backstop_risk_reduction=0.0,
        hostility=0.0,
        exposure_risk=0.0,
    )
    base.update(kw)
    return PledgeWeights(**{k: np.atleast_1d(float(v)) for k, v in base.items()})


def _cascade(thresholds, capacity=(10.0, 10.0, 10.0), required=30.0):
    c = len(thresholds)
    return decide_pledges(
        capacity=np.array(capacity),
        capability=np.ones(c),
        is_lead=np.zeros(c, bool),
        sec_salience=np.zeros(c),
        closeness=np.zeros(c),
        exposure=np.zeros(c),
        threshold=-np.array([thresholds]),
        weights=_weights(bandwagon=1.0),
        backstop=np.array([0.0]),
        required=np.array([required]),
        aggressor_capability=np.array([1.0]),
    )


def test_threshold_cascade_reaches_its_known_fixed_point():
    # A joins alone, B once a fifth of R is in, C once 60%: 10 -> 20 -> 30 troops.
    p = _cascade([-0.1, 0.2, 0.6])
    np.testing.assert_array_equal(p.member, [[True, True, True]])
    assert p.troops.sum() == 30.0
    # C needing 70% stops the cascade at A and B.
    p = _cascade([-0.1, 0.2, 0.7])
    np.testing.assert_array_equal(p.member, [[True, True, False]])
    # Nobody starts: nobody joins.
    p = _cascade([0.05, 0.2, 0.6])
    assert not p.member.any()


def test_zero_capacity_never_pledges():
    p = _cascade([-5.0, -5.0, -5.0], capacity=(0.0, 10.0, 0.0))
    np.testing.assert_array_equal(p.member, [[False, True, False]])


def test_backstop_lowers_risk_and_brings_a_candidate_in():
    def run(b):
        return decide_pledges(
            capacity=np.array([10.0]),
            capability=np.ones(1),
            is_lead=np.zeros(1, bool),
            sec_salience=np.array([0.5]),
            closeness=np.zeros(1),
            exposure=np.ones(1),
            threshold=np.zeros((1, 1)),
            weights=_weights(
                salience=1.0,
                cost=0.6,
                backstop_risk_reduction=0.8,
                hostility=0.2,
                exposure_risk=0.3,
            ),
            backstop=np.array([b]),
            required=np.array([30.0]),
            aggressor_capability=np.array([1.0]),
        )

    assert not run(0.0).member.any()
    assert run(1.0).member.all()


def test_credibility_and_adequacy():
    assert force_adequacy(15_000, 30_000) == pytest.approx(0.5)
    assert force_adequacy(60_000, 30_000) == 1.0
    assert credibility(0.0, 0.0, 1.0) == 0.0
    assert credibility(1.0, 0.0, 1.0) == 1.0
    assert credibility(0.0, 0.4, 1.0) == pytest.approx(0.4)
    assert credibility(0.5, 0.5, 0.5) == pytest.approx(1 - 0.75 * 0.5)
