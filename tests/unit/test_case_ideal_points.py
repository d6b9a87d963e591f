"""The historical cases' UN positions from their own ideal-point fits (builds/cases/ideal_points.py,
builds/cases/common.alignment; ODD 5, issue 12)."""

from __future__ import annotations

import dataclasses
import io
from functools import cache

import numpy as np
import pandas as pd
import pytest

from agents.rules.votes import VoteCode, ordinal_vote_probabilities
from builds.cases import common
from builds.cases import ideal_points as cip
from builds.cases.data import SOURCES, SharedData
from builds.cases.registry import by_name, window
from builds.un_roll_calls import RollCalls, load_roll_calls

SPEC = dataclasses.replace(by_name("korea-1953"), name="toy", victim="V", aggressor="A", proxies={})
#: one roll call that loads on dimension 1: members to the right vote yes
ITEM = (3.0, 0.0, -1.0, 1.0)


def _data(votes: dict[str, dict[str, str]], ideal: dict[str, tuple[float, float]]) -> SharedData:
    return SharedData(
        votes={"toy": votes},
        dates={"toy": {rc: f"1952-0{i + 1}-01" for i, rc in enumerate(votes)}},
        nmc={},
        atop={},
        countries={},
        ideal={"toy": ideal},
        items={"toy": {rc: ITEM for rc in votes}},
    )


def test_alignment_follows_the_ideal_point_not_the_votes_cast() -> None:
    """A member on the aggressor's side of the space leans to it even on roll calls it missed;
    one on the victim's side leans away; the record still gives the absences."""
    votes = {
        "1": {"V": "no", "A": "yes", "NEAR_A": "yes", "NEAR_V": "no"},
        "2": {"V": "no", "A": "yes"},  # NEAR_A and NEAR_V absent
    }
    ideal = {"V": (-2.0, 0.0), "A": (2.0, 0.0), "NEAR_A": (1.5, 0.0), "NEAR_V": (-1.5, 0.0)}
    g, presence, n = common.alignment(SPEC, _data(votes, ideal))
    assert n == 2
    assert g["NEAR_A"] > 0.9 and g["NEAR_V"] < 0.1
    assert g["A"] > g["NEAR_A"] and g["V"] < g["NEAR_V"]
    assert presence["NEAR_A"] == (2, 1)
    # the expected value of the vote: the aggressor's (yes) 1, the victim's (no) 0, abstain 0.5
    p = ordinal_vote_probabilities(np.array([[1.5, 0.0]]), ITEM[:2], ITEM[2], ITEM[3])[0]
    assert g["NEAR_A"] == pytest.approx(p[VoteCode.YES] + 0.5 * p[VoteCode.ABSTAIN])


def test_roll_calls_the_principals_vote_alike_say_nothing() -> None:
    split = {"1": {"V": "no", "A": "yes", "M": "yes"}}
    alike = {**split, "2": {"V": "yes", "A": "yes", "M": "no"}, "3": {"V": "no", "M": "no"}}
    ideal = {"V": (-2.0, 0.0), "A": (2.0, 0.0), "M": (1.0, 0.0)}
    g_split, _, _ = common.alignment(SPEC, _data(split, ideal))
    g_alike, _, n = common.alignment(SPEC, _data(alike, ideal))
    assert n == 3 and g_alike == g_split
    # none split: every member in the middle
    g_none, _, _ = common.alignment(SPEC, _data({"2": alike["2"]}, ideal))
    assert set(g_none.values()) == {0.5}


def test_a_member_or_roll_call_without_a_fit_is_an_error_naming_the_command() -> None:
    votes = {"1": {"V": "no", "A": "yes", "NEW": "yes"}}
    with pytest.raises(ValueError, match=r"NEW.*builds\.cases\.ideal_points"):
        common.alignment(SPEC, _data(votes, {"V": (-1.0, 0.0), "A": (1.0, 0.0)}))


def test_historical_seats_keep_the_case_data_codes() -> None:
    assert cip.historical_codes() == {"CZE": "CSK", "SRB": "YUG"}


@cache
def _roll_calls() -> RollCalls:
    return load_roll_calls(include_es11=False)


def test_a_case_fit_reads_nothing_from_its_start_on_and_keeps_its_whole_window() -> None:
    spec = by_name("falklands-1982")
    train = cip.case_training_data(_roll_calls(), spec)
    first, start = window(spec)
    assert train.calls["date"].max() < f"{start}-01"
    calls = _roll_calls().calls
    in_window = calls[(calls["date"] >= first) & (calls["date"] < f"{start}-01")]
    assert set(in_window["rcid"]) <= set(train.calls["rcid"])
    assert set(train.votes["rcid"]) <= set(train.calls["rcid"])


def test_committed_fit_of_a_case_is_reproduced() -> None:
    """The first case's rows of both committed files come back from a fresh fit (1 s)."""
    spec = by_name("korea-1953")
    pos, items = cip.fit_case(_roll_calls(), spec)
    for name, fitted in ((cip.POSITIONS, pos), (cip.ITEMS, items)):
        committed = pd.read_csv(SOURCES / name, keep_default_na=False)
        committed = committed[committed["case"] == spec.name].drop(columns="case")
        text = io.StringIO()
        fitted.to_csv(text, index=False, lineterminator="\n", float_format="%.4f")
        mine = pd.read_csv(io.StringIO(text.getvalue()), keep_default_na=False)
        pd.testing.assert_frame_equal(mine.reset_index(drop=True), committed.reset_index(drop=True))


def test_every_case_member_has_a_position_and_every_window_roll_call_an_item() -> None:
    from builds.cases.data import shared
    from builds.cases.registry import CASES

    data = shared()
    for spec in CASES:
        members = {iso3 for votes in data.votes[spec.name].values() for iso3 in votes}
        assert members <= set(data.ideal[spec.name]), spec.name
        assert set(data.votes[spec.name]) <= set(data.items[spec.name]), spec.name
