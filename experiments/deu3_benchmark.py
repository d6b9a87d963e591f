"""Benchmark of the general core on DEU III (ODD 7.4): ``model.forecast`` against the outcomes.

The solution is the one the round uses: the asymmetric Nash bargaining solution among the veto
players over their disagreement values. Chosen on theory before scoring, applied to every issue
the same way:

- Veto players by procedure (Tsebelis 2002, *Veto Players*; Tsebelis & Garrett 2000, EUP 1(1)):
  under unanimity every member state with a position; under qualified majority the Council acts
  through its two QMV pivots, the member states at which a qualified majority (``QMV_SHARE`` of
  the voting weight of the states with a position) is reached counting from either end (any
  change from the reference point needs both); the European Parliament under codecision (COD);
  the Commission under consultation (CNS), where the Council can amend its proposal only by
  unanimity (conditional agenda setter, Tsebelis & Garrett 2000).
- Disagreement point: the reference point ``rp`` (the outcome without a decision); an issue
  without one recorded has no disagreement point, and any agreement beats none (utility 0).
  When no point gives every veto player a gain, the forecast is the reference point.
- Bargaining power: capability (the row-2 voting weight) × salience. On one dimension the
  salience-weighted distance drops the salience, so it enters as power, as in the DEU
  literature's weights (Achen 2006, in *The European Union Decides*).
- A missing salience is taken as 50, the middle of the 0–100 scale (ASSUMPTION).

Baselines from the same ``forecast`` call: the capability × salience weighted mean and median
of all actors' positions (the data README reports 22.9 and 27.4 on this file), and the reference
point itself (nothing changes). Writes experiments/results/deu3_benchmark.json and deu3_issues.csv.

    python experiments/deu3_benchmark.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import DATA, write_csv, write_json

from model.forecast import forecast

DATA_FILE = DATA / "deu3" / "deu3_calibration.tsv"
QMV_SHARE = 0.71  # 62 of 87 Council votes (Amsterdam, 1995-2004); Nice 2004: 232/321 = 72.3%
MISSING_SALIENCE = 50.0
COMMISSION, PARLIAMENT = "com", "ep"


def load() -> tuple[pd.DataFrame, list[str], dict[str, float]]:
    """Issues, actor codes in column order, and each actor's capability."""
    raw = pd.read_csv(DATA_FILE, sep="\t", dtype=str, keep_default_na=False)
    pos_cols = list(raw.columns[13:43])
    actors = [c[1:] for c in pos_cols]
    capability = {a: float(raw.iloc[0][c]) for a, c in zip(actors, pos_cols, strict=True)}
    return raw.iloc[1:].reset_index(drop=True), actors, capability


def qmv_pivots(x: np.ndarray, weight: np.ndarray) -> tuple[int, int]:
    """Indices of the member states at which QMV_SHARE of the weight is reached from each end."""
    order = np.argsort(x, kind="stable")
    cum = np.cumsum(weight[order]) / weight.sum()
    left = order[int(np.argmax(cum >= 1 - QMV_SHARE + 1e-12))]  # QMV_SHARE at or above it
    right = order[int(np.argmax(cum >= QMV_SHARE - 1e-12))]  # QMV_SHARE at or below it
    return int(left), int(right)


def veto_players(row: pd.Series, present: list[str], x: np.ndarray, cap: np.ndarray) -> list[int]:
    """Indices (into ``present``) of the issue's veto players under its procedure."""
    states = [i for i, a in enumerate(present) if a not in (COMMISSION, PARLIAMENT)]
    veto: set[int] = set()
    if row["counvte"].startswith("Unan"):
        veto.update(states)
    elif states:
        s = np.array(states)
        left, right = qmv_pivots(x[s], cap[s])
        veto.update({int(s[left]), int(s[right])})
    if row["proc"] == "COD" and PARLIAMENT in present:
        veto.add(present.index(PARLIAMENT))
    if row["proc"] == "CNS" and COMMISSION in present:
        veto.add(present.index(COMMISSION))
    return sorted(veto)


def forecast_issue(
    row: pd.Series, actors: list[str], capability: dict[str, float]
) -> dict[str, object]:
    present = [a for a in actors if row[f"p{a}"] != ""]
    x = np.array([float(row[f"p{a}"]) for a in present])
    sal = np.array([float(row[f"s{a}"] or MISSING_SALIENCE) for a in present])
    cap = np.array([capability[a] for a in present])
    veto = veto_players(row, present, x, cap)
    rp = float(row["rp"]) if row["rp"] != "" else None
    f = forecast(
        x[:, None],
        sal[:, None] / 100.0,
        cap,
        veto,
        scale=(0.0, 100.0),
        disagreement=None if rp is None else [rp],
        power=cap[veto] * sal[veto] / 100.0 + 1e-12,
    )
    return {
        "issue": row["isnr"],
        "procedure": row["proc"],
        "council_rule": row["counvte"],
        "actors": len(present),
        "veto_players": ";".join(present[i] for i in veto),
        "reference_point": np.nan if rp is None else rp,
        "outcome": float(row["out"]),
        "nash": float(f.outcome[0]),
        "feasible": f.feasible,
        "weighted_mean": float(f.weighted_mean[0]),
        "weighted_median": float(f.weighted_median[0]),
    }


def main() -> None:
    issues, actors, capability = load()
    scored = issues[pd.to_numeric(issues["out"], errors="coerce").notna()]
    table = pd.DataFrame([forecast_issue(r, actors, capability) for _, r in scored.iterrows()])
    models = ["nash", "weighted_mean", "weighted_median"]
    err = {m: (table[m] - table["outcome"]).abs() for m in models}
    with_rp = table["reference_point"].notna()
    rp_err = (table["reference_point"] - table["outcome"]).abs()[with_rp]
    summary = {
        "data": "experiments/data/deu3/deu3_calibration.tsv (DEU III calibration half; README)",
        "issues_scored": len(table),
        "issues_with_reference_point": int(with_rp.sum()),
        "mae": {m: float(e.mean()) for m, e in err.items()},
        "mae_with_reference_point": {m: float(e[with_rp].mean()) for m, e in err.items()}
        | {"reference_point": float(rp_err.mean())},
        "median_absolute_error": {m: float(e.median()) for m, e in err.items()},
        "share_feasible": float(table["feasible"].mean()),
        "mae_by_feasibility": {
            ("feasible" if k else "infeasible (forecast = reference point)"): {
                m: float(err[m][table["feasible"] == k].mean()) for m in models
            }
            | {"issues": int((table["feasible"] == k).sum())}
            for k in (True, False)
        },
        "readme_baselines": {"weighted_mean": 22.9, "weighted_median": 27.4},
        "solution": "asymmetric Nash bargaining among veto players over the reference point; "
        f"power = capability x salience; QMV pivots at share {QMV_SHARE:.2f}",
    }
    write_csv(table, "deu3_issues.csv", decimals=3)
    write_json(summary, "deu3_benchmark.json")
    mae = {m: float(e.mean()) for m, e in err.items()}
    print(
        f"DEU III, {len(table)} issues: MAE Nash {mae['nash']:.1f}, weighted mean "
        f"{mae['weighted_mean']:.1f}, weighted median {mae['weighted_median']:.1f}"
    )


if __name__ == "__main__":
    main()
