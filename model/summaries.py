"""An ensemble's summaries, made from the declared outputs (ODD 7.9, Outputs).

``summary`` (nested, for ``--json`` and reports) and ``point_row`` (flat, one row of a sweep)
aggregate each output as ``model.outputs`` declares it: a share with its Wilson interval, a
mean, a mean over agreed replications, quantiles, or a baseline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from agents.rules.votes import CAST, VoteCode
from model.outputs import OUTPUTS, QUANTILES, ROW_QUANTILES, Output
from model.stats import wilson_interval

if TYPE_CHECKING:
    from model.ensemble import EnsembleResult


def _share(hits: int, n: int) -> dict[str, float]:
    lo, hi = wilson_interval(hits, n)
    return {"p": hits / n if n else float("nan"), "low": lo, "high": hi, "n": n}


def probability(res: EnsembleResult, name: str) -> dict[str, float]:
    """An ensemble probability of ``model.outputs.PROBABILITIES`` with its 95% interval."""
    agreed = res.rows["agreed"].to_numpy(bool)
    held = res.rows["holds"].to_numpy(bool)
    if name == "p_agreement":
        return _share(int(agreed.sum()), res.replications)
    if name == "p_holds":  # given agreement
        return _share(int(held[agreed].sum()), int(agreed.sum()))
    if name == "p_agreed_and_holds":
        return _share(int(held.sum()), res.replications)
    raise KeyError(name)


def _cols(res: EnsembleResult, o: Output) -> list[str]:
    if not o.axis:
        return [o.name]
    return [c for c in res.rows.columns if c.startswith(o.name + "_")]


def mean_if_agreed(res: EnsembleResult, name: str) -> dict[str, float]:
    """Mean of an output spread over its axis, over the replications that agreed."""
    agreed = res.rows[res.rows["agreed"]]
    n = len(name) + 1
    cols = [c for c in res.rows.columns if c.startswith(name + "_")]
    return {c[n:]: float(agreed[c].mean()) if len(agreed) else float("nan") for c in cols}


def _quantiles(values: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    return [float(v) for v in np.quantile(values, qs)]


def force_table(res: EnsembleResult) -> pd.DataFrame:
    """Per candidate: how often it is in the force, its mean troops (0 when out), its mean troops
    when in, and the main reason it is likely in (P >= 0.5) or out (ODD 7.2)."""
    from model.stages.force import likely_reasons
    from model.world import compile_world

    p_member = res.membership.mean(axis=0)
    inside = res.membership.sum(axis=0)
    central = {k: v.central for k, v in res.scenario.parameters.items()}
    reasons = likely_reasons(compile_world(res.scenario), central, p_member >= 0.5)
    return pd.DataFrame(
        {
            "iso3": list(res.candidates),
            "p_member": p_member,
            "mean_troops": res.troops.mean(axis=0),
            "mean_troops_if_member": np.divide(
                res.troops.sum(axis=0), inside, out=np.zeros(len(inside)), where=inside > 0
            ),
            "reason": reasons,
        }
    ).sort_values(["p_member", "mean_troops"], ascending=False, ignore_index=True)


def vote_table(res: EnsembleResult, resolution: str) -> pd.DataFrame:
    """Per state: probability of each vote on a resolution, where the vote was held."""
    v = res.votes[resolution]
    v = v[v[:, 0] != VoteCode.NOT_HELD]
    data: dict[str, Any] = {"iso3": list(res.scenario.iso3s)}
    for code in CAST:
        data[f"p_{code.label}"] = (
            (v == code).mean(axis=0) if len(v) else np.full(v.shape[1], np.nan)
        )
    table = pd.DataFrame(data)
    probs = table[[f"p_{c.label}" for c in CAST]].to_numpy()
    table["predicted"] = [CAST[k].letter for k in np.argmax(probs, axis=1)]
    return table


def vote_summary(res: EnsembleResult) -> dict[str, dict[str, Any]]:
    """Per resolution: P(adopted) with its interval and the mean tally."""
    out = {}
    for rid, v in res.votes.items():
        held = v[:, 0] != VoteCode.NOT_HELD
        adopted = res.rows.loc[held, f"adopted_{rid}"]
        counts = np.stack([(v[held] == c).sum(axis=1) for c in CAST], axis=1)
        mean = counts.mean(axis=0) if len(counts) else np.full(len(CAST), np.nan)
        out[rid] = {
            "p_adopted": _share(int(adopted.sum()), int(held.sum())),
            "mean_tally": {c.label: float(m) for c, m in zip(CAST, mean, strict=True)},
        }
    return out


def summary(res: EnsembleResult) -> dict[str, Any]:
    """Everything an ensemble says, as one JSON-able dict."""
    rows = res.rows
    out: dict[str, Any] = {
        "scenario": res.scenario.name,
        "scenario_hash": res.scenario.content_hash,
        "root_seed": res.root_seed,
        "spawn_key": list(res.spawn_key),
        "replications": res.replications,
        "p_agreement": res.p_agreement,
        "p_holds": res.p_holds,
        "p_agreed_and_holds": res.p_agreed_and_holds,
        "agreement_rounds": {int(str(k)): int(v) for k, v in res.agreement_rounds().items()},
    }
    means: dict[str, float] = {}
    for o in OUTPUTS:
        if o.aggregate == "mean_if_agreed":
            out[f"expected_{o.name}"] = mean_if_agreed(res, o.name)
        elif o.aggregate == "quantiles":
            values = rows[o.name].to_numpy(np.float64)
            out[f"{o.name}_quantiles"] = dict(
                zip(map(str, QUANTILES), _quantiles(values, QUANTILES), strict=True)
            )
        elif o.aggregate == "mean" and o.row:
            means |= {c: float(rows[c].mean()) for c in _cols(res, o)}
    out["baselines"] = res.baselines
    out["means"] = means
    out["force"] = force_table(res).to_dict(orient="records")
    out["votes"] = vote_summary(res)
    out["changed_parameters"] = {k: list(v) for k, v in res.scenario.changed_parameters.items()}
    out["versions"] = res.versions
    return out


def point_row(res: EnsembleResult) -> dict[str, Any]:
    """The flat summary a sweep keeps per point (one column per number)."""
    rows = res.rows
    agreed = rows["agreed"].to_numpy(bool)
    row: dict[str, Any] = {}
    for name in ("p_agreement", "p_holds", "p_agreed_and_holds"):
        p = probability(res, name)
        row |= {name: p["p"], f"{name}_low": p["low"], f"{name}_high": p["high"]}
        row[f"{name}_n"] = p["n"]
    row["mean_agreement_round"] = (
        float(rows["agreement_round"][agreed].mean()) if agreed.any() else float("nan")
    )
    for o in OUTPUTS:
        if o.aggregate == "quantiles":
            values = rows[o.name].to_numpy(np.float64)
            row[f"{o.name}_mean"] = float(values.mean())
            for q, value in zip(ROW_QUANTILES, _quantiles(values, ROW_QUANTILES), strict=True):
                row[f"{o.name}_q{round(q * 100):02d}"] = value
        elif o.aggregate == "mean" and o.row:
            for c in _cols(res, o):
                row[f"p_{c}" if o.kind == "bool" else c] = float(rows[c].mean())
        elif o.aggregate == "mean_if_agreed":
            row |= {f"{o.name}_{k}": v for k, v in mean_if_agreed(res, o.name).items()}
    for rid, vote in vote_summary(res).items():
        row[f"p_adopted_{rid}"] = vote["p_adopted"]["p"]
    return row
