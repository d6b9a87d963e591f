"""Who contributed to past multinational operations, out of sample (ODD 7.2, validation).

The contribution index of agents/rules/force_generation.py is fitted (a probit) on five
operations — IFOR 1995, SFOR 1996, EUFOR Althea 2004, ISAF 2010, eFP 2017 — and used, with inputs
dated before each operation, to predict who contributed to two operations it was not built from:
KFOR 1999 and the 2006 UNIFIL reinforcement. The score is the area under the ROC curve, beside
the baseline "NATO or EU member and past contributor" (and its two halves). The size key
(contingent size against the size of the armed forces and the record) is fitted on the
operations with troop numbers (IFOR, SFOR, ISAF).

    .venv/bin/python experiments/force_history.py

Inputs: scenarios/sources/force_history/ (SOURCES.md), CoW NMC v6 military personnel.
Candidates of an operation: every state in the NMC file the year before (NMC ends in 2016), less
the host states. Record: the share of the reference operations (the five fitted ones, never a
test operation) that started before this one and that the state contributed to.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from common import ROOT, write_csv, write_json
from force_history_codes import nmc_path
from scipy.optimize import minimize
from scipy.stats import norm, rankdata

from agents.rules.force_generation import FEATURES, contribution_index

SRC = ROOT / "scenarios" / "sources" / "force_history"
TRAIN = ("IFOR_1995", "SFOR_1996", "EUFOR_2004", "ISAF_2010", "EFP_2017")
TEST = ("KFOR_1999", "UNIFIL_2006")
HIST_FEATURES = tuple(f for f in FEATURES if f != "statement")  # no pre-operation statements
EUROPE = (200, 399)  # CoW codes of European states


def load() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ops = pd.read_csv(SRC / "operations.csv", parse_dates=["start"])
    contrib = pd.read_csv(SRC / "contributions.csv")
    codes = pd.read_csv(SRC / "cow_iso3.csv")
    acc = pd.read_csv(SRC / "nato_eu_accession.csv", parse_dates=["nato", "eu_join", "eu_leave"])
    approval = pd.read_csv(SRC / "prior_approval.csv")
    return ops, contrib, codes, acc, approval


def features(
    op: pd.Series,
    ops: pd.DataFrame,
    contrib: pd.DataFrame,
    codes: pd.DataFrame,
    acc: pd.DataFrame,
    approval: pd.DataFrame,
    nmc: pd.DataFrame,
    reference: tuple[str, ...],
) -> pd.DataFrame:
    """One row per candidate state of ``op``: the features dated before it, and whether it came."""
    year = min(op["start"].year - 1, int(nmc["year"].max()))
    states = nmc[nmc["year"] == year].merge(codes[["ccode", "iso3"]], on="ccode")
    states = states[~states["iso3"].isin(str(op["hosts"]).split(";"))].copy()
    prior = ops[(ops["start"] < op["start"]) & ops["operation"].isin(reference)]["operation"]
    came = contrib[contrib["operation"].isin(prior)].groupby("iso3")["operation"].nunique()
    states["record"] = states["iso3"].map(came).fillna(0) / max(len(prior), 1)
    start = pd.Timestamp(op["start"])

    def member_on(column: str) -> dict[str, bool]:
        """Who had joined (``nato``, ``eu_join``) or left (``eu_leave``) by the start."""
        dates = zip(acc["iso3"], pd.to_datetime(acc[column]), strict=True)
        return {str(i): bool(pd.notna(d) and d <= start) for i, d in dates}

    nato, eu_in, eu_out = member_on("nato"), member_on("eu_join"), member_on("eu_leave")
    states["nato"] = [float(nato.get(i, False)) for i in states["iso3"]]
    states["eu"] = [float(eu_in.get(i, False) and not eu_out.get(i, False)) for i in states["iso3"]]
    states["log_milper"] = np.log1p(states["milper"].clip(lower=0).astype(float))
    states["europe"] = states["ccode"].between(*EUROPE).astype(float)
    states["prior_approval"] = states["iso3"].isin(approval["iso3"]).astype(float)
    members = contrib[contrib["operation"] == op["operation"]]
    states["contributed"] = states["iso3"].isin(members["iso3"]).astype(int)
    states["troops"] = states["iso3"].map(members.set_index("iso3")["troops"])
    states["operation"] = op["operation"]
    states["baseline"] = (((states["nato"] + states["eu"]) > 0) & (states["record"] > 0)).astype(
        float
    )
    keep = [
        "operation",
        "iso3",
        "ccode",
        "milper",
        *HIST_FEATURES,
        "contributed",
        "troops",
        "baseline",
    ]
    return states[keep].reset_index(drop=True)


def panel() -> pd.DataFrame:
    ops, contrib, codes, acc, approval = load()
    nmc = pd.read_csv(nmc_path())
    rows = [
        features(op, ops, contrib, codes, acc, approval, nmc, TRAIN) for _, op in ops.iterrows()
    ]
    return pd.concat(rows, ignore_index=True)


def probit(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-likelihood probit: coefficients and standard errors (from the analytic Hessian)."""
    q = 2.0 * y - 1.0

    def nll(beta: np.ndarray) -> tuple[float, np.ndarray]:
        z = q * (x @ beta)
        lam = np.exp(norm.logpdf(z) - norm.logcdf(z))
        return float(-norm.logcdf(z).sum()), -(x.T @ (q * lam))

    res = minimize(nll, np.zeros(x.shape[1]), jac=True, method="BFGS", options={"gtol": 1e-10})
    z = q * (x @ res.x)
    lam = np.exp(norm.logpdf(z) - norm.logcdf(z))
    hessian = (x * (lam * (lam + z))[:, None]).T @ x
    return res.x, np.sqrt(np.diag(np.linalg.inv(hessian)))


