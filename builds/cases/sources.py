"""Copy what the case builds read from the shared raw data into ``scenarios/sources/cases/``.

Run ``python -m builds.cases.sources [--raw DIR] [--codes FILE]`` once (it needs the shared
data, which a clone does not have); the case builds then read only the copies, so
``python -m builds.cases.<case>`` reproduces a scenario byte for byte from the repository.
Every copy is a subset of a dated public source, values unchanged (see the folder's README):

- ``un_votes_cases.csv.gz``: General Assembly roll calls (Voeten, unvotes 1946-2019) dated in
  the ``WINDOW_MONTHS`` before each case's start month, with ISO3 codes;
- ``cow_nmc_cases.csv``: COW NMC v6 rows (military personnel, CINC) of each case's data year;
- ``atop_cases.csv.gz``: ATOP v5 dyad-years of each case's data year;
- ``country_codes.csv``: ISO2/ISO3/COW codes (countrycode's codelist, plus the historical UN
  members it lacks) and OWID world regions.

Nothing here reads an outcome (a test checks).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path

from builds.cases.registry import CASES, alliance_year, data_year, window

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "scenarios" / "sources" / "cases"
RAW = ROOT.parent / "shared" / "data" / "raw"  # shared/ beside the clone, as in CI
#: countrycode's codelist (vincentarelbundock/countrycode @284d6a2f7e49d826e10894227a05d4c857e21540
#: : dictionary/codelist_without_cldr.csv, 2026-04-17), exported with ``git show``
CODES = Path("/tmp/countrycode_codelist_without_cldr.csv")
OWID = ROOT / "scenarios" / "sources" / "ukraine-2025" / "raw" / "owid_sipri_milex_pct_gdp.csv"

#: UN members of the roll-call data that the codelist does not give an ISO3 for:
#: (unvotes name, unvotes code) -> (iso3, COW ccode, region)
HISTORICAL = {
    ("Czechoslovakia", "CS"): ("CSK", "315", "Europe"),
    ("German Democratic Republic", "DD"): ("DDR", "265", "Europe"),
    ("Federal Republic of Germany", ""): ("DEU", "260", "Europe"),
    ("Yugoslavia", "YU"): ("YUG", "345", "Europe"),
    ("Yemen Arab Republic", ""): ("YEM", "678", "Asia"),
    ("Yemen People's Republic", "YD"): ("YMD", "680", "Asia"),
    ("Taiwan", "TW"): ("TWN", "713", "Asia"),
}
#: codes of the codelist that differ for a historical UN member, and regions OWID lacks
REGION_EXTRA = {
    "TWN": "Asia",
    "PRK": "Asia",
    "CSK": "Europe",
    "DDR": "Europe",
    "YUG": "Europe",
    "XKX": "Europe",
}


def _codes(path: Path) -> dict[str, tuple[str, str]]:
    """iso2 -> (iso3, COW ccode) from countrycode's codelist."""
    out = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["iso2c"] and row["iso3c"]:
                out[row["iso2c"]] = (row["iso3c"], row["cown"])
    return out


def _regions() -> dict[str, str]:
    out = dict(REGION_EXTRA)
    with OWID.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Code"] and row["World region according to OWID"]:
                out.setdefault(row["Code"], row["World region according to OWID"])
    return out


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def extract(raw: Path = RAW, codes_path: Path = CODES, out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    codes = _codes(codes_path)
    regions = _regions()
    with gzip.open(raw / "unvotes" / "un_roll_calls_1946_2019.csv.gz", "rt") as f:
        dates = {r["rcid"]: r["date"] for r in csv.DictReader(f)}
    windows = {c.name: window(c) for c in CASES}
    iso_of: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    votes: list[list[str]] = []
    with gzip.open(raw / "unvotes" / "un_votes_1946_2019.csv.gz", "rt") as f:
        for r in csv.DictReader(f):
            key = (r["country"], r["country_code"])
            if key not in iso_of:
                if key in HISTORICAL:
                    iso_of[key] = (*HISTORICAL[key], r["country"])
                elif r["country_code"] in codes:
                    iso3, ccode = codes[r["country_code"]]
                    iso_of[key] = (iso3, ccode, regions.get(iso3, ""), r["country"])
                else:
                    iso_of[key] = ("", "", "", "")
            iso3 = iso_of[key][0]
            date = dates[r["rcid"]]
            for case, (lo, hi) in windows.items():
                if iso3 and lo <= date < hi:
                    votes.append([case, r["rcid"], date, iso3, r["vote"]])
    votes.sort()
    _write(out / "un_votes_cases.csv.gz", ["case", "rcid", "date", "iso3", "vote"], votes)
    years = {str(data_year(c)) for c in CASES}
    with (raw / "cow_nmc_v6_abridged.csv").open(encoding="utf-8") as f:
        nmc = [
            [r["ccode"], r["stateabb"], r["year"], r["milper"], r["cinc"]]
            for r in csv.DictReader(f)
            if r["year"] in years
        ]
    _write(out / "cow_nmc_cases.csv", ["ccode", "stateabb", "year", "milper", "cinc"], nmc)
    atop: list[list[str]] = []
    pact_years = {str(alliance_year(c)) for c in CASES}
    kinds = ("atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
    with gzip.open(raw / "alliances" / "atop_alliance_dyad_years.csv.gz", "rt") as f:
        for r in csv.DictReader(f):
            year = str(int(float(r["year"])))
            if year in pact_years:
                other = any(float(r[k]) > 0 for k in kinds)
                a, b = str(int(float(r["ccode1"]))), str(int(float(r["ccode2"])))
                atop.append([a, b, year, str(int(float(r["atop_defense"]))), str(int(other))])
    _write(out / "atop_cases.csv.gz", ["ccode1", "ccode2", "year", "defense", "other"], atop)
    rows = sorted({v for v in iso_of.values() if v[0]})
    table = [[iso3, ccode, region, name] for iso3, ccode, region, name in rows]
    _write(out / "country_codes.csv", ["iso3", "cow_ccode", "region", "name"], table)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--raw", type=Path, default=RAW)
    ap.add_argument("--codes", type=Path, default=CODES)
    args = ap.parse_args(argv)
    extract(args.raw, args.codes)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
