"""The cost of a permanent member's veto, estimated from the veto record (ODD 7.8; issue 12).

A permanent member's *no* in the Security Council is a veto: a separate decision with a cost.
In ``agents.rules.votes.ordinal_vote_probabilities`` the cost ``κ`` moves the member's no-cut
down: it casts a no only when ``c_no − κ − η`` favours it, and abstains otherwise.

The cost depends on whether the text **targets** the member (``text_veto_cost``): a text that
condemns, deplores or demands an end to the member's *own* conduct towards another state (its
use of force, occupation, annexation or coercive measures, or an act attributed to its forces)
engages its core interest, and abstaining on it would concede the point. The coding of the
record is ``scenarios/sources/un/veto_targets.csv`` (one row per vetoed draft, or per pattern of
General Assembly titles, with the reason); a client's conduct (Israel for the USA, Syria for
Russia) is *not* coded as targeting the patron. Every estimate below stops at 2021: the 2022
drafts are what the rule is tested on.

**Texts that do not target the member**, per member over 2000-2017 (the years both records
cover): ``κ_m = logit(g_m) − logit(v_m)`` with

- ``g_m``: the share of General Assembly roll calls (Voeten's data, ``scenarios/sources/un/``)
  on which ``m`` voted no, leaving out the roll calls coded as targeting ``m``;
- ``v_m``: vetoes cast by ``m`` on drafts not coded as targeting it (``member_veto1-3`` of
  ``unsc_vetoes_1946_2022.csv``, D9), plus one half, over the drafts put to a vote that do not
  target ``m``: resolutions adopted (``sc_resolution_counts.csv``: S/RES/1285 to S/RES/2396)
  plus the vetoed drafts not targeting ``m``. Drafts that failed for lack of nine votes are left
  out (1 in 2000-2009 and 12 in 2010-2019 per https://www.scprocedure.org/chapter-6-section-1e,
  2023-10-16: under 1%).

**Texts that target the member**, pooled over the five members (few such texts each) and over
1946-2021: ``κ_T = logit(g_T) − logit(v_T)`` with ``g_T`` the share of no among the members'
General Assembly votes on roll calls coded as targeting them, and ``v_T`` the share of no (vetoes)
among the targeted members' votes on Council drafts coded as targeting them; both shares are
``(k + ½) / (n + 1)`` (Jeffreys), since both are near 1. The targeted drafts put to a vote are the
vetoed ones coded in ``veto_targets.csv`` plus the **adopted** resolutions that target a permanent
member in the same sense (``scenarios/sources/un/adopted_targeting.csv``: the member had them
adopted without vetoing them, so each adds one to ``n`` and nothing to ``k``); the candidates
examined and rejected, with the reason, are in ``adopted_targeting_rejected.csv``. Procedural
decisions (S/RES/119, 120, 462) are not drafts a member could veto and are not counted.

The pooled ``g_T`` itself is written as ``targeted_no_share``: the engine's P(no) of a member a
text targets is ``σ(logit g_T − κ)`` (``agents.rules.votes.targeted_no_probability``), so
``κ_T`` is applied to the same odds it was measured against.

ASSUMPTION: the drafts put to a vote in the Council are, for a permanent member, as disagreeable
as the Assembly's roll calls (Council drafts are negotiated towards the permanent members, so
``κ_m`` is an upper estimate). As both targeted shares are near 1, ``κ_T`` is fragile: the output
gives it had the adopted list one resolution more (``targeted_if_one_more_adopted``) or one
fewer (``targeted_if_one_fewer_adopted``), with the disputed codings left out
(``targeted_undisputed_only``) and with no adopted resolution at all
(``targeted_if_none_adopted``, the assumption of an earlier version, never checked then).

``python -m builds.veto_costs`` writes ``scenarios/sources/un/veto_costs.csv``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from agents.rules.votes import VoteCode
from builds.un_roll_calls import UN_DIR, load_roll_calls

FIRST_YEAR, LAST_YEAR = 2000, 2017
#: the targeted estimate uses the whole record up to this year (the 2022 drafts are the test)
LAST_TARGETED_YEAR = 2021
MEMBERS = {"USA": "USA", "RUS": "Russia", "CHN": "China", "GBR": "UK", "FRA": "France"}
#: how the veto record names the seats (the USSR's seat is Russia's series)
VETO_NAMES = {"USA": "USA", "Russia": "RUS", "USSR": "RUS", "China": "CHN", "UK": "GBR"}
VETO_NAMES |= {"France": "FRA"}
VETO_COLUMNS = ("member_veto1", "member_veto2", "member_veto3")
TARGETS = UN_DIR / "veto_targets.csv"
#: adopted resolutions that target a permanent member (its own conduct), one row each
ADOPTED = UN_DIR / "adopted_targeting.csv"
OUT = UN_DIR / "veto_costs.csv"


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _jeffreys(k: int, n: int) -> float:
    return (k + 0.5) / (n + 1)


def vetoes_by_member(vetoes: pd.DataFrame) -> pd.DataFrame:
    """One row per (vetoed draft, member that vetoed it): draft, year, iso3. Read from the
    ``member_veto1-3`` columns (the per-member dummies miss 25 vetoes before 2000)."""
    rows = [
        {"draft": r["draft"], "year": int(r["year"]), "iso3": VETO_NAMES[str(r[c])]}
        for _, r in vetoes.iterrows()
        for c in VETO_COLUMNS
        if isinstance(r[c], str)
    ]
    return pd.DataFrame(rows)


def targeted_drafts(coding: pd.DataFrame) -> set[tuple[str, str]]:
    """(draft, member) pairs coded as targeting the member."""
    sc = coding[coding["forum"] == "security_council"]
    return {(str(r.match), str(r.member)) for r in sc.itertuples()}


def adopted_targeting(adopted: pd.DataFrame) -> pd.DataFrame:
    """The adopted resolutions that target a permanent member, up to ``LAST_TARGETED_YEAR``:
    resolution, year, iso3, disputed (bool)."""
    year = adopted["date"].str[:4].astype(int)
    out = pd.DataFrame(
        {
            "resolution": adopted["resolution"],
            "year": year,
            "iso3": adopted["member"],
            "disputed": adopted["disputed"] == "yes",
        }
    )
    return out[out["year"] <= LAST_TARGETED_YEAR].reset_index(drop=True)


def targeted_roll_calls(calls: pd.DataFrame, coding: pd.DataFrame) -> pd.DataFrame:
    """(rcid, member) pairs of General Assembly roll calls coded as targeting the member: the
    pattern matched against ``short | descr`` (upper case) within the row's years; votes on whole
    texts only (not on amendments or separate paragraphs, Voeten's ``amend``, ``para``)."""
    whole = (calls["amend"].astype(str) != "1") & (calls["para"].astype(str) != "1")
    calls = calls[whole]
    text = (calls["short"].fillna("") + " | " + calls["descr"].fillna("")).str.upper()
    out = []
    for r in coding[coding["forum"] == "general_assembly"].itertuples():
        hit = text.str.contains(str(r.match), regex=True, flags=re.IGNORECASE)
        hit &= calls["year"].between(int(str(r.first_year)), int(str(r.last_year)))
        out.append(pd.DataFrame({"rcid": calls.loc[hit, "rcid"], "iso3": r.member}))
    return pd.concat(out, ignore_index=True).drop_duplicates()


def veto_costs() -> pd.DataFrame:
    """One row per permanent member: GA no share, veto share, κ on texts that do not target it;
    its targeted counts, and the pooled κ_T on texts that target it."""
    counts = pd.read_csv(UN_DIR / "sc_resolution_counts.csv").set_index("quantity")["value"]
    adopted = int(counts["first_resolution_of_2018"]) - 1 - int(counts["last_resolution_of_1999"])
    coding = pd.read_csv(TARGETS)
    pairs = targeted_drafts(coding)
    record = pd.read_csv(UN_DIR / "unsc_vetoes_1946_2022.csv")
    cast = vetoes_by_member(record[record["year"] <= LAST_TARGETED_YEAR])
    cast["targeted"] = [(d, m) in pairs for d, m in zip(cast["draft"], cast["iso3"], strict=True)]
    window = record[record["year"].between(FIRST_YEAR, LAST_YEAR)]
    rc = load_roll_calls(include_es11=False)
    ga_targets = targeted_roll_calls(rc.calls, coding)
    keys = pd.MultiIndex.from_frame(ga_targets[["rcid", "iso3"]])
    votes = rc.votes.assign(
        targeted=pd.MultiIndex.from_frame(rc.votes[["rcid", "iso3"]]).isin(keys)
    )
    # the targeted drafts put to a vote: the vetoed ones (no = the member's veto) and the adopted
    sc_t = [(m, int(((cast["draft"] == d) & (cast["iso3"] == m)).any())) for d, m in pairs]
    passed = adopted_targeting(pd.read_csv(ADOPTED))
    rows = []
    for iso3 in MEMBERS:
        mine = votes[(votes["iso3"] == iso3) & votes["year"].between(FIRST_YEAR, LAST_YEAR)]
        mine = mine[~mine["targeted"]]
        g = float((mine["vote"] == VoteCode.NO).mean())
        in_window = cast[cast["year"].between(FIRST_YEAR, LAST_YEAR) & (cast["iso3"] == iso3)]
        untargeted = int((~in_window["targeted"]).sum())
        targeting_me = sum(1 for d, m in pairs if m == iso3 and d in set(window["draft"]))
        mine_passed = passed[passed["iso3"] == iso3]
        targeting_me += int(mine_passed["year"].between(FIRST_YEAR, LAST_YEAR).sum())
        drafts = adopted + len(window) - targeting_me
        v = (untargeted + 0.5) / drafts
        ga_t = votes[(votes["iso3"] == iso3) & votes["targeted"]]
        rows.append(
            {
                "iso3": iso3,
                "ga_roll_calls": len(mine),
                "ga_no_share": round(g, 4),
                "vetoes_cast": untargeted,
                "sc_drafts_voted": drafts,
                "veto_share": round(v, 5),
                "veto_cost": round(_logit(g) - _logit(v), 3),
                "targeted_drafts": sum(1 for m, _ in sc_t if m == iso3) + len(mine_passed),
                "targeted_vetoes": sum(k for m, k in sc_t if m == iso3),
                "targeted_adopted": len(mine_passed),
                "targeted_ga_roll_calls": len(ga_t),
                "targeted_ga_no": int((ga_t["vote"] == VoteCode.NO).sum()),
            }
        )
    table = pd.DataFrame(rows)
    n_sc, k_sc = int(table["targeted_drafts"].sum()), int(table["targeted_vetoes"].sum())
    n_ga, k_ga = int(table["targeted_ga_roll_calls"].sum()), int(table["targeted_ga_no"].sum())
    n_adopted, n_disputed = len(passed), int(passed["disputed"].sum())
    g_t = _jeffreys(k_ga, n_ga)

    def kappa_t(n: int) -> float:
        return round(_logit(g_t) - _logit(_jeffreys(k_sc, n)), 3)

    table["targeted_no_share"] = round(g_t, 4)
    table["veto_cost_targeted"] = kappa_t(n_sc)
    table["targeted_if_one_more_adopted"] = kappa_t(n_sc + 1)
    table["targeted_if_one_fewer_adopted"] = kappa_t(max(n_sc - 1, k_sc))
    table["targeted_undisputed_only"] = kappa_t(n_sc - n_disputed)
    table["targeted_if_none_adopted"] = kappa_t(n_sc - n_adopted)
    return table


def main() -> None:
    table = veto_costs()
    table.to_csv(OUT, index=False, lineterminator="\n")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
