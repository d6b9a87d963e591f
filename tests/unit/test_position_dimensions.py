"""The five ceasefire dimensions of ukraine-2025 and the mapping that places the states that are
not hand-set (``builds/ideal_positions.py``; ODD 5, issue 12)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from agents.rules.votes import VoteCode, ordinal_vote_probabilities
from builds import ideal_positions as ip

STATES = (
    Path(__file__).resolve().parents[2] / "scenarios" / "builtin" / "ukraine-2025" / "states.csv"
)
DIMENSIONS = ("territory", "alignment", "foreign_forces", "sanctions", "accountability")


DOC = STATES.parents[3] / "docs" / "ukraine-2025.md"
IS_EXPECTED_TO_FAIL = (
    "issue 12 target not met: the states' own recorded votes on the five dimensions' texts "
    "are already about as correlated (evidence_structure), and positions that follow each "
    "dimension's evidence inherit it (docs/ukraine-2025.md, Limitations)"
)
BLOCS = {"EU", "NATO", "RU_UNFRIENDLY"}


def _outside_the_blocs(row: dict[str, str]) -> bool:
    """Not hand-set, not EU/NATO, not sanctioning Russia: positions linear in the scores."""
    return "hand-set" not in row["source"] and not BLOCS & set(row["memberships"].split(";"))


def position_structure(path: Path = STATES, only_outside: bool = False) -> tuple[float, float]:
    """(mean absolute pairwise correlation, share of variance on the first principal component)
    of the 193 states' positions on the five dimensions (``only_outside``: of the states outside
    the hand-set list and the Western blocs)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if not only_outside or _outside_the_blocs(r)]
    x = np.array([[float(r[f"pos_{d}"]) for d in DIMENSIONS] for r in rows])
    corr = np.corrcoef(x, rowvar=False)
    mean_abs = float(np.abs(corr[np.triu_indices(len(DIMENSIONS), 1)]).mean())
    eig = np.linalg.eigvalsh(np.cov(x, rowvar=False))
    return mean_abs, float(eig[-1] / eig.sum())


def test_position_structure_measures_known_cases(tmp_path: Path) -> None:
    """One score in five copies gives |r| = 1 and one component; independent columns do not."""
    rng = np.random.default_rng(12)
    one = rng.uniform(size=193)
    cases = {"copies": np.column_stack([one] * 5), "independent": rng.uniform(size=(193, 5))}
    measured = {}
    for name, x in cases.items():
        path = tmp_path / f"{name}.csv"
        pd.DataFrame(x, columns=[f"pos_{d}" for d in DIMENSIONS]).to_csv(path, index=False)
        measured[name] = position_structure(path)
    assert measured["copies"] == pytest.approx((1.0, 1.0))
    assert measured["independent"][0] < 0.2 and measured["independent"][1] < 0.35


@pytest.mark.xfail(strict=True, reason=IS_EXPECTED_TO_FAIL)
def test_first_component_carries_less_than_80_percent() -> None:
    """Issue 12: the first principal component of the five positions carries < 80%."""
    _, pc1 = position_structure()
    print(f"first principal component {pc1:.1%}")
    assert pc1 < 0.8


def evidence_structure() -> float:
    """Mean absolute pairwise correlation, across the states, of their own recorded votes on each
    dimension's texts (the *votes* components of ``builds/ideal_positions.py``: the mean vote
    per dimension, alignment's over the roll calls Russia and Ukraine split on)."""
    from builds.ukraine_2025 import SOURCES, load_votes

    votes = load_votes(SOURCES)
    texts = pd.read_csv(ip.UN_DIR / ip.DIMENSION_VOTES, keep_default_na=False)
    both = pd.concat([votes[["resolution", "iso3", "vote"]], texts[["resolution", "iso3", "vote"]]])
    iso3s = sorted(votes.loc[votes["resolution"] == "A/RES/ES-11/1", "iso3"])
    own = ip.vote_components(both, iso3s)
    split = pd.read_csv(ip.UN_DIR / ip.SPLIT_VOTES, keep_default_na=False)
    items = {rcid: ALIGN_ITEM for rcid in ip.split_roll_calls(split)}  # the model part unused
    _, own["alignment"] = ip.alignment_components(np.zeros((len(iso3s), 2)), items, split, iso3s)
    corr = own[list(DIMENSIONS)].corr().to_numpy()
    return float(np.abs(corr[np.triu_indices(len(DIMENSIONS), 1)]).mean())


