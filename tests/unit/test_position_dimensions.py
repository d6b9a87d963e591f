"""The five ceasefire dimensions of ukraine-2025 are not one score in five copies (issue 12)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

STATES = (
    Path(__file__).resolve().parents[2] / "scenarios" / "builtin" / "ukraine-2025" / "states.csv"
)
DIMENSIONS = ("territory", "alignment", "foreign_forces", "sanctions", "accountability")


def position_structure() -> tuple[float, float]:
    """(mean absolute pairwise correlation, share of variance on the first principal component)
    of the 193 states' positions on the five dimensions."""
    with open(STATES, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[f"pos_{d}"]) for d in DIMENSIONS] for r in rows])
    corr = np.corrcoef(x, rowvar=False)
    mean_abs = float(np.abs(corr[np.triu_indices(len(DIMENSIONS), 1)]).mean())
    eig = np.linalg.eigvalsh(np.cov(x, rowvar=False))
    return mean_abs, float(eig[-1] / eig.sum())


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 target not met yet: the ideal-point mapping of builds/ideal_positions.py "
    "lowers the mean |correlation| and the first component's share but not below 0.7 and 80%",
)
def test_dimensions_are_not_one_score() -> None:
    mean_abs, pc1 = position_structure()
    print(f"mean |pairwise correlation| {mean_abs:.3f}; first principal component {pc1:.1%}")
    assert mean_abs < 0.7
    assert pc1 < 0.8
