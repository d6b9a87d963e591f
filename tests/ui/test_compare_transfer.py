"""viz.compare (baseline, differences under common random numbers, staleness, exports) and
viz.transfer (uploaded zips, the view in the URL), without a page."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model import run_ensemble
from scenarios import load_scenario
from viz.compare import RunRecord, controls_key, difference, export_csv, export_json
from viz.session import scenario_zip
from viz.transfer import UploadError, View, checked, decode, encode, load_zip

BASE = load_scenario("ukraine-2025")


@pytest.fixture(scope="module")
def pair() -> tuple[RunRecord, RunRecord]:
    strong = BASE.with_parameters({"backstop": 0.5})
    a = RunRecord(1, BASE.content_hash, run_ensemble(BASE, 400, rng=5), 5)
    b = RunRecord(2, BASE.content_hash, run_ensemble(strong, 400, rng=5), 5)
    return a, b


def test_paired_difference_matches_the_replications(pair: tuple[RunRecord, RunRecord]) -> None:
    a, b = pair
    d = difference(a.result, b.result, "p_agreed_and_holds")

    def outcome(r: RunRecord) -> np.ndarray:
        rows = r.result.rows
        return (rows["agreed"].to_numpy(bool) & rows["holds"].to_numpy(bool)).astype(float)

    xa, xb = outcome(a), outcome(b)
    assert d.paired and d.diff == pytest.approx(xb.mean() - xa.mean())
    half = 1.959963984540054 * (xb - xa).std(ddof=1) / np.sqrt(400)
    assert (d.low, d.high) == pytest.approx((d.diff - half, d.diff + half))
    # common seeds: narrower than treating the two runs as independent
    unpaired = 1.96 * np.sqrt(sum(x.mean() * (1 - x.mean()) / 400 for x in (xa, xb)))
    assert half < 0.8 * unpaired


def test_a_result_against_itself_differs_by_exactly_zero(pair: tuple[RunRecord, RunRecord]) -> None:
    a, _ = pair
    d = difference(a.result, a.result, "p_agreed_and_holds")
    assert (d.diff, d.low, d.high) == (0.0, 0.0, 0.0)


def test_other_seeds_are_not_paired(pair: tuple[RunRecord, RunRecord]) -> None:
    a, _ = pair
    other = run_ensemble(BASE, 400, rng=6)
    assert not difference(a.result, other, "p_agreement").paired
    assert not difference(a.result, a.result, "p_holds").paired  # conditional: never paired


def test_stale_when_the_controls_ask_for_something_else(pair: tuple[RunRecord, RunRecord]) -> None:
    a, b = pair
    assert not a.is_stale(controls_key(BASE, {}, 5))
    assert not a.is_stale(controls_key(BASE, {"backstop": BASE.parameters["backstop"].central}, 5))
    assert a.is_stale(controls_key(BASE, {"backstop": 1.0}, 5))
    assert a.is_stale(controls_key(BASE, {}, 6))  # another seed
    assert not b.is_stale(controls_key(BASE, {"backstop": 0.5}, 5))


def test_exports_carry_hash_seed_and_assumptions(pair: tuple[RunRecord, RunRecord]) -> None:
    a, b = pair
    data = json.loads(export_json([a, b]))
    assert data[1]["assumptions"] == {"backstop": 0.5} and data[1]["seed"] == 5
    assert data[1]["scenario_hash"] == b.result.scenario.content_hash != data[0]["scenario_hash"]
    assert data[0]["p_agreement"]["n"] == 400
    table = pd.read_csv(io.BytesIO(export_csv([a, b])))
    assert list(table["assumptions"].fillna("")) == ["", "backstop=0.5"]
    assert {"scenario_hash", "seed", "p_agreement", "p_agreement_low", "p_holds_n"} <= set(table)


def test_a_downloaded_scenario_uploads_back() -> None:
    changed = BASE.with_parameters({"backstop": 0.9})
    loaded = load_zip(scenario_zip(changed, "ukraine-2025-modified"), "x.zip")
    assert loaded.parameters["backstop"].central == 0.9
    assert len(loaded.states) == len(BASE.states)


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "not a zip file"),
        (_zip({"readme.txt": "hi"}), "expected exactly one scenario.toml"),
        (_zip({"../evil/scenario.toml": "x"}), "a path outside the scenario folder"),
        (_zip({"s/scenario.toml": "this is not toml = = ="}), "scenario.toml"),
    ],
)
def test_bad_uploads_say_what_is_wrong(data: bytes, message: str) -> None:
    with pytest.raises(UploadError) as err:
        load_zip(data, "up.zip")
    assert message in str(err.value) and err.value.lines


def test_an_upload_with_several_problems_lists_each(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    BASE.with_parameters({}).write(folder)
    toml = (folder / "scenario.toml").read_text()
    for name, bad in (("backstop", "7"), ("war_cost_per_month", "-3")):  # both out of range
        toml, n = re.subn(
            rf"(\[parameters\.{name}\]\nvalue = )[^\n]+", rf"\g<1>{bad}", toml, count=1
        )
        assert n == 1, name
    (folder / "scenario.toml").write_text(toml)
    files = {f"s/{p.name}": p.read_text() for p in folder.iterdir()}
    with pytest.raises(UploadError) as err:
        load_zip(_zip(files), "two.zip")
    assert len(err.value.lines) >= 2
    assert all(line.startswith("two.zip/s/") for line in err.value.lines)  # not a temp path


def test_view_round_trips_through_the_url_and_keeps_a_token() -> None:
    view = View("ukraine-2025", 7, {"backstop": 1.0, "force_required_troops": 40000.0})
    query = encode(view, keep="token=abc&seed=3")
    assert "token=abc" in query and query.count("seed=") == 1
    back, problems = decode(query)
    assert back == view and problems == []
    assert decode("token=abc") == (None, [])


def test_a_bad_link_is_used_as_far_as_it_is_valid() -> None:
    view, problems = decode("scenario=ukraine-2025&seed=x&set=backstop=2&set=nope=1&set=junk")
    assert view is not None and view.seed == 1
    good, more = checked(view, BASE)
    assert good == {}
    text = "\n".join(problems + more)
    assert "seed='x'" in text and "junk" in text and "nope is not a parameter" in text
    assert "backstop" in text  # 2 is outside its range: the loader's message
