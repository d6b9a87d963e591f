"""Step 4 and 5, the force and the guarantee's credibility (ODD 7.2, 7.3).

Who sends troops and how many (``agents.rules.force_generation``): each candidate's contribution
index from its sourced attributes (force.csv, memberships) and the fitted coefficients, the
troops it would offer for the required strength R, and the cascade of pledges given the lead
nations, the others' pledges and the backstop. The troops per candidate are returned before any
ceiling on foreign forces (a later stage may scale them with ``scale_to_cap``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from agents import rules
from agents.rules import force_generation as fg
from model.stages import Parts, Values

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World

F = NDArray[np.float64]

#: The terms a candidate's decision is explained by: ``main_reason`` picks one of the sourced and
#: joint terms; the disposition (its idiosyncratic draw) is the reason only when the decision
#: goes against all the other terms together.
REASONS = (*fg.FEATURES, "exposure", "backstop", "lead_absent", "free_riding", "disposition")
TYPICAL = "typical"  # no term sets the candidate apart from the median candidate
#: A term explains a decision only when it moves the index by more than a quarter of the
#: disposition's sd (a smaller difference is within the estimates' uncertainty).
REASON_TOLERANCE = 0.25


def index_coefficients(p: dict[str, F]) -> dict[str, F]:
    """The contribution index's coefficients, each ``(R,)``."""
    return {k: p[f"force_index_{k}"] for k in ("intercept", *fg.FEATURES)}


def joint_weights(p: dict[str, F], consent_based: bool = False) -> fg.JointWeights:
    """The weights of the terms that depend on the others and on the guarantor. A consent-based
    UN mission's contributors face no retaliation from the aggressor, which consented to it
    (Fortna 2008, ch. 4): their exposure to it carries no weight."""
    return fg.JointWeights(
        exposure=p["force_weight_exposure"] * (0.0 if consent_based else 1.0),
        backstop=p["force_weight_backstop"],
        lead_absent=p["force_weight_lead_absent"],
        free_riding=p["force_weight_free_riding"],
        conditional_backstop=p["force_conditional_backstop"],
        condition_spread=p["force_condition_spread"],
    )


def pledge(world: World, st: RoundState) -> tuple[fg.Pledges, dict[str, F]]:
    """The cascade of pledges this round, and the index's terms per candidate."""
    p, feats = st.params, world.force_features
    terms = fg.index_terms(feats, index_coefficients(p))
    index = np.sum(np.broadcast_arrays(*terms.values()), axis=0)
    key = fg.size_key(
        feats["log_milper"], feats["record"], p["force_size_elasticity"], p["force_size_record"]
    )
    offer = fg.offered_troops(
        p["force_required_troops"], world.capacity, key, world.is_lead, p["force_framework_share"]
    )
    previous = st.current["member"] if st.current is not None else None
    pledges = fg.decide_pledges(
        index=index,
        offer=offer,
        is_lead=world.is_lead,
        conditional=world.conditional,
        exposure=world.exposure,
        disposition=p["pledge_noise"][:, None] * st.noise.pledge_z,
        weights=joint_weights(p, world.consent_based),
        backstop=p["backstop"],
        required=p["force_required_troops"],
        capacity=world.capacity,
        available=st.available,
        initial=previous,
        condition_shock=st.noise.condition_z,
        explain=st.explain,
    )
    return pledges, terms


def explanation(pledges: fg.Pledges, terms: dict[str, F]) -> Parts:
    """Each candidate's decision in parts: every term, its probability of being in given the
    others, and its main reason (an index into ``REASONS``)."""
    parts = {k: np.broadcast_to(v, pledges.member.shape).copy() for k, v in terms.items()}
    parts.update(pledges.parts)
    reasons = {k: parts[k] for k in REASONS[:-1]}
    code = fg.main_reason(reasons, pledges.member, REASON_TOLERANCE)
    without_draw = parts["net"] - parts["disposition"]
    against = np.where(pledges.member, without_draw <= 0, without_draw > 0) & (parts["able"] > 0)
    parts["reason"] = np.where(against, len(REASONS) - 1, code).astype(float)
    return parts


#: Each reason in words (the UI's Force panel, ``accord run``).
REASON_LABELS = {
    "record": "record in past operations",
    "nato": "NATO membership",
    "eu": "EU membership",
    "log_milper": "size of its armed forces",
    "europe": "location (Europe or not)",
    "prior_approval": "parliamentary approval rule",
    "statement": "public statement",
    "exposure": "exposure to the aggressor",
    "backstop": "the backstop",
    "lead_absent": "lead nations out",
    "free_riding": "others' troops (free riding)",
    "disposition": "its own politics (the random draw)",
    TYPICAL: "like most candidates",
}


def reason_names(codes: NDArray[np.floating] | NDArray[np.integer]) -> list[str]:
    """``main_reason`` codes as names (``TYPICAL`` for -1)."""
    return [REASONS[int(i)] if i >= 0 else TYPICAL for i in np.asarray(codes).ravel()]


def likely_reasons(
    world: World, params: dict[str, float], in_force: NDArray[np.bool_]
) -> list[str]:
    """Why each candidate is likely in (``in_force``) or out, from the terms that differ between
    candidates whatever the others do: the index's features and the exposure, at ``params`` (the
    scenario's central values). The summary of an ensemble, which keeps no decision's parts."""
    if len(world.candidates) == 0:  # a case without a force: nobody to explain
        return []
    p = {k: np.atleast_1d(np.asarray(v, float)) for k, v in params.items()}
    terms = fg.index_terms(world.force_features, index_coefficients(p))
    terms["exposure"] = joint_weights(p, world.consent_based).exposure[:, None] * world.exposure
    reasons = {k: terms[k] for k in (*fg.FEATURES, "exposure")}
    codes = fg.main_reason(reasons, in_force[None], REASON_TOLERANCE)
    names = list(reasons)
    return [names[int(i)] if i >= 0 else TYPICAL for i in codes[0]]


def generate_force(world: World, st: RoundState) -> tuple[Values, Parts]:
    """Pledges, troops, adequacy and credibility of the guarantee package."""
    p, c = st.params, world.candidates
    pledges, terms = pledge(world, st)
    deployed = ~np.asarray(world.mandate_required) | st.mandated  # (R,)
    troops = np.where(deployed[:, None], pledges.troops, 0.0)
    total = troops.sum(axis=-1)
    adequacy = rules.force_adequacy(total, p["force_required_troops"])
    agg = max(world.capability[world.aggressor], 1e-12)
    strength = np.where(pledges.member & deployed[:, None], world.capability[c], 0.0).sum(-1) / agg
    g = rules.credibility(adequacy, p["backstop"], strength)
    x_c = st.x[:, c, :]  # (1, C, D)
    x_agg, s_agg = st.x[:, world.aggressor, :][:, None, :], world.salience[world.aggressor]
    opposition = rules.salience_distance(x_c, x_agg, s_agg)  # (P, C): how opposed, as it sees them
    opposed = rules.force_adequacy((troops * opposition).sum(-1), p["force_required_troops"])
    if world.consent_based:  # an impartial force the parties consented to opposes no one
        opposed = np.zeros_like(opposed)
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
    return values, explanation(pledges, terms) if st.explain else {}
