"""Interactive charts (plotly) of one run and of a sweep: hover names a state and its values,
zoom and pan, a click on a legend entry hides or shows that trace.

Offline: the page draws these with ``solara.FigurePlotly`` (plotly's FigureWidget, an anywidget
whose front end, plotly.js included, ships inside the plotly wheel and is served by the local
server from ``share/jupyter/nbextensions/anywidget``); nothing is fetched from a CDN. plotly's
own PNG download (the camera in each chart's toolbar) renders in the browser, so it needs no
kaleido; the matplotlib exports in ``viz.figures`` stay for files written on the server.

No world map: plotly's geo traces load their topojson from cdn.plot.ly at draw time
(``topojsonURL``), which an offline page cannot reach, so votes are a dot chart by bloc.

Builders take plain data (arrays, tables), not the model, so they serve any caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from viz.figures import bloc_colours

# The chart toolbar: no "edit in Chart Studio" link (it would leave the machine), no logo.
CONFIG = {
    "displaylogo": False,
    "showLink": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "responsive": True,  # refit to the card when the window is resized (viz.chart_view)
}
HEIGHT = 440
MARGIN = {"l": 60, "r": 20, "t": 50, "b": 50}
VOTE_LABELS = ("yes", "no", "abstain", "absent")
VOTE_COLOURS = ("#2ca02c", "#d62728", "#ff7f0e", "#bbbbbb")
MARKS = (  # key, label, plotly symbol, colour, size
    ("terms", "proposal", "star", "black", 20),
    ("weighted_mean", "weighted mean", "x", "#444", 13),
    ("weighted_median", "weighted median", "diamond", "#444", 11),
)


@dataclass(frozen=True)
class StateTable:
    """Who the states are: one entry per state, in the model's order."""

    iso3: Sequence[str]
    name: Sequence[str]
    bloc: Sequence[str]
    capability: np.ndarray  # (N,), the most capable state has 1


AXIS = {"gridcolor": "#e5e5e5", "zerolinecolor": "#cccccc", "linecolor": "#cccccc"}


def new_figure(*traces: go.BaseTraceType) -> go.Figure:
    """A figure without plotly's default template: applying a template costs tens of
    milliseconds per figure, which a Step cannot afford; ``_layout`` sets the few styles used."""
    fig = go.Figure(layout={"template": None})
    if traces:
        fig.add_traces(list(traces))
    return fig


