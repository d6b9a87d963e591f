"""A permanent member's veto cost under the margin rule (ODD 7.8; issue 12): the cost estimated on
the ordinal rule's logistic scale, carried to utility, turns a mild dislike into an abstention."""

from __future__ import annotations

import numpy as np

from agents.rules.votes import VoteCode, cast_votes, veto_cost_in_utility


def test_conversion_known_answer() -> None:
    """κ = π/√3 (one logistic sd) is one shock sd: κ_u = σ; per replication ``(R,)`` σ."""
    kappa = np.array([np.pi / np.sqrt(3.0), 0.0])
    assert np.allclose(veto_cost_in_utility(kappa, 0.05), [0.05, 0.0])
    per_rep = veto_cost_in_utility(kappa, np.array([0.01, 0.02]))
    assert per_rep.shape == (2, 2)
    assert np.allclose(per_rep[:, 0], [0.01, 0.02])


def test_cost_turns_a_mild_no_into_an_abstention_and_not_a_strong_one() -> None:
    margin = np.array([[-0.15, -0.15, -0.5]])  # member 0 and 2 permanent, 1 elected
    cost = np.array([0.1, 0.0, 0.1])
    v = cast_votes(margin, 0.03, 0.12, 0.0, np.ones((1, 3)), 0.0, True, no_cost=cost)
    assert v.tolist() == [[VoteCode.ABSTAIN, VoteCode.NO, VoteCode.NO]]
    free = cast_votes(margin, 0.03, 0.12, 0.0, np.ones((1, 3)), 0.0, True)
    assert free.tolist() == [[VoteCode.NO] * 3]
