"""Ideal points for the historical cases, each case fitted only on what was voted before its start
(ODD 5, Initialisation; issue 12).

The dynamic fit of ``builds.ideal_points`` ties a state's position in a year to its later votes
(a random walk smoothed both ways), so a case cannot read the positions fitted for ukraine-2025:
they would carry what the states did after the case began. For each case the same model (two
dimensions, the same priors and the same seeded subsample of roll calls) is fitted on the roll
calls dated before the case's start month, with every roll call of the case's window kept so
that each has its own item parameters. The 2022-2023 emergency-session votes are never read (every
case starts before 2021).

``python -m builds.cases.ideal_points`` writes, to ``scenarios/sources/cases/``:

- ``ideal_points_cases.csv``: case, iso3, year, dim1, dim2 (each series' position in its last
  fitted year, i.e. the start year or the year before);
- ``ideal_point_items_cases.csv``: case, rcid, b1, b2, c1, c2 (the window's roll calls).

Both rounded to 4 decimals and byte-reproducible; the case builds read them and nothing else of
the fits (``builds.cases.common.alignment``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import time
from pathlib import Path

import pandas as pd

from builds.cases.data import IDEAL_ITEMS, IDEAL_POSITIONS, SOURCES, shared
from builds.cases.registry import CASES, window
from builds.cases.sources import HISTORICAL
from builds.cases.spec import CaseSpec
from builds.ideal_points import K, build_design, fit, item_table, subsample, training_data
from builds.un_roll_calls import RollCalls, load_roll_calls, series_map

POSITIONS, ITEMS = IDEAL_POSITIONS, IDEAL_ITEMS


def last_day_before(spec: CaseSpec) -> str:
    """The last day before the case's start month (ISO date)."""
    first_of_month = dt.date.fromisoformat(f"{spec.start}-01")
    return (first_of_month - dt.timedelta(days=1)).isoformat()


def case_training_data(rc: RollCalls, spec: CaseSpec) -> RollCalls:
    """The roll calls a case's fit reads: the seeded subsample of every roll call dated before
    the start, plus every roll call of the case's window."""
    first, _ = window(spec)
    return training_data(subsample(rc, keep_from=first), last_date=last_day_before(spec))


def historical_codes() -> dict[str, str]:
    """Fit series -> the case data's code, for the historical seats the two code differently:
    the case data (``builds.cases.sources.HISTORICAL``) keep Czechoslovakia as CSK and every
    Yugoslav seat as YUG, the fit's series (``scenarios/sources/un/successor_states.csv``)
    continue them as CZE and SRB."""
    table = series_map()
    out = {}
    for (name, code), (iso3, _, _) in HISTORICAL.items():
        series = table.get((code, name), table.get((code, "")))
        if series and series != iso3:
            out[series] = iso3
    return out


def fit_case(rc: RollCalls, spec: CaseSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(positions: iso3, year, dim1, dim2 of each series' last fitted year, under the case
    data's codes; items: rcid, b1, b2, c1, c2 of the window's roll calls), rounded to 4
    decimals. A series is renamed to its historical code (:func:`historical_codes`) when the
    case's roll calls carry that code and not the series'; when they carry both, the historical
    code gets the series' position of the last year it voted."""
    train = case_training_data(rc, spec)
    ft = fit(build_design(train), k=K)
    every = ft.positions().sort_values(["iso3", "year"])
    pos = every.groupby("iso3", as_index=False).last()
    data = shared()
    voting = {iso3 for votes in data.votes[spec.name].values() for iso3 in votes}
    for series, code in historical_codes().items():
        if code not in voting:
            continue
        if series not in voting:  # the seat votes only under its historical code
            pos["iso3"] = pos["iso3"].replace({series: code})
            continue
        # both codes vote in the window (Czechoslovakia, then Czechia): the historical seat
        # takes the series' position of the last year it voted under its own code
        last = max(
            int(data.dates[spec.name][rc][:4])
            for rc, votes in data.votes[spec.name].items()
            if code in votes
        )
        row = every[(every["iso3"] == series) & (every["year"] <= last)].iloc[[-1]]
        pos = pd.concat([pos, row.assign(iso3=code)], ignore_index=True)
    pos = pos.sort_values("iso3", kind="stable")
    first, _ = window(spec)
    in_window = train.calls.loc[train.calls["date"] >= first, "rcid"].astype(int)
    items = item_table(ft, sorted(in_window))[["rcid", "b1", "b2", "c1", "c2"]]
    return pos[["iso3", "year", "dim1", "dim2"]].round(4), items.round(4)


def _csv(frames: list[pd.DataFrame]) -> str:
    buf = io.StringIO()
    pd.concat(frames, ignore_index=True).to_csv(
        buf, index=False, lineterminator="\n", float_format="%.4f", quoting=csv.QUOTE_MINIMAL
    )
    return buf.getvalue()


def fit_all(cases: tuple[CaseSpec, ...] = CASES) -> tuple[str, str]:
    """The two files' text for ``cases``."""
    rc = load_roll_calls(include_es11=False)
    positions, items = [], []
    for spec in cases:
        t0 = time.process_time()
        pos, it = fit_case(rc, spec)
        positions.append(pos.assign(case=spec.name)[["case", "iso3", "year", "dim1", "dim2"]])
        items.append(it.assign(case=spec.name)[["case", "rcid", "b1", "b2", "c1", "c2"]])
        print(
            f"{spec.name}: {len(pos)} series, {len(it)} window roll calls, "
            f"{time.process_time() - t0:.0f} s CPU",
            file=sys.stderr,
        )
    return _csv(positions), _csv(items)


def main(out: Path = SOURCES) -> None:
    positions, items = fit_all()
    (out / POSITIONS).write_text(positions, encoding="utf-8")
    (out / ITEMS).write_text(items, encoding="utf-8")
    print(f"wrote {out / POSITIONS} and {out / ITEMS}")


if __name__ == "__main__":
    main()
