"""Engines: 1 and 2 local workers and Dask give identical rows; a killed Dask worker costs nothing.

Distributed logs a worker's death and may warn while a cluster shuts down; those are expected here.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from scenarios import Scenario, load_scenario
from sweeps import SweepResult, sweep
from sweeps.store import Store
from tests.model_fixtures import identical_rows
from tests.unit.scenario_factory import make_scenario

GRID = {"backstop": [0.0, 0.5, 1.0], "war_cost_per_month": [0.0, 0.2]}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(make_scenario(tmp_path_factory.mktemp("engines") / "tiny"))


def test_one_and_two_local_workers_and_a_dask_local_cluster_give_identical_rows(
    tiny: Scenario, tmp_path: Path
) -> None:
    kw = {"replications": 200, "rng": 99}
    one = sweep(tiny, GRID, out=tmp_path / "one", workers=1, **kw).points()
    two = sweep(tiny, GRID, out=tmp_path / "two", workers=2, **kw).points()
    dask = sweep(tiny, GRID, out=tmp_path / "dask", engine="dask", workers=2, **kw).points()
    assert len(one) == 6
    assert identical_rows(one, two)
    assert identical_rows(one, dask)


def test_a_dask_worker_killed_mid_sweep_still_yields_every_point(
    tiny: Scenario, tmp_path: Path
) -> None:
    from distributed import Client, LocalCluster

    design = {"backstop": [i / 9 for i in range(10)]}
    kw = {"replications": 2000, "rng": 5}
    out = tmp_path / "dask"
    result: list[SweepResult] = []
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        thread = threading.Thread(
            target=lambda: result.append(
                sweep(tiny, design, out=out, engine="dask", scheduler=client, **kw)
            )
        )
        thread.start()
        deadline = time.monotonic() + 60
        while len(Store(out).done()) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        at_kill = len(Store(out).done())
        pids = client.run(os.getpid)  # worker address -> pid
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        thread.join(timeout=120)
        assert not thread.is_alive()
        assert victim not in client.run(os.getpid).values()  # it really died
    assert at_kill < 10, "the sweep finished before the kill"
    got = result[0].points()
    assert list(got["point"]) == list(range(10))
    ref = sweep(tiny, design, out=tmp_path / "ref", workers=1, **kw).points()
    assert identical_rows(pd.DataFrame(got), ref)
