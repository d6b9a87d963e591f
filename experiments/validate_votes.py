"""Sections of docs/validation.md on the UN ideal points (issue 12), from result files only.

Called by ``experiments/validate.py``; every number is read from experiments/results/.
"""

from __future__ import annotations

import json

import pandas as pd
from common import RESULTS, ROOT

MODEL_NAMES = {
    "model_2d": "ideal points, 2 dimensions",
    "model_2d_patron": "2 dimensions + patron pull",
    "model_2d_persistence": "2 dimensions + vote on the reference (the engine's rule)",
    "model_1d": "baseline: 1 dimension",
    "model_1d_persistence": "1 dimension + vote on the reference",
    "copy_reference": "baseline: vote as on the reference roll call",
}


def _table(frame: pd.DataFrame) -> str:
    lines = [
        "| test | model | votes | accuracy | log-loss |",
        "|---|---|---|---|---|",
    ]
    for r in frame.to_dict("records"):
        lines.append(
            f"| {r['test']} | {MODEL_NAMES.get(str(r['model']), r['model'])} | {r['votes']:,} | "
            f"{100 * r['accuracy']:.1f}% | {r['log_loss']:.3f} |"
        )
    return "\n".join(lines)


def votes_out_of_sample() -> str:
    summary = pd.read_csv(RESULTS / "votes_oos_summary.csv")
    run = json.loads((RESULTS / "votes_oos_run.json").read_text())
    verdict = []
    for variant, by_test in run["beats_both_on_log_loss"].items():
        for test, beats in by_test.items():
            word = "beats" if beats else "does **not** beat"
            verdict.append(f"- {test}: {MODEL_NAMES[variant]} {word} both baselines on log-loss.")
    for test, beats in run.get("persistence_2d_beats_persistence_1d", {}).items():
        word = "beats" if beats else "does **not** beat"
        verdict.append(
            f"- {test}, like for like: 2 dimensions + vote on the reference {word} "
            "1 dimension + vote on the reference."
        )
    fitted = run["fitted_on_training_data"]
    calib = []
    for test, d in fitted.items():
        c, w = d["calibration_2d"], d["patron_weights"]
        calib.append(
            f"- {test}: temperature {c['temp_family']} (same title) / {c['temp_similar']} "
            f"(similar text), persistence weight {c['rho_family']} / {c['rho_similar']}; "
            f"patron pull per aid share {w['per_aid_share']}, compact {w['per_compact']}, "
            f"defence pact {w['per_defence_pact']} (fitted on {w['year']})."
        )
    return f"""## 5. UN roll calls out of sample

Dynamic ordinal ideal points (`builds/ideal_points.py`, method in `docs/un-ideal-points.md`)
fitted on the roll calls up to the end of 2017, then every recorded vote of 2018-2019 predicted
state by state; and fitted with ES-11/1 (2 March 2022) but not ES-11/4, 5, 6, then those
predicted. A new roll call's item parameters are those of its reference roll call (same title,
else the most similar text; ES-11/1 for the 2022-2023 texts), never its own votes. Baselines:
each state votes as on the reference roll call (through the confusion matrix of the last
training year), and the same model in one dimension. {run["es11_notes"]}.

The engine votes a text with item parameters by the rows marked "the engine's rule": the
ideal-point probabilities (the reference's item parameters times a temperature) mixed with each
state's own recorded vote on the reference roll call (`agents.rules.votes.persist_on_reference`),
after the patron pull (`follow_patron`; its fitted weights are near zero and change the log-loss
in the fourth decimal, the "patron pull" rows). Its weights are the scenario parameters
`vote_item_temperature`, `vote_persistence` and `patron_pull_per_*`, set to test 2's values
fitted on the training data (below; "same title" for the scenario's texts, which name their
reference). The issue's bar is that this rule beat both named baselines (the copy and the plain
one-dimensional model); the like-for-like line compares it with one dimension plus the same
persistence.

{_table(summary)}

{chr(10).join(verdict)}

Fitted on training data only (the last training year against its own references):
{chr(10).join(calib)}

Files: [summary](../experiments/results/votes_oos_summary.csv),
[by roll call](../experiments/results/votes_oos_by_rollcall.csv),
[run](../experiments/results/votes_oos_run.json) (`experiments/votes_out_of_sample.py`).
"""


