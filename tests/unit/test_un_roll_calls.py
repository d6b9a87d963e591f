"""The tidy UN roll-call table: series of successor states, codes, no 2025 vote (issue 12)."""

from __future__ import annotations

import pytest

from agents.rules.votes import VoteCode
from builds.un_roll_calls import load_roll_calls, normalized_title


@pytest.fixture(scope="module")
def rc():  # type: ignore[no-untyped-def]
    return load_roll_calls()


def test_votes_are_yes_no_abstain_and_absence_is_missing(rc) -> None:  # type: ignore[no-untyped-def]
    assert set(rc.votes["vote"].unique()) == {VoteCode.YES, VoteCode.NO, VoteCode.ABSTAIN}
    assert not rc.votes.duplicated(["rcid", "iso3"]).any()
    assert rc.votes["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert rc.votes["year"].max() == 2023


def test_successor_series(rc) -> None:  # type: ignore[no-untyped-def]
    span = rc.votes.groupby("iso3")["year"].agg(["min", "max"])
    assert span.loc["RUS", "min"] == 1946  # the USSR's seat
    assert span.loc["CZE", "min"] == 1946  # Czechoslovakia's
    assert span.loc["SVK", "min"] == 1993
    assert span.loc["DEU", "min"] == 1973  # the FRG's
    assert span.loc["DDR", "max"] <= 1990
    assert span.loc["YEM", "min"] == 1947  # the Yemen Arab Republic's
    assert span.loc["YMD", "max"] <= 1990
    assert span.loc["TWN", "max"] == 1971 and span.loc["CHN", "min"] == 1971
    assert span.loc["SRB", "min"] == 1946  # Yugoslavia's
    serbia_years = set(rc.votes.loc[rc.votes["iso3"] == "SRB", "year"])
    assert not serbia_years & set(range(1993, 2000))  # the FRY was not seated


def test_es11_votes_as_sourced(rc) -> None:  # type: ignore[no-untyped-def]
    es1 = rc.votes[rc.votes["rcid"] == 10001]["vote"].value_counts()
    assert (es1[VoteCode.YES], es1[VoteCode.NO], es1[VoteCode.ABSTAIN]) == (141, 5, 35)


def test_normalized_title_drops_the_catalogue_suffix() -> None:
    a = normalized_title(
        "Oceans and the law of the sea : resolution / adopted by the General Assembly"
    )
    assert (
        a == normalized_title("Oceans and the law of the sea ") == "oceans and the law of the sea"
    )
