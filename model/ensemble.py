"""The batched ensemble: R replications advanced together as arrays (ODD 3; ODD 7.9 Outputs)."""

from __future__ import annotations

import multiprocessing
import platform
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from agents.rules.votes import VOTE_LETTERS
from model.draws import draw_replications, replication_seeds
from model.engine import NOT_HELD, advance, finished, holds, initial_state
from model.model import resolve_scenario
from model.stats import wilson_interval
from model.world import World, compile_world
from scenarios import Scenario

DEFAULT_CHUNK = 2500


def package_versions() -> dict[str, str]:
    """Versions a result was made with."""
    out = {"python": platform.python_version()}
    for pkg in ("accord", "mesa", "numpy", "scipy", "pandas"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = "unknown"
    return out


@dataclass(frozen=True)
class EnsembleResult:
    """Outcomes of R replications and their summaries."""

    scenario: Scenario
    root_seed: int
    replications: int
    rows: pd.DataFrame  # one row per replication
    membership: np.ndarray  # (R, C) in the force at agreement (or the last round)
    troops: np.ndarray  # (R, C)
    votes: dict[str, np.ndarray]  # id -> (R, N) vote codes (NOT_HELD when already agreed)
    baselines: dict[str, dict[str, float]]  # weighted_mean / weighted_median -> dim -> value
    spawn_key: tuple[int, ...] = ()  # set when the root was a spawned SeedSequence
    versions: dict[str, str] = field(default_factory=package_versions)

    # -- headline probabilities ----------------------------------------------------------------
    def _p(self, hits: int, n: int) -> dict[str, float]:
        lo, hi = wilson_interval(hits, n)
        return {"p": hits / n if n else float("nan"), "low": lo, "high": hi, "n": n}

    @property
    def p_agreement(self) -> dict[str, float]:
        return self._p(int(self.rows["agreed"].sum()), self.replications)

    @property
    def p_holds_given_agreed(self) -> dict[str, float]:
        agreed = self.rows["agreed"]
        return self._p(int(self.rows["holds"][agreed].sum()), int(agreed.sum()))

    @property
    def p_agreed_and_holds(self) -> dict[str, float]:
        return self._p(int(self.rows["holds"].sum()), self.replications)

    def agreement_rounds(self) -> pd.Series:
        """How many replications agreed in each round."""
        r = self.rows.loc[self.rows["agreed"], "agreement_round"]
        return r.value_counts().sort_index()

    def expected_terms(self) -> dict[str, float]:
        """Mean agreed terms (over replications that agreed)."""
        dims = self.scenario.dimension_names
        agreed = self.rows[self.rows["agreed"]]
        return {
            d: float(agreed[f"terms_{d}"].mean()) if len(agreed) else float("nan") for d in dims
        }

    # -- force -----------------------------------------------------------------------------------
    def force_table(self) -> pd.DataFrame:
        """Per candidate: how often it is in the force, and its mean troops."""
        world = compile_world(self.scenario)
        iso = [world.iso3[i] for i in world.candidates]
        return pd.DataFrame(
            {
                "iso3": iso,
                "p_member": self.membership.mean(axis=0),
                "mean_troops": self.troops.mean(axis=0),
            }
        ).sort_values(["p_member", "mean_troops"], ascending=False, ignore_index=True)

    # -- votes -------------------------------------------------------------------------------------
    def vote_table(self, resolution: str) -> pd.DataFrame:
        """Per state: probability of each vote on a resolution, where the vote was held."""
        v = self.votes[resolution]
        held = v[:, 0] != NOT_HELD
        v = v[held]
        data: dict[str, Any] = {"iso3": list(self.scenario.iso3s)}
        for code, letter in enumerate(VOTE_LETTERS):
            data[f"p_{ {'Y': 'yes', 'N': 'no', 'A': 'abstain', 'X': 'absent'}[letter] }"] = (
                (v == code).mean(axis=0) if len(v) else np.full(v.shape[1], np.nan)
            )
        table = pd.DataFrame(data)
        probs = table[["p_yes", "p_no", "p_abstain", "p_absent"]].to_numpy()
        table["predicted"] = [VOTE_LETTERS[k] for k in np.argmax(probs, axis=1)]
        return table

    def vote_summary(self) -> dict[str, dict[str, Any]]:
        """Per resolution: P(adopted) with its interval and the mean tally."""
        out = {}
        for rid, v in self.votes.items():
            held = v[:, 0] != NOT_HELD
            adopted = self.rows.loc[held, f"adopted_{rid}"]
            counts = np.stack([(v[held] == c).sum(axis=1) for c in range(4)], axis=1)
            mean = counts.mean(axis=0) if len(counts) else np.full(4, np.nan)
            out[rid] = {
                "p_adopted": self._p(int(adopted.sum()), int(held.sum())),
                "mean_tally": dict(
                    zip(("yes", "no", "abstain", "absent"), map(float, mean), strict=True)
                ),
            }
        return out

    def summary(self) -> dict[str, Any]:
        """Everything above as one JSON-able dict."""
        rows = self.rows
        q = [0.05, 0.25, 0.5, 0.75, 0.95]
        return {
            "scenario": self.scenario.name,
            "scenario_hash": self.scenario.content_hash,
            "root_seed": self.root_seed,
            "spawn_key": list(self.spawn_key),
            "replications": self.replications,
            "p_agreement": self.p_agreement,
            "p_holds_given_agreed": self.p_holds_given_agreed,
            "p_agreed_and_holds": self.p_agreed_and_holds,
            "agreement_rounds": {int(str(k)): int(v) for k, v in self.agreement_rounds().items()},
            "expected_terms": self.expected_terms(),
            "baselines": self.baselines,
            "force_troops_quantiles": dict(
                zip(map(str, q), map(float, rows["force_troops"].quantile(q)), strict=True)
            ),
            "credibility_quantiles": dict(
                zip(map(str, q), map(float, rows["credibility"].quantile(q)), strict=True)
            ),
            "force": self.force_table().to_dict(orient="records"),
            "votes": self.vote_summary(),
            "changed_parameters": {k: list(v) for k, v in self.scenario.changed_parameters.items()},
            "versions": self.versions,
        }


def _run_chunk(
    world: World,
    seeds: list[np.random.SeedSequence],
    start: int,
    overrides: dict[str, float] | None,
    on_round: Callable[[float], None] | None = None,
) -> dict[str, Any]:
    params, noise = draw_replications(world, seeds, overrides)
    st = initial_state(world, params, noise)
    st.explain = False
    last = float(params["horizon_rounds"].max())
    while not finished(st).all():
        advance(world, st)
        if on_round:
            on_round(min(1.0, st.t / last))
    out = st.outcome
    dims = world.scenario.dimension_names
    frame: dict[str, Any] = {
        "replication": np.arange(start, start + len(seeds)),
        "agreed": st.agreed.copy(),
        "agreement_round": st.agreement_round.copy(),
        "holds": holds(st),
        "breaks_month": np.where(st.agreed, out["breaks_month"], 0),
        "feasible": out["feasible"],
        "force_troops": out["force_troops"],
        "adequacy": out["adequacy"],
        "credibility": out["credibility"],
        "p_holds": out["p_holds"],
        "lead_in": out["lead_in"],
    }
    for d, name in enumerate(dims):
        frame[f"terms_{name}"] = out["terms"][:, d]
    for j, i in enumerate(world.veto):
        frame[f"p_accept_{world.iso3[i].lower()}"] = out["p_accept"][:, j]
    for v in world.votes:
        frame[f"adopted_{v.id}"] = st.adopted.get(v.id, np.zeros(len(seeds), bool))
    for name, p in world.scenario.parameters.items():
        if p.is_random:
            frame[f"param_{name}"] = st.params[name]
    baseline = {
        k: np.broadcast_to(out[k], (len(seeds), world.d))
        for k in ("weighted_mean", "weighted_median")
    }
    votes = {
        v.id: st.votes.get(v.id, np.full((len(seeds), world.n), NOT_HELD)) for v in world.votes
    }
    return {
        "frame": pd.DataFrame(frame),
        "member": out["member"],
        "troops": out["troops"],
        "votes": votes,
        "baseline": baseline,
    }


def _run_chunks_in_processes(
    world: World,
    seeds: list[np.random.SeedSequence],
    starts: list[int],
    size: int,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> list[dict[str, Any]]:
    """Chunks in a pool of forked processes, gathered in order (fork: no re-import, fast start)."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [
            pool.submit(_run_chunk, world, seeds[start : start + size], start, None)
            for start in starts
        ]
        parts = []
        for start, future in zip(starts, futures, strict=True):
            parts.append(future.result())
            if progress:
                progress(min(start + size, len(seeds)), len(seeds))
    return parts


def run_ensemble(
    scenario: str | Path | Scenario,
    replications: int,
    *,
    rng: int | np.random.SeedSequence | None = None,
    chunk: int | None = None,
    parameters: dict[str, float] | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> EnsembleResult:
    """Run R replications of a scenario as batched arrays, ``chunk`` at a time.

    ``rng`` is the root seed (an int, a SeedSequence, or None for fresh entropy, recorded);
    replication i uses child i of ``SeedSequence(root)`` (of the given SeedSequence, spawn key
    included). ``parameters`` replace scenario values.
    ``progress(done, total)`` is called after each round of each chunk (``done`` counts
    replications, a chunk's share growing with its rounds). ``workers > 1`` runs the chunks in
    that many forked processes (the same results: replications depend only on their seeds);
    progress is then reported per finished chunk.
    """
    spec = resolve_scenario(scenario, parameters or {})
    if replications < 1:
        raise ValueError(f"replications = {replications!r}: allowed is an integer >= 1")
    ss = rng if isinstance(rng, np.random.SeedSequence) else np.random.SeedSequence(rng)
    root = int(ss.entropy)  # type: ignore[arg-type]
    spawn_key = tuple(int(k) for k in ss.spawn_key)
    world = compile_world(spec)
    size = chunk or DEFAULT_CHUNK
    seeds = replication_seeds(root, replications, spawn_key=spawn_key)
    starts = range(0, replications, size)
    if workers < 1:
        raise ValueError(f"workers = {workers!r}: allowed is an integer >= 1")
    if workers > 1 and len(starts) > 1:
        parts = _run_chunks_in_processes(world, seeds, list(starts), size, workers, progress)
    else:
        parts = []
        for start in starts:
            n = min(size, replications - start)

            def on_round(fraction: float, start: int = start, n: int = n) -> None:
                if progress:
                    progress(start + int(n * fraction), replications)

            parts.append(_run_chunk(world, seeds[start : start + size], start, None, on_round))
    dims = spec.dimension_names
    base = {
        k: dict(
            zip(
                dims,
                map(float, np.concatenate([p["baseline"][k] for p in parts]).mean(0)),
                strict=True,
            )
        )
        for k in ("weighted_mean", "weighted_median")
    }
    return EnsembleResult(
        scenario=spec,
        root_seed=root,
        spawn_key=spawn_key,
        replications=replications,
        rows=pd.concat([p["frame"] for p in parts], ignore_index=True),
        membership=np.concatenate([p["member"] for p in parts]),
        troops=np.concatenate([p["troops"] for p in parts]),
        votes={v.id: np.concatenate([p["votes"][v.id] for p in parts]) for v in world.votes},
        baselines=base,
    )
