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
    no_cost: ArrayLike = 0.0,
    targeted: ArrayLike = False,
    targeted_says_no: ArrayLike = False,
) -> Ints:
    """Votes ``(..., N)``: yes when ``margin + shock > θ_yes``, no when ``< −θ_no − c_i``, else
    abstain; absent when ``u_absent < p_absent``; non-members of the forum are coded 4.
    Thresholds broadcast from ``(...)`` (one per replication); ``no_cost`` ``c_i`` ``(..., N)``
    is a member's extra cost of a no in utility (a permanent member's veto,
    :func:`veto_cost_in_utility`), 0 for everyone else. A member the text ``targets``
    ``(..., N)`` votes no exactly when ``targeted_says_no`` ``(..., N)`` (drawn with
    :func:`targeted_no_probability`), whatever its margin, and otherwise yes or abstain by it."""
    m = np.asarray(margin, float) + np.asarray(shock, float)
    ty, tn = np.asarray(yes_threshold, float), np.asarray(no_threshold, float)
    ty = ty[..., None] if ty.ndim else ty
    tn = tn[..., None] if tn.ndim else tn
    tn = tn + np.asarray(no_cost, float)
    vote = np.where(m > ty, VoteCode.YES, np.where(m < -tn, VoteCode.NO, VoteCode.ABSTAIN))
    by_record = np.where(
        np.asarray(targeted_says_no, bool),
        VoteCode.NO,
        np.where(vote == VoteCode.YES, VoteCode.YES, VoteCode.ABSTAIN),
    )
    vote = np.where(np.asarray(targeted, bool), by_record, vote)
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


# --- Ordinal item-response votes (issue 12): ideal points and item parameters -----------------


def _logistic(u: F) -> F:
    out: F = 0.5 * (1.0 + np.tanh(0.5 * u))
    return out


def ordinal_vote_probabilities(
    ideal: ArrayLike,
    discrimination: ArrayLike,
    cut_no: ArrayLike,
    cut_abstain: ArrayLike,
    loads_on: ArrayLike | None = None,
    no_cost: ArrayLike = 0.0,
) -> F:
    """Probabilities ``(..., N, 3)`` of yes, no, abstain (columns in vote-code order).

    The ordinal logit of ``builds.ideal_points`` (no < abstain < yes): with
    ``η_i = Σ_k [k loaded] b_k x_ik``, ``P(no) = σ(c_no − κ_i − η_i)`` and
    ``P(no or abstain) = σ(c_abstain − η_i)``. ``κ_i ≥ 0`` (``no_cost``, ``(..., N)``) is the
    extra dislike a member needs before it casts a *no* rather than abstaining (a permanent
    member's veto, see :func:`text_veto_cost`); 0 for everyone else.
    ideal ``(..., N, K)``; discrimination ``(..., K)``; cut points ``(...)`` with
    ``cut_no <= cut_abstain``; loads_on ``(K,)`` booleans (all dimensions when None).
    """
    x = np.asarray(ideal, float)
    b = np.asarray(discrimination, float)
    if loads_on is not None:
        b = np.where(np.asarray(loads_on, bool), b, 0.0)
    eta = np.einsum("...nk,...k->...n", x, b)
    c1 = np.asarray(cut_no, float)[..., None] - np.asarray(no_cost, float)
    c2 = np.asarray(cut_abstain, float)[..., None]
    p_no = _logistic(c1 - eta)
    p_not_yes = np.maximum(_logistic(c2 - eta), p_no)
    out: F = np.stack([1.0 - p_not_yes, p_no, p_not_yes - p_no], axis=-1)
    return out


def text_veto_cost(
    permanent: ArrayLike, targeted: ArrayLike, veto_cost: ArrayLike, veto_cost_targeted: ArrayLike
) -> F:
    """Per-member cost of a *no* on one text ``(..., N)``: a permanent member pays
    ``veto_cost`` when the text does not target it and ``veto_cost_targeted`` when it does (the
    text condemns the member's own conduct: abstaining would concede the point; a member with a
    record on such texts then votes no by :func:`targeted_no_probability` with this cost);
    elected members pay 0 (they are scored like everyone else).
    permanent, targeted ``(..., N)`` booleans; the costs ``(..., N)`` or broadcastable.
    Estimated from the veto record by ``builds.veto_costs`` (ODD 7.8)."""
    cost = np.where(
        np.asarray(targeted, bool),
        np.asarray(veto_cost_targeted, float),
        np.asarray(veto_cost, float),
    )
    out: F = np.where(np.asarray(permanent, bool), cost, 0.0)
    return out


