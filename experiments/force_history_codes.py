"""Writes scenarios/sources/force_history/cow_iso3.csv: Correlates of War state codes to ISO 3166
alpha-3, for the states in the CoW NMC file from 1994 on (the historical force model's universe).

    .venv/bin/python experiments/force_history_codes.py   (needs country_converter 1.3.2)

The Gleditsch-Ward numeric code (in country_converter) equals the CoW code for these years except
for the states fixed by hand below.
"""

from __future__ import annotations

import country_converter as coco
import pandas as pd
from common import ROOT

OUT = ROOT / "scenarios" / "sources" / "force_history" / "cow_iso3.csv"
BY_HAND = {  # CoW codes that Gleditsch-Ward numbers differently (or country_converter lacks)
    255: "DEU",
    316: "CZE",
    345: "SRB",
    347: "XKX",
    679: "YEM",
    816: "VNM",
    946: "KIR",
    947: "TUV",
    955: "TON",
    970: "NRU",
}


def nmc_path() -> str:
    """The shared NMC file (the worktree and the main checkout sit at different depths)."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "data" / "raw" / "cow_nmc_v6_abridged.csv"
        if candidate.exists():
            return str(candidate)
    raise FileNotFoundError("shared/data/raw/cow_nmc_v6_abridged.csv")


def main() -> None:
    nmc = pd.read_csv(nmc_path())
    states = nmc[nmc["year"] >= 1994][["ccode", "stateabb"]].drop_duplicates("ccode")
    table = coco.CountryConverter().data[["GWcode", "ISO3"]].dropna()
    gw = {int(g): str(iso) for g, iso in zip(table["GWcode"], table["ISO3"], strict=True)}
    rows = []
    for ccode, abb in sorted(zip(states["ccode"], states["stateabb"], strict=True)):
        iso = BY_HAND.get(int(ccode), gw.get(int(ccode)))
        if iso is None:
            raise ValueError(f"no ISO3 for CoW {ccode} {abb}")
        rows.append({"ccode": int(ccode), "stateabb": abb, "iso3": iso})
    pd.DataFrame(rows).to_csv(OUT, index=False, lineterminator="\n")
    print(len(rows), "states ->", OUT)


if __name__ == "__main__":
    main()
