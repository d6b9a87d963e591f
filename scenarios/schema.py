"""The scenario as immutable data: what a model is initialised from (ODD 5 and 6).

Built by ``scenarios.loader.load_scenario``; every object is a frozen pydantic model whose
collections are tuples or read-only mappings.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

DISTRIBUTIONS = ("uniform", "normal", "triangular")
EVENT_KINDS = ("set_parameter", "shift_position", "leave_force")
FORUMS = ("general_assembly", "security_council")
SESSIONS = ("emergency_special", "regular")
TIE_KINDS = ("alliance", "bloc", "bilateral", "voting")
SC_SEATS = ("permanent", "elected")
#: who an actor is: a UN member votes; the others negotiate (and may fight) but never vote
ACTOR_STATUSES = ("un_member", "non_member_state", "unrecognised_state", "armed_group")
#: a consent-based UN mission, a partisan reassurance force, or no force at all
MISSION_KINDS = ("un_peacekeeping", "un_observer", "reassurance", "none")
MANDATES = ("security_council", "general_assembly", "agreement", "none")


class Frozen(BaseModel):
    """Immutable, no extra fields; built by keyword (or ``model_validate`` from a dict)."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    # Read-only mappings (MappingProxyType) cannot be pickled: carry them as dicts, so a scenario
    # can be sent to worker processes.
    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        fields = {
            k: (_PROXY, dict(v)) if isinstance(v, MappingProxyType) else v
            for k, v in state["__dict__"].items()
        }
        return {**state, "__dict__": fields}

    def __setstate__(self, state: dict[Any, Any]) -> None:
        fields = {
            k: MappingProxyType(v[1]) if isinstance(v, tuple) and v[:1] == (_PROXY,) else v
            for k, v in state["__dict__"].items()
        }
        super().__setstate__({**state, "__dict__": fields})


_PROXY = "__read_only_mapping__"


class Dimension(Frozen):
    """An issue dimension: what a position of 0 and of 1 means."""

    name: str
    low: str
    high: str


class Distribution(Frozen):
    """A parameter's uncertainty, drawn per replication; bounds lie inside its range."""

    kind: Literal["uniform", "normal", "triangular"]
    low: float
    high: float
    mode: float | None = None
    mean: float | None = None
    sd: float | None = None

    @property
    def central(self) -> float:
        """Mean of a (truncated) normal's location, mode of a triangular, midpoint of a uniform."""
        if self.kind == "normal" and self.mean is not None:
            return self.mean
        if self.kind == "triangular" and self.mode is not None:
            return self.mode
        return (self.low + self.high) / 2


class Parameter(Frozen):
    """An assumption: a value or a distribution, with unit, range and source. A ``fact`` (a
    date, a count, sourced) is one value the assumption interval does not draw; sliders and
    sweeps may still move it, as a what-if."""

    name: str
    value: float | None
    distribution: Distribution | None
    unit: str
    range: tuple[float, float]
    source: str
    description: str = ""
    fact: bool = False

    @property
    def central(self) -> float:
        """What a single run uses: the value, or the distribution's centre."""
        if self.value is not None:
            return self.value
        assert self.distribution is not None
        return self.distribution.central

    @property
    def is_random(self) -> bool:
        return self.distribution is not None


class Roles(Frozen):
    """Who fights, who must agree, who guarantees. ``victim`` and ``aggressor`` are the principals
    of the two sides; ``victim_side``/``aggressor_side`` list every belligerent of a side (empty:
    the principal alone)."""

    belligerents: tuple[str, ...]
    victim: str
    aggressor: str
    veto_players: tuple[str, ...]
    guarantor: str
    lead_nations: tuple[str, ...]
    security_dimension: str
    victim_side: tuple[str, ...] = ()
    aggressor_side: tuple[str, ...] = ()


class Guarantor(Frozen):
    """A third party's commitment to the victim's side: 0 none, 0.5 air cover, 1 treaty-like."""

    iso3: str
    commitment: float
    source: str


