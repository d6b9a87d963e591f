"""The shared data a case build reads, from ``scenarios/sources/cases/`` only (ODD 6).

Roll calls, COW NMC capabilities, ATOP alliances and country codes, as copied there by
``builds.cases.sources``; each case's ideal points and window items, as fitted there by
``builds.cases.ideal_points``. Never the outcomes table: a test checks.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "scenarios" / "sources" / "cases"
#: each case's ideal points and window items (``builds.cases.ideal_points``)
IDEAL_POSITIONS, IDEAL_ITEMS = "ideal_points_cases.csv", "ideal_point_items_cases.csv"
#: the only files a case build reads
INPUT_FILES = (
    "un_votes_cases.csv.gz",
    "cow_nmc_cases.csv",
    "atop_cases.csv.gz",
    "country_codes.csv",
    IDEAL_POSITIONS,
    IDEAL_ITEMS,
)


def _rows(name: str) -> list[dict[str, str]]:
    assert name in INPUT_FILES, name
    data = (SOURCES / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@dataclass(frozen=True)
class Country:
    iso3: str
    region: str
    ccodes: tuple[str, ...]
    names: tuple[str, ...]  # the roll-call data's name under each COW code

    def name(self, ccode: str | None) -> str:
        return self.names[self.ccodes.index(ccode)] if ccode in self.ccodes else self.names[-1]


@dataclass(frozen=True)
class SharedData:
    #: case -> rcid -> iso3 -> vote ("yes", "no", "abstain")
    votes: dict[str, dict[str, dict[str, str]]]
    #: case -> rcid -> date
    dates: dict[str, dict[str, str]]
    #: (ccode, year) -> (milper in thousands, CINC)
    nmc: dict[tuple[str, int], tuple[float, float]]
    #: year -> {(ccode, ccode): (defence pact, other pact)}
    atop: dict[int, dict[tuple[str, str], tuple[bool, bool]]]
    countries: dict[str, Country]
    #: case -> iso3 -> (dim1, dim2): the position of the series' last year in the case's own fit
    ideal: dict[str, dict[str, tuple[float, float]]]
    #: case -> rcid -> (b1, b2, c1, c2): the window roll calls' items in the case's own fit
    items: dict[str, dict[str, tuple[float, float, float, float]]]

    def ccode(self, iso3: str, year: int) -> str | None:
        """The COW code of a state in a year: the one with a COW NMC record then, if any."""
        country = self.countries.get(iso3)
        if country is None:
            return None
        for code in country.ccodes:
            if (code, year) in self.nmc:
                return code
        return country.ccodes[0]


@cache
def shared() -> SharedData:
    votes: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    dates: dict[str, dict[str, str]] = defaultdict(dict)
    text = gzip.decompress((SOURCES / INPUT_FILES[0]).read_bytes()).decode("utf-8")
    for line in text.splitlines()[1:]:  # case,rcid,date,iso3,vote: no quoted fields
        case, rcid, date, iso3, vote = line.split(",")
        votes[case][rcid][iso3] = vote
        dates[case][rcid] = date
    nmc = {
        (r["ccode"], int(r["year"])): (float(r["milper"]), float(r["cinc"]))
        for r in _rows("cow_nmc_cases.csv")
    }
    atop: dict[int, dict[tuple[str, str], tuple[bool, bool]]] = defaultdict(dict)
    for r in _rows("atop_cases.csv.gz"):
        pair = tuple(sorted((r["ccode1"], r["ccode2"])))
        atop[int(r["year"])][(pair[0], pair[1])] = (r["defense"] == "1", r["other"] == "1")
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in _rows("country_codes.csv"):
        grouped[r["iso3"]].append(r)
    countries = {
        iso3: Country(
            iso3,
            rows[0]["region"],
            tuple(r["cow_ccode"] for r in rows),
            tuple(r["name"] for r in rows),
        )
        for iso3, rows in grouped.items()
    }
    ideal: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for r in _rows(IDEAL_POSITIONS):
        ideal[r["case"]][r["iso3"]] = (float(r["dim1"]), float(r["dim2"]))
    items: dict[str, dict[str, tuple[float, float, float, float]]] = defaultdict(dict)
    for r in _rows(IDEAL_ITEMS):
        items[r["case"]][r["rcid"]] = (
            float(r["b1"]),
            float(r["b2"]),
            float(r["c1"]),
            float(r["c2"]),
        )
    return SharedData(
        {k: {rc: dict(v) for rc, v in d.items()} for k, d in votes.items()},
        dict(dates),
        nmc,
        dict(atop),
        countries,
        dict(ideal),
        dict(items),
    )
