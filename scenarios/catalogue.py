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
    # What the engine can run (not a modelling choice: a scenario's range must lie inside).
    limits: tuple[float, float] | None = None


UNITS = (
    "share",
    "probability",
    "troops",
    "months",
    "rounds",
    "utility",
    "utility/month",
    "utility/sqrt(month)",
    "1/month",
    "weight",
    "index",  # a probit index (ODD 7.2): the disposition's sd is 1
    "dimensionless",
    "1/utility",
)

CATALOGUE: dict[str, Entry] = {
    # time
    "horizon_rounds": Entry(
        "rounds",
        "rounds of negotiation simulated",
        integer=True,
        limits=(1, 600),  # at least one round is played; per-round draws are sized by the top
    ),
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
    # who sends troops (ODD 7.2): the contribution index, fitted by experiments/force_history.py
    "force_index_intercept": Entry("index", "constant of a candidate's contribution index"),
    "force_index_record": Entry("index", "index per unit record (share of past operations)"),
    "force_index_nato": Entry("index", "index for a NATO member"),
    "force_index_eu": Entry("index", "index for an EU member"),
    "force_index_log_milper": Entry("index", "index per unit ln(1 + military personnel, 1000s)"),
    "force_index_europe": Entry("index", "index for a state in Europe"),
    "force_index_prior_approval": Entry("index", "index when parliament must approve beforehand"),
    "force_index_statement": Entry("index", "index per unit public statement (-1 no ... 1 yes)"),
    "force_size_elasticity": Entry("weight", "elasticity of a contingent to the armed forces"),
    "force_size_record": Entry("weight", "ln size of a contingent per unit record"),
    "force_framework_share": Entry("share", "share of R each lead nation offers"),
    "force_weight_backstop": Entry("index", "index lost per unit of missing backstop (1 - b)"),
    "force_weight_lead_absent": Entry("index", "index lost while no lead nation is in"),
    "force_weight_free_riding": Entry("index", "index lost per unit of R the others cover"),
    "force_weight_exposure": Entry("index", "index per unit of exposure to the aggressor"),
    "force_conditional_backstop": Entry("share", "backstop a conditional pledge needs"),
    "force_condition_spread": Entry(
        "share", "sd of the backstop a conditional pledger needs (its threshold's draw)"
    ),
    "pledge_noise": Entry("index", "sd of a candidate's disposition (1: the probit's scale)"),
    # acceptance (ODD 7.5)
    "bargaining_power_exponent": Entry(
        "share", "bargaining power = capability ** this (0: symmetric Nash solution)"
    ),
    "security_weight": Entry("utility", "victim's utility from a fully credible guarantee (G=1)"),
    "guarantee_deterrence": Entry(
        "utility", "aggressor's added cost of renewing war against a fully credible guarantee"
    ),
    "renege_cost": Entry("utility", "cost of breaking a signed agreement, without a guarantee"),
    "large_force_troops": Entry("troops", "troops meant by foreign_forces = 0 (a large force)"),
    "war_cost_per_month": Entry("utility/month", "fall in belligerents' value of fighting on"),
    # the war as a process (ODD 7.5)
    "war_months_before_start": Entry("months", "age of the war at round 1 (war weariness)"),
    "war_volatility": Entry("utility/sqrt(month)", "monthly sd of the military situation"),
    "optimism_aggressor": Entry("utility", "aggressor's initial over-estimate of its war value"),
    "optimism_victim": Entry("utility", "victim's initial over-estimate of its war value"),
    "belief_prior_months": Entry(
        "months", "months of signals the pre-war prior is worth (months fought are added)"
    ),
    "battlefield_signal_noise": Entry("utility", "sd of a month's battlefield signal"),
    "disposition_sd": Entry("utility", "sd of a leader's disposition (hawk > 0)"),
    "disposition_persistence": Entry("share", "monthly persistence of a leader's disposition"),
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
    "vote_item_temperature": Entry(
        "dimensionless", "scale of a reference roll call's item parameters for a new text"
    ),
    "vote_persistence": Entry(
        "share", "weight of a state's own vote on the text's reference roll call"
    ),
    "patron_pull_per_aid_share": Entry("weight", "pull towards the patron's vote per aid/GDP"),
    "patron_pull_per_compact": Entry("weight", "pull towards the patron's vote from a compact"),
    "patron_pull_per_defence_pact": Entry(
        "weight", "pull towards the patron's vote from a defence pact"
    ),
}

PER_VETO_PLAYER: dict[str, Entry] = {
    "fighting_on": Entry("utility", "value of fighting on at round 0 (the BATNA)"),
    "battlefield_trend": Entry("utility/month", "monthly change in the value of fighting on"),
}


def veto_parameter(base: str, iso3: str) -> str:
    """Name of a per-veto-player parameter, e.g. ``fighting_on_rus``."""
    return f"{base}_{iso3.lower()}"
