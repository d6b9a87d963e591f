"""How simulated agreements break down, and the odds' two intervals (ODD 7.7, 4).

Runs ukraine-2025 at the scenario's values (10,000 replications, the experiments' root seed) and
writes, for the agreements reached, the share that has broken down within 3, 12 and 36 months
after signing (Wilson intervals), beside the record read by ``durability_estimate.py``. Then the
same odds across the assumptions (``sweeps.uncertainty``: every assumption drawn from its
distribution or range, common random numbers) beside the simulation interval.

    .venv/bin/python experiments/durability_simulated.py     # about half a minute
"""

from __future__ import annotations

import pandas as pd
from common import SCENARIO, SEED, read_csv, write_csv, write_json

from model import run_ensemble
from model.stats import wilson_interval
from scenarios import load_scenario
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


def main() -> None:
    scenario = load_scenario(SCENARIO)
    res = run_ensemble(scenario, REPLICATIONS, rng=SEED)
    shares = beside_the_record(failing_shares(res.rows))
    write_csv(shares, "durability_simulated.csv")
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
    print(spread.summary())


if __name__ == "__main__":
    main()
