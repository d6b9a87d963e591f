"""``accord scenarios``, ``accord show`` and ``accord check``, in process and as a process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from scenarios import list_builtin, load_scenario
from tests.unit.scenario_factory import Spec, make_scenario


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _bad(directory: Path) -> Path:
    scenario = Spec()
    scenario.params["backstop"]["value"] = 7.0
    scenario.state("RUS")["capability"] = "-2"
    return scenario.write(directory)


def test_scenarios_lists_each_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenarios")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(list_builtin())
    for name, line in zip(list_builtin(), lines, strict=True):
        assert line.startswith(name) and "states" in line and "dimensions" in line


def test_check_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = make_scenario(tmp_path / "tiny")
    n = len(load_scenario(directory).parameters)  # the catalogue's, and 2 per veto player
    code, out, err = run(capsys, "check", str(directory))
    assert (code, err) == (0, "")
    assert out.strip() == f"ok: tiny: 3 states, 2 dimensions, {n} parameters"


def test_check_reports_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(_bad(tmp_path / "bad")))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert any("scenario.toml" in s and "value = 7.0" in s and "[0, 1]" in s for s in lines)
    assert any("states.csv" in s and "capability = '-2'" in s and ">= 0" in s for s in lines)
    assert "Traceback" not in err


def test_show_prints_every_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(make_scenario(tmp_path / "tiny")))
    assert code == 0
    for text in (
        "0 = withdrawal",
        "1 = recognition",
        "backstop",
        "uniform(0.1..0.3)",
        "utility/month",
        "[0.01, 1]",
        "source: ASSUMPTION: test value",
        "veto players        UKR, RUS",
        "round 3: USA moves on territory to 0.4",
        "R1-A1: An amendment",
        "amends R1",
        "mandates the force",
        "pos_foreign_forces",
        "Ukraine",
    ):
        assert text in out, text


def test_show_marks_a_fact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "ukraine-2025")
    line = next(x for x in out.splitlines() if x.strip().startswith("war_months_before_start"))
    assert code == 0 and "36 (fact)" in line
    assert "(fact)" not in next(x for x in out.splitlines() if x.strip().startswith("backstop"))


def test_show_unknown_name_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "no-such-scenario")
    assert code == 2 and out == ""
    assert "no-such-scenario" in err and "a scenario directory" in err


@pytest.mark.parametrize("argv", [[], ["bogus"], ["check"], ["show", "a", "b"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and "accord" in err and "error:" in err
    assert len(err.strip().splitlines()) == 1  # one line, pointing to --help (issue 16)


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "check" in out and "show" in out


def test_installed_command_has_no_traceback(tmp_path: Path) -> None:
    accord = Path(sys.executable).parent / "accord"
    bad = _bad(tmp_path / "bad")
    done = subprocess.run([str(accord), "check", str(bad)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "value = 7.0" in done.stderr
    ok = subprocess.run(
        [str(accord), "check", str(make_scenario(tmp_path / "tiny"))],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and ok.stdout.startswith("ok: tiny")