@pytest.mark.xfail(strict=True, reason=IS_EXPECTED_TO_FAIL)
def test_dimensions_are_not_one_score() -> None:
    mean_abs, pc1 = position_structure()
    print(f"mean |pairwise correlation| {mean_abs:.3f}; first principal component {pc1:.1%}")
    assert mean_abs < 0.7
    assert pc1 < 0.8


def test_alignment_places_russias_allies_above_the_gulf_states() -> None:
    """Why alignment reads the Russia-Ukraine split and not ideal-point dimension 1 (whose far end
    is the Arab states): the CSTO members that are not hand-set stand further from the NATO
    path than the Gulf Cooperation Council's, major non-NATO allies of the USA among them."""
    with open(STATES, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if "hand-set" not in r["source"]]
    by_bloc = {
        tag: [float(r["pos_alignment"]) for r in rows if tag in r["memberships"].split(";")]
        for tag in ("CSTO", "GCC")
    }
    assert len(by_bloc["CSTO"]) >= 4 and len(by_bloc["GCC"]) == 6
    assert min(by_bloc["CSTO"]) > max(by_bloc["GCC"])


def test_the_doc_quotes_the_measured_structure() -> None:
    mean_abs, pc1 = position_structure()
    rest, _ = position_structure(only_outside=True)
    with open(STATES, newline="", encoding="utf-8") as f:
        n_rest = sum(_outside_the_blocs(r) for r in csv.DictReader(f))
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    assert f"mean absolute pairwise correlation of positions is {mean_abs:.2f}" in text
    assert f"first principal component carries {pc1:.1%} of the variance" in text
    assert f"already correlate at {evidence_structure():.2f} on average" in text
    assert f"Among the {n_rest} states outside" in text
    assert f"(mean |correlation| of the positions {rest:.2f})" in text


def _votes(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["resolution", "iso3", "vote"])


#: a roll call on which members to the right on dimension 1 vote yes (Ukraine's side)
ALIGN_ITEM = {"b1": 3.0, "b2": 0.0, "c1": -1.0, "c2": 1.0}


def _split(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["rcid", "iso3", "vote"])


def test_split_roll_calls_are_those_the_two_sides_vote_differently() -> None:
    split = _split(
        [
            (1, "RUS", "N"), (1, "UKR", "Y"),  # split
            (2, "RUS", "Y"), (2, "UKR", "Y"),  # alike
            (3, "RUS", "A"), (3, "UKR", "X"),  # Ukraine absent
            (4, "RUS", "Y"), (4, "UKR", "A"),  # split: yes against abstain
        ]
    )  # fmt: skip
    assert ip.split_roll_calls(split) == {
        1: (VoteCode.NO, VoteCode.YES),
        4: (VoteCode.YES, VoteCode.ABSTAIN),
    }


def test_alignment_counts_russias_vote_1_ukraines_0_and_the_third_half() -> None:
    split = _split(
        [
            (1, "RUS", "N"), (1, "UKR", "Y"), (1, "AAA", "N"), (1, "BBB", "A"),
            (4, "RUS", "Y"), (4, "UKR", "A"), (4, "AAA", "N"), (4, "CCC", "X"),
        ]
    )  # fmt: skip
    items = {1: ALIGN_ITEM, 4: ALIGN_ITEM}
    x = np.array([[-2.0, 0.0], [0.0, 0.0], [2.0, 0.0]])
    model, recorded = ip.alignment_components(x, items, split, ["AAA", "BBB", "CCC"])
    assert recorded["AAA"] == pytest.approx((1.0 + 0.5) / 2)  # Russia's no; the third option
    assert recorded["BBB"] == pytest.approx(0.5)
    assert math.isnan(recorded["CCC"])  # absent: no evidence
    p = ordinal_vote_probabilities(x, [3.0, 0.0], -1.0, 1.0)
    by_hand = (
        p[:, VoteCode.NO]
        + 0.5 * p[:, VoteCode.ABSTAIN]  # roll call 1: Russia no, Ukraine yes
        + p[:, VoteCode.YES]
        + 0.5 * p[:, VoteCode.NO]  # roll call 4: Russia yes, Ukraine abstain
    ) / 2
    assert model.to_numpy() == pytest.approx(by_hand)
    with pytest.raises(ValueError, match="no item"):
        ip.alignment_components(x, {1: ALIGN_ITEM}, split, ["AAA", "BBB", "CCC"])