class Mission(Frozen):
    """The kind of force the agreement would bring, its mandate and who may contribute.

    ``un_peacekeeping``/``un_observer``: consent-based, impartial contributors (no belligerent),
    mandated by the Security Council or (Uniting for Peace) the General Assembly.
    ``reassurance``: a partisan force of the victim's side's partners (no state of the aggressor's
    side), mandated by the Council, by the agreement itself, or by nobody.
    """

    kind: Literal["un_peacekeeping", "un_observer", "reassurance", "none"]
    mandate: Literal["security_council", "general_assembly", "agreement", "none"]
    authorised_by: str | None = None
    source: str
    description: str = ""

    @property
    def consent_based(self) -> bool:
        return self.kind in ("un_peacekeeping", "un_observer")


class UnSetting(Frozen):
    """The UN of the case's year: the Security Council's seats are the sc_seat column."""

    year: int
    source: str

    @property
    def council_size(self) -> int:
        """11 seats until the 1965 enlargement took effect (1 Jan 1966), 15 since."""
        return 11 if self.year < 1966 else 15

    @property
    def council_votes(self) -> int:
        """Yes votes a Council decision needs (Charter art. 27): 7 of 11, 9 of 15."""
        return 7 if self.council_size == 11 else 9


class Event(Frozen):
    """A timeline entry applied at the start of ``round`` (ODD 3, step 1)."""

    round: int
    kind: Literal["set_parameter", "shift_position", "leave_force"]
    parameter: str | None = None
    value: float | None = None
    iso3: str | None = None
    dimension: str | None = None
    to: float | None = None
    source: str = ""


class Resolution(Frozen):
    """A UN text: its position on the dimensions it speaks to, its forum and rule."""

    id: str
    title: str
    forum: Literal["general_assembly", "security_council"]
    session: Literal["emergency_special", "regular"] | None
    round: int
    text: Mapping[str, float]
    status_quo: Mapping[str, float]
    amends: str | None
    mandates_force: bool
    source: str
    #: item parameters of the ordinal vote rule (ODD 7.8), all set or none: the roll call they
    #: come from, the discrimination per ideal-point dimension, the two cut points, and how they
    #: were derived (the reference's fitted values plus documented adjustments)
    reference: str | None = None
    discrimination: tuple[float, ...] | None = None
    cut_no: float | None = None
    cut_abstain: float | None = None
    item_source: str | None = None
    #: the states whose own conduct the text condemns (ISO3 codes, from the text's content, never
    #: from its vote): a permanent member it targets pays ``veto_cost_targeted`` for a veto
    targets: tuple[str, ...] = ()

    @property
    def has_item(self) -> bool:
        """Voted by the ordinal ideal-point rule (else by the margin rule)."""
        return self.discrimination is not None

    @field_validator("text", "status_quo", mode="after")
    @classmethod
    def _read_only(cls, value: Mapping[str, float]) -> Mapping[str, float]:
        return MappingProxyType(dict(value))


