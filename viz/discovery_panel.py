"""The discovery panel of a sweep: PRIM boxes of assumptions where an outcome is likely, with
coverage and density, and the feature-scoring ranking (``sweeps.discovery``, EMA Workbench's
implementations), for the sweep shown in the Sweeps tab."""

from __future__ import annotations

from typing import cast

import pandas as pd
import plotly.graph_objects as go
import solara

from sweeps.discovery import Discovery as Found
from sweeps.discovery import DiscoveryError, discover
from viz.chart_view import Chart
from viz.charts import new_figure

OUTPUTS = ("p_agreed_and_holds", "p_agreement", "p_holds")


def scores_figure(found: Found) -> go.Figure:
    t = found.scores.iloc[::-1]
    fig = new_figure(
        go.Bar(
            x=t["score"],
            y=t["parameter"],
            orientation="h",
            hovertemplate="<b>%{y}</b><br>score %{x:.3f}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": "Feature scores (extra trees)", "x": 0.02},
        height=max(260, 36 * len(t) + 120),
        margin={"l": 60, "r": 20, "t": 50, "b": 40},
        plot_bgcolor="white",
        xaxis_title="score (sums to 1)",
    )
    return fig


def boxes_markdown(found: Found) -> str:
    lines = [
        f"{found.n_interest} of {found.n_points} points have `{found.output}` ≥ "
        f"{found.threshold:g} (base density {found.base_density:.2f}).",
        "",
        "| box | coverage | density | mass | points | limits (quasi-p) |",
        "|---|---|---|---|---|---|",
    ]
    for i, b in enumerate(found.boxes, start=1):
        limits = "; ".join(
            f"{k} in [{lo:.4g}, {hi:.4g}] ({b.quasi_p[k]:.2g})" for k, (lo, hi) in b.limits.items()
        )
        lines.append(
            f"| {i} | {b.coverage:.2f} | {b.density:.2f} | {b.mass:.2f} | {b.points} | "
            f"{limits or 'none'} |"
        )
    return "\n".join(lines)


@solara.component
def Discovery(points: pd.DataFrame, parameters: list[str]) -> None:
    outputs = [o for o in OUTPUTS if o in points.columns]
    output = solara.use_reactive(outputs[0] if outputs else "")
    threshold = solara.use_reactive(0.5)
    found = solara.use_reactive(cast(Found | None, None))
    problem = solara.use_reactive("")

    def run() -> None:
        try:
            found.set(discover(points, parameters, output.value, threshold=threshold.value))
            problem.set("")
        except DiscoveryError as err:
            found.set(None)
            problem.set(str(err))

    with solara.Card(
        "Scenario discovery", subtitle="PRIM boxes and feature scores (EMA Workbench)", margin=0
    ):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Select("Outcome of interest", values=outputs, value=output)
            solara.SliderFloat("Threshold", value=threshold, min=0.0, max=1.0, step=0.05)
            solara.Button("Find boxes", color="primary", on_click=run, disabled=not outputs)
        if problem.value:
            solara.Error(problem.value)
        result: Found | None = found.value
        if result is not None:
            solara.Markdown(boxes_markdown(result))
            Chart(
                scores_figure(result),
                alt="Feature scores: how much each assumption separates the points of interest",
            )
