"""One round of negotiation over R replications at once (ODD 3, Process overview and scheduling).

``advance`` wires the rules of ``agents.rules`` in the order of the design; the Mesa model calls
it with R = 1 and the ensemble with R replications, so there is one implementation of the round.
Order within round t: events → positions → UN votes → force → credibility → proposal →
acceptance → agreement → durability.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from agents import rules
from agents.rules.force import PledgeWeights
from agents.rules.votes import ABSENT
from model import bargaining
from model.draws import Noise
from model.world import World

F = NDArray[np.float64]
B = NDArray[np.bool_]
Ints = NDArray[np.int64]

NOT_HELD = -1  # vote code for a replication that had already agreed before the vote


@dataclass
class RoundState:
    """What changes over a run, for R replications. Positions carry a batch of 1: nothing that
    moves them differs between replications (``self_weight`` takes no distribution, events
    apply to all), so they are computed once; the rules downstream broadcast them."""

    params: dict[str, F]
    noise: Noise
    x0: F  # (1, N, D)
    x: F  # (1, N, D)
    available: B  # (R, C) candidates not withdrawn by an event
    t: int = 0
    explain: bool = True  # keep each decision's parts (a single run); ensembles skip them
    agreed: B = field(default_factory=lambda: np.zeros(0, bool))
    agreement_round: Ints = field(default_factory=lambda: np.zeros(0, np.int64))
    mandated: B = field(default_factory=lambda: np.zeros(0, bool))
    outcome: dict[str, NDArray] = field(default_factory=dict)  # values at agreement (or last round)
    current: dict[str, Any] = field(default_factory=dict)  # this round's values
    votes: dict[str, Ints] = field(default_factory=dict)  # id -> (R, N) vote codes
    war: dict[str, F] = field(default_factory=dict)  # the war's state (model.bargaining)
    adopted: dict[str, B] = field(default_factory=dict)  # id -> (R,)


def initial_state(world: World, params: dict[str, F], noise: Noise) -> RoundState:
    """Round 0: everyone at their initial ideal point, nobody pledged, nothing agreed."""
    r = len(noise.durability_u)
    x0 = world.x0[None].copy()  # positions are shared: see RoundState
    st = RoundState(
        params={k: v.copy() for k, v in params.items()},
        noise=noise,
        x0=x0,
        x=x0.copy(),
        available=np.ones((r, len(world.candidates)), bool),
    )
    st.agreed = np.zeros(r, bool)
    st.agreement_round = np.zeros(r, np.int64)
    st.mandated = np.zeros(r, bool)
    st.war = bargaining.war_start(world, st.params, noise)
    return st


def _apply_events(world: World, st: RoundState) -> None:
    dims = world.scenario.dimension_names
    cand = list(world.candidates)
    for ev in world.scenario.events:
        if ev.round != st.t:
            continue
        if ev.kind == "set_parameter":
            st.params[ev.parameter][:] = ev.value  # type: ignore[index]
        elif ev.kind == "shift_position":
            i, d = world.iso3.index(str(ev.iso3)), dims.index(str(ev.dimension))
            st.x0[:, i, d] = ev.to
            st.x[:, i, d] = ev.to
        elif ev.kind == "leave_force":
            st.available[:, cand.index(world.iso3.index(str(ev.iso3)))] = False


def _positions(world: World, st: RoundState) -> None:
    sw = st.params["self_weight"]  # fixed by the scenario (no distribution), so one value
    st.x = rules.update_positions(st.x, st.x0, world.weights(float(sw[0])), world.stubbornness)


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


def _votes(world: World, st: RoundState) -> None:
    """UN votes scheduled this round; amendments first, then the text as amended."""
    active = ~st.agreed
    p = st.params
    order = sorted(range(len(world.votes)), key=lambda k: world.votes[k].amends < 0)
    for k in order:
        v = world.votes[k]
        if v.round != st.t:
            continue
        text, sq, mask = v.text, v.status_quo, v.speaks_to
        if v.amends >= 0:  # an amendment is weighed against the text it amends
            base = world.votes[v.amends]  # (where that text is silent, the amendment's status quo)
            sq = np.where(base.speaks_to, base.text, v.status_quo)
        else:  # the main text, with whichever of its amendments were adopted
            text = np.broadcast_to(text, (len(active), world.d)).copy()
            mask = np.broadcast_to(mask, text.shape).copy()
            sq = np.broadcast_to(sq, text.shape).copy()
            for a in world.votes:
                if a.amends == k and a.id in st.adopted:
                    take = st.adopted[a.id][:, None] & a.speaks_to
                    text = np.where(take, a.text, text)
                    sq = np.where(take & ~v.speaks_to, a.status_quo, sq)
                    mask = mask | take
        margin = _margins(st.x, world.salience, text, sq, mask)
        member = world.sc_member if v.forum == "security_council" else world.un_member
        p_absent = (
            np.where(world.sc_member, 0.0, world.p_absent)
            if v.forum == "security_council"
            else world.p_absent
        )
        cast = rules.cast_votes(
            margin,
            p["vote_threshold"],
            p["vote_threshold_no"],
            p["vote_noise"][:, None] * st.noise.vote_z[:, k],
            st.noise.absent_u[:, k],
            p_absent,
            member,
        )
        if v.forum == "security_council":
            adopted, _ = rules.security_council_adopted(cast, world.permanent)
        else:
            adopted = rules.general_assembly_adopted(rules.tally(cast), v.two_thirds)
        st.votes[v.id] = np.where(active[:, None], cast, NOT_HELD)
        st.adopted[v.id] = adopted & active
        if v.mandates_force:
            st.mandated |= st.adopted[v.id]


def pledge_weights(p: dict[str, F]) -> PledgeWeights:
    """The pledge decision's coefficients from the parameters."""
    return PledgeWeights(
        salience=p["pledge_weight_salience"],
        closeness=p["pledge_weight_closeness"],
        credibility=p["pledge_weight_credibility"],
        bandwagon=p["pledge_weight_bandwagon"],
        lead=p["pledge_weight_lead"],
        cost=p["pledge_cost"],
        backstop_risk_reduction=p["backstop_risk_reduction"],
        hostility=p["aggressor_hostility"],
        exposure_risk=p["exposure_risk"],
    )


