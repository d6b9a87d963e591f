"""Golden summaries of every built-in scenario: what they are and how to regenerate them.

    .venv/bin/python -m tests.regression.golden_summaries    # rewrites tests/regression/golden/

Regenerate after an intended change of the model or a scenario, and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from model import run_ensemble
from scenarios import list_builtin

GOLDEN = Path(__file__).resolve().parent / "golden"
REPLICATIONS = 2000
SEED = 20250224


def summarise(name: str) -> dict[str, Any]:
    """The headline numbers of a scenario's ensemble, rounded for a stable file."""
    res = run_ensemble(name, REPLICATIONS, rng=SEED)
    s = res.summary()
    r = lambda v: round(float(v), 4)  # noqa: E731
    return {
        "scenario": name,
        "replications": REPLICATIONS,
        "seed": SEED,
        "p_agreement": r(s["p_agreement"]["p"]),
        "p_holds": r(s["p_holds"]["p"]) if s["p_holds"]["n"] else None,
        "mean_force_troops": r(res.rows["force_troops"].mean()),
        "mean_credibility": r(res.rows["credibility"].mean()),
        "expected_terms": {k: (r(v) if v == v else None) for k, v in s["expected_terms"].items()},
        "p_adopted": {
            k: r(v["p_adopted"]["p"]) for k, v in s["votes"].items() if v["p_adopted"]["n"]
        },
    }


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name in list_builtin():
        path = GOLDEN / f"{name}.json"
        path.write_text(json.dumps(summarise(name), indent=2, sort_keys=True) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
