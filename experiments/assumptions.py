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

# Every assumption that moves the answers: the guarantee package, what security is worth to
# Ukraine and foreign troops cost Russia, the belligerents' and guarantor's values of fighting on
# and how they move, what they believe about it and how fast fighting corrects it (optimism,
# the prior's weight), the leaders' dispositions, how firm the conditional pledges are, the
# acceptance noise, the negotiation horizon, and durability's time shape,
# response to incentives and the force's and backstop's effects. (The pledge weights act through
# the force, whose strength is represented by force_required_troops; the UN vote parameters do
# not enter the odds.)
PARAMETERS = (
    "backstop",
    "force_required_troops",
    "security_weight",
    "guarantee_deterrence",
    "war_cost_per_month",
    "acceptance_noise",
    "horizon_rounds",
    "fighting_on_ukr",
    "fighting_on_rus",
    "fighting_on_usa",
    "battlefield_trend_rus",
    "optimism_aggressor",
    "optimism_victim",
    "belief_prior_months",
    "disposition_sd",
    "force_condition_spread",
    "breakdown_shape",
    "breakdown_scale_months",
    "renege_sensitivity",
    "force_effect_on_hazard",
    "backstop_effect_on_hazard",
)
OUTPUTS = ("p_agreement", "p_holds", "p_agreed_and_holds")
# Sobol base sample: N * (k + 2) points. A point costs ~0.2 s CPU here (a fixed ~0.15 s plus the
# replications), so N = 256 with k = 21 is 5,888 points, about 20 min CPU (7 min wall on 2 workers);
# the total-effect intervals of the top three must not overlap zero (checked in validate.py).
N = 256
REPLICATIONS = 50  # per point, the same root seed at every point (common random numbers)
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
