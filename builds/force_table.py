"""The force candidates' table of ukraine-2025 (force.csv) and their deployable capacity, from
copies of data in scenarios/sources/ (ODD 7.2; docs/ukraine-2025.md, "The force").

- record: the share of the seven comparable operations in scenarios/sources/force_history/
  (IFOR 1995, SFOR 1996, KFOR 1999, EUFOR 2004, UNIFIL 2006, ISAF 2010, eFP 2017; all before
  2025) the state contributed to;
- milper: military personnel, thousands (CoW NMC v6, 2016: capabilities.csv);
- in_europe: a Correlates of War code in 200-399 (force_history/cow_iso3.csv);
- prior_approval, statement, conditional_on_backstop: force_attributes.csv (statements dated up
  to the scenario's start, 24 Feb 2025);
- troop_capacity (states.csv): DEPLOYABLE_SHARE of milper, rounded to 100.
"""

from __future__ import annotations

import csv
from pathlib import Path

#: NATO's Istanbul usability target (28 Jun 2004): 8% of land forces deployed or on operations
#: at any one time (AFPS, "Istanbul Summit Marks Milestones for NATO", 2004-06-28,
#: https://www.globalsecurity.org/military/library/news/2004/06/mil-040628-afps03.htm). Applied
#: to all military personnel it is an upper bound on a sustained deployment.
DEPLOYABLE_SHARE = 0.08
CAPACITY_SOURCE = (
    "troop_capacity = 8% (NATO Istanbul usability target, AFPS 2004-06-28) of military personnel"
)
EUROPE = (200, 399)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def records(history: Path) -> dict[str, tuple[float, str]]:
    """Per state: the share of the operations it contributed to, and which ones."""
    ops = [r["operation"] for r in _rows(history / "operations.csv")]
    came: dict[str, list[str]] = {}
    for r in _rows(history / "contributions.csv"):
        came.setdefault(r["iso3"], []).append(r["operation"])
    return {iso3: (len(set(o)) / len(ops), ";".join(sorted(set(o)))) for iso3, o in came.items()}


def force_table(src: Path, history: Path) -> tuple[list[dict[str, str]], dict[str, int]]:
    """The rows of force.csv and each candidate's troop capacity."""
    milper = {
        r["iso3"]: r["cow_nmc_milper_2016_thousands"] for r in _rows(src / "capabilities.csv")
    }
    ccode = {r["iso3"]: int(r["ccode"]) for r in _rows(history / "cow_iso3.csv")}
    record = records(history)
    rows, capacity = [], {}
    for a in _rows(src / "force_attributes.csv"):
        iso3 = a["iso3"]
        share, ops = record.get(iso3, (0.0, ""))
        m = float(milper[iso3])
        capacity[iso3] = int(round(DEPLOYABLE_SHARE * m * 1000.0, -2))
        europe = EUROPE[0] <= ccode[iso3] <= EUROPE[1]
        rows.append(
            {
                "iso3": iso3,
                "record": f"{share:.4f}",
                "milper": f"{m:g}",
                "in_europe": "true" if europe else "false",
                "prior_approval": "true" if a["prior_approval"] == "1" else "false",
                "statement": a["statement"],
                "conditional_on_backstop": "true"
                if a["conditional_on_backstop"] == "1"
                else "false",
                "source": (
                    f"record: {ops or 'none'} of 7 operations (force_history/contributions.csv); "
                    f"milper: CoW NMC 2016 (D4, capabilities.csv); in_europe: CoW code "
                    f"{ccode[iso3]}; {a['source']}"
                ),
            }
        )
    return rows, capacity