def test_split_votes_file_is_the_subset_of_the_roll_calls() -> None:
    committed = (ip.UN_DIR / ip.SPLIT_VOTES).read_text(encoding="utf-8")
    assert ip.split_votes_text() == committed
    rows = pd.read_csv(io.StringIO(committed), keep_default_na=False)
    first, last = ip.ALIGNMENT_YEARS
    assert rows["date"].between(f"{first}-01-01", f"{last}-12-31").all()
    taken = {rcid for texts in ip.TEXTS.values() for _, rcid in texts}
    assert not taken & set(rows["rcid"])
    assert set(ip.split_roll_calls(rows)) == set(rows["rcid"])


def test_vote_component_values_reversal_and_missing() -> None:
    votes = _votes(
        [
            ("A/RES/68/262", "AAA", "Y"),  # territory, with Ukraine
            ("A/RES/ES-11/1", "AAA", "N"),
            ("A/RES/ES-11/1", "BBB", "X"),  # absent: no evidence
            ("A/RES/ES-11/5", "BBB", "A_or_X"),  # accountability 0.5
            ("A/RES/74/154", "AAA", "Y"),  # sanctions: yes condemns sanctions -> 1
            ("A/RES/74/200", "AAA", "A"),  # -> 0.5
            ("A/RES/99/999", "AAA", "N"),  # not a dimension's text
        ]
    )
    out = ip.vote_components(votes, ["AAA", "BBB"])
    assert out.loc["AAA", "territory"] == pytest.approx(0.5)
    assert math.isnan(out["territory"].to_dict()["BBB"])
    assert out.loc["BBB", "accountability"] == pytest.approx(0.5)
    assert out.loc["AAA", "sanctions"] == pytest.approx(0.75)
    assert math.isnan(out["foreign_forces"].to_dict()["AAA"])


def test_pact_component_sides_both_none_and_corrections() -> None:
    cow = pd.DataFrame({"ccode": [2, 365, 1, 3, 4, 5], "iso3": ["USA", "RUS", "A", "B", "C", "D"]})
    atop = pd.DataFrame(
        {
            "ccode1": [2, 1, 2, 3, 2],
            "ccode2": [1, 365, 3, 365, 5],
            "year": [2018, 2018, 2018, 2010, 2018],
            "atop_defense": [1, 1, 1, 1, 1],
        }
    )
    corrections = pd.DataFrame({"iso3": ["D"], "partner": ["USA"], "not_in_force_from": ["2015"]})
    out = ip.pact_component(atop, cow, corrections, ["A", "B", "C", "D"])
    assert out["A"] == pytest.approx(0.5)  # with both
    assert out["B"] == pytest.approx(0.0)  # with the USA (its 2010 pact with Russia is old)
    assert math.isnan(out["C"]) and math.isnan(out["D"])  # none; left the pact before 2018


