"""Checking ``[parameters.*]``: value or distribution, unit, range, source (ODD 6, Input data).

The catalogue (``scenarios.catalogue``) says which parameters a scenario must declare, their
unit and whether they are integers; values, ranges and sources come only from the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from scenarios.catalogue import CATALOGUE, PER_VETO_PLAYER, UNITS, Entry, veto_parameter
from scenarios.checks import MISSING, At, is_number
from scenarios.errors import Problems, one_of
from scenarios.merge import Merged
from scenarios.schema import DISTRIBUTIONS, Distribution, Parameter

PARAMETER_KEYS = ("value", "distribution", "unit", "range", "source", "description", "fact")
DISTRIBUTION_KEYS = {
    "uniform": ("kind", "low", "high"),
    "normal": ("kind", "mean", "sd", "low", "high"),
    "triangular": ("kind", "low", "mode", "high"),
}
VETO_NAME = re.compile(r"^(?P<base>[a-z_]+)_(?P<iso>[a-z]{3})$")


def catalogue_entry(name: str) -> Entry | None:
    """The catalogue's entry for a parameter name, including ``fighting_on_<iso3>`` etc."""
    if name in CATALOGUE:
        return CATALOGUE[name]
    found = VETO_NAME.match(name)
    return PER_VETO_PLAYER.get(found.group("base")) if found else None


def check_parameter_keys(name: str, table: Any, at: At) -> None:
    """Unknown keys (typos) of one parameter table and of its distribution."""
    if not isinstance(table, dict):
        return
    at.keys(table, PARAMETER_KEYS)
    dist = table.get("distribution")
    if isinstance(dist, dict) and dist.get("kind") in DISTRIBUTION_KEYS:
        for key in dist:
            if key not in DISTRIBUTION_KEYS[dist["kind"]]:
                allowed = f"unknown key for {dist['kind']}; " + one_of(
                    DISTRIBUTION_KEYS[dist["kind"]], key
                )
                at.bad(f"distribution.{key}", dist[key], allowed)


def parameters(m: Merged, problems: Problems, veto_players: Iterable[str]) -> dict[str, Parameter]:
    """All declared parameters that are valid; problems for the rest and for missing ones."""
    raw = m.data.get("parameters")
    if not isinstance(raw, dict):
        if raw is not None:
            At(problems, m.file("parameters"), "-").bad("parameters", raw, "a table of tables")
        raw = {}
    out: dict[str, Parameter] = {}
    for name, table in raw.items():
        at = At(problems, m.file("parameters", name), f"[parameters.{name}]")
        parameter = check_parameter(name, table, at)
        if parameter is not None:
            out[name] = parameter
    required = {name: entry for name, entry in CATALOGUE.items()}
    for iso3 in veto_players:
        for base, entry in PER_VETO_PLAYER.items():
            required[veto_parameter(base, iso3)] = entry
    unknown = [name for name in raw if catalogue_entry(name) is None]
    for name, entry in required.items():
        if name not in raw:
            allowed = f"required parameter is missing ({entry.unit}: {entry.meaning})"
            close = difflib.get_close_matches(name, unknown, n=1)
            if close:
                allowed += f"; is [parameters.{close[0]}] a misspelling?"
            problems.add(m.file("parameters"), f"[parameters.{name}]", name, None, allowed)
    return out


