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
WARM_STEP = 1 / 16  # first compass step from a warm start (a lattice cell is 1/8 for V = 3)
WARM_ITER = 8  # iterations of each search from a warm start
NEAR_EDGE = 0.02  # utility: from a warm start, rows with a smaller gain also get a compass search
WARM_ALPHA = 1 / 32  # from a warm start a row stops after five refused first-order steps


@dataclass(frozen=True)
class Proposal:
    """Terms ``(..., D)``, whether they are feasible ``(...)``, each veto player's gain, and the
    contract weights ``(..., V)`` that give the terms (a warm start for a nearby problem)."""

    terms: F
    feasible: B
    gains: F
    weights: F


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
    """``a @ b`` over stacked small matrices (numpy's batched ``matmul``). It replaced a sum of
    broadcast products over the inner dimension, which had been kept on the belief that many
    tiny products are faster without BLAS; ``benchmarks/ensemble.py`` measures the difference
    (one process and 2 workers)."""
    out: F = np.matmul(a, b)
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


def contract_gains(
    ideal: ArrayLike, salience: ArrayLike, offsets: ArrayLike, weights: ArrayLike
) -> tuple[F, F]:
    """The contract point ``(..., D)`` of weights ``(..., V)`` and each veto player's gain there,
    ``offset_i − d_i(z)``, ``(..., V)``."""
    x, s = np.asarray(ideal, float), np.asarray(salience, float)
    z = contract_points(x, s, np.asarray(weights, float)[..., None, :])
    gains = np.asarray(offsets, float) - _distances(z, x, s * s)[..., 0, :]
    return z[..., 0, :], gains


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


def _rows(a: F, idx: NDArray[np.intp]) -> F:
    """Rows ``idx`` of a batch-first array, or the array itself when it is shared (batch 1)."""
    return a if a.shape[0] == 1 else a[idx]


def _first_order(
    x: F, s: F, off: F, beta: F, w: F, score: F, iterations: int, min_alpha: float = 1e-3
) -> tuple[F, F]:
    """Improve feasible weights by the first-order condition of the Nash product.

    At an interior optimum ``Σ_i β_i ∇d_i(z) / g_i = 0``, which makes ``z`` the contract point with
    weights ``w_i ∝ β_i / (d_i · Σ_k s_ik² · g_i)`` (a Weiszfeld-type fixed point). Each step moves
    a fraction ``α`` towards those weights; a step that does not raise the Nash product is
    refused and ``α`` halves, so the score never falls. Batch-first arrays ``(B, ...)``; each
    iteration works only on the rows not yet done.
    """
    total = np.maximum((s * s).sum(axis=-1), 1e-12)  # (B or 1, V)
    alpha = np.ones(score.shape)
    _, gains, _ = _score(x, s, off, w[:, None, :], beta)
    g = gains[:, 0, :]
    done = ~(g.min(axis=-1) > 0)  # only feasible rows move
    for _ in range(iterations):
        idx = np.flatnonzero(~done)
        if not len(idx):
            break
        gi, wi, oi, bi, ai = g[idx], w[idx], off[idx], _rows(beta, idx), alpha[idx]
        d = np.maximum(oi - gi, 1e-9)
        target = bi / (d * _rows(total, idx) * np.maximum(gi, 1e-12))
        target /= target.sum(axis=-1, keepdims=True)
        trial = (1.0 - ai[:, None]) * wi + ai[:, None] * target
        _, t_gains, t_score = _score(_rows(x, idx), _rows(s, idx), oi, trial[:, None, :], bi)
        better = t_score[:, 0] > score[idx]
        gain = np.where(better, t_score[:, 0] - score[idx], 0.0)
        w[idx] = np.where(better[:, None], trial, wi)
        g[idx] = np.where(better[:, None], t_gains[:, 0, :], gi)
        score[idx] = np.where(better, t_score[:, 0], score[idx])
        alpha[idx] = np.where(better, np.minimum(1.0, 2 * ai), ai / 2)
        # A row is done once its steps no longer help; it then stays put, so a row's result
        # does not depend on the other rows of the batch (a run of one equals its ensemble row).
        done[idx] = (gain <= TOLERANCE) & (alpha[idx] < min_alpha)
    return w, score


def _pattern_search(x: F, s: F, off: F, beta: F, w: F, score: F, step: float, iterations: int) -> F:
    """Compass search over pairwise weight moves; a row's step halves only when no move helps.
    Batch-first arrays ``(B, ...)``; each iteration works only on rows still above ``MIN_STEP``."""
    v = w.shape[-1]
    moves = np.asarray([np.eye(v)[i] - np.eye(v)[j] for i in range(v) for j in range(v) if i != j])
    steps = np.full(score.shape, step)
    for _ in range(iterations):
        idx = np.flatnonzero(steps >= MIN_STEP)
        if not len(idx):  # every row has converged
            break
        wi, si = w[idx], steps[idx]
        trial = np.clip(wi[:, None, :] + si[:, None, None] * moves, 0.0, None)
        trial /= trial.sum(axis=-1, keepdims=True)
        bi = _rows(beta, idx)
        _, _, t_score = _score(_rows(x, idx), _rows(s, idx), off[idx], trial, bi)
        k = np.argmax(t_score, axis=-1)
        t_best = np.take_along_axis(t_score, k[:, None], axis=-1)[:, 0]
        better = t_best > score[idx]
        moved = np.take_along_axis(trial, k[:, None, None], -2)[:, 0, :]
        w[idx] = np.where(better[:, None], moved, wi)
        score[idx] = np.where(better, t_best, score[idx])
        steps[idx] = np.where(better, si, si / 2)
    return w


