"""Position dynamics: Friedkin–Johnsen with weights from ties x capability x salience (ODD 7.1)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]


def influence_weights(
    ties: ArrayLike, capability: ArrayLike, salience: ArrayLike, self_weight: float
) -> F:
    """Row-stochastic influence matrices, one per dimension: ``W[..., d, i, j]``.

    ``W_dij ∝ (tie_ij + self_weight·[i = j]) · c_j · s_jd``: state i listens to the states it is
    tied to, the more so the more capable they are and the more they care about dimension d.
    A row with no weight at all (no ties, zero capability or salience) keeps the state's own view.

    ties: ``(N, N)`` symmetric, zero diagonal; capability ``(N,)``; salience ``(..., N, D)``.
    """
    ties = np.asarray(ties, float)
    c = np.asarray(capability, float)
    s = np.asarray(salience, float)
    n = ties.shape[-1]
    eye = np.eye(n)
    bond = ties + self_weight * eye  # (N, N)
    pull = c[..., :, None] * s  # (..., N, D): how much j pulls on dimension d
    raw = bond[..., None, :, :] * np.swapaxes(pull, -1, -2)[..., :, None, :]  # (..., D, N, N)
    total = raw.sum(axis=-1, keepdims=True)
    dead = total <= 0
    raw = np.where(dead, eye, raw)
    out: F = raw / np.where(dead, 1.0, total)
    return out


def update_positions(x: ArrayLike, x0: ArrayLike, weights: ArrayLike, stubbornness: ArrayLike) -> F:
    """One Friedkin–Johnsen step: ``x' = (1 - λ) · W x + λ · x0`` per dimension.

    x, x0: ``(..., N, D)``; weights: ``(..., D, N, N)``; stubbornness λ: ``(..., N)``.
    Positions stay in [0, 1] because W is row-stochastic and the update is a convex combination.
    """
    x = np.asarray(x, float)
    lam = np.asarray(stubbornness, float)[..., :, None]
    influenced = np.einsum("...dij,...jd->...id", np.asarray(weights, float), x)
    out: F = (1.0 - lam) * influenced + lam * np.asarray(x0, float)
    return out
