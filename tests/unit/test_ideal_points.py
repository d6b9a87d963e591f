"""The ideal-point estimator recovers known positions from simulated roll calls (ODD 7.8)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from agents.rules.votes import VoteCode
from builds.ideal_points import build_design, fit
from builds.un_roll_calls import RollCalls


def _simulate(seed: int, n_states: int = 40, years: int = 6, per_year: int = 50, k: int = 2):
    rng = np.random.default_rng(seed)
    x0 = rng.normal(0.0, 1.0, (n_states, k))
    steps = rng.normal(0.0, 0.1, (years, n_states, k))
    steps[0] = 0.0
    x = x0[None] + np.cumsum(steps, axis=0)  # (year, state, k)
    iso = [f"S{i:02d}" for i in range(n_states)]
    calls, votes = [], []
    rcid = 0
    for t in range(years):
        for _ in range(per_year):
            rcid += 1
            b = rng.normal(0.0, 2.0, k)
            c1 = rng.normal(-1.5, 1.0)
            c2 = c1 + rng.uniform(0.5, 2.0)
            eta = x[t] @ b
            u = rng.logistic(size=n_states)
            latent = eta + u
            vote = np.where(
                latent < c1, VoteCode.NO, np.where(latent < c2, VoteCode.ABSTAIN, VoteCode.YES)
            )
            calls.append(
                {
                    "rcid": rcid,
                    "date": f"{2000 + t}-06-01",
                    "year": 2000 + t,
                    "session": t,
                    "unres": f"R/{rcid}",
                    "amend": "1",
                    "para": "0",
                    "short": f"roll call {rcid}",
                    "descr": "",
                    "issue": "",
                }
            )
            votes += [
                {
                    "rcid": rcid,
                    "year": 2000 + t,
                    "iso3": iso[i],
                    "vote": int(vote[i]),
                    "confidence": "simulated",
                }
                for i in range(n_states)
            ]
    rc = RollCalls(votes=pd.DataFrame(votes), calls=pd.DataFrame(calls))
    return rc, x, iso


def _procrustes_fit(est: np.ndarray, true: np.ndarray) -> float:
    """Correlation between true and estimated positions after the best linear map."""
    a = np.column_stack([est, np.ones(len(est))])
    coef, *_ = np.linalg.lstsq(a, true, rcond=None)
    pred = a @ coef
    return float(min(np.corrcoef(pred[:, q], true[:, q])[0, 1] for q in range(true.shape[1])))


def test_recovers_two_dimensional_positions() -> None:
    rc, x, iso = _simulate(seed=7)
    ft = fit(build_design(rc, regime_changes=set()), k=2, maxiter=400)
    pos = ft.positions().set_index(["iso3", "year"])
    for t in (0, 5):
        est = pos.xs(2000 + t, level="year").loc[iso, ["dim1", "dim2"]].to_numpy()
        assert _procrustes_fit(est, x[t]) > 0.9


def test_one_dimension_recovers_rank_order() -> None:
    rc, x, iso = _simulate(seed=3, k=1)
    ft = fit(build_design(rc, regime_changes=set()), k=1, maxiter=400)
    est = ft.positions().query("year == 2003").set_index("iso3").loc[iso, "dim1"].to_numpy()
    rank_corr = np.corrcoef(np.argsort(np.argsort(est)), np.argsort(np.argsort(x[3, :, 0])))
    assert abs(rank_corr[0, 1]) > 0.9


def test_fit_is_deterministic() -> None:
    rc, _, _ = _simulate(seed=11, n_states=15, years=3, per_year=20)
    d = build_design(rc, regime_changes=set())
    a, b = fit(d, k=2, maxiter=100), fit(d, k=2, maxiter=100)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.b, b.b)


def test_regime_change_lets_a_position_jump() -> None:
    rc, _, _ = _simulate(seed=5, n_states=20, years=4, per_year=30)
    # S00 flips every vote from 2002 on: yes <-> no
    v = rc.votes
    flip = (v["iso3"] == "S00") & (v["year"] >= 2002)
    v.loc[flip, "vote"] = v.loc[flip, "vote"].map(
        {VoteCode.YES: VoteCode.NO, VoteCode.NO: VoteCode.YES, VoteCode.ABSTAIN: VoteCode.ABSTAIN}
    )
    tight = fit(build_design(rc, regime_changes=set()), k=2, maxiter=300).positions()
    loose = fit(build_design(rc, regime_changes={("S00", 2002)}), k=2, maxiter=300).positions()

    def jump(p: pd.DataFrame) -> float:
        s = p[p["iso3"] == "S00"].set_index("year")[["dim1", "dim2"]]
        return float(np.linalg.norm(s.loc[2002] - s.loc[2001]))

    assert jump(loose) > 2 * jump(tight)
