"""The reassurance force under the ukraine-2025 baseline assumptions (backstop as stated, no US
ground troops): who is in it, how often, with how many troops, against the strength required.

    .venv/bin/python experiments/force_2025.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import DATA, SCENARIO, SEED, save_png, write_csv, write_json

import model
from agents.rules.force_generation import FEATURES
from scenarios import load_scenario

REPLICATIONS = 2000
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def pledge_parts(scenario: object) -> pd.DataFrame:
    """Round 1 of one replication (seed SEED): each candidate's contribution index (sourced
    attributes x fitted coefficients), the terms that depend on the others and the guarantor, its
    disposition, its probability of being in given the others, and the main reason."""
    m = model.AccordModel(scenario, rng=SEED)  # type: ignore[arg-type]
    m.step()
    rows = []
    for iso, c in m.explain()["candidates"].items():
        index = sum(c[k] for k in ("intercept", *FEATURES))
        joint = {k: c[k] for k in ("exposure", "backstop", "lead_absent", "free_riding")}
        rows.append(
            {
                "iso3": iso,
                "index": index,
                **joint,
                "disposition": c["disposition"],
                "net": c["net"],
                "probability": c["probability"],
                "member": c["member"],
                "troops": c["troops"],
                "reason": c["reason"],
            }
        )
    return pd.DataFrame(rows).sort_values("iso3", ignore_index=True)


def candidates(scenario: object, res: object) -> pd.DataFrame:
    """Per candidate: its sourced attributes, P(member), mean troops when in (capacity and record
    at work), and a later public statement where one exists (evaluation data, never an input)."""
    force = {r.iso3: r for r in scenario.force}  # type: ignore[attr-defined]
    member = res.membership  # type: ignore[attr-defined]
    troops = res.troops  # type: ignore[attr-defined]
    later = pd.read_csv(DATA / "force_statements_after_2025-02-24.csv")
    said: dict[str, str] = {}
    for r in later.itertuples(index=False):
        for iso in str(r.iso3).split(";"):
            said.setdefault(iso, f"{r.date}: {r.statement}")
    rows = []
    for j, iso in enumerate(res.candidates):  # type: ignore[attr-defined]
        f = force[iso]
        inside = member[:, j]
        rows.append(
            {
                "iso3": iso,
                "record": f.record,
                "milper": f.milper,
                "statement": f.statement,
                "p_member": float(inside.mean()),
                "mean_troops_if_member": float(troops[inside, j].mean()) if inside.any() else 0.0,
                "later_statement": said.get(iso, ""),
            }
        )
    return pd.DataFrame(rows).sort_values(["p_member", "iso3"], ascending=[False, True])


def main() -> None:
    scenario = load_scenario(SCENARIO)
    res = model.run_ensemble(scenario, REPLICATIONS, rng=SEED)
    members = res.force_table()[["iso3", "p_member", "mean_troops"]]
    members["p_member"] = members["p_member"].round(4)
    members = members.sort_values(["p_member", "iso3"], ascending=[False, True], ignore_index=True)
    write_csv(members, "force_2025_members.csv", decimals=4)
    table = candidates(scenario, res)
    write_csv(table, "force_2025_candidates.csv", decimals=4)
    p = members["p_member"].to_numpy(float)

    rows = res.rows
    troops = rows["force_troops"].to_numpy(float)
    required = rows["param_force_required_troops"].to_numpy(float)
    size = res.membership.sum(axis=1)
    agreed = rows["agreed"].to_numpy(bool)
    summary = {
        "replications": REPLICATIONS,
        "root_seed": SEED,
        "p_member_iqr": float(np.quantile(p, 0.75) - np.quantile(p, 0.25)),
        "p_member_quartiles": [float(np.quantile(p, 0.25)), float(np.quantile(p, 0.75))],
        "p_any_force": float((size > 0).mean()),
        "p_lead_in": float(rows["lead_in"].mean()),
        "p_troops_at_least_required": float((troops >= required).mean()),
        "p_any_force_given_agreed": float((size[agreed] > 0).mean()) if agreed.any() else None,
        "mean_members": float(size.mean()),
        "mean_members_given_any": float(size[size > 0].mean()) if (size > 0).any() else None,
        "candidates": int(res.membership.shape[1]),
        "capacity_total": int(sum(s.troop_capacity for s in scenario.states)),
        "backstop": scenario.parameters["backstop"].central,
        "p_agreement": res.p_agreement["p"],
        "p_holds": res.p_holds["p"],
        "p_agreed_and_holds": res.p_agreed_and_holds["p"],
        "troops_quantiles": {str(q): float(np.quantile(troops, q)) for q in QUANTILES},
        "required_quantiles": {str(q): float(np.quantile(required, q)) for q in QUANTILES},
        "troops_quantiles_given_any": (
            {str(q): float(np.quantile(troops[size > 0], q)) for q in QUANTILES}
            if (size > 0).any()
            else None
        ),
    }
    write_json(summary, "force_2025_summary.json")
    write_csv(pledge_parts(scenario), "force_2025_pledge_parts.csv")
    figure(troops, required, size)
    print(members.head(10).to_string(index=False))
    print({k: v for k, v in summary.items() if not isinstance(v, dict)})


def figure(troops: np.ndarray, required: np.ndarray, size: np.ndarray) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    bins = np.linspace(0, max(float(troops.max()), float(required.max())) * 1.02, 41)
    axes[0].hist(required, bins=bins, alpha=0.6, label="required strength R (drawn)")
    axes[0].hist(troops, bins=bins, alpha=0.6, label="pledged troops T")
    axes[0].set_xlabel("troops")
    axes[0].set_ylabel("replications")
    axes[0].legend(fontsize=8)
    axes[0].set_title("Total troops against the strength required")
    ratio = np.divide(troops, required, out=np.zeros_like(troops), where=required > 0)
    axes[1].hist(ratio, bins=np.linspace(0, max(1.0, float(ratio.max())) * 1.02, 41))
    axes[1].axvline(1.0, color="black", lw=0.8)
    axes[1].set_xlabel("adequacy T / R")
    axes[1].set_title(f"Force forms in {100 * (size > 0).mean():.1f}% of replications")
    fig.tight_layout()
    save_png(fig, "force_2025_troops.png")


if __name__ == "__main__":
    main()
