"""Patron-client ties that pull a client's vote towards its patron's (ODD 7.8; issue 12).

Covariates of every UN member in a given year, from sourced data only:

- ``patron``: the power a state is tied to by a defence pact in ATOP v5 (D9; latest coded year
  up to 2018): Russia or China when it has a pact with one of them, else the USA;
- ``defence_pact``: 1 when ATOP codes a defence pact with that patron
  (``atop_defence_pacts_usa_rus_chn_2010_2018.csv``, a subset of the ATOP dyad-years; COW codes
  mapped with ``cow_to_iso3.csv``) that the state had not left by ``year``: the distributed
  dyad-years still code Mexico, Bolivia, Ecuador, Nicaragua and Venezuela in the Rio Treaty after
  they denounced it, and ``atop_pact_corrections.csv`` (one source per row) drops those pacts, as
  the positions build does (``ended_pacts``);
- ``compact``: 1 for the three states in a Compact of Free Association with the USA (FSM, MHL,
  PLW; ``scenarios/sources/ukraine-2025/memberships.csv``, tags COFA-*);
- ``aid_share``: US aid obligations (current US$, ForeignAssistance.gov via D9) averaged over the
  three fiscal years up to ``year``, over the state's GDP in the latest of those years with data
  (World Bank, D1); 0 when the patron is not the USA.

The weights turning these into a pull are fitted in ``experiments/votes_out_of_sample.py``
(``fit_patron_weights``) on the last training year, never on the predicted votes.
"""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import minimize

from agents.rules.votes import VoteCode, ordinal_vote_probabilities, patron_pull_weight
from builds.ideal_points import Fit
from builds.un_roll_calls import ROOT, UN_DIR

F = NDArray[np.float64]
I64 = NDArray[np.int64]

UKRAINE_SOURCES = ROOT / "scenarios" / "sources" / "ukraine-2025"
PATRONS = ("USA", "RUS", "CHN")
COMPACT_TAGS = ("COFA-FSM", "COFA-MHL", "COFA-PLW")
ATOP_LAST_YEAR = 2018
PACT_CORRECTIONS = UN_DIR / "atop_pact_corrections.csv"


def ended_pacts(corrections: pd.DataFrame, year: int) -> set[tuple[str, str]]:
    """(iso3, partner) pacts the state had left by ``year`` (``corrections``: iso3, partner,
    not_in_force_from), which the ATOP dyad-years still code."""
    return {
        (str(r.iso3), str(r.partner))
        for r in corrections.itertuples(index=False)
        if int(str(r.not_in_force_from)) <= year
    }


def _pacts(year: int) -> pd.DataFrame:
    atop = pd.read_csv(UN_DIR / "atop_defence_pacts_usa_rus_chn_2010_2018.csv")
    cow = pd.read_csv(UN_DIR / "cow_to_iso3.csv").set_index("ccode")["iso3"]
    atop = atop[atop["year"] == min(year, ATOP_LAST_YEAR)]
    pacts = pd.DataFrame({"patron": atop["ccode1"].map(cow), "iso3": atop["ccode2"].map(cow)})
    ended = ended_pacts(pd.read_csv(PACT_CORRECTIONS), year)
    kept = [(i, p) not in ended for i, p in zip(pacts["iso3"], pacts["patron"], strict=True)]
    return pacts[kept]


def _aid_share(year: int) -> pd.Series:
    with gzip.open(UN_DIR / "us_foreign_aid_by_country.csv.gz", "rt") as f:
        aid = pd.read_csv(f)
    aid["Fiscal Year"] = pd.to_numeric(aid["Fiscal Year"], errors="coerce")  # '1976tq': dropped
    aid = aid[
        (aid["Transaction Type Name"] == "Obligations") & aid["Fiscal Year"].between(year - 2, year)
    ]
    mean_aid = aid.groupby("Country Code")["current_amount"].sum() / 3.0
    gdp = pd.read_csv(UKRAINE_SOURCES / "raw" / "wb_gdp_datasets-gdp.csv")
    gdp = gdp[gdp["Year"].between(year - 2, year)].sort_values("Year")
    last_gdp = gdp.groupby("Country Code")["Value"].last()
    share = (mean_aid / last_gdp).dropna()
    return share.clip(lower=0.0)