def nash_bargaining(
    ideal: ArrayLike,
    salience: ArrayLike,
    offsets: ArrayLike,
    power: ArrayLike | None = None,
    iterations: int = 30,
    start: ArrayLike | None = None,
) -> Proposal:
    """Asymmetric Nash bargaining solution among V veto players.

    ideal, salience: ``(..., V, D)``; offsets ``(..., V)``: gain ``g_i(z) = offset_i - d_i(z)``,
    i.e. ``offset_i = 1 + deal extras_i - fighting_on_i``; power ``(..., V)`` ≥ 0, the bargaining
    power β (normalised to sum 1; default equal: the symmetric solution). Batch shapes broadcast.
    Returns the proposal ``(..., D)``, feasibility ``(...)`` and gains ``(..., V)``.
    Search: the best point of a lattice on the weight simplex, then a compass search (which
    also finds the maximin point when nothing is feasible), then first-order steps. ``start``
    ``(..., V)``: contract weights of a nearby problem's solution (last month's), which replace
    the lattice; the compass search then starts with a small step (``WARM_STEP``).
    """
    x, s = np.asarray(ideal, float), np.asarray(salience, float)
    off = np.asarray(offsets, float)
    v = x.shape[-2]
    beta = np.ones(v) if power is None else np.asarray(power, float)
    if beta.shape[-1] != v or beta.min(initial=0.0) < 0 or not np.all(beta.sum(-1) > 0):
        raise ValueError(f"power: {v} non-negative values, not all zero, were expected")
    beta = beta / beta.sum(axis=-1, keepdims=True)
    batch = np.broadcast_shapes(x.shape[:-2], s.shape[:-2], off.shape[:-1], beta.shape[:-1])
    n = int(np.prod(batch))
    shared = x.ndim == 2 or int(np.prod(x.shape[:-2])) == 1
    xb = (
        x.reshape(1, v, -1)
        if shared
        else np.broadcast_to(x, (*batch, *x.shape[-2:])).reshape(n, v, -1)
    )
    s_shared = s.ndim == 2 or int(np.prod(s.shape[:-2])) == 1
    sb = (
        s.reshape(1, v, -1)
        if s_shared
        else np.broadcast_to(s, (*batch, *s.shape[-2:])).reshape(n, v, -1)
    )
    ob = np.broadcast_to(off, (*batch, v)).reshape(n, v)
    bb = beta.reshape(1, v) if beta.ndim == 1 else np.broadcast_to(beta, (*batch, v)).reshape(n, v)
    if start is None:
        lattice = simplex_lattice(v, max_points=50)
        _, _, score = _score(xb, sb, ob, np.broadcast_to(lattice, (n, *lattice.shape)), bb)
        best = np.argmax(score, axis=-1)
        w = lattice[best]  # (n, V)
        best_score = np.take_along_axis(score, best[:, None], axis=-1)[:, 0]
        step = float(lattice[lattice > 0].min(initial=1.0)) / 2
    else:
        w0 = np.broadcast_to(np.maximum(np.asarray(start, float), 0.0), (*batch, v))
        w = w0.reshape(n, v) / np.maximum(w0.reshape(n, v).sum(axis=-1, keepdims=True), 1e-300)
        best_score = _score(xb, sb, ob, w[:, None, :], bb)[2][:, 0]
        step = WARM_STEP
    w = np.array(w, float)
    if v > 1 and start is None:
        w = _pattern_search(xb, sb, ob, bb, w, best_score.copy(), step, iterations // 3)
        _, _, sc = _score(xb, sb, ob, w[:, None, :], bb)
        w, _ = _first_order(xb, sb, ob, bb, w, sc[:, 0].copy(), iterations)
    elif v > 1:  # warm: a compass search where the row is infeasible or its smallest gain is
        # below NEAR_EDGE (first-order steps would leave the feasible set), then first-order steps
        _, g0, _ = _score(xb, sb, ob, w[:, None, :], bb)
        edge = np.flatnonzero(g0[:, 0, :].min(axis=-1) < NEAR_EDGE)
        sc = best_score.copy()
        if len(edge):
            xl, sl, ol, bl = _rows(xb, edge), _rows(sb, edge), ob[edge], _rows(bb, edge)
            w[edge] = _pattern_search(xl, sl, ol, bl, w[edge], sc[edge], WARM_STEP, WARM_ITER)
            sc[edge] = _score(xl, sl, ol, w[edge][:, None, :], bl)[2][:, 0]
        w, _ = _first_order(xb, sb, ob, bb, w, sc, WARM_ITER, WARM_ALPHA)
    z, gains, _ = _score(xb, sb, ob, w[:, None, :], bb)
    terms = z[:, 0, :].reshape(*batch, -1)
    g = gains[:, 0, :].reshape(*batch, v)
    return Proposal(terms=terms, feasible=g.min(axis=-1) > 0, gains=g, weights=w.reshape(*batch, v))


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
