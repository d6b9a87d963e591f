"""The committed results of experiments/unsc_2022_drafts.py (ODD 7.8; issue 12): positions fitted
before each draft, the veto costs of the build, the targeted cost applied only to the member a
draft targets, the targeted member's no from its record, and the two Russian vetoes."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "experiments" / "results"
UN = ROOT / "scenarios" / "sources" / "un"


@pytest.fixture(scope="module")
def experiment() -> ModuleType:
    sys.path.insert(0, str(ROOT / "experiments"))
    try:
        return importlib.import_module("unsc_2022_drafts")
    finally:
        sys.path.remove(str(ROOT / "experiments"))


def _logit(p: pd.Series) -> np.ndarray:
    q = p.to_numpy(float)
    return np.log(q / (1.0 - q))


def test_positions_are_fitted_before_each_draft(experiment: ModuleType) -> None:
    reported = pd.read_csv(UN / "sc_drafts_2022.csv").groupby("draft")["date"].first()
    assert set(experiment.DRAFTS) == set(reported.index) == set(experiment.TARGETS)
    for draft, (last_date, _) in experiment.DRAFTS.items():
        assert last_date < reported[draft]


def test_costs_are_the_builds_and_only_the_targeted_member_pays_the_targeted_one() -> None:
    members = pd.read_csv(RESULTS / "unsc_2022_drafts.csv")
    costs = pd.read_csv(UN / "veto_costs.csv").set_index("iso3")
    perm = members[members["seat"] == "permanent"]
    np.testing.assert_allclose(perm["veto_cost"], costs.loc[perm["iso3"], "veto_cost"], atol=5e-5)
    np.testing.assert_allclose(
        perm["veto_cost_targeted"], costs.loc[perm["iso3"], "veto_cost_targeted"], atol=5e-5
    )
    assert set(members.loc[members["targeted"], "iso3"]) == {"RUS"}
    plain = members[~members["targeted"]]
    np.testing.assert_allclose(plain["p_no"], plain["p_no_untargeted"], atol=1e-4)
    # the targeted member's no is its record's odds less the targeted cost: logit(g_T) − κ_T
    hit = members[members["targeted"] & (members["seat"] == "permanent")]
    g = costs.loc[hit["iso3"], "targeted_no_share"].to_numpy(float)
    np.testing.assert_allclose(
        _logit(hit["p_no"]), np.log(g / (1 - g)) - hit["veto_cost_targeted"], atol=2e-3
    )


def test_both_drafts_are_vetoed_by_russia_alone() -> None:
    """Issue 12: each 2022 draft is vetoed by Russia alone (its modal vote the only no)."""
    summary = json.loads((RESULTS / "unsc_2022_drafts.json").read_text())
    for d in summary:
        assert d["targeted_cost_applied"] < d["targeted_cost_flips_above"]
    assert [d["modal_vetoed_by"] for d in summary] == [["RUS"], ["RUS"]]
    for d in summary:
        assert d["modal_yes_no_abstain"][1] == d["reported_yes_no_abstain"][1] == 1


def test_summary_reports_the_targeted_cost_and_its_sensitivity(experiment: ModuleType) -> None:
    """The cost applied and its sensitivity to the adopted resolutions coded as targeting a
    permanent member are the build's; the margin to the flip is reported whichever side it is."""
    summary = json.loads((RESULTS / "unsc_2022_drafts.json").read_text())
    costs = pd.read_csv(UN / "veto_costs.csv").set_index("iso3")
    for d in summary:
        assert d["targeted_cost_applied"] == pytest.approx(costs.loc["RUS", "veto_cost_targeted"])
        for k in experiment.SENSITIVITY:
            assert d[f"targeted_cost_{k}"] == costs.loc["RUS", f"targeted_{k}"]
        assert d["targeted_cost_flips_above"] > 0
        rus = [v for v in d["modal_vetoed_by"] if v == "RUS"]
        assert bool(rus) == (d["targeted_cost_applied"] < d["targeted_cost_flips_above"])
