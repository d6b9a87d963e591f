"""ODD 7.2-7.3: who sends troops and how many (force generation), adequacy and credibility."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from agents.rules import credibility, force_adequacy
from agents.rules import force_generation as fg


def test_credibility_and_adequacy():
    assert force_adequacy(15_000, 30_000) == pytest.approx(0.5)
    assert force_adequacy(60_000, 30_000) == 1.0
    assert credibility(0.0, 0.0, 1.0) == 0.0
    assert credibility(1.0, 0.0, 1.0) == 1.0
    assert credibility(0.0, 0.4, 1.0) == pytest.approx(0.4)
    assert credibility(0.5, 0.5, 0.5) == pytest.approx(1 - 0.75 * 0.5)


def _joint(**kw):
    base = dict(
        exposure=0.0, backstop=0.0, lead_absent=0.0, free_riding=0.0, conditional_backstop=0.0
    )
    base.update(kw)
    return fg.JointWeights(**{k: np.atleast_1d(float(v)) for k, v in base.items()})


def _decide(
    index, offer=None, lead=None, cond=None, exposure=None, disposition=None, b=1.0, r=30.0, **kw
):
    c = len(index)
    return fg.decide_pledges(
        index=np.array(index, float),
        offer=np.full(c, 10.0) if offer is None else np.array(offer, float),
        is_lead=np.zeros(c, bool) if lead is None else np.array(lead, bool),
        conditional=np.zeros(c, bool) if cond is None else np.array(cond, bool),
        exposure=np.zeros(c) if exposure is None else np.array(exposure, float),
        disposition=np.zeros((1, c)) if disposition is None else np.array(disposition, float),
        weights=_joint(**kw),
        backstop=np.array([b]),
        required=np.array([r]),
    )


def test_index_is_intercept_plus_weighted_features():
    feats = {"record": np.array([0.0, 1.0]), "nato": np.array([1.0, 0.0])}
    coef = {"intercept": -1.0, "record": 0.5, "nato": 2.0}
    np.testing.assert_allclose(fg.contribution_index(feats, coef), [1.0, -0.5])
    batch = fg.contribution_index(feats, {k: np.array([v, 2 * v]) for k, v in coef.items()})
    np.testing.assert_allclose(batch, [[1.0, -0.5], [2.0, -1.0]])


def test_lead_nation_brings_the_others_in():
    # B and C join only once a lead nation is in (each loses 1.0 while none is); A is the lead.
    p = _decide([0.5, 0.5, 0.5], lead=[True, False, False], lead_absent=1.0)
    np.testing.assert_array_equal(p.member, [[True, True, True]])
    # a cascade: after its first step only the lead nation is in
    first = fg.decide_pledges(
        np.full(3, 0.5),
        np.full(3, 10.0),
        np.array([True, False, False]),
        np.zeros(3, bool),
        np.zeros(3),
        np.zeros((1, 3)),
        _joint(lead_absent=1.0),
        np.ones(1),
        np.full(1, 30.0),
        max_iterations=1,
    )
    np.testing.assert_array_equal(first.member, [[True, False, False]])
    # Without a willing lead nation nobody else comes.
    p = _decide([-0.5, 0.5, 0.5], lead=[True, False, False], lead_absent=1.0)
    assert not p.member.any()


def test_free_riding_keeps_a_candidate_out_once_the_others_cover_the_requirement():
    # A (lead) and B join in step 1; C waits for a lead nation, then sees A and B cover 20 of the
    # 30 troops required: 0.8 - w * 2/3 decides (Olson & Zeckhauser 1966).
    kw = dict(lead=[True, False, False], lead_absent=1.0)
    p = _decide([1.0, 1.5, 0.8], free_riding=0.9, **kw)
    np.testing.assert_array_equal(p.member, [[True, True, True]])
    p = _decide([1.0, 1.5, 0.8], free_riding=1.5, **kw)
    np.testing.assert_array_equal(p.member, [[True, True, False]])


def test_conditional_pledge_needs_the_backstop():
    p = _decide([2.0, 2.0], cond=[True, False], b=0.3, conditional_backstop=0.5)
    np.testing.assert_array_equal(p.member, [[False, True]])
    p = _decide([2.0, 2.0], cond=[True, False], b=0.6, conditional_backstop=0.5)
    np.testing.assert_array_equal(p.member, [[True, True]])


def test_soft_condition_holds_with_probability_phi():
    # threshold 0.25, sd 0.1: met when b >= 0.25 + 0.1 z, so with probability Phi((b - 0.25)/0.1)
    z = np.random.default_rng(5).standard_normal((200_000, 1))
    for b, expected in ((0.25, 0.5), (0.35, 0.841345), (0.05, 0.022750)):
        met = fg.condition_met(np.full(len(z), b), 0.25, 0.1, z)
        assert met.mean() == pytest.approx(expected, abs=0.004)
        assert fg.condition_probability(b, 0.25, 0.1) == pytest.approx(expected, abs=1e-6)
    # sd 0 is the hard gate; batch shapes broadcast
    np.testing.assert_array_equal(
        fg.condition_met(np.array([0.2, 0.3]), 0.25, 0.0, np.zeros((2, 3))),
        [[False] * 3, [True] * 3],
    )
    assert fg.condition_probability(0.3, 0.25, 0.0) == 1.0


def test_conditional_pledger_with_a_low_drawn_threshold_pledges():
    # b = 0.3 below the central threshold 0.5: a pledger whose drawn threshold is 0.5 - 0.1*3 =
    # 0.2 is in, one with 0.5 + 0.1*1 = 0.6 is out; the unconditional candidate is in anyway.
    p = fg.decide_pledges(
        index=np.array([2.0, 2.0, 2.0]),
        offer=np.full(3, 10.0),
        is_lead=np.zeros(3, bool),
        conditional=np.array([True, True, False]),
        exposure=np.zeros(3),
        disposition=np.zeros((1, 3)),
        weights=_joint(conditional_backstop=0.5, condition_spread=0.1),
        backstop=np.array([0.3]),
        required=np.array([30.0]),
        condition_shock=np.array([[-3.0, 1.0, 5.0]]),
    )
    np.testing.assert_array_equal(p.member, [[True, False, True]])


def test_missing_backstop_and_exposure_lower_the_index():
    w = _joint(exposure=-0.6, backstop=1.0)
    out = fg.decide_pledges(
        np.array([0.5, 0.5]),
        np.full(2, 10.0),
        np.zeros(2, bool),
        np.zeros(2, bool),
        np.array([0.0, 1.0]),
        np.zeros((2, 2)),
        w,
        np.array([1.0, 0.6]),
        np.array([30.0, 30.0]),
    )
    # b = 1: only the exposed candidate is kept home; b = 0.6 costs everyone 0.4 more.
    np.testing.assert_array_equal(out.member, [[True, False], [True, False]])
    out = fg.decide_pledges(
        np.array([0.3, 0.3]),
        np.full(2, 10.0),
        np.zeros(2, bool),
        np.zeros(2, bool),
        np.zeros(2),
        np.zeros((2, 2)),
        w,
        np.array([1.0, 0.6]),
        np.array([30.0, 30.0]),
    )
    np.testing.assert_array_equal(out.member, [[True, True], [False, False]])


def test_offers_share_the_requirement_by_key_and_respect_capacity():
    # Two leads take 25% of R each; the others split the remaining 50% by key 1:3, capped.
    t = fg.offered_troops(
        np.array([40_000.0]),
        np.array([9e9, 9e9, 9e9, 4_000.0]),
        np.array([5.0, 5.0, 1.0, 3.0]),
        np.array([True, True, False, False]),
        np.array([0.25]),
    )
    np.testing.assert_allclose(t, [[10_000.0, 10_000.0, 5_000.0, 4_000.0]])


def test_mean_troops_per_member_reflect_capacity_and_record():
    # Same requirement, different armed forces and records: contingents differ, bigger forces and
    # longer records send more; the ratio follows the fitted elasticity and record effect.
    log_milper = np.log1p(np.array([150.0, 30.0, 30.0]))
    record = np.array([0.5, 0.5, 1.0])
    key = fg.size_key(log_milper, record, 0.8, 0.9)
    t = fg.offered_troops(np.array([20_000.0]), np.full(3, 1e9), key, np.zeros(3, bool), 0.25)
    assert t[0, 0] > t[0, 2] > t[0, 1]
    np.testing.assert_allclose(t[0, 0] / t[0, 1], np.exp(0.8 * (log_milper[0] - log_milper[1])))
    np.testing.assert_allclose(t[0, 2] / t[0, 1], np.exp(0.9 * 0.5))
    np.testing.assert_allclose(t.sum(), 20_000.0)


def test_scale_to_cap_binds_only_above_the_cap():
    t = np.array([[6.0, 4.0], [1.0, 1.0]])
    np.testing.assert_allclose(fg.scale_to_cap(t, np.array([5.0, 5.0])), [[3.0, 2.0], [1.0, 1.0]])


def test_main_reason_names_what_sets_a_candidate_apart():
    terms = {
        "record": np.array([1.0, 0.0, 0.5]),
        "statement": np.array([0.0, -2.0, 0.5]),
        "intercept": np.array([-1.0, -1.0, -1.0]),
    }
    reason = fg.main_reason(terms, np.array([True, False, True]))
    names = list(terms)
    assert [names[i] for i in reason] == ["record", "statement", "statement"]
    # nothing sets a candidate apart by more than the tolerance: -1, a typical candidate
    assert fg.main_reason(terms, np.array([True, False, True]), tolerance=5.0).tolist() == [-1] * 3


@settings(max_examples=50, deadline=None)
@given(
    arrays(np.float64, (3, 5), elements=st.floats(-3, 3)),
    arrays(np.float64, (5,), elements=st.floats(0, 5_000)),
    arrays(np.float64, (5,), elements=st.floats(0.1, 10)),
    st.floats(0, 1),
    st.floats(1_000, 80_000),
)
def test_troops_are_between_zero_and_capacity(noise, capacity, key, b, r):
    lead = np.arange(5) < 2
    offer = fg.offered_troops(np.full(3, r), capacity, key, lead, np.full(3, 0.25))
    p = fg.decide_pledges(
        np.zeros(5),
        offer,
        lead,
        np.arange(5) == 4,
        np.full(5, 0.5),
        noise,
        fg.JointWeights(
            **{
                k: np.full(3, v)
                for k, v in dict(
                    exposure=-0.5,
                    backstop=1.0,
                    lead_absent=1.0,
                    free_riding=0.5,
                    conditional_backstop=0.5,
                ).items()
            }
        ),
        np.full(3, b),
        np.full(3, r),
        capacity=capacity,
    )
    assert np.all(p.troops >= 0) and np.all(p.troops <= capacity + 1e-9)
    assert np.all(p.troops.sum(-1) <= r + 1e-6)
    assert not np.any(p.member & (offer == 0))
    if b < 0.5:
        assert not p.member[:, 4].any()


def test_probability_integrates_the_disposition_out():
    from scipy.stats import norm

    p = _decide(
        [0.3, -0.2, 5.0],
        cond=[False, False, True],
        b=0.1,
        conditional_backstop=0.5,
        disposition=[[1.0, -1.0, 0.0]],
    )
    np.testing.assert_allclose(p.parts["probability"], [[norm.cdf(0.3), norm.cdf(-0.2), 0.0]])
    np.testing.assert_array_equal(p.member, [[True, False, False]])


def test_lead_nations_fill_the_gap_from_their_spare_capacity():
    # R = 100; offers 30 (lead A, capacity 50), 20 (lead B, capacity 80), 10 (C, out of the
    # force): the gap of 50 is filled by A and B in proportion to their spare 20 and 60.
    member = np.array([[True, True, False]])
    t = fg.fill_gap(
        member,
        np.array([30.0, 20.0, 10.0]),
        np.array([50.0, 80.0, 10.0]),
        np.array([True, True, False]),
        np.array([100.0]),
    )
    np.testing.assert_allclose(t, [[42.5, 57.5, 0.0]])
    # a gap larger than the spare capacity: each lead at its capacity, the rest stays a gap
    t = fg.fill_gap(
        member,
        np.array([30.0, 20.0, 10.0]),
        np.array([40.0, 30.0, 10.0]),
        np.array([True, True, False]),
        np.array([100.0]),
    )
    np.testing.assert_allclose(t, [[40.0, 30.0, 0.0]])
    # no lead in the force: nobody fills the gap
    t = fg.fill_gap(
        np.array([[False, False, True]]),
        np.array([30.0, 20.0, 10.0]),
        np.full(3, 99.0),
        np.array([True, True, False]),
        np.array([100.0]),
    )
    np.testing.assert_allclose(t, [[0.0, 0.0, 10.0]])
