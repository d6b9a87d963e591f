"""Writing a Scenario back to files, and its canonical content hash (ODD 6, Input data).

``write_scenario`` produces a full (non-variant) scenario directory that loads back to the same
content; ``content_hash`` is the sha256 of the canonical JSON of that content.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenarios.validate_force import FORCE_COLUMNS
from scenarios.validate_params import catalogue_entry
from scenarios.validate_tables import IDEAL_COLUMNS, PATRON_COLUMNS, STATE_COLUMNS, TIE_COLUMNS

if TYPE_CHECKING:
    from scenarios.schema import Parameter, Scenario

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def canonical(s: Scenario) -> dict[str, Any]:
    """The scenario's content as plain data (without path, based_on and change records).

    The case fields (guarantors, mission, un, sides, actor status) appear only when set, so a
    scenario that does not use them keeps the hash it had before they existed. ``behaviour``
    (where shared parameters came from) is, like ``based_on``, provenance: the parameters
    themselves are in the content, and a written scenario carries them inline.
    """
    return _case_fields(s) | {
        "name": s.name,
        "description": s.description,
        "start": s.start,
        "time_step": s.time_step,
        "dimensions": [d.model_dump() for d in s.dimensions],
        "parameters": {n: p.model_dump(mode="json") for n, p in s.parameters.items()},
        "roles": s.roles.model_dump(mode="json", exclude=_empty(s.roles, _SIDES)),
        "events": [e.model_dump(mode="json") for e in s.events],
        "resolutions": [
            {
                **r.model_dump(mode="json", exclude={"text", "status_quo", *_unset_item(r)}),
                "text": dict(r.text),
                "status_quo": dict(r.status_quo),
            }
            for r in s.resolutions
        ],
        "states": [row.model_dump(mode="json", exclude=_member(row)) for row in s.states],
        "ties": [t.model_dump(mode="json") for t in s.ties],
        **({"force": [row.model_dump(mode="json") for row in s.force]} if s.force else {}),
    }


_SIDES = ("victim_side", "aggressor_side")


def _empty(model: Any, names: tuple[str, ...]) -> set[str]:
    return {n for n in names if not getattr(model, n)}


def _member(row: Any) -> set[str]:
    """Optional state fields left out when unset (a scenario without them keeps its hash)."""
    out = {"status"} if row.status == "un_member" else set()
    optional = ("ideal", "veto_cost", "veto_cost_targeted", "targeted_no_share")
    return out | {k for k in optional if getattr(row, k) is None}


_ITEM = ("reference", "discrimination", "cut_no", "cut_abstain", "item_source")


def _unset_item(r: Any) -> set[str]:
    """Item fields left out when unset, and ``targets`` when empty (hashes stay as they were)."""
    return {k for k in _ITEM if getattr(r, k) is None} | ({"targets"} if not r.targets else set())


def _case_fields(s: Scenario) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if s.guarantors:
        out["guarantors"] = [g.model_dump(mode="json") for g in s.guarantors]
    if s.mission is not None:
        out["mission"] = s.mission.model_dump(mode="json")
    if s.un is not None:
        out["un"] = s.un.model_dump(mode="json")
    return out


def content_hash(s: Scenario) -> str:
    text = json.dumps(canonical(s), sort_keys=True, ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def toml_value(value: Any) -> str:
    """A TOML literal for a bool, number, string, list or (inline) table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_key(key: str) -> str:
    return key if BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _table(header: str, fields: dict[str, Any]) -> list[str]:
    lines = ["", header]
    lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in fields.items() if v is not None]
    return lines


def _parameter(p: Parameter) -> dict[str, Any]:
    entry = catalogue_entry(p.name)
    value: float | int | None = p.value
    if value is not None and entry is not None and entry.integer:
        value = int(value)
    dist = None
    if p.distribution is not None:
        dist = {k: v for k, v in p.distribution.model_dump().items() if v is not None}
    return {
        "value": value,
        "distribution": dist,
        "fact": True if p.fact else None,
        "unit": p.unit,
        "range": list(p.range),
        "source": p.source,
        "description": p.description,
    }


