"""The steps of one round, one module each, in the order ``model.engine.advance`` calls them
(ODD 3): events → positions → UN votes → force → bargaining (proposal, acceptance) →
durability. Each reads the World and the RoundState, calls the rules of ``agents.rules`` and
returns the round outputs it declares in ``model.outputs`` (and the parts of its decisions)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Values = dict[str, NDArray[Any]]
Parts = dict[str, NDArray[np.float64]]

__all__ = ["Parts", "Values"]
