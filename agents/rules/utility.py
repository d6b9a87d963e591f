"""Utilities over terms: salience-weighted distance (ODD 7.4)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]


def salience_distance(z: ArrayLike, x: ArrayLike, s: ArrayLike) -> F:
    """KTAB's salience-weighted distance ``sqrt(sum_k (s_k (z_k - x_k))^2 / sum_k s_k^2)``.

    ``z``, ``x``, ``s`` broadcast against each other; the last axis is the dimension axis.
    Result lies in [0, 1] for points in the unit cube. A zero-salience actor is at distance 0.
    """
    z, x, s = np.asarray(z, float), np.asarray(x, float), np.asarray(s, float)
    s2 = s * s
    num = np.sum(s2 * (z - x) ** 2, axis=-1)
    den = np.sum(s2, axis=-1)
    out: F = np.sqrt(np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0))
    return out


def utility(z: ArrayLike, x: ArrayLike, s: ArrayLike) -> F:
    """Utility of terms ``z`` for an actor at ``x`` with saliences ``s``: ``1 - distance``."""
    return 1.0 - salience_distance(z, x, s)
