"""Step 1, events: the scenario's timeline for this round (ODD 3; ODD 7, events)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import World


def apply_events(world: World, st: RoundState) -> None:
    """Set a parameter, shift a state's position or withdraw a candidate, as scheduled."""
    dims = world.scenario.dimension_names
    cand = list(world.candidates)
    for ev in world.scenario.events:
        if ev.round != st.t:
            continue
        if ev.kind == "set_parameter":
            st.params[str(ev.parameter)][:] = ev.value
        elif ev.kind == "shift_position":
            i, d = world.iso3.index(str(ev.iso3)), dims.index(str(ev.dimension))
            st.x0[:, i, d] = ev.to
            st.x[:, i, d] = ev.to
        elif ev.kind == "leave_force":
            st.available[:, cand.index(world.iso3.index(str(ev.iso3)))] = False
