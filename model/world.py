"""A scenario compiled to the arrays the rules work on (ODD 2, Entities; ODD 5, Initialisation)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from agents.rules import influence_weights
from agents.rules.force_generation import FEATURES
from agents.rules.votes import VoteCode
from model.outputs import Axes
from scenarios import Scenario, load_scenario
from scenarios.catalogue import PER_VETO_PLAYER, veto_parameter

F = NDArray[np.float64]
B = NDArray[np.bool_]
Ints = NDArray[np.intp]


@dataclass(frozen=True)
class Vote:
    """One UN vote: a text (or an amendment) against what it would replace."""

    id: str
    title: str
    forum: str  # "general_assembly" | "security_council"
    two_thirds: bool
    round: int
    text: F  # (D,)
    status_quo: F  # (D,)
    speaks_to: B  # (D,)
    amends: int  # index of the vote this amends, -1 for a main text
    mandates_force: bool
    #: item parameters of the ordinal rule (ODD 7.8): discrimination (K,), cut points; None:
    #: the text is voted by the margin rule
    discrimination: F | None = None
    cut_no: float = 0.0
    cut_abstain: float = 0.0
    #: each state's recorded vote on the text's reference roll call ``(N,)`` (vote codes; −1
    #: unknown), or None when no state has one (states.csv reference_votes)
    reference_vote: Ints | None = None
    #: (N,) the states whose own conduct the text condemns (None: no one)
    targets: B | None = None


@dataclass(frozen=True)
class World:
    """Everything fixed over a run, as arrays indexed by state (N), dimension (D), veto player (V),
    force candidate (C)."""

    scenario: Scenario
    iso3: tuple[str, ...]
    x0: F  # (N, D) initial ideal points
    salience: F  # (N, D)
    capability: F  # (N,) scaled so the most capable state has 1
    stubbornness: F  # (N,)
    ties: F  # (N, N) symmetric
    veto: Ints  # (V,)
    belligerent: B  # (V,) which veto players are belligerents
    victim: int
    aggressor: int
    candidates: Ints  # (C,)
    capacity: F  # (C,)
    is_lead: B  # (C,)
    exposure: F  # (C,)
    force_features: dict[str, F]  # name -> (C,): the contribution index's inputs (ODD 7.2)
    conditional: B  # (C,) pledge conditional on the backstop
    security_dim: int
    un_member: B  # (N,) votes in the General Assembly (a non-member negotiates but never votes)
    sc_member: B  # (N,)
    permanent: B  # (N,)
    p_absent: F  # (N,)
    votes: tuple[Vote, ...]
    mandate_required: bool
    #: a consent-based UN mission ([mission] kind un_*): the parties consent to an impartial
    #: force, so it neither faces the aggressor's hostility nor counts as opposed to it
    consent_based: bool = False
    #: yes votes a Security Council text needs: 9 of 15, or 7 of 11 in a case before 1966
    council_votes: int = 9
    #: (N, K) UN ideal points (states.csv ideal_1, ideal_2; 0 for an actor without one), or None
    ideal: F | None = None
    #: (N,) extra dislike before a permanent member's no, its veto (0 when not given)
    veto_cost: F | None = None
    #: (N,) index of the state whose vote each state may follow (−1: none; states.csv patron)
    patron: Ints | None = None
    #: (N, 3) the ties to that patron: aid share of GDP, compact (0/1), defence pact (0/1)
    patron_ties: F | None = None
    #: (N,) the same on a text that targets the member (``Vote.targets``; 0 when not given)
    veto_cost_targeted: F | None = None
    #: (N,) share of no in each state's record on texts condemning its own conduct, its P(no)
    #: on a text that targets it (NaN when not given: the spatial rule decides)
    targeted_no_share: F | None = None

    @property
    def n(self) -> int:
        return len(self.iso3)

    @property
    def d(self) -> int:
        return int(self.x0.shape[1])

    @property
    def max_rounds(self) -> int:
        """Largest horizon a replication can draw (sizes the per-replication random draws)."""
        return int(np.ceil(self.scenario.parameters["horizon_rounds"].range[1]))

    def weights(self, self_weight: float) -> F:
        """Influence matrices ``(D, N, N)`` for a value of the self-weight parameter (cached)."""
        cache: dict[float, F] = self.__dict__.setdefault("_weights", {})
        if self_weight not in cache:
            if len(cache) > 64:
                cache.clear()
            cache[self_weight] = influence_weights(
                self.ties, self.capability, self.salience, self_weight
            )
        return cache[self_weight]

    def axes(self) -> Axes:
        """The names along each output axis (``model.outputs``): column suffixes, UI keys."""
        return Axes(
            dimension=self.scenario.dimension_names,
            veto_player=tuple(self.iso3[i].lower() for i in self.veto),
            candidate=tuple(self.iso3[i] for i in self.candidates),
            vote=tuple(v.id for v in self.votes),
        )

    def veto_parameter(self, base: str) -> tuple[str, ...]:
        """Names of a per-veto-player parameter, in veto-player order."""
        assert base in PER_VETO_PLAYER
        return tuple(veto_parameter(base, self.iso3[i]) for i in self.veto)


def resolve_scenario(scenario: str | Path | Scenario, parameters: dict[str, Any]) -> Scenario:
    """A Scenario from a name, path or object, with parameter values replaced (validated)."""
    base = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return base.with_parameters(parameters) if parameters else base


def _votes(s: Scenario) -> tuple[Vote, ...]:
    dims = s.dimension_names
    ids = [r.id for r in s.resolutions]
    out = []
    for r in s.resolutions:
        text = np.array([r.text.get(k, np.nan) for k in dims])
        sq = np.array([r.status_quo.get(k, np.nan) for k in dims])
        speaks = ~np.isnan(text)
        out.append(
            Vote(
                id=r.id,
                title=r.title,
                forum=r.forum,
                two_thirds=r.forum == "general_assembly" and r.session == "emergency_special",
                round=r.round,
                text=np.nan_to_num(text),
                status_quo=np.nan_to_num(sq),
                speaks_to=speaks,
                amends=ids.index(r.amends) if r.amends else -1,
                mandates_force=r.mandates_force,
                discrimination=(
                    np.array(r.discrimination, float) if r.discrimination is not None else None
                ),
                cut_no=float(r.cut_no or 0.0),
                cut_abstain=float(r.cut_abstain or 0.0),
                reference_vote=_reference_vote(s, r.reference) if r.has_item else None,
                targets=np.isin(np.array(s.iso3s), r.targets) if r.targets else None,
            )
        )
    return tuple(out)


def _reference_vote(s: Scenario, reference: str | None) -> Ints | None:
    """Each state's vote code on the roll call ``reference`` (−1 where not recorded), or None."""
    code = {"Y": VoteCode.YES, "N": VoteCode.NO, "A": VoteCode.ABSTAIN}
    votes = [dict(r.reference_votes).get(reference or "") for r in s.states]
    if all(v is None for v in votes):
        return None
    return np.array([code[v] if v is not None else -1 for v in votes], np.intp)