def test_scores_average_the_available_components() -> None:
    positions = pd.DataFrame(
        {"iso3": ["AAA", "BBB"], "year": [2023, 2022], "dim1": [1.0, -1.0], "dim2": [0.0, 0.0]}
    )
    items = pd.DataFrame(
        [
            {"rcid": r, "b1": 1.0, "b2": 0.0, "c1": -1.0, "c2": 1.0}
            for r, _ in ip.MODEL_ITEM.values()
        ]
    )
    x = np.array([[1.0, 0.0], [-1.0, 0.0]])
    item = items.to_dict("records")[0]
    model = {d: ip._expected_against(x, item, yes) for d, (_, yes) in ip.MODEL_ITEM.items()}
    votes = _votes([("A/RES/73/194", "AAA", "N")])
    pacts = pd.Series({"AAA": 0.0})
    split = _split([(1, "RUS", "N"), (1, "UKR", "Y"), (1, "AAA", "Y")])
    items = pd.concat([items, pd.DataFrame([{"rcid": 1, **ALIGN_ITEM}])], ignore_index=True)
    out = ip.ideal_scores(positions, items, ["AAA", "BBB"], votes, pacts, split)
    # AAA: model, vote (1) and pact (0); BBB: the model alone
    assert out.loc["AAA", "foreign_forces"] == pytest.approx((model["foreign_forces"][0] + 1) / 3)
    assert out.loc["BBB", "foreign_forces"] == pytest.approx(model["foreign_forces"][1], abs=1e-6)
    assert out.loc["AAA", "territory"] == pytest.approx(model["territory"][0], abs=1e-6)
    # sanctions reads the item the other way round (yes condemns unilateral sanctions)
    assert out.loc["AAA", "sanctions"] != pytest.approx(out.loc["AAA", "territory"])
    # alignment: model, recorded vote on the split roll call (with Ukraine: 0) and pact (0)
    align_model, _ = ip.alignment_components(x, {1: ALIGN_ITEM}, split, ["AAA", "BBB"])
    assert out.loc["AAA", "alignment"] == pytest.approx(align_model["AAA"] / 3, abs=1e-6)
    assert out.loc["BBB", "alignment"] == pytest.approx(align_model["BBB"], abs=1e-6)
    assert ((out >= 0) & (out <= 1)).all().all()


def test_court_component_values_missing_and_unknown_status() -> None:
    status = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE"],
            "status": ["party", "signatory", "signature_withdrawn", "withdrew", "non_signatory"],
        }
    )
    out = ip.court_component(status, ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"])
    assert list(out.iloc[:5]) == [0.0, 0.5, 1.0, 1.0, 1.0]
    assert math.isnan(out["FFF"])  # no row: no evidence
    with pytest.raises(ValueError, match="status"):
        ip.court_component(pd.DataFrame({"iso3": ["AAA"], "status": ["member"]}), ["AAA"])


def test_court_enters_accountability_only() -> None:
    positions = pd.DataFrame({"iso3": ["AAA"], "year": [2023], "dim1": [0.0], "dim2": [0.0]})
    items = pd.DataFrame(
        [
            {"rcid": r, "b1": 1.0, "b2": 0.0, "c1": -1.0, "c2": 1.0}
            for r, _ in ip.MODEL_ITEM.values()
        ]
    )
    votes, pacts, split = _votes([]), pd.Series(dtype=float), _split([])
    without = ip.ideal_scores(positions, items, ["AAA"], votes, pacts, split)
    court = pd.Series({"AAA": 1.0})
    with_court = ip.ideal_scores(positions, items, ["AAA"], votes, pacts, split, court)
    model = float(without["accountability"].iloc[0])
    assert with_court.loc["AAA", "accountability"] == pytest.approx((model + 1.0) / 2, abs=1e-6)
    others = [d for d in DIMENSIONS if d != "accountability"]
    assert with_court[others].equals(without[others])


def test_rome_statute_table_covers_the_members_with_a_source_per_row() -> None:
    with open(ip.UN_DIR / ip.ROME_STATUTE, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(STATES, newline="", encoding="utf-8") as f:
        members = {r["iso3"] for r in csv.DictReader(f)}
    assert {r["iso3"] for r in rows} == members and len(rows) == 193
    assert all(r["status"] in ip.COURT_VALUE and "treaties.un.org" in r["source"] for r in rows)
    # 124 states parties at the end of 2024: 122 UN members plus the Cook Islands and Palestine
    assert sum(r["status"] == "party" for r in rows) == 122


def test_dimension_votes_file_is_the_subset_of_the_roll_calls() -> None:
    committed = (ip.UN_DIR / ip.DIMENSION_VOTES).read_text(encoding="utf-8")
    assert ip.dimension_votes_text() == committed
    rows = list(csv.DictReader(committed.splitlines()))
    texts = {s for t in ip.TEXTS.values() for s, rcid in t if rcid}
    assert {r["resolution"] for r in rows} == texts
    assert all(r["date"] <= "2019-12-31" and r["vote"] in "YNA" for r in rows)
