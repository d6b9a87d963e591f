"""Forecasts for any actor set, without a scenario directory (ODD 7.4).

For a quick study — an EU legislative proposal with 30 actors on one dimension, say — give
positions, saliences, capabilities and which actors are veto players; get the proposal and the two
baselines from the same rule functions the model uses. The proposal is the round's solution
(ODD 7.4): the asymmetric Nash bargaining solution among the veto players over their
disagreement values, bargaining power ``capability ** power_exponent`` (0, the default: the
symmetric solution, as in the ukraine-2025 scenario's ``bargaining_power_exponent``) unless
``power`` is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from agents.rules import nash_bargaining, utility, weighted_mean, weighted_median

F = NDArray[np.float64]


@dataclass(frozen=True)
class Forecast:
    """Proposal (Nash bargaining among the veto players), whether it is feasible, the forecast
    outcome (the proposal when feasible, else the disagreement point when one was given: nothing
    every veto player prefers exists, so the status quo stays), and the baselines."""

    proposal: F
    feasible: bool
    outcome: F
    weighted_mean: F
    weighted_median: F


def _checked(name: str, value: ArrayLike, shape: tuple[int, ...], lo: float, hi: float) -> F:
    arr = np.asarray(value, float)
    if arr.shape != shape:
        raise ValueError(f"{name}: shape {arr.shape}; allowed is {shape}")
    if not np.all(np.isfinite(arr)) or arr.min(initial=lo) < lo or arr.max(initial=hi) > hi:
        raise ValueError(f"{name}: values must be finite and within [{lo}, {hi}]")
    return arr


def forecast(
    positions: ArrayLike,
    saliences: ArrayLike,
    capabilities: ArrayLike,
    veto_players: Sequence[int],
    fighting_on: ArrayLike | None = None,
    scale: tuple[float, float] = (0.0, 1.0),
    disagreement: ArrayLike | None = None,
    power: ArrayLike | None = None,
    power_exponent: float = 0.0,
) -> Forecast:
    """Proposal and baselines for N actors on D dimensions.

    positions ``(N, D)`` on ``scale`` (e.g. ``(0, 100)``; rescaled to [0, 1] inside and back on
    output), saliences ``(N, D)`` in [0, 1], capabilities ``(N,)`` ≥ 0 (voting weights, say),
    veto_players: indices of the actors whose agreement is needed; fighting_on ``(V,)``: each
    veto player's value of no agreement in utility [0, 1] (default 0: any deal beats none);
    disagreement ``(D,)`` on ``scale``: instead of fighting_on, the point that stands without an
    agreement (a reference point or status quo), valued by each veto player's utility;
    power ``(V,)`` ≥ 0: bargaining power (default: the veto players' capabilities raised to
    ``power_exponent``; 0 gives equal power).
    """
    lo, hi = scale
    if not hi > lo:
        raise ValueError(f"scale {scale}: allowed is (low, high) with high > low")
    x = np.asarray(positions, float)
    if x.ndim != 2:
        raise ValueError(f"positions: shape {x.shape}; allowed is (actors, dimensions)")
    n, d = x.shape
    x = (_checked("positions", x, (n, d), lo, hi) - lo) / (hi - lo)
    s = _checked("saliences", saliences, (n, d), 0.0, 1.0)
    c = _checked("capabilities", capabilities, (n,), 0.0, np.inf)
    veto = np.asarray(veto_players, int)
    if veto.size == 0 or veto.min() < 0 or veto.max() >= n:
        raise ValueError(f"veto_players {list(veto_players)}: allowed are indices 0..{n - 1}")
    if fighting_on is not None and disagreement is not None:
        raise ValueError("fighting_on and disagreement: give one of them, not both")
    point = None
    if disagreement is not None:
        point = (_checked("disagreement", disagreement, (d,), lo, hi) - lo) / (hi - lo)
        bat = utility(point, x[veto], s[veto])
    elif fighting_on is not None:
        bat = _checked("fighting_on", fighting_on, (len(veto),), -1.0, 1.0)
    else:
        bat = np.zeros(len(veto))
    beta = (
        c[veto] ** power_exponent
        if power is None
        else _checked("power", power, (len(veto),), 0.0, np.inf)
    )
    if not beta.sum() > 0:
        raise ValueError("power: the veto players' bargaining power (capabilities) are all 0")
    p = nash_bargaining(x[veto], s[veto], 1.0 - bat, power=beta)
    outcome = p.terms if p.feasible or point is None else point
    w = c[:, None] * s
    return Forecast(
        proposal=lo + (hi - lo) * p.terms,
        feasible=bool(p.feasible),
        outcome=lo + (hi - lo) * outcome,
        weighted_mean=lo + (hi - lo) * weighted_mean(x, w),
        weighted_median=lo + (hi - lo) * weighted_median(x, w),
    )
