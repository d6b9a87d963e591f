"""Experiment: the optimism stated at the war's start and carried to round 1 by Bayes' rule.

ukraine-2025 states each leader's optimism *at round 1* (``optimism_*``) beside a pre-war prior
worth ``belief_prior_months`` to which the months already fought (``war_months_before_start``)
are added (ODD 7.5). Run backwards by the same rule, that round-1 optimism implies an
over-estimate at the war's start far beyond the [0, 1] utility scale at the top of its
distribution (docs/ukraine-2025.md, Limitations). This experiment states the optimism where
the rule starts instead, at the war's start, and lets the rule carry it to round 1:

- each leader's optimism at the war's start is uniform from 0 to the most the utility scale
  allows, ``1 − fighting_on_<side>`` at the scenario's central value (a leader cannot expect
  more than all its demands);
- its pre-war prior is worth ``n`` months of battlefield signals, for ``n`` from the bottom to
  the top of ``belief_prior_months``' stated range (``prior_months``: both ends and the points
  of ``INTERIOR`` between them);
- by ``agents.rules.war.belief_error`` the optimism left at round 1, after ``A`` months of war
  (``war_months_before_start``), is the start's times ``n / (n + A)``: uniform from 0 to
  ``(1 − fighting_on) · n / (n + A)``.

For each ``n`` (a variant of the scenario, nothing else changed; the experiments' root seed, common
random numbers): P(agreement) within 12, 24 and 48 rounds with the central values, the share of the
replications without an agreement at 24 that still have none at 48, and with every cost and
trend at zero P(within 48) − P(within 24) with its binomial standard error: the two horizon
checks of issue 11 (``horizon_knife_edge.horizon``). Nothing is chosen here: the table shows how
the answers depend on how firmly the pre-war expectations were held. Writes
experiments/results/optimism_at_war_start.csv.

    .venv/bin/python experiments/optimism_at_war_start.py      # about two minutes
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from common import SCENARIO, write_csv
from horizon_knife_edge import ZERO_COSTS, horizon

from scenarios import Scenario, load_scenario

INTERIOR = (3, 6, 12, 24)  # months: the grid between the ends of the stated range
REPLICATIONS = 10_000


def prior_months(base: Scenario) -> list[int]:
    """The prior weights tried: both ends of ``belief_prior_months``' range and ``INTERIOR``."""
    lo, hi = base.parameters["belief_prior_months"].range
    return sorted({int(lo), int(hi), *(n for n in INTERIOR if lo < n < hi)})


def round_one_tops(base: Scenario, prior_months: float) -> dict[str, float]:
    """The top of each side's round-1 optimism when at the war's start it is uniform up to
    ``1 − fighting_on`` and the prior is worth ``prior_months``: ``(1 − V) · n / (n + A)``."""
    p = base.parameters
    months = p["war_months_before_start"].central
    keep = prior_months / (prior_months + months)
    roles = base.roles
    return {
        side: (1.0 - p[f"fighting_on_{iso3.lower()}"].central) * keep
        for side, iso3 in (("aggressor", roles.aggressor), ("victim", roles.victim))
    }


def variant(base: Scenario, prior_months: int, directory: Path) -> Scenario:
    """ukraine-2025 with the optimism stated at the war's start and a prior of ``prior_months``."""
    tops = round_one_tops(base, prior_months)
    why = (
        "experiments/optimism_at_war_start.py: at the war's start uniform up to 1 - fighting_on "
        f"(the top of the utility scale), carried to round 1 by Bayes with a {prior_months}-month "
        "prior"
    )
    lines = [f'name = "optimism-at-start-{prior_months}"', f'based_on = "{SCENARIO}"', ""]
    for side, top in tops.items():
        lines += [
            f"[parameters.optimism_{side}]",
            f'distribution = {{ kind = "uniform", low = 0.0, high = {top:.6f} }}',
            f'source = "{why}"',
            "",
        ]
    lines += [
        "[parameters.belief_prior_months]",
        f"value = {prior_months}",
        f'source = "{why}"',
    ]
    path = directory / f"optimism-at-start-{prior_months}"
    path.mkdir()
    (path / "scenario.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_scenario(path)


def main() -> None:
    base = load_scenario(SCENARIO)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in prior_months(base):
            scenario = variant(base, n, Path(tmp))
            tops = round_one_tops(base, n)
            central = horizon(REPLICATIONS, {}, scenario)
            zero = horizon(REPLICATIONS, ZERO_COSTS, scenario)
            rows.append(
                {
                    "belief_prior_months": n,
                    "round1_optimism_top_aggressor": round(tops["aggressor"], 6),
                    "round1_optimism_top_victim": round(tops["victim"], 6),
                    "p_within_12": central["p_within_12"],
                    "p_within_24": central["p_within_24"],
                    "share_none_at_24_still_none_at_48": central[
                        "share_none_at_24_still_none_at_48"
                    ],
                    "zero_costs_difference_48_24": zero["difference_48_24"],
                    "zero_costs_difference_se": zero["difference_se"],
                    "replications": REPLICATIONS,
                }
            )
            print(rows[-1], flush=True)
    write_csv(pd.DataFrame(rows), "optimism_at_war_start.csv")


if __name__ == "__main__":
    main()
