"""Build ``scenarios/builtin/ukraine-2025/{states,ties,force}.csv`` from the sourced inputs.

Run ``python -m builds.ukraine_2025 [--out DIR]``. Pure stdlib + pandas, deterministic:
the same inputs give the same bytes (rows sorted by iso3 / pair, floats written with fixed
decimals, ``\\n`` line endings). Every rule is documented in ``docs/ukraine-2025.md``.

Inputs (all under ``scenarios/sources/ukraine-2025/``):

- ``un_votes_ukraine_2022_2023.csv``: roll calls of A/RES/ES-11/1, 4, 5, 6 (2022-2023). The build
  refuses any row dated after 2023: the 2025 votes are what the model is judged on.
- ``raw/owid_sipri_milex_pct_gdp.csv`` (D3), ``raw/wb_gdp_datasets-gdp.csv`` (D1),
  ``raw/cow_nmc_v6_abridged.csv`` (D4): unmodified copies; capability and OWID regions.
- hand-written, sourced per row: ``memberships.csv``, ``key_actors.csv``,
  ``force_attributes.csv`` (statements dated up to 24 Feb 2025 only), ``borders.csv``,
  ``regions_supplement.csv``, ``cow_codes.csv``, ``capability_assumptions.csv``.
- ``capabilities.csv`` (military personnel) and ``scenarios/sources/force_history/`` (who
  contributed to seven operations, 1995-2017): the force table, ``builds/force_table.py``.

Positions of the states that are not hand-set: ``builds/ideal_positions.py`` from
``../un/ideal_points.csv``, ``../un/ideal_point_items.csv``, ``../un/dimension_votes_2014_2019.csv``
(a row subset of the 1946-2019 roll calls), ``../un/atop_defence_pacts_usa_rus_chn_2010_2018.csv``
with ``../un/cow_to_iso3.csv`` and ``../un/atop_pact_corrections.csv``, and
``../un/rome_statute_status_2024.csv`` (accountability).

``un_vote_totals.csv`` (which holds 2025 totals) is copied for reference but never read.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from builds.force_table import CAPACITY_SOURCE, force_table
from builds.ideal_positions import (
    DIMENSION_VOTES,
    ROME_STATUTE,
    SPLIT_VOTES,
    court_component,
    ideal_scores,
    last_positions,
    pact_component,
)
from builds.patrons import patron_covariates
from scenarios.validate_force import FORCE_COLUMNS
from scenarios.validate_tables import IDEAL_COLUMNS, PATRON_COLUMNS
from scenarios.validate_tables import STATE_COLUMNS as BASE_COLUMNS

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
SOURCES = SCENARIOS / "sources" / "ukraine-2025"
OUT = SCENARIOS / "builtin" / "ukraine-2025"


DIMENSIONS = ("territory", "alignment", "foreign_forces", "sanctions", "accountability")

#: the only files the build reads (the test checks none of them holds a 2025 per-state vote)
INPUT_FILES = (
    "un_votes_ukraine_2022_2023.csv",
    "raw/owid_sipri_milex_pct_gdp.csv",
    "raw/wb_gdp_datasets-gdp.csv",
    "raw/cow_nmc_v6_abridged.csv",
    "memberships.csv",
    "key_actors.csv",
    "force_attributes.csv",
    "capabilities.csv",
    "borders.csv",
    "regions_supplement.csv",
    "cow_codes.csv",
    "capability_assumptions.csv",
    "../un/ideal_points.csv",
    "../un/ideal_point_items.csv",
    "../un/veto_costs.csv",
    f"../un/{DIMENSION_VOTES}",
    "../un/atop_defence_pacts_usa_rus_chn_2010_2018.csv",
    "../un/cow_to_iso3.csv",
    "../un/atop_pact_corrections.csv",
    f"../un/{ROME_STATUTE}",
    f"../un/{SPLIT_VOTES}",
)

LAST_VOTE_DATE = "2023-12-31"
SIPRI_LAST_YEAR = 2024

# --- votes -> positions ------------------------------------------------------------------
#: Y = for Ukraine's text (0), A = abstain (0.5), N = against (1); X / unknown are skipped
VOTE_VALUE = {"Y": 0.0, "A": 0.5, "N": 1.0, "A_or_X": 0.5}
#: confidence weight of a row: derived_residual rows ("abstained or absent") count half
CONF_WEIGHT = {
    "complete_list": 1.0,
    "partial_list": 1.0,
    "named_in_source": 1.0,
    "derived_residual": 0.5,
    "derived": 0.5,
}
REPARATIONS = "A/RES/ES-11/5"
#: position on each dimension for vote score 0 (always with Ukraine) and 1 (always against)
POS_LOW = {
    "territory": 0.15,
    "alignment": 0.35,
    "foreign_forces": 0.45,
    "sanctions": 0.55,
    "accountability": 0.25,
}
POS_HIGH = {
    "territory": 0.95,
    "alignment": 0.95,
    "foreign_forces": 0.95,
    "sanctions": 0.95,
    "accountability": 0.95,
}
#: EU/NATO members are pulled half way to this anchor (common positions of the two blocs)
WEST_ANCHOR = {
    "territory": 0.10,
    "alignment": 0.20,
    "foreign_forces": 0.30,
    "sanctions": 0.10,
    "accountability": 0.15,
}
WEST_PULL = 0.5
#: states that sanction Russia (Russia's "unfriendly" list): sanctions = 0.10 + 0.80 * score
SANCTIONS_LOW, SANCTIONS_SPAN = 0.10, 0.80

# --- salience ----------------------------------------------------------------------------
SAL_REGION = {"Europe": 0.60}
SAL_OTHER_REGION = 0.30
SAL_EU_NATO = 0.15
SAL_BORDER = 0.15
SAL_DIM_FACTOR = {
    "territory": 1.0,
    "alignment": 0.9,
    "foreign_forces": 0.9,
    "sanctions": 0.9,
    "accountability": 0.8,
}
SAL_SANCTIONER = 0.10  # added on sanctions for states that sanction Russia

# --- stubbornness, absence, exposure -----------------------------------------------------
STUB_BASE, STUB_SPAN = 0.30, 0.40  # lambda = 0.30 + 0.40 * |2 g - 1|
P_ABSENT_PRIOR_STRENGTH = 4.0
P_ABSENT_BOUNDS = (0.02, 0.50)
EXPOSURE_BORDER, EXPOSURE_EUROPE, EXPOSURE_OTHER = 0.80, 0.50, 0.20
EXPOSURE_VICTIM, EXPOSURE_AGGRESSOR = 1.0, 0.0
MIN_SHARE_OF_GDP = 0.001  # last-resort capability assumption: 0.1% of GDP

VICTIM, AGGRESSOR, GUARANTOR = "UKR", "RUS", "USA"
BELLIGERENTS = ("UKR", "RUS")
AGGRESSOR_SIDE = ("RUS", "BLR")  # land borders with these make a state highly exposed
SC_PERMANENT = ("USA", "RUS", "CHN", "GBR", "FRA")
SC_ELECTED_2025 = ("DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM")

# --- ties --------------------------------------------------------------------------------
#: tag -> (kind, weight); tags not listed here (RU_UNFRIENDLY) make no ties
TIE_KINDS: dict[str, tuple[str, float]] = {
    "NATO": ("alliance", 0.6),
    "CSTO": ("alliance", 0.5),
    "EU": ("bloc", 0.6),
    "G7": ("bloc", 0.4),
    "GCC": ("bloc", 0.4),
    "BRICS": ("bloc", 0.3),
    "SCO": ("bloc", 0.3),
    "CIS": ("bloc", 0.2),
    "ASEAN": ("bloc", 0.2),
    "AU": ("bloc", 0.1),
    "RUS-BLR-UNION": ("bilateral", 0.9),
    "COFA-FSM": ("bilateral", 0.8),
    "COFA-MHL": ("bilateral", 0.8),
    "COFA-PLW": ("bilateral", 0.8),
    "US-JPN": ("bilateral", 0.7),
    "US-KOR": ("bilateral", 0.7),
    "US-AUS": ("bilateral", 0.7),
    "US-PHL": ("bilateral", 0.7),
    "CHN-PRK": ("bilateral", 0.6),
    "RUS-PRK": ("bilateral", 0.7),
}

#: the scenario starts in February 2025: its states carry the ideal point of their latest fitted
#: year before it (2023; 2022 for a state whose 2023 vote is not in the fit)
START_YEAR = 2025

STATE_COLUMNS = (  # the loader's columns, with the per-dimension ones after capability
    list(BASE_COLUMNS[:3])
    + [f"pos_{d}" for d in DIMENSIONS]
    + [f"sal_{d}" for d in DIMENSIONS]
    + list(BASE_COLUMNS[3:])
    + [*IDEAL_COLUMNS, "veto_cost", "veto_cost_targeted", "targeted_no_share"]
    + ["reference_votes", *PATRON_COLUMNS]
)
#: the year of the patron covariates (US aid FY2022-2024 over GDP; ATOP pacts to 2018)
PATRON_YEAR = START_YEAR - 1


def reference_roll_calls(toml: Path = OUT / "scenario.toml") -> list[str]:
    """The roll calls the scenario's texts name as their reference (scenario.toml
    ``reference``): each state's recorded vote on them goes to states.csv ``reference_votes``
    (ODD 7.8)."""
    texts = tomllib.loads(toml.read_text(encoding="utf-8")).get("resolutions", [])
    return sorted({str(t["reference"]) for t in texts if t.get("reference")})


def _f4(x: float) -> str:
    return f"{x:.4f}"


def _f8(x: float) -> str:
    return f"{x:.8f}"


def _clip(x: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, x))


def _read(src: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(src / name, keep_default_na=False, na_values=[""], dtype=str)


def _column[T](df: pd.DataFrame, key: str, col: str, conv: Callable[[str], T]) -> dict[str, T]:
    """``{df[key]: conv(df[col])}`` as a plain dict (keys and values read as strings)."""
    return {str(k): conv(str(v)) for k, v in zip(df[key], df[col], strict=True)}


def load_votes(src: Path) -> pd.DataFrame:
    """The 2022-2023 roll calls; refuses any row dated after 2023."""
    votes = _read(src, "un_votes_ukraine_2022_2023.csv")
    late = votes[votes["date"] > LAST_VOTE_DATE]
    if len(late):
        raise ValueError(f"vote rows dated after {LAST_VOTE_DATE}: {sorted(set(late['date']))}")
    return votes


def vote_scores(votes: pd.DataFrame) -> dict[str, dict[str, float | int | None]]:
    """Per state: g (all four roll calls), acc (ES-11/5 blended in), n_votes, absences."""
    out: dict[str, dict[str, float | int | None]] = {}
    for iso3, rows in votes.groupby("iso3", sort=True):
        num = den = 0.0
        rep: float | None = None
        n_obs = n_abs = 0
        for r in rows.itertuples(index=False):
            vote, conf, res = str(r.vote), str(r.confidence), str(r.resolution)
            if vote in ("Y", "A", "N", "X"):  # a state's presence or absence is known
                n_obs += 1
                n_abs += vote == "X"
            if vote in VOTE_VALUE and conf in CONF_WEIGHT:
                w = CONF_WEIGHT[conf]
                num += w * VOTE_VALUE[vote]
                den += w
                if res == REPARATIONS:
                    rep = VOTE_VALUE[vote]
        g = num / den if den > 0 else 0.5
        acc = g if rep is None else 0.5 * (g + rep)
        out[str(iso3)] = {"g": g, "acc": acc, "n_votes": den, "n_obs": n_obs, "n_abs": n_abs}
    return out


def capabilities(src: Path, iso3s: Iterable[str]) -> dict[str, tuple[float, str]]:
    """Estimated military expenditure (US$) and how it was obtained, per state."""
    sipri = _read(src, "raw/owid_sipri_milex_pct_gdp.csv")
    sipri["Year"] = sipri["Year"].astype(int)
    col = "Military expenditure (% of GDP)"
    sipri = sipri[(sipri["Year"] <= SIPRI_LAST_YEAR) & sipri[col].notna() & sipri["Code"].notna()]
    sipri = sipri.sort_values(["Code", "Year"]).groupby("Code").tail(1)
    pct = _column(sipri, "Code", col, float)
    pct_year = _column(sipri, "Code", "Year", int)
    gdp = _read(src, "raw/wb_gdp_datasets-gdp.csv")
    gdp["Year"] = gdp["Year"].astype(int)
    gdp = gdp[gdp["Value"].notna()].sort_values(["Country Code", "Year"])
    gdp = gdp.groupby("Country Code").tail(1)
    gdp_value = _column(gdp, "Country Code", "Value", float)
    gdp_year = _column(gdp, "Country Code", "Year", int)
    cow = _read(src, "raw/cow_nmc_v6_abridged.csv")
    cow_milex = _column(cow[cow["year"] == "2016"], "stateabb", "milex", int)
    codes = _column(_read(src, "cow_codes.csv"), "iso3", "cow_stateabb", str)
    assumed = _column(_read(src, "capability_assumptions.csv"), "iso3", "milex_usd", float)

    out: dict[str, tuple[float, str]] = {}
    for iso3 in iso3s:
        milex_2016 = cow_milex.get(codes.get(iso3, ""), -9)
        if iso3 in pct and iso3 in gdp_value:
            value = pct[iso3] / 100.0 * gdp_value[iso3]
            how = f"SIPRI %GDP {pct_year[iso3]} (D3) x WB GDP {gdp_year[iso3]} (D1)"
        elif milex_2016 > 0:
            value = milex_2016 * 1000.0
            how = "CoW NMC 2016 milex (D4)"
        elif iso3 in assumed:
            value = assumed[iso3]
            how = "capability_assumptions.csv (ASSUMPTION)"
        elif iso3 in gdp_value:
            value = MIN_SHARE_OF_GDP * gdp_value[iso3]
            how = f"ASSUMPTION 0.1% x WB GDP {gdp_year[iso3]} (D1): no SIPRI or CoW milex"
        else:
            raise ValueError(f"no capability data or assumption for {iso3}")
        out[iso3] = (value, how)
    return out


def regions(src: Path) -> dict[str, str]:
    sipri = _read(src, "raw/owid_sipri_milex_pct_gdp.csv")
    sipri = sipri[sipri["Code"].notna()].drop_duplicates("Code")
    reg = dict(zip(sipri["Code"], sipri["World region according to OWID"], strict=True))
    sup = _read(src, "regions_supplement.csv")
    reg.update(dict(zip(sup["iso3"], sup["region"], strict=True)))
    return reg


def memberships(src: Path) -> pd.DataFrame:
    return _read(src, "memberships.csv")


def _patron_cells(cov: pd.Series) -> dict[str, str]:
    """states.csv's patron columns: the patron and the ties to it, empty when there is none."""
    ties = (float(cov["aid_share"]), int(cov["compact"]), int(cov["defence_pact"]))
    if not cov["patron"] or not any(ties):
        return dict.fromkeys(PATRON_COLUMNS, "")
    return {
        "patron": str(cov["patron"]),
        "patron_aid_share": f"{ties[0]:.6f}",
        "patron_compact": str(ties[1]),
        "patron_defence_pact": str(ties[2]),
    }


