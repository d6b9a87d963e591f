"""ODD 3: the Mesa model — stepping, stopping, data collection, explanations, batch_run."""

from __future__ import annotations

import warnings

import mesa
import numpy as np
import pytest

from model import AccordModel
from scenarios import ScenarioError
from tests.model_fixtures import tiny


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return tiny(tmp_path_factory.mktemp("m"))


def test_one_state_agent_per_state_with_readable_properties(scenario):
    m = AccordModel(scenario, rng=1)
    assert len(m.agents) == 3
    ukr = m.state_of("UKR")
    assert ukr.name == "Ukraine"
    np.testing.assert_allclose(ukr.position, [0.0, 0.0])
    assert 0 <= ukr.capability <= 1


def test_runs_until_agreement_or_horizon_and_collects(scenario):
    m = AccordModel(scenario, rng=2)
    while m.running:
        m.step()
    assert m.round <= 12
    assert m.agreed or m.round == 12
    df = m.datacollector.get_model_vars_dataframe()
    assert len(df) == m.round
    for col in (
        "terms_territory",
        "weighted_mean_territory",
        "weighted_median_territory",
        "p_accept_ukr",
        "p_accept_rus",
        "agreed",
        "agreement_round",
        "holds",
    ):
        assert col in df.columns
    assert df["p_accept_ukr"].between(0, 1).all()
    agents = m.datacollector.get_agent_vars_dataframe()
    assert {"pos_territory", "pos_foreign_forces", "in_force", "troops"} <= set(agents.columns)
    assert agents["pos_territory"].between(0, 1).all()
    if m.agreed:
        assert df["agreement_round"].iloc[-1] == m.round
        assert m.holds in (True, False)


def test_explain_breaks_acceptance_into_parts(scenario):
    m = AccordModel(scenario, rng=3)
    assert m.explain()["veto_players"] == {}
    m.step()
    e = m.explain()
    assert set(e["veto_players"]) == {"UKR", "RUS"}
    for parts in e["veto_players"].values():
        assert parts["margin"] == pytest.approx(
            parts["terms"] + parts["security"] - parts["fighting_on"]
        )
        assert 0 <= parts["p_accept"] <= 1
    assert set(e["candidates"]) == {"USA"}
    usa = e["candidates"]["USA"]
    assert {"net", "probability", "reason", "member", "troops", "disposition"} <= set(usa)
    assert 0 <= usa["probability"] <= 1 and isinstance(usa["reason"], str)


def test_keyword_arguments_replace_parameters(scenario):
    m = AccordModel(scenario, rng=1, backstop=0.9)
    assert m.accord_scenario.parameters["backstop"].central == 0.9
    assert m.accord_scenario.changed_parameters["backstop"] == (0.5, 0.9)
    with pytest.raises(ScenarioError):
        AccordModel(scenario, rng=1, backstop=7.0)


def test_same_rng_same_run_and_no_deprecation_warning(scenario):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a, b = AccordModel(scenario, rng=5), AccordModel(scenario, rng=5)
    for m in (a, b):
        while m.running:
            m.step()
    pa = a.datacollector.get_model_vars_dataframe()
    pb = b.datacollector.get_model_vars_dataframe()
    assert pa.equals(pb)


def test_events_apply_in_their_round(scenario):
    m = AccordModel(scenario, rng=1, fighting_on_ukr=0.95)  # no agreement in round 1
    m.step()
    assert m.round == 1 and m.running
    assert m.parameter("backstop") == 0.5
    m.step()  # the factory's events: backstop 0.8 in round 2
    assert m.round == 2
    assert m.parameter("backstop") == 0.8


def test_mesa_batch_run_works(scenario):
    rows = mesa.batch_run(
        AccordModel,
        {"scenario": [scenario], "backstop": [0.0, 1.0]},
        rng=[1, 2],
        max_steps=12,
        number_processes=1,
        display_progress=False,
    )
    assert len({r["RunId"] for r in rows}) == 4  # one row per agent and run
    assert len(rows) == 4 * 3
    assert {r["backstop"] for r in rows} == {0.0, 1.0}
    assert all("agreed" in r for r in rows)
