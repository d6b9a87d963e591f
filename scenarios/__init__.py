"""Scenarios: the schema, the loader and the built-in scenarios as data (ODD 5 and 6).

See docs/scenario-format.md for the files and docs/dev/scenario-api.md for this API.
"""

from scenarios.errors import Problem, ScenarioError
from scenarios.loader import DEFAULT_SCENARIO, list_builtin, load_scenario
from scenarios.schema import (
    Dimension,
    Distribution,
    Event,
    Parameter,
    Resolution,
    Roles,
    Scenario,
    StateRow,
    Tie,
)

__all__ = [
    "DEFAULT_SCENARIO",
    "Dimension",
    "Distribution",
    "Event",
    "Parameter",
    "Problem",
    "Resolution",
    "Roles",
    "Scenario",
    "ScenarioError",
    "StateRow",
    "Tie",
    "list_builtin",
    "load_scenario",
]
