"""Step 3, UN votes: amendments first, then the texts as amended (ODD 7.8).

The rule is chosen per text: a text with item parameters (a reference roll call, scenario.toml)
is voted by the ordinal ideal-point rule on the states' UN ideal points (states.csv ideal_1,
ideal_2), a permanent member's no through its veto cost; any other text by the margin rule on
the negotiated positions. Both draw from the replication's own noise (``Noise.vote_z``,
``.absent_u``). Votes and adoption persist over the run (``RoundState.votes``, ``.adopted``); a
mandate adopted by the Security Council lets a force that needs one deploy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr

from agents import rules
from agents.rules.votes import (
    VoteCode,
    draw_ordinal_votes,
    item_vote_probabilities,
    patron_pull_weight,
    targeted_no_probabilities,
    text_veto_cost,
    veto_cost_in_utility,
)

if TYPE_CHECKING:
    from model.engine import RoundState
    from model.world import Vote, World

F = NDArray[np.float64]
Ints = NDArray[np.int64]


def _margins(x: F, salience: F, text: F, sq: F, mask: NDArray[np.bool_]) -> F:
    """Vote margins ``(R or 1, N)``; a text that differs across replications (as amended) is
    scored once per distinct version when the replications share their positions."""
    if text.ndim == 1:
        return rules.vote_margin(x, salience, text, sq, mask)
    if x.shape[0] == 1:
        versions, inverse = np.unique(np.hstack([text, sq, mask]), axis=0, return_inverse=True)
        t, q, m = np.split(versions, 3, axis=1)
        per_version = rules.vote_margin(
            x, salience, t[:, None, :], q[:, None, :], m[:, None, :] > 0
        )
        out: F = per_version[inverse.ravel()]
        return out
    return rules.vote_margin(x, salience, text[:, None, :], sq[:, None, :], mask[:, None, :])


def text_as_voted(world: World, st: RoundState, k: int) -> tuple[F, F, NDArray[np.bool_]]:
    """Text, status quo and the dimensions it speaks to, for vote k as it stands when voted:
    an amendment weighed against the text it amends, a main text with its adopted amendments."""
    v = world.votes[k]
    text, sq, mask = v.text, v.status_quo, v.speaks_to
    if v.amends >= 0:  # an amendment is weighed against the text it amends
        base = world.votes[v.amends]  # (where that text is silent, the amendment's status quo)
        return text, np.where(base.speaks_to, base.text, v.status_quo), mask
    r = len(st.agreed)
    text = np.broadcast_to(text, (r, world.d)).copy()
    mask = np.broadcast_to(mask, text.shape).copy()
    sq = np.broadcast_to(sq, text.shape).copy()
    for a in world.votes:
        if a.amends == k and a.id in st.adopted:
            take = st.adopted[a.id][:, None] & a.speaks_to
            text = np.where(take, a.text, text)
            sq = np.where(take & ~v.speaks_to, a.status_quo, sq)
            mask = mask | take
    return text, sq, mask


def _no_cost(world: World, v: Vote) -> F | float:
    """Each member's cost of a no on a Council text ``(N,)`` in the ordinal rule's latent units:
    a permanent member's veto cost, the targeted one on a text that condemns its own conduct."""
    if world.veto_cost is None:
        return 0.0
    targeted = v.targets if v.targets is not None else False
    cost_t = world.veto_cost_targeted if world.veto_cost_targeted is not None else 0.0
    return text_veto_cost(world.permanent, targeted, world.veto_cost, cost_t)


def _targeted_no(world: World, v: Vote, no_cost: F | float) -> F | None:
    """P(no) ``(N,)`` of each member the text targets and whose record gives its no share on
    such texts (``targeted_no_probability``, with its cost of a no in this forum); NaN for the
    others. None when the text targets no one with a record."""
    share = world.targeted_no_share
    if v.targets is None or share is None:
        return None
    out = targeted_no_probabilities(v.targets, share, no_cost)
    return None if np.isnan(out).all() else out


