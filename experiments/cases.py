"""The historical cases, forecast blind and scored against what happened.

    .venv/bin/python experiments/cases.py

Runs every case scenario (the built-in scenarios on the shared behaviour file) and scores, against
``experiments/data/case_outcomes.csv`` (read here, never by a build):

- P(agreement within the horizon), P(holds 36 months | agreed), P(a force deploys | agreed),
- force membership: each candidate's P(in the force | agreed) against the contributor list,

with the Brier score and the log score (mean negative log-likelihood, probabilities clipped to
[0.01, 0.99] so one certain miss does not dominate), beside two baselines fitted leave-one-
case-out: (a) the base rate of the other cases, (b) a logistic regression on the usual
covariates (peacekeepers present, third-party guarantee, decisive battlefield outcome, log war
duration; L2-penalised, C = 1, as 12 cases separate perfectly otherwise). Writes
experiments/results/cases_*.csv|json|png and the results part of each docs/cases/<case>.md.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from common import DATA, ROOT, SEED, read_csv, save_png, write_csv, write_json

import model
from scenarios import Scenario, list_builtin, load_scenario

DOCS = ROOT / "docs" / "cases"
#: where a case page's generated head (written by the case build) ends and this part begins
RESULTS_MARK = "<!-- results: written by experiments/cases.py -->"

REPLICATIONS = 2000
CLIP = (0.01, 0.99)
COVARIATES = ("peacekeepers_present", "third_party_guarantee", "decisive_outcome", "log_duration")
TARGETS = {
    "agreement": ("p_agreement", "agreement_within_horizon", "all cases"),
    "holds_36": ("p_holds", "held_36", "cases that agreed"),
    "force_deployed": ("p_force", "force_deployed", "cases that agreed"),
}


def case_scenarios() -> list[Scenario]:
    """The built-in scenarios based on the shared case behaviour file, in order of start."""
    found = [load_scenario(n) for n in list_builtin()]
    return sorted((s for s in found if s.behaviour == "cases"), key=lambda s: (s.start, s.name))


def fitted_operations(scenario: Scenario) -> list[str]:
    """The operations the shared contribution index was fitted on (named in its source)."""
    source = scenario.parameters["force_index_intercept"].source
    fitted = source.split("contributions:", 1)[-1].split(";", 1)[0]
    return re.findall(r"\b([A-Za-z]{2,}) \d{4}\b", fitted)


def outcomes() -> pd.DataFrame:
    table = pd.read_csv(DATA / "case_outcomes.csv", dtype=str, keep_default_na=False)
    for col in ("agreement_within_horizon", "held_36", "force_deployed", *COVARIATES[:3]):
        table[col] = table[col].astype(int)
    table["log_duration"] = np.log1p(table["war_duration_months"].astype(float))
    return table.set_index("case")


def forecast(name: str) -> tuple[dict[str, float], pd.DataFrame]:
    """P(agreement), P(holds | agreed), P(force | agreed) and each candidate's membership."""
    res = model.run_ensemble(name, REPLICATIONS, rng=SEED)
    agreed = res.rows["agreed"].to_numpy(bool)
    member = res.membership[agreed] if agreed.any() else res.membership[:0]
    p_force = float((member.sum(axis=1) > 0).mean()) if len(member) else math.nan
    members = pd.DataFrame(
        {
            "case": name,
            "iso3": list(res.candidates),
            "p_member": member.mean(axis=0) if len(member) else np.nan,
        }
    )
    out = {
        "p_agreement": res.p_agreement["p"],
        "p_holds": res.p_holds["p"] if res.p_holds["n"] else math.nan,
        "p_force": p_force,
        "mean_round": float(res.rows.loc[agreed, "agreement_round"].mean())
        if agreed.any()
        else math.nan,
    }
    return out, members


def loo_base_rate(y: np.ndarray) -> np.ndarray:
    """Each case's baseline: the outcome rate of the other cases."""
    n = len(y)
    return np.array([(y.sum() - y[i]) / (n - 1) for i in range(n)])


