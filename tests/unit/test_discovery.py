"""Scenario discovery (sweeps.discovery) and ``accord discover`` (cli.discover).

The committed sweep tests/data/sweep-discovery was written by (about 10 s on one core):

    accord sweep ukraine-2025 --lhs 60 --param backstop --param force_required_troops \
        --param breakdown_hazard_per_month --param war_cost_per_month --param acceptance_noise \
        --replications 200 --seed 1 --sample-seed 0 --workers 1 --out tests/data/sweep-discovery
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cli import discover as cli_discover
from sweeps.discovery import DiscoveryError, discover, discover_sweep

SWEEP = Path(__file__).resolve().parents[1] / "data" / "sweep-discovery"


def run_cli(argv: list[str]) -> int:
    """``accord discover ...`` through a parser built the way ``accord`` builds its own."""
    parser = argparse.ArgumentParser(prog="accord")
    cli_discover.register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(["discover", *argv])
    except SystemExit as done:
        return int(done.code or 0)
    return int(args.func(args))


def planted(n: int = 400, seed: int = 3) -> pd.DataFrame:
    """A table where the outcome is high exactly when a > 0.7 (b and c are noise)."""
    rng = np.random.default_rng(seed)
    table = pd.DataFrame(
        {"a": rng.uniform(size=n), "b": rng.uniform(size=n), "c": rng.uniform(size=n)}
    )
    table["p_agreed_and_holds"] = np.where(table["a"] > 0.7, 0.9, 0.1) + rng.uniform(-0.05, 0.05, n)
    return table


def test_prim_finds_a_planted_box() -> None:
    found = discover(planted(), ["a", "b", "c"], threshold=0.5)
    first = found.boxes[0]
    assert set(first.limits) == {"a"}  # only the assumption that matters is restricted
    low, high = first.limits["a"]
    assert 0.65 < low <= 0.72 and high > 0.99
    assert first.density == pytest.approx(1.0) and first.coverage > 0.9
    assert first.quasi_p["a"] < 1e-6
    assert found.scores["parameter"].iloc[0] == "a"
    assert found.scores["score"].sum() == pytest.approx(1.0)
    assert found.base_density == pytest.approx(found.n_interest / found.n_points)
    # the peeling trajectory starts at the whole table and ends at the selected box
    assert found.trajectory["mass"].iloc[0] == pytest.approx(1.0)
    assert found.trajectory["density"].iloc[-1] == pytest.approx(first.density)


def test_feature_scores_are_reproducible_from_the_seed() -> None:
    a = discover(planted(), ["a", "b", "c"], threshold=0.5, rng=7).scores
    b = discover(planted(), ["a", "b", "c"], threshold=0.5, rng=7).scores
    pd.testing.assert_frame_equal(a, b)


def test_committed_sweep_has_a_box_denser_than_the_table() -> None:
    found = discover_sweep(SWEEP, threshold=0.5)
    assert found.n_points == 60
    assert found.boxes, "PRIM found no box"
    first = found.boxes[0]
    assert first.density > found.base_density
    assert 0 < first.coverage <= 1 and first.limits
    assert set(found.scores["parameter"]) == set(found.parameters)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"output": "p_nothing", "threshold": 0.5}, "not a column of the sweep"),
        ({"threshold": 1.5}, "no point has p_agreed_and_holds >= it"),
        ({"threshold": -1.0}, "every point has"),
        ({"threshold": float("nan")}, "finite number"),
    ],
)
def test_bad_requests_say_what_is_allowed(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(DiscoveryError, match=message):
        discover_sweep(SWEEP, **kwargs)  # type: ignore[arg-type]


def test_cli_prints_coverage_and_density(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli([str(SWEEP), "--output", "p_agreed_and_holds", "--threshold", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "points have p_agreed_and_holds >= 0.5" in out
    assert "box 1: coverage " in out and ", density " in out
    assert "feature scores" in out
    assert run_cli([str(SWEEP), "--threshold", "0.5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["points"] == 60 and data["boxes"][0]["density"] > 0


@pytest.mark.parametrize(
    "argv",
    [
        ["{tmp}", "--threshold", "0.5"],  # not a sweep directory
        ["{sweep}", "--threshold", "0.5", "--output", "nope"],
        ["{sweep}", "--threshold", "2"],
        ["{sweep}", "--threshold", "abc"],
        ["{sweep}"],  # --threshold is required
        ["{sweep}", "--threshold", "0.5", "--mass-min", "1.5"],
    ],
)
def test_cli_bad_arguments_exit_2_with_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.format(tmp=tmp_path, sweep=SWEEP) for a in argv]
    assert run_cli(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len([line for line in err if line.startswith(("error", "accord"))]) == 1
    assert err[-1].startswith(("error:", "accord discover: error:"))
