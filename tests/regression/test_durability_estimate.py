"""The durability estimates (experiments/durability_estimate.py): committed results repeat, say
what the model assumes, and the scenario's durability parameters are the ones estimated."""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "experiments" / "results"


@pytest.fixture(scope="module")
def estimate():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "experiments"))
    try:
        yield importlib.import_module("durability_estimate")
    finally:
        sys.path.remove(str(ROOT / "experiments"))


@pytest.fixture(scope="module")
def models() -> pd.DataFrame:
    return pd.read_csv(RESULTS / "durability_models.csv")


def _get(models: pd.DataFrame, sample: str, model: str, parameter: str) -> float:
    row = models[
        (models["sample"] == sample)
        & (models["model"] == model)
        & (models["parameter"] == parameter)
    ]
    return float(row["estimate"].iloc[0])


def test_risk_is_highest_early_in_every_sample(models: pd.DataFrame) -> None:
    shapes = models[models["parameter"] == "shape"]
    assert len(shapes) >= 4 and (shapes["estimate"] < 1).all()


def test_the_weibull_and_cox_estimates_repeat(estimate, models: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lifelines' convergence notes
        spells = estimate.fortna_spells()
        marginal = estimate._weibull_marginal(spells)
        cox = estimate._cox(spells, "pk", estimate.CONTROLS)
    assert round(marginal["shape"], 4) == _get(models, "fortna_civil", "weibull", "shape")
    assert round(cox["hazard_ratio"], 4) == _get(
        models, "fortna_civil", "cox_pk_adjusted", "hazard_ratio"
    )


def test_the_scenario_uses_the_estimates(models: pd.DataFrame) -> None:
    p = load_scenario("ukraine-2025").parameters
    shape = _get(models, "fortna_civil", "aft_pk_adjusted", "shape")
    scale = _get(models, "fortna_civil", "aft_pk_adjusted", "scale_months_without_pk")
    cox = models[(models["model"] == "cox_pk_adjusted")].iloc[0]
    fuller = models[(models["model"] == "cox_pk_full_controls")].iloc[0]
    assert p["breakdown_shape"].distribution.mode == pytest.approx(shape, abs=0.005)
    assert p["breakdown_scale_months"].distribution.mode == pytest.approx(scale, abs=0.5)
    force = p["force_effect_on_hazard"].distribution
    assert force.mode == pytest.approx(1 - cox["estimate"], abs=0.005)
    assert force.high == pytest.approx(1 - fuller["ci_low"], abs=0.005)
