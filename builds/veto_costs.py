"""The cost of a permanent member's veto, estimated from the veto record (ODD 7.8; issue 12).

A permanent member's *no* in the Security Council is a veto: a separate decision with a cost.
In ``agents.rules.votes.ordinal_vote_probabilities`` the cost ``κ`` moves the member's no-cut
down: it casts a no only when ``c_no − κ − η`` favours it, and abstains otherwise.

Estimate, per member, over 2000-2017 (the years both records cover):

    κ_m = logit(g_m) − logit(v_m)

- ``g_m``: the share of General Assembly roll calls on which ``m`` voted no (Voeten's data,
  ``scenarios/sources/un/``): how often it dislikes a text enough to say no when a no is free;
- ``v_m``: the share of Security Council draft resolutions put to a vote that ``m`` vetoed:
  vetoes cast by ``m`` (``unsc_vetoes_1946_2022.csv``, D9) plus one half, over the drafts put to a
  vote = resolutions adopted (``sc_resolution_counts.csv``: S/RES/1285 to S/RES/2396) plus the
  vetoed drafts. Drafts that failed for lack of nine votes are left out (1 in 2000-2009 and 12 in
  2010-2019 per https://www.scprocedure.org/chapter-6-section-1e, 2023-10-16: under 1%).

ASSUMPTION: the drafts put to a vote in the Council are, for a permanent member, as disagreeable
as the Assembly's roll calls. Council drafts are negotiated towards the permanent members, so
this overstates how often a member dislikes them and the cost ``κ`` is an upper estimate.

``python -m builds.veto_costs`` writes ``scenarios/sources/un/veto_costs.csv``.
"""

from __future__ import annotations

import math

import pandas as pd

from agents.rules.votes import VoteCode
from builds.un_roll_calls import UN_DIR, load_roll_calls

FIRST_YEAR, LAST_YEAR = 2000, 2017
MEMBERS = {"USA": "USA", "RUS": "Russia", "CHN": "China", "GBR": "UK", "FRA": "France"}
OUT = UN_DIR / "veto_costs.csv"


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def veto_costs() -> pd.DataFrame:
    """One row per permanent member: GA no share, veto share, κ."""
    counts = pd.read_csv(UN_DIR / "sc_resolution_counts.csv").set_index("quantity")["value"]
    adopted = int(counts["first_resolution_of_2018"]) - 1 - int(counts["last_resolution_of_1999"])
    vetoes = pd.read_csv(UN_DIR / "unsc_vetoes_1946_2022.csv")
    vetoes = vetoes[vetoes["year"].between(FIRST_YEAR, LAST_YEAR)]
    drafts = adopted + len(vetoes)
    rc = load_roll_calls(include_es11=False)
    votes = rc.votes[rc.votes["year"].between(FIRST_YEAR, LAST_YEAR)]
    rows = []
    for iso3, column in MEMBERS.items():
        mine = votes[votes["iso3"] == iso3]
        g = float((mine["vote"] == VoteCode.NO).mean())
        cast = int(vetoes[column].fillna(0).astype(int).sum())
        v = (cast + 0.5) / drafts
        rows.append(
            {
                "iso3": iso3,
                "ga_roll_calls": len(mine),
                "ga_no_share": round(g, 4),
                "vetoes_cast": cast,
                "sc_drafts_voted": drafts,
                "veto_share": round(v, 5),
                "veto_cost": round(_logit(g) - _logit(v), 3),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    table = veto_costs()
    table.to_csv(OUT, index=False, lineterminator="\n")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
