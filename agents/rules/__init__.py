"""Decision rules as pure functions over numpy arrays (ODD 7, Submodels).

Every rule takes and returns arrays with any leading batch shape: one Mesa run uses ``(N, D)``,
the batched ensemble ``(R, N, D)``. One implementation of each rule serves both.
"""

from agents.rules.acceptance import (
    accept_probability,
    acceptance_parts,
    agree,
    fighting_on_value,
)
from agents.rules.durability import breakdown_hazard, breakdown_month, p_holds
from agents.rules.force import credibility, force_adequacy
from agents.rules.force_generation import decide_pledges
from agents.rules.positions import influence_weights, update_positions
from agents.rules.proposal import (
    Proposal,
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

__all__ = [
    "Proposal",
    "accept_probability",
    "acceptance_parts",
    "agree",
    "breakdown_hazard",
    "breakdown_month",
    "cast_votes",
    "contract_points",
    "credibility",
    "decide_pledges",
    "fighting_on_value",
    "force_adequacy",
    "general_assembly_adopted",
    "influence_weights",
    "nash_bargaining",
    "p_holds",
    "salience_distance",
    "security_council_adopted",
    "tally",
    "update_positions",
    "utility",
    "vote_margin",
    "weighted_mean",
    "weighted_median",
]
