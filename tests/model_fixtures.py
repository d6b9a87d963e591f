"""Scenarios for model tests, built with the loader's test factory."""

from __future__ import annotations

from pathlib import Path

from scenarios import Scenario, load_scenario
from tests.unit.scenario_factory import Spec


def tiny_spec() -> Spec:
    """Three states, two dimensions; tuned so agreement comes in some rounds and not others."""
    spec = Spec()
    for iso3 in ("ukr", "rus"):
        spec.params[f"fighting_on_{iso3}"]["value"] = 0.45
    spec.params["horizon_rounds"]["value"] = 12
    return spec


def tiny(tmp: Path) -> Scenario:
    return load_scenario(tiny_spec().write(tmp / "tiny"))
