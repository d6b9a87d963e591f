"""Any valid scenario runs: random small scenarios through the Mesa model and the ensemble."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import AccordModel, run_ensemble
from scenarios import load_scenario
from tests.unit.scenario_factory import Spec

frac = st.floats(0.0, 1.0, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    positions=st.lists(st.tuples(frac, frac), min_size=3, max_size=3),
    saliences=st.lists(frac, min_size=3, max_size=3),
    backstop=frac,
    fighting=st.floats(-0.5, 0.9).map(lambda v: round(v, 3)),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_valid_scenarios_run(positions, saliences, backstop, fighting, seed):
    scenario = Spec()
    for row, (a, b), s in zip(scenario.states, positions, saliences, strict=True):
        row["pos_territory"], row["pos_foreign_forces"] = str(a), str(b)
        row["sal_territory"] = str(s)
    scenario.params["backstop"]["value"] = backstop
    scenario.params["fighting_on_ukr"]["value"] = fighting
    with tempfile.TemporaryDirectory() as tmp:
        scenario = load_scenario(scenario.write(Path(tmp) / "s"))
    m = AccordModel(scenario, rng=seed)
    while m.running:
        m.step()
    assert np.all((m.state.x >= 0) & (m.state.x <= 1))
    res = run_ensemble(scenario, 20, rng=seed)
    for key in ("p_agreement", "p_holds", "p_agreed_and_holds"):
        p = getattr(res, key)
        assert p["n"] == 0 or 0 <= p["p"] <= 1
    assert res.rows["force_troops"].ge(0).all()
    assert res.rows["credibility"].between(0, 1).all()
