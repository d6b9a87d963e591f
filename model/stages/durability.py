"""Step 9, durability: the breakdown hazard of an agreement and when it breaks (ODD 7.7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agents import rules
from model.stages import Values

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World


def assess_durability(world: World, st: RoundState, force: Values) -> Values:
    """Hazard, P(holds over the durability horizon) and the month the agreement would break."""
    p = st.params
    hazard = rules.breakdown_hazard(
        p["breakdown_hazard_per_month"],
        force["adequacy"],
        p["backstop"],
        p["force_effect_on_hazard"],
        p["backstop_effect_on_hazard"],
    )
    return {
        "hazard": hazard,
        "p_holds_hazard": rules.p_holds(hazard, p["durability_horizon_months"]),
        "breaks_month": rules.breakdown_month(hazard, st.noise.durability_u),
    }
