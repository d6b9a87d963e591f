"""Durability of a signed agreement: a monthly breakdown hazard over a horizon (ODD 7.7)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]
Ints = NDArray[np.int64]


def breakdown_hazard(
    h0: ArrayLike,
    adequacy: ArrayLike,
    backstop: ArrayLike,
    force_effect: ArrayLike,
    backstop_effect: ArrayLike,
) -> F:
    """``h = h0 · (1 − e_force · min(1, T/R)) · (1 − e_backstop · b)``, all broadcasting."""
    out: F = (
        np.asarray(h0, float)
        * (1.0 - np.asarray(force_effect, float) * np.asarray(adequacy, float))
        * (1.0 - np.asarray(backstop_effect, float) * np.asarray(backstop, float))
    )
    return out


def p_holds(hazard: ArrayLike, horizon_months: ArrayLike) -> F:
    """Probability that an agreement survives ``horizon`` months: ``(1 − h)^H``."""
    out: F = (1.0 - np.asarray(hazard, float)) ** np.asarray(horizon_months, float)
    return out


def breakdown_month(hazard: ArrayLike, u: ArrayLike) -> Ints:
    """Month in which the agreement breaks (geometric, by inversion of a uniform draw ``u``).

    Returns ``k ≥ 1``; an agreement holds over ``H`` months when ``k > H``. A zero hazard never
    breaks (a very large k).
    """
    h = np.clip(np.asarray(hazard, float), 0.0, 1.0)
    uu = np.asarray(u, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        k = np.ceil(np.log1p(-uu) / np.log1p(-h))
    k = np.where(h <= 0, np.iinfo(np.int32).max, np.where(h >= 1, 1, k))
    out: Ints = np.maximum(k, 1).astype(np.int64)
    return out
