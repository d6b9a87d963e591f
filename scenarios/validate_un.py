"""Checking ``[[resolutions]]``: UN texts, their forum, rule and positions (ODD 6; ODD 7.8)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from scenarios.checks import MISSING, At
from scenarios.errors import Problems, one_of
from scenarios.merge import Merged
from scenarios.schema import FORUMS, SESSIONS, Resolution
from scenarios.validate_toml import tables

#: ``targets`` (optional): ISO3 codes of the states whose own conduct the text condemns
REQUIRED = ("id", "title", "forum", "round", "text", "status_quo", "source")
#: item parameters of the ordinal vote rule: all of these, or none (the margin rule)
ITEM_FIELDS = ("reference", "discrimination", "cut_no", "cut_abstain", "item_source")
#: ideal-point dimensions (the columns ideal_1, ideal_2 of states.csv)
IDEAL_DIMENSIONS = 2
#: bound on an item parameter (latent units of the fitted roll calls)
ITEM_BOUND = 50.0


def resolutions(
    m: Merged,
    problems: Problems,
    dims: Collection[str],
    iso3s: Collection[str] | None = None,
) -> tuple[Resolution, ...]:
    items = tables(m, "resolutions", problems)
    ids = [item.get("id") for _, item in items]
    out: list[Resolution] = []
    for at, item in items:
        count = len(problems)
        if isinstance(item.get("id"), str) and item["id"]:
            at = At(problems, at.file, f"{at.where} (id {item['id']!r})")
        at.keys(item, None, REQUIRED)
        rid = at.text("id", item.get("id", MISSING), nonempty=True, allowed="a non-empty string")
        if rid is not None and ids.count(rid) > 1:
            at.bad("id", rid, "an id not used by another resolution")
        title = at.text(
            "title", item.get("title", MISSING), nonempty=True, allowed="a non-empty string"
        )
        forum = at.choice("forum", item.get("forum", MISSING), FORUMS)
        session = _session(at, forum, item.get("session", MISSING))
        rnd = at.number("round", item.get("round", MISSING), 1, None, integer=True)
        text = _positions(at, "text", item.get("text", MISSING), dims)
        status_quo = _positions(at, "status_quo", item.get("status_quo", MISSING), dims)
        if text and status_quo is not None and set(text) != set(status_quo):
            allowed = "the same dimensions as text: " + ", ".join(text)
            at.bad("status_quo", sorted(status_quo), allowed)
        amends = item.get("amends", "")
        others = [i for i in ids if isinstance(i, str) and i and i != rid]
        if amends != "" and amends not in others:
            at.bad(
                "amends", amends, "'' or the id of another resolution: " + one_of(others, amends)
            )
        mandates = at.boolean("mandates_force", item.get("mandates_force", False))
        source = at.source("source", item.get("source", MISSING))
        item_fields = _item(at, item)
        targets = _targets(at, item.get("targets", []), iso3s)
        if len(problems) == count:
            fields: dict[str, Any] = {"id": rid, "title": title, "forum": forum, "session": session}
            fields |= {"round": rnd, "text": text, "status_quo": status_quo}
            fields |= {"amends": amends or None, "mandates_force": mandates, "source": source}
            fields |= item_fields | {"targets": targets}
            out.append(Resolution.model_validate(fields))
    return tuple(out)


def _item(at: At, item: dict[str, Any]) -> dict[str, Any]:
    """The text's item parameters (ODD 7.8): every field of ``ITEM_FIELDS`` or none."""
    given = [k for k in ITEM_FIELDS if k in item]
    if not given:
        return {}
    for k in ITEM_FIELDS:
        if k not in item:
            at.bad(k, None, "required with " + ", ".join(given) + " (item parameters: all or none)")
    reference = at.text(
        "reference",
        item.get("reference", MISSING),
        nonempty=True,
        allowed="the symbol of the roll call the item parameters come from",
    )
    b = item.get("discrimination", MISSING)
    allowed = f"a list of {IDEAL_DIMENSIONS} finite numbers in [-{ITEM_BOUND:g}, {ITEM_BOUND:g}]"
    disc: tuple[float, ...] | None = None
    if b is not MISSING:
        ok = isinstance(b, list) and len(b) == IDEAL_DIMENSIONS
        values = (
            [at.number("discrimination", v, -ITEM_BOUND, ITEM_BOUND, shown=b) for v in b]
            if ok
            else []
        )
        if not ok:
            at.bad("discrimination", b, allowed)
        elif all(v is not None for v in values):
            disc = tuple(float(v) for v in values if v is not None)
    c1 = at.number("cut_no", item.get("cut_no", MISSING), -ITEM_BOUND, ITEM_BOUND)
    c2 = at.number("cut_abstain", item.get("cut_abstain", MISSING), -ITEM_BOUND, ITEM_BOUND)
    if c1 is not None and c2 is not None and c2 < c1:
        at.bad("cut_abstain", c2, f"at least cut_no ({c1:g}): no < abstain < yes")
    source = at.source("item_source", item.get("item_source", MISSING))
    return {
        "reference": reference,
        "discrimination": disc,
        "cut_no": c1,
        "cut_abstain": c2,
        "item_source": source,
    }


def _targets(at: At, value: Any, iso3s: Collection[str] | None) -> tuple[str, ...]:
    """The states whose own conduct the text condemns (``targets``, ODD 7.8): a list of distinct
    ISO3 codes of the scenario's states (empty: the text targets no one)."""
    allowed = (
        "a list of distinct ISO3 codes of the scenario's states (the states the text condemns)"
    )
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        at.bad("targets", value, allowed)
        return ()
    if len(set(value)) != len(value):
        at.bad("targets", value, allowed)
        return ()
    if iso3s is not None:
        for v in value:
            if v not in iso3s:
                at.bad("targets", v, "an iso3 of the scenario's states: " + one_of(iso3s, v))
    return tuple(value)


def items_need_ideal_points(
    m: Merged, problems: Problems, resolutions: tuple[Resolution, ...], states: tuple[Any, ...]
) -> None:
    """A text with item parameters is voted on the states' ideal points: states.csv must have
    the columns ideal_1, ideal_2."""
    voted = [r.id for r in resolutions if r.has_item]
    if voted and states and all(s.ideal is None for s in states):
        assert m.states_csv is not None
        problems.add(
            m.states_csv,
            "line 1",
            "header",
            "ideal_1",
            "columns ideal_1, ideal_2: resolutions with item parameters are voted on the "
            "states' ideal points (" + ", ".join(voted) + ")",
        )


def _session(at: At, forum: str | None, value: Any) -> str | None:
    if forum == "general_assembly":
        if value is MISSING:
            at.bad("session", None, "required in the general_assembly: " + one_of(SESSIONS))
            return None
        return at.choice("session", value, SESSIONS)
    if forum == "security_council" and value is not MISSING and value != "":
        at.bad("session", value, "no session in the security_council (leave it out)")
    return None


def _positions(at: At, field: str, value: Any, dims: Collection[str]) -> dict[str, float] | None:
    if value is MISSING:
        return None
    if not isinstance(value, dict) or not value:
        at.bad(field, value, "a non-empty table { <dimension> = <position in [0, 1]>, ... }")
        return None
    out: dict[str, float] = {}
    ok = True
    for dim, position in value.items():
        if dim not in dims:
            at.bad(field, dim, "a dimension of the scenario: " + one_of(dims, dim))
            ok = False
            continue
        number = at.number(f"{field}.{dim}", position, 0.0, 1.0)
        if number is None:
            ok = False
        else:
            out[dim] = number
    return out if ok else None
