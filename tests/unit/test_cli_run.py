"""``accord run`` and ``accord votes`` as a user runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main

ACCORD = Path(sys.executable).parent / "accord"


def run_json(capsys, *args: str) -> dict:
    assert main(["run", "ukraine-2025", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_ten_thousand_replications_give_a_probability_with_an_interval_and_repeat():
    cmd = [str(ACCORD), "run", "ukraine-2025", "--replications", "10000", "--seed", "1"]
    first = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert first == second
    line = next(ln for ln in first.splitlines() if ln.startswith("P(agreement within"))
    p, lo, hi = (float(v) for v in re.findall(r"\d\.\d+", line)[:3])
    assert 0 < p < 1 and lo < p < hi


def test_backstop_and_war_cost_move_the_odds_the_expected_way(capsys):
    base = run_json(capsys, "-n", "2000")["p_agreement"]["p"]
    more_backstop = run_json(capsys, "-n", "2000", "--set", "backstop=0.9")
    no_backstop = run_json(capsys, "-n", "2000", "--set", "backstop=0")["p_agreement"]["p"]
    costly = run_json(capsys, "-n", "2000", "--set", "war_cost_per_month=0.008")
    cheap = run_json(capsys, "-n", "2000", "--set", "war_cost_per_month=0.001")
    assert no_backstop < base < more_backstop["p_agreement"]["p"]
    assert cheap["p_agreement"]["p"] < base < costly["p_agreement"]["p"]
    assert more_backstop["changed_parameters"] == {"backstop": [0.4, 0.9]}


def test_backstop_raises_the_expected_force(capsys):
    low = run_json(capsys, "-n", "1000", "--set", "backstop=0.1")
    high = run_json(capsys, "-n", "1000", "--set", "backstop=0.9")
    mean = lambda s: sum(m["mean_troops"] for m in s["force"])  # noqa: E731
    assert mean(high) > mean(low)


def test_report_shows_force_votes_and_changed_assumptions(capsys):
    assert main(["run", "ukraine-2025", "-n", "300", "--set", "backstop=0.7"]) == 0
    out = capsys.readouterr().out
    for text in (
        "P(agreement within 24 rounds)",
        "Agreement round",
        "w. median",
        "Force:",
        "GBR in: public statement",
        "POL out: public statement",
        "A/RES/ES-11/7",
        "S/RES/2774",
        "backstop 0.4 -> 0.7",
    ):
        assert text in out


@pytest.mark.parametrize(
    "bad",
    [
        ["--set", "backstop"],
        ["--set", "backstop=x"],
        ["--set", "nosuch=1"],
        ["--set", "backstop=3"],
        ["--replications", "0"],
    ],
)
def test_bad_arguments_exit_2_without_traceback(bad):
    r = subprocess.run([str(ACCORD), "run", "ukraine-2025", *bad], capture_output=True, text=True)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    assert (r.stderr + r.stdout).strip()


def test_votes_table_and_csv(tmp_path, capsys):
    out = tmp_path / "votes.csv"
    assert main(["votes", "ukraine-2025", "-n", "200", "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert "A/RES/ES-11/7: P(adopted)" in text
    header = out.read_text().splitlines()[0]
    assert header == "resolution,iso3,name,p_yes,p_no,p_abstain,p_absent,predicted"
    assert len(out.read_text().splitlines()) > 193
