"""How simulated agreements break down, and the odds' two intervals (ODD 7.7, 4).

Runs ukraine-2025 at the scenario's values (10,000 replications, the experiments' root seed) and
writes, for the agreements reached, the share that has broken down within 3, 12 and 36 months
after signing (Wilson intervals), beside the record read by ``durability_estimate.py``. Then the
same odds across the assumptions (``sweeps.uncertainty``: every assumption drawn from its
distribution or range, common random numbers) beside the simulation interval.

What makes the simulated agreements durable (``hazard_parts``): over the same agreements, the
expected share failing within 3, 12 and 36 months by the engine's own rule
(``agents.rules.durability``), with the hazard's parts switched in turn: as the engine computes
it; with each side's incentive measured against the value of fighting on instead of renewed war
(renewed war nets ``renege_cost`` and, for the aggressor, the guarantee's deterrence, which the
estimated baseline and the force and backstop effects may already carry: docs/ukraine-2025.md,
Limitations); without the incentive term; without the force and backstop effects; with neither
(the estimated baseline). Durability does not feed back into the bargaining, so the agreements
are the same in every row; the shares are analytic, ``1 − exp(−H(t))`` averaged over them.

    .venv/bin/python experiments/durability_simulated.py     # about half a minute
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import SCENARIO, SEED, read_csv, write_csv, write_json

from agents.rules.durability import breakdown_multiplier, p_fails_within
from model import run_ensemble
from model.stats import wilson_interval
from scenarios import load_scenario
from scenarios.schema import Scenario
from sweeps.uncertainty import assumption_interval

REPLICATIONS = 10_000
MONTHS = (3, 12, 36)
DRAWS = 64  # outer draws of the assumptions
PER_DRAW = 100  # replications per draw


def failing_shares(rows: pd.DataFrame) -> pd.DataFrame:
    """Share of agreements broken within each of MONTHS, with Wilson 95% intervals."""
    agreed = rows[rows["agreed"].astype(bool)]
    n = len(agreed)
    out = []
    for m in MONTHS:
        k = int((agreed["breaks_month"] <= m).sum())
        lo, hi = wilson_interval(k, n)
        out.append(
            {
                "months": m,
                "share_failed": k / n if n else float("nan"),
                "ci_low": lo,
                "ci_high": hi,
                "agreements": n,
            }
        )
    return pd.DataFrame(out)


def beside_the_record(sim: pd.DataFrame) -> pd.DataFrame:
    """The simulated shares next to Fortna's cease-fires (Kaplan-Meier, all; Weibull AFT
    without and with peacekeepers) from ``durability_shares.csv``."""
    rec = read_csv("durability_shares.csv")
    cols = {
        "fortna_km": ("fortna_civil", "kaplan_meier"),
        "fortna_no_pk": ("fortna_civil_no_pk", "weibull_aft"),
        "fortna_pk": ("fortna_civil_pk", "weibull_aft"),
    }
    out = sim.copy()
    for name, (sample, method) in cols.items():
        sub = rec[(rec["sample"] == sample) & (rec["method"] == method)].set_index("months")
        out[name] = out["months"].map(sub["share_failed"])
    return out


HAZARD_PARTS = {
    "as the engine: value of renewed war minus the deal": ("renewed_war_value", True),
    "value of fighting on minus the deal": ("fighting_on", True),
    "no incentive term": (None, True),
    "no force or backstop effect": ("renewed_war_value", False),
    "neither: the estimated baseline": (None, False),
}


def _param(rows: pd.DataFrame, scenario: Scenario, name: str) -> np.ndarray:
    """A parameter per replication: its draw when it is random, else its value."""
    col = f"param_{name}"
    if col in rows:
        return rows[col].to_numpy(float)
    return np.full(len(rows), scenario.parameters[name].central)


def hazard_parts(rows: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Expected share of the agreements failing within MONTHS with the hazard's parts switched
    (``HAZARD_PARTS``: incentive column or none, force and backstop effects on or off), and, for
    the engine's own row, the share its drawn breakdown months give (a check)."""
    agreed = rows[rows["agreed"].astype(bool)]
    fighters = [iso3.lower() for iso3 in scenario.roles.belligerents]
    shape = _param(agreed, scenario, "breakdown_shape")
    scale = _param(agreed, scenario, "breakdown_scale_months")
    out = []
    for label, (incentive, effects) in HAZARD_PARTS.items():
        deal = agreed[[f"deal_value_{v}" for v in fighters]].to_numpy(float)
        g = np.zeros_like(deal)
        if incentive is not None:
            g = agreed[[f"{incentive}_{v}" for v in fighters]].to_numpy(float) - deal
        on = 1.0 if effects else 0.0
        m = breakdown_multiplier(
            g,
            agreed["adequacy"].to_numpy(float),
            _param(agreed, scenario, "backstop"),
            on * _param(agreed, scenario, "force_effect_on_hazard"),
            on * _param(agreed, scenario, "backstop_effect_on_hazard"),
            _param(agreed, scenario, "renege_sensitivity"),
        )
        row: dict[str, object] = {"hazard": label, "agreements": len(agreed)}
        for months in MONTHS:
            row[f"failed_{months}"] = float(p_fails_within(months, m, shape, scale).mean())
        out.append(row)
    table = pd.DataFrame(out)
    drawn = {m: float((agreed["breaks_month"] <= m).mean()) for m in MONTHS}
    table["drawn_36"] = [drawn[36]] + [float("nan")] * (len(table) - 1)
    return table


def main() -> None:
    scenario = load_scenario(SCENARIO)
    res = run_ensemble(scenario, REPLICATIONS, rng=SEED)
    shares = beside_the_record(failing_shares(res.rows))
    write_csv(shares, "durability_simulated.csv")
    parts = hazard_parts(res.rows, scenario)
    write_csv(parts, "durability_hazard_parts.csv")
    spread = assumption_interval(scenario, DRAWS, PER_DRAW, rng=SEED)
    summary = res.summary()
    write_json(
        {
            "scenario": SCENARIO,
            "root_seed": SEED,
            "simulation": {
                name: summary[name] for name in ("p_agreement", "p_holds", "p_agreed_and_holds")
            },
            "replications": REPLICATIONS,
            "assumptions": spread.summary(),
        },
        "odds_intervals.json",
    )
    write_csv(spread.draws, "odds_assumption_draws.csv")
    print(shares.to_string(index=False))
    print(parts.to_string(index=False))
    print(spread.summary())


if __name__ == "__main__":
    main()
