"""The case scoring (experiments/cases.py): the scores on known answers, the leave-one-out
baselines, and the committed result files agree with the outcomes table and the case pages."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "experiments" / "results"


@pytest.fixture(scope="module")
def cases() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "experiments"))
    try:
        yield importlib.import_module("cases")
    finally:
        sys.path.remove(str(ROOT / "experiments"))


def test_scores_on_known_answers(cases: ModuleType) -> None:
    y = np.array([1.0, 0.0, 1.0, 1.0])
    perfect = cases.scores(y, y)
    assert perfect["brier"] == 0.0
    assert perfect["log_score"] == pytest.approx(-np.log(0.99))  # clipped at 0.99
    half = cases.scores(np.full(4, 0.5), y)
    assert half["brier"] == pytest.approx(0.25) and half["log_score"] == pytest.approx(np.log(2))


def test_leave_one_out_baselines_never_see_the_case(cases: ModuleType) -> None:
    y = np.array([1.0, 1.0, 0.0, 1.0])
    assert cases.loo_base_rate(y).tolist() == pytest.approx([2 / 3, 2 / 3, 1.0, 2 / 3])
    x = np.array([[0.0], [0.0], [1.0], [0.0]])
    logit = cases.loo_logistic(x, y)
    # without case 2 every other case is a 1: the prediction for it is that base rate
    assert logit[2] == 1.0
    assert ((logit > 0) & (logit <= 1)).all()


def test_results_match_the_outcomes_and_the_pages(cases: ModuleType) -> None:
    pred = pd.read_csv(RESULTS / "cases_predictions.csv")
    truth = cases.outcomes()
    assert list(pred["case"]) == list(truth.index)
    assert (pred.set_index("case")["held_36"] == truth["held_36"]).all()
    scores = pd.read_csv(RESULTS / "cases_scores.csv")
    assert set(scores["method"]) == {"model", "base rate (LOO)", "logistic (LOO)"}
    for name, row in pred.set_index("case").iterrows():
        page = (ROOT / "docs" / "cases" / f"{name}.md").read_text(encoding="utf-8")
        assert f"P(agreement within the horizon): {row['p_agreement']:.2f}" in page, name


def test_the_script_scores_exactly_the_built_cases(cases: ModuleType) -> None:
    """experiments/ imports no build code: its case list and page marker must match the builds'."""
    from builds.cases.registry import CASES
    from builds.cases.write import RESULTS_MARK

    assert [s.name for s in cases.case_scenarios()] == [c.name for c in CASES]
    assert cases.RESULTS_MARK == RESULTS_MARK
    assert "builds" not in (ROOT / "experiments" / "cases.py").read_text(encoding="utf-8")
