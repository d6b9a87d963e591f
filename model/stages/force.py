"""Step 4 and 5, the force and the guarantee's credibility (ODD 7.2, 7.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from agents import rules
from agents.rules.force import PledgeWeights
from model.stages import Parts, Values

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World

F = NDArray[np.float64]


def pledge_weights(p: dict[str, F]) -> PledgeWeights:
    """The pledge decision's coefficients from the parameters."""
    return PledgeWeights(
        salience=p["pledge_weight_salience"],
        closeness=p["pledge_weight_closeness"],
        credibility=p["pledge_weight_credibility"],
        bandwagon=p["pledge_weight_bandwagon"],
        lead=p["pledge_weight_lead"],
        cost=p["pledge_cost"],
        backstop_risk_reduction=p["backstop_risk_reduction"],
        hostility=p["aggressor_hostility"],
        exposure_risk=p["exposure_risk"],
    )


def generate_force(world: World, st: RoundState) -> tuple[Values, Parts]:
    """Pledges, troops, adequacy and credibility of the guarantee package."""
    p, c = st.params, world.candidates
    x_c = st.x[:, c, :]  # (P, C, D)
    s_c = world.salience[c]
    victim = st.x[:, world.victim, :][:, None, :]
    closeness = 1.0 - rules.salience_distance(x_c, victim, s_c)  # (P, C)
    previous = st.current["member"] if st.current is not None else None
    pledges = rules.decide_pledges(
        capacity=world.capacity,
        capability=world.capability[c],
        is_lead=world.is_lead,
        sec_salience=s_c[:, world.security_dim],
        closeness=closeness,
        exposure=world.exposure,
        threshold=p["pledge_noise"][:, None] * st.noise.pledge_z,
        weights=pledge_weights(p),
        backstop=p["backstop"],
        required=p["force_required_troops"],
        aggressor_capability=np.full_like(p["backstop"], world.capability[world.aggressor]),
        available=st.available,
        initial=previous,
        explain=st.explain,
    )
    deployed = ~np.asarray(world.mandate_required) | st.mandated  # (R,)
    troops = np.where(deployed[:, None], pledges.troops, 0.0)
    total = troops.sum(axis=-1)
    adequacy = rules.force_adequacy(total, p["force_required_troops"])
    agg = max(world.capability[world.aggressor], 1e-12)
    strength = np.where(pledges.member & deployed[:, None], world.capability[c], 0.0).sum(-1) / agg
    g = rules.credibility(adequacy, p["backstop"], strength)
    x_agg, s_agg = st.x[:, world.aggressor, :][:, None, :], world.salience[world.aggressor]
    opposition = rules.salience_distance(x_c, x_agg, s_agg)  # (P, C): how opposed, as it sees them
    opposed = rules.force_adequacy((troops * opposition).sum(-1), p["force_required_troops"])
    values: Values = {
        "member": pledges.member,
        "troops": troops,
        "force_troops": total,
        "adequacy": adequacy,
        "credibility": g,
        "opposed_adequacy": opposed,
        "lead_in": (pledges.member & world.is_lead).any(-1),
        "deployed": deployed,
    }
    return values, pledges.parts
