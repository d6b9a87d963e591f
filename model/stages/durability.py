"""Step 9, durability: how likely the agreement is to hold, and when it breaks (ODD 7.7).

The hazard is ``agents.rules.durability``'s: a Weibull baseline (shape and scale estimated on
cease-fire spells, ``experiments/durability_estimate.py``) times a multiplier from each
belligerent's incentive to renege, the force on the ground and the backstop.

Each belligerent's incentive is its value of renewed war minus what the deal gives it, both as
the bargaining stage scored them this round (``renewed_war_value``: fighting on after signing,
less what a credible guarantee makes reneging cost; ``deal_value``: the terms plus the
guarantee package the terms allow). A deal a side accepted with room to spare is less tempting
to break; the force on the ground is the one the agreed terms allow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agents import rules
from model.stages import Values

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World


def assess_durability(world: World, st: RoundState, deal: Values) -> Values:
    """The hazard multiplier, P(holds over the durability horizon) and the breakdown month;
    ``deal``: this round's force and bargaining outputs."""
    p = st.params
    fighters = world.belligerent  # (V,) the veto players who could take up arms again
    incentive = rules.renege_incentive(
        deal["renewed_war_value"][..., fighters], deal["deal_value"][..., fighters]
    )
    multiplier = rules.breakdown_multiplier(
        incentive,
        deal["adequacy"],
        p["backstop"],
        p["force_effect_on_hazard"],
        p["backstop_effect_on_hazard"],
        p["renege_sensitivity"],
    )
    shape, scale = p["breakdown_shape"], p["breakdown_scale_months"]
    return {
        "hazard_multiplier": multiplier,
        "p_holds_hazard": rules.p_agreement_holds(
            multiplier, p["durability_horizon_months"], shape, scale
        ),
        "breaks_month": rules.month_of_breakdown(multiplier, st.noise.durability_u, shape, scale),
    }
