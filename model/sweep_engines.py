"""Where a sweep's tasks run: in this process, a local process pool, or a Dask cluster.

One task is one design point: ``run_ensemble`` of all its replications (batched), summarised
into one row. The scenario travels to workers as its files (``Payload``) and is loaded once per
worker process; results come back to the client, which alone writes the store (so workers need
no shared file system: SLURM and Kubernetes alike).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model.ensemble import EnsembleResult, run_ensemble
from scenarios import Scenario, load_scenario

Outcome = tuple[int, pd.DataFrame, pd.DataFrame | None]
QUANTILES = (0.05, 0.5, 0.95)


@dataclass(frozen=True)
class Task:
    point: int
    parameters: dict[str, float]
    replications: int
    seed: int
    per_replication: bool = False
    chunk: int | None = None


@dataclass(frozen=True)
class Payload:
    """A scenario as the bytes of its files (Scenario objects hold mappingproxies: no pickle)."""

    content_hash: str
    files: dict[str, bytes]

    @classmethod
    def of(cls, spec: Scenario) -> Payload:
        with tempfile.TemporaryDirectory(prefix="accord-") as tmp:
            spec.write(Path(tmp))
            files = {p.name: p.read_bytes() for p in Path(tmp).iterdir() if p.is_file()}
        return cls(spec.content_hash, files)

    def load(self) -> Scenario:
        """The scenario, loaded once per process."""
        if self.content_hash not in _LOADED:
            with tempfile.TemporaryDirectory(prefix="accord-") as tmp:
                for name, data in self.files.items():
                    (Path(tmp) / name).write_bytes(data)
                _LOADED[self.content_hash] = load_scenario(Path(tmp))
        return _LOADED[self.content_hash]


_LOADED: dict[str, Scenario] = {}


def _p(prefix: str, p: dict[str, float]) -> dict[str, float]:
    return {
        prefix: p["p"],
        f"{prefix}_low": p["low"],
        f"{prefix}_high": p["high"],
        f"{prefix}_n": p["n"],
    }


def summarise(res: EnsembleResult, task: Task) -> pd.DataFrame:
    """The one-row summary of a point (its parameters, seed and ensemble summaries)."""
    rows = res.rows
    agreed = rows["agreed"].to_numpy(bool)
    row: dict[str, Any] = {
        "point": task.point,
        **task.parameters,
        "seed": task.seed,
        "replications": task.replications,
    }
    row |= _p("p_agreement", res.p_agreement)
    row |= _p("p_holds", res.p_holds_given_agreed)
    row |= _p("p_agreed_and_holds", res.p_agreed_and_holds)
    row["mean_agreement_round"] = (
        float(rows["agreement_round"][agreed].mean()) if agreed.any() else float("nan")
    )
    for col in ("force_troops", "credibility", "adequacy"):
        values = rows[col].to_numpy(np.float64)
        row[f"{col}_mean"] = float(values.mean())
        for q, v in zip(QUANTILES, np.quantile(values, QUANTILES), strict=True):
            row[f"{col}_q{round(q * 100):02d}"] = float(v)
    row["p_lead_in"] = float(rows["lead_in"].mean())
    row |= {f"terms_{d}": v for d, v in res.expected_terms().items()}
    for col in rows.columns:
        if col.startswith("p_accept_"):
            row[col] = float(rows[col].mean())
    for rid, v in res.vote_summary().items():
        row[f"p_adopted_{rid}"] = v["p_adopted"]["p"]
    return pd.DataFrame([row])


def run_point(scenario: Scenario | Payload, task: Task) -> Outcome:
    """Run one design point (in whatever process this is)."""
    from threadpoolctl import threadpool_limits

    spec = scenario.load() if isinstance(scenario, Payload) else scenario
    # One BLAS thread in every engine: the last bits of a matrix product depend on the thread
    # count, and Dask's workers run with one; parallelism comes from the tasks.
    with threadpool_limits(limits=1, user_api="blas"):
        res = run_ensemble(
            spec.with_parameters(task.parameters),
            task.replications,
            rng=task.seed,
            chunk=task.chunk,
        )
    reps = None
    if task.per_replication:
        reps = res.rows.copy()
        reps.insert(0, "point", task.point)
    return task.point, summarise(res, task), reps


# -- local process pool ---------------------------------------------------------------------------
_WORKER_PAYLOAD: list[Payload] = []


def _init_worker(payload: Payload) -> None:
    _WORKER_PAYLOAD[:] = [payload]


def _run_in_worker(task: Task) -> Outcome:
    return run_point(_WORKER_PAYLOAD[0], task)


def _local(spec: Scenario, tasks: Iterable[Task], workers: int) -> Iterator[Outcome]:
    if workers <= 1:
        for task in tasks:
            yield run_point(spec, task)
        return
    # forkserver: no fork of a multi-threaded parent (tqdm, dask), and a cheap start per worker.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["model.sweep_engines"])  # workers start with the model imported
    pool = ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_worker, initargs=(Payload.of(spec),)
    )
    pending: set[Future[Outcome]] = set()
    try:
        for task in tasks:
            pending.add(pool.submit(_run_in_worker, task))
            if len(pending) >= 2 * workers:  # a bounded window: memory flat in the points
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- Dask ------------------------------------------------------------------------------------------
def _identity(x: Any) -> Any:
    return x


def _dask(spec: Scenario, tasks: Iterable[Task], scheduler: Any, workers: int) -> Iterator[Outcome]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if isinstance(scheduler, Client):
        client, own = scheduler, False
    elif scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port
        )
        client, own = Client(cluster), True
    else:
        client, own = Client(scheduler), True
    try:
        token = uuid.uuid4().hex[:8]
        # The scenario as a task (not scattered data), so the scheduler can recompute it if every
        # worker holding it dies.
        payload = client.submit(_identity, Payload.of(spec), key=f"accord-scenario-{token}")
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        window = max(2 * threads, 8)
        running = as_completed()
        for task in tasks:
            running.add(client.submit(run_point, payload, task, key=f"accord-{token}-{task.point}"))
            if running.count() >= window:
                yield _take(next(running))
        for fut in running:
            yield _take(fut)
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()


def _take(fut: Any) -> Outcome:
    out: Outcome = fut.result()
    fut.release()
    return out


@contextlib.contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Worker processes start by re-running the user's ``__main__`` (spawn and forkserver do);
    a script without an ``if __name__ == "__main__":`` guard would then start its sweep again in
    every worker. The tasks only need model code, so hide the main module's origin meanwhile."""
    main = sys.modules.get("__main__")
    saved = {k: v for k, v in vars(main).items() if k in ("__file__", "__spec__")} if main else {}
    try:
        for key in saved:
            setattr(main, key, None)
        yield
    finally:
        for key, value in saved.items():
            setattr(main, key, value)


def run_tasks(
    spec: Scenario, tasks: Iterable[Task], *, engine: str, scheduler: Any, workers: int
) -> Iterator[Outcome]:
    """Run tasks on an engine; yield ``(point, row, replication rows)`` as each finishes."""
    with _main_not_rerun():
        if engine == "dask":
            yield from _dask(spec, tasks, scheduler, workers)
        else:
            yield from _local(spec, tasks, workers)


def identical_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same columns and the same values, NaN equal to NaN (for tests and checks)."""
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    return all(
        np.array_equal(a[c].to_numpy(), b[c].to_numpy(), equal_nan=a[c].dtype.kind == "f")
        for c in a.columns
    )
