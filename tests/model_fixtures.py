"""Scenarios for model tests, built with the loader's test factory."""

from __future__ import annotations

from pathlib import Path

from scenarios import Scenario, load_scenario
from tests.unit.scenario_factory import Spec


def tiny_spec() -> Spec:
    """Three states, two dimensions; tuned so agreement comes in some rounds and not others."""
    scenario = Spec()
    for iso3 in ("ukr", "rus"):
        scenario.params[f"fighting_on_{iso3}"]["value"] = 0.45
    scenario.params["horizon_rounds"]["value"] = 12
    return scenario


def tiny(tmp: Path) -> Scenario:
    return load_scenario(tiny_spec().write(tmp / "tiny"))


def identical_rows(a, b) -> bool:
    """Same columns and the same values, NaN equal to NaN."""
    import numpy as np

    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    return all(
        np.array_equal(a[c].to_numpy(), b[c].to_numpy(), equal_nan=a[c].dtype.kind == "f")
        for c in a.columns
    )
