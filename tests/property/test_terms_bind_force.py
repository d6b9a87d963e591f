"""Property (ODD 7.5): the force that deploys never exceeds what the agreed terms allow."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from agents.rules.acceptance import bind_force, troops_allowed


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float64, (6, 5), elements=st.floats(0.0, 50_000.0)),
    arrays(np.float64, (6,), elements=st.floats(0.0, 1.0)),
    st.floats(0.0, 200_000.0),
)
def test_deployed_force_within_the_terms(troops, term, large_force):
    allowed = troops_allowed(term, large_force)
    bound = bind_force(troops, allowed)
    assert np.all(bound >= 0) and np.all(bound <= troops + 1e-9)
    assert np.all(bound.sum(-1) <= allowed * (1 + 1e-12) + 1e-9)
    within = troops.sum(-1) <= allowed
    np.testing.assert_array_equal(bound[within], troops[within])  # a lawful force is untouched
