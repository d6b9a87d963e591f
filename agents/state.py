"""The State agent: a thin Mesa view of one row of the model's arrays (ODD 2, Entities)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from model.model import AccordModel


class State(mesa.Agent):
    """A state (country). Its numbers live in the model's arrays; this object only reads them."""

    model: AccordModel

    def __init__(self, model: AccordModel, index: int) -> None:
        super().__init__(model)
        self.index = index
        row = model.accord_scenario.states[index]
        self.iso3 = row.iso3
        self.name = row.name
        self.bloc = row.bloc
        self.memberships = row.memberships
        self.sc_seat = row.sc_seat

    @property
    def position(self) -> np.ndarray:
        """Current position on each dimension, in [0, 1]."""
        return self.model.state.x[0, self.index].copy()

    @property
    def ideal(self) -> np.ndarray:
        """Initial ideal point (the anchor of Friedkin–Johnsen dynamics)."""
        return self.model.state.x0[0, self.index].copy()

    @property
    def salience(self) -> np.ndarray:
        return self.model.world.salience[self.index].copy()

    @property
    def capability(self) -> float:
        return float(self.model.world.capability[self.index])

    @property
    def is_candidate(self) -> bool:
        return bool(np.any(self.model.world.candidates == self.index))

    @property
    def troops(self) -> float:
        """Troops it pledges this round (0 when not a candidate or not in the force)."""
        cur = self.model.state.current
        if not self.is_candidate or "troops" not in cur:
            return 0.0
        k = int(np.flatnonzero(self.model.world.candidates == self.index)[0])
        return float(cur["troops"][0, k])

    @property
    def in_force(self) -> bool:
        """Whether it pledged to the force this round."""
        cur = self.model.state.current
        if not self.is_candidate or "member" not in cur:
            return False
        k = int(np.flatnonzero(self.model.world.candidates == self.index)[0])
        return bool(cur["member"][0, k])

    def __repr__(self) -> str:
        return f"State({self.iso3})"
