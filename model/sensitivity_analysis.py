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

from model.designs import Design, ParamSpec, morris, sobol
from model.sweeps import Engine, sweep
from scenarios import Scenario, load_scenario

Method = Literal["sobol", "morris"]
OUTPUTS = ("p_agreement", "p_holds")
LABELS = {
    "p_agreement": "P(agreement)",
    "p_holds": "P(holds | agreed)",
    "p_agreed_and_holds": "P(agreed and holds)",
}


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
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        outs = [o for o in (outputs or self.indices["output"].unique()) if o not in self.skipped]
        k = len(self.design.parameters)
        fig, axes = plt.subplots(
            1, max(1, len(outs)), figsize=(5.5 * max(1, len(outs)), 1 + 0.45 * k), squeeze=False
        )
        for ax, out in zip(axes[0], outs, strict=False):
            t = self.table(out).iloc[::-1]
            y = np.arange(len(t))
            if self.method == "sobol":
                ax.barh(y + 0.2, t["ST"], 0.4, xerr=t["ST_conf"], label="total (ST)")
                ax.barh(y - 0.2, t["S1"], 0.4, xerr=t["S1_conf"], label="first order (S1)")
                ax.set_xlabel("Sobol index")
                ax.legend(loc="lower right", fontsize=8)
            else:
                ax.barh(y, t["mu_star"], 0.6, xerr=t["mu_star_conf"])
                ax.set_xlabel("Morris mu* (mean |elementary effect|)")
            ax.set_yticks(y, list(t["parameter"]))
            ax.set_title(LABELS.get(out, out))
            ax.axvline(0, color="black", lw=0.5)
        fig.tight_layout()
        return save_figure(fig, path)


def save_figure(fig: Any, path: str | Path) -> Path:
    """Save PNG or SVG without timestamps or version stamps (byte-reproducible), then close."""
    import matplotlib.pyplot as plt

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {"Date": None} if p.suffix == ".svg" else {"Software": None}
    if p.suffix == ".svg":
        import matplotlib

        matplotlib.rcParams["svg.hashsalt"] = "accord"
    fig.savefig(p, dpi=120, metadata=meta)
    plt.close(fig)
    return p


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
    spec = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if method == "sobol":
        d = sobol(spec, n, params, seed=rng, calc_second_order=calc_second_order)
    elif method == "morris":
        d = morris(spec, n, params, seed=rng, num_levels=num_levels)
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
        points = sweep(spec, d, out=out, **kw).points()
    else:
        with tempfile.TemporaryDirectory(prefix="accord-sensitivity-") as tmp:
            points = sweep(spec, d, out=tmp, **kw).points()
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
