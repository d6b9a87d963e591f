"""Figures of sweeps and sensitivity studies: an outcome against one or two parameters, tornado
charts of sensitivity indices; every figure saved byte-reproducibly (``save_figure``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model.outputs import label

MAX_LINES = 8


def _label(column: str) -> str:
    return label(column)


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


def tornado(tables: dict[str, pd.DataFrame], method: str, path: str | Path) -> Path:
    """A tornado chart per output: Sobol total and first-order indices, or Morris mu*.

    ``tables``: output name -> its indices, most influential parameter first."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    k = max((len(t) for t in tables.values()), default=1)
    n = max(1, len(tables))
    fig, axes = plt.subplots(1, n, figsize=(5.5 * n, 1 + 0.45 * k), squeeze=False)
    for ax, (out, table) in zip(axes[0], tables.items(), strict=False):
        t = table.iloc[::-1]
        y = np.arange(len(t))
        if method == "sobol":
            ax.barh(y + 0.2, t["ST"], 0.4, xerr=t["ST_conf"], label="total (ST)")
            ax.barh(y - 0.2, t["S1"], 0.4, xerr=t["S1_conf"], label="first order (S1)")
            ax.set_xlabel("Sobol index")
            ax.legend(loc="lower right", fontsize=8)
        else:
            ax.barh(y, t["mu_star"], 0.6, xerr=t["mu_star_conf"])
            ax.set_xlabel("Morris mu* (mean |elementary effect|)")
        ax.set_yticks(y, list(t["parameter"]))
        ax.set_title(_label(out))
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
