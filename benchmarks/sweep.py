"""Benchmark: a 100-point x 1,000-replication sweep of ukraine-2025, local (2 workers) and Dask.

Reports wall time and peak memory (resident set of the whole process tree: client, pool or
cluster processes, sampled every 0.1 s) for each engine, and memory as the sweep progresses
(peak over the first and the second half of the points) to show it does not grow with the number
of points. The design is a Latin hypercube over backstop, force_required_troops and
war_cost_per_month. Target: <= 2 minutes per engine on this 2-core machine. Writes
benchmarks/results/sweep.json.

    .venv/bin/python benchmarks/sweep.py [--points 100] [--replications 1000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import threading
import time
from pathlib import Path

import psutil

from scenarios import load_scenario
from sweeps import designs, sweep
from sweeps.store import Store

HERE = Path(__file__).resolve().parent
PARAMS = ["backstop", "force_required_troops", "war_cost_per_month"]
TARGET_WALL_S = 120.0  # per engine: the first plan's target


def tree_rss_mb() -> float:
    """Resident memory of this process and all its descendants, in MB."""
    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def measure(engine: str, n_points: int, replications: int, workers: int) -> dict[str, object]:
    scenario = load_scenario("ukraine-2025")
    design = designs.latin(scenario, n_points, PARAMS, seed=0)
    samples: list[tuple[int, float]] = []  # (points done, MB)
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as out:
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                samples.append((len(Store(out).done()), tree_rss_mb()))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t = time.perf_counter()
        res = sweep(
            scenario,
            design,
            replications=replications,
            rng=1,
            out=out,
            engine=engine,
            workers=workers,
            progress=False,
        )
        wall = time.perf_counter() - t
        stop.set()
        sampler.join()
        points = res.points()
    half = n_points // 2
    first = [mb for done, mb in samples if 0 < done <= half]
    second = [mb for done, mb in samples if done > half]
    return {
        "engine": engine,
        "workers": workers,
        "points": len(points),
        "replications": replications,
        "wall_s": round(wall, 1),
        "s_per_point": round(wall / n_points, 3),
        "peak_tree_rss_mb": round(max(mb for _, mb in samples), 1),
        "peak_rss_mb_first_half_of_points": round(max(first), 1) if first else None,
        "peak_rss_mb_second_half_of_points": round(max(second), 1) if second else None,
        "mean_p_agreement": round(float(points["p_agreement"].mean()), 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--replications", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    runs = [measure(e, args.points, args.replications, args.workers) for e in ("local", "dask")]
    for r in runs:
        print(json.dumps(r))
    same = runs[0]["mean_p_agreement"] == runs[1]["mean_p_agreement"]
    record = {
        "benchmark": "sweep of ukraine-2025 (LHS over " + ", ".join(PARAMS) + ")",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "target": f"<= {TARGET_WALL_S:g} s per engine; memory flat in the number of points",
        "target_wall_s": TARGET_WALL_S,
        "runs": runs,
        "engines_agree": same,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "sweep.json").write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {HERE / 'results' / 'sweep.json'}")


if __name__ == "__main__":
    main()
