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
    iterations: int


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
    full: bool = True,
) -> dict[str, F]:
    """Benefit, cost and risk of pledging for each candidate, given the others' pledges
    (only ``net`` unless ``full``)."""
    e = (..., None)
    troops = np.where(member, capacity, 0.0)
    others = troops.sum(axis=-1, keepdims=True) - troops
    strength_others = np.where(member, capability, 0.0).sum(axis=-1, keepdims=True) - np.where(
        member, capability, 0.0
    )
    agg = np.where(aggressor_capability > 0, aggressor_capability, 1.0)[e]
    r = required[e]
    b = backstop[e]
    g_with = credibility(
        force_adequacy(others + capacity, r), b, (strength_others + capability) / agg
    )
    g_without = credibility(force_adequacy(others, r), b, strength_others / agg)
    leads_others = np.where(member & is_lead, 1.0, 0.0).sum(axis=-1, keepdims=True) - np.where(
        member & is_lead, 1.0, 0.0
    )
    benefit = (
        w.salience[e] * sec_salience
        + w.closeness[e] * closeness
        + w.credibility[e] * (g_with - g_without)
        + w.bandwagon[e] * force_adequacy(others, r)
        + w.lead[e] * (leads_others > 0)
    )
    cost = np.broadcast_to(w.cost[e], capacity.shape)
    risk = (1.0 - w.backstop_risk_reduction[e] * b) * (
        1.0 + w.hostility[e] + w.exposure_risk[e] * exposure
    )
    net = benefit - cost * risk + threshold
    if not full:
        return {"net": net}
    shape = net.shape
    return {
        "benefit": np.broadcast_to(benefit, shape).copy(),
        "credibility_added": np.broadcast_to(g_with - g_without, shape).copy(),
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
    max_iterations: int = 50,
) -> Pledges:
    """Best-response pledges of C candidates, iterated to a fixed point from ``initial`` (the
    members of the previous round; nobody when not given).

    Per candidate ``(..., C)``: capacity (troops it would send), capability, is_lead,
    sec_salience (its salience of the victim's security), closeness (``1 − d`` to the victim),
    exposure, threshold (its idiosyncratic disposition, drawn per replication), available (not
    withdrawn by an event). Per replication ``(...)``: the weights, backstop, required strength R,
    aggressor's capability. A candidate pledges when ``benefit − cost·risk + threshold > 0``;
    one with zero capacity never does. Updates are simultaneous; when they cycle the iteration
    stops at ``max_iterations`` with the last profile (reported in ``iterations``).
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
    member = np.zeros(shape, bool) if initial is None else np.asarray(initial, bool) & able
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007
        new = (_parts(member, *args, full=False)["net"] > 0) & able
        if np.array_equal(new, member):
            break
        member = new
    parts = _parts(member, *args)
    troops: F = np.where(member, args[0], 0.0)
    return Pledges(member=member, troops=troops, parts=parts, iterations=iterations)
