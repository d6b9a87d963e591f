"""The odds panel: an ensemble of the current scenario in a background thread, with progress."""

from __future__ import annotations

from dataclasses import dataclass

import solara
import solara.lab

from model import EnsembleResult, run_ensemble
from scenarios import Scenario
from viz import figures
from viz.session import error_text


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

    def run() -> Outcome:
        progress.set(0.0)
        try:
            result = run_ensemble(
                scenario,
                int(replications.value),
                rng=seed,
                progress=lambda done, total: progress.set(100.0 * done / total),
            )
        except Exception as err:  # any failure becomes a message in the page
            return Outcome(None, error_text(err))
        return Outcome(result, None)

    task = solara.lab.use_task(run, dependencies=None, raise_error=False)
    with solara.Card("The odds", subtitle="an ensemble of the scenario as now applied", margin=0):
        with solara.Row(style={"align-items": "center"}):
            solara.InputInt("Replications", value=replications, continuous_update=True)
            solara.Button(
                "Run odds",
                color="primary",
                on_click=task,
                disabled=task.pending or replications.value < 1,
            )
        if replications.value < 1:
            solara.Error("Replications must be at least 1.")
        if task.pending:
            solara.Text(f"Running {replications.value:,} replications… {progress.value:.0f}%")
            solara.ProgressLinear(progress.value)
        elif task.error:
            solara.Error(f"The ensemble failed: {task.exception}")
        elif task.finished and task.value is not None:
            OddsResult(task.value)
        else:
            solara.Info("Press Run odds to estimate the probabilities (the page stays usable).")


@solara.component
def OddsResult(outcome: Outcome) -> None:
    res = outcome.result
    fig = solara.use_memo(lambda: figures.rounds_histogram(res) if res else None, [id(res)])
    if outcome.error or res is None or fig is None:
        solara.Error(f"The ensemble failed: {outcome.error}")
        return
    solara.Markdown(
        f"- **P(agreement)** = {pct(res.p_agreement)}\n"
        f"- **P(holds | agreed)** = {pct(res.p_holds)}\n"
        f"- **P(agreed and holds)** = {pct(res.p_agreed_and_holds)}\n"
        f"- root seed {res.root_seed}, scenario `{res.scenario.name}`"
    )
    solara.FigureMatplotlib(fig, dependencies=[id(res)], format="png", dpi=figures.SCREEN_DPI)
