"""UN votes: each member's vote from its utility for a text against the status quo (ODD 7.8).

Vote codes are ``VoteCode``: the one spelling of yes, no, abstain, absent, not a member of the
forum, and not held (the replication had already agreed), with a letter and a name each.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

F = NDArray[np.float64]
B = NDArray[np.bool_]
Ints = NDArray[np.int64]


class VoteCode(IntEnum):
    """How a member voted on a text; the integer is what vote arrays hold."""

    NOT_HELD = -1  # the replication had agreed before the vote
    YES = 0
    NO = 1
    ABSTAIN = 2
    ABSENT = 3
    NON_MEMBER = 4  # not a member of the forum (the Security Council)

    @property
    def letter(self) -> str:
        return _LETTERS[self]

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


_LETTERS = {
    VoteCode.NOT_HELD: "",
    VoteCode.YES: "Y",
    VoteCode.NO: "N",
    VoteCode.ABSTAIN: "A",
    VoteCode.ABSENT: "X",
    VoteCode.NON_MEMBER: "-",
}
CAST = (VoteCode.YES, VoteCode.NO, VoteCode.ABSTAIN, VoteCode.ABSENT)  # what a tally counts


def vote_margin(
    x: ArrayLike, salience: ArrayLike, text: ArrayLike, status_quo: ArrayLike, speaks_to: ArrayLike
) -> F:
    """How much a member prefers the text to the status quo.

    ``m_i = Σ_k [k spoken to] · s_ik · (|x_ik − q_k| − |x_ik − t_k|)``: the salience-weighted
    distance it saves (Bueno de Mesquita's vote, per Scholz et al. 2011).
    x, salience ``(..., N, D)``;
    text, status_quo, speaks_to ``(D,)``.
    """
    x, s = np.asarray(x, float), np.asarray(salience, float)
    mask = np.asarray(speaks_to, bool)
    gain = np.abs(x - np.asarray(status_quo, float)) - np.abs(x - np.asarray(text, float))
    out: F = np.sum(np.where(mask, s * gain, 0.0), axis=-1)
    return out


def cast_votes(
    margin: ArrayLike,
    yes_threshold: ArrayLike,
    no_threshold: ArrayLike,
    shock: ArrayLike,
    u_absent: ArrayLike,
    p_absent: ArrayLike,
    member: ArrayLike,
) -> Ints:
    """Votes ``(..., N)``: yes when ``margin + shock > θ_yes``, no when ``< −θ_no``, else
    abstain; absent when ``u_absent < p_absent``; non-members of the forum are coded 4.
    Thresholds broadcast from ``(...)`` (one per replication)."""
    m = np.asarray(margin, float) + np.asarray(shock, float)
    ty, tn = np.asarray(yes_threshold, float), np.asarray(no_threshold, float)
    ty = ty[..., None] if ty.ndim else ty
    tn = tn[..., None] if tn.ndim else tn
    vote = np.where(m > ty, VoteCode.YES, np.where(m < -tn, VoteCode.NO, VoteCode.ABSTAIN))
    vote = np.where(
        np.asarray(u_absent, float) < np.asarray(p_absent, float), VoteCode.ABSENT, vote
    )
    out: Ints = np.where(np.asarray(member, bool), vote, VoteCode.NON_MEMBER).astype(np.int64)
    return out


def tally(votes: ArrayLike) -> Ints:
    """Counts ``(..., 4)`` of yes, no, abstain, absent (``CAST``) among the forum's members."""
    v = np.asarray(votes)
    out: Ints = np.stack([(v == code).sum(axis=-1) for code in CAST], axis=-1).astype(np.int64)
    return out


def general_assembly_adopted(counts: ArrayLike, two_thirds: bool) -> B:
    """Two thirds of those present and voting (yes + no) in an emergency special session or on an
    important question; a simple majority otherwise. Abstentions do not count."""
    c = np.asarray(counts)
    yes, no = c[..., VoteCode.YES], c[..., VoteCode.NO]
    out: B = (3 * yes >= 2 * (yes + no)) & (yes > 0) if two_thirds else yes > no
    return out


def security_council_adopted(
    votes: ArrayLike, permanent: ArrayLike, needed: int = 9
) -> tuple[B, B]:
    """At least ``needed`` yes (9 of 15; 7 of 11 before the 1965 enlargement took effect in
    1966, Charter art. 27 as amended) and no permanent member voting no (abstention is not a
    veto).

    Returns (adopted ``(...)``, vetoed_by ``(..., N)``).
    """
    v = np.asarray(votes)
    vetoed_by: B = (v == VoteCode.NO) & np.asarray(permanent, bool)
    adopted: B = ((v == VoteCode.YES).sum(axis=-1) >= needed) & ~vetoed_by.any(axis=-1)
    return adopted, vetoed_by
