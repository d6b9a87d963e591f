"""The fitted force parameters of ukraine-2025 are the estimates experiments/force_history.py
wrote (every number once: the scenario quotes the results file, a test keeps them equal)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scenarios import load_scenario

RESULTS = Path(__file__).resolve().parents[2] / "experiments" / "results"
SUMMARY = json.loads((RESULTS / "force_history_summary.json").read_text())
TERMS = ("intercept", "record", "nato", "eu", "log_milper", "europe", "prior_approval")


@pytest.mark.parametrize("term", TERMS)
def test_index_coefficient_is_the_fitted_estimate(term: str) -> None:
    p = load_scenario("ukraine-2025").parameters[f"force_index_{term}"]
    assert p.distribution is not None and p.distribution.kind == "normal"
    assert p.distribution.mean == round(SUMMARY["coefficients"][term], 3)
    assert p.distribution.sd == round(SUMMARY["standard_errors"][term], 3)


@pytest.mark.parametrize("name, key", [("elasticity", "elasticity"), ("record", "record_effect")])
def test_size_coefficient_is_the_fitted_estimate(name: str, key: str) -> None:
    p = load_scenario("ukraine-2025").parameters[f"force_size_{name}"]
    assert p.distribution is not None
    assert p.distribution.mean == round(SUMMARY["size"][key], 3)
    assert p.distribution.sd == round(SUMMARY["size"][f"{key}_se"], 3)
