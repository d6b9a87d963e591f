"""Tables in the docs generated from the scenario files, so that no doc types a number twice.

A doc marks a generated block with ``<!-- parameters: SCENARIO -->`` ... ``<!-- /parameters -->``;
``python -m builds.doc_tables`` rewrites every such block in docs/ from the scenario's
``scenario.toml`` (value or distribution, unit, range, source), and ``--check`` exits 1 when a
block is out of date (tests/unit/test_docs.py runs the check).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from scenarios import Parameter, load_scenario

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(
    r"(<!-- parameters: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- /parameters -->)", re.S
)
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


def render(text: str) -> str:
    """``text`` with every generated block rewritten."""
    return BLOCK.sub(lambda m: m.group(1) + parameter_table(m.group("name")) + m.group(4), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a block is stale")
    args = parser.parse_args(argv)
    stale = []
    for path in sorted(DOCS.rglob("*.md")):
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
