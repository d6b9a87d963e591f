"""Checking what a historical case adds: guarantors, the mission, the UN of its year (ODD 6).

``[[guarantors]]`` lists third parties with their own commitment level; the scenario's
``backstop`` parameter must then be their combined commitment ``1 - prod(1 - c)`` (the number
is stated once per guarantor; ``backstop`` is what the engine reads). ``[mission]`` says what
kind of force the agreement brings and who may send troops to it. ``[un]`` is the UN of the
case's year: the Security Council's size and seats (the ``sc_seat`` column) are checked
against it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from scenarios.checks import MISSING, At
from scenarios.errors import Problems, one_of
from scenarios.merge import Merged
from scenarios.schema import (
    MANDATES,
    MISSION_KINDS,
    Guarantor,
    Mission,
    Parameter,
    Resolution,
    Roles,
    StateRow,
    UnSetting,
)
from scenarios.validate_toml import tables

GUARANTOR_KEYS = ("iso3", "commitment", "source")
MISSION_KEYS = ("kind", "mandate", "authorised_by", "source", "description")
UN_KEYS = ("year", "source")
#: which mandates each kind of mission may have
MISSION_MANDATES = {
    "un_peacekeeping": ("security_council", "general_assembly"),
    "un_observer": ("security_council", "general_assembly"),
    "reassurance": ("security_council", "agreement", "none"),
    "none": ("none",),
}
RESOLUTION_FORUM = {"security_council": "security_council", "general_assembly": "general_assembly"}


def combined_commitment(commitments: Sequence[float]) -> float:
    """Noisy-or of the guarantors' commitments: the chance at least one honours its own."""
    return 1.0 - math.prod(1.0 - c for c in commitments)


def guarantors(
    m: Merged,
    problems: Problems,
    states: Sequence[StateRow],
    roles: Roles | None,
    params: Mapping[str, Parameter],
) -> tuple[Guarantor, ...]:
    if "guarantors" not in m.data:
        return ()
    items = tables(m, "guarantors", problems)
    if not items:
        At(problems, m.file("guarantors"), "-").bad(
            "guarantors", m.data["guarantors"], "at least one [[guarantors]] table"
        )
    status = {s.iso3: s.status for s in states}
    out: list[Guarantor] = []
    for at, item in items:
        count = len(problems)
        at.keys(item, GUARANTOR_KEYS, GUARANTOR_KEYS)
        iso3 = at.iso3("iso3", item.get("iso3", MISSING), list(status) or None)
        if iso3 in [g.iso3 for g in out]:
            at.bad("iso3", iso3, "each guarantor once")
        if iso3 and status.get(iso3) in ("armed_group", "unrecognised_state"):
            at.bad("iso3", iso3, f"a state (not of status {status[iso3]}): only states guarantee")
        if iso3 and roles is not None and iso3 in _aggressor_side(roles):
            at.bad("iso3", iso3, "a state not on the aggressor's side (it guarantees the victim)")
        level = at.number("commitment", item.get("commitment", MISSING), 0.0, 1.0)
        source = at.source("source", item.get("source", MISSING))
        if len(problems) == count and iso3 and level is not None and source:
            out.append(Guarantor(iso3=iso3, commitment=level, source=source))
    if len(out) == len(items) and out:
        _check_guarantors(m, problems, tuple(out), roles, params)
    return tuple(out)


def _aggressor_side(roles: Roles) -> tuple[str, ...]:
    return roles.aggressor_side or (roles.aggressor,)


def _check_guarantors(
    m: Merged,
    problems: Problems,
    found: tuple[Guarantor, ...],
    roles: Roles | None,
    params: Mapping[str, Parameter],
) -> None:
    codes = [g.iso3 for g in found]
    if roles is not None and roles.guarantor not in codes:
        at = At(problems, m.file("roles", "guarantor"), "[roles]")
        at.bad("guarantor", roles.guarantor, "a state listed in [[guarantors]]; " + one_of(codes))
    backstop = params.get("backstop")
    combined = combined_commitment([g.commitment for g in found])
    if backstop is not None and abs(backstop.central - combined) > 1e-9:
        at = At(problems, m.file("parameters", "backstop"), "[parameters.backstop]")
        allowed = (
            f"{combined:.6g}, the guarantors' combined commitment 1 - prod(1 - commitment) "
            "over [[guarantors]]"
        )
        at.bad("value", backstop.central, allowed)


