"""The force's sections of docs/validation.md (ODD 7.2): who contributed to past operations, out
of sample (experiments/force_history.py), and the 2025 force (experiments/force_2025.py). Every
number is read from experiments/results/."""

from __future__ import annotations

from common import read_csv, read_json
from validate_format import md_table, num, pct, qget, rel

OPS = {
    "KFOR_1999": "KFOR 1999",
    "UNIFIL_2006": "UNIFIL 2006",
    "IFOR_1995": "IFOR 1995",
    "SFOR_1996": "SFOR 1996",
    "EUFOR_2004": "EUFOR Althea 2004",
    "ISAF_2010": "ISAF 2010",
    "EFP_2017": "eFP 2017",
}


def history() -> str:
    s = read_json("force_history_summary.json")
    auc = read_csv("force_history_auc.csv")
    var = read_csv("force_history_auc_variants.csv")
    coef = read_csv("force_history_coefficients.csv")
    rows = [
        [
            OPS[r["operation"]],
            r["universe"],
            f"{int(r['contributors'])} of {int(r['candidates'])}",
            num(r["auc_model"], 3),
            num(r["auc_baseline_member_and_past"], 3),
            num(r["auc_baseline_member"], 3),
            num(r["auc_baseline_past"], 3),
        ]
        for _, r in auc.iterrows()
    ]
    table = md_table(
        [
            "operation",
            "candidates",
            "contributors",
            "AUC model",
            "AUC NATO/EU and past contributor",
            "AUC NATO/EU",
            "AUC record",
        ],
        rows,
    )
    crows = [[r["term"], num(r["coefficient"], 3), num(r["se"], 3)] for _, r in coef.iterrows()]
    ctable = md_table(["term", "probit coefficient", "standard error"], crows)
    vrows = [
        [
            r["variant"],
            OPS[r["operation"]],
            r["universe"],
            num(r["auc_model"], 3),
            num(r["auc_baseline_member_and_past"], 3),
        ]
        for _, r in var.iterrows()
        if r["variant"] != "main"
    ]
    vtable = md_table(["variant", "operation", "candidates", "AUC model", "AUC baseline"], vrows)
    worst = float(auc["auc_model"].min())
    beats = bool((auc["auc_model"] > auc["auc_baseline_member_and_past"]).all())
    train = ", ".join(OPS[o] for o in s["train"])
    size = s["size"]
    verdict = (
        f"The lowest model AUC is **{num(worst, 3)}**; the target was 0.75 and above the baseline"
        f" in every row: {'met' if worst >= 0.75 and beats else 'not met'}."
    )
    return f"""## 2. Who sends troops: past operations, out of sample

The contribution index (ODD 7.2) is a probit fitted on {train}
({s["train_rows"]} state-operations, {s["train_contributors"]} contributions; contributor lists
in `scenarios/sources/force_history/`, each with its source). With inputs dated before each
operation — record in the earlier fitted operations, NATO and EU membership at the start, military
personnel the year before (CoW NMC), being in Europe, a parliamentary prior-approval rule — it
ranks the states that contributed to two operations it was not built from. Baseline: "NATO or EU
member and past contributor" (a yes/no score), and its two halves. Candidates: every state in the
CoW system less the hosts, or only the European, NATO or EU states.
[`force_history_auc.csv`]({rel("force_history_auc.csv")}),
[`force_history_predictions.csv`]({rel("force_history_predictions.csv")}).

{table}

{verdict}

{ctable}

Robustness ([`force_history_auc_variants.csv`]({rel("force_history_auc_variants.csv")})):

{vtable}

Contingent size: ln(contingent / operation total) rises {num(size["elasticity"], 2)} (se
{num(size["elasticity_se"], 2)}) per unit ln(military personnel) and {num(size["record_effect"], 2)}
(se {num(size["record_effect_se"], 2)}) per unit record ({size["n"]} contingents of
{", ".join(OPS[o] for o in size["operations"])}; R² {num(size["r2"], 2)}).

Limits: the lists name contributors, not when each joined (KFOR's list covers its first years;
UNIFIL's counts three states that had only pledged by September 2006); the prior-approval survey is
dated 2012, after these operations (its rules are older; the variant without it is above); in
these data a prior-approval rule goes with more contributions, not fewer.
"""


