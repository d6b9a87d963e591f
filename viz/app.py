"""Accord's browser page: ``solara run viz.app:Page`` (or ``accord ui``).

All state is per page (``use_reactive`` inside ``Page``), so two browser sessions never share a
model. The scenario to open first comes from the page's URL (``?scenario=...&seed=...&set=
name=value``, which the page keeps up to date, so that a link reproduces the view), else from
``ACCORD_UI_SCENARIO`` (set by ``accord ui --scenario``), else the first built-in scenario.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import solara
import solara.lab

from model import AccordModel
from scenarios import DEFAULT_SCENARIO, Scenario, list_builtin
from viz.compare import RunRecord, assumptions_of, controls_key
from viz.controls import Assumptions, RunControls, ScenarioPicker, changed_lines
from viz.exports import Exports
from viz.odds import Odds
from viz.options import SCENARIO_ENV
from viz.panels import Force, IssueSpace, Negotiation, UnVotes
from viz.session import (
    apply_changes,
    build_model,
    error_text,
    open_scenario,
    open_trusted,
    sliders,
)
from viz.sweep_panel import Sweeps
from viz.transfer import UploadScenario, View, checked, decode, encode

PLAY_INTERVAL_S = 0.6  # default pause between rounds while playing, so each round can be seen


@dataclass(frozen=True, eq=False)
class Run:
    """The scenario as loaded, as applied (with changed assumptions), and its model."""

    base: Scenario
    applied: Scenario
    model: AccordModel


def first_scenario() -> str:
    """The operator's ``--scenario``, else Accord's default scenario (else the first built-in)."""
    names = list_builtin()
    fallback = DEFAULT_SCENARIO if DEFAULT_SCENARIO in names else (names[0] if names else "")
    return os.environ.get(SCENARIO_ENV) or fallback


def _open(text: str, seed: int, trusted: bool = False) -> Run:
    base = open_trusted(text) if trusted else open_scenario(text)
    return Run(base, base, build_model(base, seed))


def _try_open(text: str, seed: int, trusted: bool = False) -> tuple[Run | None, str]:
    try:
        return _open(text, seed, trusted), ""
    except Exception as err:  # shown in the page, which stays usable
        return None, error_text(err)


def start(query: str | None) -> tuple[str, Run | None, str, dict[str, float], int]:
    """The first view: from the URL's query if it names a scenario, else the default one.
    Returns the scenario's name, its run, a message, the assumptions applied and the seed."""
    view, problems = decode(query)
    if view is None:
        name = first_scenario()
        return (name, *_try_open(name, 1, trusted=True), {}, 1)
    # a link's scenario is the page's request (workspace rules), unless it is the operator's
    run, message = _try_open(view.scenario, view.seed, trusted=view.scenario == first_scenario())
    if run is None:
        return view.scenario, None, "\n".join([*problems, message]), {}, view.seed
    edits, more = checked(view, run.base)
    if edits:
        applied = apply_changes(run.base, edits)
        run = Run(run.base, applied, build_model(applied, view.seed))
    return view.scenario, run, "\n".join([*problems, *more]), edits, view.seed


def status(model: AccordModel) -> str:
    horizon = int(model.parameter("horizon_rounds"))
    head = f"Round {model.round} of {horizon}"
    if model.agreed:
        holds = "holds" if model.holds else "breaks down"
        return f"{head}: agreement reached in round {model.agreement_round}, {holds}"
    if not model.running:
        return f"{head}: no agreement within the horizon"
    return f"{head}: negotiating"


@solara.component
def Page() -> None:
    """The page ``solara run viz.app:Page`` serves."""
    AccordPage()


