"""What one browser session works on, as plain Python (no solara): testable without a page.

Every number shown on a control comes from the scenario's parameters (value, range, unit, source);
nothing here carries a default or a range of its own.
"""

from __future__ import annotations

import io
import math
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from agents.rules.votes import CAST, VoteCode
from model import AccordModel
from scenarios import Scenario, ScenarioError, list_builtin, load_scenario
from viz.workspace import readable_dir, workspace_root, writable_dir


@dataclass(frozen=True)
class Slider:
    """A control generated from one scenario parameter."""

    name: str
    value: float
    low: float
    high: float
    step: float
    integer: bool
    unit: str
    source: str
    description: str
    distribution: str | None


def _nice_step(low: float, high: float) -> float:
    span = high - low
    return 10.0 ** math.floor(math.log10(span / 100)) if span > 0 else 1.0


def _on_grid(value: float, low: float, high: float) -> float:
    """A step fine enough that the scenario's value lies on the slider's grid: a slider snaps
    its value to the grid when drawn, and a snapped value would read as a changed assumption."""
    step = _nice_step(low, high)
    while step > 1e-9 and abs(round((value - low) / step) * step + low - value) > 1e-12 * max(
        1.0, abs(value)
    ):
        step /= 10
    return step


def sliders(scenario: Scenario) -> list[Slider]:
    """One slider per parameter, over its declared range, starting at its central value."""
    out = []
    for name, p in scenario.parameters.items():
        low, high = (float(v) for v in p.range)
        central = float(p.central)
        integer = all(float(v).is_integer() for v in (low, high, central)) and high - low >= 10
        step = _on_grid(central, low, high)
        step = max(1.0, step) if integer else step  # an integer grid is whole numbers
        dist = None
        if p.distribution is not None:
            d = p.distribution
            parts = [f"{k}={getattr(d, k)}" for k in ("low", "mode", "high", "mean", "sd")]
            dist = f"{d.kind}({', '.join(s for s in parts if not s.endswith('=None'))})"
        out.append(
            Slider(
                name=name,
                value=central,
                low=low,
                high=high,
                step=step,
                integer=integer,
                unit=p.unit or "",
                source=p.source or "",
                description=p.description or "",
                distribution=dist,
            )
        )
    return out


def open_scenario(name_or_path: str, workspace: Path | None = None) -> Scenario:
    """A built-in scenario by name or a directory inside the workspace (viz.workspace).

    ScenarioError/ValueError otherwise; every file read must stay inside the workspace or the
    built-ins, links resolved. ``workspace`` None: the configured one.
    """
    text = name_or_path.strip()
    if not text:
        raise ValueError("no scenario given: pick a built-in one or type a folder name")
    if text in list_builtin():
        return load_scenario(text)
    root = workspace or workspace_root()
    return load_scenario(readable_dir(text, root), within=[root])


def open_trusted(name_or_path: str) -> Scenario:
    """The scenario the operator named on the command line (``accord ui --scenario``)."""
    return load_scenario(name_or_path.strip())


def apply_changes(base: Scenario, edits: dict[str, float]) -> Scenario:
    """The scenario with edited assumptions (only those that differ from the loaded values)."""
    changed = {k: v for k, v in edits.items() if float(base.parameters[k].central) != float(v)}
    return base.with_parameters(changed) if changed else base


def build_model(scenario: Scenario, seed: int) -> AccordModel:
    return AccordModel(scenario, rng=seed)


def error_text(err: BaseException) -> str:
    """One readable message for the page (a ScenarioError lists one problem per line)."""
    if isinstance(err, ScenarioError):
        return f"The scenario has problems:\n{err}"
    return f"{type(err).__name__}: {err}" if not isinstance(err, ValueError) else str(err)


# -- the current run, as tables -------------------------------------------------------------------
def model_table(model: AccordModel) -> pd.DataFrame:
    """Per round: the model reporters (empty before the first step)."""
    return model.datacollector.get_model_vars_dataframe()


def state_table(model: AccordModel) -> pd.DataFrame:
    """Per round and state: the agent reporters."""
    return model.datacollector.get_agent_vars_dataframe().reset_index()


def vote_codes(model: AccordModel, res_id: str) -> list[VoteCode] | None:
    """This run's vote of each state on a resolution (None if not held yet)."""
    return model.votes(res_id)


def tally(codes: list[VoteCode]) -> dict[str, int]:
    return {code.label: sum(1 for c in codes if c == code) for code in CAST}


def vote_grid(model: AccordModel) -> pd.DataFrame:
    """One row per state, one column per resolution held: Y / N / A / X (absent)."""
    scenario = model.accord_scenario
    grid: dict[str, Any] = {
        "iso3": list(scenario.iso3s),
        "name": [s.name for s in scenario.states],
        "bloc": [s.bloc for s in scenario.states],
    }
    for res in scenario.resolutions:
        codes = vote_codes(model, res.id)
        if codes is not None:
            grid[res.id] = [c.letter for c in codes]
    return pd.DataFrame(grid)


def run_csv(model: AccordModel) -> bytes:
    """The current run, one row per round, with the scenario and its changes recorded."""
    table = model_table(model).copy()
    table.insert(0, "scenario", model.accord_scenario.name)
    table.insert(1, "scenario_hash", model.accord_scenario.content_hash)
    changes = model.accord_scenario.changed_parameters
    table.insert(2, "changed_parameters", "; ".join(f"{k}={v[1]}" for k, v in changes.items()))
    return table.to_csv(index=False).encode()


def scenario_zip(scenario: Scenario, name: str) -> bytes:
    """The scenario (with its changed assumptions) as a zipped scenario directory."""
    buf = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        scenario.write(folder)
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(folder.rglob("*")):
                if f.is_file():
                    zf.write(f, f.relative_to(tmp))
    return buf.getvalue()


def save_scenario(scenario: Scenario, directory: str, workspace: Path | None = None) -> Path:
    """Write the scenario into a new directory inside the workspace (refuses to overwrite)."""
    target = writable_dir(directory, workspace or workspace_root())
    scenario.write(target)
    return target
