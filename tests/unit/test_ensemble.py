"""ODD 3 and 7.9: the batched ensemble — replay, determinism, summaries, the general engine."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from model import AccordModel, forecast, run_ensemble
from model.draws import replication_seeds
from model.stats import wilson_interval
from tests.model_fixtures import tiny


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return tiny(tmp_path_factory.mktemp("e"))


def test_a_replication_is_replayed_exactly_by_the_mesa_model(scenario):
    res = run_ensemble(scenario, 40, rng=7)
    seeds = replication_seeds(7, 40)
    for i in (0, 5, 17, 39):
        m = AccordModel(scenario, rng=seeds[i])
        while m.running:
            m.step()
        row = res.rows.iloc[i]
        assert m.agreed == bool(row["agreed"])
        assert int(m.state.agreement_round[0]) == int(row["agreement_round"])
        if m.agreed:
            assert m.holds == bool(row["holds"])
            np.testing.assert_allclose(
                m.state.outcome["terms"][0], [row["terms_territory"], row["terms_foreign_forces"]]
            )


def test_results_do_not_depend_on_the_chunk_size(scenario):
    a = run_ensemble(scenario, 50, rng=3)
    b = run_ensemble(scenario, 50, rng=3, chunk=7)
    assert a.rows.equals(b.rows)
    assert a.root_seed == 3


def test_same_seed_same_result_across_processes(scenario):
    code = (
        "import json,sys; from model import run_ensemble; "
        "r = run_ensemble(sys.argv[1], 200, rng=11); "
        "print(json.dumps(r.summary()['p_agreement']))"
    )
    path = str(scenario.path)
    outs = [
        subprocess.run(
            [sys.executable, "-c", code, path], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert outs[0] == outs[1]
    here = run_ensemble(scenario, 200, rng=11).summary()["p_agreement"]
    assert json.loads(outs[0]) == pytest.approx(here)


def test_summary_is_consistent(scenario):
    res = run_ensemble(scenario, 300, rng=1)
    s = res.summary()
    json.dumps(s)  # JSON-able
    p = s["p_agreement"]
    assert p["low"] <= p["p"] <= p["high"]
    assert sum(s["agreement_rounds"].values()) == res.rows["agreed"].sum()
    assert s["p_agreed_and_holds"]["p"] <= p["p"] + 1e-12
    assert set(s["expected_terms"]) == {"territory", "foreign_forces"}
    tally = s["votes"]
    for rid, v in tally.items():
        members = 15 if "S/" in rid else 3
        t = v["mean_tally"]
        if not np.isnan(t["yes"]):
            assert t["yes"] + t["no"] + t["abstain"] + t["absent"] <= members + 1e-9
    assert {"python", "mesa", "numpy"} <= set(res.versions)


def test_distributions_are_drawn_per_replication(scenario):
    res = run_ensemble(scenario, 200, rng=1)
    tau = res.rows["param_acceptance_noise"]  # uniform(0.1, 0.3) in the factory
    assert tau.min() >= 0.1 and tau.max() <= 0.3 and tau.std() > 0.03


def test_wilson_interval_known_values():
    lo, hi = wilson_interval(50, 100)
    assert lo == pytest.approx(0.4038, abs=1e-4) and hi == pytest.approx(0.5962, abs=1e-4)
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_general_engine_three_actors_one_dimension():
    f = forecast([[0.0], [1.0], [0.5]], np.ones((3, 1)), [1.0, 1.0, 2.0], veto_players=[0, 1])
    assert f.feasible
    assert f.proposal[0] == pytest.approx(0.5, abs=1e-3)
    assert f.weighted_mean[0] == pytest.approx(0.5)
    assert f.weighted_median[0] == pytest.approx(0.5)


def test_general_engine_thirty_actors_on_a_0_to_100_scale():
    rng = np.random.default_rng(0)
    pos = rng.uniform(0, 100, (30, 1))
    sal = rng.uniform(0.2, 1.0, (30, 1))
    votes = rng.integers(1, 30, 30).astype(float)
    f = forecast(pos, sal, votes, veto_players=[0, 1, 2], scale=(0, 100))
    w = votes * sal[:, 0]
    assert f.weighted_mean[0] == pytest.approx(float((w * pos[:, 0]).sum() / w.sum()))
    lo, hi = pos[[0, 1, 2], 0].min(), pos[[0, 1, 2], 0].max()
    assert lo - 1e-6 <= f.proposal[0] <= hi + 1e-6  # the NBS lies among the veto players
    with pytest.raises(ValueError, match="positions"):
        forecast(pos + 200, sal, votes, veto_players=[0], scale=(0, 100))


def test_a_spawned_seed_sequence_is_its_own_root(scenario):
    children = np.random.SeedSequence(5).spawn(2)
    a = run_ensemble(scenario, 30, rng=children[0])
    b = run_ensemble(scenario, 30, rng=children[1])
    again = run_ensemble(scenario, 30, rng=np.random.SeedSequence(5).spawn(2)[0])
    plain = run_ensemble(scenario, 30, rng=5)
    assert not a.rows.equals(b.rows) and not a.rows.equals(plain.rows)
    assert a.rows.equals(again.rows)
    assert a.spawn_key == (0,) and a.summary()["spawn_key"] == [0]


def test_a_scenario_pickles(scenario):
    import pickle

    back = pickle.loads(pickle.dumps(scenario))
    assert back.content_hash == scenario.content_hash
    assert back.parameters["backstop"].central == scenario.parameters["backstop"].central


def test_worker_processes_give_the_same_rows(scenario):
    one = run_ensemble(scenario, 90, rng=4, chunk=30)
    two = run_ensemble(scenario, 90, rng=4, chunk=30, workers=2)
    assert one.rows.equals(two.rows)
    assert np.array_equal(one.membership, two.membership)
    with pytest.raises(ValueError, match="workers"):
        run_ensemble(scenario, 10, rng=4, workers=0)
