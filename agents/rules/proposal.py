"""The mediator's proposal and the baseline forecasts (ODD 7.4).

The proposal is the asymmetric (generalised) Nash bargaining solution among the veto players over
their disagreement values (Nash 1950; Kalai 1977; Binmore, Rubinstein & Wolinsky 1986: the
exponents are bargaining power): maximise ``Σ_i β_i log g_i(z)``, every gain positive. With
salience-weighted Euclidean utilities every Pareto-optimal point minimises a weighted sum of
squared distances, ``z(w) = Σ_i w_i s_i² x_i / Σ_i w_i s_i²`` (per dimension), so the search runs
over the weight simplex ``w``: a lattice of at most 50 points, a compass search, then first-order
(Weiszfeld-type) steps that only accept improvements. When no point gives every veto player a
positive gain the answer is "no feasible agreement" and the terms are the maximin point (the
mediator's best try).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]
B = NDArray[np.bool_]


TOLERANCE = 1e-9  # a step that raises the log Nash product by less counts as converged
MIN_STEP = 1e-4  # the compass search stops refining a row below this step


@dataclass(frozen=True)
class Proposal:
    """Terms ``(..., D)``, whether they are feasible ``(...)``, and each veto player's gain."""

    terms: F
    feasible: B
    gains: F


def simplex_lattice(v: int, max_points: int = 300) -> F:
    """All weight vectors on the (v-1)-simplex with step 1/m, the finest m with ≤ max_points."""
    m = 1
    while v > 1 and comb(m + 1 + v - 1, v - 1) <= max_points:
        m += 1
    rows = []
    for bars in combinations(range(m + v - 1), v - 1):  # stars and bars
        edges = (-1, *bars, m + v - 1)
        rows.append([edges[k + 1] - edges[k] - 1 for k in range(v)])
    return np.asarray(rows, float) / m


def _mm(a: F, b: F) -> F:
    """``a @ b`` for a small inner dimension, as a sum of broadcast products (no BLAS call:
    many tiny matrix products are faster this way and do not contend for threads)."""
    out: F = a[..., :, 0, None] * b[..., None, 0, :]
    for k in range(1, a.shape[-1]):
        out = out + a[..., :, k, None] * b[..., None, k, :]
    return out


def contract_points(ideal: ArrayLike, salience: ArrayLike, weights: ArrayLike) -> F:
    """Pareto points ``z(w)`` for weights ``(..., K, V)``; ideal, salience ``(..., V, D)``."""
    x, s = np.asarray(ideal, float), np.asarray(salience, float)
    s2 = s * s
    w = np.asarray(weights, float)
    num = _mm(w, s2 * x)  # (..., K, D)
    den = _mm(w, s2)
    mean = np.mean(x, axis=-2)[..., None, :]
    out: F = np.where(den > 0, num / np.where(den > 0, den, 1.0), mean)
    return out


def _distances(z: F, x: F, s2: F) -> F:
    """Salience-weighted distances ``(..., K, V)`` from points ``(..., K, D)`` to V actors,
    expanded into matrix products (the hot loop of the search)."""
    total = s2.sum(axis=-1)  # (..., V)
    sq = _mm(z * z, np.swapaxes(s2, -1, -2)) - 2.0 * _mm(z, np.swapaxes(s2 * x, -1, -2))
    sq = sq + (s2 * x * x).sum(axis=-1)[..., None, :]
    sq = np.divide(sq, total[..., None, :], out=np.zeros(sq.shape), where=total[..., None, :] > 0)
    out: F = np.sqrt(np.maximum(sq, 0.0))
    return out


def _score(ideal: F, salience: F, offsets: F, weights: F, power: F) -> tuple[F, F, F]:
    """Points, gains and score for candidate weights ``(..., K, V)``; power ``(..., V)``.

    Feasible points score the weighted log Nash product ``Σ β_i log g_i``; infeasible ones score
    below every feasible point, ordered by their smallest gain (so the search climbs towards
    feasibility).
    """
    z = contract_points(ideal, salience, weights)  # (..., K, D)
    gains = offsets[..., None, :] - _distances(z, ideal, salience * salience)  # (..., K, V)
    low = gains.min(axis=-1)
    feasible = low > 0
    nash = (power[..., None, :] * np.log(np.where(feasible[..., None], gains, 1.0))).sum(axis=-1)
    score = np.where(feasible, nash, -1e6 + low)
    return z, gains, score


def _first_order(x: F, s: F, off: F, beta: F, w: F, score: F, iterations: int) -> tuple[F, F]:
    """Improve feasible weights by the first-order condition of the Nash product.

    At an interior optimum ``Σ_i β_i ∇d_i(z) / g_i = 0``, which makes ``z`` the contract point with
    weights ``w_i ∝ β_i / (d_i · Σ_k s_ik² · g_i)`` (a Weiszfeld-type fixed point). Each step moves
    a fraction ``α`` towards those weights; a step that does not raise the Nash product is
    refused and ``α`` halves, so the score never falls.
    """
    total = np.maximum((s * s).sum(axis=-1), 1e-12)  # (..., V)
    alpha = np.ones(score.shape)
    done = np.zeros(score.shape, bool)
    _, gains, _ = _score(x, s, off, w[..., None, :], beta)
    g = gains[..., 0, :]
    for _ in range(iterations):
        d = np.maximum(off - g, 1e-9)
        target = beta / (d * total * np.maximum(g, 1e-12))
        target /= target.sum(axis=-1, keepdims=True)
        trial = (1.0 - alpha[..., None]) * w + alpha[..., None] * target
        _, t_gains, t_score = _score(x, s, off, trial[..., None, :], beta)
        better = (t_score[..., 0] > score) & (g.min(axis=-1) > 0) & ~done
        w = np.where(better[..., None], trial, w)
        g = np.where(better[..., None], t_gains[..., 0, :], g)
        gain = np.where(better, t_score[..., 0] - score, 0.0)
        score = np.where(better, t_score[..., 0], score)
        alpha = np.where(better, np.minimum(1.0, 2 * alpha), alpha / 2)
        # A row is done once its steps no longer help; it then stays put, so a row's result
        # does not depend on the other rows of the batch (a run of one equals its ensemble row).
        done |= (gain <= TOLERANCE) & (alpha < 1e-3)
        if done.all():
            break
    return w, score


