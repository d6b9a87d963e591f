"""Hostile or careless scenario files: each is refused with exit 2 and one line (issue 16, 3-4).

Every case goes through ``accord check`` (and ``accord run`` where a file used to pass check
and crash run), in-process; none may hang, exhaust memory or print a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from cli.main import main
from scenarios import ScenarioError, load_scenario
from scenarios.errors import MAX_SHOWN
from scenarios.readers import MAX_BYTES
from scenarios.validate_tables import MAX_STATES
from tests.unit.scenario_factory import Spec, make_scenario

pytestmark = pytest.mark.timeout(120)

SECRET = "root:x:0:0:secret-line-that-must-not-be-shown:/root:/bin/bash"


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """Run accord; assert exit 2 without a traceback; return its stderr lines."""
    assert main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert lines, "a refusal says why"
    return lines


def one_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    lines = refused(capsys, *argv)
    assert len(lines) == 1, lines
    return lines[0]


def scenario_with(tmp_path: Path, change: Callable[[Spec], None]) -> Path:
    spec = Spec()
    change(spec)
    return spec.write(tmp_path / "s")


# -- files that are not regular files ------------------------------------------------------------
def test_fifo_as_scenario_toml_is_refused_without_blocking(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    (d / "scenario.toml").unlink()
    os.mkfifo(d / "scenario.toml")  # nobody writes: a blocking open would hang forever
    for command in ("check", "run"):
        line = one_line(capsys, command, str(d))
        assert "scenario.toml" in line and "a regular file" in line


def test_dev_zero_as_ties_csv_is_refused_without_reading_it(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    (d / "ties.csv").unlink()
    (d / "ties.csv").symlink_to("/dev/zero")
    line = one_line(capsys, "check", str(d))
    assert "ties.csv" in line and "a regular file" in line


def test_directory_as_states_csv_is_refused(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    (d / "states.csv").unlink()
    (d / "states.csv").mkdir()
    assert "a regular file" in one_line(capsys, "check", str(d))


def test_oversized_scenario_toml_is_refused_by_size(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    with (d / "scenario.toml").open("a") as f:
        f.write("# padding\n" * (MAX_BYTES[".toml"] // 10 + 10))
    line = one_line(capsys, "check", str(d))
    assert "at most 1 MiB" in line


# -- TOML that tomllib cannot take, or takes oddly ---------------------------------------------
def test_deeply_nested_toml_is_one_line_not_a_recursion_error(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    with (d / "scenario.toml").open("a") as f:
        f.write("deep = " + "[" * 3000 + "]" * 3000 + "\n")
    line = one_line(capsys, "check", str(d))
    assert "nested too deeply" in line


def test_toml_with_a_byte_order_mark_is_accepted(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    text = (d / "scenario.toml").read_bytes()
    (d / "scenario.toml").write_bytes(b"\xef\xbb\xbf" + text)
    assert main(["check", str(d)]) == 0
    assert capsys.readouterr().out.startswith("ok: tiny")


# -- numbers out of what the engine can represent or run -------------------------------------
def test_400_digit_troop_capacity_is_one_line(tmp_path, capsys):
    d = scenario_with(tmp_path, lambda s: s.states[0].update(troop_capacity="9" * 400))
    line = one_line(capsys, "check", str(d))
    assert "troop_capacity" in line and "at most 9,007,199,254,740,992" in line
    assert len(line) < 400  # the value is shortened, with its length


def test_horizon_zero_is_refused_by_check_and_by_run(tmp_path, capsys):
    def zero(s: Spec) -> None:
        s.params["horizon_rounds"].update(value=0, range=[0, 120])

    d = scenario_with(tmp_path, zero)
    for command in ("check", "run"):
        line = one_line(capsys, command, str(d))
        assert "horizon_rounds" in line and "inside [1, 600]" in line


def test_horizon_of_2_63_is_one_line(tmp_path, capsys):
    d = scenario_with(tmp_path, lambda s: s.params["horizon_rounds"].update(value=2**63 - 1))
    line = one_line(capsys, "run", str(d))
    assert "horizon_rounds" in line and "value" in line


def test_horizon_range_up_to_2_63_is_refused_on_each_field(tmp_path, capsys):
    def huge(s: Spec) -> None:
        s.params["horizon_rounds"].update(value=2**63 - 1, range=[1, 2**63 - 1])

    lines = refused(capsys, "check", str(scenario_with(tmp_path, huge)))
    assert len(lines) == 2 and all("horizon_rounds" in line for line in lines)


# -- paths ---------------------------------------------------------------------------------------
def test_5000_character_path_is_one_short_line(tmp_path, capsys):
    line = one_line(capsys, "check", str(tmp_path / ("a" * 5000)))
    assert "5,0" in line and len(line) < 400


def test_over_long_file_name_is_one_line(tmp_path, capsys):
    line = one_line(capsys, "check", str(tmp_path / ("b" * 300)))
    assert "usable path" in line and len(line) < 400


# -- huge tables -----------------------------------------------------------------------------
def _duplicated_states(d: Path, rows: int) -> None:
    lines = (d / "states.csv").read_text().splitlines()
    with (d / "states.csv").open("w") as f:
        f.write(lines[0] + "\n")
        f.write((lines[1] + "\n") * rows)


def test_500000_duplicate_rows_give_one_line(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    _duplicated_states(d, 500_000)
    line = one_line(capsys, "check", str(d))
    assert "states.csv" in line and f"at most {MAX_STATES:,} rows" in line


def test_thousands_of_duplicate_rows_give_a_capped_summary(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    _duplicated_states(d, 3_000)
    lines = refused(capsys, "check", str(d))
    assert len(lines) == MAX_SHOWN + 1
    assert lines[-1].startswith("... and ") and "more problems" in lines[-1]
    with pytest.raises(ScenarioError) as info:
        load_scenario(d)
    assert info.value.total >= 2_999  # every duplicate is counted, not kept


# -- file contents are never echoed --------------------------------------------------------------
def test_a_file_that_is_not_a_table_is_not_quoted(tmp_path, capsys):
    secret = tmp_path / "secret"
    secret.write_text(SECRET + "\nsecond:line\n")
    d = make_scenario(tmp_path / "s")
    (d / "states.csv").unlink()
    (d / "states.csv").symlink_to(secret)
    lines = refused(capsys, "check", str(d))
    assert not any("secret-line" in line or "root:x" in line for line in lines)


def test_a_row_with_wrong_fields_is_located_not_quoted(tmp_path, capsys):
    d = make_scenario(tmp_path / "s")
    with (d / "ties.csv").open("a") as f:
        f.write("UKR,RUS,secret-cell\n")
    line = one_line(capsys, "check", str(d))
    assert "line" in line and "secret-cell" not in line


def test_within_refuses_a_link_out_of_the_allowed_tree(tmp_path):
    secret = tmp_path / "outside.csv"
    secret.write_text(SECRET + "\n")
    root = tmp_path / "workspace"
    d = make_scenario(root / "s")
    (d / "ties.csv").unlink()
    (d / "ties.csv").symlink_to(secret)
    load_scenario(make_scenario(root / "fine"), within=[root])  # inside: loads
    with pytest.raises(ScenarioError) as info:
        load_scenario(d, within=[root])
    text = str(info.value)
    assert "links must not lead out" in text and "secret-line" not in text


def test_security_doc_quotes_the_limits_in_force():
    """docs/security.md states each limit; the numbers must be the ones the code enforces."""
    from model.ensemble import DEFAULT_CHUNK, MAX_REPLICATIONS
    from scenarios.catalogue import CATALOGUE
    from scenarios.errors import MAX_KEPT, MAX_TEXT
    from scenarios.loader import MAX_PATH
    from scenarios.readers import MAX_ROWS
    from sweeps.designs import MAX_POINTS
    from sweeps.engines import MAX_TRIES, SCHEDULER_TIMEOUT_S
    from viz.odds import UI_MAX_REPLICATIONS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()
    low, high = CATALOGUE["horizon_rounds"].limits or (0, 0)
    for text in (
        f"`scenario.toml` at most {MAX_BYTES['.toml'] >> 20} MiB",
        f"a CSV at most {MAX_BYTES['.csv'] >> 20} MiB",
        f"at most {MAX_STATES:,} rows",
        f"at most {MAX_ROWS:,} rows",
        f"`horizon_rounds` in [{low:g}, {high:g}]",
        f"longer than {MAX_PATH:,}",
        f"at most {MAX_SHOWN} problems are printed",
        f"the first {MAX_KEPT} are kept",
        f"about {MAX_TEXT} characters",
        f"more than {MAX_REPLICATIONS:,} replications (`MAX_REPLICATIONS`)",
        f"chunks of {DEFAULT_CHUNK:,}",
        f"at most {UI_MAX_REPLICATIONS:,} replications per run (`UI_MAX_REPLICATIONS`)",
        f"above {MAX_POINTS:,} points",
        f"within {SCHEDULER_TIMEOUT_S} s (`SCHEDULER_TIMEOUT_S`)",
        f"up to {MAX_TRIES} tries per point (`MAX_TRIES`)",
    ):
        assert " ".join(text.split()) in " ".join(doc.split()), text


# -- command-line inputs (issue 16, section 4) ----------------------------------------------------
@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scenario(tmp_path_factory.mktemp("cli") / "tiny")


def test_negative_seed_is_one_line(tiny, capsys):
    assert "--seed" in one_line(capsys, "run", str(tiny), "-n", "10", "--seed", "-1")


def test_10_to_the_23_replications_is_refused_at_the_ceiling(tiny, capsys):
    from model.ensemble import MAX_REPLICATIONS

    line = one_line(capsys, "run", str(tiny), "-n", str(10**23))
    assert f"at most {MAX_REPLICATIONS:,} replications" in line
    with pytest.raises(ValueError, match=r"allowed is an integer in 1\.\."):
        from model.ensemble import run_ensemble

        run_ensemble(tiny, MAX_REPLICATIONS + 1, rng=1)


def test_a_fractional_grid_value_of_an_integer_parameter_is_refused(tiny, tmp_path, capsys):
    out = tmp_path / "g"
    argv = ["sweep", str(tiny), "--grid", "horizon_rounds=1.5,2", "-n", "5", "--out", str(out)]
    line = one_line(capsys, *argv)
    assert "horizon_rounds = 1.5" in line and "whole number" in line
    assert not out.exists()


@pytest.mark.parametrize(
    "grids",
    [
        ["backstop=0:1:1000000000"],
        ["backstop=0:1:1000", "war_cost_per_month=0:1:1001"],
    ],
)
def test_designs_too_large_are_refused_before_allocation(tiny, tmp_path, capsys, grids):
    argv = ["sweep", str(tiny), "-n", "5", "--out", str(tmp_path / "g")]
    for g in grids:
        argv += ["--grid", g]
    line = one_line(capsys, *argv)
    assert "at most 1,000,000" in line


def test_out_that_is_a_file_is_one_line(tiny, tmp_path, capsys):
    afile = tmp_path / "afile"
    afile.write_text("x")
    for out in (afile, afile / "below"):
        argv = ["sweep", str(tiny), "--grid", "backstop=0,1", "-n", "5", "--out", str(out)]
        assert "not a directory" in one_line(capsys, *argv)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_out_that_is_unwritable_is_one_line(tiny, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    argv = ["sweep", str(tiny), "--grid", "backstop=0,1", "-n", "5", "--out", str(locked / "o")]
    assert "not writable" in one_line(capsys, *argv)


@pytest.mark.parametrize(
    "content", ["backstop,war_cost_per_month\nx,y\n", b"\x00\xff\xfe binary \x00", ""]
)
def test_a_design_that_is_not_a_numeric_table_is_one_line(tiny, tmp_path, capsys, content):
    design = tmp_path / "d.csv"
    design.write_bytes(content if isinstance(content, bytes) else content.encode())
    argv = ["sweep", str(tiny), "--design", str(design), "-n", "5", "--out", str(tmp_path / "o")]
    line = one_line(capsys, *argv)
    assert "--design" in line or "column" in line or "table" in line


def test_results_plot_into_a_missing_folder_is_one_line(tiny, tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["sweep", str(tiny), "--grid", "backstop=0,1", "-n", "5", "--out", str(out)]) == 0
    capsys.readouterr()
    line = one_line(capsys, "results", str(out), "--plot", str(tmp_path / "nope" / "p.png"))
    assert "does not exist" in line


def test_scheduler_without_dask_engine_is_one_line(tiny, tmp_path, capsys):
    argv = ["sweep", str(tiny), "--grid", "backstop=0,1", "-n", "5", "--out", str(tmp_path / "o")]
    assert "--engine dask" in one_line(capsys, *argv, "--scheduler", "tcp://127.0.0.1:9")


def test_unreachable_scheduler_is_one_line_after_a_short_timeout(tiny, tmp_path, capsys):
    import time

    from sweeps.engines import SCHEDULER_TIMEOUT_S

    argv = ["sweep", str(tiny), "--grid", "backstop=0,1", "-n", "5", "--out", str(tmp_path / "o")]
    start = time.monotonic()
    line = one_line(capsys, *argv, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert "no Dask scheduler answered" in line
    assert time.monotonic() - start < SCHEDULER_TIMEOUT_S + 20


def _strict_json(text: str) -> dict:
    import json

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    data: dict = json.loads(text, parse_constant=refuse)
    return data


@pytest.mark.parametrize("name", __import__("scenarios").list_builtin())
def test_run_json_is_strict_json_for_every_builtin(name, capsys):
    assert main(["run", name, "-n", "200", "--json"]) == 0
    assert "p_agreement" in _strict_json(capsys.readouterr().out)


def test_run_json_is_strict_json_when_nobody_agrees(tiny, capsys):
    no_deal = ["fighting_on_ukr=1", "fighting_on_rus=1", "war_cost_per_month=0"]
    no_deal += ["horizon_rounds=1", "acceptance_noise=0.01", "security_weight=0"]
    argv = ["run", str(tiny), "-n", "200", "--json"]
    for s in no_deal:
        argv += ["--set", s]
    assert main(argv) == 0
    data = _strict_json(capsys.readouterr().out)
    assert data["p_agreement"]["p"] == 0.0
    assert data["p_holds"]["p"] is None  # no agreement: no probability, null not NaN
