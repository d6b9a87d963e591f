"""Comparing odds results: a session's run history, a pinned baseline, differences with their
intervals, staleness, exports. Plain Python (no solara), so it is tested without a page.

Two ensembles run with the same root seed draw the same random numbers for replication i
(``model.draws``: one SeedSequence child per replication), so a difference between them is a
difference of assumptions, not of draws: common random numbers. For an unconditional probability
(P(agreement), P(agreed and holds)) the difference is then estimated from the paired outcomes
d_i = current_i - baseline_i, with a normal interval mean(d) ± 1.96·sd(d)/√n, much narrower than
two independent intervals when the runs agree replication by replication. P(holds | agreed) is
conditional on agreement, which may differ between the runs, so its difference gets the
unpaired (Wald) interval. With different seeds (or replication counts) every difference is
unpaired, and the page says so.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from model import EnsembleResult
from scenarios import Scenario

Z95 = 1.959963984540054
PROBABILITIES = (  # name, label, paired under common random numbers
    ("p_agreement", "P(agreement)", True),
    ("p_holds", "P(holds | agreed)", False),
    ("p_agreed_and_holds", "P(agreed and holds)", True),
)


def assumptions_of(scenario: Scenario) -> dict[str, float]:
    """The assumptions a scenario changes from the one it was loaded as: name -> value."""
    return {k: float(v[1]) for k, v in sorted(scenario.changed_parameters.items())}


def controls_key(base: Scenario, edits: dict[str, float], seed: int) -> tuple[Any, ...]:
    """What the controls ask for: the scenario as loaded, the assumptions that differ from it,
    the seed. A result made under another key is stale."""
    changed = {
        k: float(v) for k, v in edits.items() if float(base.parameters[k].central) != float(v)
    }
    return (base.content_hash, tuple(sorted(changed.items())), int(seed))


@dataclass(frozen=True, eq=False)
class RunRecord:
    """One odds result of the session, with what it was run on."""

    number: int  # 1, 2, ... in the order of the session
    base_hash: str  # content hash of the scenario as loaded (before the changed assumptions)
    result: EnsembleResult
    seed: int
    at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%H:%M:%S"))

    @property
    def assumptions(self) -> dict[str, float]:
        return assumptions_of(self.result.scenario)

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.base_hash, tuple(sorted(self.assumptions.items())), self.seed)

    def is_stale(self, key: tuple[Any, ...]) -> bool:
        """True when the controls (``controls_key``) no longer ask for what this result is of."""
        return self.key != key

    def label(self) -> str:
        changed = ", ".join(f"{k} = {v:g}" for k, v in self.assumptions.items()) or "as loaded"
        p = self.result.p_agreement
        return (
            f"#{self.number} {self.at} · {changed} · seed {self.seed} · "
            f"n = {self.result.replications:,} · P(agreement) {p['p']:.1%}"
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: scenario, its hashes, seed, replications, assumptions, probabilities."""
        res = self.result
        return {
            "run": self.number,
            "scenario": res.scenario.name,
            "scenario_hash": res.scenario.content_hash,
            "base_scenario_hash": self.base_hash,
            "seed": self.seed,
            "replications": res.replications,
            "assumptions": self.assumptions,
            **{name: dict(getattr(res, name)) for name, _, _ in PROBABILITIES},
        }


@dataclass(frozen=True)
class Difference:
    """current - baseline for one probability, with its 95% interval."""

    name: str
    label: str
    baseline: float
    current: float
    diff: float
    low: float
    high: float
    paired: bool


def _outcome(res: EnsembleResult, name: str) -> np.ndarray:
    agreed = res.rows["agreed"].to_numpy(bool)
    held = res.rows["holds"].to_numpy(bool)
    return (agreed if name == "p_agreement" else held & agreed).astype(float)


def difference(baseline: EnsembleResult, current: EnsembleResult, name: str) -> Difference:
    """The difference of one probability between two results (see the module docstring)."""
    label, pairable = next((lab, pr) for n, lab, pr in PROBABILITIES if n == name)
    b, c = getattr(baseline, name), getattr(current, name)
    diff = float(c["p"] - b["p"])
    same_draws = (
        baseline.root_seed == current.root_seed
        and baseline.replications == current.replications
        and baseline.spawn_key == current.spawn_key
    )
    if pairable and same_draws:
        d = _outcome(current, name) - _outcome(baseline, name)
        n = len(d)
        half = Z95 * float(d.std(ddof=1)) / math.sqrt(n) if n > 1 else float("nan")
        return Difference(name, label, b["p"], c["p"], diff, diff - half, diff + half, True)
    var = sum(p["p"] * (1 - p["p"]) / p["n"] if p["n"] else math.nan for p in (b, c))
    half = Z95 * math.sqrt(var)
    return Difference(name, label, b["p"], c["p"], diff, diff - half, diff + half, False)


def differences(baseline: EnsembleResult, current: EnsembleResult) -> list[Difference]:
    return [difference(baseline, current, name) for name, _, _ in PROBABILITIES]


def comparison_table(baseline: RunRecord, current: RunRecord) -> pd.DataFrame:
    """Baseline and current side by side, with the difference and its interval."""
    rows = []
    for d in differences(baseline.result, current.result):
        rows.append(
            {
                "outcome": d.label,
                f"baseline (#{baseline.number})": f"{d.baseline:.1%}",
                f"current (#{current.number})": f"{d.current:.1%}",
                "difference (95% interval)": f"{d.diff:+.1%} ({d.low:+.1%} to {d.high:+.1%})"
                + ("" if d.paired else " unpaired"),
            }
        )
    return pd.DataFrame(rows)


def export_json(records: list[RunRecord]) -> bytes:
    return (json.dumps([r.as_dict() for r in records], indent=2) + "\n").encode()


def export_csv(records: list[RunRecord]) -> bytes:
    """One row per result: scenario, hashes, seed, replications, assumptions (name=value; ...),
    and each probability with its interval and count."""
    rows = []
    for r in records:
        d = r.as_dict()
        row = {k: d[k] for k in ("run", "scenario", "scenario_hash", "base_scenario_hash")}
        row |= {"seed": r.seed, "replications": d["replications"]}
        row["assumptions"] = "; ".join(f"{k}={v:g}" for k, v in r.assumptions.items())
        for name, _, _ in PROBABILITIES:
            for part in ("p", "low", "high", "n"):
                row[f"{name}_{part}" if part != "p" else name] = d[name][part]
        rows.append(row)
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    return buf.getvalue().encode()
