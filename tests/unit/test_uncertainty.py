"""Uncertainty from the assumptions (sweeps.uncertainty): draws, common random numbers, summary."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios import load_scenario
from sweeps.uncertainty import (
    QUESTION,
    assumption_draws,
    assumption_interval,
    three_point,
    uncertain_parameters,
)
from tests.unit.scenario_factory import Spec, make_scenario


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):
    return load_scenario(make_scenario(tmp_path_factory.mktemp("unc") / "tiny"))


def test_the_question_is_not_an_assumption():
    s = load_scenario("ukraine-2025")
    names = uncertain_parameters(s)
    assert not set(QUESTION) & set(names)
    assert {"acceptance_noise", "security_weight", "breakdown_shape"} <= set(names)


def test_a_fact_is_held_at_its_value_not_drawn(tmp_path):
    s = load_scenario("ukraine-2025")  # the war's age at Feb 2025 is dated, not assumed
    assert s.parameters["war_months_before_start"].fact
    assert "war_months_before_start" not in uncertain_parameters(s)
    spec = Spec()
    spec.params["war_volatility"].update(fact=True, source="a dated record")
    held = load_scenario(spec.write(tmp_path / "t"))
    assert held.parameters["war_volatility"].fact
    assert "war_volatility" not in uncertain_parameters(held)
    assert "war_volatility" in uncertain_parameters(load_scenario(make_scenario(tmp_path / "u")))


def test_draws_are_a_seeded_latin_hypercube_within_each_parameters_support():
    s = load_scenario("ukraine-2025")
    a = assumption_draws(s, 20, seed=3)
    pd_equal = assumption_draws(s, 20, seed=3)
    assert a.equals(pd_equal) and not a.equals(assumption_draws(s, 20, seed=4))
    for name in a.columns:
        p = s.parameters[name]
        lo, hi = (p.distribution.low, p.distribution.high) if p.distribution else p.range
        assert a[name].between(lo, hi).all(), name
    p = s.parameters["fighting_on_rus"]  # no distribution: triangular, mode at the value
    lo, hi, mode = *map(float, p.range), float(p.value)
    x = a["fighting_on_rus"].to_numpy()
    cdf = np.where(
        x < mode,
        (x - lo) ** 2 / ((hi - lo) * (mode - lo)),
        1 - (hi - x) ** 2 / ((hi - lo) * (hi - mode)),
    )
    assert sorted(np.floor(cdf * 20).astype(int)) == list(range(20))  # one draw per twentieth


def test_a_value_and_range_is_a_three_point_estimate_centred_on_the_value():
    s = load_scenario("ukraine-2025")
    p = s.parameters["fighting_on_rus"]  # 0.8 in [0.4, 0.95]: the midpoint would be 0.675
    d = three_point(p)
    assert (d.kind, d.low, d.high, d.mode) == ("triangular", 0.4, 0.95, 0.8)
    x = assumption_draws(s, 400, seed=5, parameters=["fighting_on_rus"])["fighting_on_rus"]
    assert x.mean() == pytest.approx((0.4 + 0.95 + 0.8) / 3, abs=0.005)  # the triangle's mean
    near = float(x.between(0.75, 0.85).mean())  # 0.32 for this triangle; uniform: 0.18
    assert near == pytest.approx(0.322, abs=0.03)
    with pytest.raises(ValueError, match="distribution"):
        three_point(s.parameters["breakdown_shape"])


def test_common_random_numbers_make_an_irrelevant_assumption_change_nothing(tiny):
    res = assumption_interval(tiny, 5, 40, rng=2, parameters=["vote_noise"])
    p = res.draws["p_agreement"]
    assert p.nunique() == 1  # the same noise at every draw: only the assumption could move it
    s = res.summary()
    assert s["p_agreement"]["low"] == s["p_agreement"]["high"] == p.iloc[0]
    assert (
        s["draws"] == 5 and s["replications_per_draw"] == 40 and s["parameters"] == ["vote_noise"]
    )


def test_interval_summarises_the_draws(tiny):
    res = assumption_interval(tiny, 8, 30, rng=1, level=0.5)
    for name in ("p_agreement", "p_holds", "p_agreed_and_holds"):
        i = res.interval(name)
        values = res.draws[name].dropna()
        assert i["draws"] == len(values)
        if len(values):
            assert values.min() <= i["low"] <= i["median"] <= i["high"] <= values.max()
            assert i["median"] == pytest.approx(float(np.median(values)))
    again = assumption_interval(tiny, 8, 30, rng=1, level=0.5)
    assert again.draws.equals(res.draws)


def test_bad_sizes_are_refused(tiny):
    with pytest.raises(ValueError, match="draws"):
        assumption_draws(tiny, 0, seed=1)
    with pytest.raises(ValueError, match="replications"):
        assumption_interval(tiny, 2, 0)
