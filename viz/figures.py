"""Matplotlib figures of one run and of an ensemble (no solara; Figure objects, no pyplot state).

Figures render to PNG on the server, so the page needs no plotting library from a CDN.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from model import AccordModel, EnsembleResult

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
SIZE = (5.6, 3.4)
MARGINS = {"left": 0.12, "right": 0.97, "bottom": 0.15, "top": 0.9}
SCREEN_DPI = 80  # the page; exports use png() at 120


def bloc_colours(blocs: list[str]) -> dict[str, str]:
    """A stable colour per bloc (sorted names, so the same bloc keeps its colour)."""
    return {b: PALETTE[i % len(PALETTE)] for i, b in enumerate(sorted(set(blocs)))}


def _trails(model: AccordModel, dims: tuple[int, int]) -> np.ndarray:
    """(rounds + 1, N, 2) positions on two dimensions, from the initial ideal points on."""
    x0 = model.world.x0[:, list(dims)]
    if model.round == 0:  # nothing collected yet (Mesa returns a placeholder frame)
        return x0[None]
    agents = model.datacollector.get_agent_vars_dataframe()
    names = [f"pos_{model.accord_scenario.dimension_names[d]}" for d in dims]
    values = agents[names].to_numpy()
    return np.concatenate([x0[None], values.reshape(-1, model.world.n, 2)])


def issue_space(model: AccordModel, dims: tuple[int, int]) -> Figure:
    """States on two issue dimensions: colour by bloc, size by capability, the proposal and the
    weighted mean and median marked, and each state's trail over the rounds."""
    scn = model.accord_scenario
    names = [scn.dimension_names[d] for d in dims]
    fig = Figure(figsize=(6.4, 4.4))
    fig.subplots_adjust(left=0.1, right=0.72, bottom=0.12, top=0.93)
    ax = fig.add_subplot()
    trails = _trails(model, dims)
    if len(trails) > 1:  # one polyline per state, drawn as a single collection (fast)
        paths = np.swapaxes(trails, 0, 1)
        ax.add_collection(LineCollection(list(paths), colors="0.6", lw=0.6, alpha=0.5, zorder=1))
    pos = trails[-1]
    blocs = [s.bloc for s in scn.states]
    colours = bloc_colours(blocs)
    sizes = 15 + 400 * np.sqrt(model.world.capability)
    for bloc, colour in colours.items():
        idx = [i for i, b in enumerate(blocs) if b == bloc]
        ax.scatter(pos[idx, 0], pos[idx, 1], s=sizes[idx], c=colour, alpha=0.65, label=bloc,
                   linewidths=0, zorder=2)  # fmt: skip
    for i in model.world.veto:
        ax.annotate(scn.iso3s[i], pos[i], fontsize=8, xytext=(4, 4), textcoords="offset points")
    table = model.datacollector.get_model_vars_dataframe()
    if not table.empty:
        last = table.iloc[-1]
        marks = (("proposal", "*", "black", 260), ("weighted_mean", "X", "#444", 120),
                 ("weighted_median", "D", "#444", 80))  # fmt: skip
        for key, marker, colour, size in marks:
            xy = [last[f"{key}_{n}"] for n in names]
            ax.scatter(xy[0], xy[1], marker=marker, s=size, c=colour, zorder=3,
                       label=key.replace("_", " "), edgecolors="white")  # fmt: skip
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), markerscale=0.6)
    ax.set_title(f"Issue space, round {model.round}", fontsize=10)
    return fig


def _over_rounds(table: pd.DataFrame, columns: dict[str, str], title: str, ylabel: str) -> Figure:
    fig = Figure(figsize=SIZE)
    fig.subplots_adjust(**MARGINS)
    ax = fig.add_subplot()
    for col, label in columns.items():
        if col in table:
            ax.plot(table["round"], table[col], marker="o", ms=3, label=label)
    ax.set_xlabel("round")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0.5, max(1, len(table)) + 0.5)
    ax.set_ylabel(ylabel)
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(title, fontsize=10)
    if columns and not table.empty:
        ax.legend(fontsize=8)
    return fig


def acceptance(model: AccordModel) -> Figure:
    """Each veto player's acceptance probability over the rounds."""
    vetoes = model.accord_scenario.roles.veto_players
    cols = {f"p_accept_{v.lower()}": v for v in vetoes}
    table = model.datacollector.get_model_vars_dataframe()
    return _over_rounds(table, cols, "Acceptance by veto player", "P(accept)")


def credibility(model: AccordModel) -> Figure:
    """Guarantee credibility and P(holds) over the rounds."""
    table = model.datacollector.get_model_vars_dataframe()
    cols = {"credibility": "credibility G", "p_holds": "P(holds | agreed)"}
    return _over_rounds(table, cols, "Guarantee credibility", "share")


def pledges(model: AccordModel, required: float) -> Figure:
    """Troops pledged by each force candidate this round, and the total against the need."""
    parts = model.explain().get("candidates", {})
    fig = Figure(figsize=(SIZE[0], 4.2))
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.1, top=0.92, wspace=0.45)
    ax, ax2 = fig.subplots(1, 2, width_ratios=(4, 1))
    if parts:
        ordered = sorted(parts.items(), key=lambda kv: kv[1]["troops"])
        labels = [k for k, _ in ordered]
        troops = [v["troops"] for _, v in ordered]
        colours = ["#1f77b4" if v["member"] else "#bbbbbb" for _, v in ordered]
        ax.barh(labels, troops, color=colours)
        ax.tick_params(axis="y", labelsize=6)
    else:
        ax.text(0.5, 0.5, "step the model to see pledges", ha="center", transform=ax.transAxes)
    ax.set_xlabel("troops pledged")
    ax.set_title("Pledges (blue: in the force)", fontsize=10)
    total = sum(v["troops"] for v in parts.values() if v["member"])
    ax2.bar(["total"], [total], color="#1f77b4")
    ax2.axhline(required, color="#d62728", ls="--", label="required")
    ax2.set_title(f"{total:,.0f} / {required:,.0f}", fontsize=9)
    ax2.legend(fontsize=7, loc="lower right")
    return fig


def rounds_histogram(result: EnsembleResult) -> Figure:
    """How many replications agreed in each round."""
    counts = result.agreement_rounds()
    fig = Figure(figsize=SIZE)
    fig.subplots_adjust(**MARGINS)
    ax = fig.add_subplot()
    ax.bar(counts.index.astype(int), counts.to_numpy(), color="#2ca02c")
    ax.set_xlabel("agreement round")
    ax.set_ylabel("replications")
    ax.set_title(f"When agreement comes ({result.replications:,} replications)", fontsize=10)
    return fig


def png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120)
    return buf.getvalue()