def mission(
    m: Merged,
    problems: Problems,
    states: Sequence[StateRow],
    roles: Roles | None,
    resolutions: Sequence[Resolution],
) -> Mission | None:
    raw = m.data.get("mission")
    if raw is None:
        return None
    at = At(problems, m.file("mission"), "[mission]")
    if not isinstance(raw, dict):
        at.bad("mission", raw, "a table [mission] with kind, mandate and source")
        return None
    count = len(problems)
    at.keys(raw, MISSION_KEYS, ("kind", "mandate", "source"))
    kind = at.choice("kind", raw.get("kind", MISSING), MISSION_KINDS)
    mandate = at.choice("mandate", raw.get("mandate", MISSING), MANDATES)
    if kind and mandate and mandate not in MISSION_MANDATES[kind]:
        allowed = f"for a {kind} mission: " + one_of(MISSION_MANDATES[kind])
        if kind.startswith("un_"):
            allowed += " (the General Assembly under Uniting for Peace, as for UNEF I)"
        at.bad("mandate", mandate, allowed)
    authorised = raw.get("authorised_by", "")
    if authorised != "":
        _authorised_by(at, authorised, mandate, resolutions)
    source = at.source("source", raw.get("source", MISSING))
    description = raw.get("description", "")
    if not isinstance(description, str):
        at.bad("description", description, "a string")
    if kind is not None and roles is not None:
        _contributors(m, problems, kind, states, roles)
    if len(problems) > count:
        return None
    fields = {"kind": kind, "mandate": mandate, "authorised_by": authorised or None}
    return Mission.model_validate({**fields, "source": source, "description": description})


def _authorised_by(
    at: At, value: Any, mandate: str | None, resolutions: Sequence[Resolution]
) -> None:
    mandating = [r for r in resolutions if r.mandates_force]
    if mandate in RESOLUTION_FORUM:
        mandating = [r for r in mandating if r.forum == RESOLUTION_FORUM[mandate]]
    else:
        at.bad("authorised_by", value, f"'' (a mandate of {mandate!r} names no resolution)")
        return
    ids = [r.id for r in mandating]
    if value not in ids:
        allowed = f"'' or the id of a [[resolutions]] of the {mandate} with mandates_force = true"
        at.bad("authorised_by", value, allowed + (": " + one_of(ids, value) if ids else ""))


def _contributors(
    m: Merged, problems: Problems, kind: str, states: Sequence[StateRow], roles: Roles
) -> None:
    """Who may be a force candidate under each kind of mission (reported at the state's row)."""
    belligerents = set(roles.belligerents)
    hostile = set(_aggressor_side(roles))
    table = m.states_csv or m.top
    for row in states:
        if not row.force_candidate:
            continue
        at = At(problems, table, f"iso3 {row.iso3}")
        if kind == "none":
            at.bad("force_candidate", "true", "false: [mission] kind = 'none' brings no force")
        elif kind.startswith("un_") and row.iso3 in belligerents:
            allowed = f"false: a {kind} mission is impartial, a belligerent sends no troops"
            at.bad("force_candidate", "true", allowed)
        elif kind == "reassurance" and row.iso3 in hostile:
            allowed = "false: a reassurance force backs the victim; the aggressor's side sends none"
            at.bad("force_candidate", "true", allowed)


def un_setting(
    m: Merged, problems: Problems, start: str | None, states: Sequence[StateRow]
) -> UnSetting | None:
    raw = m.data.get("un")
    if raw is None:
        return None
    at = At(problems, m.file("un"), "[un]")
    if not isinstance(raw, dict):
        at.bad("un", raw, "a table [un] with year and source")
        return None
    count = len(problems)
    at.keys(raw, UN_KEYS, UN_KEYS)
    year = at.number("year", raw.get("year", MISSING), 1945, 2100, integer=True)
    if year is not None and start is not None and int(start[:4]) != int(year):
        at.bad("year", int(year), f"the year of start ({start[:4]}): the UN of the case's year")
    source = at.source("source", raw.get("source", MISSING))
    if len(problems) > count or year is None or source is None:
        return None
    setting = UnSetting(year=int(year), source=source)
    _council(m, problems, setting, states)
    return setting


def _council(m: Merged, problems: Problems, un: UnSetting, states: Sequence[StateRow]) -> None:
    table = m.states_csv or m.top
    seats = {"permanent": 5, "elected": un.council_size - 5}
    for seat, wanted in seats.items():
        holders = [s.iso3 for s in states if s.sc_seat == seat]
        if len(holders) != wanted:
            allowed = f"{wanted} {seat} members in {un.year} (a Council of {un.council_size})"
            At(problems, table, "-").bad("sc_seat", f"{seat} x {len(holders)}", allowed)