def force_2025() -> str:
    s = read_json("force_2025_summary.json")
    cands = read_csv("force_2025_candidates.csv")
    parts = read_csv("force_2025_pledge_parts.csv")
    q = s["troops_quantiles_given_any"] or {}
    rq = s["required_quantiles"]
    lo, hi = s["p_member_quartiles"]
    mrows = [
        [
            r["iso3"],
            pct(r["p_member"]),
            num(r["mean_troops_if_member"], 0),
            num(r["record"], 2),
            num(r["statement"], 1),
            r["later_statement"] or "",
        ]
        for _, r in cands.iterrows()
    ]
    mtable = md_table(
        [
            "state",
            "P(in the force)",
            "mean troops when in",
            "record",
            "statement (to 24 Feb 2025)",
            "later statement (evaluation only)",
        ],
        mrows,
    )
    prow = [
        [
            r["iso3"],
            num(r["index"], 2),
            num(r["backstop"], 2),
            num(r["lead_absent"], 2),
            num(r["free_riding"], 2),
            num(r["disposition"], 2),
            pct(r["probability"]),
            "in" if r["member"] else "out",
            r["reason"],
        ]
        for _, r in parts.iterrows()
    ]
    ptable = md_table(
        [
            "candidate",
            "index",
            "backstop",
            "no lead in",
            "free riding",
            "disposition",
            "P(in | others)",
            "",
            "main reason",
        ],
        prow,
    )
    return f"""## 3. The reassurance force, 2025

Under the scenario's baseline assumptions (backstop {num(s["backstop"], 2)}, no US ground troops;
{s["candidates"]} candidates with {num(s["capacity_total"], 0)} troops of deployable capacity in
all), {num(s["replications"], 0)} replications (root seed {s["root_seed"]}). A state is counted in
the force at agreement, or in the last round when there is none.
[`force_2025_members.csv`]({rel("force_2025_members.csv")}),
[`force_2025_candidates.csv`]({rel("force_2025_candidates.csv")}),
[`force_2025_summary.json`]({rel("force_2025_summary.json")}).

- P(in the force) separates the candidates: its 25th and 75th percentiles across candidates are
  {pct(lo)} and {pct(hi)} (spread **{num(s["p_member_iqr"], 2)}**; target ≥ 0.3).
- A force forms in {pct(s["p_any_force"])} of replications (a lead nation is in in
  {pct(s["p_lead_in"])}), with {num(s["mean_members_given_any"])} members on average, median
  {qget(q, "0.5")} troops (5–95%: {qget(q, "0.05")}–{qget(q, "0.95")}).
- The strength required (drawn per replication) has median {num(rq["0.5"], 0)} (5–95%:
  {num(rq["0.05"], 0)}–{num(rq["0.95"], 0)}); the force reaches it in
  {pct(s["p_troops_at_least_required"])} of replications.
- Headline odds in the same run: P(agreement) {pct(s["p_agreement"])}, P(holds | agreed)
  {pct(s["p_holds"])}, P(agreed and holds) {pct(s["p_agreed_and_holds"])}.

The last column holds what states said after the scenario's start (kept in `experiments/data/`,
never an input): a check on the model, not a target it was fitted to.

{mtable}

![Troops against the strength required]({rel("force_2025_troops.png")})

**Why each candidate is in or out** (round 1 of one replication,
[`force_2025_pledge_parts.csv`]({rel("force_2025_pledge_parts.csv")})): the index from its
attributes, the terms that depend on the others and the backstop, its disposition, its
probability of being in given the others, and the main reason.

{ptable}
"""