def patron_covariates(members: list[str], year: int) -> pd.DataFrame:
    """One row per member: iso3, patron, defence_pact, compact, aid_share (patron USA only)."""
    pacts = _pacts(year)
    memb = pd.read_csv(UKRAINE_SOURCES / "memberships.csv")
    compact = set(memb.loc[memb["tag"].isin(COMPACT_TAGS), "iso3"]) - {"USA"}
    aid = _aid_share(year)
    rows = []
    for iso3 in sorted(members):
        partners = set(pacts.loc[pacts["iso3"] == iso3, "patron"])
        patron = next((p for p in ("RUS", "CHN") if p in partners), "USA")
        if iso3 in PATRONS:
            patron = ""
        rows.append(
            {
                "iso3": iso3,
                "patron": patron,
                "defence_pact": int(patron in partners),
                "compact": int(iso3 in compact and patron == "USA"),
                "aid_share": float(aid.get(iso3, 0.0)) if patron == "USA" else 0.0,
            }
        )
    out = pd.DataFrame(rows)
    out["aid_share"] = np.round(out["aid_share"], 6)
    return out


def patron_rows_and_weights(
    states: list[str],
    covariates: pd.DataFrame,
    per_aid_share: float,
    per_compact: float,
    per_defence_pact: float,
) -> tuple[I64, F]:
    """Each state's patron as a row of ``states`` (−1: none, or not among them) and its pull
    weight (``agents.rules.votes.patron_pull_weight`` on its ``patron_covariates``; a state
    without a covariate row has none): the inputs of ``agents.rules.votes.follow_patron``."""
    cov = covariates.set_index("iso3").reindex(states)
    row = {iso3: i for i, iso3 in enumerate(states)}
    patron = np.asarray([row.get(p, -1) for p in cov["patron"].fillna("")], dtype=np.int64)
    weight = patron_pull_weight(
        cov["aid_share"].fillna(0.0).to_numpy(float),
        cov["compact"].fillna(0).to_numpy(float),
        cov["defence_pact"].fillna(0).to_numpy(float),
        per_aid_share,
        per_compact,
        per_defence_pact,
    )
    return patron, np.asarray(weight, float)


def fit_patron_weights(ft: Fit, covariates: pd.DataFrame, year: int) -> dict[str, float]:
    """Maximum-likelihood coefficients of ``agents.rules.votes.patron_pull_weight`` on the
    roll calls of ``year`` in the fit ``ft`` (fitted positions and item parameters): each
    client's vote is a mixture of its own ordinal probabilities and its patron's. The positions
    already absorb the average following, so this measures following *beyond* a client's position.
    """
    d = ft.design
    in_year = np.flatnonzero(d.sy_year[d.obs_sy] == year)
    sy = d.obs_sy[in_year]
    item = d.obs_item[in_year]
    by_category = np.asarray([VoteCode.NO, VoteCode.ABSTAIN, VoteCode.YES])
    vote = by_category[d.obs_cat[in_year]]
    iso = np.asarray(d.sy_iso3)[sy]
    cov = covariates.set_index("iso3").reindex(iso)
    has = cov["patron"].fillna("").to_numpy() != ""
    rows_of = {c: i for i, c in enumerate(d.sy_iso3) if d.sy_year[i] == year}
    patron_row = np.asarray([rows_of.get(p, -1) for p in cov["patron"].fillna("")])
    has &= patron_row >= 0
    sy, item, vote, patron_row = sy[has], item[has], vote[has], patron_row[has]
    cov = cov[has]

    def probs(rows: I64) -> F:
        eta = np.einsum("nk,nk->n", ft.b[item], ft.x[rows])
        p = ordinal_vote_probabilities(eta[:, None, None], [1.0], ft.c1[item], ft.c2[item])
        return p[:, 0, :][np.arange(len(rows)), vote]

    own, pat = probs(sy), probs(patron_row)
    x_aid, x_cpt, x_pact = (
        cov[c].to_numpy(float) for c in ("aid_share", "compact", "defence_pact")
    )

    def nll(theta: F) -> float:
        w = patron_pull_weight(x_aid, x_cpt, x_pact, *theta)
        return -float(np.log((1 - w) * own + w * pat + 1e-12).sum())

    res = minimize(nll, np.full(3, 0.1), method="L-BFGS-B", bounds=[(0.0, 50.0)] * 3)
    a, c, p = (round(float(v), 4) for v in res.x)
    return {
        "per_aid_share": a,
        "per_compact": c,
        "per_defence_pact": p,
        "year": year,
        "votes": len(vote),
    }
