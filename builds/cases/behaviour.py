"""Write ``scenarios/behaviour/cases.toml``: the behavioural parameters every case shares.

Run ``python -m builds.cases.behaviour``. The values are ukraine-2025's central values (its
scenario.toml), copied with their units, ranges and sources: they were set for Russia-Ukraine in
2025 before any historical case was built, so no case's outcome chose them. Every case names this
file (``behaviour = "cases"``) and the loader refuses a case that sets one of these parameters
itself, so sharing is structural. Deterministic: the same scenario.toml gives the same bytes.
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from scenarios.catalogue import CATALOGUE
from scenarios.writer import toml_key, toml_value

ROOT = Path(__file__).resolve().parents[2]
UKRAINE = ROOT / "scenarios" / "builtin" / "ukraine-2025" / "scenario.toml"
OUT = ROOT / "scenarios" / "behaviour" / "cases.toml"

#: the case-specific parameters, set per case by the rules of builds.cases.parameters from data
#: dated before the case's start (with fighting_on_* and battlefield_trend_* per veto player;
#: the war's age is a fact about each war, and it weighs the belligerents' beliefs);
#: every other parameter of the catalogue is behavioural (how actors decide) and shared.
CASE_SPECIFIC = ("backstop", "force_required_troops", "war_months_before_start")
SHARED = tuple(name for name in CATALOGUE if name not in CASE_SPECIFIC)
PROVENANCE = "Shared by all cases: ukraine-2025's central value, set before any case was built. "
KEYS = ("value", "distribution", "unit", "range", "source", "description")


def behaviour_toml(ukraine: Path = UKRAINE) -> str:
    params = tomllib.loads(ukraine.read_text(encoding="utf-8"))["parameters"]
    lines = [
        'description = "Behavioural parameters shared by every historical case '
        '(written by python -m builds.cases.behaviour from ukraine-2025)"',
    ]
    for name in SHARED:
        table = dict(params[name])
        table["source"] = PROVENANCE + "ukraine-2025 source: " + table["source"]
        lines += ["", f"[parameters.{toml_key(name)}]"]
        lines += [f"{k} = {toml_value(table[k])}" for k in KEYS if k in table]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(behaviour_toml().encode("utf-8"))
    print(f"wrote {args.out} ({len(SHARED)} shared parameters)")


if __name__ == "__main__":
    main()