def _rows(*columns: Sequence[object] | np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Hover data: the rows ``idx`` of ``columns`` as an (len(idx), k) object array."""
    return np.array([[col[int(i)] for col in columns] for i in idx], dtype=object).reshape(
        len(idx), len(columns)
    )


def _layout(fig: go.Figure, title: str, x: str, y: str, **extra: object) -> go.Figure:
    settings: dict[str, object] = {
        "title": {"text": title, "x": 0.02, "font": {"size": 15}},
        "height": HEIGHT,
        "margin": MARGIN,
        "plot_bgcolor": "white",
        "legend": {"itemclick": "toggle", "itemdoubleclick": "toggleothers"},
        "hoverlabel": {"namelength": -1},
    }
    fig.update_layout(**{**settings, **extra})
    fig.update_xaxes(title_text=x, **AXIS)
    fig.update_yaxes(title_text=y, **AXIS)
    return fig


def issue_space_moves(
    states: StateTable,
    trails: np.ndarray,
    marks: Mapping[str, tuple[float, float]],
    round_: int,
) -> tuple[list[dict[str, np.ndarray]], str]:
    """What a Step moves in ``issue_space``: per trace, in its order, the new x and y; and the
    title. The figure is built from the same arrays, so the two cannot disagree."""
    pos = trails[-1]
    out: list[dict[str, np.ndarray]] = []
    # every state's path, one trace with gaps between states (empty before the first round)
    n = trails.shape[1]
    path = trails if len(trails) > 1 else trails[:0]
    xs = np.vstack([path[:, :, 0], np.full((1, n), np.nan)]).T.ravel()
    ys = np.vstack([path[:, :, 1], np.full((1, n), np.nan)]).T.ravel()
    out.append({"x": xs, "y": ys})
    blocs = np.asarray(states.bloc)
    for bloc in bloc_colours(list(states.bloc)):
        idx = np.flatnonzero(blocs == bloc)
        out.append({"x": pos[idx, 0], "y": pos[idx, 1]})
    for key, *_ in MARKS:  # a mark not yet known (before the first round) is drawn nowhere
        x, y = marks.get(key, (np.nan, np.nan))
        out.append({"x": np.array([x], float), "y": np.array([y], float)})
    return out, f"Issue space, round {round_}"


def issue_space(
    states: StateTable,
    trails: np.ndarray,
    axes: tuple[str, str],
    marks: Mapping[str, tuple[float, float]],
    round_: int,
) -> go.Figure:
    """The states on two issue dimensions at the last row of ``trails`` ((T, N, 2) positions,
    T >= 1), one trace per bloc (sized by capability), their trails, and the proposal and the
    weighted mean and median (``marks``: key -> (x, y)). Hover: a state's name, ISO3, bloc,
    position and capability."""
    moves, title = issue_space_moves(states, trails, marks, round_)
    moving = iter(moves)
    fig = new_figure()
    fig.add_trace(
        go.Scatter(
            **next(moving),
            mode="lines",
            line={"color": "rgba(120,120,120,0.35)", "width": 1},
            name="trails",
            hoverinfo="skip",
        )
    )
    blocs = np.asarray(states.bloc)
    for bloc, colour in bloc_colours(list(states.bloc)).items():
        idx = np.flatnonzero(blocs == bloc)
        fig.add_trace(
            go.Scatter(
                **next(moving),
                mode="markers",
                name=bloc,
                marker={
                    "size": 6 + 24 * np.sqrt(states.capability[idx]),
                    "color": colour,
                    "opacity": 0.7,
                    "line": {"width": 0},
                },
                customdata=_rows(states.name, states.iso3, states.capability, idx=idx),
                hovertemplate=(
                    "<b>%{customdata[0]}</b> (%{customdata[1]})<br>"
                    f"bloc {bloc}<br>{axes[0]} %{{x:.3f}}<br>{axes[1]} %{{y:.3f}}<br>"
                    "capability %{customdata[2]:.3f}<extra></extra>"
                ),
            )
        )
    for _key, label, symbol, colour, size in MARKS:
        fig.add_trace(
            go.Scatter(
                **next(moving),
                mode="markers",
                name=label,
                marker={"symbol": symbol, "size": size, "color": colour},
                hovertemplate=f"<b>{label}</b><br>{axes[0]} %{{x:.3f}}<br>"
                f"{axes[1]} %{{y:.3f}}<extra></extra>",
            )
        )
    return _layout(
        fig,
        title,
        axes[0],
        axes[1],
        xaxis={"range": [-0.03, 1.03]},
        yaxis={"range": [-0.03, 1.03]},
    )


def over_rounds(
    table: pd.DataFrame, columns: Mapping[str, str], title: str, ylabel: str
) -> go.Figure:
    """Lines over the rounds of ``table`` (column ``round``): one per entry of ``columns``
    (column -> label), each in the legend."""
    fig = new_figure()
    for col, label in columns.items():
        if col in table:
            fig.add_trace(
                go.Scatter(
                    x=table["round"],
                    y=table[col],
                    mode="lines+markers",
                    name=label,
                    hovertemplate=f"<b>{label}</b><br>round %{{x}}<br>{ylabel} %{{y:.3f}}"
                    "<extra></extra>",
                )
            )
    return _layout(fig, title, "round", ylabel, yaxis={"range": [-0.02, 1.02]})


def pledges(candidates: pd.DataFrame, required: float) -> go.Figure:
    """Troops pledged by each candidate (``candidates``: iso3, name, troops, member), members and
    non-members as two legend entries, and the strength required as a line."""
    fig = new_figure()
    table = candidates.sort_values("troops")
    for member, label, colour in ((True, "in the force", "#1f77b4"), (False, "not in", "#bbb")):
        part = table[table["member"] == member]
        fig.add_trace(
            go.Bar(
                x=part["troops"],
                y=part["iso3"],
                orientation="h",
                name=label,
                marker_color=colour,
                customdata=part[["name"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b> (%{y})<br>%{x:,.0f} troops"
                f"<br>{label}<extra></extra>",
            )
        )
    total = float(table.loc[table["member"], "troops"].sum()) if len(table) else 0.0
    fig.add_vline(x=required, line_dash="dash", line_color="#d62728")
    return _layout(
        fig,
        f"Pledges: {total:,.0f} of {required:,.0f} troops required (dashed)",
        "troops pledged",
        "",
        barmode="overlay",
        height=max(HEIGHT, 18 * len(table) + 120),
    )


def votes(states: StateTable, codes: Sequence[int], resolution: str) -> go.Figure:
    """Each state's vote on one resolution as a dot in a grid of vote (rows: yes, no, abstain,
    absent) by bloc (columns), one legend entry per vote; hover names the state."""
    fig = new_figure()
    codes_a = np.asarray(codes)
    blocs = sorted(set(states.bloc))
    row = {b: i for i, b in enumerate(blocs)}
    n = len(codes_a)
    # a deterministic spread of the dots within their cell (the R2 low-discrepancy sequence)
    spread_x = (np.arange(n) * 0.7548777) % 1.0 - 0.5
    spread_y = (np.arange(n) * 0.5698403) % 1.0 - 0.5
    for k, (label, colour) in enumerate(zip(VOTE_LABELS, VOTE_COLOURS, strict=True)):
        idx = np.flatnonzero(codes_a == k)
        if not len(idx):
            continue
        fig.add_trace(
            go.Scatter(
                x=[row[str(states.bloc[int(i)])] + 0.7 * spread_x[i] for i in idx],
                y=k + 0.6 * spread_y[idx],
                mode="markers",
                name=f"{label} ({len(idx)})",
                marker={"color": colour, "size": 7 + 14 * np.sqrt(states.capability[idx])},
                customdata=_rows(states.name, states.iso3, states.bloc, idx=idx),
                hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>bloc "
                f"%{{customdata[2]}}<br>votes {label}<extra></extra>",
            )
        )
    return _layout(
        fig,
        f"Votes on {resolution}",
        "bloc",
        "",
        xaxis={"tickvals": list(range(len(blocs))), "ticktext": blocs},
        yaxis={"tickvals": list(range(4)), "ticktext": list(VOTE_LABELS), "range": [3.6, -0.6]},
    )


def sweep_lines(
    points: pd.DataFrame, metric: str, x: str, y: str | None = None, label: str | None = None
) -> go.Figure:
    """``metric`` over ``x`` with its 95% band (``metric_low``/``metric_high``), one line per
    value of ``y`` when given."""
    fig = new_figure()
    groups = [(None, points)] if y is None else list(points.groupby(y, sort=True))
    for level, g in groups:
        g = g.groupby(x, sort=True).mean(numeric_only=True).reset_index()
        name = label or metric if level is None else f"{y} = {float(level):g}"  # type: ignore[arg-type]
        lo, hi = f"{metric}_low", f"{metric}_high"
        if lo in g and hi in g:
            fig.add_trace(
                go.Scatter(
                    x=np.concatenate([g[x], g[x][::-1]]),
                    y=np.concatenate([g[hi], g[lo][::-1]]),
                    fill="toself",
                    mode="lines",
                    fillcolor="rgba(31,119,180,0.15)",
                    line={"width": 0},
                    name=f"95% interval ({name})",
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=g[x],
                y=g[metric],
                mode="lines+markers",
                name=name,
                hovertemplate=f"{x} %{{x:.4g}}<br>{metric} %{{y:.3f}}<extra>{name}</extra>",
            )
        )
    return _layout(fig, f"{label or metric} over {x}", x, label or metric)


def is_grid(points: pd.DataFrame, x: str, y: str | None) -> bool:
    """Whether the points form a full grid over ``x`` (and ``y``): few levels, every cell
    filled. A sampled design (Latin hypercube, Sobol) does not."""
    if points[x].nunique() > 60:
        return False
    if y is None:
        return bool(points[x].nunique() < len(points)) or len(points) <= 12
    cells = points.groupby([y, x]).size()
    return bool(len(cells) <= 60 * 60 and len(cells) == points[x].nunique() * points[y].nunique())


def sweep_scatter(
    points: pd.DataFrame, metric: str, x: str, y: str | None = None, label: str | None = None
) -> go.Figure:
    """A sampled design: ``metric`` against ``x`` with its 95% interval as error bars, or, with
    ``y``, the points on ``x`` and ``y`` coloured by ``metric``."""
    name = label or metric
    lo, hi = f"{metric}_low", f"{metric}_high"
    if y is None:
        errors = None
        if lo in points and hi in points:
            errors = {
                "type": "data",
                "symmetric": False,
                "array": points[hi] - points[metric],
                "arrayminus": points[metric] - points[lo],
                "thickness": 1,
                "color": "rgba(31,119,180,0.4)",
            }
        fig = new_figure(
            go.Scatter(x=points[x], y=points[metric], mode="markers", name=name, error_y=errors,
                       hovertemplate=f"{x} %{{x:.4g}}<br>{name} %{{y:.3f}}<extra></extra>")
        )  # fmt: skip
        return _layout(fig, f"{name} over {x}", x, name)
    bounded = metric.startswith("p_")
    fig = new_figure(
        go.Scatter(
            x=points[x],
            y=points[y],
            mode="markers",
            name=name,
            marker={
                "color": points[metric],
                "colorscale": "Viridis",
                "size": 11,
                "cmin": 0.0 if bounded else None,
                "cmax": 1.0 if bounded else None,
                "colorbar": {"title": {"text": name}},
            },
            hovertemplate=f"{x} %{{x:.4g}}<br>{y} %{{y:.4g}}<br>{name} %{{marker.color:.3f}}"
            "<extra></extra>",
        )
    )
    return _layout(fig, f"{name} over {x} and {y}", x, y)


def sweep_heatmap(points: pd.DataFrame, metric: str, x: str, y: str, label: str = "") -> go.Figure:
    """``metric`` over a grid of ``x`` and ``y`` (mean per cell), hover giving the value and the
    95% interval when the table has it."""
    table = points.pivot_table(index=y, columns=x, values=metric, aggfunc="mean")
    custom = None
    if f"{metric}_low" in points and f"{metric}_high" in points:
        lo = points.pivot_table(index=y, columns=x, values=f"{metric}_low", aggfunc="mean")
        hi = points.pivot_table(index=y, columns=x, values=f"{metric}_high", aggfunc="mean")
        custom = np.dstack([lo.to_numpy(), hi.to_numpy()])
    bounded = metric.startswith("p_")
    fig = new_figure(
        go.Heatmap(
            z=table.to_numpy(),
            x=[f"{v:g}" for v in table.columns],
            y=[f"{v:g}" for v in table.index],
            zmin=0.0 if bounded else None,
            zmax=1.0 if bounded else None,
            colorscale="Viridis",
            colorbar={"title": {"text": label or metric}},
            customdata=custom,
            hovertemplate=f"{x} %{{x}}<br>{y} %{{y}}<br>{label or metric} %{{z:.3f}}"
            + (" (95% CI %{customdata[0]:.3f}–%{customdata[1]:.3f})" if custom is not None else "")
            + "<extra></extra>",
        )
    )
    return _layout(fig, f"{label or metric} over {x} and {y}", x, y)


def tornado(indices: pd.DataFrame, output: str, method: str) -> go.Figure:
    """Sensitivity indices of one output, most influential parameter at the top: Sobol total and
    first-order indices with their confidence intervals, or Morris mu*."""
    key = "ST" if method == "sobol" else "mu_star"
    t = indices[indices["output"] == output].sort_values(key, ascending=True)
    fig = new_figure()
    bars = [("ST", "total (ST)"), ("S1", "first order (S1)")] if method == "sobol" else [
        ("mu_star", "mu* (mean |elementary effect|)")
    ]  # fmt: skip
    for col, label in bars:
        fig.add_trace(
            go.Bar(
                x=t[col],
                y=t["parameter"],
                orientation="h",
                name=label,
                error_x={"type": "data", "array": t[f"{col}_conf"]} if f"{col}_conf" in t else None,
                hovertemplate=f"<b>%{{y}}</b><br>{label} %{{x:.3f}}<extra></extra>",
            )
        )
    return _layout(
        fig,
        f"{method.capitalize()} sensitivity of {output}",
        "index" if method == "sobol" else "mu*",
        "",
        barmode="group",
        height=max(300, 40 * len(t) + 140),
    )
