"""Checking scenario.toml: header, dimensions, roles, events, resolutions (ODD 5 and 6)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from scenarios.checks import MISSING, NAME, SNAKE, At
from scenarios.errors import Problems
from scenarios.merge import Layer, Merged
from scenarios.schema import EVENT_KINDS, Dimension, Event, Parameter, Roles
from scenarios.validate_params import catalogue_entry, check_parameter_keys

TOP_KEYS = (
    "name",
    "description",
    "based_on",
    "start",
    "time_step",
    "dimensions",
    "parameters",
    "roles",
    "events",
    "resolutions",
    "events_add",
    "resolutions_add",
    "behaviour",
    "guarantors",
    "mission",
    "un",
)
REQUIRED = ("name", "description", "start", "time_step", "dimensions", "parameters", "roles")
DIMENSION_KEYS = ("name", "low", "high")
ROLE_KEYS = (
    "belligerents",
    "victim",
    "aggressor",
    "veto_players",
    "guarantor",
    "lead_nations",
    "security_dimension",
    "victim_side",
    "aggressor_side",
)
REQUIRED_ROLES = ROLE_KEYS[:7]
EVENT_FIELDS = {
    "set_parameter": ("parameter", "value"),
    "shift_position": ("iso3", "dimension", "to"),
    "leave_force": ("iso3",),
}
EVENT_KEYS = ("round", "kind", "parameter", "value", "iso3", "dimension", "to", "source")
RESOLUTION_KEYS = (
    "id",
    "title",
    "forum",
    "session",
    "round",
    "text",
    "status_quo",
    "amends",
    "mandates_force",
    "source",
    "reference",
    "discrimination",
    "cut_no",
    "cut_abstain",
    "item_source",
    "targets",
)
START = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_layer(layer: Layer, problems: Problems) -> None:
    """Unknown keys (typos) in one scenario.toml, reported against that file."""
    data, f = layer.data, layer.toml
    At(problems, f, "-").keys(data, TOP_KEYS)
    sections = [("dimensions", DIMENSION_KEYS), ("events", EVENT_KEYS), ("events_add", EVENT_KEYS)]
    sections += [("resolutions", RESOLUTION_KEYS), ("resolutions_add", RESOLUTION_KEYS)]
    for key, allowed in sections:
        items = data.get(key)
        for i, item in enumerate(items if isinstance(items, list) else [], start=1):
            if isinstance(item, dict):
                At(problems, f, f"[[{key}]] #{i}").keys(item, allowed)
    if isinstance(data.get("roles"), dict):
        At(problems, f, "[roles]").keys(data["roles"], ROLE_KEYS)
    if isinstance(data.get("parameters"), dict):
        for name, table in data["parameters"].items():
            check_parameter_keys(name, table, At(problems, f, f"[parameters.{name}]"))


def header(m: Merged, problems: Problems) -> dict[str, Any]:
    """name, description, based_on, start, time_step; missing required keys."""
    data = m.data
    at = At(problems, m.top, "-")
    for key in REQUIRED:
        if key not in data:
            at.bad(key, None, "required key is missing")
    out: dict[str, Any] = {"based_on": data.get("based_on")}
    if "name" in data:
        out["name"] = At(problems, m.file("name"), "-").text(
            "name", data["name"], pattern=NAME, allowed="lower-case letters, digits and '-'"
        )
    if "description" in data:
        out["description"] = At(problems, m.file("description"), "-").text(
            "description", data["description"], nonempty=True, allowed="a non-empty string"
        )
    if "start" in data:
        out["start"] = At(problems, m.file("start"), "-").text(
            "start", data["start"], pattern=START, allowed='a string "YYYY-MM", e.g. "2025-02"'
        )
    if "time_step" in data:
        out["time_step"] = At(problems, m.file("time_step"), "-").choice(
            "time_step", data["time_step"], ["month"]
        )
    return out


def tables(m: Merged, key: str, problems: Problems) -> list[tuple[At, dict[str, Any]]]:
    """The items of an array of tables, each with its place for problems."""
    items = m.data.get(key, [])
    if not isinstance(items, list):
        At(problems, m.file(key), "-").bad(key, items, f"an array of tables [[{key}]]")
        return []
    out = []
    for i, item in enumerate(items, start=1):
        at = At(problems, m.file(key, i - 1), f"[[{key}]] #{i}")
        if isinstance(item, dict):
            out.append((at, item))
        else:
            at.bad(key, item, "a table")
    return out


def dimensions(m: Merged, problems: Problems) -> tuple[Dimension, ...]:
    out: list[Dimension] = []
    items = tables(m, "dimensions", problems)
    if not items and "dimensions" in m.data:
        At(problems, m.file("dimensions"), "-").bad("dimensions", [], "at least one dimension")
    for at, item in items:
        count = len(problems)
        at.keys(item, None, DIMENSION_KEYS)
        name = at.text(
            "name", item.get("name", MISSING), pattern=SNAKE, allowed="a snake_case name"
        )
        if name is not None and name in [d.name for d in out]:
            at.bad("name", name, "a name not used by another dimension")
        low = at.text("low", item.get("low", MISSING), nonempty=True, allowed="what 0 means")
        high = at.text("high", item.get("high", MISSING), nonempty=True, allowed="what 1 means")
        if len(problems) == count and name and low and high:
            out.append(Dimension(name=name, low=low, high=high))
    return tuple(out)


def roles(
    m: Merged,
    problems: Problems,
    iso3s: Collection[str] | None,
    dims: Collection[str],
    candidates: Collection[str] | None,
) -> Roles | None:
    raw = m.data.get("roles")
    if not isinstance(raw, dict):
        if raw is not None:
            At(problems, m.file("roles"), "-").bad("roles", raw, "a table [roles]")
        return None
    count = len(problems)
    at = At(problems, m.file("roles"), "[roles]")
    at.keys(raw, None, REQUIRED_ROLES)

    def here(key: str) -> At:
        return At(problems, m.file("roles", key), "[roles]")

    def many(key: str, least: int) -> tuple[str, ...]:
        value = raw.get(key, MISSING)
        if not isinstance(value, list) or len(value) < least:
            here(key).bad(key, value, f"a list of at least {least} iso3 codes")
            return ()
        if len(set(map(str, value))) != len(value):
            here(key).bad(key, value, "each iso3 once")
        return tuple(v for v in value if here(key).iso3(key, v, iso3s))

    belligerents = many("belligerents", 2)
    veto = many("veto_players", 1)
    leads = many("lead_nations", 0)
    single = {
        key: here(key).iso3(key, raw.get(key, MISSING), iso3s)
        for key in ("victim", "aggressor", "guarantor")
    }
    for key in ("victim", "aggressor"):
        if single[key] and belligerents and single[key] not in belligerents:
            here(key).bad(key, single[key], "one of the belligerents: " + ", ".join(belligerents))
    if single["victim"] and single["victim"] == single["aggressor"]:
        here("aggressor").bad("aggressor", single["aggressor"], "a state other than the victim")
    for iso3 in leads:
        if candidates is not None and iso3 not in candidates:
            here("lead_nations").bad(
                "lead_nations", iso3, "a force candidate (force_candidate = true)"
            )
    security = here("security_dimension").choice(
        "security_dimension", raw.get("security_dimension", MISSING), dims
    )
    sides = _sides(raw, here, belligerents, single["victim"], single["aggressor"], iso3s)
    if len(problems) > count:
        return None
    fields = {"belligerents": belligerents, "veto_players": veto, "lead_nations": leads, **sides}
    return Roles.model_validate({**fields, **single, "security_dimension": security})


def _sides(
    raw: dict[str, Any],
    here: Any,
    belligerents: tuple[str, ...],
    victim: str | None,
    aggressor: str | None,
    iso3s: Collection[str] | None,
) -> dict[str, tuple[str, ...]]:
    """victim_side and aggressor_side: every belligerent on exactly one side, its principal in it.

    Both or neither: without them each side is its principal alone (two belligerents)."""
    given = [key for key in ("victim_side", "aggressor_side") if key in raw]
    if not given:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for key, principal in (("victim_side", victim), ("aggressor_side", aggressor)):
        at = here(key)
        value = raw.get(key, MISSING)
        if value is MISSING:
            other = given[0]
            at.bad(key, None, f"required with {other}: list the belligerents of both sides")
            continue
        if not isinstance(value, list) or not value:
            at.bad(key, value, "a non-empty list of iso3 codes of belligerents")
            continue
        codes = tuple(v for v in value if at.iso3(key, v, iso3s))
        for code in codes:
            if belligerents and code not in belligerents:
                at.bad(key, code, "one of the belligerents: " + ", ".join(belligerents))
        if principal and codes and principal not in codes:
            role = key.removesuffix("_side")
            at.bad(key, value, f"a list that includes the {role}, {principal}")
        out[key] = codes
    if len(out) == 2:
        both = set(out["victim_side"]) & set(out["aggressor_side"])
        for code in sorted(both):
            here("aggressor_side").bad("aggressor_side", code, "a belligerent on one side only")
        for code in belligerents:
            if code not in out["victim_side"] and code not in out["aggressor_side"]:
                allowed = "every belligerent on one side; missing: " + code
                here("victim_side").bad("victim_side", list(out["victim_side"]), allowed)
    return out


def events(
    m: Merged,
    problems: Problems,
    params: Mapping[str, Parameter],
    declared: Collection[str],
    iso3s: Collection[str] | None,
    dims: Collection[str],
    candidates: Collection[str] | None,
) -> tuple[Event, ...]:
    out: list[Event] = []
    for at, item in tables(m, "events", problems):
        count = len(problems)
        at.keys(item, None, ("round", "kind", "source"))
        rnd = at.number("round", item.get("round", MISSING), 1, None, integer=True)
        kind = at.choice("kind", item.get("kind", MISSING), EVENT_KINDS)
        source = at.source("source", item.get("source", MISSING))
        fields: dict[str, Any] = {}
        for key in EVENT_FIELDS.get(kind or "", ()):
            if key not in item:
                at.bad(key, None, f"required for a {kind} event")
        for key in ("parameter", "value", "iso3", "dimension", "to"):
            if key in item and kind is not None and key not in EVENT_FIELDS[kind]:
                at.bad(
                    key,
                    item[key],
                    f"not used by a {kind} event; it takes " + ", ".join(EVENT_FIELDS[kind]),
                )
        if "parameter" in item and kind == "set_parameter":
            fields["parameter"] = at.choice("parameter", item["parameter"], declared)
            p = params.get(fields["parameter"] or "")
            if p is not None and "value" in item:
                entry = catalogue_entry(p.name)
                integer = entry is not None and entry.integer
                fields["value"] = at.number("value", item["value"], *p.range, integer=integer)
        if "iso3" in item and kind in ("shift_position", "leave_force"):
            fields["iso3"] = at.iso3("iso3", item["iso3"], iso3s)
            leaver = fields["iso3"]
            if (
                kind == "leave_force"
                and leaver
                and candidates is not None
                and leaver not in candidates
            ):
                at.bad("iso3", item["iso3"], "a force candidate (force_candidate = true)")
        if "dimension" in item and kind == "shift_position":
            fields["dimension"] = at.choice("dimension", item["dimension"], dims)
        if "to" in item and kind == "shift_position":
            fields["to"] = at.number("to", item["to"], 0.0, 1.0)
        if len(problems) == count and rnd is not None and kind is not None and source is not None:
            fields.update(round=int(rnd), kind=kind, source=source)
            out.append(Event.model_validate(fields))
    return tuple(out)
