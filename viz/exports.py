"""Exports: the current run's data (CSV), its figures (PNG), the scenario as now applied."""

from __future__ import annotations

import solara

from model import AccordModel
from viz import figures
from viz.session import error_text, run_csv, save_scenario, scenario_zip, state_table


@solara.component
def Exports(model: AccordModel, tick: int) -> None:
    scenario = model.accord_scenario
    stem = f"{scenario.name}-round{model.round}"
    folder, set_folder = solara.use_state("")
    message, set_message = solara.use_state(("", ""))
    dims = (0, 1) if len(scenario.dimension_names) > 1 else (0, 0)
    required = model.parameter("force_required_troops")
    suffix = "modified" if scenario.changed_parameters else "copy"
    new_name = f"{scenario.name}-{suffix}"

    def save() -> None:
        try:
            set_message(("ok", f"Written to {save_scenario(scenario, folder)}"))
        except Exception as err:  # a bad path or a write error, shown in the page
            set_message(("error", error_text(err)))

    with solara.Card("Export", margin=0):
        with solara.Row(style={"flex-wrap": "wrap"}):
            solara.FileDownload(lambda: run_csv(model), f"{stem}.csv", label="Run data (CSV)")
            solara.FileDownload(
                lambda: state_table(model).to_csv(index=False).encode(),
                f"{stem}-states.csv",
                label="States by round (CSV)",
            )
            solara.FileDownload(
                lambda: figures.png(figures.issue_space(model, dims)),
                f"{stem}-issue-space.png",
                label="Issue space (PNG)",
            )
            solara.FileDownload(
                lambda: figures.png(figures.pledges(model, required)),
                f"{stem}-force.png",
                label="Force (PNG)",
            )
            solara.FileDownload(
                lambda: figures.png(figures.acceptance(model)),
                f"{stem}-acceptance.png",
                label="Acceptance (PNG)",
            )
            solara.FileDownload(
                lambda: scenario_zip(scenario, new_name),
                f"{new_name}.zip",
                label="Scenario as applied (zip)",
            )
        solara.InputText(
            "…or save the scenario into a new directory in the workspace",
            folder,
            on_value=set_folder,
            continuous_update=True,
        )
        solara.Button("Save scenario", on_click=save, disabled=not folder.strip())
        kind, text = message
        if kind == "ok":
            solara.Success(text)
        elif kind == "error":
            solara.Error(text)
