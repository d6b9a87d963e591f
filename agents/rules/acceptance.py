"""Acceptance of the proposal by each veto player, and agreement (ODD 7.5, 7.6)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]
B = NDArray[np.bool_]


def fighting_on_value(
    initial: ArrayLike,
    trend: ArrayLike,
    war_cost: ArrayLike,
    belligerent: ArrayLike,
    months: ArrayLike,
) -> F:
    """Value of fighting on (the BATNA) after ``months`` of war.

    ``BATNA_i(t) = initial_i + t · (trend_i − war_cost · [i is a belligerent])``; all ``(..., V)``
    except ``war_cost`` and ``months`` which broadcast from ``(...)``.
    """
    wc = np.asarray(war_cost, float)[..., None]
    t = np.asarray(months, float)
    t = t[..., None] if t.ndim else t
    out: F = np.asarray(initial, float) + t * (
        np.asarray(trend, float) - wc * np.asarray(belligerent, float)
    )
    return out


def accept_probability(margin: ArrayLike, noise_scale: ArrayLike) -> F:
    """Logistic acceptance ``σ(margin / τ)``; τ broadcasts over the last (veto player) axis."""
    tau = np.asarray(noise_scale, float)
    arg = np.asarray(margin, float) / (tau[..., None] if tau.ndim else tau)
    out: F = 0.5 * (1.0 + np.tanh(0.5 * arg))
    return out


def acceptance_parts(
    terms: ArrayLike, security: ArrayLike, fighting_on: ArrayLike, noise_scale: ArrayLike
) -> dict[str, F]:
    """Each veto player's acceptance broken into its parts, as numbers a UI can show.

    terms: utility of the proposed terms ``1 − d_i(z)``; security: the guarantee package's
    contribution (the victim's gain from credibility, the aggressor's loss from an opposed force);
    fighting_on: the BATNA. ``margin = terms + security − fighting_on``; ``p = σ(margin / τ)``.
    """
    t = np.asarray(terms, float)
    sec = np.asarray(security, float)
    bat = np.asarray(fighting_on, float)
    margin = t + sec - bat
    tau = np.broadcast_to(np.asarray(noise_scale, float)[..., None], margin.shape)
    return {
        "terms": t,
        "security": sec,
        "fighting_on": bat,
        "margin": margin,
        "noise_scale": np.array(tau, float),
        "p_accept": accept_probability(margin, np.asarray(noise_scale, float)),
    }


def agree(p_accept: ArrayLike, u: ArrayLike) -> B:
    """Agreement when every veto player accepts: ``all_i (u_i < p_i)``; u: uniforms ``(..., V)``."""
    out: B = np.all(np.asarray(u, float) < np.asarray(p_accept, float), axis=-1)
    return out