class StateRow(Frozen):
    """One row of states.csv; position and salience are in dimension order."""

    iso3: str
    name: str
    capability: float
    position: tuple[float, ...]
    salience: tuple[float, ...]
    stubbornness: float
    memberships: tuple[str, ...]
    bloc: str
    force_candidate: bool
    troop_capacity: int
    exposure: float
    sc_seat: Literal["permanent", "elected"] | None
    p_absent: float
    source: str
    status: Literal["un_member", "non_member_state", "unrecognised_state", "armed_group"] = (
        "un_member"
    )
    #: UN ideal point (optional columns ideal_1, ideal_2): where the state stands in the roll-call
    #: space of ``builds.ideal_points``; needed by a text with item parameters
    ideal: tuple[float, ...] | None = None
    #: extra dislike before a permanent member's no (a veto) rather than an abstention
    veto_cost: float | None = None
    #: the same on a text that targets the member (``Resolution.targets``)
    veto_cost_targeted: float | None = None
    #: share of no in the state's record on texts that condemn its own conduct: its P(no) on a
    #: text that targets it (``agents.rules.votes.targeted_no_probability``); None: the spatial
    #: rule decides
    targeted_no_share: float | None = None
    #: the state's recorded votes on reference roll calls (optional column reference_votes,
    #: ``A/RES/ES-11/1=Y;A/RES/ES-11/6=A``): (roll call, Y/N/A) pairs; a text whose reference is
    #: one of them mixes in that vote (``agents.rules.votes.persist_on_reference``)
    reference_votes: tuple[tuple[str, str], ...] = ()
    #: the power whose vote the state may follow (optional column patron, an iso3 in states.csv,
    #: empty: none) and the ties that set how much: the patron's aid as a share of the state's
    #: GDP, a Compact of Free Association, a defence pact (patron_aid_share, patron_compact,
    #: patron_defence_pact; ``agents.rules.votes.patron_pull_weight``)
    patron: str | None = None
    patron_aid_share: float = 0.0
    patron_compact: bool = False
    patron_defence_pact: bool = False

    @property
    def votes_at_un(self) -> bool:
        return self.status == "un_member"


class ForceRow(Frozen):
    """One row of force.csv: a force candidate's attributes for its contribution decision."""

    iso3: str
    record: float
    milper: float
    in_europe: bool
    prior_approval: bool
    statement: float
    conditional_on_backstop: bool
    source: str


class Tie(Frozen):
    """An undirected bond of influence between states ``a`` and ``b``."""

    a: str
    b: str
    weight: float
    kind: Literal["alliance", "bloc", "bilateral", "voting"]
    source: str


class Scenario(Frozen):
    """A complete, validated scenario (see docs/scenario-format.md)."""

    name: str
    description: str
    based_on: str | None
    start: str
    time_step: Literal["month"]
    dimensions: tuple[Dimension, ...]
    parameters: Mapping[str, Parameter]
    roles: Roles
    events: tuple[Event, ...]
    resolutions: tuple[Resolution, ...]
    states: tuple[StateRow, ...]
    ties: tuple[Tie, ...]
    behaviour: str | None = None
    guarantors: tuple[Guarantor, ...] = ()
    mission: Mission | None = None
    un: UnSetting | None = None
    force: tuple[ForceRow, ...] = ()
    path: Path | None = None
    changed_parameters: Mapping[str, tuple[float, float]] = Field(default_factory=dict)

    @field_validator("parameters", "changed_parameters", mode="after")
    @classmethod
    def _read_only(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        return MappingProxyType(dict(value))

    @property
    def dimension_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.dimensions)

    @property
    def iso3s(self) -> tuple[str, ...]:
        return tuple(s.iso3 for s in self.states)

    @cached_property
    def row_of(self) -> Mapping[str, int]:
        return MappingProxyType({iso3: i for i, iso3 in enumerate(self.iso3s)})

    def index(self, iso3: str) -> int:
        """Row of a state in ``states`` (and in every per-state array)."""
        from scenarios.errors import Problem, ScenarioError

        if iso3 not in self.row_of:
            where = str(self.path or self.name)
            allowed = "an iso3 of the scenario: " + ", ".join(self.iso3s)
            raise ScenarioError([Problem(where, "states", "iso3", iso3, allowed)])
        return self.row_of[iso3]

    @cached_property
    def content_hash(self) -> str:
        """sha256 of the canonical content (everything but ``path``, ``based_on`` and changes)."""
        from scenarios.writer import content_hash

        return content_hash(self)

    def with_parameters(self, values: Mapping[str, float]) -> Scenario:
        """A copy with these parameters set to values (distributions dropped), validated."""
        from scenarios.variants import with_parameters

        return with_parameters(self, values)

    def write(self, directory: str | Path) -> Path:
        """Write scenario.toml, states.csv, ties.csv (and force.csv) into ``directory``."""
        from scenarios.writer import write_scenario

        return write_scenario(self, Path(directory))
