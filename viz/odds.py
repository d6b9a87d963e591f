"""The odds panel: an ensemble of the current scenario in a background thread, with progress,
and on request the same odds across the assumptions' ranges (``sweeps.uncertainty``).

A page asks for at most UI_MAX_REPLICATIONS, and its runs stop when the page's session ends
(the tab is closed: Solara closes the kernel, which unmounts the page), so a closed tab leaves
no work behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import solara
import solara.lab

from model import EnsembleResult, run_ensemble
from scenarios import Scenario
from sweeps.uncertainty import DRAWS, REPLICATIONS, AssumptionInterval, assumption_interval
from viz import figures
from viz.session import error_text

UI_MAX_REPLICATIONS = 20_000  # per run from a page: twice benchmarks/ensemble.py's 10,000
LABELS = {
    "p_agreement": "P(agreement)",
    "p_holds": "P(holds | agreed)",
    "p_agreed_and_holds": "P(agreed and holds)",
}


class Cancelled(Exception):
    """The page's session ended while its ensemble ran."""


@dataclass(frozen=True)
class Outcome:
    result: EnsembleResult | None
    error: str | None


def pct(p: dict[str, float]) -> str:
    """'42.0% (95% CI 39.0–45.1%, n = 1,000)'; a dash when nothing was counted."""
    if not p["n"]:
        return "– (no replication to count)"
    return f"{p['p']:.1%} (95% CI {p['low']:.1%}–{p['high']:.1%}, n = {int(p['n']):,})"


@solara.component
def Odds(scenario: Scenario, seed: int) -> None:
    """P(agreement), P(holds) and the agreement-round histogram from ``run_ensemble``."""
    replications = solara.use_reactive(1000)
    progress = solara.use_reactive(0.0)
    ended = solara.use_memo(threading.Event, [])

    def on_unmount() -> Callable[[], None]:
        return ended.set  # the session ended: a run in progress stops at its next round

    solara.use_effect(on_unmount, [])

    def report(done: int, total: int) -> None:
        if ended.is_set():
            raise Cancelled
        progress.set(100.0 * done / total)

    def run() -> Outcome:
        progress.set(0.0)
        try:
            result = run_ensemble(scenario, int(replications.value), rng=seed, progress=report)
        except Cancelled:
            return Outcome(None, "cancelled: the page was closed")
        except Exception as err:  # any failure becomes a message in the page
            return Outcome(None, error_text(err))
        return Outcome(result, None)

    allowed = 1 <= replications.value <= UI_MAX_REPLICATIONS

    task = solara.lab.use_task(run, dependencies=None, raise_error=False)
    with solara.Card("The odds", subtitle="an ensemble of the scenario as now applied", margin=0):
        with solara.Row(style={"align-items": "center"}):
            solara.InputInt("Replications", value=replications, continuous_update=True)
            solara.Button(
                "Run odds",
                color="primary",
                on_click=task,
                disabled=task.pending or not allowed,
            )
        if replications.value < 1:
            solara.Error("Replications must be at least 1.")
        elif replications.value > UI_MAX_REPLICATIONS:
            solara.Error(
                f"At most {UI_MAX_REPLICATIONS:,} replications from the page; for more, use "
                "`accord run` or a sweep."
            )
        if task.pending:
            solara.Text(f"Running {replications.value:,} replications… {progress.value:.0f}%")
            solara.ProgressLinear(progress.value)
        elif task.error:
            solara.Error(f"The ensemble failed: {task.exception}")
        elif task.finished and task.value is not None:
            OddsResult(task.value)
        else:
            solara.Info("Press Run odds to estimate the probabilities (the page stays usable).")
        AcrossAssumptions(scenario, seed, int(replications.value))


def spread(a: dict[str, float]) -> str:
    """'median 61.0% (90% of 32 draws: 12.5–99.0%)'; a dash when no draw counted."""
    if not a["draws"]:
        return "– (no draw to count)"
    return (
        f"median {a['median']:.1%} ({a['level']:.0%} of {int(a['draws'])} draws:"
        f" {a['low']:.1%}–{a['high']:.1%})"
    )


@solara.component
def AcrossAssumptions(scenario: Scenario, seed: int, replications: int) -> None:
    """The odds over draws of every assumption (its distribution or its range), with common
    random numbers: the second interval, beside the simulation's."""
    progress = solara.use_reactive(0.0)
    per_draw = max(1, min(REPLICATIONS, replications))
    ended = solara.use_memo(threading.Event, [])

    def on_unmount() -> Callable[[], None]:
        return ended.set  # the session ended: the draws stop at the next one

    solara.use_effect(on_unmount, [])

    def report(done: int, total: int) -> None:
        if ended.is_set():
            raise Cancelled
        progress.set(100.0 * done / total)

    def run() -> AssumptionInterval | str:
        progress.set(0.0)
        try:
            return assumption_interval(scenario, DRAWS, per_draw, rng=seed, progress=report)
        except Cancelled:
            return "cancelled: the page was closed"
        except Exception as err:  # any failure becomes a message in the page
            return error_text(err)

    task = solara.lab.use_task(run, dependencies=None, raise_error=False)
    solara.Button(
        "Run across assumptions",
        color="secondary",
        on_click=task,
        disabled=task.pending,
    )
    if task.pending:
        solara.Text(f"Running {DRAWS} draws x {per_draw:,} replications… {progress.value:.0f}%")
        solara.ProgressLinear(progress.value)
    elif task.error or (task.finished and isinstance(task.value, str)):
        solara.Error(f"The draws failed: {task.exception or task.value}")
    elif task.finished and isinstance(task.value, AssumptionInterval):
        a = task.value
        solara.Markdown(
            "**Across the assumptions** (each drawn from its distribution or range, "
            f"{a.replications:,} replications per draw, the same seed):\n"
            + "".join(f"- {LABELS[k]}: {spread(a.interval(k))}\n" for k in LABELS)
        )


@solara.component
def OddsResult(outcome: Outcome) -> None:
    res = outcome.result
    fig = solara.use_memo(lambda: figures.rounds_histogram(res) if res else None, [id(res)])
    if outcome.error or res is None or fig is None:
        solara.Error(f"The ensemble failed: {outcome.error}")
        return
    solara.Markdown(
        "**At the scenario's values** (simulation interval):\n"
        f"- **P(agreement)** = {pct(res.p_agreement)}\n"
        f"- **P(holds | agreed)** = {pct(res.p_holds)}\n"
        f"- **P(agreed and holds)** = {pct(res.p_agreed_and_holds)}\n"
        f"- root seed {res.root_seed}, scenario `{res.scenario.name}`"
    )
    solara.FigureMatplotlib(fig, dependencies=[id(res)], format="png", dpi=figures.SCREEN_DPI)
