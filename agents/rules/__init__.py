"""Decision rules as pure functions over numpy arrays (ODD 7, Submodels).

Every rule takes and returns arrays with any leading batch shape: one Mesa run uses ``(N, D)``,
the batched ensemble ``(R, N, D)``. One implementation of each rule serves both.
"""

from agents.rules.acceptance import (
    accept_probability,
    acceptance_parts,
    agree,
    bind_force,
    fighting_on_value,
    in_bargaining_range,
    security_values,
    troops_allowed,
    war_weariness,
)
from agents.rules.durability import (
    breakdown_multiplier,
    cumulative_hazard,
    month_of_breakdown,
    monthly_hazard,
    p_agreement_holds,
    p_fails_within,
    renege_incentive,
)
from agents.rules.force import credibility, force_adequacy
from agents.rules.force_generation import decide_pledges
from agents.rules.positions import influence_weights, update_positions
from agents.rules.proposal import (
    Proposal,
    contract_gains,
    contract_points,
    nash_bargaining,
    weighted_mean,
    weighted_median,
)
from agents.rules.utility import salience_distance, utility
from agents.rules.votes import (
    cast_votes,
    general_assembly_adopted,
    security_council_adopted,
    tally,
    vote_margin,
)
from agents.rules.war import (
    belief_errors,
    believed_fighting_value,
    dispositions,
    renewal_option,
    renewed_war_value,
    war_situation,
)

__all__ = [
    "Proposal",
    "accept_probability",
    "acceptance_parts",
    "agree",
    "belief_errors",
    "believed_fighting_value",
    "bind_force",
    "breakdown_multiplier",
    "cast_votes",
    "contract_gains",
    "contract_points",
    "credibility",
    "cumulative_hazard",
    "decide_pledges",
    "dispositions",
    "fighting_on_value",
    "force_adequacy",
    "general_assembly_adopted",
    "in_bargaining_range",
    "influence_weights",
    "month_of_breakdown",
    "monthly_hazard",
    "nash_bargaining",
    "p_agreement_holds",
    "p_fails_within",
    "renege_incentive",
    "renewal_option",
    "renewed_war_value",
    "salience_distance",
    "security_council_adopted",
    "security_values",
    "tally",
    "troops_allowed",
    "update_positions",
    "utility",
    "vote_margin",
    "war_situation",
    "war_weariness",
    "weighted_mean",
    "weighted_median",
]
