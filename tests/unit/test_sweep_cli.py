"""``accord sweep``, ``accord sensitivity`` and ``accord results``."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pytest

from cli.main import main
from cli.sweep import parse_levels, parse_param
from tests.unit.scenario_factory import make_scenario


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(make_scenario(tmp_path_factory.mktemp("cli") / "tiny"))


def test_grid_and_param_specs_parse() -> None:
    assert parse_levels("backstop=0:1:5") == ("backstop", [0.0, 0.25, 0.5, 0.75, 1.0])
    assert parse_levels("force_required_troops=10000,30000") == (
        "force_required_troops",
        [10000.0, 30000.0],
    )
    assert parse_param("backstop") == ("backstop", None)
    assert parse_param("backstop=0.2:0.8") == ("backstop", (0.2, 0.8))
    for bad in ("backstop", "backstop=0:1", "backstop=a,b", "=1"):
        with pytest.raises(argparse.ArgumentTypeError, match="--grid"):
            parse_levels(bad)


def test_sweep_then_results_then_resume(
    tiny: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x"
    args = [
        "sweep",
        tiny,
        "--grid",
        "backstop=0:1:3",
        "--grid",
        "war_cost_per_month=0,0.2",
        "--replications",
        "50",
        "--out",
        str(out),
        "--workers",
        "1",
    ]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "tiny: 6 points x 50 replications, root seed 1" in printed
    assert len(list((out / "parts").glob("point-*.parquet"))) == 6
    assert main(args) == 0  # resume: nothing left to run, same answer
    assert main(["results", str(out), "--csv", str(tmp_path / "points.csv")]) == 0
    printed = capsys.readouterr().out
    assert "6 of 6 points done" in printed and "p_agreement.png" in printed
    assert (out / "p_agreement.png").stat().st_size > 1000
    assert len(pd.read_csv(tmp_path / "points.csv")) == 6
    assert (
        main(
            [
                "results",
                str(out),
                "--x",
                "war_cost_per_month",
                "--y",
                "backstop",
                "--metric",
                "p_holds",
                "--plot",
                str(tmp_path / "h.svg"),
            ]
        )
        == 0
    )
    assert (tmp_path / "h.svg").exists()


def test_lhs_sweep_with_param_bounds(tiny: str, tmp_path: Path) -> None:
    out = tmp_path / "lhs"
    assert (
        main(
            [
                "sweep",
                tiny,
                "--lhs",
                "5",
                "--param",
                "backstop=0.2:0.6",
                "--param",
                "acceptance_noise",
                "-n",
                "20",
                "--out",
                str(out),
                "--workers",
                "1",
            ]
        )
        == 0
    )
    pts = pd.read_parquet(out / "design.parquet")
    assert len(pts) == 5 and pts["backstop"].between(0.2, 0.6).all()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--grid", "backstop=0:1:4"], "holds a different sweep: its design is grid"),
        (["--grid", "backstop=0:1:3", "--seed", "9"], "root_seed is 1, this sweep's is 9"),
        (["--lhs", "4"], "need at least one --param"),
        ([], "no design"),
        (["--grid", "backstop=0:1:3", "--lhs", "4", "--param", "backstop"], "cannot be combined"),
        (["--sobol", "6", "--param", "backstop"], "power of 2"),
    ],
)
def test_sweep_refusals_exit_2_with_one_message_and_no_traceback(
    tiny: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    out = tmp_path / "x"
    base = ["sweep", tiny, "-n", "10", "--out", str(out), "--workers", "1"]
    assert main([*base, "--grid", "backstop=0:1:3"]) == 0
    capsys.readouterr()
    assert main([*base, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_out_of_range_grid_value_is_a_scenario_error(
    tiny: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["sweep", tiny, "--grid", "backstop=0,2", "-n", "5", "--out", str(tmp_path / "y")])
        == 2
    )
    err = capsys.readouterr().err
    assert "backstop" in err and "Traceback" not in err
    assert not (tmp_path / "y").exists()


def test_results_of_a_directory_that_is_not_a_sweep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["results", str(tmp_path)]) == 2
    assert "not a sweep directory" in capsys.readouterr().err


def test_sensitivity_command_writes_indices_and_a_plot(
    tiny: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sens"
    args = (
        "--method morris --n 3 --param backstop --param war_cost_per_month --replications 20"
        " --workers 1 --output credibility_mean --output p_holds"
    )
    assert main(["sensitivity", tiny, *args.split(), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "morris indices, 9 points x 20 replications" in printed
    assert "p_holds: no indices: the same (0) at every point" in printed  # tiny never holds
    assert (out / "sensitivity.png").exists()
    indices = pd.read_csv(out / "indices.csv")
    assert set(indices["parameter"]) == {"backstop", "war_cost_per_month"}
