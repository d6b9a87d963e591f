"""The parameters the engine reads: name, unit and meaning (ODD 5, Initialisation).

No values live here: every value, range and source is in a scenario file. The catalogue says
which parameters a scenario must declare, in which unit, and whether they must be integers.
Per-veto-player parameters are named ``<base>_<iso3 in lower case>``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    unit: str
    meaning: str
    integer: bool = False
    fixed: bool = False  # no distribution: the same value in every replication of a run
    why: str = ""


UNITS = (
    "share",
    "probability",
    "troops",
    "months",
    "rounds",
    "utility",
    "utility/month",
    "1/month",
    "weight",
    "dimensionless",
    "1/utility",
)

CATALOGUE: dict[str, Entry] = {
    # time
    "horizon_rounds": Entry("rounds", "rounds of negotiation simulated", integer=True),
    "durability_horizon_months": Entry(
        "months", "months after signing over which an agreement must hold", integer=True
    ),
    # positions (ODD 7.1)
    "self_weight": Entry(
        "weight",
        "weight of a state's own view against its ties in W",
        fixed=True,
        why="positions are shared by all replications; vary it across runs with a sweep",
    ),
    # guarantee package and force (ODD 7.2, 7.3)
    "backstop": Entry("share", "guarantor's backstop b: 0 none, 0.5 air cover, 1 treaty-like"),
    "force_required_troops": Entry("troops", "strength R the reassurance force needs"),
    "pledge_weight_salience": Entry("utility", "benefit per unit salience of victim's security"),
    "pledge_weight_closeness": Entry("utility", "benefit per unit closeness to the victim"),
    "pledge_weight_credibility": Entry("utility", "benefit per unit credibility its pledge adds"),
    "pledge_weight_bandwagon": Entry("utility", "benefit per unit share of R already pledged"),
    "pledge_weight_lead": Entry("utility", "benefit when a lead nation is in the force"),
    "pledge_cost": Entry("utility", "cost of sending its contingent (its troop capacity)"),
    "pledge_noise": Entry("utility", "sd of each candidate's idiosyncratic pledge threshold"),
    "backstop_risk_reduction": Entry("share", "share of deployment risk the full backstop removes"),
    "aggressor_hostility": Entry("share", "added risk from the aggressor's hostility to the force"),
    "exposure_risk": Entry("share", "added risk per unit of a candidate's exposure"),
    # acceptance (ODD 7.5)
    "security_weight": Entry("utility", "victim's utility from a fully credible guarantee (G=1)"),
    "troop_aversion": Entry("utility", "aggressor's utility loss from an adequate opposed force"),
    "war_cost_per_month": Entry("utility/month", "fall in belligerents' value of fighting on"),
    "acceptance_noise": Entry("utility", "scale tau of the logistic acceptance"),
    "un_mandate_effect": Entry("utility", "aggressor's utility gain when the force is UN-mandated"),
    # durability (ODD 7.7)
    "breakdown_shape": Entry("dimensionless", "Weibull shape k of the breakdown hazard"),
    "breakdown_scale_months": Entry("months", "Weibull scale of a bare agreement's breakdown"),
    "renege_sensitivity": Entry("1/utility", "rise in log hazard per unit incentive to renege"),
    "force_effect_on_hazard": Entry("share", "share of the hazard an adequate force removes"),
    "backstop_effect_on_hazard": Entry("share", "share of the hazard a full backstop removes"),
    # UN votes (ODD 7.8)
    "vote_threshold": Entry("utility", "gain over the status quo needed to vote yes"),
    "vote_threshold_no": Entry("utility", "loss against the status quo needed to vote no"),
    "vote_noise": Entry("utility", "sd of a member's idiosyncratic vote shock"),
}

PER_VETO_PLAYER: dict[str, Entry] = {
    "fighting_on": Entry("utility", "value of fighting on at round 0 (the BATNA)"),
    "battlefield_trend": Entry("utility/month", "monthly change in the value of fighting on"),
}


def veto_parameter(base: str, iso3: str) -> str:
    """Name of a per-veto-player parameter, e.g. ``fighting_on_rus``."""
    return f"{base}_{iso3.lower()}"
