"""Benchmark: run_ensemble against Mesa's batch_run on ukraine-2025 (24 rounds).

Reports, in one run on this machine: wall time and peak memory of ``run_ensemble`` for 10,000
replications, with ``--workers`` processes (default 2, the machine's cores) and in one process;
wall time of the same number of runs through ``mesa.batch_run`` — measured on a subset and
scaled linearly, as stated in the output; their ratio. Each measurement runs in a
fresh subprocess so peak memory (max RSS) is its own. Writes benchmarks/results/ensemble.json.

    .venv/bin/python benchmarks/ensemble.py [--replications 10000] [--mesa-runs 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ENSEMBLE = """
import json, resource, time
from model import run_ensemble
t = time.perf_counter()
res = run_ensemble("ukraine-2025", {n}, rng=1, workers={workers})
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({{"wall_s": wall, "peak_rss_mb": peak, "peak_rss_mb_largest_worker": child,
                  "p_agreement": res.p_agreement["p"]}}))
"""

BATCH_RUN = """
import json, resource, time
import mesa
from model import AccordModel
from scenarios import load_scenario
scenario = load_scenario("ukraine-2025")
t = time.perf_counter()
rows = mesa.batch_run(AccordModel, {{"scenario": [scenario]}}, rng=range({n}), max_steps=24,
                      number_processes=1, display_progress=False, data_collection_period=-1)
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"wall_s": wall, "peak_rss_mb": peak}}))
"""


def measure(code: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replications", type=int, default=10_000)
    ap.add_argument("--mesa-runs", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2, help="processes for run_ensemble")
    args = ap.parse_args()
    ens = measure(ENSEMBLE.format(n=args.replications, workers=args.workers))
    serial = measure(ENSEMBLE.format(n=args.replications, workers=1)) if args.workers > 1 else ens
    mesa = measure(BATCH_RUN.format(n=args.mesa_runs))
    scaled = mesa["wall_s"] * args.replications / args.mesa_runs
    report = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": __import__("os").cpu_count(),
        },
        "scenario": "ukraine-2025",
        "rounds": 24,
        "replications": args.replications,
        "run_ensemble": {"workers": args.workers, **ens},
        "run_ensemble_one_process": serial,
        "batch_run_measured": {"runs": args.mesa_runs, **mesa},
        "batch_run_scaled_wall_s": scaled,
        "speedup": scaled / ens["wall_s"],
        "targets": {"run_ensemble_wall_s": 5.0, "speedup": 30.0, "peak_rss_mb": 1536.0},
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "ensemble.json").write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"run_ensemble, {args.replications:,} replications, {args.workers} workers: "
        f"{ens['wall_s']:.2f} s, peak RSS {ens['peak_rss_mb']:.0f} MB parent + "
        f"{ens['peak_rss_mb_largest_worker']:.0f} MB per worker (targets: <= 5 s, <= 1,536 MB)"
    )
    print(
        f"run_ensemble in one process: {serial['wall_s']:.2f} s, "
        f"peak RSS {serial['peak_rss_mb']:.0f} MB"
    )
    print(
        f"mesa.batch_run, {args.mesa_runs} runs measured: {mesa['wall_s']:.2f} s; "
        f"scaled linearly to {args.replications:,}: {scaled:.0f} s"
    )
    print(f"speedup: {report['speedup']:.0f}x (target >= 30x)")


if __name__ == "__main__":
    main()
