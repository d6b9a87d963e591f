"""A client following its patron's vote on a text with item parameters (ODD 7.8; issue 12): the
states.csv columns, their errors, and the engine's use of the fitted pull."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from agents.rules.votes import VoteCode, follow_patron
from builds.patrons import ended_pacts, patron_covariates
from model.stages.votes import item_probabilities
from model.world import compile_world
from scenarios import load_scenario
from tests.unit.scenario_factory import Spec
from tests.unit.test_scenario_errors import find, problems_of
from tests.unit.test_vote_items import with_items

RESULTS = Path(__file__).resolve().parents[2] / "experiments" / "results"
PATRON = ("patron", "patron_aid_share", "patron_compact", "patron_defence_pact")


def _client_of_russia(s: Spec, cells: tuple[str, str, str, str] = ("RUS", "0", "0", "1")) -> Spec:
    """UKR made a client of RUS by a defence pact (the other states have no patron)."""
    s = with_items(s, b=[2.0, 0.0])
    for row in s.states:
        row.update(dict.fromkeys(PATRON, ""))
    s.state("UKR").update(dict(zip(PATRON, cells, strict=True)))
    return s


def test_weights_per_replication() -> None:
    """A weight per replication ``(R, N)`` gives ``(R, N, 3)``; weight 1 copies the patron."""
    p = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1]])
    out = follow_patron(p, np.array([1, -1]), np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert out.shape == (2, 2, 3)
    assert np.allclose(out[0], p)
    assert np.allclose(out[1, 0], p[1]) and np.allclose(out[1, 1], p[1])


def test_engine_pulls_a_client_towards_its_patron(tmp_path: Path) -> None:
    w = compile_world(load_scenario(_client_of_russia(Spec()).write(tmp_path / "a")))
    ukr, rus = w.scenario.index("UKR"), w.scenario.index("RUS")
    assembly = w.votes[0]
    alone = item_probabilities(w, assembly)
    pulled = item_probabilities(w, assembly, patron_pull=(0.0, 0.0, 50.0))
    assert np.allclose(pulled[ukr], alone[rus], atol=1e-6)
    assert np.allclose(np.delete(pulled, ukr, axis=0), np.delete(alone, ukr, axis=0))
    assert abs(alone[ukr, VoteCode.YES] - pulled[ukr, VoteCode.YES]) > 0.5


def test_patron_errors_are_one_clear_problem_each(tmp_path: Path) -> None:
    unknown = _client_of_russia(Spec(), ("XYZ", "0", "0", "1")).write(tmp_path / "a")
    find(problems_of(unknown), "states.csv", "patron", "XYZ", "another state in states.csv")
    itself = _client_of_russia(Spec(), ("UKR", "0", "0", "1")).write(tmp_path / "b")
    find(problems_of(itself), "states.csv", "patron", "UKR", "another state")
    flag = _client_of_russia(Spec(), ("RUS", "0", "yes", "1")).write(tmp_path / "c")
    find(problems_of(flag), "states.csv", "patron_compact", "yes", "0 or 1")
    aid = _client_of_russia(Spec(), ("RUS", "2", "0", "0")).write(tmp_path / "d")
    find(problems_of(aid), "states.csv", "patron_aid_share", "2", "[0, 1]")
    orphan = _client_of_russia(Spec(), ("", "0.1", "", "")).write(tmp_path / "e")
    find(problems_of(orphan), "states.csv", "patron_aid_share", "0.1", "no patron")


def test_scenario_pull_is_the_fitted_one() -> None:
    """The three pull parameters of ukraine-2025 are test 2's fitted values (training data)."""
    run = json.loads((RESULTS / "votes_oos_run.json").read_text())
    fitted = run["fitted_on_training_data"]["ES-11/4, 5, 6"]["patron_weights"]
    params = load_scenario("ukraine-2025").parameters
    for key in ("per_aid_share", "per_compact", "per_defence_pact"):
        assert params[f"patron_pull_{key}"].value == fitted[key]


def test_ukraine_2025_compact_states_follow_the_usa() -> None:
    w = compile_world(load_scenario("ukraine-2025"))
    assert w.patron is not None and w.patron_ties is not None
    usa = w.scenario.index("USA")
    for iso3 in ("FSM", "MHL", "PLW"):
        i = w.scenario.index(iso3)
        assert w.patron[i] == usa and w.patron_ties[i, 1] == 1.0


def test_pacts_a_state_had_left_are_not_coded_as_pacts() -> None:
    """The Rio Treaty denouncers (atop_pact_corrections.csv) have no US defence pact after they
    left it, though ATOP's dyad-years still code one; Brazil, still a party, keeps it."""
    corrections = pd.DataFrame(
        {"iso3": ["AAA", "BBB"], "partner": ["USA", "USA"], "not_in_force_from": ["2004", "2015"]}
    )
    assert ended_pacts(corrections, 2010) == {("AAA", "USA")}
    assert ended_pacts(corrections, 2015) == {("AAA", "USA"), ("BBB", "USA")}
    cov = patron_covariates(["MEX", "VEN", "BOL", "BRA"], 2017).set_index("iso3")
    assert cov.loc[["MEX", "VEN", "BOL"], "defence_pact"].eq(0).all()
    assert cov.loc["BRA", "defence_pact"] == 1
    assert (cov["patron"] == "USA").all()