def security_council_drafts() -> str:
    drafts = json.loads((RESULTS / "unsc_2022_drafts.json").read_text())
    members = pd.read_csv(RESULTS / "unsc_2022_drafts.csv")
    rows = [
        "| draft | reference | positions up to | targets | reported Y-N-A | modal Y-N-A "
        "| expected Y-N-A | members right | P(vetoed) | modal veto by |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for d in drafts:
        rows.append(
            f"| {d['draft']} | rcid {d['reference_rcid']} | {d['positions_up_to']} | "
            f"{', '.join(d['targets']) or 'none'} | "
            + " | ".join(
                "–".join(str(v) for v in d[k])
                for k in (
                    "reported_yes_no_abstain",
                    "modal_yes_no_abstain",
                    "expected_yes_no_abstain",
                )
            )
            + f" | {d['members_correct']} of 15 | {d['p_vetoed']:.3f} | "
            f"{', '.join(d['modal_vetoed_by']) or 'none'} |"
        )
    rus = members[members["iso3"] == "RUS"]
    russia = "; ".join(
        f"{r.draft}: P(no) {r.p_no:.2f} ({r.predicted}), {r.p_no_untargeted:.2f} "
        f"({r.predicted_untargeted}) with the untargeted cost"
        for r in rus.itertuples()
    )
    kappa, kappa_t = rus["veto_cost"].iloc[0], rus["veto_cost_targeted"].iloc[0]
    share = float(drafts[0]["targeted_no_share"])
    item_rule = " and ".join(f"{v:.2f}" for v in rus["p_no_item_rule"])
    flips = " and ".join(f"{d['targeted_cost_flips_above']:.2f}" for d in drafts)
    sens = drafts[0]
    vetoed = [bool(d["modal_vetoed_by"]) for d in drafts]
    verdict = (
        "Both vetoes are reproduced at the mode"
        if all(vetoed)
        else "Neither veto is reproduced at the mode"
        if not any(vetoed)
        else "One veto is reproduced at the mode"
    )
    wrong = members[members["predicted"] != members["reported"]]

    def listed(rows: pd.DataFrame) -> str:
        return (
            ", ".join(
                f"{r.iso3} on {r.draft} ({r.predicted}, reported {r.reported})"
                for r in rows.itertuples()
            )
            or "none"
        )

    misses = listed(wrong[wrong["seat"] == "elected"])
    permanent_misses = listed(wrong[wrong["seat"] == "permanent"])
    adopted = pd.read_csv(ROOT / "scenarios" / "sources" / "un" / "adopted_targeting.csv")
    counted = ", ".join(
        f"{r.resolution} ({r.member}{', disputed' if r.disputed == 'yes' else ''})"
        for r in adopted.itertuples()
    )
    undisputed = ", ".join(adopted.loc[adopted["disputed"] != "yes", "resolution"]) or "none"
    return f"""## 6. The Security Council drafts of 2022

The 2022 drafts vetoed by Russia, predicted by the engine's vote rule (`item_vote_probabilities`,
with ukraine-2025's weights fitted on the 2019 roll calls) from ideal points fitted on roll calls
dated before each draft and the item parameters of its nearest earlier General Assembly text; an
elected member also follows its patron and repeats its own vote on that text. A permanent
member's no carries a veto cost that depends on whether the text **targets** it (condemns its own
conduct; `text_veto_cost`, `builds/veto_costs.py`, the coding in
`scenarios/sources/un/veto_targets.csv` and `adopted_targeting.csv`): estimated from the veto
record and the adopted resolutions to 2021, without the 2022 drafts. A targeting text put to a
vote is either vetoed or adopted with the member abstaining, not participating or voting yes
({counted}; the candidates rejected, with the
reason, in `adopted_targeting_rejected.csv`). Both drafts target Russia (from their text, the
UN press releases SC/14808 and SC/15046).
Russia's cost is {kappa:.2f} on a text that does not target it and {kappa_t:.2f} on one that does.
The targeted cost is measured against the members' record on targeting texts in the General
Assembly (no on {share:.1%} of them, Jeffreys), so a member a text targets votes no with that
record's odds less the cost (`targeted_no_probability`: P(no) = σ(logit {share:.3f} − κ_T));
its item in the roll-call space does not enter. Reported votes:
`scenarios/sources/un/sc_drafts_2022.csv` (sourced per row; read only to score).

{chr(10).join(rows)}

Russia: {russia}. {verdict}: Russia's modal vote turns from no to an abstention or a yes when the
targeted cost exceeds {flips} (the two drafts), and the cost applied is {kappa_t:.2f}. The
targeted cost is fragile, as both of its shares are near 1: with one adopted targeting resolution
more it would be {sens["targeted_cost_if_one_more_adopted"]:.2f}, with one fewer
{sens["targeted_cost_if_one_fewer_adopted"]:.2f}, counting only the undisputed coding ({undisputed})
{sens["targeted_cost_undisputed_only"]:.2f}, and with none (the unchecked assumption of an
earlier version) {sens["targeted_cost_if_none_adopted"]:.2f}. History of this result: with the
adopted targeting resolutions counted (κ_T from 0.05 to {kappa_t:.2f}) and the cost applied to the
targeted member's item probability (Russia's P(no) {item_rule} on the two drafts, not the
record's {share:.2f} the cost was measured against), Russia was predicted to abstain on both
drafts; the rule now applies the cost to the base it was estimated on. That change was made after
the miss, for the estimator's consistency, with no figure of the 2022 drafts in it.
Permanent members predicted wrong: {permanent_misses}. Elected members predicted wrong: {misses}
(scored like everyone else: the veto rule does not touch them).

Files: [members](../experiments/results/unsc_2022_drafts.csv),
[summary](../experiments/results/unsc_2022_drafts.json) (`experiments/unsc_2022_drafts.py`).
"""
