"""Every named outcome of a round, a run and an ensemble, declared once (ODD 7.9, Outputs).

A declaration says what an outcome is called, what it means (label, unit), over what axis it
varies (a scalar per replication, or one value per dimension, veto player, candidate or vote),
whether it is part of a round or of a run, how an ensemble aggregates it, and which rule
produces it. Everything that names outcomes — the Mesa DataCollector's reporters, the ensemble's
per-replication columns, ``EnsembleResult.summary()``, the sweep's per-point rows, ``--json``,
CSV exports and the UI's labels — is generated from ``OUTPUTS`` (as EMA Workbench declares
``ScalarOutcome``s once). A stage of the round returns exactly the round outputs it declares
(``RoundOutcome`` checks it), so a name cannot drift between the engine and its readers.

Adding an output: one ``Output(...)`` here, and the stage (``model/stages``) that returns it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Per = Literal["round", "run"]
Axis = Literal["", "dimension", "veto_player", "candidate", "vote"]
Aggregate = Literal[
    "share", "share_if_agreed", "mean", "mean_if_agreed", "quantiles", "baseline", "none"
]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)  # summary quantiles
ROW_QUANTILES = (0.05, 0.5, 0.95)  # quantiles in a sweep's per-point row


@dataclass(frozen=True)
class Output:
    """One named outcome.

    name: snake_case noun; per: "round" (a value every round, frozen at agreement into the run)
    or "run" (one value per replication); axis: what its last axis indexes ("" for a scalar per
    replication); aggregate: how an ensemble summarises it; stage: the module of ``model.stages``
    that returns it (round outputs) — its rule is named in ``rule``; row: a column of the
    ensemble's per-replication table (non-scalar outputs spread over their axis:
    ``terms_territory``).
    """

    name: str
    label: str
    unit: str
    per: Per
    aggregate: Aggregate
    rule: str
    stage: str = ""
    axis: Axis = ""
    row: bool = True
    kind: Literal["float", "bool", "int"] = "float"
    only_if_agreed: bool = False  # meaningless without agreement: 0 in the rows then


OUTPUTS: tuple[Output, ...] = (
    # -- run: the negotiation's result per replication --------------------------------------------
    Output(
        "agreed",
        "agreement within the horizon",
        "yes/no",
        "run",
        "share",
        "agents.rules.acceptance.agree",
        kind="bool",
    ),
    Output(
        "agreement_round",
        "round of agreement",
        "round",
        "run",
        "none",
        "agents.rules.acceptance.agree",
        kind="int",
    ),
    Output(
        "holds",
        "agreed and holds over the durability horizon",
        "yes/no",
        "run",
        "share_if_agreed",
        "agents.rules.durability.breakdown_month",
        kind="bool",
    ),
    Output(
        "adopted",
        "text adopted",
        "yes/no",
        "run",
        "share",
        "agents.rules.votes.general_assembly_adopted",
        "votes",
        "vote",
        kind="bool",
    ),
    # -- force (ODD 7.2, 7.3) ------------------------------------------------------------------
    Output(
        "member",
        "in the force",
        "yes/no",
        "round",
        "mean",
        "agents.rules.force_generation.decide_pledges",
        "force",
        "candidate",
        row=False,
        kind="bool",
    ),
    Output(
        "troops",
        "troops pledged",
        "troops",
        "round",
        "mean",
        "agents.rules.force_generation.decide_pledges",
        "force",
        "candidate",
        row=False,
    ),
    Output(
        "force_troops",
        "force strength",
        "troops",
        "round",
        "quantiles",
        "agents.rules.force_generation.decide_pledges",
        "force",
    ),
    Output(
        "adequacy",
        "force adequacy min(1, T/R)",
        "share",
        "round",
        "quantiles",
        "agents.rules.force.force_adequacy",
        "force",
    ),
    Output(
        "credibility",
        "guarantee credibility G",
        "share",
        "round",
        "quantiles",
        "agents.rules.force.credibility",
        "force",
    ),
    Output(
        "opposed_adequacy",
        "adequacy of the force the aggressor opposes",
        "share",
        "round",
        "none",
        "agents.rules.force.force_adequacy",
        "force",
        row=False,
    ),
    Output(
        "lead_in",
        "a lead nation is in the force",
        "yes/no",
        "round",
        "mean",
        "agents.rules.force_generation.decide_pledges",
        "force",
        kind="bool",
    ),
    Output(
        "deployed",
        "the force may deploy (mandate when required)",
        "yes/no",
        "round",
        "none",
        "agents.rules.votes.security_council_adopted",
        "force",
        row=False,
        kind="bool",
    ),
    # -- bargaining (ODD 7.4-7.6) --------------------------------------------------------------
    Output(
        "terms",
        "proposed terms",
        "position",
        "round",
        "mean_if_agreed",
        "agents.rules.proposal.nash_bargaining",
        "bargaining",
        "dimension",
    ),
    Output(
        "feasible",
        "a proposal every veto player prefers to fighting on",
        "yes/no",
        "round",
        "none",
        "agents.rules.proposal.nash_bargaining",
        "bargaining",
        kind="bool",
    ),
    Output(
        "p_accept",
        "P(accepts)",
        "probability",
        "round",
        "mean",
        "agents.rules.acceptance.acceptance_parts",
        "bargaining",
        "veto_player",
    ),
    Output(
        "weighted_mean",
        "weighted mean (baseline)",
        "position",
        "round",
        "baseline",
        "agents.rules.proposal.weighted_mean",
        "bargaining",
        "dimension",
        row=False,
    ),
    Output(
        "weighted_median",
        "weighted median (baseline)",
        "position",
        "round",
        "baseline",
        "agents.rules.proposal.weighted_median",
        "bargaining",
        "dimension",
        row=False,
    ),
    # -- durability (ODD 7.7) ------------------------------------------------------------------
    Output(
        "hazard",
        "monthly breakdown hazard",
        "1/month",
        "round",
        "none",
        "agents.rules.durability.breakdown_hazard",
        "durability",
        row=False,
    ),
    Output(
        "p_holds_hazard",
        "P(holds over the durability horizon) under this hazard",
        "probability",
        "round",
        "mean",
        "agents.rules.durability.p_holds",
        "durability",
    ),
    Output(
        "breaks_month",
        "month after signing in which the agreement breaks",
        "month",
        "round",
        "none",
        "agents.rules.durability.breakdown_month",
        "durability",
        kind="int",
        only_if_agreed=True,
    ),
)

BY_NAME: Mapping[str, Output] = MappingProxyType({o.name: o for o in OUTPUTS})
ROUND: tuple[Output, ...] = tuple(o for o in OUTPUTS if o.per == "round")

# Ensemble-level probabilities (binomial shares with a Wilson interval) and their labels.
PROBABILITIES: Mapping[str, str] = MappingProxyType(
    {
        "p_agreement": "P(agreement)",
        "p_holds": "P(holds | agreed)",
        "p_agreed_and_holds": "P(agreed and holds)",
    }
)


def label(name: str) -> str:
    """The label of an outcome, an ensemble probability or a column spread from one."""
    if name in PROBABILITIES:
        return PROBABILITIES[name]
    if name in BY_NAME:
        return BY_NAME[name].label
    for o in OUTPUTS:
        if o.axis and name.startswith(o.name + "_"):
            return f"{o.label} ({name[len(o.name) + 1 :]})"
    return name


def columns(output: Output, keys: Sequence[str]) -> list[str]:
    """Column names of an output spread over its axis (``keys``: the axis' names)."""
    return [f"{output.name}_{k}" for k in keys] if output.axis else [output.name]


@dataclass(frozen=True)
class Axes:
    """Names of each axis for one scenario: column suffixes and UI keys."""

    dimension: tuple[str, ...]
    veto_player: tuple[str, ...]  # lower-case iso3, as in p_accept_rus
    candidate: tuple[str, ...]
    vote: tuple[str, ...]

    def keys(self, axis: Axis) -> tuple[str, ...]:
        return () if axis == "" else getattr(self, axis)


@dataclass(frozen=True)
class RoundOutcome:
    """What one round produced for R replications: every declared round output, by name, and
    the parts of each decision (for explanations; empty in an ensemble).

    Built from the stages' returns; a missing or undeclared name is a programming error."""

    t: int
    values: Mapping[str, NDArray[np.generic]]
    parts: Mapping[str, Mapping[str, NDArray[np.float64]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        declared = {o.name for o in ROUND}
        got = set(self.values)
        if got != declared:
            raise KeyError(
                f"round outputs: missing {sorted(declared - got)},"
                f" undeclared {sorted(got - declared)}"
            )
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "parts", MappingProxyType(dict(self.parts)))

    def __getitem__(self, name: str) -> NDArray[np.generic]:
        return self.values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)


__all__ = [
    "BY_NAME",
    "OUTPUTS",
    "PROBABILITIES",
    "QUANTILES",
    "ROUND",
    "ROW_QUANTILES",
    "Axes",
    "Output",
    "RoundOutcome",
    "columns",
    "label",
]
