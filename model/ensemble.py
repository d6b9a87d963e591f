"""The batched ensemble: R replications advanced together as arrays (ODD 3; ODD 7.9 Outputs).

Per-replication columns, the candidates' force arrays and the vote arrays are taken from the
outputs declared in ``model.outputs``; summaries are made from them in ``model.summaries``.
"""

from __future__ import annotations

import functools
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from agents.rules.votes import VoteCode
from model import summaries
from model.draws import draw_replications, replication_seeds
from model.engine import RoundState, advance, finished, holds, initial_state
from model.executor import process_pool
from model.outputs import OUTPUTS, columns
from model.world import World, compile_world, resolve_scenario
from scenarios import Scenario

DEFAULT_CHUNK = 2500
# Every replication's outcomes are kept (rows, force, votes): about 25 KB each for ukraine-2025
# (benchmarks/results/ensemble.json: 385 MB at 10,000), so a request above this is refused
# rather than left to exhaust memory. Sweeps run many points instead.
MAX_REPLICATIONS = 100_000


def package_versions() -> dict[str, str]:
    """Versions a result was made with (a copy: read once per process)."""
    return dict(_package_versions())


@functools.cache
def _package_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("accord", "mesa", "numpy", "scipy", "pandas"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = "unknown"
    return out


@dataclass(frozen=True)
class EnsembleResult:
    """Outcomes of R replications and their summaries (``summaries`` makes them)."""

    scenario: Scenario
    root_seed: int
    replications: int
    rows: pd.DataFrame  # one row per replication: the declared outputs with row=True
    membership: np.ndarray  # (R, C) in the force at agreement (or the last round)
    troops: np.ndarray  # (R, C)
    votes: dict[str, np.ndarray]  # id -> (R, N) VoteCode values (NOT_HELD when already agreed)
    baselines: dict[str, dict[str, float]]  # weighted_mean / weighted_median -> dim -> value
    candidates: tuple[str, ...] = ()  # iso3 of the force candidates, in array order
    spawn_key: tuple[int, ...] = ()  # set when the root was a spawned SeedSequence
    versions: dict[str, str] = field(default_factory=package_versions)

    # -- headline probabilities ----------------------------------------------------------------
    @property
    def p_agreement(self) -> dict[str, float]:
        return summaries.probability(self, "p_agreement")

    @property
    def p_holds(self) -> dict[str, float]:
        """P(holds over the durability horizon | agreed), with its Wilson interval."""
        return summaries.probability(self, "p_holds")

    @property
    def p_agreed_and_holds(self) -> dict[str, float]:
        return summaries.probability(self, "p_agreed_and_holds")

    def agreement_rounds(self) -> pd.Series:
        """How many replications agreed in each round."""
        r = self.rows.loc[self.rows["agreed"], "agreement_round"]
        return r.value_counts().sort_index()

    def expected_terms(self) -> dict[str, float]:
        """Mean agreed terms (over replications that agreed)."""
        return summaries.mean_if_agreed(self, "terms")

    def force_table(self) -> pd.DataFrame:
        """Per candidate: how often it is in the force, and its mean troops."""
        return summaries.force_table(self)

    def vote_table(self, resolution: str) -> pd.DataFrame:
        """Per state: probability of each vote on a resolution, where the vote was held."""
        return summaries.vote_table(self, resolution)

    def vote_summary(self) -> dict[str, dict[str, Any]]:
        """Per resolution: P(adopted) with its interval and the mean tally."""
        return summaries.vote_summary(self)

    def summary(self) -> dict[str, Any]:
        """Everything above as one JSON-able dict (``--json``)."""
        return summaries.summary(self)

    def _repr_html_(self) -> str:
        """A notebook's view: the headline probabilities with their 95% intervals."""
        import html

        rows = "".join(
            f"<tr><td>{label}</td><td>{p['p']:.3f}</td><td>{p['low']:.3f}–{p['high']:.3f}</td>"
            f"<td>{int(p['n']):,}</td></tr>"
            for label, p in (
                ("P(agreement)", self.p_agreement),
                ("P(holds | agreed)", self.p_holds),
                ("P(agreed and holds)", self.p_agreed_and_holds),
            )
        )
        changed = ", ".join(f"{k} = {v[1]:g}" for k, v in self.scenario.changed_parameters.items())
        return (
            f"<p><b>Ensemble</b> of <code>{html.escape(self.scenario.name)}</code> "
            f"({self.scenario.content_hash[:12]}), {self.replications:,} replications, root seed "
            f"{self.root_seed}{'; changed: ' + html.escape(changed) if changed else ''}</p>"
            "<table><tr><th></th><th>estimate</th><th>95% interval</th><th>n</th></tr>"
            f"{rows}</table>"
        )

    def point_row(self) -> dict[str, Any]:
        """The flat one-row summary a sweep stores per point."""
        return summaries.point_row(self)


def replication_rows(world: World, st: RoundState, first: int) -> pd.DataFrame:
    """One row per replication: every declared output with ``row=True``, then random parameters."""
    out, names, r = st.outcome, world.axes(), len(st.agreed)
    run = {"agreed": st.agreed.copy(), "agreement_round": st.agreement_round.copy(),
           "holds": holds(st)}  # fmt: skip
    adopted = np.stack(
        [st.adopted.get(v.id, np.zeros(r, bool)) for v in world.votes], axis=-1
    ) if world.votes else np.zeros((r, 0), bool)  # fmt: skip
    frame: dict[str, Any] = {"replication": np.arange(first, first + r)}
    for o in OUTPUTS:
        if not o.row:
            continue
        value = run.get(o.name, adopted if o.name == "adopted" else out.get(o.name))
        if value is None:
            continue
        if o.only_if_agreed:
            value = np.where(st.agreed, value, 0)
        value = np.asarray(value)
        if o.axis:
            for k, col in enumerate(columns(o, names.keys(o.axis))):
                frame[col] = value[:, k]
        else:
            frame[o.name] = value
    for name, p in world.scenario.parameters.items():
        if p.is_random:
            frame[f"param_{name}"] = st.params[name]
    return pd.DataFrame(frame)


def _run_chunk(
    world: World,
    seeds: list[np.random.SeedSequence],
    start: int,
    on_round: Callable[[float], None] | None = None,
) -> dict[str, Any]:
    params, noise = draw_replications(world, seeds)
    st = initial_state(world, params, noise)
    st.explain = False
    last = float(params["horizon_rounds"].max())
    while not finished(st).all():
        advance(world, st)
        if on_round:
            on_round(min(1.0, st.t / last))
    out = st.outcome
    baseline = {
        k: np.broadcast_to(out[k], (len(seeds), world.d))
        for k in ("weighted_mean", "weighted_median")
    }
    # Vote codes fit a byte; kept as int8 they cost an eighth of the memory (8 bytes per state
    # and resolution otherwise: most of what an ensemble keeps per replication).
    votes = {
        v.id: np.asarray(
            st.votes.get(v.id, np.full((len(seeds), world.n), VoteCode.NOT_HELD)), np.int8
        )
        for v in world.votes
    }
    return {
        "frame": replication_rows(world, st, start),
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
    """Chunks in the process pool (``model.executor``), gathered in order."""
    with process_pool(workers) as pool:
        futures = [
            pool.submit(_run_chunk, world, seeds[start : start + size], start) for start in starts
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
    that many processes (the same results: replications depend only on their seeds);
    progress is then reported per finished chunk.
    """
    scenario = resolve_scenario(scenario, parameters or {})
    if not 1 <= replications <= MAX_REPLICATIONS:
        raise ValueError(
            f"replications = {replications!r}: allowed is an integer in 1..{MAX_REPLICATIONS:,}"
            " (for more, run several seeds or a sweep)"
        )
    if workers < 1:
        raise ValueError(f"workers = {workers!r}: allowed is an integer >= 1")
    ss = rng if isinstance(rng, np.random.SeedSequence) else np.random.SeedSequence(rng)
    root = int(ss.entropy)  # type: ignore[arg-type]
    spawn_key = tuple(int(k) for k in ss.spawn_key)
    world = compile_world(scenario)
    size = chunk or DEFAULT_CHUNK
    seeds = replication_seeds(root, replications, spawn_key=spawn_key)
    starts = range(0, replications, size)
    if workers > 1 and len(starts) > 1:
        parts = _run_chunks_in_processes(world, seeds, list(starts), size, workers, progress)
    else:
        parts = []
        for start in starts:
            n = min(size, replications - start)

            def on_round(fraction: float, start: int = start, n: int = n) -> None:
                if progress:
                    progress(start + int(n * fraction), replications)

            parts.append(_run_chunk(world, seeds[start : start + size], start, on_round))
    dims = scenario.dimension_names
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
        scenario=scenario,
        root_seed=root,
        spawn_key=spawn_key,
        replications=replications,
        rows=pd.concat([p["frame"] for p in parts], ignore_index=True),
        membership=np.concatenate([p["member"] for p in parts]),
        troops=np.concatenate([p["troops"] for p in parts]),
        votes={v.id: np.concatenate([p["votes"][v.id] for p in parts]) for v in world.votes},
        baselines=base,
        candidates=world.axes().candidate,
    )
