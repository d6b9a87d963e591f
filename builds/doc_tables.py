"""Tables in the docs generated from the files that hold their numbers, so that no doc types a
number twice.

A doc marks a generated block with ``<!-- parameters: SCENARIO -->`` ... ``<!-- /parameters -->``
(the scenario's ``scenario.toml``: value or distribution, unit, range, source) or with
``<!-- performance -->`` ... ``<!-- /performance -->`` (the benchmarks' recorded results in
``benchmarks/results/``). ``python -m builds.doc_tables`` rewrites every such block in docs/ and
the README, and ``--check`` exits 1 when a block is out of date (tests/unit/test_docs.py runs the
check).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from scenarios import Parameter, load_scenario

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
BENCHMARKS = ROOT / "benchmarks" / "results"
BLOCK = re.compile(
    r"(<!-- parameters: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- /parameters -->)", re.S
)
PERFORMANCE = re.compile(r"(<!-- performance -->\n)(?P<body>.*?)(<!-- /performance -->)", re.S)
SOURCE_CHARS = 110  # a table cell; the full source is in scenario.toml and `accord show`


def _num(v: float) -> str:
    return f"{v:g}"


def value_text(p: Parameter) -> str:
    """The value, or the distribution with its parameters."""
    d = p.distribution
    if d is None:
        return _num(float(p.central))
    if d.kind == "triangular":
        return f"triangular({_num(d.low)}, {_num(float(d.mode or 0))}, {_num(d.high)})"
    if d.kind == "normal":
        mean, sd = _num(float(d.mean or 0)), _num(float(d.sd or 0))
        return f"normal({mean}, {sd}) in [{_num(d.low)}, {_num(d.high)}]"
    return f"uniform({_num(d.low)}, {_num(d.high)})"


def _cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "/")
    return text if len(text) <= SOURCE_CHARS else text[: SOURCE_CHARS - 1].rstrip() + "…"


def parameter_table(scenario_name: str) -> str:
    """The Markdown table of a scenario's parameters, in file order."""
    scenario = load_scenario(scenario_name)
    lines = ["| parameter | value | unit | range | source |", "|---|---|---|---|---|"]
    for name, p in scenario.parameters.items():
        lo, hi = p.range
        lines.append(
            f"| {name} | {value_text(p)} | {p.unit} | {_num(lo)}–{_num(hi)} | {_cell(p.source)} |"
        )
    return "\n".join(lines) + "\n"


def _bench(name: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads((BENCHMARKS / f"{name}.json").read_text(encoding="utf-8"))
    return out


def performance_table() -> str:
    """The Markdown table of the benchmarks' recorded results and targets (``make bench``)."""
    ens, ui, mem, sweep = (_bench(n) for n in ("ensemble", "ui", "memory", "sweep"))
    one, two, tg = ens["run_ensemble_one_process"], ens["run_ensemble"], ens["targets"]
    batch = ens["batch_run_measured"]
    runs = mem["runs"]
    peaks = " / ".join(f"{r['peak_rss_mb']:.0f}" for r in runs)
    sizes = " / ".join(f"{r['replications']:,}" for r in runs)
    by_engine = {r["engine"]: r for r in sweep["runs"]}
    local, dask = by_engine["local"], by_engine["dask"]
    halves = [
        (r["peak_rss_mb_first_half_of_points"], r["peak_rss_mb_second_half_of_points"])
        for r in (local, dask)
    ]
    flat = ", ".join(f"{a:.0f} → {b:.0f} MB" for a, b in halves)
    rows = [
        (
            f"`run_ensemble`, {ens['replications']:,} replications of `{ens['scenario']}` "
            f"({ens['rounds']} rounds, force and votes on), `workers={two['workers']}`",
            f"{two['wall_s']:.1f} s; {two['peak_rss_mb']:.0f} MB",
            f"≤ {tg['run_ensemble_wall_s']:g} s, ≤ {tg['peak_rss_mb'] / 1024:g} GB",
        ),
        (
            "the same in one process (`workers=1`, the default)",
            f"{one['wall_s']:.1f} s, {one['peak_rss_mb']:.0f} MB",
            f"≤ {tg['run_ensemble_wall_s']:g} s",
        ),
        (
            f"the same through Mesa's `batch_run` ({batch['runs']} runs measured, scaled linearly)",
            f"about {ens['batch_run_scaled_wall_s']:,.0f} s: `run_ensemble` is about "
            f"{ens['speedup']:.0f}× faster",
            f"≥ {tg['speedup']:g}×",
        ),
        (
            "one Step in the UI, rendered (`benchmarks/ui.py`)",
            f"{ui['step_ms']['median']:.0f} ms median",
            f"≤ {ui['targets']['step_ms']:g} ms",
        ),
        (
            "1,000 replications from the UI's odds panel",
            f"{ui['odds_1000_s']['median']:.2f} s median",
            f"≤ {ui['targets']['odds_1000_s']:g} s",
        ),
        (
            "peak memory of one process (`benchmarks/memory.py`)",
            f"{peaks} MB at {sizes} replications; requests above "
            f"{mem['max_replications']:,} are refused",
            "bounded",
        ),
        (
            f"a sweep of {local['points']} points × {local['replications']:,} replications "
            f"(`benchmarks/sweep.py`), {local['workers']} workers",
            f"{local['wall_s']:.0f} s local pool, {dask['wall_s']:.0f} s Dask; memory flat "
            f"({flat})",
            f"≤ {sweep['target_wall_s']:g} s, flat",
        ),
    ]
    lines = ["| what | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    """``text`` with every generated block rewritten."""
    text = BLOCK.sub(lambda m: m.group(1) + parameter_table(m.group("name")) + m.group(4), text)
    if PERFORMANCE.search(text):
        text = PERFORMANCE.sub(lambda m: m.group(1) + performance_table() + m.group(3), text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a block is stale")
    args = parser.parse_args(argv)
    stale = []
    for path in [*sorted(DOCS.rglob("*.md")), README]:
        text = path.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for path in stale:
        print(f"{path}: {'stale' if args.check else 'rewritten'}", file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
