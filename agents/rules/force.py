"""The force's adequacy and the guarantee's credibility (ODD 7.3).

Who sends troops, and how many, is ``agents.rules.force_generation`` (ODD 7.2).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]


def force_adequacy(troops: ArrayLike, required: ArrayLike) -> F:
    """``min(1, T / R)``; a required strength of 0 means any force is adequate."""
    t, r = np.asarray(troops, float), np.asarray(required, float)
    out: F = np.where(r > 0, np.minimum(1.0, t / np.where(r > 0, r, 1.0)), 1.0)
    return out


def credibility(adequacy: ArrayLike, backstop: ArrayLike, strength_ratio: ArrayLike) -> F:
    """Guarantee credibility ``G = 1 − (1 − a·min(1, q)) · (1 − b)`` in [0, 1].

    a: force adequacy; b: the guarantor's backstop; q: the force members' capability relative to
    the aggressor's. A force that is adequate and as strong as the aggressor is credible on its
    own; the backstop adds credibility the force lacks.
    """
    q = np.minimum(1.0, np.asarray(strength_ratio, float))
    out: F = 1.0 - (1.0 - np.asarray(adequacy, float) * q) * (1.0 - np.asarray(backstop, float))
    return out
