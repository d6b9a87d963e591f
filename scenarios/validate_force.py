"""Checking force.csv, the force candidates' attributes (ODD 6, Input data; ODD 7.2).

One row per force candidate (``force_candidate = true`` in states.csv): its record in comparable
past operations (share, 0-1), military personnel (thousands), whether it is in Europe, whether
its parliament must approve a deployment beforehand, its public statement on sending troops
(-1 ruled out ... 1 offered) and whether that pledge is conditional on the guarantor's backstop.
The file is optional; without it every candidate has no record, no personnel, no statement.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from scenarios.checks import At, parse_csv_number
from scenarios.errors import Problems, one_of
from scenarios.readers import read_csv
from scenarios.schema import ForceRow

FORCE_COLUMNS = (
    "iso3",
    "record",
    "milper",
    "in_europe",
    "prior_approval",
    "statement",
    "conditional_on_backstop",
    "source",
)
BOOLEANS = ("in_europe", "prior_approval", "conditional_on_backstop")


def force_rows(
    path: Path | None, problems: Problems, candidates: Collection[str] | None
) -> tuple[ForceRow, ...]:
    """The valid rows of force.csv (empty when the scenario has none); a problem for each bad
    cell, each row that is not a force candidate, each repeated and each missing candidate."""
    if path is None or not path.exists():
        return ()
    table = read_csv(path, problems, list(FORCE_COLUMNS))
    if table is None:
        return ()
    out: list[ForceRow] = []
    seen: set[str] = set()
    for line, row in table.rows:
        count = len(problems)
        at = At(problems, path, f"line {line}" + (f" ({row['iso3']})" if row["iso3"] else ""))
        iso3 = row["iso3"]
        if candidates is not None and iso3 not in candidates:
            at.bad("iso3", iso3, "a force candidate of states.csv: " + one_of(candidates, iso3))
        elif iso3 in seen:
            at.bad("iso3", iso3, "unique: each candidate once")
        seen.add(iso3)
        cells: dict[str, Any] = {"iso3": iso3}
        cells["record"] = parse_csv_number(at, "record", row["record"], 0.0, 1.0)
        cells["milper"] = parse_csv_number(at, "milper", row["milper"], 0.0)
        cells["statement"] = parse_csv_number(at, "statement", row["statement"], -1.0, 1.0)
        for name in BOOLEANS:
            if row[name] not in ("true", "false"):
                at.bad(name, row[name], "true or false")
            cells[name] = row[name] == "true"
        if not row["source"]:
            at.bad("source", row["source"], "a non-empty citation, or 'ASSUMPTION: <reason>'")
        cells["source"] = row["source"]
        if len(problems) == count:
            out.append(ForceRow.model_validate(cells))
    for iso3 in sorted(set(candidates or ()) - seen):
        problems.add(path, "-", "iso3", iso3, "a row for every force candidate (this one has none)")
    return tuple(out)
