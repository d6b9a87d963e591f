"""ODD 7.5: the mediator's expectation of the package its terms allow (model.stages.bargaining)."""

import numpy as np
import pytest

from model.stages.bargaining import expect_credibility


def test_expected_credibility_is_the_running_mean_of_what_the_terms_allowed():
    # Round 1 starts from the whole pledged force (0.9); the terms allow 0.3 each month.
    e = np.array([0.9])
    seen = [0.9]
    for t in range(1, 6):
        e = expect_credibility(e, np.array([0.3]), t)
        seen.append(0.3)
        assert e[0] == pytest.approx(np.mean(seen))
    # a two-cycle (0.2, 0.8, ...) settles at its mean instead of flipping every month
    e = np.array([0.8])
    for t in range(1, 200):
        e = expect_credibility(e, np.array([0.2 if t % 2 else 0.8]), t)
    assert e[0] == pytest.approx(0.5, abs=0.01)