def build_states(src: Path) -> list[dict[str, str]]:
    votes = load_votes(src)
    es1 = votes[votes["resolution"] == "A/RES/ES-11/1"].sort_values("iso3")
    names = dict(zip(es1["iso3"], es1["country_wb_name"], strict=True))
    iso3s = sorted(names)
    if len(iso3s) != 193:
        raise ValueError(f"expected 193 UN members in ES-11/1, got {len(iso3s)}")

    scores = vote_scores(votes)
    own_votes = pd.concat(
        [votes[["resolution", "iso3", "vote"]], _read(src, f"../un/{DIMENSION_VOTES}")]
    )
    pacts = pact_component(
        _read(src, "../un/atop_defence_pacts_usa_rus_chn_2010_2018.csv"),
        _read(src, "../un/cow_to_iso3.csv"),
        _read(src, "../un/atop_pact_corrections.csv"),
        iso3s,
    )
    ideal = ideal_scores(
        _read(src, "../un/ideal_points.csv"),
        _read(src, "../un/ideal_point_items.csv"),
        iso3s,
        own_votes[["resolution", "iso3", "vote"]],
        pacts,
        _read(src, f"../un/{SPLIT_VOTES}"),
        court_component(_read(src, f"../un/{ROME_STATUTE}"), iso3s),
    )
    ideal_points = last_positions(_read(src, "../un/ideal_points.csv"), iso3s, START_YEAR - 1)
    veto_table = _read(src, "../un/veto_costs.csv")
    veto_costs = _column(veto_table, "iso3", "veto_cost", float)
    veto_targeted = _column(veto_table, "iso3", "veto_cost_targeted", float)
    targeted_no = _column(veto_table, "iso3", "targeted_no_share", float)
    caps = capabilities(src, iso3s)
    cmax = max(v for v, _ in caps.values())
    reg = regions(src)
    memb = memberships(src)
    tags: dict[str, list[str]] = {}
    for r in memb.itertuples(index=False):
        tags.setdefault(str(r.iso3), []).append(str(r.tag))
    borders = _read(src, "borders.csv")
    border_set = {
        str(r.iso3)
        for r in borders.itertuples(index=False)
        if any(b in AGGRESSOR_SIDE for b in str(r.borders).split(";"))
    }
    key = {str(r["iso3"]): r for r in _read(src, "key_actors.csv").to_dict("records")}
    _, force = force_table(src, src.parent / "force_history")

    # prior mean of absence: the ES-11/1 absent share (the only complete list)
    base_absent = float((es1["vote"] == "X").mean())
    recorded = votes[
        votes["resolution"].isin(reference_roll_calls()) & votes["vote"].isin(list("YNA"))
    ]
    patrons = patron_covariates(iso3s, PATRON_YEAR).set_index("iso3")
    reference_votes = {
        str(iso3): ";".join(f"{r}={v}" for r, v in zip(g["resolution"], g["vote"], strict=True))
        for iso3, g in recorded.sort_values(["iso3", "resolution"]).groupby("iso3")
    }

    rows: list[dict[str, str]] = []
    for iso3 in iso3s:
        t = tags.get(iso3, [])
        west = "EU" in t or "NATO" in t
        sanctioner = "RU_UNFRIENDLY" in t
        region = reg.get(iso3)
        if region is None:
            raise ValueError(f"no region for {iso3}")
        sc = scores[iso3]
        g = float(sc["g"] or 0.0)
        src_parts = []

        # positions
        pos: dict[str, float] = {}
        for d in DIMENSIONS:  # scores from the ideal points (builds/ideal_positions.py)
            pos[d] = POS_LOW[d] + (POS_HIGH[d] - POS_LOW[d]) * float(ideal.loc[iso3, d])
        if sanctioner:
            pos["sanctions"] = SANCTIONS_LOW + SANCTIONS_SPAN * float(ideal.loc[iso3, "sanctions"])
        if west:
            for d in DIMENSIONS:
                pos[d] = (1 - WEST_PULL) * pos[d] + WEST_PULL * WEST_ANCHOR[d]

        # salience
        base = SAL_REGION.get(region, SAL_OTHER_REGION)
        base += SAL_EU_NATO if west else 0.0
        base += SAL_BORDER if iso3 in border_set else 0.0
        sal = {d: base * SAL_DIM_FACTOR[d] for d in DIMENSIONS}
        if sanctioner:
            sal["sanctions"] += SAL_SANCTIONER
        sal = {d: _clip(v, 0.05, 1.0) for d, v in sal.items()}

        stub = STUB_BASE + STUB_SPAN * abs(2 * g - 1)
        src_parts.append(
            f"pos: ideal points 2023, votes on each dimension's texts 2014-2023, ATOP pacts "
            f"2018, Rome Statute status 2024 (builds/ideal_positions.py); sal/stub: rules from "
            f"votes ES-11/1,4,5,6 "
            f"(score {g:.2f})"
        )

        if iso3 in key:
            k = key[iso3]
            for d in DIMENSIONS:
                pos[d] = float(k[f"pos_{d}"])
                sal[d] = float(k[f"sal_{d}"])
            stub = float(k["stubbornness"])
            src_parts[-1] = "pos/sal/stub: key_actors.csv (hand-set, sourced)"

        # absence: Beta prior (mean = ES-11/1 absent share, strength 4) updated with the
        # roll calls in which the state's presence is known, then bounded
        n_obs, n_abs = int(sc["n_obs"] or 0), int(sc["n_abs"] or 0)
        p_abs = (n_abs + P_ABSENT_PRIOR_STRENGTH * base_absent) / (n_obs + P_ABSENT_PRIOR_STRENGTH)
        p_abs = _clip(p_abs, *P_ABSENT_BOUNDS)

        if iso3 == VICTIM:
            exposure = EXPOSURE_VICTIM
        elif iso3 == AGGRESSOR:
            exposure = EXPOSURE_AGGRESSOR
        elif iso3 in border_set:
            exposure = EXPOSURE_BORDER
        elif region == "Europe":
            exposure = EXPOSURE_EUROPE
        else:
            exposure = EXPOSURE_OTHER

        ally_of_aggressor = any(x in t for x in ("RUS-BLR-UNION", "RUS-PRK"))
        if iso3 in BELLIGERENTS:
            bloc = "Belligerent"
        elif iso3 == GUARANTOR:  # hand-set 2025 position differs from its allies'
            bloc = "Guarantor"
        elif g >= 0.75 or ally_of_aggressor:
            bloc = "Russia-aligned"
        elif west:
            bloc = "EU/NATO"
        elif sanctioner:
            bloc = "Western partner"
        elif "BRICS" in t or "SCO" in t:
            bloc = "BRICS/SCO"
        else:
            bloc = "Non-aligned"

        if iso3 in force:
            fc, troops = "true", force[iso3]
            src_parts.append(f"troops: {CAPACITY_SOURCE} (builds/force_table.py)")
        else:
            fc, troops = "false", 0

        seat = "permanent" if iso3 in SC_PERMANENT else "elected" if iso3 in SC_ELECTED_2025 else ""
        value, how = caps[iso3]
        src_parts.insert(0, f"capability: {how}, / max (USA)")
        src_parts.append("memberships: memberships.csv; p_absent: ES-11/1,4,5,6 absences")
        year = int(ideal_points.loc[iso3, "year"])
        src_parts.append(f"ideal: ideal_points.csv {year} (builds/ideal_points.py)")
        if seat == "permanent":
            src_parts.append(
                "veto_cost, veto_cost_targeted, targeted_no_share: veto_costs.csv "
                "(builds/veto_costs.py)"
            )
        if iso3 in reference_votes:
            src_parts.append("reference_votes: un_votes_ukraine_2022_2023.csv")
        if _patron_cells(patrons.loc[iso3])["patron"]:
            src_parts.append(f"patron: builds/patrons.py {PATRON_YEAR} (ATOP, US aid, compacts)")

        row = {
            "iso3": iso3,
            "name": names[iso3],
            "capability": _f8(value / cmax),
            **{f"pos_{d}": _f4(_clip(pos[d], 0.0, 1.0)) for d in DIMENSIONS},
            **{f"sal_{d}": _f4(_clip(sal[d], 0.0, 1.0)) for d in DIMENSIONS},
            "stubbornness": _f4(_clip(stub, 0.0, 1.0)),
            "memberships": ";".join(sorted(set(t))),
            "bloc": bloc,
            "force_candidate": fc,
            "troop_capacity": str(troops),
            "exposure": _f4(exposure),
            "sc_seat": seat,
            "p_absent": _f4(p_abs),
            "source": "; ".join(src_parts),
            "ideal_1": _f4(float(ideal_points.loc[iso3, "dim1"])),
            "ideal_2": _f4(float(ideal_points.loc[iso3, "dim2"])),
            "veto_cost": _f4(veto_costs[iso3]) if seat == "permanent" else "",
            "veto_cost_targeted": _f4(veto_targeted[iso3]) if seat == "permanent" else "",
            "targeted_no_share": _f4(targeted_no[iso3]) if seat == "permanent" else "",
            "reference_votes": reference_votes.get(iso3, ""),
            **_patron_cells(patrons.loc[iso3]),
        }
        rows.append(row)
    unknown = (set(key) | set(force) | set(memb["iso3"])) - set(iso3s)
    if unknown:
        raise ValueError(f"iso3 codes not among the 193 members: {sorted(unknown)}")
    return rows


