"""``AccordModel``: one run of the negotiation as a Mesa model (ODD 3; round in model.engine).

Clients (the UI, experiments) read a run through the read API below — a parameter's value,
the votes and adoption of a text, the position trails, the force, the explanations — never
through the engine's arrays. Mesa reserves ``model.scenario`` for its own experimental
Scenario, so Accord's scenario object is ``model.accord_scenario`` here (``scenario`` elsewhere).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mesa
import numpy as np
import pandas as pd

from agents.rules.votes import VoteCode, vote_margin
from agents.state import State
from model.draws import draw_replications
from model.engine import RoundState, advance, finished, holds, initial_state
from model.outputs import OUTPUTS, columns
from model.stages.force import reason_names
from model.stages.votes import text_as_voted
from model.world import World, compile_world, resolve_scenario
from scenarios import DEFAULT_SCENARIO, Scenario


class AccordModel(mesa.Model):
    """States negotiating the terms of a ceasefire under a guarantee package.

    ``AccordModel("ukraine-2025", rng=1, backstop=0.8)``: keyword arguments other than ``rng``
    replace scenario parameters (so Mesa's ``batch_run`` can sweep them). ``step()`` plays one
    round; ``running`` turns false at agreement or at the horizon.
    """

    def __init__(
        self,
        scenario: str | Path | Scenario = DEFAULT_SCENARIO,
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

    # -- read API: the run as clients see it ----------------------------------------------------
    @property
    def agreed(self) -> bool:
        return bool(self.state.agreed[0])

    @property
    def agreement_round(self) -> int | None:
        """The round of agreement (None before agreement)."""
        return int(self.state.agreement_round[0]) if self.agreed else None

    @property
    def holds(self) -> bool | None:
        """Whether the agreement holds over the durability horizon (None before agreement)."""
        return bool(holds(self.state)[0]) if self.agreed else None

    def parameter(self, name: str) -> float:
        """The value a parameter has in this run (drawn, set, or changed by an event)."""
        return float(self.state.params[name][0])

    def current(self, name: str) -> Any:
        """This round's value of a declared round output (None before the first step)."""
        cur = self.state.current
        return None if cur is None else cur[name][0]

    def votes(self, resolution: str) -> list[VoteCode] | None:
        """Each state's vote on a text in this run (None if not held yet)."""
        codes = self.state.votes.get(resolution)
        if codes is None or int(codes[0, 0]) == VoteCode.NOT_HELD:
            return None
        return [VoteCode(int(c)) for c in codes[0]]

    def adopted(self, resolution: str) -> bool | None:
        """Whether a text was adopted in this run (None if not held yet)."""
        if self.votes(resolution) is None:
            return None
        return bool(self.state.adopted[resolution][0])

    def margin_parts(self, resolution: str) -> np.ndarray:
        """Each state's margin for a text (as amended in this run) over the status quo, per
        dimension ``(N, D)`` at the current positions, before the vote shock: the parts of the
        vote rule's margin (their sum); NaN where the text does not speak to a dimension."""
        k = [v.id for v in self.world.votes].index(resolution)
        text, sq, mask = (
            np.broadcast_to(a, (1, self.world.d))[0]
            for a in text_as_voted(self.world, self.state, k)
        )
        x, s = self.positions(), self.world.salience
        parts = [vote_margin(x, s, text, sq, np.eye(self.world.d, dtype=bool)[d])
                 for d in range(self.world.d)]  # fmt: skip
        return np.where(mask, np.stack(parts, axis=-1), np.nan)

    def forum_members(self, resolution: str) -> np.ndarray:
        """Which states sit in the forum of a text ``(N,)``."""
        forum = next(r.forum for r in self.accord_scenario.resolutions if r.id == resolution)
        return (
            self.world.sc_member.copy()
            if forum == "security_council"
            else np.ones(self.world.n, bool)
        )

    def initial_positions(self) -> np.ndarray:
        """Each state's position at round 0 ``(N, D)``, as the scenario sets it."""
        return self.world.x0.copy()

    def positions(self) -> np.ndarray:
        """Each state's current position ``(N, D)``."""
        return self.state.x[0]

    def ideal_points(self) -> np.ndarray:
        """Each state's anchor ``(N, D)`` (its initial position, unless an event shifted it)."""
        return self.state.x0[0]

    def saliences(self) -> np.ndarray:
        return self.world.salience

    def capabilities(self) -> np.ndarray:
        """Each state's capability ``(N,)``, the most capable at 1."""
        return self.world.capability

    def candidate_index(self, index: int) -> int | None:
        """A state's place among the force candidates (None when it is not one)."""
        hit = np.flatnonzero(self.world.candidates == index)
        return int(hit[0]) if len(hit) else None

    def veto_players(self) -> tuple[str, ...]:
        """The iso3 codes of the veto players, in their array order."""
        return tuple(self.world.iso3[i] for i in self.world.veto)

    def trails(self, dims: tuple[int, int]) -> np.ndarray:
        """``(rounds + 1, N, 2)`` positions on two dimensions, from the initial ideal points on."""
        x0 = self.world.x0[:, list(dims)]
        if self.round == 0:  # nothing collected yet (Mesa returns a placeholder frame)
            return x0[None]
        agents = self.datacollector.get_agent_vars_dataframe()
        names = [f"pos_{self.accord_scenario.dimension_names[d]}" for d in dims]
        values = agents[names].to_numpy()
        return np.concatenate([x0[None], values.reshape(-1, self.world.n, 2)])

    def force(self) -> pd.DataFrame:
        """This round's force: per candidate, in the force or not, its troops and its decision's
        parts (empty before the first step)."""
        cur = self.state.current
        if cur is None:
            return pd.DataFrame(columns=["iso3", "member", "troops"])
        table = pd.DataFrame(
            {
                "iso3": [self.world.iso3[i] for i in self.world.candidates],
                "member": cur["member"][0],
                "troops": cur["troops"][0],
            }
        )
        for k, v in cur.parts.get("pledge", {}).items():
            table[k] = v[0]
        if "reason" in table:  # the main reason, by name (ODD 7.2)
            table["reason"] = reason_names(table["reason"].to_numpy())
        return table

    def explain(self) -> dict[str, Any]:
        """This round's acceptance of each veto player, and each candidate's pledge, in parts."""
        cur = self.state.current
        if cur is None:
            return {"round": 0, "veto_players": {}, "candidates": {}}
        acc = cur.parts["acceptance"]
        vetoes = {
            iso: {k: float(acc[k][0, j]) for k in acc} for j, iso in enumerate(self.veto_players())
        }
        kinds: dict[str, type] = {"member": bool, "reason": str}
        cands = {
            str(row.pop("iso3")): {str(k): kinds.get(str(k), float)(v) for k, v in row.items()}
            for row in self.force().to_dict(orient="records")
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

    # -- data collection, generated from the declared outputs ------------------------------------
    def _model_reporters(self) -> dict[str, Any]:
        names = self.world.axes()
        rep: dict[str, Any] = {
            "round": lambda m: m.state.t,
            "agreed": lambda m: m.agreed,
            "agreement_round": lambda m: int(m.state.agreement_round[0]),
            "holds": lambda m: m.holds,
        }
        for o in OUTPUTS:
            if o.axis in ("candidate",) or o.per == "run":
                continue
            keys = names.keys(o.axis) or ("",)
            for k, col in zip(range(len(keys)), columns(o, keys), strict=True):
                rep[col] = self._reporter(o.name, k if o.axis else None, o.kind)
        for v in self.world.votes:
            rep[f"adopted_{v.id}"] = (lambda vid: lambda m: m.adopted(vid))(v.id)
        return rep

    @staticmethod
    def _reporter(name: str, k: int | None, kind: str) -> Any:
        cast = {"bool": bool, "int": int}.get(kind, float)

        def read(m: AccordModel) -> Any:
            value = m.current(name)
            if value is None:
                return float("nan")
            return cast(value if k is None else value[k])

        return read

    def _agent_reporters(self) -> dict[str, Any]:
        rep: dict[str, Any] = {"iso3": "iso3", "in_force": "in_force", "troops": "troops"}
        for d, name in enumerate(self.accord_scenario.dimension_names):
            rep[f"pos_{name}"] = (lambda k: lambda a: float(a.position[k]))(d)
        return rep
