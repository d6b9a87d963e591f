"""What a historical case's build is given: its sourced facts, nothing derived (ODD 5, 6).

A ``CaseSpec`` holds only what cannot come from the shared data: the start, the issues, who is
on which side, the non-UN actors, guarantors and the kind of mission, each with a source dated
before the start. Everything else (who the UN members are, positions, capabilities, ties, force
candidates, parameter values) follows from the rules in ``builds.cases.common``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sourced:
    """A fact and where it comes from (a citation with its date)."""

    text: str
    source: str


@dataclass(frozen=True)
class Actor:
    """A belligerent or party that is not a UN member of the case's year (or has no COW data).

    ``capability`` is a share of its patron's CINC (ASSUMPTION with a reason) when the actor has
    no COW NMC record; None for states that have one.
    """

    iso3: str
    name: str
    status: str  # non_member_state, unrecognised_state, armed_group
    source: str
    capability: float | None = None
    capability_source: str = ""
    patron: str = ""  # whose CINC ``capability`` is a share of


@dataclass(frozen=True)
class ActorTie:
    a: str
    b: str
    weight: float
    kind: str
    source: str


@dataclass(frozen=True)
class Guarantee:
    iso3: str
    commitment: float
    source: str


@dataclass(frozen=True)
class CaseSpec:
    name: str
    title: str
    start: str  # YYYY-MM: the month the case is forecast from; every input predates it
    description: str
    dimensions: tuple[tuple[str, str, str], ...]  # (name, low = victim side, high = other)
    dimensions_source: str
    security_dimension: str
    victim: str
    aggressor: str
    victim_side: tuple[str, ...]
    aggressor_side: tuple[str, ...]
    roles_source: str
    veto_players: tuple[str, ...]
    veto_source: str
    guarantors: tuple[Guarantee, ...]
    mission_kind: str
    mission_mandate: str
    mission_source: str
    mission_description: str
    sc_elected: tuple[str, ...]
    sc_source: str
    #: UN members standing in for a principal that does not vote (e.g. the USSR for the DPRK)
    proxies: dict[str, str] = field(default_factory=dict)
    proxies_source: str = ""
    actors: tuple[Actor, ...] = ()
    actor_ties: tuple[ActorTie, ...] = ()
    #: UN members of the case's year with no roll-call vote in the window (sourced)
    extra_members: tuple[Sourced, ...] = ()
    #: YYYY-MM: the month the fighting began, and its source (sets war_months_before_start)
    war_began: str = ""
    war_began_source: str = ""

    @property
    def war_months(self) -> int:
        """Whole months from the start of the fighting to the case's start."""
        y0, m0 = (int(x) for x in self.war_began.split("-"))
        return (self.year - y0) * 12 + self.month - m0

    @property
    def year(self) -> int:
        return int(self.start[:4])

    @property
    def month(self) -> int:
        return int(self.start[5:7])

    @property
    def belligerents(self) -> tuple[str, ...]:
        return self.victim_side + self.aggressor_side
