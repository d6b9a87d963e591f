"""viz.charts: the interactive figures, checked as data (the browser test hovers them)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from viz import charts

STATES = charts.StateTable(
    iso3=["UKR", "RUS", "FRA", "BRA"],
    name=["Ukraine", "Russia", "France", "Brazil"],
    bloc=["Belligerent", "Belligerent", "EU/NATO", "BRICS"],
    capability=np.array([0.3, 1.0, 0.5, 0.2]),
)


def trails(rounds: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.uniform(size=(rounds + 1, 4, 2))


def test_issue_space_has_a_trace_per_bloc_naming_each_state() -> None:
    fig = charts.issue_space(STATES, trails(3), ("territory", "security"), {"terms": (0.4, 0.6)}, 3)
    names = [t.name for t in fig.data]
    assert names == [
        "trails", "BRICS", "Belligerent", "EU/NATO", "proposal", "weighted mean", "weighted median"
    ]  # fmt: skip
    assert np.isnan(fig.data[names.index("weighted mean")].x[0])  # not known: drawn nowhere
    bell = fig.data[names.index("Belligerent")]
    assert list(bell.customdata[:, 0]) == ["Ukraine", "Russia"]
    np.testing.assert_allclose(bell.x, trails(3)[-1][[0, 1], 0])  # the last round's positions
    assert "%{customdata[0]}" in bell.hovertemplate and "territory" in bell.hovertemplate
    assert fig.layout.title.text == "Issue space, round 3"
    # trails: every state's path of 4 positions, separated by gaps
    assert len(fig.data[0].x) == 4 * 5 and np.isnan(fig.data[0].x[4])


def test_issue_space_at_round_0_has_the_same_traces_with_nothing_to_draw() -> None:
    fig = charts.issue_space(STATES, trails(0), ("a", "b"), {}, 0)
    later = charts.issue_space(STATES, trails(2), ("a", "b"), {"terms": (0.1, 0.2)}, 2)
    assert [t.name for t in fig.data] == [t.name for t in later.data]  # updated in place
    assert np.isnan(fig.data[0].x).all() and np.isnan(fig.data[-1].x).all()
    moves, title = charts.issue_space_moves(STATES, trails(2), {"terms": (0.1, 0.2)}, 2)
    assert [len(m["x"]) for m in moves] == [len(t.x) for t in later.data]
    assert title == later.layout.title.text


def test_votes_one_legend_entry_per_vote_with_counts() -> None:
    fig = charts.votes(STATES, [0, 1, 0, 2], "ES-11/L.1")
    assert [t.name for t in fig.data] == ["yes (2)", "no (1)", "abstain (1)"]
    assert list(fig.data[0].customdata[:, 0]) == ["Ukraine", "France"]
    assert all(t.type == "scatter" for t in fig.data)  # no geo trace: it would need a CDN


def test_pledges_and_over_rounds() -> None:
    cands = pd.DataFrame(
        {"iso3": ["FRA", "GBR"], "name": ["France", "UK"], "troops": [5000.0, 0.0],
         "member": [True, False]}
    )  # fmt: skip
    fig = charts.pledges(cands, 25000)
    assert [t.name for t in fig.data] == ["in the force", "not in"]
    assert "5,000 of 25,000" in fig.layout.title.text
    table = pd.DataFrame({"round": [1, 2], "p_accept_ukr": [0.2, 0.4]})
    fig = charts.over_rounds(table, {"p_accept_ukr": "UKR", "missing": "X"}, "t", "P(accept)")
    assert [t.name for t in fig.data] == ["UKR"]


def test_sweep_charts_carry_the_intervals() -> None:
    pts = pd.DataFrame(
        {"backstop": [0, 0.5, 1, 0, 0.5, 1], "r": [1, 1, 1, 2, 2, 2],
         "p_agreement": [0.1, 0.5, 0.9, 0.2, 0.6, 1.0]}
    )  # fmt: skip
    pts["p_agreement_low"] = pts["p_agreement"] - 0.05
    pts["p_agreement_high"] = pts["p_agreement"] + 0.05
    fig = charts.sweep_lines(pts, "p_agreement", "backstop")
    assert fig.data[0].fill == "toself" and list(fig.data[1].y) == pytest.approx([0.15, 0.55, 0.95])
    heat = charts.sweep_heatmap(pts, "p_agreement", "backstop", "r")
    assert heat.data[0].z.shape == (2, 3) and "95% CI" in heat.data[0].hovertemplate


def test_tornado_orders_by_total_index() -> None:
    idx = pd.DataFrame(
        {"output": ["p"] * 2, "parameter": ["a", "b"], "S1": [0.1, 0.5], "S1_conf": [0.01] * 2,
         "ST": [0.2, 0.6], "ST_conf": [0.02] * 2}
    )  # fmt: skip
    fig = charts.tornado(idx, "p", "sobol")
    assert list(fig.data[0].y) == ["a", "b"]  # plotly draws the last bar on top
    assert [t.name for t in fig.data] == ["total (ST)", "first order (S1)"]


def test_config_keeps_the_page_offline() -> None:
    assert charts.CONFIG["showLink"] is False and charts.CONFIG["displaylogo"] is False


def test_a_193_state_issue_space_draws_every_state_and_trail() -> None:
    """All 193 states, one marker trace per bloc, and each state's trail over 25 rounds (with a
    break between states). How fast it builds is measured in benchmarks/ui.py (the Step render),
    not timed here."""
    n = 193
    big = charts.StateTable(
        [f"S{i}" for i in range(n)], [f"State {i}" for i in range(n)],
        [f"bloc{i % 7}" for i in range(n)], np.linspace(0.01, 1, n),
    )  # fmt: skip
    path = np.random.default_rng(1).uniform(size=(25, n, 2))
    fig = charts.issue_space(big, path, ("a", "b"), {"terms": (0.5, 0.5)}, 24)
    blocs = [t for t in fig.data if str(t.name).startswith("bloc")]
    assert len(blocs) == 7 and sum(len(t.x) for t in blocs) == n
    trails = next(t for t in fig.data if t.name == "trails")
    assert len(trails.x) == n * (25 + 1)


def test_a_sampled_design_is_drawn_as_points_not_as_an_empty_grid() -> None:
    rng = np.random.default_rng(2)
    lhs = pd.DataFrame({"a": rng.uniform(size=30), "b": rng.uniform(size=30)})
    lhs["p_agreement"] = lhs["a"]
    lhs["p_agreement_low"], lhs["p_agreement_high"] = lhs["a"] - 0.1, lhs["a"] + 0.1
    grid = pd.DataFrame({"a": [0, 0, 1, 1], "b": [0, 1, 0, 1], "p_agreement": [0.1, 0.2, 0.3, 0.4]})
    assert not charts.is_grid(lhs, "a", "b") and not charts.is_grid(lhs, "a", None)
    assert charts.is_grid(grid, "a", "b") and charts.is_grid(grid, "a", None)
    fig = charts.sweep_scatter(lhs, "p_agreement", "a", "b", "P(agreement)")
    assert fig.data[0].marker.cmin == 0.0 and len(fig.data[0].x) == 30
    fig = charts.sweep_scatter(lhs, "p_agreement", "a")
    assert list(fig.data[0].error_y.array) == pytest.approx([0.1] * 30)


def test_the_ui_doc_quotes_the_limits_the_code_has() -> None:
    from pathlib import Path

    from viz.controls import PLAY_SECONDS
    from viz.sweep_panel import MAX_POINTS, MAX_WORK

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ui.md").read_text()
    assert f"at most {MAX_POINTS} points and {MAX_WORK:,} replications in all" in doc
    assert f"{PLAY_SECONDS[0]:g} to {PLAY_SECONDS[1]:g})" in doc
