"""Habits of the ecosystem at the command line and in notebooks: ``accord --version``,
``accord discover`` in the command list, the progress bar of ``accord run`` (only on a terminal),
stopping a sweep from ``on_point``, ``_repr_html_`` of results."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cli.main import main, package_version
from cli.run import progress_bar
from model import run_ensemble
from sweeps import open_sweep, sweep

SWEEP = Path(__file__).resolve().parents[1] / "data" / "sweep-discovery"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"accord {package_version()}"
    assert package_version()[0].isdigit()


def test_discover_is_an_accord_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["discover", str(SWEEP), "--output", "p_agreed_and_holds", "--threshold", "0.5"]) == 0
    )
    out = capsys.readouterr().out
    assert "box 1: coverage" in out and "density" in out
    assert main(["discover", str(SWEEP), "--threshold", "7"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: --threshold 7")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    with progress_bar(100, io.StringIO()) as report:
        assert report is None  # a pipe or a file: no bar
    term = Terminal()
    with progress_bar(100, term) as report:
        assert report is not None
        report(40, 100)
        report(100, 100)
    assert "ensemble:" in term.getvalue() and "/100" in term.getvalue()


def test_sweep_stops_when_on_point_says_so_and_resumes(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def stop_after_two(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    grid = {"backstop": [0.0, 0.5, 1.0, 0.25]}
    out = tmp_path / "s"
    res = sweep("ukraine-2025", grid, replications=20, rng=1, out=out, workers=1,
                progress=False, on_point=stop_after_two)  # fmt: skip
    assert seen == [(1, 4), (2, 4)]
    assert len(res.points()) == 2 and not res.complete
    again = sweep("ukraine-2025", grid, replications=20, rng=1, out=out, workers=1, progress=False)
    assert again.complete


def test_results_show_themselves_in_a_notebook() -> None:
    res = run_ensemble("ukraine-2025", 50, rng=3)
    html = res._repr_html_()
    assert "P(agreement)" in html and "50 replications" in html and "root seed 3" in html
    html = open_sweep(SWEEP)._repr_html_()
    assert "60 of 60 points done" in html and "<table" in html and "backstop" in html


@pytest.mark.slow
def test_a_dask_sweep_says_where_its_cluster_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sweep("ukraine-2025", {"backstop": [0.5]}, replications=10, rng=1, out=tmp_path / "d",
          engine="dask", workers=1, progress=False)  # fmt: skip
    err = capsys.readouterr().err
    assert "Dask dashboard: http" in err or "Dask scheduler at tcp://" in err
