"""Which assumptions of ukraine-2025 do P(agreement) and P(holds) depend on most?

Sobol first-order and total-effect indices (SALib, via ``sweeps.sensitivity``) over each
parameter's range as written in the scenario (one source of truth), with common random numbers.

    .venv/bin/python experiments/assumptions.py
"""

from __future__ import annotations

import pandas as pd
from common import RESULTS, SCENARIO, SEED, write_csv, write_json

import sweeps
from model.outputs import label
from scenarios import load_scenario

# The main assumptions: the guarantee package, the belligerents' and guarantor's values of
# fighting on, what security is worth to Ukraine and foreign troops cost Russia, and durability.
PARAMETERS = (
    "backstop",
    "force_required_troops",
    "security_weight",
    "troop_aversion",
    "war_cost_per_month",
    "fighting_on_ukr",
    "fighting_on_rus",
    "fighting_on_usa",
    "breakdown_hazard_per_month",
    "force_effect_on_hazard",
)
OUTPUTS = ("p_agreement", "p_holds", "p_agreed_and_holds")
N = 64  # Sobol base sample: N * (k + 2) points
REPLICATIONS = 200  # per point, the same root seed at every point
WORKERS = 2


def main() -> None:
    scenario = load_scenario(SCENARIO)
    res = sweeps.sensitivity(
        scenario,
        list(PARAMETERS),
        method="sobol",
        n=N,
        replications=REPLICATIONS,
        rng=SEED,
        outputs=OUTPUTS,
        workers=WORKERS,
        progress=False,
    )
    frames = []
    for out in OUTPUTS:
        if out in res.skipped:
            continue
        t = res.table(out)
        t.insert(1, "rank", range(1, len(t) + 1))
        frames.append(t)
    table = pd.concat(frames, ignore_index=True)
    table["label"] = table["output"].map(label)
    write_csv(table, "assumptions_sobol.csv")
    bounds = res.design.spec["bounds"]
    ranges = pd.DataFrame(
        {
            "parameter": list(PARAMETERS),
            "low": [bounds[p][0] for p in PARAMETERS],
            "high": [bounds[p][1] for p in PARAMETERS],
            "baseline": [scenario.parameters[p].central for p in PARAMETERS],
            "unit": [scenario.parameters[p].unit for p in PARAMETERS],
        }
    )
    write_csv(ranges, "assumptions_ranges.csv")
    pts = res.points
    write_json(
        {
            "method": "sobol",
            "n": N,
            "parameters": len(PARAMETERS),
            "points": len(pts),
            "replications_per_point": REPLICATIONS,
            "root_seed": SEED,
            "skipped": dict(res.skipped),
            "outputs_mean": {o: float(pts[o].mean()) for o in OUTPUTS},
            "outputs_min": {o: float(pts[o].min()) for o in OUTPUTS},
            "outputs_max": {o: float(pts[o].max()) for o in OUTPUTS},
        },
        "assumptions_run.json",
    )
    res.plot(
        RESULTS / "assumptions_sobol.png", outputs=[o for o in OUTPUTS if o not in res.skipped]
    )
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
