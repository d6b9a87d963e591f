"""Sweeps: many ensembles over a design of parameter values, stored as Parquet, resumable.

``sweep(scenario, design, replications=..., rng=..., out=...)`` runs one task per design point
(``run_ensemble`` of ``replications`` batched replications at that point), on a local process
pool or a Dask cluster, writes each finished point to ``out`` as it arrives and returns a
``SweepResult``. Re-running the same call runs only the missing points.

Seeds: point k's root seed is drawn from ``SeedSequence(root).spawn(...)[k]`` (``seeds=
"independent"``), or is the root itself at every point (``seeds="common"``: common random
numbers, which sensitivity analysis wants). Either way it depends only on (root, k), so results do
not depend on order, engine or worker count, and each row records its seed:
``run_ensemble(scenario.with_parameters(point), replications, rng=row.seed)`` reproduces it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from scenarios import Scenario, load_scenario
from sweeps.designs import Design, as_design, check
from sweeps.engines import Task, run_tasks
from sweeps.store import Store, StoreCorrupt, environment

Engine = Literal["local", "dask"]
SUMMARY_COLUMNS = ("p_agreement", "p_agreement_low", "p_agreement_high", "p_holds",
                   "p_agreed_and_holds")  # fmt: skip
SEEDS = ("independent", "common")


@dataclass(frozen=True)
class SweepResult:
    """A sweep's directory, read back."""

    out: Path

    @property
    def store(self) -> Store:
        return Store(self.out)

    @property
    def manifest(self) -> dict[str, Any]:
        m = self.store.manifest()
        if m is None:
            raise FileNotFoundError(f"{self.out}: no manifest.json; not a sweep directory")
        return m

    @property
    def parameters(self) -> list[str]:
        return list(self.manifest["parameters"])

    def design(self) -> pd.DataFrame:
        """The design's points (row k = point k)."""
        return self.store.design()

    def points(self) -> pd.DataFrame:
        """One row per finished point: its parameters, seed and summaries, ordered by point."""
        frame = self.store.points()
        return frame.sort_values("point", ignore_index=True) if len(frame) else frame

    def replications(self) -> pd.DataFrame:
        """Per-replication rows (with ``point``), if the sweep stored them."""
        return self.store.replications()

    def verify(self) -> None:
        """StoreCorrupt (one line) if any stored point does not match its commit record."""
        bad = self.store.audit(self.manifest).bad
        if bad:
            raise StoreCorrupt(
                f"{self.out}: {len(bad)} stored point(s) do not match their commit records: "
                f"{_listed(bad)}; run the same sweep again to redo them"
            )

    @property
    def complete(self) -> bool:
        return len(self.store.done()) == int(self.manifest["points"])

    def _repr_html_(self) -> str:
        """A notebook's view: what was run, how far it got, and the first points."""
        import html

        m = self.manifest
        points = self.points()
        done = len(points)
        head = (
            f"<p><b>Sweep</b> <code>{html.escape(str(self.out))}</code>: scenario "
            f"<code>{html.escape(str(m['scenario']))}</code> ({str(m['scenario_hash'])[:12]}), "
            f"{done} of {m['points']} points done, {int(m['replications']):,} replications "
            f"each, root seed {m['root_seed']}; parameters "
            f"{html.escape(', '.join(self.parameters))}</p>"
        )
        shown = [*self.parameters, *(c for c in SUMMARY_COLUMNS if c in points.columns)]
        table = (
            points[shown].head(20).to_html(index=False, float_format=lambda v: f"{v:.3f}")
            if done
            else ""
        )
        return head + table

    def missing(self) -> list[int]:
        done = self.store.done()
        return [k for k in range(int(self.manifest["points"])) if k not in done]


def point_seed(root: int, k: int, seeds: str = "independent") -> int:
    """Root seed of point k: ``root`` (common), or 53 bits (exact as a float) drawn from
    child k of ``SeedSequence(root)``."""
    if seeds == "common":
        return root
    child = np.random.SeedSequence(root).spawn(k + 1)[k]
    return int(child.generate_state(1, np.uint64)[0] >> np.uint64(11))


def _root(rng: int | np.random.SeedSequence | None, store: Store) -> int:
    if isinstance(rng, np.random.SeedSequence):
        if rng.spawn_key:
            raise ValueError("rng: pass an int root seed or a root SeedSequence (no spawn_key)")
        return int(rng.entropy)  # type: ignore[arg-type]
    if rng is not None:
        return int(rng)
    old = store.manifest()  # resuming without a seed: the recorded one
    return int(old["root_seed"]) if old else int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]


