"""The odds panel: an ensemble of the current scenario in a background thread, with progress;
a pinned baseline compared side by side with the current result; the session's run history,
each entry re-openable; a result whose assumptions no longer match the controls marked stale;
exports of the results as CSV and JSON (``viz.compare``); and on request the same odds across
the assumptions' ranges (``sweeps.uncertainty``), the second interval beside the simulation's.

A page asks for at most UI_MAX_REPLICATIONS, and its run stops when the page's session ends
(the tab is closed: Solara closes the kernel, which unmounts the page), so a closed tab leaves
no work behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

import solara
import solara.lab

from model import EnsembleResult, run_ensemble
from model.outputs import PROBABILITIES
from scenarios import Scenario
from sweeps.uncertainty import DRAWS, REPLICATIONS, AssumptionInterval, assumption_interval
from viz import figures
from viz.compare import RunRecord, comparison_table, export_csv, export_json
from viz.session import error_text

UI_MAX_REPLICATIONS = 20_000  # per run from a page: twice benchmarks/ensemble.py's 10,000


class Cancelled(Exception):
    """The page's session ended while its ensemble ran."""


def pct(p: dict[str, float]) -> str:
    """'42.0% (95% CI 39.0–45.1%, n = 1,000)'; a dash when nothing was counted."""
    if not p["n"]:
        return "– (no replication to count)"
    return f"{p['p']:.1%} (95% CI {p['low']:.1%}–{p['high']:.1%}, n = {int(p['n']):,})"


@solara.component
def Odds(
    scenario: Scenario,
    base: Scenario,
    seed: int,
    controls: tuple[Any, ...],
    on_reopen: Callable[[RunRecord], None],
) -> None:
    """P(agreement), P(holds) and the agreement-round histogram from ``run_ensemble`` on
    ``scenario`` (the scenario as applied; ``base``: as loaded) with root seed ``seed``.
    ``controls``: ``viz.compare.controls_key`` of the sidebar now; ``on_reopen(record)`` sets the
    controls back to a record's assumptions and seed."""
    replications = solara.use_reactive(1000)
    progress = solara.use_reactive(0.0)
    history = solara.use_reactive(list[RunRecord]())
    current = solara.use_reactive(cast(RunRecord | None, None))
    baseline = solara.use_reactive(cast(RunRecord | None, None))
    failure = solara.use_reactive("")
    ended = solara.use_memo(threading.Event, [])

    def on_unmount() -> Callable[[], None]:
        return ended.set  # the session ended: a run in progress stops at its next round

    solara.use_effect(on_unmount, [])

    def report(done: int, total: int) -> None:
        if ended.is_set():
            raise Cancelled
        progress.set(100.0 * done / total)

    def run() -> None:
        progress.set(0.0)
        try:
            result = run_ensemble(scenario, int(replications.value), rng=seed, progress=report)
        except Cancelled:
            failure.set("cancelled: the page was closed")
            return
        except Exception as err:  # any failure becomes a message in the page
            failure.set(error_text(err))
            return
        record = RunRecord(len(history.value) + 1, base.content_hash, result, int(seed))
        failure.set("")
        current.set(record)
        history.set([*history.value, record])

    def reopen(record: RunRecord) -> None:
        current.set(record)
        on_reopen(record)

    allowed = 1 <= replications.value <= UI_MAX_REPLICATIONS
    task = solara.lab.use_task(run, dependencies=None, raise_error=False)
    cur: RunRecord | None = current.value
    pinned: RunRecord | None = baseline.value
    with solara.Card("The odds", subtitle="an ensemble of the scenario as now applied", margin=0):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputInt("Replications", value=replications, continuous_update=True)
            solara.Button(
                "Run odds",
                color="primary",
                on_click=task,
                disabled=task.pending or not allowed,
            )
            solara.Button(
                "Pin as baseline",
                on_click=lambda: baseline.set(cur),
                disabled=cur is None or cur is pinned,
            )
            if pinned is not None:
                solara.Button("Unpin", text=True, on_click=lambda: baseline.set(None))
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
        if failure.value:
            solara.Error(f"The ensemble failed: {failure.value}")
        if cur is None:
            solara.Info("Press Run odds to estimate the probabilities (the page stays usable).")
        else:
            if pinned is not None and pinned is not cur:
                Comparison(pinned, cur, controls)
            OddsResult(cur, cur.is_stale(controls))
        if history.value:
            History(history.value, cur, pinned, base.content_hash, reopen)
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
            f"**Across the assumptions** ({len(a.parameters)} drawn, each from its "
            "distribution or from a triangle over its range peaking at its value; the horizons "
            f"and the scenario's facts held; {a.replications:,} replications per draw, the same "
            "seed):\n\n"
            + "".join(f"- {PROBABILITIES[k]}: {spread(a.interval(k))}\n" for k in PROBABILITIES)
        )


