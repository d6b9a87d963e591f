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
    """The JSON summary, without the assumptions' interval (tested on its own below)."""
    assert main(["run", "ukraine-2025", "--json", "--assumption-draws", "0", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_ten_thousand_replications_give_a_probability_with_an_interval_and_repeat():
    cmd = [str(ACCORD), "run", "ukraine-2025", "--replications", "10000", "--seed", "1"]
    first = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert first == second
    line = next(ln for ln in first.splitlines() if ln.startswith("P(agreement within"))
    p, lo, hi = (float(v) for v in re.findall(r"\d\.\d+", line)[:3])
    assert 0 < p < 1 and lo < p < hi


def test_war_cost_moves_the_odds_the_expected_way_and_the_backstop_matters(capsys):
    base = run_json(capsys, "-n", "2000")["p_agreement"]["p"]
    more_backstop = run_json(capsys, "-n", "2000", "--set", "backstop=0.9")
    no_backstop = run_json(capsys, "-n", "2000", "--set", "backstop=0")["p_agreement"]["p"]
    costly = run_json(capsys, "-n", "2000", "--set", "war_cost_per_month=0.008")
    free = run_json(capsys, "-n", "2000", "--set", "war_cost_per_month=0")
    assert free["p_agreement"]["p"] < base < costly["p_agreement"]["p"]
    # whether a stronger backstop raises or lowers P(agreement) is an output (ODD 7.5): the
    # victim values it, the aggressor resists it; it must make a difference either way
    assert abs(more_backstop["p_agreement"]["p"] - no_backstop) > 0.02
    assert more_backstop["changed_parameters"] == {"backstop": [0.4, 0.9]}


def test_backstop_raises_the_expected_force(capsys):
    low = run_json(capsys, "-n", "1000", "--set", "backstop=0.1")
    high = run_json(capsys, "-n", "1000", "--set", "backstop=0.9")
    mean = lambda s: sum(m["mean_troops"] for m in s["force"])  # noqa: E731
    assert mean(high) > mean(low)


def test_report_shows_force_votes_and_changed_assumptions(capsys):
    assert (
        main(
            ["run", "ukraine-2025", "-n", "300", "--set", "backstop=0.7", "--assumption-draws", "4"]
        )
        == 0
    )
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
        "across the assumptions",
    ):
        assert text in out


def test_both_intervals_in_json_and_a_set_parameter_is_held(capsys):
    assert (
        main(
            [
                "run",
                "ukraine-2025",
                "--json",
                "-n",
                "200",
                "--assumption-draws",
                "6",
                "--assumption-replications",
                "50",
                "--set",
                "backstop=0.7",
            ]
        )
        == 0
    )
    s = json.loads(capsys.readouterr().out)
    a = s["assumptions"]
    assert a["draws"] == 6 and a["replications_per_draw"] == 50
    assert "backstop" not in a["parameters"] and "fighting_on_rus" in a["parameters"]
    for name in ("p_agreement", "p_holds", "p_agreed_and_holds"):
        assert {"p", "low", "high", "n"} <= set(s[name])
    p = a["p_agreement"]
    assert 0.0 <= p["low"] <= p["median"] <= p["high"] <= 1.0 and p["level"] == 0.9


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


def column_starts(lines: list[str], pattern: str) -> set[int]:
    """Where ``pattern``'s first group starts in each line."""
    return {m.start(1) for m in (re.search(pattern, ln) for ln in lines) if m}


def column_ends(lines: list[str], pattern: str) -> set[int]:
    """Where ``pattern``'s first group ends in each line."""
    return {m.end(1) for m in (re.search(pattern, ln) for ln in lines) if m}


def block(lines: list[str], title: str) -> list[str]:
    """The lines after ``title`` up to the next blank line."""
    rest = lines[lines.index(title) + 1 :]
    return rest[: rest.index("")] if "" in rest else rest


def test_report_columns_line_up_with_a_long_resolution_symbol(capsys):
    assert main(["run", "ukraine-2025", "-n", "100", "--assumption-draws", "0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    votes = block(lines, "UN votes: P(adopted) and mean tally yes-no-abstain-absent")
    assert len(votes) == 6
    assert "S/RES/2774/EU-amendment-sovereignty" in votes[-1]  # longer than the old 22 columns
    assert len(column_starts(votes, r"^  \S+\s+(\d\.\d{3}) ")) == 1  # P(adopted) starts
    assert len(column_starts(votes, r"  (\d+-\d+-\d+-\d+)$")) == 1  # the tally starts
    rounds = block(lines, "Agreement round (share of all replications):")
    assert len({ln.index("%") for ln in rounds}) == 1


def test_report_terms_line_up_with_a_long_dimension_name(capsys):
    """The Terms table of a scenario whose dimension is named longer than the old column."""
    from types import SimpleNamespace

    from cli.run import format_report
    from model.ensemble import run_ensemble
    from model.world import resolve_scenario

    res = run_ensemble(resolve_scenario("ukraine-2025", {}), 50, rng=1)
    long = "security_guarantees_and_foreign_forces"
    rename = {"foreign_forces": long}
    summary = res.summary()
    for table in (summary["expected_terms"], *summary["baselines"].values()):
        for old, new in rename.items():
            table[new] = table.pop(old)
    renamed = SimpleNamespace(
        summary=lambda: summary,
        replications=res.replications,
        root_seed=res.root_seed,
        scenario=SimpleNamespace(
            name=res.scenario.name,
            parameters=res.scenario.parameters,
            dimension_names=[rename.get(d, d) for d in res.scenario.dimension_names],
        ),
    )
    lines = format_report(renamed).splitlines()  # type: ignore[arg-type]
    header = next(i for i, ln in enumerate(lines) if ln.startswith("Terms "))
    terms = lines[header : header + 1 + len(res.scenario.dimension_names)]
    assert any(ln.startswith(long + " ") for ln in terms)
    assert len({len(ln) for ln in terms}) == 1  # right-aligned numbers: one right edge
    for column in (r"(\S+)\s+\S+\s+\S+$", r"(\S+)\s+\S+$"):  # proposal's and w. mean's ends
        assert len(column_ends(terms[1:], column)) == 1
    assert column_ends(terms[1:], r"(\d\.\d{3})") == {terms[0].index("proposal") + 8}
