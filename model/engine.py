"""One round of negotiation over R replications at once (ODD 3, Process overview and scheduling).

``advance`` calls the stages of ``model.stages`` in the order of the design; the Mesa model
calls it with R = 1 and the ensemble with R replications, so there is one implementation of the
round. Order within round t: events → positions → UN votes → force → credibility → proposal →
acceptance → agreement → durability. It returns the round's ``RoundOutcome`` (every declared
round output) and keeps, per replication, the values at agreement (or of the last round).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from agents import rules
from model.draws import Noise
from model.outputs import RoundOutcome
from model.stages.bargaining import negotiate
from model.stages.durability import assess_durability
from model.stages.events import apply_events
from model.stages.force import generate_force
from model.stages.positions import move_positions
from model.stages.votes import hold_votes
from model.world import World

F = NDArray[np.float64]
B = NDArray[np.bool_]
Ints = NDArray[np.int64]


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
    outcome: dict[str, NDArray[np.generic]] = field(default_factory=dict)  # at agreement or last
    current: RoundOutcome | None = None  # this round's outcome
    votes: dict[str, Ints] = field(default_factory=dict)  # id -> (R, N) vote codes
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
    return st


def _freeze(st: RoundState, outcome: RoundOutcome, keep: B) -> None:
    """Keep this round's values for the replications still negotiating (or agreeing now)."""
    for name, value in outcome.values.items():
        arr = np.broadcast_to(value, (len(keep), *np.shape(value)[1:]))
        old = st.outcome.get(name)
        mask = keep.reshape(-1, *([1] * (arr.ndim - 1)))
        st.outcome[name] = arr.copy() if old is None else np.where(mask, arr, old)


def advance(world: World, st: RoundState) -> RoundOutcome:
    """Play round ``st.t + 1`` for every replication that has not yet agreed."""
    st.t += 1
    apply_events(world, st)
    move_positions(world, st)
    hold_votes(world, st)
    force, pledge_parts = generate_force(world, st)
    bargain, acceptance_parts = negotiate(world, st, force)
    horizon = st.t <= st.params["horizon_rounds"]
    accept_u = st.noise.accept_u[:, st.t - 1, :]
    new = rules.agree(bargain["p_accept"], accept_u) & ~st.agreed & horizon
    st.agreed |= new
    st.agreement_round = np.where(new, st.t, st.agreement_round)
    durability = assess_durability(world, st, force)
    outcome = RoundOutcome(
        st.t,
        {**force, **bargain, **durability},
        {"pledge": pledge_parts, "acceptance": acceptance_parts} if st.explain else {},
    )
    st.current = outcome
    _freeze(st, outcome, ~st.agreed | new)  # outcomes freeze at the round of agreement
    return outcome


def finished(st: RoundState) -> B:
    """Replications that have agreed or reached their horizon."""
    out: B = st.agreed | (st.t >= st.params["horizon_rounds"])
    return out


def holds(st: RoundState) -> B:
    """Agreed replications whose agreement survives the durability horizon."""
    breaks: Ints = np.asarray(st.outcome["breaks_month"], np.int64)
    out: B = st.agreed & (breaks > st.params["durability_horizon_months"])
    return out


__all__ = ["RoundState", "advance", "finished", "holds", "initial_state"]
