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
    from scenarios.catalogue import CATALOGUE
    from scenarios.errors import MAX_KEPT, MAX_TEXT
    from scenarios.loader import MAX_PATH
    from scenarios.readers import MAX_ROWS

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
    ):
        assert " ".join(text.split()) in " ".join(doc.split()), text
