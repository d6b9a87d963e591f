"""The State agent: a thin Mesa view of one row of the model's arrays (ODD 2, Entities)."""

from __future__ import annotations

from typing import Any, Protocol

import mesa
import numpy as np


class Run(Protocol):
    """What a State reads of the model it belongs to (``model.AccordModel`` provides it)."""

    accord_scenario: Any

    def positions(self) -> np.ndarray: ...
    def ideal_points(self) -> np.ndarray: ...
    def saliences(self) -> np.ndarray: ...
    def capabilities(self) -> np.ndarray: ...
    def candidate_index(self, index: int) -> int | None: ...
    def current(self, name: str) -> Any: ...


class State(mesa.Agent):
    """A state (country). Its numbers live in the model's arrays; this object only reads them."""

    def __init__(self, model: mesa.Model, index: int) -> None:
        super().__init__(model)
        self.run: Run = model
        self.index = index
        row = self.run.accord_scenario.states[index]
        self.iso3 = row.iso3
        self.name = row.name
        self.bloc = row.bloc
        self.memberships = row.memberships
        self.sc_seat = row.sc_seat

    @property
    def position(self) -> np.ndarray:
        """Current position on each dimension, in [0, 1]."""
        return self.run.positions()[self.index].copy()

    @property
    def ideal(self) -> np.ndarray:
        """Ideal point (the anchor of Friedkin–Johnsen dynamics)."""
        return self.run.ideal_points()[self.index].copy()

    @property
    def salience(self) -> np.ndarray:
        return self.run.saliences()[self.index].copy()

    @property
    def capability(self) -> float:
        return float(self.run.capabilities()[self.index])

    @property
    def is_candidate(self) -> bool:
        return self.run.candidate_index(self.index) is not None

    def _as_candidate(self, name: str) -> Any:
        k = self.run.candidate_index(self.index)
        value = self.run.current(name)
        return None if k is None or value is None else value[k]

    @property
    def troops(self) -> float:
        """Troops it pledges this round (0 when not a candidate or not in the force)."""
        value = self._as_candidate("troops")
        return 0.0 if value is None else float(value)

    @property
    def in_force(self) -> bool:
        """Whether it pledged to the force this round."""
        value = self._as_candidate("member")
        return False if value is None else bool(value)

    def __repr__(self) -> str:
        return f"State({self.iso3})"
