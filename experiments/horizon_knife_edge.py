"""Experiment: the war and the bargain under the scenario's assumptions (ODD 7.4-7.6).

Four checks of ukraine-2025, root seed 20250224, common random numbers throughout:

1. Horizon: with the central values, run 48 rounds (10,000 replications); of the replications
   without an agreement after 24 rounds, the share that still has none after 48. Then the same
   with every cost and trend at zero (``war_cost_per_month`` and each ``battlefield_trend_*``):
   P(agreement within 48) − P(within 24); and, to show what the rest is, the same with the
   optimism at zero too (no belief left to close: only the war's random walk, the signals'
   noise and the dispositions' drift move anything), and with each of those three at zero in
   turn and all together (``STILL_MOVING``; the binomial standard error of each difference is
   reported beside it). Finally the two reconciliations of the round-1 optimism with the
   prior's weight (``reconciliations``), each with the central values and with costs and trends
   at zero.
2. The bargaining range: the share of agreements (within the scenario's 24 rounds) whose terms
   every veto player prefers to fighting on under its beliefs (``in_range``), whether the force
   that deploys ever exceeds what the agreed terms allow, and the distribution of the agreed
   terms beside the weighted mean and median.
3. The guarantee on both sides: P(agreement) and the agreed terms at backstop 0, the central
   value and 0.9 (5,000 replications each) — whether a stronger backstop raises or lowers the
   chance of agreement is an output.
4. No knife-edge: for each main assumption, 20 evenly spaced values over its stated range (every
   other assumption central), 1,000 replications each; the largest step in P(agreement) between
   neighbouring values.

Writes experiments/results/horizon_knife_edge.json, knife_edge_sweep.csv and agreed_terms.csv.

    .venv/bin/python experiments/horizon_knife_edge.py [--replications 10000] [--sweep 1000]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np
import pandas as pd
from common import SCENARIO, SEED, write_csv, write_json

from model import run_ensemble
from scenarios import Scenario, load_scenario

ZERO_COSTS = {
    "war_cost_per_month": 0.0,
    "battlefield_trend_ukr": 0.0,
    "battlefield_trend_rus": 0.0,
    "battlefield_trend_usa": 0.0,
}
ZERO_OPTIMISM = {"optimism_aggressor": 0.0, "optimism_victim": 0.0}


def reconciliations() -> dict[str, dict[str, float]]:
    """The two ways to reconcile the round-1 optimism with the prior's weight
    (docs/ukraine-2025.md, Limitations), each run with the central values and with costs and
    trends at zero: a prior held as firmly as the top of ``belief_prior_months``' stated range
    (read from the scenario), or no optimism left at round 1 (its limit when a loosely held prior
    has weighed the months already fought)."""
    top = load_scenario(SCENARIO).parameters["belief_prior_months"].range[1]
    return {
        f"belief_prior_months = {top:g}": {"belief_prior_months": float(top)},
        "optimism at zero": ZERO_OPTIMISM,
    }


#: what still moves once costs, trends and optimism are zero, switched off one at a time and
#: together (what is left then is the acceptance noise, redrawn each round)
STILL_MOVING = {
    "war_volatility": {"war_volatility": 0.0},
    "battlefield_signal_noise": {"battlefield_signal_noise": 0.0},
    "disposition_sd": {"disposition_sd": 0.0},
    "all three": {"war_volatility": 0.0, "battlefield_signal_noise": 0.0, "disposition_sd": 0.0},
}
# Every assumption that acts before agreement (durability's act after it; vote parameters only
# through a mandate, and the central scenario has none).
SWEPT = (
    "horizon_rounds",
    "self_weight",
    "backstop",
    "force_required_troops",
    "large_force_troops",
    "pledge_noise",
    "force_index_statement",
    "force_framework_share",
    "force_weight_backstop",
    "force_weight_lead_absent",
    "force_weight_free_riding",
    "force_weight_exposure",
    "force_conditional_backstop",
    "force_condition_spread",
    "bargaining_power_exponent",
    "security_weight",
    "guarantee_deterrence",
    "renege_cost",
    "un_mandate_effect",
    "acceptance_noise",
    "war_cost_per_month",
    "war_months_before_start",
    "war_volatility",
    "optimism_aggressor",
    "optimism_victim",
    "belief_prior_months",
    "battlefield_signal_noise",
    "disposition_sd",
    "disposition_persistence",
    "fighting_on_ukr",
    "fighting_on_rus",
    "fighting_on_usa",
    "battlefield_trend_ukr",
    "battlefield_trend_rus",
    "battlefield_trend_usa",
)
POINTS = 20
KNIFE_EDGE = 0.3


def horizon(
    n: int, overrides: dict[str, float], scenario: Scenario | str = SCENARIO
) -> dict[str, float]:
    """P(agreement) within 12, 24 and 48 rounds over 48 rounds of ``scenario`` with
    ``overrides``, and the share of the replications with none at 24 that still have none at 48."""
    res = run_ensemble(scenario, n, rng=SEED, parameters={**overrides, "horizon_rounds": 48})
    rows = res.rows
    rnd = np.where(rows["agreed"], rows["agreement_round"], 10**6)
    p24, p48 = float((rnd <= 24).mean()), float((rnd <= 48).mean())
    return {
        "p_within_12": float((rnd <= 12).mean()),
        "p_within_24": p24,
        "p_within_48": p48,
        "difference_48_24": p48 - p24,
        "difference_se": float(np.sqrt((p48 - p24) * (1 - (p48 - p24)) / n)),
        "share_none_at_24_still_none_at_48": (1 - p48) / (1 - p24) if p24 < 1 else float("nan"),
        "replications": n,
    }


def bargaining_range(n: int) -> tuple[dict[str, Any], pd.DataFrame]:
    res = run_ensemble(SCENARIO, n, rng=SEED)
    rows = res.rows[res.rows["agreed"]]
    dims = res.scenario.dimension_names
    q = [0.05, 0.25, 0.5, 0.75, 0.95]
    terms = pd.DataFrame(
        {
            "dimension": dims,
            "mean": [rows[f"terms_{d}"].mean() for d in dims],
            **{f"q{round(100 * p):02d}": [rows[f"terms_{d}"].quantile(p) for d in dims] for p in q},
            "weighted_mean": [res.baselines["weighted_mean"][d] for d in dims],
            "weighted_median": [res.baselines["weighted_median"][d] for d in dims],
        }
    )
    excess = (rows["force_troops"] - rows["troops_allowed"]).to_numpy()
    summary = {
        "replications": n,
        "p_agreement": res.p_agreement["p"],
        "agreements": len(rows),
        "share_in_range": float(rows["in_range"].mean()),
        "agreements_with_force_above_allowed": int((excess > 1e-6 * rows["troops_allowed"]).sum()),
        "median_force_troops_agreed": float(rows["force_troops"].median()),
        "median_troops_allowed_agreed": float(rows["troops_allowed"].median()),
        "expected_fighting_on": {
            c[len("fighting_on_") :]: float(rows[c].mean())
            for c in rows.columns
            if c.startswith("fighting_on_")
        },
        "expected_deal_value": {
            c[len("deal_value_") :]: float(rows[c].mean())
            for c in rows.columns
            if c.startswith("deal_value_")
        },
    }
    return summary, terms


def backstop(n: int) -> dict[str, Any]:
    central = load_scenario(SCENARIO).parameters["backstop"].central
    out = {}
    for b in (0.0, central, 0.9):
        res = run_ensemble(SCENARIO, n, rng=SEED, parameters={"backstop": b})
        agreed = res.rows[res.rows["agreed"]]
        out[f"{b:g}"] = {
            "p_agreement": res.p_agreement["p"],
            "mean_credibility_agreed": float(agreed["credibility"].mean()),
            "mean_terms_foreign_forces_agreed": float(agreed["terms_foreign_forces"].mean()),
            "mean_p_accept_rus_round": float(res.rows["p_accept_rus"].mean()),
        }
    return {"replications": n, "by_backstop": out}


def knife_edge(n: int) -> pd.DataFrame:
    params = load_scenario(SCENARIO).parameters
    records = []
    for name in SWEPT:
        lo, hi = params[name].range
        values = np.linspace(lo, hi, POINTS)
        if name == "horizon_rounds":
            values = np.unique(np.round(values).astype(int))
        for v in values:
            res = run_ensemble(SCENARIO, n, rng=SEED, parameters={name: float(v)})
            records.append(
                {"parameter": name, "value": float(v), "p_agreement": res.p_agreement["p"]}
            )
        print(f"knife-edge: {name} done", flush=True)
    return pd.DataFrame.from_records(records)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replications", type=int, default=10_000)
    ap.add_argument("--sweep", type=int, default=1_000, help="replications per sweep point")
    args = ap.parse_args()
    start = time.process_time()
    central = horizon(args.replications, {})
    zero = horizon(args.replications, ZERO_COSTS)
    zero_optimism = horizon(args.replications, {**ZERO_COSTS, **ZERO_OPTIMISM})
    reconciled = {
        name: {
            "overrides": over,
            "central": horizon(args.replications, over),
            "zero_costs_and_trends": horizon(args.replications, {**ZERO_COSTS, **over}),
        }
        for name, over in reconciliations().items()
    }
    still = {
        name: horizon(args.replications, {**ZERO_COSTS, **ZERO_OPTIMISM, **off})
        for name, off in STILL_MOVING.items()
    }
    in_range, terms = bargaining_range(args.replications)
    guarantee = backstop(args.replications // 2)
    sweep = knife_edge(args.sweep)
    steps = (
        sweep.groupby("parameter", sort=False)["p_agreement"]
        .apply(lambda p: float(np.abs(np.diff(p.to_numpy())).max(initial=0.0)))
        .rename("max_step")
    )
    write_csv(sweep, "knife_edge_sweep.csv")
    write_csv(terms, "agreed_terms.csv")
    write_json(
        {
            "scenario": SCENARIO,
            "root_seed": SEED,
            "horizon_central": central,
            "horizon_zero_costs_and_trends": zero,
            "zero_costs_and_trends": ZERO_COSTS,
            "horizon_zero_costs_trends_and_optimism": zero_optimism,
            "horizon_reconciling_optimism_and_prior": reconciled,
            "horizon_zero_and_switched_off": {
                name: {"switched_off": STILL_MOVING[name], **h} for name, h in still.items()
            },
            "bargaining_range": in_range,
            "backstop": guarantee,
            "knife_edge": {
                "points": POINTS,
                "replications_per_point": args.sweep,
                "threshold": KNIFE_EDGE,
                "max_step": steps.to_dict(),
                "largest": {"parameter": steps.idxmax(), "step": float(steps.max())},
                "parameters_above_threshold": [k for k, v in steps.items() if v > KNIFE_EDGE],
            },
        },
        "horizon_knife_edge.json",
    )
    print(
        f"horizon: still none at 48 {central['share_none_at_24_still_none_at_48']:.3f}; "
        f"zero costs: P48-P24 {zero['difference_48_24']:.4f} "
        f"(and no optimism: {zero_optimism['difference_48_24']:.4f}); in range "
        f"{in_range['share_in_range']:.3f}; largest step {steps.max():.3f} ({steps.idxmax()}); "
        f"{time.process_time() - start:.0f} s CPU"
    )


if __name__ == "__main__":
    main()