def loo_logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each case's prediction from a logistic model fitted on the other cases (the base rate
    when the others are all one class)."""
    from sklearn.linear_model import LogisticRegression

    out = np.empty(len(y))
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        if len(set(y[keep])) < 2:
            out[i] = y[keep].mean()
            continue
        fit = LogisticRegression(C=1.0).fit(x[keep], y[keep])
        out[i] = fit.predict_proba(x[i : i + 1])[0, 1]
    return out


def scores(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    q = np.clip(p, *CLIP)
    return {
        "n": len(y),
        "brier": float(np.mean((p - y) ** 2)),
        "log_score": float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))),
    }


def reliability(frame: pd.DataFrame, name: str) -> None:
    """Observed frequency against predicted probability in five bins (force membership and the
    pooled case-level predictions)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfectly calibrated")
    edges = np.linspace(0, 1, 6)
    for label, group in frame.groupby("what", sort=True):
        bins = np.clip(np.digitize(group["p"], edges[1:-1]), 0, 4)
        agg = (
            group.assign(bin=bins)
            .groupby("bin")
            .agg(p=("p", "mean"), y=("y", "mean"), n=("y", "size"))
        )
        ax.plot(agg["p"], agg["y"], marker="o", label=f"{label} (n={len(group)})")
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed frequency")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title("Historical cases: reliability")
    save_png(fig, name)
    plt.close(fig)


def main() -> None:
    truth = outcomes()
    rows, members = [], []
    scenarios = case_scenarios()
    for scenario in scenarios:
        out, table = forecast(scenario.name)
        setting = {
            "mission": scenario.mission.kind if scenario.mission else "none",
            "backstop": scenario.parameters["backstop"].central,
            "n_candidates": int(sum(r.force_candidate for r in scenario.states)),
        }
        rows.append({"case": scenario.name, "start": scenario.start, **setting, **out})
        members.append(table)
    pred = pd.DataFrame(rows).set_index("case").join(truth.drop(columns="start"), how="left")
    x = pred[list(COVARIATES)].to_numpy(float)
    score_rows = []
    for target, (col, outcome, scope) in TARGETS.items():
        mask = (
            np.ones(len(pred), bool)
            if target == "agreement"
            else pred["agreement_within_horizon"].to_numpy() == 1
        )
        mask &= pred[col].notna().to_numpy()
        y = pred.loc[mask, outcome].to_numpy(float)
        p = pred.loc[mask, col].to_numpy(float)
        base = loo_base_rate(y)
        logit = loo_logistic(x[mask], y)
        pred.loc[mask, f"{target}_base_rate"] = base
        pred.loc[mask, f"{target}_logistic"] = logit
        for method, probs in (("model", p), ("base rate (LOO)", base), ("logistic (LOO)", logit)):
            score_rows.append(
                {"target": target, "scope": scope, "method": method, **scores(probs, y)}
            )
    force = pd.concat(members, ignore_index=True)
    contrib = {c: set(filter(None, truth.loc[c, "contributors"].split(";"))) for c in truth.index}
    force["contributed"] = [
        int(i in contrib[c]) for c, i in zip(force["case"], force["iso3"], strict=True)
    ]
    agreed_cases = set(pred.index[pred["agreement_within_horizon"] == 1])
    fitted = fitted_operations(scenarios[0])
    in_fit = {
        c
        for c in truth.index
        if any(re.search(rf"\b{op}\b", truth.loc[c, "force"]) for op in fitted)
    }
    force["in_index_fit"] = force["case"].isin(in_fit).astype(int)
    scored = force[force["case"].isin(agreed_cases - in_fit) & force["p_member"].notna()].copy()
    y = scored["contributed"].to_numpy(float)
    rate = np.array([scored.loc[scored["case"] != c, "contributed"].mean() for c in scored["case"]])
    scored["base_rate"] = rate
    for method, probs in (("model", scored["p_member"].to_numpy(float)), ("base rate (LOO)", rate)):
        score_rows.append(
            {
                "target": "force_membership",
                "scope": "candidates of cases that agreed, not in the index fit",
                "method": method,
                **scores(probs, y),
            }
        )
    missed = [
        {"case": c, "iso3": i}
        for c in sorted(agreed_cases)
        for i in sorted(contrib[c] - set(force.loc[force["case"] == c, "iso3"]))
    ]
    keep = [
        "start",
        "mission",
        "backstop",
        "n_candidates",
        "p_agreement",
        "agreement_within_horizon",
        "agreement_base_rate",
        "agreement_logistic",
        "p_holds",
        "held_36",
        "holds_36_base_rate",
        "holds_36_logistic",
        "p_force",
        "force_deployed",
        "mean_round",
        "months_to_agreement",
        *COVARIATES,
    ]
    write_csv(pred[keep].reset_index(), "cases_predictions.csv")
    write_csv(pd.DataFrame(score_rows), "cases_scores.csv")
    write_csv(force.sort_values(["case", "iso3"], ignore_index=True), "cases_force_members.csv")
    write_csv(
        pd.DataFrame(missed, columns=["case", "iso3"]), "cases_contributors_not_candidates.csv"
    )
    write_json(
        {
            "replications": REPLICATIONS,
            "root_seed": SEED,
            "clip": list(CLIP),
            "cases": [s.name for s in scenarios],
            "index_fitted_on": fitted,
            "cases_in_index_fit": sorted(in_fit),
        },
        "cases_run.json",
    )
    agreed = (pred["agreement_within_horizon"] == 1) & pred["p_holds"].notna()
    points = [
        pd.DataFrame(
            {
                "what": "agreement and holds",
                "p": pd.concat([pred["p_agreement"], pred.loc[agreed, "p_holds"]]),
                "y": pd.concat([pred["agreement_within_horizon"], pred.loc[agreed, "held_36"]]),
            }
        ),
        pd.DataFrame(
            {"what": "force membership", "p": scored["p_member"], "y": scored["contributed"]}
        ),
    ]
    reliability(pd.concat(points, ignore_index=True), "cases_reliability.png")
    pages()


