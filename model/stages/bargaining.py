"""Steps 6-8, the mediator's proposal and each veto player's acceptance (ODD 7.4-7.6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from agents import rules
from model.stages import Parts, Values

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World

F = NDArray[np.float64]
B = NDArray[np.bool_]

OFFSET_DECIMALS = 3  # offsets closer than 0.001 utility share one proposal (see propose)


def _distinct_rows(a: F) -> tuple[F, NDArray[np.intp]]:
    """``np.unique(a, axis=0, return_inverse=True)`` for rows of values on a 10^-k grid, through
    one integer key per row (sorting integers is much faster than sorting rows)."""
    steps = np.rint(a * 10**OFFSET_DECIMALS).astype(np.int64)
    steps -= steps.min(axis=0)
    radix = steps.max(axis=0) + 1
    if np.prod(radix.astype(float)) >= 2.0**62:  # too wide for one integer: sort rows
        rows, inverse = np.unique(a, axis=0, return_inverse=True)
        return rows, inverse.ravel()
    keys = np.zeros(len(a), np.int64)
    for k in range(a.shape[1]):
        keys = keys * radix[k] + steps[:, k]
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return a[first], inverse.ravel()


def propose(x_v: F, s_v: F, offsets: F, active: B) -> tuple[F, B]:
    """The Nash bargaining proposal, computed only for replications still negotiating, and only
    once for replications that share their positions and offsets. Offsets are rounded to 0.001
    utility (a twentieth of a typical acceptance noise) before solving, in a run of one as in an
    ensemble, so a replication gets the same proposal either way; acceptance uses exact offsets."""
    z = np.zeros((len(active), x_v.shape[-1]))
    feasible = np.zeros(len(active), bool)
    idx = np.flatnonzero(active)
    if not len(idx):
        return z, feasible
    rounded = np.round(offsets[idx], OFFSET_DECIMALS)  # the same in a run of 1 and of many
    if x_v.shape[0] == 1 and (rounded == rounded[0]).all():  # one problem for all
        sub = rules.nash_bargaining(x_v, s_v, rounded[:1])
        z[idx], feasible[idx] = sub.terms[0], sub.feasible[0]
    elif x_v.shape[0] == 1:  # shared positions: solve once per distinct row of offsets
        rows, inverse = _distinct_rows(rounded)
        sub = rules.nash_bargaining(x_v, s_v, rows)
        z[idx], feasible[idx] = sub.terms[inverse], sub.feasible[inverse]
    else:
        sub = rules.nash_bargaining(x_v[idx], s_v, rounded)
        z[idx], feasible[idx] = sub.terms, sub.feasible
    return z, feasible


def negotiate(world: World, st: RoundState, force: Values) -> tuple[Values, Parts]:
    """Proposal among the veto players and each one's acceptance probability, with its parts."""
    p, veto = st.params, world.veto
    security = np.zeros((len(st.agreed), len(veto)))
    is_victim, is_agg = veto == world.victim, veto == world.aggressor
    security[:, is_victim] = (p["security_weight"] * force["credibility"])[:, None]
    security[:, is_agg] = (
        -p["troop_aversion"] * force["opposed_adequacy"] + p["un_mandate_effect"] * st.mandated
    )[:, None]
    fight = rules.fighting_on_value(
        np.stack([p[k] for k in world.veto_parameter("fighting_on")], axis=-1),
        np.stack([p[k] for k in world.veto_parameter("battlefield_trend")], axis=-1),
        p["war_cost_per_month"],
        world.belligerent,
        st.t - 1,
    )
    x_v, s_v = st.x[:, veto, :], world.salience[veto]
    z, feasible = propose(x_v, s_v, 1.0 + security - fight, ~st.agreed)
    terms = rules.utility(z[:, None, :], x_v, s_v)
    parts = rules.acceptance_parts(terms, security, fight, p["acceptance_noise"])
    weight = world.capability[:, None] * world.salience
    values: Values = {
        "terms": z,
        "feasible": feasible,
        "p_accept": parts["p_accept"],
        "weighted_mean": rules.weighted_mean(st.x, weight),
        "weighted_median": rules.weighted_median(st.x, weight),
    }
    return values, parts