def targeted_no_probability(no_share_targeted: ArrayLike, no_cost: ArrayLike = 0.0) -> F:
    """P(no) of a member on a text that condemns its own conduct (ODD 7.8):
    ``σ(logit(g_T) − κ)``, where ``g_T`` (``no_share_targeted``, in (0, 1)) is the share of no in
    the member's record on such texts in the General Assembly and ``κ`` (``no_cost``) its cost of
    a no in the forum (``veto_cost_targeted`` for a permanent member in the Council, 0
    elsewhere). This is the base on which ``builds.veto_costs`` measures ``κ_T`` (the Council's
    targeted veto share against ``g_T``), so the engine applies the cost to the same odds the
    estimate compared; the spatial model of the text (its item, the member's ideal point) does
    not enter: a member does not weigh a condemnation of itself as a point in the roll-call
    space. Both arguments broadcast; returns their shape."""
    g = np.asarray(no_share_targeted, float)
    out: F = _logistic(np.log(g) - np.log1p(-g) - np.asarray(no_cost, float))
    return out


def targeted_no_probabilities(
    targeted: ArrayLike, no_share_targeted: ArrayLike, no_cost: ArrayLike = 0.0
) -> F:
    """Per member ``(..., N)``: :func:`targeted_no_probability` where the text ``targets`` the
    member and its record gives ``no_share_targeted`` (not NaN); NaN elsewhere (its item or
    margin decides). targeted ``(N,)`` booleans; no_share_targeted ``(N,)`` with NaN for no
    record; no_cost broadcastable to ``(..., N)``."""
    share = np.asarray(no_share_targeted, float)
    hit = np.asarray(targeted, bool) & ~np.isnan(share)
    p = targeted_no_probability(np.where(hit, share, 0.5), no_cost)
    out: F = np.where(hit, p, np.nan)
    return out


def veto_cost_in_utility(latent_cost: ArrayLike, vote_noise: ArrayLike) -> F:
    """A veto cost ``κ`` estimated on the ordinal rule's logistic scale, in the margin rule's
    utility units: ``κ · σ · √3/π``, where ``σ`` is the sd of the margin rule's vote shock
    (``vote_noise``) and ``π/√3`` the sd of the standard logistic, so that a cost shifts the odds
    of a no by the same number of shock sds under either rule (ODD 7.8).
    latent_cost ``(..., N)``; vote_noise ``(...)`` (one per replication)."""
    sigma = np.asarray(vote_noise, float)
    sigma = sigma[..., None] if sigma.ndim else sigma
    out: F = np.asarray(latent_cost, float) * sigma * (np.sqrt(3.0) / np.pi)
    return out


def patron_pull_weight(
    aid_share: ArrayLike,
    compact: ArrayLike,
    defence_pact: ArrayLike,
    per_aid_share: float,
    per_compact: float,
    per_defence_pact: float,
) -> F:
    """Weight ``w_i ∈ [0, 1)`` with which a client follows its patron's vote:
    ``w = 1 − exp(−(a·aid_share + c·compact + d·defence_pact))`` (hazards that add up).
    aid_share: patron's aid as a share of the client's GDP; compact, defence_pact: 0/1."""
    hazard = (
        per_aid_share * np.asarray(aid_share, float)
        + per_compact * np.asarray(compact, float)
        + per_defence_pact * np.asarray(defence_pact, float)
    )
    out: F = 1.0 - np.exp(-np.maximum(hazard, 0.0))
    return out


def follow_patron(probabilities: ArrayLike, patron: ArrayLike, weight: ArrayLike) -> F:
    """Mix each client's vote probabilities ``(..., N, 3)`` with its patron's:
    ``p_i ← (1 − w_i) p_i + w_i p_patron(i)``. patron ``(N,)`` index (−1: none); weight
    ``(..., N)``. The patron's own probabilities are used (no chains of following)."""
    p = np.asarray(probabilities, float)
    idx = np.asarray(patron, np.int64)
    w = np.where(idx >= 0, np.asarray(weight, float), 0.0)[..., None]
    gap = np.take(p, np.maximum(idx, 0), axis=-2)  # the patron's probabilities
    gap -= p
    out: F = gap * w  # p + w (patron − p), with the batch shape of p and w
    out += p
    return out


def persist_on_reference(
    probabilities: ArrayLike, reference_vote: ArrayLike, persistence: ArrayLike
) -> F:
    """Mix each state's vote probabilities ``(..., N, 3)`` with its own recorded vote on the
    text's reference roll call: ``p_i ← (1 − ρ) p_i + ρ e(v_i)`` (Bailey, Strezhnev & Voeten
    2017 bridge texts that repeat earlier language; a state that voted on that language tends to
    vote again as it did). reference_vote ``(N,)`` vote codes (yes, no, abstain; any other code,
    e.g. −1 for unknown or absent, leaves ``p_i`` unchanged); persistence ``ρ ∈ [0, 1]``,
    ``(...)``."""
    p = np.asarray(probabilities, float)
    ref = np.asarray(reference_vote, np.int64)
    known = (ref >= VoteCode.YES) & (ref <= VoteCode.ABSTAIN)
    onehot = np.eye(3)[np.where(known, ref, 0)]
    rho = np.asarray(persistence, float)[..., None, None] * known[:, None]  # 0: unchanged
    out: F = (onehot - p) * rho  # p + ρ (e(v) − p), with the batch shape of p and ρ
    out += p
    return out


