"""Loading a scenario directory into a validated Scenario (ODD 5 Initialisation, 6 Input data).

``load_scenario`` reads TOML and CSV only (nothing is executed), follows ``based_on`` for
variants, checks everything it can and raises one ScenarioError listing every problem.
"""

from __future__ import annotations

from pathlib import Path

from scenarios import (
    validate_case,
    validate_force,
    validate_params,
    validate_tables,
    validate_toml,
    validate_un,
)
from scenarios.errors import Problems, one_of
from scenarios.merge import BUILTIN_DIR, builtin_names, merge, read_chain
from scenarios.schema import Scenario


def list_builtin() -> list[str]:
    """Names of the built-in scenarios, sorted."""
    return builtin_names()


def resolve(name_or_path: str | Path) -> tuple[Path, Path]:
    """The directory a name or path means, and the scenarios tree it must stay inside.

    A ``str`` that names a built-in scenario means ``scenarios/builtin/<name>/``; anything else
    is a path to a directory.
    """
    if isinstance(name_or_path, str) and name_or_path in builtin_names():
        return BUILTIN_DIR / name_or_path, BUILTIN_DIR
    path = Path(name_or_path).expanduser()
    return path, path.resolve().parent


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load, merge and validate a scenario; raise ScenarioError with all problems found."""
    problems = Problems()
    directory, root = resolve(name_or_path)
    if not directory.is_dir():
        allowed = "a scenario directory, or a built-in scenario: " + one_of(
            builtin_names(), str(name_or_path)
        )
        problems.add(directory, "-", "directory", str(name_or_path), allowed)
        problems.raise_if_any()
    chain = read_chain(directory, root, problems)
    problems.raise_if_any()
    assert chain is not None
    for layer in chain:
        validate_toml.check_layer(layer, problems)
    m = merge(chain, problems)
    top = validate_toml.header(m, problems)
    dims = validate_toml.dimensions(m, problems)
    names = [d.name for d in dims]
    assert m.states_csv is not None and m.ties_csv is not None
    states, iso3s, candidates = validate_tables.states(m.states_csv, problems, names)
    ties = validate_tables.ties(m.ties_csv, problems, iso3s)
    force = validate_force.force_rows(m.force_csv, problems, candidates)
    roles = validate_toml.roles(m, problems, iso3s, names, candidates)
    raw_roles = m.data.get("roles")
    veto = raw_roles.get("veto_players", []) if isinstance(raw_roles, dict) else []
    veto = [v for v in veto if isinstance(v, str)] if isinstance(veto, list) else []
    parameters = validate_params.parameters(m, problems, veto)
    raw_params = m.data.get("parameters")
    declared = list(raw_params) if isinstance(raw_params, dict) else []
    events = validate_toml.events(m, problems, parameters, declared, iso3s, names, candidates)
    resolutions = validate_un.resolutions(m, problems, names)
    guarantors = validate_case.guarantors(m, problems, states, roles, parameters)
    mission = validate_case.mission(m, problems, states, roles, resolutions)
    un = validate_case.un_setting(m, problems, top.get("start"), states)
    problems.raise_if_any()
    assert roles is not None
    return Scenario(
        name=top["name"],
        description=top["description"],
        based_on=top["based_on"],
        start=top["start"],
        time_step=top["time_step"],
        dimensions=dims,
        parameters=parameters,
        roles=roles,
        events=events,
        resolutions=resolutions,
        states=states,
        ties=ties,
        behaviour=m.data.get("behaviour"),
        guarantors=guarantors,
        mission=mission,
        un=un,
        force=force,
        path=directory,
    )
