"""The Sweeps tab: run a sweep over one or two assumptions from the page (progress, cancel),
or open a sweep directory written by ``accord sweep``; explore it as a line or heat map of
P(agreement) / P(holds) / P(agreed and holds) with their 95% intervals; the Sobol/Morris tornado
when the directory holds ``indices.csv`` (``accord sensitivity --out``); scenario discovery
(``viz.discovery_panel``).

A sweep run here uses ``sweeps.runner.sweep`` itself (one process, the page's seed as the root
seed), writing to a new directory under ``sweeps/`` in the workspace (``viz.workspace``), which
``accord results`` and ``Open sweep`` can open too; Cancel stops it after the point in progress
(what is stored stays, and is shown), and so does closing the page. ``Open sweep`` reads only a
directory inside the workspace. A sweep from the page is bounded: at most MAX_POINTS points and
MAX_WORK replications in all.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd
import solara
import solara.lab

from scenarios import Scenario
from sweeps.runner import SweepResult, open_sweep, sweep
from viz import charts
from viz.chart_view import Chart
from viz.discovery_panel import Discovery
from viz.odds import UI_MAX_REPLICATIONS
from viz.session import Slider, error_text, sliders
from viz.workspace import readable_dir, workspace_root

METRICS = {
    "p_agreement": "P(agreement)",
    "p_holds": "P(holds | agreed)",
    "p_agreed_and_holds": "P(agreed and holds)",
}
NONE = "(none)"
MAX_POINTS = 400  # a sweep from the page stays small: the command line is for big ones
MAX_WORK = 10 * UI_MAX_REPLICATIONS  # replications in all, points x replications per point
SWEEPS_DIR = "sweeps"  # in the workspace: where the page's sweeps are written


@dataclass(frozen=True)
class Axis:
    name: str
    low: float
    high: float
    count: int

    def levels(self, spec: Slider) -> list[float]:
        values = np.linspace(self.low, self.high, self.count)
        return [float(round(v)) if spec.integer else float(v) for v in values]


def grid_of(
    axes: list[Axis], controls: dict[str, Slider], replications: int = 1
) -> dict[str, list[float]]:
    """The full grid of the chosen axes; ValueError (one line) on a bad choice."""
    if not axes:
        raise ValueError("choose at least one assumption to sweep")
    if len({a.name for a in axes}) < len(axes):
        raise ValueError("choose two different assumptions (or none for the second)")
    total = int(np.prod([a.count for a in axes]))
    if total > MAX_POINTS:
        raise ValueError(f"{total} points: a sweep from the page has at most {MAX_POINTS}")
    if replications < 1 or total * replications > MAX_WORK:
        raise ValueError(
            f"{total} points x {replications:,} replications: a sweep from the page runs at "
            f"least 1 and at most {MAX_WORK:,} replications in all (use accord sweep for more)"
        )
    for a in axes:
        s = controls[a.name]
        if a.count < 1:
            raise ValueError(f"{a.name}: the number of values must be at least 1")
        if not (s.low <= a.low <= s.high and s.low <= a.high <= s.high):
            raise ValueError(
                f"{a.name}: from {a.low:g} to {a.high:g} is outside its range "
                f"{s.low:g} to {s.high:g} {s.unit}".rstrip()
            )
    return {a.name: a.levels(controls[a.name]) for a in axes}


@solara.component
def AxisPicker(
    label: str, names: list[str], axis: Axis | None, on_axis: object, controls: dict[str, Slider]
) -> None:
    name = axis.name if axis else NONE

    def choose(value: str) -> None:
        if value == NONE:
            on_axis(None)  # type: ignore[operator]
        else:
            s = controls[value]
            on_axis(Axis(value, s.low, s.high, 5))  # type: ignore[operator]

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Select(label, values=[NONE, *names], value=name, on_value=choose)
        if axis is not None:
            solara.InputFloat(
                "from",
                value=axis.low,
                on_value=lambda v: on_axis(Axis(axis.name, float(v), axis.high, axis.count)),  # type: ignore[operator]
            )
            solara.InputFloat(
                "to",
                value=axis.high,
                on_value=lambda v: on_axis(Axis(axis.name, axis.low, float(v), axis.count)),  # type: ignore[operator]
            )
            solara.InputInt(
                "values",
                value=axis.count,
                on_value=lambda v: on_axis(Axis(axis.name, axis.low, axis.high, int(v))),  # type: ignore[operator]
            )


@solara.component
def Sweeps(applied: Scenario, seed: int) -> None:
    controls = solara.use_memo(lambda: {s.name: s for s in sliders(applied)}, [applied])
    names = list(controls)
    first = solara.use_reactive(cast(Axis | None, None))
    second = solara.use_reactive(cast(Axis | None, None))
    replications = solara.use_reactive(200)
    progress = solara.use_reactive((0, 0))
    opened = solara.use_reactive(cast(SweepResult | None, None))
    message = solara.use_reactive("")
    cancel = solara.use_memo(threading.Event, [])
    path = solara.use_reactive("")

    def run() -> str:
        axes = [a for a in (first.value, second.value) if a is not None]
        try:
            grid = grid_of(axes, controls, int(replications.value))
            root = workspace_root()
        except ValueError as err:
            return f"error: {err}"
        cancel.clear()
        total = int(np.prod([len(v) for v in grid.values()]))
        progress.set((0, total))
        (root / SWEEPS_DIR).mkdir(exist_ok=True)
        out = Path(tempfile.mkdtemp(prefix="ui-", dir=root / SWEEPS_DIR))
        shown = f"{SWEEPS_DIR}/{out.name}"

        def on_point(done: int, total: int) -> bool:
            progress.set((done, total))
            return not cancel.is_set()

        try:
            result = sweep(applied, grid, replications=int(replications.value), rng=seed,
                           out=out, workers=1, progress=False, on_point=on_point)  # fmt: skip
        except Exception as err:  # shown in the page
            return f"error: {error_text(err)}"
        opened.set(result)
        done = len(result.points())
        if cancel.is_set() and done < total:
            return f"Cancelled after {done} of {total} points (kept in {shown} in the workspace)."
        return (
            f"Done: {done} points x {int(replications.value):,} replications in {shown} "
            "in the workspace."
        )

    task = solara.lab.use_task(run, dependencies=None, raise_error=False)

    def on_unmount() -> Callable[[], None]:
        return cancel.set  # the page closed: a sweep in progress stops after its point

    solara.use_effect(on_unmount, [])

    def open_dir() -> None:
        try:
            opened.set(open_sweep(readable_dir(path.value, workspace_root())))
            message.set(f"Opened {path.value}.")
        except Exception as err:  # not a sweep directory: one line in the page
            message.set(f"error: {error_text(err)}")

    with solara.Card("Run a sweep", subtitle="over one or two assumptions", margin=0):
        AxisPicker("First assumption", names, first.value, first.set, controls)
        AxisPicker("Second assumption (optional)", names, second.value, second.set, controls)
        with solara.Row(style={"align-items": "center"}):
            solara.InputInt("Replications per point", value=replications)
            solara.Button(
                "Run sweep",
                color="primary",
                on_click=task,
                disabled=task.pending or first.value is None,
            )
            solara.Button("Cancel sweep", on_click=cancel.set, disabled=not task.pending)
        if task.pending:
            done, total = progress.value
            solara.Text(f"Sweeping… {done} of {total} points")
            solara.ProgressLinear(100.0 * done / total if total else True)
        elif task.finished and isinstance(task.value, str):
            (solara.Error if task.value.startswith("error:") else solara.Success)(task.value)
    with solara.Card(
        "Open a sweep directory", subtitle="written by accord sweep, in the workspace", margin=0
    ):
        with solara.Row(style={"align-items": "center"}):
            solara.InputText(
                "Sweep directory (in the workspace)", value=path, continuous_update=True
            )
            solara.Button("Open sweep", on_click=open_dir, disabled=not path.value.strip())
        if message.value:
            (solara.Error if message.value.startswith("error:") else solara.Info)(message.value)
    if opened.value is not None:
        Explore(opened.value)


@solara.component
def Explore(result: SweepResult) -> None:
    points = solara.use_memo(result.points, [result])
    params = result.parameters
    m = result.manifest
    metric = solara.use_reactive("p_agreement")
    x = solara.use_reactive(params[0])
    y = solara.use_reactive(params[1] if len(params) > 1 else NONE)
    xv = x.value if x.value in params else params[0]
    yv = y.value if y.value in params or y.value == NONE else NONE
    with solara.Card(f"Sweep {result.out.name}", margin=0):
        solara.Markdown(
            f"Scenario `{m['scenario']}` (`{str(m['scenario_hash'])[:12]}`), "
            f"{len(points)} of {m['points']} points, {int(m['replications']):,} replications "
            f"each, root seed {m['root_seed']}; parameters {', '.join(params)}."
        )
        if points.empty:
            solara.Info("No point finished yet.")
            return
        with solara.Row(style={"flex-wrap": "wrap"}):
            solara.Select("Outcome", values=list(METRICS), value=metric)
            solara.Select("x", values=params, value=x)
            solara.Select("lines / y", values=[NONE, *params], value=y)
        second = None if yv == NONE or yv == xv else yv
        SweepChart(result, points, metric.value, xv, second)
        Tornado(result.out)
    Discovery(points, params)


@solara.component
def SweepChart(
    result: SweepResult, points: pd.DataFrame, metric: str, x: str, y: str | None
) -> None:
    label = METRICS.get(metric, metric)
    fig = solara.use_memo(lambda: _figure(points, metric, x, y, label), [result, metric, x, y])
    over = f"{x} and {y}" if y else x
    Chart(
        fig,
        alt=f"{label} over {over} in this sweep, with 95% intervals",
        dependencies=[result, metric, x, y],
    )


def _figure(points: pd.DataFrame, metric: str, x: str, y: str | None, label: str) -> object:
    if not charts.is_grid(points, x, y):
        return charts.sweep_scatter(points, metric, x, y, label)
    if y is not None and points[y].nunique() > 6 and points[x].nunique() > 1:
        return charts.sweep_heatmap(points, metric, x, y, label)
    return charts.sweep_lines(points, metric, x, y, label)


@solara.component
def Tornado(out: Path) -> None:
    path = out / "indices.csv"
    indices = solara.use_memo(lambda: pd.read_csv(path) if path.is_file() else None, [str(path)])
    if indices is None:
        return
    method = "sobol" if "ST" in indices.columns else "morris"
    solara.Markdown(f"**Sensitivity** ({method}, from `indices.csv`)")
    for output in indices["output"].unique():
        Chart(
            charts.tornado(indices, str(output), method),
            alt=f"{method} sensitivity indices of {output}, most influential assumption on top",
        )
