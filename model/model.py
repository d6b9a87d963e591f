"""``AccordModel``: one run of the negotiation as a Mesa model (ODD 3; round in model.engine)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mesa
import numpy as np

from agents.state import State
from model.draws import draw_replications
from model.engine import RoundState, advance, finished, holds, initial_state
from model.world import World, compile_world
from scenarios import Scenario, load_scenario


def resolve_scenario(scenario: str | Path | Scenario, parameters: dict[str, Any]) -> Scenario:
    """A Scenario from a name, path or object, with parameter values replaced (validated)."""
    spec = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return spec.with_parameters(parameters) if parameters else spec


class AccordModel(mesa.Model):
    """States negotiating the terms of a ceasefire under a guarantee package.

    ``AccordModel("ukraine-2025", rng=1, backstop=0.8)``: keyword arguments other than ``rng``
    replace scenario parameters (so Mesa's ``batch_run`` can sweep them). ``step()`` plays one
    round; ``running`` turns false at agreement or at the horizon.
    """

    def __init__(
        self,
        scenario: str | Path | Scenario = "ukraine-2025",
        *,
        rng: Any = None,
        **parameters: Any,
    ) -> None:
        super().__init__(rng=rng)
        self.accord_scenario: Scenario = resolve_scenario(scenario, parameters)
        self.world: World = compile_world(self.accord_scenario)
        # A generator of our own (unless one is given), so that rng=SeedSequence child i replays
        # replication i of run_ensemble exactly: Mesa draws from self.rng when seeding `random`.
        engine_rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        params, noise = draw_replications(self.world, [], generators=[engine_rng])
        self.state: RoundState = initial_state(self.world, params, noise)
        for i in range(self.world.n):
            State(self, i)
        self.datacollector = mesa.DataCollector(
            model_reporters=self._model_reporters(), agent_reporters=self._agent_reporters()
        )

    # -- running ----------------------------------------------------------------------------
    @property
    def round(self) -> int:
        return self.state.t

    def step(self) -> None:
        """Play one round and record it."""
        advance(self.world, self.state)
        self.datacollector.collect(self)
        if bool(finished(self.state)[0]):
            self.running = False

    def state_of(self, iso3: str) -> State:
        """The State agent for an iso3 code."""
        return next(a for a in self.agents if isinstance(a, State) and a.iso3 == iso3)

    # -- outputs ------------------------------------------------------------------------------
    @property
    def agreed(self) -> bool:
        return bool(self.state.agreed[0])

    @property
    def holds(self) -> bool | None:
        """Whether the agreement holds over the durability horizon (None before agreement)."""
        return bool(holds(self.state)[0]) if self.agreed else None

    def explain(self) -> dict[str, Any]:
        """This round's acceptance of each veto player, and each candidate's pledge, in parts."""
        cur = self.state.current
        if not cur:
            return {"round": 0, "veto_players": {}, "candidates": {}}
        w = self.world
        acc = cur["acceptance_parts"]
        pledge = cur["pledge_parts"]
        vetoes = {w.iso3[i]: {k: float(acc[k][0, j]) for k in acc} for j, i in enumerate(w.veto)}
        cands = {
            w.iso3[i]: {
                **{k: float(pledge[k][0, j]) for k in pledge},
                "member": bool(cur["member"][0, j]),
                "troops": float(cur["troops"][0, j]),
            }
            for j, i in enumerate(w.candidates)
        }
        return {
            "round": self.state.t,
            "feasible": bool(cur["feasible"][0]),
            "terms": dict(
                zip(self.accord_scenario.dimension_names, map(float, cur["terms"][0]), strict=True)
            ),
            "veto_players": vetoes,
            "candidates": cands,
        }

    def _model_reporters(self) -> dict[str, Any]:
        w, dims = self.world, self.accord_scenario.dimension_names

        def cur(key: str, *idx: int) -> Any:
            return lambda m: (
                float(m.state.current[key][(0, *idx)]) if m.state.current else float("nan")
            )

        rep: dict[str, Any] = {
            "round": lambda m: m.state.t,
            "agreed": lambda m: m.agreed,
            "agreement_round": lambda m: int(m.state.agreement_round[0]),
            "holds": lambda m: m.holds,
            "feasible": lambda m: bool(m.state.current["feasible"][0]),
            "force_troops": cur("force_troops"),
            "credibility": cur("credibility"),
            "p_holds": cur("p_holds"),
        }
        for d, name in enumerate(dims):
            rep[f"proposal_{name}"] = cur("terms", d)
            rep[f"weighted_mean_{name}"] = cur("weighted_mean", d)
            rep[f"weighted_median_{name}"] = cur("weighted_median", d)
        for j, i in enumerate(w.veto):
            rep[f"p_accept_{w.iso3[i].lower()}"] = cur("p_accept", j)
        for v in w.votes:
            rep[f"adopted_{v.id}"] = (
                lambda vid: (
                    lambda m: bool(m.state.adopted[vid][0]) if vid in m.state.adopted else None
                )
            )(v.id)
        return rep

    def _agent_reporters(self) -> dict[str, Any]:
        rep: dict[str, Any] = {"iso3": "iso3", "in_force": "in_force", "troops": "troops"}
        for d, name in enumerate(self.accord_scenario.dimension_names):
            rep[f"pos_{name}"] = (lambda k: lambda a: float(a.position[k]))(d)
        return rep
