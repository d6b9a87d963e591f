"""Each built-in scenario's headline numbers match its golden summary (with tolerances)."""

from __future__ import annotations

import json

import pytest

from scenarios import list_builtin
from tests.regression.golden_summaries import GOLDEN, summarise

# Probabilities may move by sampling noise only when the engine is refactored without intent.
TOL_P, TOL_TERMS, TOL_TROOPS = 0.03, 0.03, 0.05


@pytest.mark.parametrize("name", list_builtin())
def test_matches_golden(name):
    golden = json.loads((GOLDEN / f"{name}.json").read_text())
    now = summarise(name)
    assert now["p_agreement"] == pytest.approx(golden["p_agreement"], abs=TOL_P)
    if golden["p_holds"] is not None:
        assert now["p_holds"] == pytest.approx(golden["p_holds"], abs=TOL_P)
    assert now["mean_credibility"] == pytest.approx(golden["mean_credibility"], abs=TOL_P)
    assert now["mean_force_troops"] == pytest.approx(
        golden["mean_force_troops"], rel=TOL_TROOPS, abs=100
    )
    for k, v in golden["expected_terms"].items():
        if v is not None:
            assert now["expected_terms"][k] == pytest.approx(v, abs=TOL_TERMS)
    assert set(now["p_adopted"]) == set(golden["p_adopted"])
    for k, v in golden["p_adopted"].items():
        assert now["p_adopted"][k] == pytest.approx(v, abs=TOL_P)
