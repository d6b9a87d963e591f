"""Scenario discovery over a sweep: in which boxes of assumptions is an outcome likely?

A sweep's per-point table (one row per design point: the assumptions it set and the outcomes
estimated there) is read as an experiment set in EMA Workbench's sense: the assumptions are the
uncertainties X, and ``y = outcome >= threshold`` marks the points of interest (for example the
points where P(agreed and holds) is at least 0.5). Two analyses, both EMA Workbench's own
implementations (Kwakkel 2017, doi:10.1016/j.envsoft.2017.06.054), none of ours:

- **PRIM** (Friedman and Fisher 1999, doi:10.1023/A:1008894516817), ``ema_workbench.analysis.prim``:
  peels the assumption space down to a box of limits in which the share of points of interest
  (*density*) is high while the box still holds much of them (*coverage* = points of interest in
  the box / all points of interest; *mass* = points in the box / all points). After a box is
  found its points are removed and PRIM looks for the next, while a box is still denser than the
  whole table (a box no better than chance is not a finding).
- **Feature scoring** (extra trees, Jaxa-Rozen and Kwakkel 2018,
  doi:10.1016/j.envsoft.2018.06.011), ``ema_workbench.analysis.feature_scoring``: which assumptions
  matter most for being a point of interest, as impurity-based importances summing to 1.

This is an analysis of the model's outcomes (ODD 4, "observation"), not part of the model.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

DEFAULT_OUTPUT = "p_agreed_and_holds"
MASS_MIN = 0.05  # ema_workbench's default: no box with fewer than 5% of the points
PEEL_ALPHA = 0.05  # ema_workbench's default: each peel removes 5% of the box's points
MAX_BOXES = 3


class DiscoveryError(ValueError):
    """A request discovery cannot answer; one line: what was asked and what is allowed."""


@dataclass(frozen=True)
class Box:
    """One PRIM box: limits of the assumptions it restricts, and how good it is."""

    limits: dict[str, tuple[float, float]]  # restricted assumption -> (low, high), inclusive
    quasi_p: dict[str, float]  # restricted assumption -> quasi-p value of its restriction
    coverage: float  # points of interest in the box / all points of interest
    density: float  # points of interest in the box / points in the box
    mass: float  # points in the box / all points
    points: int  # points in the box

    def describe(self) -> str:
        """``backstop in [0.41, 0.99] and ...``, or ``every point`` if nothing is restricted."""
        if not self.limits:
            return "every point (no assumption restricted)"
        return " and ".join(
            f"{k} in [{lo:.4g}, {hi:.4g}] (qp {self.quasi_p[k]:.2g})"
            for k, (lo, hi) in self.limits.items()
        )


@dataclass(frozen=True)
class Discovery:
    """What ``discover`` found: the boxes, the first box's peeling trajectory, feature scores."""

    output: str
    threshold: float
    parameters: list[str]
    n_points: int
    n_interest: int  # points with output >= threshold
    boxes: list[Box]
    trajectory: pd.DataFrame  # the first box's peel: coverage, density, mass, res_dim per step
    scores: pd.DataFrame  # parameter, score; most important first

    @property
    def base_density(self) -> float:
        """Share of all points that are of interest (the density of the box 'everything')."""
        return self.n_interest / self.n_points

    def boxes_table(self) -> pd.DataFrame:
        """One row per box: its number, coverage, density, mass, points and its limits."""
        rows = [
            {
                "box": i + 1,
                "coverage": b.coverage,
                "density": b.density,
                "mass": b.mass,
                "points": b.points,
                "limits": b.describe(),
            }
            for i, b in enumerate(self.boxes)
        ]
        return pd.DataFrame(
            rows, columns=["box", "coverage", "density", "mass", "points", "limits"]
        )