def item_probabilities(
    world: World,
    v: Vote,
    temperature: ArrayLike = 1.0,
    persistence: ArrayLike = 0.0,
    patron_pull: tuple[ArrayLike, ArrayLike, ArrayLike] = (0.0, 0.0, 0.0),
) -> F:
    """Each member's probabilities ``(..., N, 3)`` of yes, no, abstain on a text with item
    parameters: the reference roll call's parameters scaled by ``temperature`` (a fitted item is
    sharper than a new text's); a client pulled towards its patron's probabilities
    (``patron_pull``: per aid share, compact, defence pact); then each state's recorded vote on
    the reference mixed in with weight ``persistence``. In the Security Council a permanent
    member's no carries its veto cost (the targeted one on a text that condemns the member's own
    conduct), and it neither follows a patron nor repeats its Assembly
    vote (the veto is a separate decision). A member the text targets, with a record of its no
    share on such texts, votes no with ``targeted_no_probability`` (in either forum; in the
    Council less its targeted veto cost). Weights: scalars or ``(R,)``."""
    assert world.ideal is not None and v.discrimination is not None
    council = v.forum == "security_council"
    weight: ArrayLike = 0.0
    if world.patron is not None and world.patron_ties is not None:
        per = [np.asarray(w, float)[..., None] for w in patron_pull]
        weight = patron_pull_weight(*world.patron_ties.T, *per)
    no_cost = _no_cost(world, v) if council else 0.0
    return item_vote_probabilities(
        world.ideal,
        v.discrimination,
        v.cut_no,
        v.cut_abstain,
        temperature=temperature,
        no_cost=no_cost,
        patron=world.patron,
        patron_weight=weight,
        reference_vote=v.reference_vote,
        persistence=persistence,
        alone=world.permanent if council else None,
        targeted_no=_targeted_no(world, v, no_cost),
    )


def _item_votes(
    world: World, st: RoundState, k: int, p_absent: F, member: NDArray[np.bool_]
) -> Ints:
    """Votes ``(R, N)`` by the ordinal rule, each replication's uniforms from its vote shocks
    (``Φ(z)``), so a replication still depends only on its seed."""
    pars = st.params
    pull = (
        pars["patron_pull_per_aid_share"],
        pars["patron_pull_per_compact"],
        pars["patron_pull_per_defence_pact"],
    )
    p = item_probabilities(
        world, world.votes[k], pars["vote_item_temperature"], pars["vote_persistence"], pull
    )
    u = ndtr(st.noise.vote_z[:, k])
    return draw_ordinal_votes(p, u, st.noise.absent_u[:, k], p_absent, member)


def hold_votes(world: World, st: RoundState) -> None:
    """Every UN vote scheduled this round, for replications still negotiating."""
    active = ~st.agreed
    p = st.params
    order = sorted(range(len(world.votes)), key=lambda k: world.votes[k].amends < 0)
    for k in order:
        v = world.votes[k]
        if v.round != st.t:
            continue
        council = v.forum == "security_council"
        member = world.sc_member if council else world.un_member
        p_absent = np.where(world.sc_member, 0.0, world.p_absent) if council else world.p_absent
        if v.discrimination is not None:
            cast = _item_votes(world, st, k, p_absent, member)
        else:
            text, sq, mask = text_as_voted(world, st, k)
            no_cost = _no_cost(world, v) if council else 0.0
            p_targeted = _targeted_no(world, v, no_cost)
            targeted = False if p_targeted is None else ~np.isnan(p_targeted)
            says_no = (
                False
                if p_targeted is None
                else ndtr(st.noise.vote_z[:, k]) < np.nan_to_num(p_targeted, nan=0.0)
            )
            cast = rules.cast_votes(
                _margins(st.x, world.salience, text, sq, mask),
                p["vote_threshold"],
                p["vote_threshold_no"],
                p["vote_noise"][:, None] * st.noise.vote_z[:, k],
                st.noise.absent_u[:, k],
                p_absent,
                member,
                veto_cost_in_utility(no_cost, p["vote_noise"]) if council else 0.0,
                targeted,
                says_no,
            )
        if council:
            adopted, _ = rules.security_council_adopted(cast, world.permanent, world.council_votes)
        else:
            adopted = rules.general_assembly_adopted(rules.tally(cast), v.two_thirds)
        st.votes[v.id] = np.where(active[:, None], cast, VoteCode.NOT_HELD)
        st.adopted[v.id] = adopted & active
        if v.mandates_force:
            st.mandated |= st.adopted[v.id]