def _manifest(
    scenario: Scenario, design: Design, root: int, replications: int, seeds: str, per_rep: bool
) -> dict[str, Any]:
    return {
        "format": 1,
        "kind": "accord-sweep",
        "scenario": scenario.name,
        "scenario_hash": scenario.content_hash,
        "design": design.spec,
        "design_hash": design.hash,
        "parameters": design.parameters,
        "points": len(design),
        "root_seed": root,
        "seeds": seeds,
        "replications": replications,
        "per_replication": per_rep,
        **environment(),
    }


def sweep(
    scenario: str | Path | Scenario,
    design: Design | Mapping[str, Sequence[float]] | pd.DataFrame,
    *,
    replications: int,
    rng: int | np.random.SeedSequence | None = None,
    out: str | Path,
    engine: Engine = "local",
    scheduler: Any = None,
    workers: int | None = None,
    per_replication: bool = False,
    seeds: str = "independent",
    chunk: int | None = None,
    progress: bool | None = None,
    on_point: Callable[[int, int], bool | None] | None = None,
) -> SweepResult:
    """Run ``replications`` replications at every point of ``design``; store them in ``out``.

    ``design``: a Design (``sweeps.designs``), a dict of levels (full grid) or a table of points.
    ``engine="local"``: a process pool of ``workers`` (default: the machine's cores).
    ``engine="dask"``: a ``dask.distributed`` cluster: a LocalCluster of ``workers`` when
    ``scheduler`` is None, else its address (``"tcp://host:8786"``) or a ``Client``.
    ``progress``: a tqdm bar (default: when stderr is a terminal).
    ``on_point(done, total)``: called after each point is stored (``done`` counts the points
    already in ``out``); returning False stops the sweep there (what is stored stays, and the
    same call resumes it).
    """
    scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    d = as_design(design)
    check(d, scenario)
    if replications < 1:
        raise ValueError(f"replications = {replications!r}: allowed is an integer >= 1")
    if seeds not in SEEDS:
        raise ValueError(f"seeds = {seeds!r}: allowed is one of {', '.join(SEEDS)}")
    if engine not in ("local", "dask"):
        raise ValueError(f"engine = {engine!r}: allowed is 'local' or 'dask'")
    store = Store(out)
    with store.lock():  # one sweep at a time writes a directory (StoreBusy otherwise)
        root = _root(rng, store)
        manifest = _manifest(scenario, d, root, replications, seeds, per_replication)
        store.open(manifest, d.points)
        audit = store.audit(manifest)
        if audit.bad:  # truncated, emptied, swapped or foreign parts: redone below
            store.discard(list(audit.bad))
            print(f"note: redoing {_listed(audit.bad)}", file=sys.stderr)
        done = audit.done
        seed_of = {k: point_seed(root, k, seeds) for k in range(len(d)) if k not in done}
        tasks = (
            Task(k, d.point(k), replications, seed_of[k], per_replication, chunk)
            for k in range(len(d))
            if k not in done
        )
        todo = len(d) - len(done)
        bar = _bar(todo, len(d), progress)
        identity = {key: manifest[key] for key in ("scenario_hash", "design_hash", "root_seed")}
        finished = len(done)
        outcomes = run_tasks(
            scenario,
            tasks,
            engine=engine,
            scheduler=scheduler,
            workers=workers or os.cpu_count() or 1,
        )
        try:
            for k, row, reps in outcomes:
                store.write_point(k, row, reps, {**identity, "seed": seed_of[k]})
                bar.update(1)
                finished += 1
                if on_point is not None and on_point(finished, len(d)) is False:
                    break
        finally:
            close = getattr(outcomes, "close", None)  # a generator: closing it stops the engine
            if close is not None:
                close()
        bar.close()
    return SweepResult(Path(out))


def _listed(bad: dict[int, str]) -> str:
    """``point 3 (why), point 7 (why)``, the first few, for one line."""
    items = [f"point {k} ({why})" for k, why in sorted(bad.items())[:3]]
    more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
    return ", ".join(items) + more


def _bar(todo: int, total: int, progress: bool | None) -> Any:
    from tqdm import tqdm

    disable = (not progress) if progress is not None else None  # None: only on a terminal
    return tqdm(
        total=todo,
        desc=f"sweep ({total - todo} of {total} points already done)",
        unit="point",
        disable=disable,
        leave=False,
    )


def open_sweep(out: str | Path) -> SweepResult:
    """A finished or partial sweep directory, read back."""
    result = SweepResult(Path(out))
    _ = result.manifest  # raises if not a sweep
    return result
