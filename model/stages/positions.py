"""Step 2, positions: Friedkin–Johnsen dynamics over the ties (ODD 7.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agents import rules

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World


def move_positions(world: World, st: RoundState) -> None:
    """One step of every state's position towards those it is tied to."""
    sw = st.params["self_weight"]  # fixed by the scenario (no distribution), so one value
    st.x = rules.update_positions(st.x, st.x0, world.weights(float(sw[0])), world.stubbornness)