def fit_index(
    train: pd.DataFrame, feats: tuple[str, ...] = HIST_FEATURES
) -> tuple[dict[str, float], dict[str, float]]:
    """Probit of contributing on the features: coefficients and standard errors."""
    names = ["intercept", *feats]
    x = np.column_stack([np.ones(len(train)), train[list(feats)].to_numpy(float)])
    beta, se = probit(train["contributed"].to_numpy(float), x)
    return dict(zip(names, beta.tolist(), strict=True)), dict(zip(names, se.tolist(), strict=True))


def fit_size(data: pd.DataFrame) -> dict[str, Any]:
    """OLS of log(contingent / operation total) on log milper and record, with operation effects."""
    d = data[data["troops"].notna() & (data["troops"] > 0) & (data["milper"] > 0)].copy()
    d["log_share"] = np.log(d["troops"] / d.groupby("operation")["troops"].transform("sum"))
    dummies = pd.get_dummies(d["operation"], dtype=float)
    x = np.column_stack([d[["log_milper", "record"]].to_numpy(float), dummies.to_numpy()])
    y = d["log_share"].to_numpy(float)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    sigma2 = resid @ resid / (len(y) - x.shape[1])
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(x.T @ x)))
    return {
        "elasticity": float(beta[0]),
        "elasticity_se": float(se[0]),
        "record_effect": float(beta[1]),
        "record_effect_se": float(se[1]),
        "n": len(d),
        "operations": sorted(d["operation"].unique().tolist()),
        "r2": float(1.0 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))),
    }


def auc(y: pd.Series, score: pd.Series) -> float:
    """Area under the ROC curve (Mann-Whitney, ties count one half)."""
    pos = y.to_numpy(bool)
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = rankdata(score.to_numpy(float))
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def evaluate(test: pd.DataFrame, coef: dict[str, float]) -> tuple[pd.DataFrame, pd.DataFrame]:
    feats = {k: test[k].to_numpy(float) for k in HIST_FEATURES if k in coef}
    test = test.assign(index=contribution_index(feats, coef))
    test["p_model"] = norm.cdf(test["index"])
    rows = []
    for op, g in test.groupby("operation"):
        for universe, sub in (
            ("all states", g),
            (
                "Europe, NATO or EU",
                g[(g["ccode"].between(*EUROPE)) | (g["nato"] > 0) | (g["eu"] > 0)],
            ),
        ):
            y = sub["contributed"]
            rows.append(
                {
                    "operation": op,
                    "universe": universe,
                    "candidates": len(sub),
                    "contributors": int(y.sum()),
                    "auc_model": auc(y, sub["index"]),
                    "auc_baseline_member_and_past": auc(y, sub["baseline"]),
                    "auc_baseline_member": auc(y, ((sub["nato"] + sub["eu"]) > 0).astype(float)),
                    "auc_baseline_past": auc(y, sub["record"]),
                }
            )
    return pd.DataFrame(rows), test


