"""Loading a scenario directory into a validated Scenario (ODD 5 Initialisation, 6 Input data).

``load_scenario`` reads TOML and CSV only (nothing is executed), follows ``based_on`` for
variants, checks everything it can and raises one ScenarioError listing every problem. With
``within`` (the UI), every file read must lie, links resolved, inside those directories or the
built-in scenarios; see scenarios.readers for the limits on what is read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from scenarios import (
    validate_case,
    validate_force,
    validate_params,
    validate_tables,
    validate_toml,
    validate_un,
)
from scenarios.errors import Problems, one_of, shorten
from scenarios.merge import BUILTIN_DIR, builtin_names, merge, read_chain
from scenarios.readers import confined
from scenarios.schema import Scenario

MAX_PATH = 4096  # characters: the longest path Linux accepts (PATH_MAX)


#: the scenario Accord opens when none is named (the UI's first page, ``AccordModel()``)
DEFAULT_SCENARIO = "ukraine-2025"


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


def _usable_directory(name_or_path: str | Path, problems: Problems) -> tuple[Path, Path] | None:
    """The directory and its tree, or None after recording why the path cannot be used."""
    text = str(name_or_path)
    if len(text) > MAX_PATH or "\x00" in text:
        allowed = f"a path of at most {MAX_PATH:,} characters, without NUL"
        problems.add(shorten(text), "-", "path", f"{len(text):,} characters", allowed)
        return None
    try:
        directory, root = resolve(name_or_path)
        is_dir = directory.is_dir()
    except (OSError, RuntimeError) as err:  # a name too long, a link loop
        reason = getattr(err, "strerror", None) or "a link loop"
        problems.add(shorten(text), "-", "directory", shorten(text), f"a usable path ({reason})")
        return None
    if not is_dir:
        allowed = "a scenario directory, or a built-in scenario: " + one_of(builtin_names(), text)
        problems.add(directory, "-", "directory", text, allowed)
        return None
    return directory, root


def load_scenario(name_or_path: str | Path, *, within: Sequence[Path] | None = None) -> Scenario:
    """Load, merge and validate a scenario; raise ScenarioError with all problems found.

    ``within``: read only files inside these directories (or the built-ins), links resolved.
    """
    guard = confined([*within, BUILTIN_DIR]) if within is not None else contextlib.nullcontext()
    with guard:
        return _load(name_or_path)


def _load(name_or_path: str | Path) -> Scenario:
    problems = Problems()
    found = _usable_directory(name_or_path, problems)
    problems.raise_if_any()
    assert found is not None
    directory, root = found
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
    resolutions = validate_un.resolutions(m, problems, names, iso3s)
    validate_un.items_need_ideal_points(m, problems, resolutions, states)
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
