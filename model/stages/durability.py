"""Step 9, durability: how likely the agreement is to hold, and when it breaks (ODD 7.7).

The hazard is ``agents.rules.durability``'s: a Weibull baseline (shape and scale estimated on
cease-fire spells, ``experiments/durability_estimate.py``) times a multiplier from each
belligerent's incentive to renege, the force on the ground and the backstop.

Each belligerent's incentive is its value of renewed war minus what the deal gives it, both as
the bargaining stage scored them this round: the value of renewed war is taken to be its
current value of fighting on (the acceptance part ``fighting_on``), and the deal's value is the
terms plus the guarantee package's part (``terms + security``). So the incentive is minus the
acceptance margin: a deal a side accepted with room to spare is less tempting to break. When the
bargaining stage provides a distinct value of renewed war (a guarantee that makes reneging
costly) as the acceptance part ``renewed_war`` (``(R, V)``), that is used instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agents import rules
from model.stages import Parts, Values

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World


def assess_durability(world: World, st: RoundState, force: Values, acceptance: Parts) -> Values:
    """The hazard multiplier, P(holds over the durability horizon) and the breakdown month."""
    p = st.params
    fighters = world.belligerent  # (V,) the veto players who could take up arms again
    renewed_war = acceptance.get("renewed_war", acceptance["fighting_on"])
    incentive = rules.renege_incentive(
        renewed_war[..., fighters],
        (acceptance["terms"] + acceptance["security"])[..., fighters],
    )
    multiplier = rules.breakdown_multiplier(
        incentive,
        force["adequacy"],
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
