"""The Security Council rule on the two 2022 drafts vetoed by Russia (ODD 7.8; issue 12).

S/2022/155 (25 Feb 2022; reported 11-1-3) and S/2022/720 (30 Sep 2022; reported 10-1-4), each
predicted from ideal points estimated on roll calls dated before the draft, never from the
draft's own votes (``scenarios/sources/un/sc_drafts_2022.csv`` holds the sourced votes, read here
only to score the prediction):

- S/2022/155: positions fitted on every roll call up to 2022-02-24 (data to 2019); the text's item
  parameters are those of its nearest earlier General Assembly text, A/RES/68/262 "Territorial
  integrity of Ukraine" (27 Mar 2014, after Russia vetoed S/2014/189 on Crimea);
- S/2022/720: positions fitted up to 2022-09-29 (ES-11/1 included); item parameters of
  A/RES/ES-11/1 (2 Mar 2022), the General Assembly's text on the same aggression.

Every member is scored by the engine's rule, ``item_vote_probabilities`` (as
``model.stages.votes``), with ukraine-2025's weights fitted on the 2019 roll calls
(``vote_item_temperature``, ``vote_persistence``, ``patron_pull_per_*``): an elected member
follows its patron (covariates of the year before the draft) and repeats its own vote on the
reference roll call; a permanent member does neither, and its no carries its veto cost from
``text_veto_cost`` (``scenarios/sources/un/veto_costs.csv``, ``builds.veto_costs``:
the veto record and the adopted resolutions to 2021, without the 2022 drafts): ``veto_cost`` on
a text that does not target the member, ``veto_cost_targeted`` on one that condemns its own
conduct. The member a draft targets votes no with its record's odds on such texts less that
cost (``targeted_no_probability``, ``targeted_no_share`` of the same table), as the engine does.
Each draft's ``targets`` is read from its content (the UN press releases below), not from its
vote: both condemn the Russian Federation's own conduct. The most probable vote of each member,
the expected tally and the probability that the draft is vetoed (at least one permanent no) are
written to
experiments/results/unsc_2022_drafts.csv, with ``p_no_untargeted`` (the same member's P(no)
with the untargeted cost) and ``p_no_item_rule`` (the targeted cost applied to the member's
item instead of its record, the rule before this one) beside them; the summary also gives the
targeted cost above which Russia's modal no turns and the build's sensitivity of ``κ_T`` to
the adopted resolutions coded as targeting a permanent member.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from common import RESULTS
from votes_out_of_sample import _fit_cached, positions_at

from agents.rules.votes import (
    VoteCode,
    item_vote_probabilities,
    targeted_no_probabilities,
    text_veto_cost,
)
from builds.ideal_points import Fit, build_design, subsample, training_data
from builds.patrons import patron_covariates, patron_rows_and_weights
from builds.un_roll_calls import UN_DIR, RollCalls, load_roll_calls
from scenarios import load_scenario

LETTER: dict[int, str] = {int(c): c.letter for c in (VoteCode.YES, VoteCode.NO, VoteCode.ABSTAIN)}
DRAFTS = {  # draft -> (last date of the training roll calls, reference roll call rcid)
    "S/2022/155": ("2022-02-24", 5309),  # A/RES/68/262
    "S/2022/720": ("2022-03-31", 10001),  # A/RES/ES-11/1 (no roll call of ours in Apr-Sep 2022)
}
#: the states whose own conduct each draft condemns, from its text (not from its vote)
TARGETS = {
    "S/2022/155": (
        ("RUS",),
        "the draft 'deplores in the strongest terms the Russian Federation's aggression against "
        "Ukraine' and decides that Russia shall withdraw its forces: UN press release SC/14808, "
        "https://press.un.org/en/2022/sc14808.doc.htm (25 Feb 2022)",
    ),
    "S/2022/720": (
        ("RUS",),
        "the draft condemns the referenda Russia organised in four regions of Ukraine, declares "
        "any purported annexation by the Russian Federation invalid and decides that it shall "
        "withdraw: UN press release SC/15046, https://press.un.org/en/2022/sc15046.doc.htm "
        "(30 Sep 2022)",
    ),
}


#: κ_T had the coded adopted resolutions been otherwise (``builds.veto_costs``): one more, one
#: fewer, only the undisputed ones, none (the unchecked assumption of an earlier version)
SENSITIVITY = ("if_one_more_adopted", "if_one_fewer_adopted", "undisputed_only", "if_none_adopted")


#: the engine's vote-rule weights: ukraine-2025's, fitted on training roll calls of 2019 by
#: experiments/votes_out_of_sample.py (test 2)
WEIGHTS = (
    "vote_item_temperature",
    "vote_persistence",
    "patron_pull_per_aid_share",
    "patron_pull_per_compact",
    "patron_pull_per_defence_pact",
)


def engine_weights() -> dict[str, float]:
    params = load_scenario("ukraine-2025").parameters
    return {k: float(params[k].value or 0.0) for k in WEIGHTS}


def elected_ties(
    rc: RollCalls, members: pd.DataFrame, ref: int, year: int, w: dict[str, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each member's patron (index among the members, −1 none), its pull weight (covariates of
    ``year``, the year before the draft) and its recorded vote on the reference roll call
    (−1 none): the inputs the engine's rule gives every member (``item_vote_probabilities``)."""
    iso3 = members["iso3"].tolist()
    patron, weight = patron_rows_and_weights(
        iso3,
        patron_covariates(iso3, year),
        w["patron_pull_per_aid_share"],
        w["patron_pull_per_compact"],
        w["patron_pull_per_defence_pact"],
    )
    on_ref = rc.votes[rc.votes["rcid"] == ref].set_index("iso3")["vote"]
    ref_vote = on_ref.reindex(iso3).fillna(-1).to_numpy().astype(np.int64)
    return patron, weight, ref_vote


