"""cli.text_table: the command line's tables line up whatever the length of a name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.text_table import Column, align_rows

STATES = [
    ["UKR", "Ukraine", "0.912"],
    ["VCT", "Saint Vincent and the Grenadines", "0.4"],
    ["RUS", "Russia", "0.031"],
]


def starts(line: str, cells: list[str]) -> list[int]:
    """Where each cell of a row begins in its line (cells found left to right)."""
    out, at = [], 0
    for cell in cells:
        at = line.index(cell, at)
        out.append(at)
        at += len(cell)
    return out


def test_a_long_name_widens_its_column_and_the_next_columns_line_up() -> None:
    lines = align_rows(STATES, [Column("<", 3), Column("<", 10), Column(">", 6)], sep="  ")
    assert lines == [
        "UKR  Ukraine                            0.912",
        "VCT  Saint Vincent and the Grenadines     0.4",
        "RUS  Russia                             0.031",
    ]
    assert len({starts(line, row)[1] for line, row in zip(lines, STATES, strict=True)}) == 1
    assert len({len(line) for line in lines}) == 1  # right-aligned last column: one right edge


def test_short_cells_keep_the_minimum_widths_and_no_line_ends_in_spaces() -> None:
    lines = align_rows([["a", "b"], ["c", ""]], [Column("<", 5), Column("<", 4)], indent="  ")
    assert lines == ["  a     b", "  c"]


def test_one_separator_per_gap() -> None:
    assert align_rows([["x", "y", "z"]], [Column(), Column(), Column()], sep=[" ", " | "]) == [
        "x y | z"
    ]
    with pytest.raises(ValueError, match="one sep per gap"):
        align_rows([["x", "y"]], [Column(), Column()], sep=[" ", " "])
    with pytest.raises(ValueError, match="one cell per column"):
        align_rows([["x"]], [Column(), Column()])


cell = st.text(st.characters(codec="ascii", categories=["L", "N", "P"]), min_size=1, max_size=40)


@given(
    st.integers(1, 4).flatmap(
        lambda k: st.tuples(
            st.lists(st.lists(cell, min_size=k, max_size=k), min_size=1, max_size=6),
            st.lists(
                st.builds(Column, st.sampled_from(["<", ">"]), st.integers(0, 12)),
                min_size=k,
                max_size=k,
            ),
        )
    )
)
def test_every_column_starts_or_ends_at_one_place_in_every_row(
    table: tuple[list[list[str]], list[Column]],
) -> None:
    rows, columns = table
    lines = align_rows(rows, columns, sep=" ")
    for i, col in enumerate(columns):
        if col.align == "<":
            edges = {starts(line, row)[i] for line, row in zip(lines, rows, strict=True)}
        else:
            edges = {
                starts(line, row)[i] + len(row[i]) for line, row in zip(lines, rows, strict=True)
            }
        assert len(edges) == 1
    for line, row in zip(lines, rows, strict=True):  # nothing lost or changed but spaces
        assert line.split() == " ".join(row).split()