@solara.component
def AccordPage(observe: Callable[[AccordModel], None] | None = None) -> None:
    """The whole page; ``observe`` (for tests) is given the current model on each render."""
    router = solara.use_router()
    # The first scenario: the one a link names (opened like any the page asks for: inside the
    # workspace, or built in), else the operator's choice (accord ui --scenario).
    first = solara.use_memo(lambda: start(router.search), [])
    seed = solara.use_reactive(first[4])
    name = solara.use_reactive(first[0])
    run = solara.use_reactive(first[1])
    error = solara.use_reactive(first[2])
    edits = solara.use_reactive(first[3])
    interval = solara.use_reactive(PLAY_INTERVAL_S)
    # Rounds played since the model was built. Read only by the components that draw the run,
    # so a Step re-renders them, not the sidebar's sliders (a plain reactive, not use_reactive).
    tick = solara.use_memo(lambda: solara.reactive(0), [])
    playing = solara.use_reactive(False)

    def show_in_url(new: Run) -> None:
        """Keep the URL naming the view (only a scenario a link can open: not an upload)."""
        if name.value and router.set_path is not None:  # None: rendered outside a server
            view = View(name.value, int(seed.value), assumptions_of(new.applied))
            router.push(f"{router.path}?{encode(view, router.search)}")

    def open_scenario_(text: str) -> None:
        new, message = _try_open(text, seed.value)
        error.set(message)
        if new is not None:
            playing.set(False)
            name.set(text)
            edits.set({})
            run.set(new)
            tick.set(0)
            show_in_url(new)

    def open_uploaded(scenario: Scenario) -> None:
        playing.set(False)
        try:
            new = Run(scenario, scenario, build_model(scenario, seed.value))
        except Exception as err:
            error.set(error_text(err))
            return
        error.set("")
        name.set("")  # an upload has no name a link could open
        edits.set({})
        run.set(new)
        tick.set(0)

    def reset() -> None:
        if run.value is None:
            return
        playing.set(False)
        try:
            applied = apply_changes(run.value.base, edits.value)
            new = Run(run.value.base, applied, build_model(applied, seed.value))
            run.set(new)
        except Exception as err:
            error.set(error_text(err))
            return
        error.set("")
        tick.set(0)
        show_in_url(new)

    def reopen(record: RunRecord) -> None:
        """Set the controls to a past odds result's assumptions and seed, and apply them."""
        edits.set(dict(record.assumptions))
        seed.set(record.seed)
        reset()

    def step() -> None:
        if run.value is None or not run.value.model.running:
            playing.set(False)
            return
        try:
            run.value.model.step()
        except Exception as err:
            playing.set(False)
            error.set(f"The step failed: {error_text(err)}")
        tick.set(tick.value + 1)

    def play_loop(cancel: threading.Event) -> None:
        while playing.value and not cancel.is_set():
            step()
            if cancel.wait(interval.value):
                return

    solara.use_thread(play_loop, dependencies=[playing.value], intrusive_cancel=False)

    solara.Title("Accord")
    with solara.AppBar():
        solara.AppBarTitle("Accord: peace negotiation scenarios")
    r = run.value
    with solara.Sidebar():
        ScenarioPicker(name.value, open_scenario_)
        UploadScenario(open_uploaded)
        if r is not None:
            RunCard(
                r.model,
                tick,
                playing.value,
                step,
                lambda: playing.set(not playing.value),
                reset,
                sum("pending" in line for line in changed_lines(r.base, edits.value, r.applied)),
                seed,
                interval,
            )
            Assumptions(r.base, edits.value, edits.set)
    if error.value:
        solara.Error(error.value)
    if r is None:
        solara.Info("Open a scenario: pick a built-in one or type a scenario directory.")
        return
    if observe is not None:
        observe(r.model)
    Main(r, edits.value, tick, seed.value, reopen)


@solara.component
def RunCard(
    model: AccordModel,
    tick: solara.Reactive[int],
    playing: bool,
    on_step: Callable[[], None],
    on_play: Callable[[], None],
    on_reset: Callable[[], None],
    pending: int,
    seed: solara.Reactive[int],
    interval: solara.Reactive[float],
) -> None:
    _ = tick.value  # subscribes this card to each Step
    RunControls(
        status(model), model.running, playing, on_step, on_play, on_reset, pending, seed, interval
    )


@solara.component
def Main(
    r: Run,
    edits: dict[str, float],
    ticks: solara.Reactive[int],
    seed: int,
    on_reopen: Callable[[RunRecord], None],
) -> None:
    model = r.model
    tick = ticks.value
    with solara.Card(f"Scenario {r.base.name}", margin=0):
        solara.Markdown(r.base.description)
        solara.Markdown(f"### {status(model)}")
        lines = changed_lines(r.base, edits, r.applied)
        solara.Markdown(
            "**Changed assumptions**\n\n" + "\n".join(lines) if lines else "No assumption changed."
        )
        solara.Markdown(key_figures(model))
    tab = solara.use_reactive(0)
    with solara.ColumnsResponsive(12, large=[8, 4]):
        # Only the open tab is drawn (lazy), so a Step redraws one panel, not six.
        with solara.lab.Tabs(value=tab, lazy=True):
            with solara.lab.Tab("Issue space"):
                IssueSpace(model, tick)
            with solara.lab.Tab("Negotiation"):
                Negotiation(model, tick)
            with solara.lab.Tab("Force"):
                Force(model, tick)
            with solara.lab.Tab("UN votes"):
                UnVotes(model, tick)
            with solara.lab.Tab("Export"):
                Exports(model, tick)
            with solara.lab.Tab("Sweeps"):
                Sweeps(r.applied, seed)
            with solara.lab.Tab("Sources"):
                Sources(r.base)
        Odds(r.applied, r.base, seed, controls_key(r.base, edits, seed), on_reopen)


def key_figures(model: AccordModel) -> str:
    """One line of this round's headline numbers (cheap: no figure)."""
    if model.round == 0:
        return "Press **Step** to play the first round."
    last = model.datacollector.get_model_vars_dataframe().iloc[-1]
    vetoes = model.accord_scenario.roles.veto_players
    accept = ", ".join(f"{v} {last[f'p_accept_{v.lower()}']:.0%}" for v in vetoes)
    required = model.parameter("force_required_troops")
    return (
        f"P(accept): {accept} · force {last['force_troops']:,.0f} of {required:,.0f} troops"
        f" · credibility {last['credibility']:.2f}"
    )


@solara.component
def Sources(base: Scenario) -> None:
    table = solara.use_memo(
        lambda: pd.DataFrame(
            [
                {"parameter": s.name, "value": s.value, "unit": s.unit, "source": s.source}
                for s in sliders(base)
            ]
        ),
        [base.content_hash],
    )
    with solara.Card("Assumptions and their sources", margin=0):
        solara.DataFrame(table, items_per_page=40)