def _pattern_search(x: F, s: F, off: F, beta: F, w: F, score: F, step: float, iterations: int) -> F:
    """Compass search over pairwise weight moves; a row's step halves only when no move helps."""
    v = w.shape[-1]
    moves = np.asarray([np.eye(v)[i] - np.eye(v)[j] for i in range(v) for j in range(v) if i != j])
    steps = np.full(score.shape, step)
    for _ in range(iterations):
        trial = np.clip(w[..., None, :] + steps[..., None, None] * moves, 0.0, None)
        trial /= trial.sum(axis=-1, keepdims=True)
        _, _, t_score = _score(x, s, off, trial, beta)
        k = np.argmax(t_score, axis=-1)
        t_best = np.take_along_axis(t_score, k[..., None], axis=-1)[..., 0]
        better = (t_best > score) & (steps >= MIN_STEP)  # rows below the step stay put
        moved = np.take_along_axis(trial, k[..., None, None], -2)[..., 0, :]
        w = np.where(better[..., None], moved, w)
        score = np.where(better, t_best, score)
        steps = np.where(better, steps, steps / 2)
        if np.all(steps < MIN_STEP):  # every row has converged
            break
    return w


def nash_bargaining(
    ideal: ArrayLike,
    salience: ArrayLike,
    offsets: ArrayLike,
    power: ArrayLike | None = None,
    iterations: int = 30,
) -> Proposal:
    """Asymmetric Nash bargaining solution among V veto players.

    ideal, salience: ``(..., V, D)``; offsets ``(..., V)``: gain ``g_i(z) = offset_i - d_i(z)``,
    i.e. ``offset_i = 1 + deal extras_i - fighting_on_i``; power ``(..., V)`` ≥ 0, the bargaining
    power β (normalised to sum 1; default equal: the symmetric solution). Batch shapes broadcast.
    Returns the proposal ``(..., D)``, feasibility ``(...)`` and gains ``(..., V)``.
    Search: the best point of a lattice on the weight simplex, then a compass search (which
    also finds the maximin point when nothing is feasible), then first-order steps.
    """
    x, s = np.asarray(ideal, float), np.asarray(salience, float)
    off = np.asarray(offsets, float)
    v = x.shape[-2]
    beta = np.ones(v) if power is None else np.asarray(power, float)
    if beta.shape[-1] != v or beta.min(initial=0.0) < 0 or not np.all(beta.sum(-1) > 0):
        raise ValueError(f"power: {v} non-negative values, not all zero, were expected")
    beta = beta / beta.sum(axis=-1, keepdims=True)
    batch = np.broadcast_shapes(x.shape[:-2], s.shape[:-2], off.shape[:-1], beta.shape[:-1])
    lattice = simplex_lattice(v, max_points=50)
    _, _, score = _score(x, s, off, lattice, beta)
    score = np.broadcast_to(score, (*batch, len(lattice)))
    best = np.argmax(score, axis=-1)
    w = lattice[best]  # (..., V)
    best_score = np.take_along_axis(score, best[..., None], axis=-1)[..., 0]
    if v > 1:
        step = float(lattice[lattice > 0].min(initial=1.0)) / 2
        w = _pattern_search(x, s, off, beta, w, best_score, step, iterations // 3)
        _, _, sc = _score(x, s, off, w[..., None, :], beta)
        w, _ = _first_order(x, s, off, beta, w, sc[..., 0], iterations)
    z, gains, _ = _score(x, s, off, w[..., None, :], beta)
    terms, g = z[..., 0, :], gains[..., 0, :]
    return Proposal(terms=terms, feasible=g.min(axis=-1) > 0, gains=g)


def weighted_mean(x: ArrayLike, weight: ArrayLike) -> F:
    """Compromise model ``Σ_i w_id x_id / Σ_i w_id`` over actors (axis -2); x, w ``(..., N, D)``."""
    x, w = np.asarray(x, float), np.asarray(weight, float)
    w = np.broadcast_to(w, np.broadcast_shapes(x.shape, w.shape))
    total = w.sum(axis=-2)
    out: F = np.where(
        total > 0, (w * x).sum(axis=-2) / np.where(total > 0, total, 1.0), x.mean(axis=-2)
    )
    return out


def weighted_median(x: ArrayLike, weight: ArrayLike) -> F:
    """Weighted median over actors (axis -2): smallest x with half the weight at or below it."""
    x, w = np.asarray(x, float), np.asarray(weight, float)
    x, w = np.broadcast_arrays(x, w)
    order = np.argsort(x, axis=-2, kind="stable")
    xs = np.take_along_axis(x, order, axis=-2)
    cw = np.cumsum(np.take_along_axis(w, order, axis=-2), axis=-2)
    half = 0.5 * cw[..., -1:, :]
    idx = np.argmax(cw >= half, axis=-2)  # first index reaching half
    out: F = np.take_along_axis(xs, idx[..., None, :], axis=-2)[..., 0, :]
    return out