def force_features(s: Scenario, cand: Ints) -> tuple[dict[str, F], B]:
    """Each candidate's inputs to the contribution index (``FEATURES``), from force.csv and the
    memberships in states.csv; a candidate without a force.csv row has no record, personnel or
    statement and is not in Europe."""
    rows = [s.states[i] for i in cand]
    table = {r.iso3: r for r in s.force}
    f = [table.get(r.iso3) for r in rows]
    out = {
        "record": [x.record if x else 0.0 for x in f],
        "nato": ["NATO" in r.memberships for r in rows],
        "eu": ["EU" in r.memberships for r in rows],
        "log_milper": [np.log1p(x.milper) if x else 0.0 for x in f],
        "europe": [bool(x and x.in_europe) for x in f],
        "prior_approval": [bool(x and x.prior_approval) for x in f],
        "statement": [x.statement if x else 0.0 for x in f],
    }
    assert tuple(out) == FEATURES
    conditional = np.array([bool(x and x.conditional_on_backstop) for x in f], bool)
    return {k: np.array(v, float) for k, v in out.items()}, conditional


def compile_world(s: Scenario) -> World:
    """Turn a validated scenario into arrays."""
    iso3 = s.iso3s
    index = {k: i for i, k in enumerate(iso3)}
    rows = s.states
    cap = np.array([r.capability for r in rows], float)
    ties = np.zeros((len(rows), len(rows)))
    for t in s.ties:
        a, b = index[t.a], index[t.b]
        ties[a, b] += t.weight
        ties[b, a] += t.weight
    roles = s.roles
    veto = np.array([index[k] for k in roles.veto_players], np.intp)
    cand = np.array([i for i, r in enumerate(rows) if r.force_candidate], np.intp)
    lead = set(roles.lead_nations)
    votes = _votes(s)
    features, conditional = force_features(s, cand)
    return World(
        scenario=s,
        iso3=iso3,
        x0=np.array([r.position for r in rows], float),
        salience=np.array([r.salience for r in rows], float),
        capability=cap / cap.max() if cap.max() > 0 else cap,
        stubbornness=np.array([r.stubbornness for r in rows], float),
        ties=ties,
        veto=veto,
        belligerent=np.array([k in roles.belligerents for k in roles.veto_players], bool),
        victim=index[roles.victim],
        aggressor=index[roles.aggressor],
        candidates=cand,
        capacity=np.array([rows[i].troop_capacity for i in cand], float),
        is_lead=np.array([rows[i].iso3 in lead for i in cand], bool),
        exposure=np.array([rows[i].exposure for i in cand], float),
        force_features=features,
        conditional=conditional,
        security_dim=s.dimension_names.index(roles.security_dimension),
        un_member=np.array([r.votes_at_un for r in rows], bool),
        sc_member=np.array([r.sc_seat is not None for r in rows], bool),
        permanent=np.array([r.sc_seat == "permanent" for r in rows], bool),
        p_absent=np.array([r.p_absent for r in rows], float),
        votes=votes,
        mandate_required=any(v.mandates_force for v in votes),
        consent_based=s.mission is not None and s.mission.consent_based,
        council_votes=s.un.council_votes if s.un is not None else 9,
        ideal=_ideal_points(rows),
        veto_cost=np.array([r.veto_cost or 0.0 for r in rows], float),
        patron=np.array([index[r.patron] if r.patron else -1 for r in rows], np.intp),
        patron_ties=np.array(
            [(r.patron_aid_share, r.patron_compact, r.patron_defence_pact) for r in rows], float
        ),
        veto_cost_targeted=np.array([r.veto_cost_targeted or 0.0 for r in rows], float),
        targeted_no_share=np.array(
            [np.nan if r.targeted_no_share is None else r.targeted_no_share for r in rows], float
        ),
    )


def _ideal_points(rows: tuple[Any, ...]) -> F | None:
    """States' UN ideal points ``(N, K)``, or None when the scenario has none."""
    given = [r.ideal for r in rows if r.ideal is not None]
    if not given:
        return None
    k = len(given[0])
    return np.array([r.ideal if r.ideal is not None else (0.0,) * k for r in rows], float)
