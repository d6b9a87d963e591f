"""Where a sweep's tasks run: in this process, a local process pool, or a Dask cluster.

One task is one design point: ``run_ensemble`` of all its replications (batched), summarised
into one row. The scenario object travels to each worker once (it pickles); results come back
to the client, which alone writes the store (so workers need no shared file system: SLURM and
Kubernetes alike). The local pool is ``model.executor``'s, shared with ensembles.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import pandas as pd

from model.ensemble import EnsembleResult, run_ensemble
from model.executor import main_not_rerun, process_pool
from scenarios import Scenario

Outcome = tuple[int, pd.DataFrame, pd.DataFrame | None]
SCHEDULER_TIMEOUT_S = 10  # seconds to reach a Dask scheduler before giving up


@dataclass(frozen=True)
class Task:
    point: int
    parameters: dict[str, float]
    replications: int
    seed: int
    per_replication: bool = False
    chunk: int | None = None


def summarise(res: EnsembleResult, task: Task) -> pd.DataFrame:
    """The one-row summary of a point: its parameters, seed and the ensemble's ``point_row``."""
    row: dict[str, Any] = {
        "point": task.point,
        **task.parameters,
        "seed": task.seed,
        "replications": task.replications,
    }
    return pd.DataFrame([row | res.point_row()])


def run_point(scenario: Scenario, task: Task) -> Outcome:
    """Run one design point (in whatever process this is)."""
    from threadpoolctl import threadpool_limits

    # One BLAS thread in every engine: the last bits of a matrix product depend on the thread
    # count, and Dask's workers run with one; parallelism comes from the tasks.
    with threadpool_limits(limits=1, user_api="blas"):
        res = run_ensemble(
            scenario.with_parameters(task.parameters),
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
_WORKER_SCENARIO: list[Scenario] = []


def _init_worker(scenario: Scenario) -> None:
    _WORKER_SCENARIO[:] = [scenario]


def _run_in_worker(task: Task) -> Outcome:
    return run_point(_WORKER_SCENARIO[0], task)


MAX_TRIES = 3  # runs of one point whose worker process died before the sweep gives up


class WorkerLost(RuntimeError):
    """A point's worker process died MAX_TRIES times (killed, or out of memory)."""


class SchedulerUnreachable(RuntimeError):
    """No Dask scheduler answered at the address given."""


def _local(scenario: Scenario, tasks: Iterable[Task], workers: int) -> Iterator[Outcome]:
    """Tasks on the local pool; a task whose worker died is run again in a fresh pool."""
    if workers <= 1:
        for task in tasks:
            yield run_point(scenario, task)
        return
    source = iter(tasks)
    again: list[Task] = []
    tries: dict[int, int] = {}
    while True:
        pending: dict[Future[Outcome], Task] = {}
        with process_pool(workers, initializer=_init_worker, initargs=(scenario,)) as pool:
            try:
                _fill(pool, pending, again, source, 2 * workers)  # a bounded window
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        outcome = future.result()
                        del pending[future]
                        yield outcome
                    _fill(pool, pending, again, source, 2 * workers)
                return
            except BrokenProcessPool:
                lost = [*pending.values()]
        for task in lost:  # like Dask: the lost tasks run again, elsewhere
            tries[task.point] = tries.get(task.point, 1) + 1
            if tries[task.point] > MAX_TRIES:
                raise WorkerLost(
                    f"point {task.point}: its worker process died {MAX_TRIES} times (killed, or "
                    "out of memory?); the points done so far are stored, run again to resume"
                )
        again.extend(lost)


def _fill(
    pool: Any,
    pending: dict[Future[Outcome], Task],
    again: list[Task],
    source: Iterator[Task],
    window: int,
) -> None:
    while len(pending) < window:
        task = again.pop() if again else next(source, None)
        if task is None:
            return
        try:
            pending[pool.submit(_run_in_worker, task)] = task
        except BrokenProcessPool:
            again.append(task)
            raise


# -- Dask ------------------------------------------------------------------------------------------
def _identity(x: Any) -> Any:
    return x


def _dask(
    scenario: Scenario, tasks: Iterable[Task], scheduler: Any, workers: int
) -> Iterator[Outcome]:
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
        try:
            client, own = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S), True
        except (OSError, TimeoutError, ValueError) as err:
            reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
            raise SchedulerUnreachable(
                f"--scheduler {scheduler}: no Dask scheduler answered within "
                f"{SCHEDULER_TIMEOUT_S} s ({reason})"
            ) from None
    if own:  # where to watch the tasks (the Dask dashboard), said once, on stderr
        print(dashboard_line(client), file=sys.stderr, flush=True)
    try:
        token = uuid.uuid4().hex[:8]
        # The scenario as a task (not scattered data), so the scheduler can recompute it if every
        # worker holding it dies.
        shared = client.submit(_identity, scenario, key=f"accord-scenario-{token}")
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        window = max(2 * threads, 8)
        running = as_completed()
        for task in tasks:
            running.add(client.submit(run_point, shared, task, key=f"accord-{token}-{task.point}"))
            if running.count() >= window:
                yield _take(next(running))
        for fut in running:
            yield _take(fut)
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()


def dashboard_line(client: Any) -> str:
    """Where the cluster's Dask dashboard is (it is served only when bokeh is installed)."""
    import importlib.util

    if importlib.util.find_spec("bokeh") is None:
        return (
            f"Dask scheduler at {client.scheduler.address}; its dashboard needs bokeh "
            "(pip install 'dask[diagnostics]')"
        )
    return f"Dask dashboard: {client.dashboard_link}"


def _take(fut: Any) -> Outcome:
    out: Outcome = fut.result()
    fut.release()
    return out


def run_tasks(
    scenario: Scenario, tasks: Iterable[Task], *, engine: str, scheduler: Any, workers: int
) -> Iterator[Outcome]:
    """Run tasks on an engine; yield ``(point, row, replication rows)`` as each finishes."""
    if engine == "dask":
        with main_not_rerun():
            yield from _dask(scenario, tasks, scheduler, workers)
    else:
        yield from _local(scenario, tasks, workers)