def _force(world: World, st: RoundState) -> dict[str, Any]:
    """Pledges, troops, adequacy and credibility of the guarantee package."""
    p, c = st.params, world.candidates
    x_c = st.x[:, c, :]  # (P, C, D)
    s_c = world.salience[c]
    victim = st.x[:, world.victim, :][:, None, :]
    closeness = 1.0 - rules.salience_distance(x_c, victim, s_c)  # (P, C)
    pledges = rules.decide_pledges(
        capacity=world.capacity,
        capability=world.capability[c],
        is_lead=world.is_lead,
        sec_salience=s_c[:, world.security_dim],
        closeness=closeness,
        exposure=world.exposure,
        threshold=p["pledge_noise"][:, None] * st.noise.pledge_z,
        weights=pledge_weights(p),
        backstop=p["backstop"],
        required=p["force_required_troops"],
        aggressor_capability=np.full_like(p["backstop"], world.capability[world.aggressor]),
        available=st.available,
        initial=st.current.get("member"),
        explain=st.explain,
    )
    deployed = ~np.asarray(world.mandate_required) | st.mandated  # (R,)
    troops = np.where(deployed[:, None], pledges.troops, 0.0)
    total = troops.sum(axis=-1)
    adequacy = rules.force_adequacy(total, p["force_required_troops"])
    agg = max(world.capability[world.aggressor], 1e-12)
    strength = np.where(pledges.member & deployed[:, None], world.capability[c], 0.0).sum(-1) / agg
    g = rules.credibility(adequacy, p["backstop"], strength)
    x_agg, s_agg = st.x[:, world.aggressor, :][:, None, :], world.salience[world.aggressor]
    opposition = rules.salience_distance(x_c, x_agg, s_agg)  # (P, C): how opposed, as it sees them
    opposed = rules.force_adequacy((troops * opposition).sum(-1), p["force_required_troops"])
    return {
        "member": pledges.member,
        "troops": troops,
        "force_troops": total,
        "adequacy": adequacy,
        "credibility": g,
        "opposed_adequacy": opposed,
        "lead_in": (pledges.member & world.is_lead).any(-1),
        "deployed": deployed,
        "pledge_parts": pledges.parts,
    }


def advance(world: World, st: RoundState) -> RoundState:
    """Play round ``st.t + 1`` for every replication that has not yet agreed."""
    st.t += 1
    p = st.params
    _apply_events(world, st)
    _positions(world, st)
    _votes(world, st)
    force = _force(world, st)
    acc = bargaining.bargain(world, st, force)
    horizon = st.t <= p["horizon_rounds"]
    new = rules.agree(acc["p_accept"], st.noise.accept_u[:, st.t - 1, :]) & ~st.agreed & horizon
    st.agreed |= new
    st.agreement_round = np.where(new, st.t, st.agreement_round)
    hazard = rules.breakdown_hazard(
        p["breakdown_hazard_per_month"],
        acc["adequacy"],
        p["backstop"],
        p["force_effect_on_hazard"],
        p["backstop_effect_on_hazard"],
    )
    current: dict[str, Any] = {
        **force,
        **acc,
        "hazard": hazard,
        "p_holds": rules.p_holds(hazard, p["durability_horizon_months"]),
        "breaks_month": rules.breakdown_month(hazard, st.noise.durability_u),
    }
    st.current = current
    keep = ~st.agreed | new  # outcomes freeze at the round of agreement
    for k, v in current.items():
        if isinstance(v, dict):
            continue
        arr = np.broadcast_to(v, (len(keep), *np.shape(v)[1:]))
        old = st.outcome.get(k)
        mask = keep.reshape(-1, *([1] * (arr.ndim - 1)))
        st.outcome[k] = arr.copy() if old is None else np.where(mask, arr, old)
    bargaining.war_advance(world, st.war, p, st.noise, st.t - 1)
    return st


def finished(st: RoundState) -> B:
    """Replications that have agreed or reached their horizon."""
    out: B = st.agreed | (st.t >= st.params["horizon_rounds"])
    return out


def holds(st: RoundState) -> B:
    """Agreed replications whose agreement survives the durability horizon."""
    out: B = st.agreed & (st.outcome["breaks_month"] > st.params["durability_horizon_months"])
    return out


__all__ = ["ABSENT", "NOT_HELD", "RoundState", "advance", "finished", "holds", "initial_state"]