def check_parameter(name: str, table: Any, at: At) -> Parameter | None:
    """One parameter table as a Parameter, or None after recording its problems."""
    if not isinstance(table, dict):
        at.bad(name, table, "a table with value or distribution, unit, range and source")
        return None
    entry = catalogue_entry(name)
    count = len(at.problems)
    at.keys(table, None, ("unit", "range", "source"))
    unit = table.get("unit", MISSING)
    if unit not in UNITS:
        at.bad("unit", unit, one_of(UNITS, unit))
    elif entry is not None and unit != entry.unit:
        at.bad("unit", unit, f"{entry.unit!r}, the catalogue's unit for {name}")
    bounds = _range(table.get("range", MISSING), at)
    if bounds is not None and entry is not None and entry.limits is not None:
        low, high = entry.limits
        if bounds[0] < low or bounds[1] > high:
            allowed = f"a range inside [{low:g}, {high:g}], what the engine can run for {name}"
            at.bad("range", table.get("range"), allowed)
            bounds = None
    source = at.source("source", table.get("source", MISSING))
    description = table.get("description", "")
    if not isinstance(description, str):
        at.bad("description", description, "a string")
    integer = entry is not None and entry.integer
    value, dist = table.get("value"), table.get("distribution")
    lo, hi = bounds if bounds is not None else (None, None)
    if (value is None) == (dist is None):
        at.bad("value", value, "exactly one of value or distribution")
    elif value is not None:
        value = at.number("value", value, lo, hi, integer=integer)
    elif integer:
        at.bad("distribution", dist, "an integer value (integer parameters have no distribution)")
    elif entry is not None and entry.fixed:
        at.bad(
            "distribution", dist, f"a value ({name} is the same in every replication: {entry.why})"
        )
    else:
        dist = _distribution(dist, lo, hi, at)
    fact = _fact(table.get("fact", False), value, source, at)
    if len(at.problems) > count or bounds is None or source is None:
        return None
    fields = dict(name=name, value=value, distribution=dist, unit=unit, range=bounds, fact=fact)
    return Parameter.model_validate({**fields, "source": source, "description": description})


def _fact(raw: Any, value: Any, source: str | None, at: At) -> bool:
    """``fact = true``: a sourced value (a date, a count) that the assumption interval holds."""
    if not isinstance(raw, bool):
        at.bad("fact", raw, "true or false")
        return False
    if raw and value is None:
        at.bad("fact", raw, "false for a parameter given as a distribution (a fact is one value)")
    if raw and source is not None and source.lstrip().upper().startswith("ASSUMPTION"):
        at.bad("fact", raw, "false for an ASSUMPTION (a fact cites where the value comes from)")
    return raw


def _range(value: Any, at: At) -> tuple[float, float] | None:
    allowed = "[low, high]: two finite numbers with low <= high"
    if not isinstance(value, list) or len(value) != 2 or not all(is_number(v) for v in value):
        at.bad("range", value, allowed)
        return None
    lo = at.number("range", value[0])
    hi = at.number("range", value[1])
    if lo is None or hi is None:
        return None
    if lo > hi:
        at.bad("range", value, allowed)
        return None
    return lo, hi


def _distribution(raw: Any, lo: float | None, hi: float | None, at: At) -> Distribution | None:
    if not isinstance(raw, dict):
        at.bad(
            "distribution", raw, 'an inline table such as { kind = "uniform", low = 0, high = 1 }'
        )
        return None
    kind = at.choice("distribution.kind", raw.get("kind"), DISTRIBUTIONS)
    if kind is None:
        return None
    count = len(at.problems)
    values: dict[str, float | None] = {}
    for key in DISTRIBUTION_KEYS[kind][1:]:
        field = f"distribution.{key}"
        if key not in raw:
            at.bad(field, None, f"required for a {kind} distribution")
        elif key in ("low", "high"):
            values[key] = at.number(field, raw[key], lo, hi)
        elif key == "sd":
            values[key] = at.number(field, raw[key], 0.0, None, lo_open=True)
        else:
            values[key] = at.number(field, raw[key])
    if len(at.problems) > count:
        return None
    low, high = values["low"], values["high"]
    assert low is not None and high is not None
    if low > high:
        at.bad("distribution.low", low, f"<= distribution.high ({high:g})")
        return None
    for key in ("mode", "mean"):
        centre = values.get(key)
        if centre is not None and not low <= centre <= high:
            at.bad(f"distribution.{key}", centre, f"a number in [low, high] = [{low:g}, {high:g}]")
            return None
    return Distribution.model_validate({"kind": kind, **values})
