"""The reassurance force and the guarantee's credibility (ODD 7.2, 7.3).

Force generation is a threshold cascade (Granovetter 1978): each candidate pledges its troop
capacity when the benefit of pledging exceeds its cost times its risk, given what the others
pledged; best responses are iterated to a fixed point (bounded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]
B = NDArray[np.bool_]


def force_adequacy(troops: ArrayLike, required: ArrayLike) -> F:
    """``min(1, T / R)``; a required strength of 0 means any force is adequate."""
    t, r = np.asarray(troops, float), np.asarray(required, float)
    out: F = np.where(r > 0, np.minimum(1.0, t / np.where(r > 0, r, 1.0)), 1.0)
    return out


def credibility(adequacy: ArrayLike, backstop: ArrayLike, strength_ratio: ArrayLike) -> F:
    """Guarantee credibility ``G = 1 − (1 − a·min(1, q)) · (1 − b)`` in [0, 1].

    a: force adequacy; b: the guarantor's backstop; q: the force members' capability relative to
    the aggressor's. A force that is adequate and as strong as the aggressor is credible on its
    own; the backstop adds credibility the force lacks.
    """
    q = np.minimum(1.0, np.asarray(strength_ratio, float))
    out: F = 1.0 - (1.0 - np.asarray(adequacy, float) * q) * (1.0 - np.asarray(backstop, float))
    return out


@dataclass(frozen=True)
class PledgeWeights:
    """Coefficients of the pledge decision, each ``(...)`` (one per replication)."""

    salience: F
    closeness: F
    credibility: F
    bandwagon: F
    lead: F
    cost: F
    backstop_risk_reduction: F
    hostility: F
    exposure_risk: F


@dataclass(frozen=True)
class Pledges:
    """Outcome of force generation: who is in, troops per candidate, and the decision's parts."""

    member: B
    troops: F
    parts: dict[str, F]


def _joint(
    member: B, capacity: F, capability: F, is_lead: B, w: PledgeWeights, b: F, r: F, agg: F
) -> tuple[F, F]:
    """The benefit terms that depend on who else is in: credibility added, bandwagon, lead.

    Returns (that benefit, the credibility the candidate's own pledge adds); b, r, agg carry a
    trailing axis of 1 to broadcast over candidates."""
    e = (..., None)
    troops = np.where(member, capacity, 0.0)
    others = troops.sum(axis=-1, keepdims=True) - troops
    mine = np.where(member, capability, 0.0)
    strength_others = mine.sum(axis=-1, keepdims=True) - mine
    g_with = credibility(
        force_adequacy(others + capacity, r), b, (strength_others + capability) / agg
    )
    g_added = g_with - credibility(force_adequacy(others, r), b, strength_others / agg)
    lead = np.where(member & is_lead, 1.0, 0.0)
    leads_others = lead.sum(axis=-1, keepdims=True) - lead
    joint = (
        w.credibility[e] * g_added
        + w.bandwagon[e] * force_adequacy(others, r)
        + w.lead[e] * (leads_others > 0)
    )
    return joint, g_added


def _own(
    sec_salience: F, closeness: F, exposure: F, threshold: F, w: PledgeWeights, b: F
) -> tuple[F, F, F]:
    """The terms that depend only on the candidate: own benefit, cost, risk."""
    e = (..., None)
    own = w.salience[e] * sec_salience + w.closeness[e] * closeness
    risk = (1.0 - w.backstop_risk_reduction[e] * b) * (
        1.0 + w.hostility[e] + w.exposure_risk[e] * exposure
    )
    cost = np.broadcast_to(w.cost[e], np.broadcast_shapes(np.shape(risk), np.shape(threshold)))
    return own, cost, risk


