"""The war as a stochastic process, the belligerents' beliefs about it and the leaders'
dispositions (ODD 7.5, The war and the value of fighting on).

Bargaining while fighting (Wagner 2000; Filson & Werner 2002; Slantchev 2003; Powell 2004):
the war is a state that moves every month, each belligerent's value of fighting on follows from
it, and fighting reveals information, so mutual optimism closes over time, not
deterministically. Every function is pure over arrays with any leading batch shape; the noise
comes in as per-replication standard normals (``model.draws``), so a replication depends only on
(root seed, index).

- ``war_situation``: the military situation ``s_t``, the shift of the stakes towards the
  aggressor since round 1, a random walk ``s_t = s_(t-1) + σ·ε_t`` (utility). Its deterministic
  drift lives in each side's trend (``fighting_on_value``), so costs can fall unevenly.
- ``belief_errors``: each belligerent's optimism, updated by Bayes from noisy monthly battlefield
  signals (normal prior worth ``n0`` months of signals): ``e_t = (n0·e_0 + Σ_k σ_sig·η_k)/(n0+t)``.
- ``dispositions``: a leader's disposition (hawk > 0, dove < 0), drawn once per replication and
  evolving slowly as an AR(1) with persistence ``ρ`` per month and stationary sd ``δ``.
- ``believed_fighting_value``: ``V̂_i(t) = base_i(t) + sign_i·s_t − e_i0 + e_i(t) + d_i(t)``.
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


def war_situation(volatility: ArrayLike, shocks: ArrayLike) -> F:
    """The military situation at the start of rounds 1..H: ``s_1 = 0``, ``s_(t+1) = s_t + σ·ε_t``.

    volatility ``(...)`` in utility per √month; shocks ``(..., H)`` standard normals. Returns
    ``(..., H)``; positive values favour the aggressor (zero-sum between the belligerents).
    """
    z = np.asarray(shocks, float)
    steps = _col(volatility) * z[..., :-1]
    out: F = np.concatenate([np.zeros((*steps.shape[:-1], 1)), np.cumsum(steps, -1)], axis=-1)
    return out


def belief_errors(
    initial: ArrayLike, prior_months: ArrayLike, signal_noise: ArrayLike, signals: ArrayLike
) -> F:
    """Each belligerent's belief error at the start of rounds 1..H (Bayesian updating).

    A belligerent's prior about how the war will go is off by ``initial`` (its optimism, utility)
    and is worth ``prior_months`` monthly signals; each month of fighting gives it a signal with
    noise ``signal_noise``. The posterior mean's error after t months is
    ``(n0·e_0 + σ_sig·Σ_(k≤t) η_k) / (n0 + t)``: it shrinks like ``1/t`` in expectation, with noise.
    initial ``(..., B)``; prior_months, signal_noise ``(...)``; signals ``(..., H, B)`` normals.
    Returns ``(..., H, B)``.
    """
    eta = np.asarray(signals, float)
    h = eta.shape[-2]
    n0 = np.asarray(prior_months, float)[..., None, None]
    sig = np.asarray(signal_noise, float)[..., None, None]
    seen = np.concatenate([np.zeros((*eta.shape[:-2], 1, eta.shape[-1])), eta[..., :-1, :]], -2)
    months = np.arange(h, dtype=float)[:, None]
    e0 = np.asarray(initial, float)[..., None, :]
    out: F = (n0 * e0 + sig * np.cumsum(seen, axis=-2)) / (n0 + months)
    return out


def dispositions(persistence: ArrayLike, spread: ArrayLike, shocks: ArrayLike) -> F:
    """Leaders' dispositions at rounds 1..H: ``d_1 = δ·z_1``,
    ``d_(t+1) = ρ·d_t + δ·√(1−ρ²)·z_(t+1)``.

    persistence ρ and spread δ ``(...)``; shocks ``(..., H, V)`` normals. The first shock is the
    draw made once per replication; later ones move it slowly (stationary sd δ). Returns
    ``(..., H, V)``.
    """
    z = np.asarray(shocks, float)
    rho = np.asarray(persistence, float)[..., None]
    sd = np.asarray(spread, float)[..., None]
    innovation = sd * np.sqrt(np.maximum(1.0 - rho * rho, 0.0))
    out = np.empty(np.broadcast_shapes(z.shape, (*rho.shape[:-1], 1, 1)))
    out[..., 0, :] = sd * z[..., 0, :]
    for t in range(1, z.shape[-2]):
        out[..., t, :] = rho * out[..., t - 1, :] + innovation * z[..., t, :]
    return out


def believed_fighting_value(
    base: ArrayLike,
    side: ArrayLike,
    situation: ArrayLike,
    optimism0: ArrayLike,
    belief_error: ArrayLike,
    disposition: ArrayLike,
) -> F:
    """Each veto player's value of fighting on as its leader sees it, ``(..., V)``.

    ``V̂_i = base_i + side_i·s − optimism0_i + e_i + d_i``: base is the deterministic value
    (``fighting_on_value``: the value believed at round 1 plus trend and accumulated cost),
    side +1 for the aggressor, −1 for the victim, 0 otherwise; ``s`` ``(...)`` the situation;
    optimism0 the initial belief error (so the truth is ``base − optimism0``) and ``e`` today's;
    ``d`` the disposition. All ``(..., V)`` except ``s``.
    """
    out: F = (
        np.asarray(base, float)
        + np.asarray(side, float) * _col(situation)
        - np.asarray(optimism0, float)
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
