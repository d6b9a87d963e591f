"""Matplotlib figures of one run and of an ensemble (no solara; Figure objects, no pyplot state).

Figures render to PNG on the server, so the page needs no plotting library from a CDN.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from model import AccordModel, EnsembleResult
from model.outputs import label as output_label

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
SIZE = (5.6, 3.4)
MARGINS = {"left": 0.12, "right": 0.97, "bottom": 0.15, "top": 0.9}
SCREEN_DPI = 80  # the page; exports use png() at 120


def bloc_colours(blocs: list[str]) -> dict[str, str]:
    """A stable colour per bloc (sorted names, so the same bloc keeps its colour)."""
    return {b: PALETTE[i % len(PALETTE)] for i, b in enumerate(sorted(set(blocs)))}


MARKS = (  # key of the model reporters, marker, colour, size
    ("terms", "*", "black", 260),
    ("weighted_mean", "X", "#444", 120),
    ("weighted_median", "D", "#444", 80),
)


class IssueSpacePlot:
    """The issue-space figure of one model on two dimensions: colour by bloc, size by capability,
    the proposal and the weighted mean and median marked, each state's trail over the rounds.

    The axes, ticks and legend are drawn once; ``png`` redraws only what moves (``animated``
    artists blitted over the cached background), which keeps a Step fast. With
    ``animated=False`` the same figure is an ordinary one (``figure``), for exports.
    """

    def __init__(self, model: AccordModel, dims: tuple[int, int], dpi: float = SCREEN_DPI,
                 animated: bool = True) -> None:  # fmt: skip
        scenario = model.accord_scenario
        self.dims = dims
        self.names = [scenario.dimension_names[d] for d in dims]
        self.fig = Figure(figsize=(6.4, 4.4), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self.fig.subplots_adjust(left=0.1, right=0.72, bottom=0.12, top=0.93)
        ax = self.ax = self.fig.add_subplot()
        x0 = model.initial_positions()[:, list(dims)]
        blocs = [st.bloc for st in scenario.states]
        sizes = 15 + 400 * np.sqrt(model.capabilities())
        self.trails = LineCollection([], colors="0.6", lw=0.6, alpha=0.5, zorder=1)
        ax.add_collection(self.trails)
        self.groups = []
        for bloc, colour in bloc_colours(blocs).items():
            idx = np.array([i for i, b in enumerate(blocs) if b == bloc])
            dots = ax.scatter(x0[idx, 0], x0[idx, 1], s=sizes[idx], c=colour, alpha=0.65,
                              label=bloc, linewidths=0, zorder=2)  # fmt: skip
            self.groups.append((idx, dots))
        self.labels = [
            (
                i,
                ax.annotate(
                    scenario.iso3s[i], x0[i], fontsize=8, xytext=(4, 4), textcoords="offset points"
                ),
            )
            for i in (scenario.iso3s.index(v) for v in model.veto_players())
        ]
        self.marks = {
            key: ax.scatter(
                [np.nan],
                [np.nan],
                marker=marker,
                s=size,
                c=colour,
                zorder=3,
                label=output_label(key),
                edgecolors="white",
            )
            for key, marker, colour, size in MARKS
        }
        ax.set_xlabel(self.names[0])
        ax.set_ylabel(self.names[1])
        ax.set_xlim(-0.03, 1.03)
        ax.set_ylim(-0.03, 1.03)
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), markerscale=0.6)
        self.title = ax.set_title("", fontsize=10)
        self.moving = [self.trails, *(d for _, d in self.groups), *(a for _, a in self.labels),
                       *self.marks.values(), self.title]  # fmt: skip
        for artist in self.moving:
            artist.set_animated(animated)
        self._background: Any = None

    def update(self, model: AccordModel) -> None:
        """Set the moving parts to the model's current round."""
        trails = model.trails(self.dims)
        pos = trails[-1]
        self.trails.set_segments(list(np.swapaxes(trails, 0, 1)) if len(trails) > 1 else [])
        for idx, dots in self.groups:
            dots.set_offsets(pos[idx])
        for i, label in self.labels:
            label.xy = tuple(pos[i])
        table = model.datacollector.get_model_vars_dataframe()
        last = table.iloc[-1] if not table.empty else None
        for key, dots in self.marks.items():
            xy = [np.nan, np.nan] if last is None else [last[f"{key}_{n}"] for n in self.names]
            dots.set_offsets([xy])
        self.title.set_text(f"Issue space, round {model.round}")

    def png(self, model: AccordModel) -> bytes:
        """The figure at the model's current round as PNG bytes (static parts drawn once)."""
        self.update(model)
        if self._background is None:
            self.canvas.draw()  # draws everything but the animated artists
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self.moving:
            self.ax.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        buf = io.BytesIO()
        image = Image.frombuffer("RGBA", (width, height), bytes(self.canvas.buffer_rgba()))
        image.save(buf, format="png", compress_level=1)
        return buf.getvalue()


def issue_space(model: AccordModel, dims: tuple[int, int]) -> Figure:
    """The issue-space figure at the model's current round, as an ordinary Figure (exports)."""
    plot = IssueSpacePlot(model, dims, animated=False)
    plot.update(model)
    return plot.fig


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
    cols = {name: output_label(name) for name in ("credibility", "p_holds_hazard")}
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
