"""UI benchmark: one Step as the page renders it, and 1,000 replications for the odds panel.

Targets: Step render <= 300 ms (issue 6), 1,000 replications <= 1 s (issue 11; issue 6 had
2 s). Figures are printed, not asserted. Run: ``.venv/bin/python benchmarks/ui.py [scenario]``.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import ipyvuetify as v
import solara

from model import run_ensemble
from scenarios import load_scenario
from viz.app import SCENARIO_ENV, AccordPage

STEP_TARGET_MS = 300
ODDS_TARGET_S = 1.0


def time_steps(name: str, steps: int = 10) -> list[float]:
    """Milliseconds from clicking Step to the page re-rendered (issue-space tab open)."""
    import os

    os.environ[SCENARIO_ENV] = name
    _box, rc = solara.render(solara.AppLayout(children=[AccordPage()]), handle_error=False)
    button = rc.find(v.Btn, children=["Step"]).widget
    reset = rc.find(v.Btn, children=["Reset"]).widget
    button.click()  # the first round also builds caches (fonts, tables): not counted
    out: list[float] = []
    while len(out) < steps:
        if button.disabled:  # the run ended (agreement or horizon): a new run, not counted
            reset.click()
            continue
        start = time.perf_counter()
        button.click()
        out.append(1000 * (time.perf_counter() - start))
    rc.close()
    return out


def time_odds(name: str, replications: int = 1000, repeats: int = 3) -> list[float]:
    """Seconds for the odds panel's ensemble (same call, chunked for its progress bar)."""
    scenario = load_scenario(name)
    out = []
    for seed in range(repeats):
        start = time.perf_counter()
        run_ensemble(scenario, replications, rng=seed, progress=lambda done, total: None)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "ukraine-2025"
    steps = time_steps(name)
    odds = time_odds(name)
    print(f"scenario {name}")
    print(
        f"step render: median {statistics.median(steps):.0f} ms, max {max(steps):.0f} ms "
        f"over {len(steps)} steps (target <= {STEP_TARGET_MS} ms)"
    )
    print(
        f"1,000 replications: median {statistics.median(odds):.2f} s, "
        f"max {max(odds):.2f} s over {len(odds)} runs (target <= {ODDS_TARGET_S} s)"
    )
    out = Path(__file__).resolve().parent / "results" / "ui.json"
    out.parent.mkdir(exist_ok=True)
    record = {
        "scenario": name,
        "step_ms": {"median": statistics.median(steps), "max": max(steps), "n": len(steps)},
        "odds_1000_s": {"median": statistics.median(odds), "max": max(odds), "n": len(odds)},
        "targets": {"step_ms": STEP_TARGET_MS, "odds_1000_s": ODDS_TARGET_S},
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }
    out.write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()
