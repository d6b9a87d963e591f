"""Benchmark: peak memory of ``run_ensemble`` as the replication count grows (issue 16).

An ensemble is advanced chunk by chunk (``model.ensemble.DEFAULT_CHUNK`` replications at a time),
so its working arrays are bounded by the chunk; what grows with the count is what it keeps per
replication (the rows, the force and the votes, as int8). This measures peak RSS in a fresh
subprocess for each count, fits the growth per replication, and states the peak at
``MAX_REPLICATIONS``, the ceiling above which ``run_ensemble`` refuses. Not a timed test.
Writes benchmarks/results/memory.json.

    .venv/bin/python benchmarks/memory.py [--counts 2500 10000 40000] [--scenario ukraine-2025]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent

MEASURE = """
import json, resource, time
from model import run_ensemble
t = time.perf_counter()
res = run_ensemble({scenario!r}, {n}, rng=1)
print(json.dumps({{"wall_s": time.perf_counter() - t,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(scenario: str, n: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE.format(scenario=scenario, n=n)],
        cwd=HERE.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    out: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    from model.ensemble import DEFAULT_CHUNK, MAX_REPLICATIONS

    p = argparse.ArgumentParser()
    p.add_argument("--counts", type=int, nargs="+", default=[2500, 10000, 40000])
    p.add_argument("--scenario", default="ukraine-2025")
    args = p.parse_args()
    rows = []
    for n in args.counts:
        m = measure(args.scenario, n)
        rows.append({"replications": n, **m})
        print(f"{n:>7,} replications: peak {m['peak_rss_mb']:,.0f} MB, {m['wall_s']:.1f} s")
    counts = np.array([r["replications"] for r in rows], float)
    peaks = np.array([r["peak_rss_mb"] for r in rows], float)
    slope, intercept = np.polyfit(counts, peaks, 1)
    at_ceiling = intercept + slope * MAX_REPLICATIONS
    print(
        f"growth {1024 * slope:.2f} KB per replication; "
        f"extrapolated peak at the ceiling ({MAX_REPLICATIONS:,}): {at_ceiling:,.0f} MB"
    )
    result = {
        "scenario": args.scenario,
        "chunk": DEFAULT_CHUNK,
        "max_replications": MAX_REPLICATIONS,
        "runs": rows,
        "kb_per_replication": 1024 * slope,
        "peak_mb_at_ceiling_extrapolated": at_ceiling,
        "machine": {"platform": platform.platform(), "python": platform.python_version()},
    }
    out = HERE / "results" / "memory.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
