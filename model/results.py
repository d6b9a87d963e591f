"""Figures of a sweep's per-point table: an outcome against one or two parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model.sensitivity_analysis import LABELS, save_figure

MAX_LINES = 8


def _label(column: str) -> str:
    return LABELS.get(column, column)


def plot_metric(points: pd.DataFrame, metric: str, x: str, y: str | None, path: str | Path) -> Path:
    """``metric`` against ``x`` (lines, one per value of ``y`` when it has few), or a heat map
    over ``x`` and ``y`` when they form a grid; a scatter plot otherwise. PNG or SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    if y is not None and points[y].nunique() > MAX_LINES:
        _heat_or_scatter(fig, ax, points, metric, x, y)
    else:
        groups = [(None, points)] if y is None else list(points.groupby(y, sort=True))
        for level, g in groups:
            g = g.groupby(x, sort=True).mean(numeric_only=True).reset_index()
            label = None if level is None else f"{y} = {float(level):g}"  # type: ignore[arg-type]
            ax.plot(g[x], g[metric], marker="o", ms=3, label=label)
            lo, hi = f"{metric}_low", f"{metric}_high"
            if lo in g and hi in g:
                ax.fill_between(g[x], g[lo], g[hi], alpha=0.2)
        if y is not None:
            ax.legend(fontsize=8)
        ax.set_xlabel(x)
        ax.set_ylabel(_label(metric))
        if metric.startswith("p_"):
            ax.set_ylim(-0.02, 1.02)
    ax.set_title(f"{_label(metric)} over {x}" + (f" and {y}" if y else ""))
    fig.tight_layout()
    return save_figure(fig, path)


def _heat_or_scatter(fig: Any, ax: Any, points: pd.DataFrame, metric: str, x: str, y: str) -> None:
    table = points.pivot_table(index=y, columns=x, values=metric, aggfunc="mean")
    is_grid = table.size <= 60 * 60 and not table.isna().any().any()
    vmin, vmax = (0.0, 1.0) if metric.startswith("p_") else (None, None)
    if is_grid:
        im = ax.imshow(
            table.to_numpy(), origin="lower", aspect="auto", vmin=vmin, vmax=vmax, cmap="viridis"
        )
        ax.set_xticks(np.arange(table.shape[1]), [f"{v:g}" for v in table.columns], rotation=45)
        ax.set_yticks(np.arange(table.shape[0]), [f"{v:g}" for v in table.index])
    else:
        im = ax.scatter(
            points[x], points[y], c=points[metric], s=12, vmin=vmin, vmax=vmax, cmap="viridis"
        )
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    fig.colorbar(im, ax=ax, label=_label(metric))


def heatmap(
    points: pd.DataFrame, metric: str, x: str, y: str, path: str | Path, *, annotate: bool = True
) -> Path:
    """A heat map of ``metric`` over a grid of ``x`` and ``y`` (values written in the cells)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = points.pivot_table(index=y, columns=x, values=metric, aggfunc="mean")
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    vmin, vmax = (0.0, 1.0) if metric.startswith("p_") else (None, None)
    im = ax.imshow(
        table.to_numpy(), origin="lower", aspect="auto", vmin=vmin, vmax=vmax, cmap="viridis"
    )
    ax.set_xticks(np.arange(table.shape[1]), [f"{v:g}" for v in table.columns])
    ax.set_yticks(np.arange(table.shape[0]), [f"{v:g}" for v in table.index])
    if annotate:
        for (i, j), v in np.ndenumerate(table.to_numpy()):
            ax.text(
                j,
                i,
                f"{v:.2f}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if (vmax is not None and v < 0.5 * vmax) else "black",
            )
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(_label(metric))
    fig.colorbar(im, ax=ax, label=_label(metric))
    fig.tight_layout()
    return save_figure(fig, path)