def _ema() -> tuple[Any, Any]:
    """ema_workbench's prim and feature_scoring modules.

    Importing ema_workbench warns that optional parallel back-ends (ipyparallel) are missing; we
    use neither, so that import-time warning is silenced here, and only here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        from ema_workbench.analysis import feature_scoring, prim
    return prim, feature_scoring


def _check(points: pd.DataFrame, parameters: Sequence[str], output: str, threshold: float) -> None:
    if output not in points.columns:
        allowed = ", ".join(c for c in points.columns if c not in parameters)
        raise DiscoveryError(f"--output {output}: not a column of the sweep; allowed: {allowed}")
    if not math.isfinite(threshold):
        raise DiscoveryError(f"--threshold {threshold}: allowed is a finite number")
    missing = [p for p in parameters if p not in points.columns]
    if missing:
        raise DiscoveryError(f"the sweep's table lacks its parameters {', '.join(missing)}")
    varied = [p for p in parameters if points[p].nunique() > 1]
    if not varied:
        raise DiscoveryError("the sweep varies no assumption: there is nothing to discover")
    if len(points) < 10:
        raise DiscoveryError(f"the sweep has {len(points)} finished points: PRIM needs at least 10")
    values = points[output].to_numpy(dtype=float)
    if np.isnan(values).any():
        raise DiscoveryError(f"--output {output}: some points have no value (NaN)")
    hits = int((values >= threshold).sum())
    lo, hi = float(values.min()), float(values.max())
    if hits == 0:
        raise DiscoveryError(
            f"--threshold {threshold:g}: no point has {output} >= it (the values run from "
            f"{lo:.3g} to {hi:.3g}); allowed is a threshold in that range"
        )
    if hits == len(values):
        raise DiscoveryError(
            f"--threshold {threshold:g}: every point has {output} >= it (the values run from "
            f"{lo:.3g} to {hi:.3g}); allowed is a threshold above {lo:.3g}"
        )


def _restricted(found: Any) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """The limits of the assumptions the box restricts, and each restriction's quasi-p value.

    From ``PrimBox.inspect(style="data")``: per restricted assumption its min, max and the
    quasi-p values (Bryant and Lempert 2010, doi:10.1016/j.techfore.2009.08.002) of its lower and
    upper limit (NaN for a side left at the edge); the smaller one is kept.
    """
    _, table = found.inspect(style="data")[0]
    values = table.to_numpy(dtype=float)
    limits = {
        str(k): (float(row[0]), float(row[1])) for k, row in zip(table.index, values, strict=True)
    }
    quasi_p = {
        str(k): float(np.nanmin(row[2:])) for k, row in zip(table.index, values, strict=True)
    }
    return limits, quasi_p


def discover(
    points: pd.DataFrame,
    parameters: Sequence[str],
    output: str = DEFAULT_OUTPUT,
    *,
    threshold: float,
    mass_min: float = MASS_MIN,
    peel_alpha: float = PEEL_ALPHA,
    max_boxes: int = MAX_BOXES,
    rng: int = 0,
) -> Discovery:
    """PRIM boxes and feature scores of ``output >= threshold`` over ``parameters``.

    ``points``: a sweep's per-point table (``SweepResult.points()``). ``rng`` seeds the extra
    trees of the feature scoring (PRIM itself is deterministic).
    """
    _check(points, parameters, output, threshold)
    if not 0 < mass_min < 1:
        raise DiscoveryError(f"--mass-min {mass_min}: allowed is a share between 0 and 1")
    if max_boxes < 1:
        raise DiscoveryError(f"--max-boxes {max_boxes}: allowed is an integer >= 1")
    prim, feature_scoring = _ema()
    varied = [p for p in parameters if points[p].nunique() > 1]
    x = points[varied].astype(float).reset_index(drop=True)
    y = (points[output].to_numpy(dtype=float) >= threshold).astype(int)
    base = float(y.mean())
    finder = prim.Prim(x, y, peel_alpha=peel_alpha, paste_alpha=peel_alpha, mass_min=mass_min)
    boxes: list[Box] = []
    trajectory = pd.DataFrame()
    for _ in range(max_boxes):
        found = finder.find_box()
        if found is None:
            break
        if not boxes:
            cols = ["coverage", "density", "mass", "res_dim"]
            trajectory = found.peeling_trajectory[cols].astype(float).reset_index(drop=True)
        stats = found.stats
        if float(stats["density"]) <= base and boxes:
            break  # no better than chance: the rest of the table holds no further box
        limits, quasi_p = _restricted(found)
        boxes.append(
            Box(
                limits=limits,
                quasi_p=quasi_p,
                coverage=float(stats["coverage"]),
                density=float(stats["density"]),
                mass=float(stats["mass"]),
                points=len(found.yi),
            )
        )
    ranked, _ = feature_scoring.get_ex_feature_scores(x, y, random_state=rng)
    scores = pd.DataFrame(
        {"parameter": [str(i) for i in ranked.index], "score": ranked.iloc[:, 0].astype(float)}
    ).reset_index(drop=True)
    return Discovery(
        output=output,
        threshold=float(threshold),
        parameters=varied,
        n_points=len(x),
        n_interest=int(y.sum()),
        boxes=boxes,
        trajectory=trajectory,
        scores=scores,
    )


def discover_sweep(
    path: str | Path, output: str = DEFAULT_OUTPUT, *, threshold: float, **options: Any
) -> Discovery:
    """``discover`` over the finished points of the sweep directory ``path``."""
    from sweeps.runner import open_sweep

    try:
        result = open_sweep(path)
    except FileNotFoundError as err:
        raise DiscoveryError(str(err)) from None
    return discover(result.points(), result.parameters, output, threshold=threshold, **options)