def _stale_note(record: RunRecord, stale: bool) -> str:
    return " **(stale)**" if stale else ""


@solara.component
def Comparison(pinned: RunRecord, cur: RunRecord, controls: tuple[Any, ...]) -> None:
    table = comparison_table(pinned, cur)
    header = "| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns) + "\n"
    body = "\n".join("| " + " | ".join(_cell(v) for v in row) + " |" for row in table.to_numpy())
    solara.Markdown(
        f"**Baseline #{pinned.number}**{_stale_note(pinned, pinned.is_stale(controls))} "
        f"({_assumptions(pinned)}, seed {pinned.seed}) **against current #{cur.number}** "
        f"({_assumptions(cur)}, seed {cur.seed})\n\n{header}{body}\n\n"
        "With common seeds (the same random draws in both runs) the interval is that of the "
        "paired difference; one marked *unpaired* treats the runs as independent (other seeds, "
        "or P(holds | agreed), which is conditional on agreement)."
    )


def _cell(value: object) -> str:
    """A Markdown table cell: a '|' in the text (P(holds | agreed)) would end the cell."""
    return str(value).replace("|", "\\|")


def _assumptions(record: RunRecord) -> str:
    return ", ".join(f"`{k}` = {v:g}" for k, v in record.assumptions.items()) or "as loaded"


@solara.component
def OddsResult(record: RunRecord, stale: bool) -> None:
    res: EnsembleResult = record.result
    fig = solara.use_memo(lambda: figures.rounds_histogram(res), [id(res)])
    if stale:
        solara.Warning(
            f"Result #{record.number} is stale: the assumptions or the seed in the controls no "
            "longer match the ones it was run with. Run the odds again (after Reset) for a "
            "current result."
        )
    solara.Markdown(
        f"**Result #{record.number}**{_stale_note(record, stale)}: {_assumptions(record)}"
        " (simulation intervals)\n\n"
        f"- **P(agreement)** = {pct(res.p_agreement)}\n"
        f"- **P(holds | agreed)** = {pct(res.p_holds)}\n"
        f"- **P(agreed and holds)** = {pct(res.p_agreed_and_holds)}\n"
        f"- root seed {res.root_seed}, scenario `{res.scenario.name}` "
        f"(`{res.scenario.content_hash[:12]}`)"
    )
    counts = res.agreement_rounds()
    alt = f"Histogram of the round of agreement over {res.replications:,} replications" + (
        f", most often round {counts.idxmax()}" if len(counts) else ", none agreed"
    )
    with solara.v.Html(tag="div", attributes={"role": "img", "aria-label": alt, "title": alt}):
        solara.FigureMatplotlib(fig, dependencies=[id(res)], format="png", dpi=figures.SCREEN_DPI)


@solara.component
def History(
    records: list[RunRecord],
    cur: RunRecord | None,
    pinned: RunRecord | None,
    base_hash: str,
    on_reopen: Callable[[RunRecord], None],
) -> None:
    """The session's odds results, newest first; Re-open sets the controls back and shows it."""
    shown = list(dict.fromkeys(r for r in (pinned, cur) if r is not None))
    stem = f"accord-odds-{records[-1].result.scenario.name}"
    with solara.Details(f"Run history ({len(records)})", expand=len(records) > 1):
        with solara.Row(style={"flex-wrap": "wrap"}):
            solara.FileDownload(
                lambda: export_csv(shown), f"{stem}.csv", label="Baseline and current (CSV)"
            )
            solara.FileDownload(
                lambda: export_json(shown), f"{stem}.json", label="Baseline and current (JSON)"
            )
            solara.FileDownload(
                lambda: export_csv(records), f"{stem}-history.csv", label="History (CSV)"
            )
        for record in reversed(records):
            with solara.Row(style={"align-items": "center"}):
                marks = (" · baseline" if record is pinned else "") + (
                    " · shown" if record is cur else ""
                )
                solara.Text(record.label() + marks)
                solara.Button(
                    "Re-open",
                    text=True,
                    small=True,
                    on_click=lambda record=record: on_reopen(record),
                    disabled=record.base_hash != base_hash,
                )