def variants(data: pd.DataFrame) -> pd.DataFrame:
    """Robustness of the out-of-sample AUC: fitted only on operations before the one predicted;
    without the prior-approval feature (its source is dated 2012); UNIFIL's pledged states
    counted as non-contributors."""
    ops = pd.read_csv(SRC / "operations.csv", parse_dates=["start"]).set_index("operation")
    contrib = pd.read_csv(SRC / "contributions.csv")
    pledged = set(
        contrib[contrib["status"] == "pledged"][["operation", "iso3"]].itertuples(
            index=False, name=None
        )
    )
    train = data[data["operation"].isin(TRAIN)]
    starts = {str(o): pd.Timestamp(d) for o, d in zip(ops.index, ops["start"], strict=True)}
    out = []
    for test_op in TEST:
        test = data[data["operation"] == test_op].copy()
        earlier = [o for o in TRAIN if starts[o] < starts[test_op]]
        runs = {
            "main": (train, HIST_FEATURES, test),
            "fitted on earlier operations only (" + ", ".join(earlier) + ")": (
                data[data["operation"].isin(earlier)],
                HIST_FEATURES,
                test,
            ),
            "without prior_approval": (
                train,
                tuple(f for f in HIST_FEATURES if f != "prior_approval"),
                test,
            ),
        }
        if any(op == test_op for op, _ in pledged):
            deployed = test.copy()
            deployed["contributed"] = [
                int(c and (test_op, i) not in pledged)
                for c, i in zip(deployed["contributed"], deployed["iso3"], strict=True)
            ]
            runs["pledges not counted as contributions"] = (train, HIST_FEATURES, deployed)
        for name, (fit_on, feats, target) in runs.items():
            coef, _ = fit_index(fit_on, feats)
            scores, _ = evaluate(target, coef)
            out += [{"variant": name, **row} for row in scores.to_dict(orient="records")]
    return pd.DataFrame(out)


def main() -> None:
    data = panel()
    train = data[data["operation"].isin(TRAIN)]
    coef, se = fit_index(train)
    size = fit_size(train)
    scores, test = evaluate(data[data["operation"].isin(TEST)].copy(), coef)
    in_sample, _ = evaluate(train.copy(), coef)
    write_csv(scores, "force_history_auc.csv")
    write_csv(variants(data), "force_history_auc_variants.csv")
    write_csv(in_sample, "force_history_auc_in_sample.csv")
    write_csv(
        pd.DataFrame(
            {"term": list(coef), "coefficient": list(coef.values()), "se": [se[k] for k in coef]}
        ),
        "force_history_coefficients.csv",
    )
    preds = test[["operation", "iso3", "contributed", "baseline", "record", "index", "p_model"]]
    write_csv(
        preds.sort_values(["operation", "p_model", "iso3"], ascending=[True, False, True]),
        "force_history_predictions.csv",
    )
    counts = data.groupby("operation").agg(
        candidates=("iso3", "size"), contributors=("contributed", "sum")
    )
    summary = {
        "train": list(TRAIN),
        "test": list(TEST),
        "features": list(HIST_FEATURES),
        "coefficients": coef,
        "standard_errors": se,
        "size": size,
        "train_rows": len(train),
        "train_contributors": int(train["contributed"].sum()),
        "per_operation": {k: {c: int(v) for c, v in r.items()} for k, r in counts.iterrows()},
        "auc": scores.to_dict(orient="records"),
    }
    write_json(summary, "force_history_summary.json")
    print(scores.round(3).to_string(index=False))
    print({k: round(v, 3) for k, v in coef.items()})
    print(size)


if __name__ == "__main__":
    main()
