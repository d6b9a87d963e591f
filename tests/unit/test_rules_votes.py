"""ODD 7.8: UN votes and the forums' rules."""

import numpy as np

from agents.rules import cast_votes, tally, vote_margin
from agents.rules.votes import VoteCode, general_assembly_adopted, security_council_adopted

YES, NO, ABSTAIN, ABSENT, NON_MEMBER = (
    VoteCode.YES,
    VoteCode.NO,
    VoteCode.ABSTAIN,
    VoteCode.ABSENT,
    VoteCode.NON_MEMBER,
)


def _council(votes_of_permanent, elected_yes):
    perm = np.array([True] * 5 + [False] * 10)
    votes = np.array(
        list(votes_of_permanent) + [YES] * elected_yes + [ABSTAIN] * (10 - elected_yes)
    )
    return security_council_adopted(votes, perm)


def test_nine_yes_and_a_permanent_no_fails():
    adopted, vetoed = _council([YES, YES, YES, YES, NO], 5)
    assert not adopted and vetoed[4]


def test_nine_yes_and_a_permanent_abstention_passes():
    adopted, vetoed = _council([YES, YES, YES, YES, ABSTAIN], 5)
    assert adopted and not vetoed.any()


def test_eight_yes_is_not_enough():
    adopted, _ = _council([YES] * 5, 3)
    assert not adopted


def test_general_assembly_two_thirds_of_present_and_voting():
    counts = np.array([93, 18, 65, 17])  # ES-11/7: two thirds of 111 is 74
    assert general_assembly_adopted(counts, two_thirds=True)
    assert not general_assembly_adopted(np.array([70, 40, 60, 23]), two_thirds=True)
    assert general_assembly_adopted(np.array([70, 40, 60, 23]), two_thirds=False)
    assert general_assembly_adopted(np.array([2, 1, 0, 0]), two_thirds=True)  # exactly 2/3


def test_votes_follow_the_margin_and_absence():
    x = np.array([[0.0], [1.0], [0.5]])
    s = np.ones((3, 1))
    m = vote_margin(
        x, s, text=np.array([0.0]), status_quo=np.array([1.0]), speaks_to=np.array([True])
    )
    np.testing.assert_allclose(m, [1.0, -1.0, 0.0])
    v = cast_votes(m, 0.05, 0.05, np.zeros(3), np.ones(3), np.zeros(3), np.ones(3, bool))
    np.testing.assert_array_equal(v, [YES, NO, ABSTAIN])
    # a member votes no only beyond the (higher) no-threshold; otherwise it abstains
    v = cast_votes(m, 0.05, 1.5, np.zeros(3), np.ones(3), np.zeros(3), np.ones(3, bool))
    np.testing.assert_array_equal(v, [YES, ABSTAIN, ABSTAIN])
    v = cast_votes(
        m,
        0.05,
        0.05,
        np.zeros(3),
        np.array([0.0, 1.0, 1.0]),
        np.full(3, 0.1),
        np.array([True, True, False]),
    )
    np.testing.assert_array_equal(v, [ABSENT, NO, NON_MEMBER])
    np.testing.assert_array_equal(tally(v), [0, 1, 0, 1])  # members only


def test_vote_codes_have_one_letter_and_name_each():
    letters = [c.letter for c in VoteCode if c != VoteCode.NOT_HELD]
    assert letters == ["Y", "N", "A", "X", "-"]
    assert [int(c) for c in VoteCode] == [-1, 0, 1, 2, 3, 4]
    assert VoteCode.NON_MEMBER.label == "non member"
