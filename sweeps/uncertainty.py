"""Uncertainty from the assumptions: the odds across the assumptions' stated ranges (ODD 4).

An ensemble's interval (``model.summaries``) is simulation error only: the parameters are where
the scenario puts them (or drawn per replication). Here an outer loop draws the assumptions
themselves, ``draws`` times, and runs an ensemble of ``replications`` at each draw with the same
root seed (common random numbers: every draw sees the same acceptance, pledge, vote and
durability noise, so differences between draws come from the assumptions). Each parameter is
drawn from its distribution when the scenario gives one; a parameter given as a value and a
range is a three-point estimate (most likely value, lowest and highest plausible), drawn from
the triangular distribution over the range with its mode at the value (``three_point``), so the
scenario's own best estimate is the most likely draw (a uniform draw over the range would ignore
it, and centre on the range's midpoint); the draws form a Latin hypercube (scipy ``qmc``,
seeded), mapped through each parameter's inverse CDF. The question's own settings
(``QUESTION``: the negotiation and durability horizons) are not assumptions about the world and
stay as written; nor are the scenario's facts (``fact = true``: a sourced date or count, such as
how long the war had lasted at round 1), whose range is only what sliders and sweeps may try.

The result is the distribution of P(agreement), P(holds | agreed) and P(agreed and holds) over
the draws, summarised as a median and a central interval (default 90%). Each draw's probability
also carries binomial noise of about ``0.5 / sqrt(replications)``, small beside the spread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from model.draws import inverse_cdf
from scenarios.schema import Distribution, Parameter, Scenario
from sweeps.engines import Task, run_tasks

QUESTION = ("horizon_rounds", "durability_horizon_months")  # what is asked, not assumed
OUTCOMES = ("p_agreement", "p_holds", "p_agreed_and_holds")
DRAWS = 32  # default outer draws (accord run, UI)
REPLICATIONS = 100  # default replications per draw
LEVEL = 0.9


@dataclass(frozen=True)
class AssumptionInterval:
    """The odds at each draw of the assumptions, and their summaries."""

    draws: pd.DataFrame  # one row per draw: parameter values, then the OUTCOMES
    parameters: tuple[str, ...]
    replications: int
    seed: int
    level: float = LEVEL

    def interval(self, name: str) -> dict[str, float]:
        """Median and central ``level`` interval of an outcome over the draws (NaN draws, e.g.
        P(holds) at a draw with no agreement, are left out and counted)."""
        values = self.draws[name].to_numpy(float)
        ok = values[~np.isnan(values)]
        tail = (1.0 - self.level) / 2
        if not len(ok):
            nan = float("nan")
            return {"median": nan, "low": nan, "high": nan, "draws": 0, "level": self.level}
        lo, med, hi = np.quantile(ok, [tail, 0.5, 1.0 - tail])
        return {
            "median": float(med),
            "low": float(lo),
            "high": float(hi),
            "draws": len(ok),
            "level": self.level,
        }

    def summary(self) -> dict[str, Any]:
        """JSON-able: each outcome's interval, and how it was made."""
        return {
            **{name: self.interval(name) for name in OUTCOMES},
            "draws": len(self.draws),
            "replications_per_draw": self.replications,
            "root_seed": self.seed,
            "parameters": list(self.parameters),
        }


def uncertain_parameters(scenario: Scenario) -> list[str]:
    """The scenario's assumptions that can vary: a distribution or a range wider than a point,
    the question's own settings and the scenario's facts excepted."""
    out = []
    for name, p in scenario.parameters.items():
        lo, hi = p.range
        if name in QUESTION or p.fact:
            continue
        if p.distribution is not None or float(lo) < float(hi):
            out.append(name)
    return out


def assumption_draws(
    scenario: Scenario, draws: int, *, seed: int, parameters: Sequence[str] | None = None
) -> pd.DataFrame:
    """``draws`` values of each parameter: a seeded Latin hypercube through each parameter's
    distribution, or its ``three_point`` distribution when it has none."""
    from scipy.stats import qmc

    names = list(parameters) if parameters is not None else uncertain_parameters(scenario)
    if draws < 1:
        raise ValueError(f"draws = {draws!r}: allowed is an integer >= 1")
    u = qmc.LatinHypercube(d=len(names), seed=np.random.default_rng(seed)).random(draws)
    cols: dict[str, np.ndarray] = {}
    for j, name in enumerate(names):
        p = scenario.parameters[name]
        cols[name] = inverse_cdf(p.distribution or three_point(p), u[:, j])
    return pd.DataFrame(cols)


def three_point(parameter: Parameter) -> Distribution:
    """The distribution of a parameter given as a value and a range: triangular over the range
    with its mode at the value (the three-point estimate of risk analysis: most likely, lowest,
    highest: Vose 2008, Risk Analysis: A Quantitative Guide, on three-point estimates)."""
    lo, hi = map(float, parameter.range)
    if parameter.value is None:
        raise ValueError(f"{parameter.name}: has a distribution, not a value and a range")
    return Distribution(kind="triangular", low=lo, high=hi, mode=float(parameter.value))


def assumption_interval(
    scenario: Scenario,
    draws: int = DRAWS,
    replications: int = REPLICATIONS,
    *,
    rng: int = 1,
    level: float = LEVEL,
    parameters: Sequence[str] | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> AssumptionInterval:
    """P(agreement), P(holds) and P(agreed and holds) across ``draws`` draws of the assumptions,
    ``replications`` each, every draw with root seed ``rng`` (common random numbers)."""
    if replications < 1:
        raise ValueError(f"replications = {replications!r}: allowed is an integer >= 1")
    table = assumption_draws(scenario, draws, seed=rng, parameters=parameters)
    values = table.to_numpy(float)
    names = [str(c) for c in table.columns]
    tasks = [
        Task(k, dict(zip(names, map(float, values[k]), strict=True)), replications, rng)
        for k in range(len(table))
    ]
    found: dict[int, dict[str, float]] = {}
    for point, row, _ in run_tasks(
        scenario, tasks, engine="local", scheduler=None, workers=workers
    ):
        found[point] = {name: float(row[name].iloc[0]) for name in OUTCOMES}
        if progress:
            progress(len(found), len(tasks))
    odds = pd.DataFrame([found[k] for k in range(len(tasks))])
    return AssumptionInterval(
        draws=pd.concat([table, odds], axis=1),
        parameters=tuple(table.columns),
        replications=replications,
        seed=rng,
        level=level,
    )