def _parts(
    member: B,
    capacity: F,
    capability: F,
    is_lead: B,
    sec_salience: F,
    closeness: F,
    exposure: F,
    threshold: F,
    w: PledgeWeights,
    backstop: F,
    required: F,
    aggressor_capability: F,
) -> dict[str, F]:
    """Benefit, cost and risk of pledging for each candidate, given the others' pledges."""
    e = (..., None)
    agg = np.where(aggressor_capability > 0, aggressor_capability, 1.0)[e]
    b, r = backstop[e], required[e]
    joint, g_added = _joint(member, capacity, capability, is_lead, w, b, r, agg)
    own, cost, risk = _own(sec_salience, closeness, exposure, threshold, w, b)
    benefit = own + joint
    net = benefit - cost * risk + threshold
    shape = net.shape
    return {
        "benefit": np.broadcast_to(benefit, shape).copy(),
        "credibility_added": np.broadcast_to(g_added, shape).copy(),
        "cost": np.broadcast_to(cost, shape).copy(),
        "risk": np.broadcast_to(risk, shape).copy(),
        "threshold": np.broadcast_to(threshold, shape).copy(),
        "net": net,
    }


def decide_pledges(
    capacity: ArrayLike,
    capability: ArrayLike,
    is_lead: ArrayLike,
    sec_salience: ArrayLike,
    closeness: ArrayLike,
    exposure: ArrayLike,
    threshold: ArrayLike,
    weights: PledgeWeights,
    backstop: ArrayLike,
    required: ArrayLike,
    aggressor_capability: ArrayLike,
    available: ArrayLike | None = None,
    initial: ArrayLike | None = None,
    max_iterations: int = 1000,
    explain: bool = True,
) -> Pledges:
    """Pledges of C candidates as a threshold cascade (Granovetter 1978).

    Per candidate ``(..., C)``: capacity (troops it would send), capability, is_lead,
    sec_salience (its salience of the victim's security), closeness (``1 − d`` to the victim),
    exposure, threshold (its idiosyncratic disposition, drawn per replication), available (not
    withdrawn by an event). Per replication ``(...)``: the weights, backstop, required strength R,
    aggressor's capability. A candidate pledges when ``benefit − cost·risk + threshold > 0``
    given who is in; one with zero capacity never does. Members of ``initial`` (the previous
    round) first leave if pledging no longer pays; then candidates join, all at once in each
    step, until no one else wants to: a fixed point in at most C steps (simultaneous best
    responses can cycle, because the credibility a pledge adds falls as others join).
    ``explain=False`` skips the parts of the decision (``Pledges.parts`` is then empty).
    """
    cap = np.asarray(capacity, float)
    shape = np.broadcast_shapes(
        cap.shape, np.shape(threshold), np.shape(closeness), (*np.shape(backstop), 1)
    )
    able = np.broadcast_to(cap > 0, shape)
    if available is not None:
        able = able & np.asarray(available, bool)
    args = (
        np.broadcast_to(cap, shape),
        np.asarray(capability, float),
        np.asarray(is_lead, bool),
        np.asarray(sec_salience, float),
        np.asarray(closeness, float),
        np.asarray(exposure, float),
        np.asarray(threshold, float),
        weights,
        np.asarray(backstop, float),
        np.asarray(required, float),
        np.asarray(aggressor_capability, float),
    )
    cap_b, capability_, lead_, sal_, clos_, expo_, thr_, w, b_, r_, agg_ = args
    e = (..., None)
    b, r = b_[e], r_[e]
    agg = np.where(agg_ > 0, agg_, 1.0)[e]
    own, cost, risk = _own(sal_, clos_, expo_, thr_, w, b)
    fixed = own - cost * risk + thr_  # what does not depend on the others, computed once

    def wants(member: B) -> B:
        joint, _ = _joint(member, cap_b, capability_, lead_, w, b, r, agg)
        out: B = (fixed + joint > 0) & able
        return out

    member = np.zeros(shape, bool)
    if initial is not None:  # last round's members stay while pledging is still worth it to them
        member = np.asarray(initial, bool) & able
        member &= wants(member)
    for _ in range(max_iterations):  # the cascade: joins only, a fixed point in <= C steps
        new = member | wants(member)
        if np.array_equal(new, member):
            break
        member = new
    parts = _parts(member, *args) if explain else {}
    troops: F = np.where(member, args[0], 0.0)
    return Pledges(member=member, troops=troops, parts=parts)