def engine_rule(
    x: np.ndarray,
    ft: Fit,
    j: int,
    cost: np.ndarray,
    w: dict[str, float],
    ties: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    targeted_no: np.ndarray | None = None,
) -> np.ndarray:
    """The engine's rule (``item_vote_probabilities``, as ``model.stages.votes``) on item ``j``
    of the fit ``ft`` at positions ``x``, with the members' veto costs and ties, and the
    targeted member's P(no) from its record (``targeted_no``, NaN for the others)."""
    patron, weight, ref_vote, permanent = ties
    return item_vote_probabilities(
        x,
        ft.b[j],
        float(ft.c1[j]),
        float(ft.c2[j]),
        temperature=w["vote_item_temperature"],
        no_cost=cost,
        patron=patron,
        patron_weight=weight,
        reference_vote=ref_vote,
        persistence=w["vote_persistence"],
        alone=permanent,
        targeted_no=targeted_no,
    )


def main() -> None:
    everything = load_roll_calls()
    rc = subsample(everything)
    w = engine_weights()
    reported = pd.read_csv(UN_DIR / "sc_drafts_2022.csv")
    table = pd.read_csv(UN_DIR / "veto_costs.csv").set_index("iso3")
    rows, summary = [], []
    for draft, (last_date, ref) in DRAFTS.items():
        ft = _fit_cached(build_design(training_data(rc, last_date=last_date)), 2, None, last_date)
        members = reported[reported["draft"] == draft].reset_index(drop=True)
        pos = positions_at(ft, int(last_date[:4]))
        x = pos.loc[members["iso3"], ["dim1", "dim2"]].to_numpy()
        j = int(np.flatnonzero(ft.design.items["rcid"].to_numpy() == ref)[0])
        permanent = (members["seat"] == "permanent").to_numpy()
        kappa = members["iso3"].map(table["veto_cost"]).fillna(0.0).to_numpy()
        kappa_t = members["iso3"].map(table["veto_cost_targeted"]).fillna(0.0).to_numpy()
        targeted = members["iso3"].isin(TARGETS[draft][0]).to_numpy()
        patron, weight, ref_vote = elected_ties(everything, members, ref, int(last_date[:4]) - 1, w)

        ties = (patron, weight, ref_vote, permanent)
        cost = text_veto_cost(permanent, targeted, kappa, kappa_t)
        share = members["iso3"].map(table["targeted_no_share"]).to_numpy(float)
        with_record = targeted & ~np.isnan(share)
        p_t = targeted_no_probabilities(targeted, share, cost)
        p = engine_rule(x, ft, j, cost, w, ties, p_t)
        p_item = engine_rule(x, ft, j, cost, w, ties)  # the targeted cost on the item instead
        p_u = engine_rule(x, ft, j, text_veto_cost(permanent, False, kappa, kappa_t), w, ties)
        modal = np.argmax(p, axis=1)
        p_veto = 1.0 - float(np.prod(1.0 - p[permanent, VoteCode.NO]))
        for i, m in enumerate(members.to_dict("records")):
            rows.append(
                {
                    "draft": draft,
                    "iso3": m["iso3"],
                    "seat": m["seat"],
                    "targeted": bool(targeted[i]),
                    "veto_cost": kappa[i],
                    "veto_cost_targeted": kappa_t[i],
                    "p_yes": p[i, VoteCode.YES],
                    "p_no": p[i, VoteCode.NO],
                    "p_abstain": p[i, VoteCode.ABSTAIN],
                    "predicted": LETTER[int(modal[i])],
                    "p_no_item_rule": p_item[i, VoteCode.NO],
                    "p_no_untargeted": p_u[i, VoteCode.NO],
                    "predicted_untargeted": LETTER[int(np.argmax(p_u[i]))],
                    "reported": m["vote"],
                }
            )
        rep = members["vote"].value_counts()
        # κ_T above which the targeted member's modal no turns to a yes or an abstention:
        # P(no) = σ(logit(g_T) − κ) and the rest split in the ratio m : 1 − m (m the larger), so
        # the no stays modal while P(no) / (1 − P(no)) > m
        t = int(np.flatnonzero(with_record)[0])
        m = max(p[t, VoteCode.YES], p[t, VoteCode.ABSTAIN]) / (1.0 - p[t, VoteCode.NO])
        flip = float(np.log(share[t] / (1.0 - share[t])) - np.log(m))
        summary.append(
            {
                "draft": draft,
                "reference_rcid": ref,
                "targets": list(TARGETS[draft][0]),
                "targets_source": TARGETS[draft][1],
                "positions_up_to": last_date,
                "reported_yes_no_abstain": [int(rep.get(v, 0)) for v in "YNA"],
                "expected_yes_no_abstain": [
                    round(float(p[:, c].sum()), 2)
                    for c in (VoteCode.YES, VoteCode.NO, VoteCode.ABSTAIN)
                ],
                "modal_yes_no_abstain": [
                    int((modal == c).sum()) for c in (VoteCode.YES, VoteCode.NO, VoteCode.ABSTAIN)
                ],
                "members_correct": int(
                    (np.array([LETTER[int(v)] for v in modal]) == members["vote"]).sum()
                ),
                "p_vetoed": round(p_veto, 4),
                "targeted_no_share": float(share[t]),
                "targeted_cost_applied": round(float(kappa_t[t]), 3),
                "targeted_cost_flips_above": round(flip, 3),
                **{
                    f"targeted_cost_{k}": float(table.loc[members["iso3"][t], f"targeted_{k}"])
                    for k in SENSITIVITY
                },
                "modal_vetoed_by": [
                    str(c) for c in members["iso3"][permanent & (modal == VoteCode.NO)]
                ],
            }
        )
    RESULTS.mkdir(exist_ok=True)
    pd.DataFrame(rows).to_csv(
        RESULTS / "unsc_2022_drafts.csv", index=False, float_format="%.4f", lineterminator="\n"
    )
    (RESULTS / "unsc_2022_drafts.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