def build_ties(src: Path, members: Iterable[str]) -> list[dict[str, str]]:
    """One row per (pair, kind); several tags of one kind combine by noisy-or."""
    valid = set(members)
    memb = memberships(src)
    groups: dict[str, list[str]] = {}
    tag_source: dict[str, str] = {}
    for r in memb.itertuples(index=False):
        tag = str(r.tag)
        if tag in TIE_KINDS and str(r.iso3) in valid:
            groups.setdefault(tag, []).append(str(r.iso3))
            tag_source[tag] = str(r.source)
    acc: dict[tuple[str, str, str], tuple[float, list[str]]] = {}
    for tag in sorted(groups):
        kind, w = TIE_KINDS[tag]
        for a, b in itertools.combinations(sorted(set(groups[tag])), 2):
            k = (a, b, kind)
            keep, srcs = acc.get(k, (1.0, []))
            acc[k] = (keep * (1.0 - w), [*srcs, f"{tag}: {tag_source[tag]}"])
    rows = []
    for (a, b, kind), (keep, srcs) in sorted(acc.items()):
        rows.append(
            {
                "from": a,
                "to": b,
                "weight": _f4(1.0 - keep),
                "kind": kind,
                "source": " | ".join(srcs),
            }
        )
    return rows


def _csv_text(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def build(out: Path = OUT, src: Path = SOURCES) -> tuple[Path, Path, Path]:
    """Write states.csv, ties.csv and force.csv into ``out``; returns their paths."""
    states = build_states(src)
    ties = build_ties(src, (r["iso3"] for r in states))
    force, _ = force_table(src, src.parent / "force_history")
    out.mkdir(parents=True, exist_ok=True)
    sp, tp, fp = out / "states.csv", out / "ties.csv", out / "force.csv"
    sp.write_bytes(_csv_text(states, STATE_COLUMNS).encode("utf-8"))
    tp.write_bytes(_csv_text(ties, ["from", "to", "weight", "kind", "source"]).encode("utf-8"))
    fp.write_bytes(_csv_text(force, list(FORCE_COLUMNS)).encode("utf-8"))
    return sp, tp, fp


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=OUT, help="output directory")
    args = ap.parse_args(argv)
    sp, tp, fp = build(args.out)
    n_states = sum(1 for _ in sp.open()) - 1
    n_ties = sum(1 for _ in tp.open()) - 1
    n_force = sum(1 for _ in fp.open()) - 1
    print(f"wrote {sp} ({n_states} states), {tp} ({n_ties} ties), {fp} ({n_force} candidates)")


if __name__ == "__main__":
    main()
