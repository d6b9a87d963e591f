"""The interactive charts of one run: ``viz.charts`` fed from the model's read API."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from model import AccordModel
from model.outputs import label
from viz import charts


def states(model: AccordModel) -> charts.StateTable:
    scenario = model.accord_scenario
    return charts.StateTable(
        iso3=list(scenario.iso3s),
        name=[s.name for s in scenario.states],
        bloc=[s.bloc for s in scenario.states],
        capability=np.asarray(model.capabilities()),
    )


def _last_row(model: AccordModel) -> pd.Series | None:
    table = model.datacollector.get_model_vars_dataframe()
    return None if model.round == 0 or table.empty else table.iloc[-1]


def _marks(model: AccordModel, axes: tuple[str, str]) -> dict[str, tuple[float, float]]:
    last = _last_row(model)
    if last is None:
        return {}
    return {
        key: (float(last[f"{key}_{axes[0]}"]), float(last[f"{key}_{axes[1]}"]))
        for key, *_ in charts.MARKS
    }


def _axes(model: AccordModel, pair: tuple[int, int]) -> tuple[str, str]:
    names = model.accord_scenario.dimension_names
    return (names[pair[0]], names[pair[1]])


def issue_space(model: AccordModel, pair: tuple[int, int]) -> go.Figure:
    axes = _axes(model, pair)
    marks = _marks(model, axes)
    return charts.issue_space(states(model), model.trails(pair), axes, marks, model.round)


def issue_space_moves(
    model: AccordModel, pair: tuple[int, int]
) -> tuple[list[dict[str, np.ndarray]], str]:
    marks = _marks(model, _axes(model, pair))
    return charts.issue_space_moves(states(model), model.trails(pair), marks, model.round)


def acceptance(model: AccordModel) -> go.Figure:
    table = model.datacollector.get_model_vars_dataframe() if model.round else pd.DataFrame()
    cols = {f"p_accept_{v.lower()}": v for v in model.veto_players()}
    return charts.over_rounds(table, cols, "Acceptance by veto player", "P(accept)")


def credibility(model: AccordModel) -> go.Figure:
    table = model.datacollector.get_model_vars_dataframe() if model.round else pd.DataFrame()
    cols = {name: label(name) for name in ("credibility", "p_holds_hazard")}
    return charts.over_rounds(table, cols, "Guarantee credibility", "share")


def pledges(model: AccordModel) -> go.Figure:
    force = model.force()
    names = dict(zip(model.accord_scenario.iso3s, (s.name for s in model.accord_scenario.states),
                     strict=True))  # fmt: skip
    table = pd.DataFrame(
        {
            "iso3": force["iso3"],
            "name": [names[i] for i in force["iso3"]],
            "troops": force["troops"].astype(float),
            "member": force["member"].astype(bool),
        }
    )
    return charts.pledges(table, model.parameter("force_required_troops"))


def votes(model: AccordModel, resolution: str) -> go.Figure | None:
    codes = model.votes(resolution)
    if codes is None:
        return None
    members = model.forum_members(resolution)
    # states outside the forum (Security Council) are left out: NON_MEMBER has no row
    shown = [int(c) if m else -1 for c, m in zip(codes, members, strict=True)]
    return charts.votes(states(model), shown, resolution)
