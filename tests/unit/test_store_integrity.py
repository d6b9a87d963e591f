"""Sweep results are never silently wrong after a fault (issue 16, section 2).

Two sweeps on one directory: one is refused, the other's results are intact. A truncated, an
emptied and a swapped part are each detected and redone on resume, and ``accord results``
refuses a corrupted store with one line. No worker outlives a killed sweep, and a killed
worker's point runs again.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from cli.main import main
from sweeps.runner import open_sweep, point_seed
from sweeps.store import Store
from tests.unit.scenario_factory import make_scenario

pytestmark = pytest.mark.timeout(300)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scenario(tmp_path_factory.mktemp("store") / "tiny")


def sweep_argv(tiny: Path, out: Path, *extra: str) -> list[str]:
    return ["sweep", str(tiny), "--out", str(out), "--no-progress", *extra]


def grid_argv(tiny: Path, out: Path, count: int, n: int, workers: int, *extra: str) -> list[str]:
    """A sweep of ``count`` backstop values, ``n`` replications each, on ``workers`` processes."""
    grid = ["--grid", f"backstop=0:1:{count}", "-n", str(n), "--workers", str(workers)]
    return sweep_argv(tiny, out, *grid, *extra)


def holds_lock(out: Path, pid: int) -> bool:
    lock = out / ".lock"
    return lock.exists() and f"pid {pid}" in lock.read_text()


def start(argv: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", *argv],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def wait_for(predicate, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.1)


def test_a_second_sweep_on_the_same_directory_is_refused(tiny, tmp_path, capsys):
    out = tmp_path / "shared"
    first = start(
        sweep_argv(
            tiny, out, "--grid", "backstop=0:1:20", "-n", "2000", "--seed", "7", "--workers", "1"
        )
    )
    try:
        lock = out / ".lock"
        wait_for(lambda: lock.exists() and f"pid {first.pid}" in lock.read_text())
        argv = sweep_argv(tiny, out, "--grid", "backstop=0:1:20", "-n", "2000", "--seed", "8")
        assert main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "another sweep is writing here" in err[0]
        assert f"pid {first.pid}" in err[0]
    finally:
        _, stderr = first.communicate(timeout=240)
    assert first.returncode == 0, stderr
    res = open_sweep(out)
    res.verify()
    points = res.points()
    assert res.manifest["root_seed"] == 7 and len(points) == 20
    assert list(points["seed"]) == [point_seed(7, k) for k in range(20)]


def test_a_dead_holders_lock_does_not_block(tiny, tmp_path):
    out = tmp_path / "stale"
    holder = start(
        sweep_argv(tiny, out, "--grid", "backstop=0:1:30", "-n", "3000", "--workers", "1")
    )
    wait_for(
        lambda: (out / ".lock").exists() and f"pid {holder.pid}" in (out / ".lock").read_text()
    )
    holder.kill()
    holder.communicate(timeout=30)
    assert main(grid_argv(tiny, out, 30, 3000, 1)) == 0  # resumed: the lock died with its holder
    assert open_sweep(out).complete


def _corrupt(store: Store) -> None:
    def part(k: int) -> Path:
        return store.parts / store.part_name(k)

    truncated = part(0)
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    part(1).write_bytes(b"")
    shutil.copyfile(part(3), part(2))  # another point's valid part in its place


def test_truncated_empty_and_swapped_parts_are_refused_then_redone(tiny, tmp_path, capsys):
    out = tmp_path / "s"
    argv = sweep_argv(tiny, out, "--grid", "backstop=0:1:4", "-n", "200", "--per-replication")
    assert main(argv) == 0
    before = open_sweep(out).points()
    reps_before = open_sweep(out).replications()
    store = Store(out)
    _corrupt(store)
    reps = store.reps / store.part_name(3)
    reps.write_bytes(reps.read_bytes()[:100])  # a truncated replications file too
    capsys.readouterr()

    assert main(["results", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "4 stored point(s) do not match" in err[0]
    assert set(Store(out).audit().bad) == {0, 1, 2, 3}
    assert open_sweep(out).missing() == [0, 1, 2, 3]

    assert main(argv) == 0  # resume: the four are redone
    assert "note: redoing point 0" in capsys.readouterr().err
    res = open_sweep(out)
    res.verify()
    pd.testing.assert_frame_equal(res.points(), before)
    pd.testing.assert_frame_equal(res.replications(), reps_before)
    assert main(["results", str(out), "--plot", str(tmp_path / "p.png")]) == 0


def test_each_part_carries_its_identity(tiny, tmp_path):
    from sweeps.store import part_identity

    out = tmp_path / "s"
    assert main(sweep_argv(tiny, out, "--grid", "backstop=0,1", "-n", "100", "--seed", "5")) == 0
    store, manifest = Store(out), open_sweep(out).manifest
    for k in (0, 1):
        carried = part_identity(store.parts / store.part_name(k))
        assert carried["point"] == k and carried["seed"] == point_seed(5, k)
        assert carried["scenario_hash"] == manifest["scenario_hash"]
        assert carried["design_hash"] == manifest["design_hash"]


def test_a_part_with_no_commit_record_is_not_done(tiny, tmp_path):
    out = tmp_path / "s"
    assert main(sweep_argv(tiny, out, "--grid", "backstop=0,1", "-n", "100")) == 0
    Store(out).ledger_path.write_text("")
    assert open_sweep(out).missing() == [0, 1]


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_no_worker_outlives_a_killed_sweep(tiny, tmp_path):
    out = tmp_path / "killed"
    sweep = start(
        sweep_argv(tiny, out, "--grid", "backstop=0:1:40", "-n", "4000", "--workers", "2")
    )
    wait_for(lambda: len(_descendants(sweep.pid)) >= 3)  # the forkserver and two workers
    wait_for(lambda: (out / "commits.jsonl").exists())  # the workers are at work
    family = _descendants(sweep.pid)
    os.kill(sweep.pid, signal.SIGKILL)  # not reaped yet: a zombie must count as dead
    _, alive = psutil.wait_procs(family, timeout=15)
    sweep.communicate(timeout=30)
    assert alive == [], f"{len(alive)} worker(s) outlived the sweep"
    assert Store(out).audit().bad == {}  # what was committed is sound


def test_a_killed_worker_is_retried_without_a_traceback(tiny, tmp_path):
    out = tmp_path / "retried"
    sweep = start(
        sweep_argv(tiny, out, "--grid", "backstop=0:1:12", "-n", "3000", "--workers", "2")
    )
    wait_for(lambda: len(_descendants(sweep.pid)) >= 3)
    workers = [p for p in _descendants(sweep.pid) if p.ppid() != sweep.pid]
    assert workers, "no worker process found under the forkserver"
    workers[0].kill()
    _, stderr = sweep.communicate(timeout=240)
    assert sweep.returncode == 0, stderr
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stderr
    res = open_sweep(out)
    res.verify()
    assert res.complete and list(res.points()["seed"]) == [point_seed(1, k) for k in range(12)]