def scenario_toml(s: Scenario) -> str:
    lines = [
        f"{k} = {toml_value(getattr(s, k))}" for k in ("name", "description", "start", "time_step")
    ]
    for d in s.dimensions:
        lines += _table("[[dimensions]]", d.model_dump())
    for name, p in s.parameters.items():
        lines += _table(f"[parameters.{toml_key(name)}]", _parameter(p))
    lines += _table("[roles]", s.roles.model_dump(exclude=_empty(s.roles, _SIDES)))
    for g in s.guarantors:
        lines += _table("[[guarantors]]", g.model_dump())
    if s.mission is not None:
        lines += _table("[mission]", s.mission.model_dump())
    if s.un is not None:
        lines += _table("[un]", s.un.model_dump())
    for e in s.events:
        lines += _table("[[events]]", e.model_dump())
    for r in s.resolutions:
        fields = r.model_dump(exclude={"text", "status_quo", *({"targets"} - _unset_item(r))})
        if r.targets:
            fields["targets"] = list(r.targets)
        if fields.get("discrimination") is not None:
            fields["discrimination"] = list(fields["discrimination"])
        fields.update(text=dict(r.text), status_quo=dict(r.status_quo), amends=r.amends or "")
        lines += _table("[[resolutions]]", fields)
    return "\n".join(lines) + "\n"


def write_scenario(s: Scenario, directory: Path) -> Path:
    """Write scenario.toml, states.csv, ties.csv (and force.csv when the scenario has one) into
    ``directory`` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "scenario.toml").write_text(scenario_toml(s), encoding="utf-8")
    dims = s.dimension_names
    columns = [*STATE_COLUMNS[:3], *(f"pos_{d}" for d in dims), *(f"sal_{d}" for d in dims)]
    columns += STATE_COLUMNS[3:]
    if any(row.status != "un_member" for row in s.states):
        columns.append("status")
    if any(row.ideal is not None for row in s.states):
        columns += list(IDEAL_COLUMNS)
    if any(row.veto_cost is not None for row in s.states):
        columns.append("veto_cost")
    if any(row.veto_cost_targeted is not None for row in s.states):
        columns.append("veto_cost_targeted")
    if any(row.targeted_no_share is not None for row in s.states):
        columns.append("targeted_no_share")
    if any(row.reference_votes for row in s.states):
        columns.append("reference_votes")
    if any(row.patron for row in s.states):
        columns += list(PATRON_COLUMNS)
    with (directory / "states.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        for row in s.states:
            cells: dict[str, Any] = row.model_dump()
            cells.update({f"pos_{d}": x for d, x in zip(dims, row.position, strict=True)})
            cells.update({f"sal_{d}": x for d, x in zip(dims, row.salience, strict=True)})
            ideal = row.ideal if row.ideal is not None else ("",) * len(IDEAL_COLUMNS)
            cells.update(dict(zip(IDEAL_COLUMNS, ideal, strict=True)))
            cells.update(veto_cost="" if row.veto_cost is None else row.veto_cost)
            cells.update(reference_votes=";".join(f"{c}={v}" for c, v in row.reference_votes))
            if row.patron:
                cells.update(
                    patron=row.patron,
                    patron_compact=int(row.patron_compact),
                    patron_defence_pact=int(row.patron_defence_pact),
                )
            else:
                cells.update({c: "" for c in PATRON_COLUMNS})
            cells.update(
                targeted_no_share="" if row.targeted_no_share is None else row.targeted_no_share
            )
            cells.update(
                veto_cost_targeted="" if row.veto_cost_targeted is None else row.veto_cost_targeted
            )
            cells.update(
                memberships=";".join(row.memberships),
                force_candidate="true" if row.force_candidate else "false",
                sc_seat=row.sc_seat or "",
            )
            writer.writerow([_cell(cells[c]) for c in columns])
    with (directory / "ties.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(TIE_COLUMNS)
        for t in s.ties:
            writer.writerow([t.a, t.b, repr(t.weight), t.kind, t.source])
    if s.force:
        with (directory / "force.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(FORCE_COLUMNS)
            for r in s.force:
                cells = r.model_dump()
                writer.writerow([_force_cell(cells[c]) for c in FORCE_COLUMNS])
    return directory


def _force_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _cell(value)


def _cell(value: Any) -> str:
    return repr(value) if isinstance(value, float) else str(value)
