"""UN General Assembly roll calls 1946-2019 and 2022-2023 as one tidy table (ODD 7.8, inputs).

Reads the committed copies in ``scenarios/sources/un/`` (Voeten's roll calls from the ``unvotes``
R package, D5 in the shared SOURCES.md) and ``scenarios/sources/ukraine-2025/
un_votes_ukraine_2022_2023.csv`` (the A/RES/ES-11 roll calls, sources S1-S14).

One row per recorded vote: ``rcid, year, iso3, vote`` with the vote codes of
``agents.rules.votes`` (yes 0, no 1, abstain 2). An absent member has no row (absence is missing,
not a category). States are *series* keyed by the ISO3 code of the member that holds the seat
today; ``successor_states.csv`` documents every seat that changed hands (USSR -> RUS, SFRY/FRY ->
SRB, Czechoslovakia -> CZE, FRG -> DEU, Yemen Arab Republic -> YEM) and every series that ends
(DDR, YMD, TWN: the Republic of China's seat to 1971). ``regime_changes.csv`` lists the years in
which a series' random-walk prior is loosened (see ``builds.ideal_points``).

The 2022-2023 file records per state what its sources name: ``Y``, ``N``, ``A``, ``X`` (absent,
dropped), ``A_or_X`` (ES-11/5: abstained or absent, which one not obtained: kept as an abstention
conditional on voting, flagged ``confidence == derived_residual``) and ``unknown`` (dropped).
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from agents.rules.votes import VoteCode

ROOT = Path(__file__).resolve().parents[1]
UN_DIR = ROOT / "scenarios" / "sources" / "un"
ES11_FILE = ROOT / "scenarios" / "sources" / "ukraine-2025" / "un_votes_ukraine_2022_2023.csv"
VOTE_CODES = {"yes": VoteCode.YES, "no": VoteCode.NO, "abstain": VoteCode.ABSTAIN}
ES11_CODES = {
    "Y": VoteCode.YES,
    "N": VoteCode.NO,
    "A": VoteCode.ABSTAIN,
    "A_or_X": VoteCode.ABSTAIN,
}
#: rcids given to the emergency-session roll calls (Voeten's rcids end at 9147).
ES11_RCID = {
    "A/RES/ES-11/1": 10001,
    "A/RES/ES-11/4": 10004,
    "A/RES/ES-11/5": 10005,
    "A/RES/ES-11/6": 10006,
}
ES11_TITLE = {
    10001: "Aggression against Ukraine",
    10004: "Territorial integrity of Ukraine: defending the principles of the Charter",
    10005: "Furtherance of remedy and reparation for aggression against Ukraine",
    10006: "Principles of the Charter underlying a comprehensive, just and lasting peace in "
    "Ukraine",
}


@dataclass(frozen=True)
class RollCalls:
    """``votes``: rcid, year, iso3, vote, confidence. ``calls``: one row per roll call with
    rcid, date, year, session, unres, amend, para, short, descr, issue (semicolon-joined codes)."""

    votes: pd.DataFrame
    calls: pd.DataFrame


def series_map() -> dict[tuple[str, str], str]:
    """(ISO2 code as in the data, country name) -> series ISO3; '' drops the row."""
    out: dict[tuple[str, str], str] = {}
    with open(UN_DIR / "iso2_to_iso3.csv", newline="") as f:
        iso = {r["iso2"]: r["iso3"] for r in csv.DictReader(f)}
    with open(UN_DIR / "successor_states.csv", newline="") as f:
        special = {(r["code"], r["name_in_data"]): r["series"] for r in csv.DictReader(f)}
    for (code, name), series in special.items():
        out[(code, name)] = series
    for code, iso3 in iso.items():
        out.setdefault((code, ""), iso3)
    return out


def _series_for(codes: pd.Series, names: pd.Series) -> pd.Series:
    table = series_map()
    pairs = pd.DataFrame({"c": codes.fillna(""), "n": names})
    uniq = pairs.drop_duplicates()
    resolved = {}
    for c, n in zip(uniq["c"], uniq["n"], strict=True):
        key = (c, n) if (c, n) in table else (c, "")
        if key not in table:
            raise ValueError(
                f"un_votes: no ISO3 series for code {c!r} ({n}); add it to successor_states.csv"
            )
        resolved[(c, n)] = table[key]
    return pd.Series(
        [resolved[(c, n)] for c, n in zip(pairs["c"], pairs["n"], strict=True)], index=codes.index
    )


def _voeten() -> RollCalls:
    with gzip.open(UN_DIR / "un_votes_1946_2019.csv.gz", "rt") as f:
        raw = pd.read_csv(f, keep_default_na=False, dtype={"country_code": str})
    with gzip.open(UN_DIR / "un_roll_calls_1946_2019.csv.gz", "rt") as f:
        calls = pd.read_csv(f, keep_default_na=False, dtype=str)
    issues = pd.read_csv(UN_DIR / "un_roll_call_issues.csv", keep_default_na=False)
    calls["rcid"] = calls["rcid"].astype(int)
    calls["year"] = calls["date"].str[:4].astype(int)
    calls["session"] = pd.to_numeric(calls["session"]).astype(int)
    issue_by = issues.groupby("rcid")["short_name"].apply(lambda s: ";".join(sorted(set(s))))
    calls["issue"] = calls["rcid"].map(issue_by).fillna("")
    series = _series_for(raw["country_code"], raw["country"])
    votes = pd.DataFrame(
        {"rcid": raw["rcid"].astype(int), "iso3": series, "vote": raw["vote"].map(VOTE_CODES)}
    )
    votes = votes[votes["iso3"] != ""]
    votes["year"] = votes["rcid"].map(calls.set_index("rcid")["year"])
    votes["confidence"] = "recorded"
    cols = ["rcid", "date", "year", "session", "unres", "amend", "para", "short", "descr", "issue"]
    return RollCalls(votes=votes, calls=calls[cols])


def _es11() -> RollCalls:
    raw = pd.read_csv(ES11_FILE, keep_default_na=False)
    if (raw["date"] > "2023-12-31").any():
        raise ValueError(f"{ES11_FILE}: rows after 2023 are not inputs of the ideal points")
    kept = raw[raw["vote"].isin(list(ES11_CODES))]
    votes = pd.DataFrame(
        {
            "rcid": kept["resolution"].map(ES11_RCID).astype(int),
            "iso3": kept["iso3"],
            "vote": kept["vote"].map(ES11_CODES),
            "year": kept["date"].str[:4].astype(int),
            "confidence": kept["confidence"],
        }
    )
    first = raw.drop_duplicates("resolution")
    calls = pd.DataFrame(
        {
            "rcid": first["resolution"].map(ES11_RCID).astype(int),
            "date": first["date"],
            "year": first["date"].str[:4].astype(int),
            "session": 77,
            "unres": first["resolution"],
            "amend": "0",
            "para": "0",
        }
    )
    calls.loc[calls["unres"] == "A/RES/ES-11/1", "session"] = 76
    calls["short"] = calls["rcid"].map(ES11_TITLE)
    calls["descr"] = calls["short"]
    calls["issue"] = ""
    return RollCalls(votes=votes, calls=calls)


def load_roll_calls(*, include_es11: bool = True) -> RollCalls:
    """Every roll call 1946-2019 (and ES-11/1, 4, 5, 6 of 2022-2023), sorted by rcid and iso3."""
    parts = [_voeten()] + ([_es11()] if include_es11 else [])
    votes = pd.concat([p.votes for p in parts], ignore_index=True)
    calls = pd.concat([p.calls for p in parts], ignore_index=True)
    votes = votes.drop_duplicates(["rcid", "iso3"], keep="first")
    votes = votes.sort_values(["rcid", "iso3"], kind="stable").reset_index(drop=True)
    votes["vote"] = votes["vote"].astype(np.int64)
    calls = calls.sort_values("rcid", kind="stable").reset_index(drop=True)
    return RollCalls(votes=votes, calls=calls)


def normalized_title(text: str) -> str:
    """Title used to find a roll call's earlier versions: lower case, letters and digits only,
    without the catalogue suffix ' : resolution / adopted by the General Assembly' (2018-2019)."""
    text = text.split(" : resolution /")[0]
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


if __name__ == "__main__":
    rc = load_roll_calls()
    print(
        f"{len(rc.votes):,} votes, {len(rc.calls):,} roll calls, "
        f"{rc.votes['iso3'].nunique()} series, years {rc.votes['year'].min()}-"
        f"{rc.votes['year'].max()}"
    )