def item_vote_probabilities(
    ideal: ArrayLike,
    discrimination: ArrayLike,
    cut_no: float,
    cut_abstain: float,
    *,
    temperature: ArrayLike = 1.0,
    no_cost: ArrayLike = 0.0,
    patron: ArrayLike | None = None,
    patron_weight: ArrayLike = 0.0,
    reference_vote: ArrayLike | None = None,
    persistence: ArrayLike = 0.0,
    alone: ArrayLike | None = None,
    targeted_no: ArrayLike | None = None,
) -> F:
    """The ordinal vote rule for one text with item parameters ``(..., N, 3)`` (ODD 7.8): the
    reference roll call's item scaled by ``temperature`` (``(...)``; a fitted item is sharper
    than a new text's) with each member's ``no_cost`` (:func:`text_veto_cost`); each client
    pulled towards its ``patron`` (``(N,)`` index, −1 none) with ``patron_weight`` ``(..., N)``
    (:func:`patron_pull_weight`); then its own recorded ``reference_vote`` ``(N,)`` mixed in
    with weight ``persistence`` ``(...)``. Members marked ``alone`` ``(N,)`` (a permanent member
    in the Council: its veto is a separate decision) neither follow nor repeat. A member the
    text targets has its P(no) set to ``targeted_no`` ``(..., N)`` (from
    :func:`targeted_no_probability`; NaN for a member it does not target), its yes and abstain
    keeping their ratio."""
    t = np.asarray(temperature, float)
    p = ordinal_vote_probabilities(
        ideal,
        t[..., None] * np.asarray(discrimination, float),
        t * cut_no,
        t * cut_abstain,
        no_cost=no_cost,
    )
    by_itself = np.zeros(p.shape[-2], bool) if alone is None else np.asarray(alone, bool)
    if patron is not None:
        p = follow_patron(p, np.where(by_itself, -1, np.asarray(patron)), patron_weight)
    if reference_vote is not None:
        p = persist_on_reference(
            p, np.where(by_itself, -1, np.asarray(reference_vote)), persistence
        )
    if targeted_no is not None:
        p = with_targeted_no(p, targeted_no)
    return p


def with_targeted_no(probabilities: ArrayLike, targeted_no: ArrayLike) -> F:
    """Vote probabilities ``(..., N, 3)`` with each targeted member's P(no) replaced by
    ``targeted_no`` ``(..., N)`` (NaN: not targeted, unchanged); its yes and abstain share the
    rest in their previous ratio (equally when both were 0). Only the members targeted in some
    replication are recomputed."""
    p = np.asarray(probabilities, float)
    n = p.shape[-2]
    q = np.broadcast_to(np.asarray(targeted_no, float), p.shape[:-1])
    cols = np.flatnonzero((~np.isnan(q)).reshape(-1, n).any(axis=0))
    out: F = p.copy()
    if cols.size == 0:
        return out
    sub, qs = p[..., cols, :], q[..., cols]
    hit = ~np.isnan(qs)
    rest = sub[..., VoteCode.YES] + sub[..., VoteCode.ABSTAIN]
    yes_share = np.where(rest > 0, sub[..., VoteCode.YES] / np.where(rest > 0, rest, 1.0), 0.5)
    q0 = np.where(hit, qs, 0.0)
    new = np.stack([(1 - q0) * yes_share, q0, (1 - q0) * (1 - yes_share)], axis=-1)
    out[..., cols, :] = np.where(hit[..., None], new, sub)
    return out


def draw_ordinal_votes(
    probabilities: ArrayLike,
    u_vote: ArrayLike,
    u_absent: ArrayLike,
    p_absent: ArrayLike,
    member: ArrayLike,
) -> Ints:
    """Votes ``(..., N)`` by inverse CDF over (yes, no, abstain) with uniforms ``u_vote``; absent
    when ``u_absent < p_absent``; non-members of the forum are coded 4."""
    p = np.asarray(probabilities, float)
    u = np.asarray(u_vote, float)
    vote = np.where(
        u < p[..., VoteCode.YES],
        VoteCode.YES,
        np.where(u < p[..., VoteCode.YES] + p[..., VoteCode.NO], VoteCode.NO, VoteCode.ABSTAIN),
    )
    vote = np.where(
        np.asarray(u_absent, float) < np.asarray(p_absent, float), VoteCode.ABSENT, vote
    )
    out: Ints = np.where(np.asarray(member, bool), vote, VoteCode.NON_MEMBER).astype(np.int64)
    return out
