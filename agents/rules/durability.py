"""Durability of a signed agreement: a breakdown hazard from incentives, highest early (ODD 7.7).

After signing, the agreement breaks at the first moment one side reneges. Time runs in months
from the signature. The hazard is proportional (Cox form) on a Weibull baseline:

    h(t) = M · (k / λ) · (t / λ)^(k − 1),      cumulative  H(t) = M · (t / λ)^k,

with shape ``k`` and scale ``λ`` (months) estimated on cease-fire spells
(``experiments/durability_estimate.py``: k < 1, so risk is highest right after the cease-fire
and declines, as the record shows). The multiplier ``M ≥ 0`` carries the mechanisms:

    M = mean_v exp(κ · g_v) · (1 − e_force · a) · (1 − e_backstop · b)

- ``g_v = W_v − U_v``: belligerent v's incentive to renege, its value of renewed war ``W_v``
  minus what the deal gives it ``U_v`` (Fearon 1995; Werner & Yuen 2005: agreements that do not
  reflect what fighting would bring break down). ``κ`` (per utility) says how strongly risk
  responds; with every ``g_v = 0`` the incentive term is 1 and the hazard is the estimated
  baseline. The mean of exponentials is dominated by the side most tempted to renege.
- ``a = min(1, T/R)``: the force on the ground; ``e_force = 1 − HR`` with HR the peacekeeping
  hazard ratio estimated on the same data (civil wars, mostly consent-based UN missions: an
  interstate case lies outside the sample).
- ``b``: the guarantee's credibility (the backstop); ``e_backstop`` its share of the hazard
  removed (Walter 2002; Fortna 2003: explicit guarantees lengthen interstate cease-fires).

The survival over ``H`` months is ``exp(−H(H))``. One uniform ``u`` per replication gives the
breakdown time by inversion, ``T = λ · (−ln(1 − u) / M)^(1/k)``, and the month ``ceil(T)``, so
``month > H`` exactly when the analytic survival says the agreement holds; a run is deterministic
given its seed. Every function broadcasts over any leading batch shape.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]
Ints = NDArray[np.int64]

NEVER = int(np.iinfo(np.int32).max)  # the breakdown month of an agreement with zero hazard


def renege_incentive(value_of_renewed_war: ArrayLike, value_of_deal: ArrayLike) -> F:
    """Each side's incentive to renege ``(..., V)``: renewed war's value minus the deal's."""
    out: F = np.asarray(value_of_renewed_war, float) - np.asarray(value_of_deal, float)
    return out


def breakdown_multiplier(
    incentive: ArrayLike,
    adequacy: ArrayLike,
    backstop: ArrayLike,
    force_effect: ArrayLike,
    backstop_effect: ArrayLike,
    renege_sensitivity: ArrayLike,
) -> F:
    """The proportional multiplier ``M (...)`` of the baseline hazard.

    ``incentive (..., V)`` per belligerent; ``adequacy``, ``backstop`` and the effects ``(...)``
    in [0, 1]; ``renege_sensitivity`` κ ≥ 0 per utility. Adequacy is clipped to [0, 1] (a force
    beyond the required strength adds nothing: ``min(1, T/R)``).
    """
    g = np.asarray(incentive, float)
    kappa = np.asarray(renege_sensitivity, float)[..., None]
    temptation = np.exp(kappa * g).mean(axis=-1)
    a = np.clip(np.asarray(adequacy, float), 0.0, 1.0)
    force = 1.0 - np.asarray(force_effect, float) * a
    guarantee = 1.0 - np.asarray(backstop_effect, float) * np.asarray(backstop, float)
    out: F = temptation * force * guarantee
    return out


def cumulative_hazard(
    months: ArrayLike, multiplier: ArrayLike, shape: ArrayLike, scale_months: ArrayLike
) -> F:
    """``H(t) = M · (t / λ)^k`` at ``t = months`` after signing (0 at t = 0)."""
    t = np.maximum(np.asarray(months, float), 0.0)
    out: F = np.asarray(multiplier, float) * (t / np.asarray(scale_months, float)) ** np.asarray(
        shape, float
    )
    return out


def p_agreement_holds(
    multiplier: ArrayLike, horizon_months: ArrayLike, shape: ArrayLike, scale_months: ArrayLike
) -> F:
    """P(no breakdown within ``horizon_months`` | agreed) = ``exp(−H(horizon))``."""
    out: F = np.exp(-cumulative_hazard(horizon_months, multiplier, shape, scale_months))
    return out


def p_fails_within(
    months: ArrayLike, multiplier: ArrayLike, shape: ArrayLike, scale_months: ArrayLike
) -> F:
    """P(breakdown within ``months`` | agreed) = ``1 − exp(−H(months))``."""
    out: F = -np.expm1(-cumulative_hazard(months, multiplier, shape, scale_months))
    return out


def monthly_hazard(
    month: ArrayLike, multiplier: ArrayLike, shape: ArrayLike, scale_months: ArrayLike
) -> F:
    """P(breakdown in month ``k`` | held through month k − 1), k ≥ 1."""
    k = np.asarray(month, float)
    step = cumulative_hazard(k, multiplier, shape, scale_months) - cumulative_hazard(
        k - 1.0, multiplier, shape, scale_months
    )
    out: F = -np.expm1(-step)
    return out


def month_of_breakdown(
    multiplier: ArrayLike, u: ArrayLike, shape: ArrayLike, scale_months: ArrayLike
) -> Ints:
    """The month (≥ 1) in which the agreement breaks, by inverting the survival at one uniform
    ``u`` in [0, 1) per replication. ``month > H`` exactly when it holds over H months; a zero
    multiplier never breaks (``NEVER``)."""
    m = np.asarray(multiplier, float)
    e = -np.log1p(-np.asarray(u, float))  # a unit exponential
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        t = np.asarray(scale_months, float) * (e / m) ** (1.0 / np.asarray(shape, float))
    months = np.where(m > 0, np.minimum(np.ceil(t), NEVER), NEVER)
    out: Ints = np.maximum(months, 1).astype(np.int64)
    return out
