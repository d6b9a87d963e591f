"""The durability stage (model/stages/durability.py) wires the rule to the round's values."""

from __future__ import annotations

import numpy as np
import pytest

from agents.rules.durability import breakdown_multiplier
from model.draws import draw_replications, replication_seeds
from model.engine import initial_state
from model.stages.durability import assess_durability
from model.world import compile_world
from scenarios import load_scenario
from tests.unit.scenario_factory import make_scenario

R = 4


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    world = compile_world(load_scenario(make_scenario(tmp_path_factory.mktemp("st") / "tiny")))
    params, noise = draw_replications(world, replication_seeds(1, R))
    return world, initial_state(world, params, noise)


def _deal(world, renewed: float, deal: float, adequacy: float) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    v = len(world.veto)
    return {
        "renewed_war_value": np.full((R, v), renewed),
        "deal_value": np.full((R, v), deal),
        "adequacy": np.full(R, adequacy),
    }


def test_the_incentive_is_renewed_war_minus_the_deal_for_belligerents(setup) -> None:  # type: ignore[no-untyped-def]
    world, st = setup
    out = assess_durability(world, st, _deal(world, 0.6, 0.5, 0.5))
    p = st.params
    n_fighters = int(world.belligerent.sum())
    expected = breakdown_multiplier(
        np.full((R, n_fighters), 0.1),
        0.5,
        p["backstop"],
        p["force_effect_on_hazard"],
        p["backstop_effect_on_hazard"],
        p["renege_sensitivity"],
    )
    np.testing.assert_allclose(out["hazard_multiplier"], expected)
    assert out["breaks_month"].shape == (R,) and out["p_holds_hazard"].shape == (R,)


def test_a_higher_value_of_renewed_war_makes_breakdown_likelier(setup) -> None:  # type: ignore[no-untyped-def]
    world, st = setup
    base = assess_durability(world, st, _deal(world, 0.5, 0.5, 0.0))
    tempted = assess_durability(world, st, _deal(world, 0.7, 0.5, 0.0))
    assert (tempted["hazard_multiplier"] > base["hazard_multiplier"]).all()
    assert (tempted["p_holds_hazard"] <= base["p_holds_hazard"]).all()
    assert (tempted["breaks_month"] <= base["breaks_month"]).all()  # the same uniform draws
