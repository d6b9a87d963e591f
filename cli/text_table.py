"""Plain-text tables for the command line: column widths measured from the cells, so a long name
(a resolution symbol, 'Saint Vincent and the Grenadines', a dimension) widens its column instead
of pushing the rest of its row out of line.

A column is ``"<"`` (left-aligned) or ``">"`` (right-aligned) with a minimum width: the widest of
the minimum and its cells. ``sep`` goes between columns (one string, or one per gap). The last
column is not padded when left-aligned, so no line ends in spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Column:
    align: Literal["<", ">"] = "<"
    min_width: int = 0


def align_rows(
    rows: Sequence[Sequence[str]],
    columns: Sequence[Column],
    sep: str | Sequence[str] = " ",
    indent: str = "",
) -> list[str]:
    """``rows`` (each a cell per column) as lines whose columns start at the same place."""
    gaps = [sep] * (len(columns) - 1) if isinstance(sep, str) else list(sep)
    if len(gaps) != len(columns) - 1 or any(len(row) != len(columns) for row in rows):
        raise ValueError("align_rows: every row needs one cell per column, one sep per gap")
    widths = [max([col.min_width, *(len(row[i]) for row in rows)]) for i, col in enumerate(columns)]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(w) if col.align == ">" else cell.ljust(w)
            for cell, col, w in zip(row, columns, widths, strict=True)
        ]
        line = cells[0] + "".join(gap + cell for gap, cell in zip(gaps, cells[1:], strict=True))
        lines.append((indent + line).rstrip())
    return lines
