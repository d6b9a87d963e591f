"""The war as a stochastic process, the belligerents' beliefs about it and the leaders'
dispositions (ODD 7.5, The war and the value of fighting on).

Bargaining while fighting (Wagner 2000; Filson & Werner 2002; Slantchev 2003; Powell 2004):
the war is a state that moves every month, each belligerent's value of fighting on follows from
it, and fighting reveals information, so mutual optimism closes over time, not
deterministically. Every function is pure over arrays with any leading batch shape; the noise
comes in as per-replication standard normals (``model.draws``), so a replication depends only on
(root seed, index).

- ``situation_step`` (``war_situation`` for a path): the military situation ``s_t``, the shift
  of the stakes towards the aggressor since round 1, a random walk ``s_t = s_(t-1) + σ·ε_t``
  (utility). Its deterministic drift lives in each side's trend (``fighting_on_value``), so
  costs can fall unevenly.
- ``belief_error`` (``belief_errors`` for a path): each belligerent's optimism, updated by Bayes
  from noisy monthly battlefield signals (normal prior worth ``n0`` months of signals):
  ``e_t = (n0·e_0 + Σ_k σ_sig·η_k)/(n0+t)``. In a war already ``A`` months old at round 1 the
  belief then held rests on the pre-war prior (``belief_prior_months``) and on the A months of
  fighting seen since, so ``n0 = belief_prior_months + A`` (the stage passes the sum): the
  optimism left after three years closes slowly, over years rather than weeks, and it is this
  optimism that keeps the bargaining range shut at first (``believed_fighting_value``).
- ``disposition_step`` (``dispositions`` for a path): a leader's disposition (hawk > 0,
  dove < 0), drawn once per replication and evolving slowly as an AR(1) with persistence ``ρ``
  per month and stationary sd ``δ``.
- ``believed_fighting_value``: ``V̂_i(t) = base_i(t) + sign_i·s_t + e_i(t) + d_i(t)``: the truth
  the analyst expects plus the leader's optimism (which blocks early agreement) and disposition.
- ``renewed_war_value`` and ``renewal_option``: what renewing the war after a deal is worth to a
  belligerent, and what keeping that option open adds to a deal (the guarantee takes it away).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr

F = NDArray[np.float64]

INV_SQRT_2PI = 0.3989422804014327


def _col(a: ArrayLike) -> F:
    """A per-replication value ``(...)`` as ``(..., 1)`` so it broadcasts over a trailing axis."""
    out: F = np.asarray(a, float)[..., None]
    return out


def situation_step(situation: ArrayLike, volatility: ArrayLike, shock: ArrayLike) -> F:
    """One month of the military situation: ``s_(t+1) = s_t + σ·ε``; all ``(...)``."""
    out: F = np.asarray(situation, float) + np.asarray(volatility, float) * np.asarray(shock, float)
    return out


def belief_error(
    initial: ArrayLike, prior_months: ArrayLike, signal_sum: ArrayLike, months: ArrayLike
) -> F:
    """A belligerent's belief error after ``months`` of fighting (Bayesian updating).

    Its prior about how the war will go is off by ``initial`` (its optimism, utility) and is worth
    ``prior_months`` monthly signals; each month of fighting gives it a signal with noise σ_sig.
    With ``signal_sum = σ_sig·Σ_(k≤t) η_k`` the posterior mean's error is
    ``(n0·e_0 + signal_sum) / (n0 + t)``: it shrinks like ``1/t`` in expectation, with noise.
    initial, signal_sum ``(..., B)``; prior_months, months ``(...)``.
    """
    n0 = _col(prior_months)
    out: F = (n0 * np.asarray(initial, float) + np.asarray(signal_sum, float)) / (n0 + _col(months))
    return out


def disposition_step(
    disposition: ArrayLike, persistence: ArrayLike, spread: ArrayLike, shock: ArrayLike
) -> F:
    """One month of a leader's disposition: ``d_(t+1) = ρ·d_t + δ·√(1−ρ²)·z`` (AR(1), stationary
    sd δ). disposition, shock ``(..., V)``; persistence ρ and spread δ ``(...)``. The first value,
    ``δ·z``, is drawn once per replication (``disposition_step(0, 0, δ, z)``)."""
    rho, sd = _col(persistence), _col(spread)
    out: F = rho * np.asarray(disposition, float) + sd * np.sqrt(
        np.maximum(1.0 - rho * rho, 0.0)
    ) * np.asarray(shock, float)
    return out


def war_situation(volatility: ArrayLike, shocks: ArrayLike) -> F:
    """The situation at the start of rounds 1..H from ``situation_step``: ``s_1 = 0``, then one
    step per month. volatility ``(...)``; shocks ``(..., H)`` normals (the last one unused).
    Returns ``(..., H)``; positive values favour the aggressor (zero-sum between belligerents)."""
    z = np.asarray(shocks, float)
    out = np.zeros(np.broadcast_shapes(z.shape, (*np.shape(volatility), 1)))
    for t in range(1, z.shape[-1]):
        out[..., t] = situation_step(out[..., t - 1], volatility, z[..., t - 1])
    return out


def belief_errors(
    initial: ArrayLike, prior_months: ArrayLike, signal_noise: ArrayLike, signals: ArrayLike
) -> F:
    """Belief errors at the start of rounds 1..H, ``(..., H, B)``, from ``belief_error``.

    signals ``(..., H, B)`` standard normals; the signal of month t is seen from round t+1 on.
    """
    eta = np.asarray(signals, float)
    sig = np.asarray(signal_noise, float)[..., None, None]
    seen = np.concatenate([np.zeros_like(eta[..., :1, :]), eta[..., :-1, :]], -2)
    sums = sig * np.cumsum(seen, axis=-2)
    months = np.arange(eta.shape[-2], dtype=float)
    n0 = np.asarray(prior_months, float)[..., None]
    out: F = belief_error(np.asarray(initial, float)[..., None, :], n0, sums, months)
    return out


def dispositions(persistence: ArrayLike, spread: ArrayLike, shocks: ArrayLike) -> F:
    """Dispositions at rounds 1..H, ``(..., H, V)``, from ``disposition_step``; shocks
    ``(..., H, V)`` normals, the first one the draw made once per replication."""
    z = np.asarray(shocks, float)
    first = disposition_step(0.0, np.zeros(np.shape(spread)), spread, z[..., 0, :])
    out = np.empty(np.broadcast_shapes(z.shape, (*first.shape[:-1], 1, first.shape[-1])))
    out[..., 0, :] = first
    for t in range(1, z.shape[-2]):
        out[..., t, :] = disposition_step(out[..., t - 1, :], persistence, spread, z[..., t, :])
    return out


def believed_fighting_value(
    base: ArrayLike,
    side: ArrayLike,
    situation: ArrayLike,
    belief_error: ArrayLike,
    disposition: ArrayLike,
) -> F:
    """Each veto player's value of fighting on as its leader sees it, ``(..., V)``.

    ``V̂_i = base_i + side_i·s + e_i + d_i``: base is the value of fighting on the analyst
    expects (``fighting_on_value``: the value at round 1 plus trend and accumulated cost), side
    +1 for the aggressor, −1 for the victim, 0 otherwise; ``s`` ``(...)`` the situation; ``e``
    today's belief error (``belief_error``: the leader's optimism at round 1, closing as fighting
    reveals the truth); ``d`` the disposition. Optimism is added to the truth, so it blocks a
    deal the true values would allow until fighting has revealed enough (mutual optimism:
    Blainey 1973; Fearon 1995; Slantchev 2003). All ``(..., V)`` except ``s``.
    """
    out: F = (
        np.asarray(base, float)
        + np.asarray(side, float) * _col(situation)
        + np.asarray(belief_error, float)
        + np.asarray(disposition, float)
    )
    return out


def renewed_war_value(
    fighting_on: ArrayLike,
    renege_cost: ArrayLike,
    deterrence: ArrayLike,
    credibility: ArrayLike,
    is_aggressor: ArrayLike,
) -> F:
    """What renewing the war after signing is worth to each veto player, ``(..., V)``.

    ``W_i = V̂_i − renege_cost − deterrence·G·[i is the aggressor]``: breaking a signed deal costs
    (the other side has rearmed, sanctions snap back, audience costs: Fearon 1997; Fortna 2003),
    and a credible guarantee adds the cost of fighting the guarantor (Walter 2002).
    renege_cost, deterrence, credibility ``(...)``.
    """
    out: F = (
        np.asarray(fighting_on, float)
        - _col(renege_cost)
        - _col(np.asarray(deterrence, float) * np.asarray(credibility, float))
        * np.asarray(is_aggressor, float)
    )
    return out


def renewal_option(
    renewed: ArrayLike, fighting_on: ArrayLike, volatility: ArrayLike, months: ArrayLike
) -> F:
    """Value of keeping the option to renew the war, at the margin of a deal, ``(..., V)``.

    Over the deal's ``months`` the situation moves by ``N(0, σ²·months)``; renewing pays when the
    renewed war is then worth more than fighting on now: ``E[max(0, W − V̂ + σ√m·Z)]``
    ``= μ·Φ(μ/s) + s·φ(μ/s)`` with ``μ = W − V̂`` and ``s = σ√m``. A credible guarantee lowers
    ``W`` and so takes the option away: this is what the aggressor gives up at the table.
    """
    mu = np.asarray(renewed, float) - np.asarray(fighting_on, float)
    s = _col(np.asarray(volatility, float) * np.sqrt(np.asarray(months, float)))
    safe = np.where(s > 0, s, 1.0)
    k = mu / safe
    value = mu * ndtr(k) + safe * INV_SQRT_2PI * np.exp(-0.5 * k * k)
    out: F = np.where(s > 0, value, np.maximum(mu, 0.0))
    return out
