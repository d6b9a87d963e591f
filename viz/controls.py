"""Sidebar controls: the scenario picker, step/play/reset, and the assumption sliders."""

from __future__ import annotations

from collections.abc import Callable

import solara

from scenarios import Scenario, list_builtin
from viz.session import Slider, sliders


@solara.component
def ScenarioPicker(current: str, on_open: Callable[[str], None]) -> None:
    """Built-in scenarios in a list; any scenario directory by its path."""
    builtins = list_builtin()
    path, set_path = solara.use_state("")
    with solara.Card("Scenario", margin=0):
        solara.Select(
            "Built-in scenario",
            values=builtins,
            value=current if current in builtins else None,
            on_value=lambda name: on_open(name) if name else None,
        )
        solara.InputText(
            "…or a scenario directory in the workspace",
            value=path,
            on_value=set_path,
            continuous_update=True,
        )
        solara.Button("Open directory", on_click=lambda: on_open(path), disabled=not path.strip())


PLAY_SECONDS = (0.1, 3.0)  # the play-speed slider: seconds between rounds while playing


@solara.component
def RunControls(
    round_text: str,
    running: bool,
    playing: bool,
    on_step: Callable[[], None],
    on_play: Callable[[], None],
    on_reset: Callable[[], None],
    pending: int,
    seed: solara.Reactive[int],
    interval: solara.Reactive[float] | None = None,
) -> None:
    """Step / play / reset of the run, and the round it is at; ``interval``: seconds between
    rounds while playing (the play speed)."""
    with solara.Card("Run", margin=0):
        with solara.Row():
            solara.Button(
                "Step", color="primary", on_click=on_step, disabled=playing or not running
            )
            solara.Button("Pause" if playing else "Play", on_click=on_play, disabled=not running)
            solara.Button("Reset", color="secondary", on_click=on_reset)
        solara.Markdown(f"**{round_text}**")
        if interval is not None:
            solara.SliderFloat(
                f"Play speed: {interval.value:.1f} s per round",
                value=interval,
                min=PLAY_SECONDS[0],
                max=PLAY_SECONDS[1],
                step=0.1,
            )
        solara.InputInt("Seed (applies on Reset)", value=seed, continuous_update=True)
        if pending:
            solara.Warning(f"{pending} changed assumption(s) not yet applied: press Reset.")


# Long labels (a long parameter name with its value and unit) must not squeeze the track to nothing.
SLIDER_CSS = """
.accord-slider .v-input__slider .v-label { flex: 0 1 62%; white-space: normal; line-height: 1.25;
  font-size: 13px; height: auto; max-height: none; overflow: visible; }
.accord-slider .v-input__slider .v-input__slot { height: auto; min-height: 32px; margin: 4px 0; }
.accord-slider .v-input__slider .v-slider { flex: 1 0 35%; min-width: 70px; }
.accord-slider .v-input__slider .v-messages { display: none; }
"""


def _label(s: Slider, value: float) -> str:
    return f"{s.name}: {value:g} {s.unit}".rstrip()


def _hover(s: Slider) -> str:
    parts = [s.description, f"Range {s.low:g} to {s.high:g} {s.unit}".rstrip()]
    if s.distribution:
        parts.append(
            f"Uncertain: {s.distribution}, drawn per run from the seed (the slider starts at its "
            f"central value {s.value:g}); moving the slider fixes it"
        )
    parts.append(f"Source: {s.source}")
    return "\n".join(p for p in parts if p)


@solara.component
def AssumptionSlider(s: Slider, value: float, on_change: Callable[[str, float], None]) -> None:
    solara.Style(SLIDER_CSS)
    with solara.Row(style={"align-items": "center"}, classes=["accord-slider"]):
        with solara.Tooltip(_hover(s)):
            # focusable (tabindex), so Tab reaches it and focus opens the tooltip; a screen
            # reader reads the source from its label
            solara.v.Icon(
                children=["mdi-information-outline"],
                small=True,
                attributes={"tabindex": "0", "role": "button", "aria-label": _hover(s)},
            )
        if s.integer:
            solara.SliderInt(
                _label(s, value),
                value=round(value),
                min=round(s.low),
                max=round(s.high),
                step=round(s.step),
                on_value=lambda v: on_change(s.name, float(v)),
            )
        else:
            solara.SliderFloat(
                _label(s, value),
                value=value,
                min=s.low,
                max=s.high,
                step=s.step,
                on_value=lambda v: on_change(s.name, float(v)),
            )


@solara.component
def Assumptions(
    base: Scenario, edits: dict[str, float], on_edit: Callable[[dict[str, float]], None]
) -> None:
    """A slider for every scenario parameter, generated from the scenario; edits apply on Reset."""
    controls = solara.use_memo(lambda: sliders(base), [base.content_hash])

    def change(name: str, value: float) -> None:
        on_edit({**edits, name: value})

    with solara.Card("Assumptions", subtitle="hover (i) for the source; Reset applies", margin=0):
        with solara.Row():
            solara.Button("Revert all", text=True, on_click=lambda: on_edit({}), disabled=not edits)
        for s in controls:
            AssumptionSlider(s, edits.get(s.name, s.value), change)


def changed_lines(base: Scenario, edits: dict[str, float], applied: Scenario) -> list[str]:
    """Markdown lines: each assumption that differs from the scenario as loaded."""
    lines = []
    for name, new in edits.items():
        p = base.parameters[name]
        if float(p.central) == float(new):
            continue
        live = name in applied.changed_parameters and applied.changed_parameters[name][1] == new
        state = "applied" if live else "pending Reset"
        lines.append(f"- `{name}`: {float(p.central):g} → {new:g} {p.unit or ''} ({state})")
    return lines
