"""Global sensitivity analysis of a scenario's outcomes to its assumptions (SALib: Sobol, Morris).

``sensitivity(scenario, ["backstop", "war_cost_per_month"], method="sobol", n=512)`` samples
the parameters over their ranges, runs a sweep (so it resumes, and runs on Dask like any sweep)
and returns first-order and total indices with confidence intervals for P(agreement) and
P(holds | agreed). Every point uses the same root seed (common random numbers), so a parameter
that changes nothing gives exactly the same outcomes and an index of 0, and the Monte Carlo noise
of each point's estimate is not mistaken for an effect.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from scenarios import Scenario, load_scenario
from sweeps.designs import Design, ParamSpec, morris, sobol
from sweeps.runner import Engine, sweep

Method = Literal["sobol", "morris"]
OUTPUTS = ("p_agreement", "p_holds")


@dataclass(frozen=True)
class SensitivityResult:
    """Indices per output and parameter, the design and the sweep's points."""

    method: str
    indices: pd.DataFrame  # output, parameter, then S1, S1_conf, ST, ST_conf (or Morris columns)
    design: Design
    points: pd.DataFrame
    skipped: dict[str, str] = field(default_factory=dict)  # output -> why it has no indices

    def table(self, output: str = "p_agreement") -> pd.DataFrame:
        """The indices of one output, most influential parameter first."""
        key = "ST" if self.method == "sobol" else "mu_star"
        t = self.indices[self.indices["output"] == output]
        return t.sort_values(key, ascending=False, ignore_index=True)

    def plot(self, path: str | Path, outputs: Sequence[str] | None = None) -> Path:
        """A tornado chart per output (total and first-order indices, or Morris mu*)."""
        from sweeps.plots import tornado

        outs = [o for o in (outputs or self.indices["output"].unique()) if o not in self.skipped]
        return tornado({o: self.table(o) for o in outs}, self.method, path)


def _analyse(
    method: str, d: Design, y: np.ndarray, *, conf_level: float, resamples: int, seed: int
) -> dict[str, np.ndarray]:
    problem = d.problem()
    if method == "sobol":
        from SALib.analyze import sobol as analyser

        res = analyser.analyze(
            problem,
            y,
            calc_second_order=bool(d.spec.get("calc_second_order", False)),
            num_resamples=resamples,
            conf_level=conf_level,
            seed=seed,
        )
        return {k: np.asarray(res[k]) for k in ("S1", "S1_conf", "ST", "ST_conf")}
    from SALib.analyze import morris as analyser

    x = d.points.to_numpy(dtype=np.float64)
    res = analyser.analyze(
        problem,
        x,
        y,
        num_resamples=resamples,
        conf_level=conf_level,
        num_levels=int(d.spec.get("num_levels", 4)),
        seed=seed,
    )
    return {k: np.asarray(res[k]) for k in ("mu", "mu_star", "mu_star_conf", "sigma")}


def sensitivity(
    scenario: str | Path | Scenario,
    params: ParamSpec,
    method: Method = "sobol",
    n: int = 512,
    *,
    replications: int = 200,
    rng: int = 0,
    outputs: Sequence[str] = OUTPUTS,
    out: str | Path | None = None,
    engine: Engine = "local",
    scheduler: Any = None,
    workers: int | None = None,
    calc_second_order: bool = False,
    num_levels: int = 4,
    conf_level: float = 0.95,
    num_resamples: int = 200,
    progress: bool | None = None,
) -> SensitivityResult:
    """Sobol (n a power of 2: n·(k+2) points) or Morris (n trajectories: n·(k+1) points) indices.

    ``params``: parameter names (ranges from the scenario) or ``{name: (low, high) | None}``.
    ``rng`` seeds the sampler, the bootstrap and the (common) root seed of every point.
    ``out``: keep the sweep there (resumable); by default a temporary directory.
    """
    scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if method == "sobol":
        d = sobol(scenario, n, params, seed=rng, calc_second_order=calc_second_order)
    elif method == "morris":
        d = morris(scenario, n, params, seed=rng, num_levels=num_levels)
    else:
        raise ValueError(f"method = {method!r}: allowed is 'sobol' or 'morris'")
    kw: dict[str, Any] = {
        "replications": replications,
        "rng": rng,
        "engine": engine,
        "scheduler": scheduler,
        "workers": workers,
        "seeds": "common",
        "progress": progress,
    }
    if out is not None:
        points = sweep(scenario, d, out=out, **kw).points()
    else:
        with tempfile.TemporaryDirectory(prefix="accord-sensitivity-") as tmp:
            points = sweep(scenario, d, out=tmp, **kw).points()
    frames, skipped = [], {}
    for output in outputs:
        if output not in points.columns:
            raise ValueError(
                f"output {output!r}: allowed are the sweep's columns, e.g. p_agreement"
            )
        y = points[output].to_numpy(dtype=np.float64)
        if np.isnan(y).any():
            skipped[output] = f"undefined at {int(np.isnan(y).sum())} points (e.g. no agreement)"
            continue
        if np.ptp(y) == 0:
            skipped[output] = f"the same ({y[0]:.4g}) at every point: no variance to apportion"
            continue
        idx = _analyse(method, d, y, conf_level=conf_level, resamples=num_resamples, seed=rng)
        frame = pd.DataFrame({"output": output, "parameter": d.parameters, **idx})
        frames.append(frame)
    indices = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return SensitivityResult(method, indices, d, points, skipped)
