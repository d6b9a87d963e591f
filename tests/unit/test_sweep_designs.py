"""Designs: sizes, bounds, stratification, rounding, hashing and the errors they raise."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scenarios import Scenario, ScenarioError, load_scenario
from sweeps import designs
from sweeps.designs import DesignError
from tests.unit.scenario_factory import make_scenario


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(make_scenario(tmp_path_factory.mktemp("designs") / "tiny"))


def test_grid_is_the_full_product_first_parameter_slowest() -> None:
    levels = {"backstop": [0, 0.5, 1], "force_required_troops": [10_000, 20_000], "x": [1.0]}
    d = designs.grid(levels)
    assert len(d) == 3 * 2 * 1
    expected = list(itertools.product(*levels.values()))
    assert [tuple(r) for r in d.points.itertuples(index=False)] == expected
    assert d.point(1) == {"backstop": 0.0, "force_required_troops": 20_000.0, "x": 1.0}


def test_latin_hypercube_has_n_points_one_per_stratum_within_the_scenario_ranges(
    tiny: Scenario,
) -> None:
    n = 20
    d = designs.latin(tiny, n, ["backstop", "force_required_troops"], seed=3)
    assert len(d) == n and d.parameters == ["backstop", "force_required_troops"]
    for name in d.parameters:
        lo, hi = tiny.parameters[name].range
        col = d.points[name].to_numpy()
        assert lo <= col.min() and col.max() <= hi
        strata = np.floor((col - lo) / (hi - lo) * n).astype(int)
        assert sorted(strata) == list(range(n))  # exactly one point in each of n strata


def test_sobol_and_morris_sizes_and_given_bounds(tiny: Scenario) -> None:
    params = {"backstop": (0.2, 0.4), "war_cost_per_month": None, "acceptance_noise": None}
    k = len(params)
    s = designs.sobol(tiny, 16, params)
    assert len(s) == 16 * (k + 2)
    assert len(designs.sobol(tiny, 16, params, calc_second_order=True)) == 16 * (2 * k + 2)
    assert s.points["backstop"].between(0.2, 0.4).all()
    lo, hi = tiny.parameters["acceptance_noise"].range
    assert s.points["acceptance_noise"].between(lo, hi).all()
    m = designs.morris(tiny, 5, params, num_levels=4)
    assert len(m) == 5 * (k + 1)
    assert m.points["backstop"].between(0.2, 0.4).all()
    assert m.problem()["bounds"][0] == [0.2, 0.4]


def test_integer_parameters_are_rounded(tiny: Scenario) -> None:
    d = designs.latin(tiny, 10, ["horizon_rounds"], seed=1)
    col = d.points["horizon_rounds"].to_numpy()
    assert np.array_equal(col, np.round(col))


def test_hash_depends_on_the_points_only_through_their_values() -> None:
    a = designs.grid({"backstop": [0, 1]})
    assert a.hash == designs.grid({"backstop": [0.0, 1.0]}).hash
    assert a.hash != designs.grid({"backstop": [0, 0.9]}).hash
    t = designs.table(pd.DataFrame({"backstop": [0.0, 1.0]}))
    assert t.kind == "table" and t.hash != a.hash  # same points, made differently


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda s: designs.latin(s, 5, ["no_such_parameter"]), "not in scenario tiny"),
        (lambda s: designs.sobol(s, 10, ["backstop"]), "power of 2"),
        (lambda s: designs.latin(s, 5, {"backstop": (1.0, 0.0)}), "low < high"),
        (lambda s: designs.latin(s, 5, []), "at least one parameter"),
        (lambda s: designs.grid({"backstop": []}), "at least one value"),
        (lambda s: designs.table(pd.DataFrame({"backstop": [0.1, None]})), "missing values"),
    ],
)
def test_bad_designs_are_refused_with_a_message(tiny: Scenario, make, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DesignError, match=match):
        make(tiny)


def test_values_outside_a_parameters_range_are_refused_by_the_scenario(
    tiny: Scenario, tmp_path: Path
) -> None:
    with pytest.raises(ScenarioError, match="backstop"):
        designs.check(designs.grid({"backstop": [0.0, 1.5]}), tiny)