def _p(x: object) -> str:
    v = float(x)  # type: ignore[arg-type]
    return "n/a" if math.isnan(v) else f"{v:.2f}"


def pages() -> None:
    """The results part of each case page, from the result files and the outcomes table."""
    pred = read_csv("cases_predictions.csv").set_index("case")
    force = read_csv("cases_force_members.csv")
    truth = outcomes()
    for name in pred.index:
        path = DOCS / f"{name}.md"
        head = path.read_text(encoding="utf-8").split(RESULTS_MARK, 1)[0]
        r, t = pred.loc[name], truth.loc[name]
        top = (
            force[force["case"] == name]
            .sort_values(["p_member", "iso3"], ascending=[False, True])
            .head(8)
        )
        likely = ", ".join(
            f"{i} {p:.2f}" for i, p in zip(top["iso3"], top["p_member"], strict=True) if p == p
        )
        holds = _p(r["p_holds"])
        base, logit = _p(r["agreement_base_rate"]), _p(r["agreement_logistic"])
        agreed = "yes" if t["agreement_within_horizon"] else "no"
        when = f" ({t['agreement_date']})" if t["agreement_date"] else ""
        broke = f" (broke down {t['breakdown_date']})" if t["breakdown_date"] else ""
        who = t["contributors"].replace(";", ", ")
        lines = [
            RESULTS_MARK,
            "",
            "## What the model says",
            "",
            f"From `experiments/cases.py` ({REPLICATIONS} replications, seed {SEED}; "
            "[all cases](../validation.md#historical-cases)):",
            "",
            f"- P(agreement within the horizon): {_p(r['p_agreement'])} "
            f"(base rate of the other cases {base}, logistic {logit})",
            f"- P(holds 36 months | agreed): {holds}",
            f"- P(a force deploys | agreed): {_p(r['p_force'])}",
            f"- likeliest contributors (P in the force | agreed): {likely or 'none'}",
            "",
            "## What happened",
            "",
            f"- agreement within 24 months: {agreed}: {t['agreement']}{when}",
            f"- held 36 months: {'yes' if t['held_36'] else 'no'}{broke}",
            f"- force: {t['force']}" + (f"; contributors {who}" if who else ""),
            f"- sources: {t['source']}",
            "",
        ]
        path.write_text(head + "\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
