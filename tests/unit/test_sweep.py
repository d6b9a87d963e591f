"""Sweeps: stored rows, reproducible seeds, resume after SIGKILL, refusal of a different sweep."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from model import run_ensemble
from scenarios import Scenario, load_scenario
from sweeps import open_sweep, sweep
from sweeps.store import StoreMismatch
from tests.model_fixtures import identical_rows
from tests.unit.scenario_factory import make_scenario

ROOT = Path(__file__).resolve().parents[2]
GRID = {"backstop": [0.0, 0.5, 1.0], "war_cost_per_month": [0.0, 0.2]}


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scenario(tmp_path_factory.mktemp("sweep") / "tiny")


@pytest.fixture(scope="module")
def tiny(tiny_dir: Path) -> Scenario:
    return load_scenario(tiny_dir)


def frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.columns) == list(b.columns)
    assert identical_rows(a, b), "rows differ"


def test_a_sweep_stores_one_row_per_point_that_replays_with_run_ensemble(
    tiny: Scenario, tmp_path: Path
) -> None:
    res = sweep(tiny, GRID, replications=60, rng=11, out=tmp_path / "s", workers=1)
    pts = res.points()
    assert list(pts["point"]) == list(range(6)) and res.complete and res.missing() == []
    assert (pts["replications"] == 60).all() and pts["seed"].nunique() == 6
    m = json.loads((tmp_path / "s" / "manifest.json").read_text())
    for key in (
        "design",
        "design_hash",
        "root_seed",
        "scenario_hash",
        "versions",
        "python",
        "platform",
        "git_commit",
    ):
        assert key in m
    assert m["root_seed"] == 11 and m["scenario_hash"] == tiny.content_hash
    # the row's seed reproduces the point with a plain ensemble
    row = pts.iloc[4]
    again = run_ensemble(
        tiny.with_parameters(res.design().iloc[4].to_dict()), 60, rng=int(pts["seed"].iloc[4])
    )
    assert again.p_agreement["p"] == row["p_agreement"]
    assert again.p_agreed_and_holds["p"] == row["p_agreed_and_holds"]


def test_per_replication_rows_are_stored_with_their_point(tiny: Scenario, tmp_path: Path) -> None:
    res = sweep(
        tiny,
        {"backstop": [0.0, 1.0]},
        replications=30,
        rng=2,
        out=tmp_path / "s",
        workers=1,
        per_replication=True,
    )
    reps = res.replications()
    assert len(reps) == 60 and list(reps["point"].unique()) == [0, 1]
    assert list(reps["replication"][:30]) == list(range(30))


def test_common_seeds_give_every_point_the_root_seed(tiny: Scenario, tmp_path: Path) -> None:
    res = sweep(tiny, GRID, replications=20, rng=5, out=tmp_path / "s", workers=1, seeds="common")
    assert (res.points()["seed"] == 5).all()


def test_a_different_design_scenario_or_seed_in_the_same_out_is_refused(
    tiny: Scenario, tmp_path: Path
) -> None:
    out = tmp_path / "s"
    sweep(tiny, {"backstop": [0.0, 1.0]}, replications=20, rng=1, out=out, workers=1)
    before = sorted(p.name for p in (out / "parts").iterdir())
    with pytest.raises(StoreMismatch, match="holds a different sweep: its design is grid"):
        sweep(tiny, {"backstop": [0.0, 0.5]}, replications=20, rng=1, out=out, workers=1)
    with pytest.raises(StoreMismatch, match="scenario_hash"):
        sweep(
            tiny.with_parameters({"self_weight": 0.3}),
            {"backstop": [0.0, 1.0]},
            replications=20,
            rng=1,
            out=out,
            workers=1,
        )
    with pytest.raises(StoreMismatch, match="root_seed is 1, this sweep's is 2"):
        sweep(tiny, {"backstop": [0.0, 1.0]}, replications=20, rng=2, out=out, workers=1)
    with pytest.raises(StoreMismatch, match="replications"):
        sweep(tiny, {"backstop": [0.0, 1.0]}, replications=21, rng=1, out=out, workers=1)
    assert sorted(p.name for p in (out / "parts").iterdir()) == before  # nothing touched
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(StoreMismatch, match=r"no manifest\.json"):
        sweep(tiny, {"backstop": [0.0]}, replications=5, rng=1, out=tmp_path / "other")


KILLED = """
import sys
from sweeps import sweep
sweep(sys.argv[1], {"backstop": [i / 7 for i in range(8)]}, replications=1500, rng=7,
      out=sys.argv[2], workers=1, per_replication=True, progress=False)
"""


def test_a_sweep_killed_halfway_resumes_to_the_uninterrupted_result(
    tiny_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(tiny_dir), str(out)], cwd=ROOT)
    parts = out / "parts"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if parts.is_dir() and len(list(parts.glob("point-*.parquet"))) >= 3:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    done = sorted(parts.glob("point-*.parquet"))
    assert 3 <= len(done) < 8, f"not killed halfway: {len(done)} points done"
    for f in done:  # every visible part is whole
        assert pq.read_table(f).num_rows == 1
    # a torn temporary file, as a kill during a write leaves, is never read
    (parts / ".point-000007.parquet.x1y2.tmp").write_bytes(b"PAR1 torn")
    (out / "replications" / ".point-000007.parquet.x1y2.tmp").write_bytes(b"torn")

    design = {"backstop": [i / 7 for i in range(8)]}
    resumed = sweep(
        str(tiny_dir), design, replications=1500, rng=7, out=out, workers=1, per_replication=True
    )
    whole = sweep(
        str(tiny_dir),
        design,
        replications=1500,
        rng=7,
        out=tmp_path / "whole",
        workers=1,
        per_replication=True,
    )
    frames_equal(resumed.points(), whole.points())
    frames_equal(resumed.replications(), whole.replications())
    assert resumed.complete


def test_open_sweep_reads_a_directory_back(tiny: Scenario, tmp_path: Path) -> None:
    sweep(tiny, {"backstop": [0.0, 1.0]}, replications=10, rng=3, out=tmp_path / "s", workers=1)
    res = open_sweep(tmp_path / "s")
    assert res.parameters == ["backstop"] and len(res.points()) == 2
    assert np.array_equal(res.design()["backstop"], [0.0, 1.0])
    with pytest.raises(FileNotFoundError, match="not a sweep directory"):
        open_sweep(tmp_path)
