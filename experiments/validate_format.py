"""Formatting helpers of docs/validation.md (experiments/validate.py and validate_force.py)."""

from __future__ import annotations

from collections.abc import Sequence


def num(x: object, d: int = 1) -> str:
    if isinstance(x, str):
        return x
    v = float(x)  # type: ignore[arg-type]
    return f"{v:,.{d}f}" if d else f"{round(v):,d}"


def pct(x: object, d: int = 1) -> str:
    return f"{100 * float(x):.{d}f}%"  # type: ignore[arg-type]


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def qget(q: dict[str, float], key: str) -> str:
    return num(q[key], 0) if key in q else "n/a"


def rel(name: str) -> str:
    return f"../experiments/results/{name}"
