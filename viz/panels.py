"""Panels of one run: issue space, negotiation, force, UN votes. Each takes the model and the
round it was drawn at (``tick``) so figures are rebuilt only when the run moves.

The charts are interactive (plotly, ``viz.charts`` through ``viz.chart_view.Chart``): hover a
dot to see which state it is and its values, drag to zoom, click a legend entry to hide it; the
camera in a chart's toolbar downloads it as PNG. The Export tab keeps server-side PNGs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import solara

from model import AccordModel
from model.stages.force import REASON_LABELS
from viz import run_charts
from viz.chart_view import Chart
from viz.session import tally, vote_codes, vote_grid


def _chart(build: Callable[[], go.Figure], deps: list[Any], alt: str) -> None:
    Chart(build, alt=alt, dependencies=deps)


@solara.component
def IssueSpace(model: AccordModel, tick: int) -> None:
    dims = model.accord_scenario.dimension_names
    x, set_x = solara.use_state(dims[0])
    y, set_y = solara.use_state(dims[1] if len(dims) > 1 else dims[0])
    x, y = (x if x in dims else dims[0]), (y if y in dims else dims[-1])
    with solara.Card("Issue space", margin=0):
        with solara.Row():
            solara.Select("x axis", values=list(dims), value=x, on_value=set_x)
            solara.Select("y axis", values=list(dims), value=y, on_value=set_y)
        pair = (dims.index(x), dims.index(y))
        meaning = [model.accord_scenario.dimensions[d] for d in pair]
        solara.Markdown(
            "  \n".join(f"**{m.name}**: 0 = {m.low}; 1 = {m.high}" for m in meaning)
            + "  \nSize: capability. Star: proposal; X: weighted mean; diamond: weighted median."
        )
        Chart(
            lambda: run_charts.issue_space(model, pair),
            dependencies=[id(model), tick, pair],
            shape=(id(model), pair),
            moves=lambda: run_charts.issue_space_moves(model, pair),
            alt=f"Issue space at round {model.round}: each state's position on {x} and {y}, "
            "coloured by bloc and sized by capability, with the proposal and the weighted mean "
            "and median; hover a dot for the state and its values.",
        )


def _explain_table(model: AccordModel) -> pd.DataFrame:
    parts = model.explain().get("veto_players", {})
    rows = [{"veto player": k, **{p: round(v, 3) for p, v in d.items()}} for k, d in parts.items()]
    return pd.DataFrame(rows)


@solara.component
def Negotiation(model: AccordModel, tick: int) -> None:
    with solara.Card("Negotiation", margin=0):
        _chart(
            lambda: run_charts.acceptance(model),
            [id(model), tick],
            "Each veto player's probability of accepting the proposal, over the rounds.",
        )
        if model.round == 0:
            solara.Info("Step the model to see each veto player's acceptance explained.")
            return
        info = model.explain()
        solara.Markdown(
            f"**Round {info['round']}: why each veto player accepts or not** "
            "(utility from the terms + security + option to renew the war − value of fighting on"
            " as the leader sees it = margin; "
            "P(accept) = σ(margin / noise))"
        )
        solara.DataFrame(_explain_table(model), items_per_page=10)
        terms = ", ".join(f"{k} {v:.2f}" for k, v in info.get("terms", {}).items())
        solara.Markdown(f"Proposed terms: {terms}")


def force_table(model: AccordModel) -> pd.DataFrame:
    """Each candidate this round: in or out, troops, P(in) given the others, the main reason."""
    rows = [
        {
            "candidate": k,
            "in force": "yes" if v["member"] else "no",
            "troops": round(v["troops"]),
            "P(in)": round(v["probability"], 2),
            "main reason": REASON_LABELS[v["reason"]],
        }
        for k, v in model.explain().get("candidates", {}).items()
    ]
    table = pd.DataFrame(rows)
    return table.sort_values("P(in)", ascending=False) if rows else table


@solara.component
def Force(model: AccordModel, tick: int) -> None:
    required = model.parameter("force_required_troops")
    with solara.Card("Force", margin=0):
        members = {k: v for k, v in model.explain().get("candidates", {}).items() if v["member"]}
        total = sum(v["troops"] for v in members.values())
        solara.Markdown(
            f"**Troops pledged: {total:,.0f} of {required:,.0f} required**, "
            f"{len(members)} states in the force"
        )
        _chart(
            lambda: run_charts.pledges(model),
            [id(model), tick],
            f"Troops pledged by each force candidate this round, {total:,.0f} in the force "
            f"against {required:,.0f} required.",
        )
        if model.round > 0:
            solara.Markdown(
                "**Why each candidate is in or out** (P(in): probability given the others and "
                "the backstop; main reason: the term that sets it apart from the median candidate)"
            )
            solara.DataFrame(force_table(model), items_per_page=10)
        _chart(
            lambda: run_charts.credibility(model),
            [id(model), tick],
            "Guarantee credibility and P(holds) under this round's hazard, over the rounds.",
        )


@solara.component
def UnVotes(model: AccordModel, tick: int) -> None:
    scenario = model.accord_scenario
    with solara.Card("United Nations", margin=0):
        if not scenario.resolutions:
            solara.Info("This scenario schedules no UN vote.")
            return
        rows = []
        for res in scenario.resolutions:
            codes = vote_codes(model, res.id)
            row = {"resolution": res.id, "forum": res.forum, "round": res.round}
            if codes is None:
                row["outcome"] = "not held yet"
            else:
                members = model.forum_members(res.id)
                row.update(tally([c for c, m in zip(codes, members, strict=True) if m]))
                row["outcome"] = "adopted" if model.adopted(res.id) else "not adopted"
            rows.append(row)
        solara.Markdown("**Tally of this run** (Security Council: members only)")
        solara.DataFrame(pd.DataFrame(rows), items_per_page=10)
        held = [str(r["resolution"]) for r in rows if r["outcome"] != "not held yet"]
        if held:
            VoteChart(model, tick, held)
        grid = vote_grid(model)
        if grid.shape[1] > 3:
            solara.Markdown("**Each state's vote** (Y yes, N no, A abstain, X absent)")
            solara.DataFrame(grid, items_per_page=10)


@solara.component
def VoteChart(model: AccordModel, tick: int, held: list[str]) -> None:
    """Each state's vote on one held resolution, as dots by bloc (no map: see viz.charts)."""
    chosen, set_chosen = solara.use_state(held[-1])
    chosen = chosen if chosen in held else held[-1]
    solara.Select("Resolution", values=held, value=chosen, on_value=set_chosen)
    fig = solara.use_memo(lambda: run_charts.votes(model, chosen), [id(model), tick, chosen])
    if fig is not None:
        Chart(
            fig,
            alt=f"Each state's vote on {chosen} in this run, grouped by bloc; hover a dot for "
            "the state.",
            dependencies=[id(model), tick, chosen],
        )
