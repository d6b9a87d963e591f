"""The deal each veto player is offered, its acceptance, and agreement (ODD 7.5, 7.6).

A veto player compares what the deal gives it with its value of fighting on as its leader sees
it (``agents.rules.war``). The guarantee package works on both sides (Fearon 1995; Walter 2002):
it raises the victim's value of a deal (``security``) and raises the aggressor's cost of
reneging, which takes away the option of renewing the war the aggressor would keep under a weak
guarantee (``renewal_option``); so the aggressor's acceptance depends on the package it faces.
The agreed terms bind the guarantee: the force that deploys is at most what the agreed
``foreign_forces`` term allows (``troops_allowed``, ``bind_force``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]
B = NDArray[np.bool_]


def war_weariness(war_cost: ArrayLike, months: ArrayLike, war_age: ArrayLike) -> F:
    """Cost accumulated since round 1, as a fall in the value of fighting on.

    Support for a war falls with the logarithm of its cumulative casualties (Mueller 1973,
    *War, Presidents and Public Opinion*; Gartner & Segura 1998), so a war already ``war_age``
    months old at round 1 loses ``c·A·log(1 + t/A)`` after t more months: ``c`` per month at
    first, less as the war ages (``A = 0``: linear, ``c·t``). All broadcast from ``(...)``.
    """
    c, t, a = (np.asarray(v, float) for v in (war_cost, months, war_age))
    safe = np.where(a > 0, a, 1.0)
    out: F = c * np.where(a > 0, safe * np.log1p(t / safe), t)
    return out


def fighting_on_value(
    initial: ArrayLike,
    trend: ArrayLike,
    war_cost: ArrayLike,
    belligerent: ArrayLike,
    months: ArrayLike,
    war_age: ArrayLike = 0.0,
) -> F:
    """Deterministic part of the value of fighting on after ``months`` of war.

    ``initial_i + t·trend_i − war_weariness(war_cost, t, war_age)·[i is a belligerent]``: the value
    believed at round 1, each side's trend (its fortunes on the battlefield, uneven) and the
    cost the belligerents accumulate; all ``(..., V)`` except ``war_cost``, ``months`` and
    ``war_age`` which broadcast from ``(...)``. The stochastic parts (situation, beliefs,
    disposition) are added by ``war.believed_fighting_value``.
    """
    cost = war_weariness(war_cost, months, war_age)[..., None]
    t = np.asarray(months, float)
    t = t[..., None] if t.ndim else t
    out: F = (
        np.asarray(initial, float)
        + t * np.asarray(trend, float)
        - cost * np.asarray(belligerent, float)
    )
    return out


def security_values(
    credibility: ArrayLike,
    security_weight: ArrayLike,
    mandate_bonus: ArrayLike,
    is_victim: ArrayLike,
    is_aggressor: ArrayLike,
) -> F:
    """What the guarantee package adds to a deal, per veto player ``(..., V)``.

    The victim gains ``security_weight · G``; the aggressor gains ``mandate_bonus`` (the UN
    mandate's value to it, zero when there is none); anyone else nothing. Scalars per
    replication ``(...)``; the role masks ``(V,)``.
    """
    g = np.asarray(credibility, float)[..., None]
    w = np.asarray(security_weight, float)[..., None]
    m = np.asarray(mandate_bonus, float)[..., None]
    out: F = w * g * np.asarray(is_victim, float) + m * np.asarray(is_aggressor, float)
    return out


def accept_probability(margin: ArrayLike, noise_scale: ArrayLike) -> F:
    """Logistic acceptance ``σ(margin / τ)``; τ broadcasts over the last (veto player) axis.

    τ is the scale of the month's idiosyncratic shock to a leader's decision (small: the
    disposition and the beliefs, which carry the domestic politics, are drawn per replication)."""
    tau = np.asarray(noise_scale, float)
    arg = np.asarray(margin, float) / (tau[..., None] if tau.ndim else tau)
    out: F = 0.5 * (1.0 + np.tanh(0.5 * arg))
    return out


def acceptance_parts(
    terms: ArrayLike,
    security: ArrayLike,
    option: ArrayLike,
    fighting_on: ArrayLike,
    noise_scale: ArrayLike,
) -> dict[str, F]:
    """Each veto player's acceptance broken into its parts, as numbers a UI can show.

    terms: utility of the proposed terms ``1 − d_i(z)``; security: the package's contribution
    (``security_values``); option: the value of keeping the option to renew the war
    (``war.renewal_option``, zero for non-belligerents); fighting_on: the value of fighting on as
    the leader sees it. ``deal = terms + security + option``, ``margin = deal − fighting_on``,
    ``p = σ(margin / τ)``.
    """
    t = np.asarray(terms, float)
    sec = np.asarray(security, float)
    opt = np.broadcast_to(np.asarray(option, float), t.shape)
    bat = np.asarray(fighting_on, float)
    deal = t + sec + opt
    margin = deal - bat
    tau = np.broadcast_to(np.asarray(noise_scale, float)[..., None], margin.shape)
    return {
        "terms": t,
        "security": sec,
        "option": np.array(opt, float),
        "deal": deal,
        "fighting_on": bat,
        "margin": margin,
        "noise_scale": np.array(tau, float),
        "p_accept": accept_probability(margin, np.asarray(noise_scale, float)),
    }


def in_bargaining_range(margin: ArrayLike) -> B:
    """Terms inside the bargaining range: every veto player prefers them to fighting on under its
    beliefs (every margin ≥ 0, before the month's shock), ``(..., V) -> (...)``."""
    out: B = np.all(np.asarray(margin, float) >= 0.0, axis=-1)
    return out


def agree(p_accept: ArrayLike, u: ArrayLike) -> B:
    """Agreement when every veto player accepts: ``all_i (u_i < p_i)``; u: uniforms ``(..., V)``."""
    out: B = np.all(np.asarray(u, float) < np.asarray(p_accept, float), axis=-1)
    return out


def troops_allowed(foreign_forces_term: ArrayLike, large_force_troops: ArrayLike) -> F:
    """Troops the terms allow: ``(1 − z_ff) · large_force``, where ``z_ff = 1`` means no foreign
    troops and ``z_ff = 0`` a large force of ``large_force_troops``; ``(...)`` broadcasting."""
    z = np.clip(np.asarray(foreign_forces_term, float), 0.0, 1.0)
    out: F = (1.0 - z) * np.asarray(large_force_troops, float)
    return out


def bind_force(troops: ArrayLike, allowed: ArrayLike) -> F:
    """Each contingent scaled down in proportion so the total is at most ``allowed``.

    troops ``(..., C)``, allowed ``(...)``; a force within the limit is unchanged."""
    t = np.asarray(troops, float)
    total = t.sum(axis=-1)
    a = np.maximum(np.asarray(allowed, float), 0.0)
    over = total > a
    scale = np.divide(a, total, out=np.ones(np.broadcast(a, total).shape), where=over)
    out: F = t * scale[..., None]
    return out
