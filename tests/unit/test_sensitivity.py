"""Sensitivity analysis finds no effect where the model provably has none.

In ukraine-2025 no resolution mandates the force (every ``mandates_force`` is false), so the
force is never UN-mandated and ``un_mandate_effect`` — the aggressor's utility gain from a
UN-mandated force, ``un_mandate_effect * mandated`` in the acceptance rule — multiplies zero in
every replication. Its indices must be 0. With common random numbers (every point has the same
seed) they are exactly 0, not just small: points that differ only in it give identical outcomes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scenarios import Scenario, load_scenario
from sweeps import sensitivity

PARAMS = ["un_mandate_effect", "war_cost_per_month", "backstop"]


@pytest.fixture(scope="module")
def ukraine() -> Scenario:
    scenario = load_scenario("ukraine-2025")
    assert not any(r.mandates_force for r in scenario.resolutions)  # the premise of these tests
    return scenario


def test_sobol_index_of_a_parameter_with_no_effect_is_zero(
    ukraine: Scenario, tmp_path: Path
) -> None:
    res = sensitivity(
        ukraine,
        PARAMS,
        method="sobol",
        n=4,
        replications=20,
        rng=3,
        workers=1,
        outputs=["p_agreement", "p_agreed_and_holds"],
    )
    assert len(res.points) == 4 * (len(PARAMS) + 2)
    for output in ("p_agreement", "p_agreed_and_holds"):
        t = res.table(output).set_index("parameter")
        assert abs(t.loc["un_mandate_effect", "S1"]) < 1e-9
        assert abs(t.loc["un_mandate_effect", "ST"]) < 1e-9
        assert t.loc["un_mandate_effect", "ST_conf"] < 1e-9
        # ... while the analysis does see the parameters that matter
        assert t["ST"].drop("un_mandate_effect").max() > 0.1
    plot = res.plot(tmp_path / "tornado.png")
    assert plot.stat().st_size > 1000


def test_morris_effect_of_a_parameter_with_no_effect_is_zero(ukraine: Scenario) -> None:
    res = sensitivity(
        ukraine,
        PARAMS,
        method="morris",
        n=3,
        replications=20,
        rng=3,
        workers=1,
        outputs=["p_agreement"],
    )
    assert len(res.points) == 3 * (len(PARAMS) + 1)
    t = res.table("p_agreement").set_index("parameter")
    assert t.loc["un_mandate_effect", "mu_star"] == 0.0
    assert np.isfinite(t["mu_star"]).all()
    assert t["mu_star"].max() > 0.05
