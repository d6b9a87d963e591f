"""Positions on the ceasefire dimensions from UN ideal points and dimension-specific evidence
(ODD 5, initialisation; issue 12).

For a state that is not hand-set, a *score* in [0, 1] per dimension (0: with Ukraine's line,
1: against it); ``builds.ukraine_2025`` maps a score to a position between the dimension's
``POS_LOW`` and ``POS_HIGH``. Each dimension reads the evidence that is about *that* dimension,
so the five are no longer one score in five copies. The mapping was fixed on substantive grounds
before it was measured (and before any 2025 result was seen); no weight was tuned to the
correlation target or to the hindcast.

Components (each in [0, 1], 0 = Ukraine's side):

- **model**: the state's expected vote against the dimension's reference text, from its ideal
  point (``scenarios/sources/un/ideal_points.csv``, last fitted year up to 2023) and the text's
  fitted item parameters (``ideal_point_items.csv``): ``P(no) + P(abstain) / 2`` by
  ``ordinal_vote_probabilities`` (for a text whose *yes* is against Ukraine's line,
  ``P(yes) + P(abstain) / 2``). The ideal point carries the state's long-run stance and fills in
  for votes it did not cast.
- **votes**: the mean of the state's own recorded votes on the dimension's texts (yes on a text
  with Ukraine 0, abstain 0.5, no 1; reversed for a text against Ukraine's line; ES-11/5's
  "abstained or absent" 0.5; absences carry no evidence and are skipped). The 2014-2019 votes are
  a row subset of Voeten's roll calls (``dimension_votes_2014_2019.csv``, written by
  ``python -m builds.ideal_positions``); the ES-11 votes of 2022-2023 are
  ``scenarios/sources/ukraine-2025/un_votes_ukraine_2022_2023.csv`` (no vote after 2023).
- **pacts** (foreign forces and alignment): ATOP v5 defence pacts in 2018, its last coded year
  (``atop_defence_pacts_usa_rus_chn_2010_2018.csv``): a pact with the USA 0, with Russia or
  China 1, with both 0.5; no pact with any of them: no evidence. The distributed dyad-years still
  code Mexico, Bolivia, Ecuador, Nicaragua and Venezuela in the Rio Treaty in 2018, which they had
  denounced (2002, 2012); ``atop_pact_corrections.csv`` drops those pacts (one source per row).
- **court** (accountability only): the state's status under the Rome Statute of the International
  Criminal Court at 31 Dec 2024 (``rome_statute_status_2024.csv``, UN Treaty Collection chapter
  XVIII.10, one source per row): a party (the Statute in force for it) 0; a signatory that had
  not ratified 0.5; a state that withdrew its signature (USA 2002, Israel 2002, Sudan 2008,
  Russia 2016), withdrew from the Statute (Burundi 2017, the Philippines 2019) or never signed 1.
  Why: the accountability term is whether the war's leaders answer to international criminal
  justice, and a state party has itself accepted the Court's jurisdiction over its own nationals
  and territory and is bound to execute its warrants, the warrant of 17 Mar 2023 against
  Russia's president among them. The evidence is the state's own standing commitment, made
  mostly in 1998-2011 and not about Russia, and it cuts across the West/rest divide (33 African
  and 28 Latin American and Caribbean parties; Türkiye, Israel, the Gulf states, India,
  Indonesia and Singapore not parties). ASSUMPTION: a signature counts half, for the Vienna
  Convention (art. 18) binds a signatory not to defeat the treaty's object and purpose but it
  has not accepted the jurisdiction; a withdrawn signature or membership is an explicit refusal
  and counts as no signature. Ukraine's ratification (deposited 25 Oct 2024) entered into force
  on 1 Jan 2025, so the table codes it a signatory; Ukraine is hand-set, so the row is not read.

Dimension by dimension (texts, reference item, why):

- territory: A/RES/68/262 (27 Mar 2014, "Territorial integrity of Ukraine"), ES-11/1 (2 Mar
  2022, withdrawal to the recognised borders) and ES-11/4 (12 Oct 2022, the annexations; its
  sources name only the 14 states that did not vote yes, so it counts for those 14 and is
  missing for the rest); reference item ES-11/1. These texts are the territorial question itself.
- accountability: the four resolutions on the situation of human rights in Crimea (A/RES/71/205,
  72/190, 73/263, 74/168; 2016-2019) and ES-11/5 (14 Nov 2022, reparations); reference item
  ES-11/5. Responsibility of the occupying power for what happens under occupation. Plus the
  court component (Rome Statute status), the one piece of evidence not from a roll call.
- foreign_forces: the two resolutions on the militarization of Crimea (A/RES/73/194, 2018;
  74/17, 2019: Russian forces on Ukraine's territory) and the defence pacts (whether a state is
  allied with the USA, the guarantor of a Western force, or with Russia); reference item 74/17.
- sanctions: the yearly "Human rights and unilateral coercive measures" (A/RES/69/180, 70/151,
  71/193, 72/168, 73/167, 74/154) and biennial "Unilateral economic measures as a means of
  political and economic coercion against developing countries" (70/185, 72/201, 74/200):
  *yes* condemns unilateral sanctions, so yes = 1; reference item 74/154 (yes = 1). Whether a
  state applies sanctions on Russia (Russia's 'unfriendly' list of 5 Mar 2022) stays the
  position-range rule of ``builds.ukraine_2025`` (``SANCTIONS_LOW``), not a component here.
- alignment (Ukraine's NATO path against neutrality): the General Assembly has voted no text on
  it, so its evidence is the record of the bloc confrontation itself: the roll calls of
  ``ALIGNMENT_YEARS`` (2018-2019, the last regular sessions in the data, whose items the fit
  keeps) on which Russia and Ukraine cast different votes, other than another dimension's texts
  (``split_votes_rus_ukr_2018_2019.csv``, written by ``python -m builds.ideal_positions``:
  disarmament and outer space, information security, the glorification of Nazism, development
  and the international economic order, country human-rights texts ...). On each, the vote
  Russia cast counts 1, Ukraine's 0 and the third option 0.5: the *model* component is its
  expectation under the state's ideal point and the roll call's fitted item, the *votes*
  component the mean of the state's recorded values; plus the *pacts* (an alliance with the USA
  or with Russia or China is alignment itself). Until this revision the dimension was
  ``1 - percentile rank`` on ideal-point dimension 1, whose far end in 2023 is the Arab states
  (the first dimension also carries the Middle East votes): it placed Kuwait, Qatar and Bahrain,
  major non-NATO allies of the USA, beside Belarus and North Korea and above Russia's CSTO
  allies. Changed for that reason, decided before the new structure was measured.

Covariates considered and not used (decided on their substance, before the structure was
measured with any of them):

- territory, recognition of Kosovo: not about this dimension. Kosovo is a secession from a
  state under UN administration, not a neighbour's annexation by force; who recognised it
  followed alignment with the USA and the EU or with Serbia and Russia as much as any principle,
  and its direction is ambiguous: Spain, Cyprus, Greece, Romania and Slovakia refuse it for fear
  of their own secessionists and stand with Ukraine, while Russia and China also refuse it and
  Russia cites Kosovo as the precedent for Crimea. Coding recognisers as against Ukraine's line
  would place the Western states that recognised it on Russia's side of the territory question.
- territory, a state's own breakaway or occupied territory (Georgia, Moldova, Cyprus, Somalia,
  Syria, Serbia ...): the vulnerability argument is weak in the literature (Saideman 1997,
  International Organization 51(4): vulnerability to secession does not restrain states' support
  for secessionists; ties and alignment do), the coding of "own territory held by another"
  needs contested judgements state by state (Kashmir, the Kurils, Western Sahara, the
  Falklands), and a list could not be sourced row by row to the standard of the other tables.
- foreign forces, contributing troops to UN peacekeeping: the peacekeeping principles stress
  the consent of the parties, so the direction for a force that Russia rejects is ambiguous.
  Constitutional neutrality is about a state's own forces, not a force in Ukraine.
- sanctions, trade exposure to Russia (who bears the cost of sanctions): about the dimension,
  but no per-state source dated before 2025 is among the committed data, and being a target of
  Western sanctions oneself runs along the West/rest divide and is already in the votes on
  unilateral coercive measures.

Rule: a dimension's score is the **mean of the components the state has** (ASSUMPTION: equal
weights, one per kind of evidence, for want of a source that ranks them). Missing evidence is
explicit: a state that cast none of a dimension's votes, or has no pact, or no row in the
Rome Statute table, is scored on the other components; every state has the model component
(all 193 have an ideal point up to 2023, checked), so no score is ever undefined.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from agents.rules.votes import VoteCode, ordinal_vote_probabilities
from builds.patrons import ended_pacts

UN_DIR = Path(__file__).resolve().parents[1] / "scenarios" / "sources" / "un"
DIMENSION_VOTES = "dimension_votes_2014_2019.csv"
LAST_YEAR = 2023
ATOP_YEAR = 2018
#: alignment reads the roll calls of these years on which these two cast different votes; the
#: first one's vote counts 1, the second's 0, the third option 0.5
ALIGNMENT_YEARS = (2018, 2019)
ALIGNMENT_SIDES = ("RUS", "UKR")
SPLIT_VOTES = "split_votes_{}_{}_{}_{}.csv".format(
    *map(str.lower, ALIGNMENT_SIDES), *ALIGNMENT_YEARS
)

#: dimension -> (reference rcid in ideal_point_items.csv, True when *yes* is against Ukraine's line)
MODEL_ITEM: dict[str, tuple[int, bool]] = {
    "territory": (10001, False),  # ES-11/1
    "accountability": (10005, False),  # ES-11/5
    "foreign_forces": (9075, False),  # A/RES/74/17
    "sanctions": (9073, True),  # A/RES/74/154
}
#: dimension -> texts read as the state's own votes: (symbol, Voeten rcid or 0 for an ES-11 text)
TEXTS: dict[str, tuple[tuple[str, int], ...]] = {
    "territory": (("A/RES/68/262", 5309), ("A/RES/ES-11/1", 0), ("A/RES/ES-11/4", 0)),
    "accountability": (
        ("A/RES/71/205", 5489),
        ("A/RES/72/190", 5558),
        ("A/RES/73/263", 6155),
        ("A/RES/74/168", 9111),
        ("A/RES/ES-11/5", 0),
    ),
    "foreign_forces": (("A/RES/73/194", 6125), ("A/RES/74/17", 9075)),
    "sanctions": (
        ("A/RES/69/180", 5373),
        ("A/RES/70/151", 5450),
        ("A/RES/70/185", 5460),
        ("A/RES/71/193", 5484),
        ("A/RES/72/168", 5561),
        ("A/RES/72/201", 5586),
        ("A/RES/73/167", 6126),
        ("A/RES/74/154", 9073),
        ("A/RES/74/200", 9133),
    ),
}
#: the votes a member can cast (the ordinal categories)
CAST = (VoteCode.YES, VoteCode.NO, VoteCode.ABSTAIN)
#: dimensions whose texts' *yes* is against Ukraine's line
YES_AGAINST = frozenset({"sanctions"})
#: recorded vote -> value for a text with Ukraine; A_or_X: ES-11/5 "abstained or absent"
VOTE_VALUE = {"Y": 0.0, "A": 0.5, "A_or_X": 0.5, "N": 1.0}
PACT_VALUE = {"USA": 0.0, "RUS": 1.0, "CHN": 1.0}
ROME_STATUTE = "rome_statute_status_2024.csv"
#: Rome Statute status at 31 Dec 2024 -> accountability evidence (0 = accepts the Court)
COURT_VALUE = {
    "party": 0.0,
    "signatory": 0.5,
    "signature_withdrawn": 1.0,
    "withdrew": 1.0,
    "non_signatory": 1.0,
}


def _expected_against(x: np.ndarray, item: Mapping[Hashable, Any], yes_against: bool) -> np.ndarray:
    """``P(against) + P(abstain) / 2`` on one text: :func:`expected_side` with the vote against
    Ukraine's line as the first side and the opposite vote as the second."""
    against, with_ukraine = (
        (VoteCode.YES, VoteCode.NO) if yes_against else (VoteCode.NO, VoteCode.YES)
    )
    table = np.array([[item["b1"], item["b2"], item["c1"], item["c2"]]], dtype=float)
    return expected_side(x, table, np.array([against]), np.array([with_ukraine]))


def last_positions(
    positions: pd.DataFrame, iso3s: list[str], last_year: int = LAST_YEAR
) -> pd.DataFrame:
    """Each state's ideal point ``(iso3 x [year, dim1, dim2])`` of its latest fitted year up to
    ``last_year`` (all of ``iso3s`` must have one)."""
    positions = positions.astype({"year": int, "dim1": float, "dim2": float})
    pos = positions[positions["year"] <= last_year].sort_values("year").groupby("iso3").last()
    missing = sorted(set(iso3s) - set(pos.index))
    if missing:
        raise ValueError(f"ideal_points.csv: no position for {missing}")
    return pos.loc[iso3s, ["year", "dim1", "dim2"]]


def vote_components(votes: pd.DataFrame, iso3s: list[str]) -> pd.DataFrame:
    """Mean vote value ``(iso3 x dimension)`` on each dimension's texts; NaN where the state cast
    none. ``votes``: resolution, iso3, vote (Y, N, A, A_or_X; other codes are skipped)."""
    out = pd.DataFrame(index=pd.Index(iso3s, name="iso3"))
    for dim, texts in TEXTS.items():
        rows = votes[votes["resolution"].isin([s for s, _ in texts])]
        rows = rows[rows["vote"].isin(list(VOTE_VALUE))]
        value = rows["vote"].map(VOTE_VALUE).astype(float)
        if dim in YES_AGAINST:
            value = 1.0 - value
        out[dim] = value.groupby(rows["iso3"]).mean().reindex(out.index)
    return out


def pact_component(
    atop: pd.DataFrame, cow: pd.DataFrame, corrections: pd.DataFrame, iso3s: list[str]
) -> pd.Series:
    """Foreign-forces and alignment evidence from ATOP defence pacts in ``ATOP_YEAR``: mean of
    ``PACT_VALUE`` over the powers a state is allied with; NaN without such a pact.
    ``corrections`` (iso3, partner, not_in_force_from) drops pacts a state had left by
    ``ATOP_YEAR``."""
    code = dict(zip(cow["ccode"].astype(int), cow["iso3"], strict=True))
    atop = atop.astype(int)
    atop = atop[(atop["year"] == ATOP_YEAR) & (atop["atop_defense"] == 1)]
    pairs = pd.concat(
        [
            pd.DataFrame({"a": atop["ccode1"].map(code), "b": atop["ccode2"].map(code)}),
            pd.DataFrame({"a": atop["ccode2"].map(code), "b": atop["ccode1"].map(code)}),
        ]
    )
    pairs = pairs[pairs["b"].isin(list(PACT_VALUE))].drop_duplicates()
    ended = ended_pacts(corrections, ATOP_YEAR)
    pairs = pairs[[(a, b) not in ended for a, b in zip(pairs["a"], pairs["b"], strict=True)]]
    value = pairs["b"].map(PACT_VALUE).astype(float).groupby(pairs["a"]).mean()
    return value.reindex(pd.Index(iso3s, name="iso3"))


def court_component(status: pd.DataFrame, iso3s: list[str]) -> pd.Series:
    """Accountability evidence from the Rome Statute table (iso3, status): ``COURT_VALUE`` of
    the state's status; NaN for a state without a row. An unknown status is an error."""
    unknown = sorted(set(status["status"]) - set(COURT_VALUE))
    if unknown:
        raise ValueError(f"{ROME_STATUTE}: status {unknown} not in {sorted(COURT_VALUE)}")
    value = pd.Series(
        status["status"].map(COURT_VALUE).astype(float).to_numpy(), index=status["iso3"]
    )
    return value.reindex(pd.Index(iso3s, name="iso3"))


def split_roll_calls(split_votes: pd.DataFrame) -> dict[int, tuple[VoteCode, VoteCode]]:
    """rcid -> (first side's vote, second side's) of ``ALIGNMENT_SIDES`` for the roll calls of
    ``split_votes`` (rcid, iso3, vote letter) on which both cast different recorded votes."""
    codes = {c.letter: c for c in CAST}
    side = split_votes[split_votes["iso3"].isin(ALIGNMENT_SIDES) & split_votes["vote"].isin(codes)]
    cast = side.pivot(index="rcid", columns="iso3", values="vote").reindex(
        columns=list(ALIGNMENT_SIDES)
    )
    cast = cast.dropna()
    cast = cast[cast.iloc[:, 0] != cast.iloc[:, 1]]
    return {int(r): (codes[a], codes[b]) for r, a, b in cast.itertuples(name=None)}


def expected_side(
    x: np.ndarray, items: np.ndarray, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """Which of two sides a member takes, expected under its ideal point (ODD 5): over roll calls
    on which the sides voted differently, the mean expected value of its vote, the first side's
    vote 1, the second's 0, the third option 0.5 (the ordinal logit of
    ``ordinal_vote_probabilities``). ``x`` (N, K) ideal points; ``items`` (J, K + 2): the
    discrimination, then the two cut points; ``first``, ``second`` (J,) vote codes (YES, NO,
    ABSTAIN), different on every roll call. Returns (N,); 0.5 for no roll call."""
    j = len(items)
    if j == 0:
        return np.full(len(x), 0.5)
    k = x.shape[1]
    p = ordinal_vote_probabilities(x[None], items[:, :k], items[:, k], items[:, k + 1])
    first = np.asarray(first, int)
    third = int(sum(CAST)) - first - np.asarray(second, int)
    pick = np.take_along_axis
    own = pick(p, first[:, None, None], axis=2)[..., 0]
    other = pick(p, third[:, None, None], axis=2)[..., 0]
    out: np.ndarray = (own + 0.5 * other).mean(axis=0)
    return out


def alignment_components(
    x: np.ndarray,
    item_of: Mapping[int, Mapping[Hashable, Any]],
    split_votes: pd.DataFrame,
    iso3s: list[str],
) -> tuple[pd.Series, pd.Series]:
    """(model, votes) components of alignment over the roll calls of :func:`split_roll_calls`:
    the first side's vote 1, the second's 0, the third option 0.5; model: its expectation at
    the ideal points ``x`` (rows in ``iso3s`` order) under each roll call's item
    (:func:`expected_side`); votes: the mean of the recorded values (NaN for a state that cast
    none)."""
    split = split_roll_calls(split_votes)
    missing = sorted(set(split) - set(item_of))
    if missing:
        raise ValueError(f"ideal_point_items.csv: no item for split roll calls {missing}")
    table = np.array(
        [[item_of[r][c] for c in ("b1", "b2", "c1", "c2")] for r in split], dtype=float
    ).reshape(len(split), 4)
    sides = np.array(list(split.values()), dtype=int).reshape(len(split), 2)
    index = pd.Index(iso3s, name="iso3")
    model = pd.Series(expected_side(x, table, sides[:, 0], sides[:, 1]), index=index)
    rows = split_votes[split_votes["rcid"].isin(list(split))]
    value = [
        1.0 if v == split[r][0].letter else 0.0 if v == split[r][1].letter else 0.5
        for r, v in zip(rows["rcid"], rows["vote"], strict=True)
    ]
    cast = rows["vote"].isin([c.letter for c in CAST]).to_numpy()
    recorded = pd.Series(value, index=rows.index)[cast].groupby(rows["iso3"][cast]).mean()
    return model, recorded.reindex(index)


def ideal_scores(
    positions: pd.DataFrame,
    items: pd.DataFrame,
    iso3s: list[str],
    votes: pd.DataFrame,
    pacts: pd.Series,
    split_votes: pd.DataFrame,
    court: pd.Series | None = None,
) -> pd.DataFrame:
    """Scores ``(iso3 x dimension)`` in [0, 1]: the mean of the available components (model,
    votes, pacts, court) per dimension; ``votes`` as for :func:`vote_components`, ``pacts``
    from :func:`pact_component`, ``split_votes`` the roll calls alignment reads (rcid, iso3,
    vote letter; :func:`alignment_components`), ``court`` from :func:`court_component` (None:
    no such component)."""
    items = items.astype({"rcid": int, "b1": float, "b2": float, "c1": float, "c2": float})
    x = last_positions(positions, iso3s)[["dim1", "dim2"]].to_numpy(float)
    item_of = {int(r["rcid"]): r for r in items.to_dict("records")}
    own = vote_components(votes, iso3s)
    out = pd.DataFrame(index=pd.Index(iso3s, name="iso3"))
    for dim, (rcid, yes_against) in MODEL_ITEM.items():
        parts = [pd.Series(_expected_against(x, item_of[rcid], yes_against), index=out.index)]
        parts.append(own[dim])
        if dim == "foreign_forces":
            parts.append(pacts.reindex(out.index))
        if dim == "accountability" and court is not None:
            parts.append(court.reindex(out.index))
        out[dim] = pd.concat(parts, axis=1).mean(axis=1, skipna=True)
    model, recorded = alignment_components(x, item_of, split_votes, iso3s)
    parts = [model, recorded, pacts.reindex(out.index)]
    out["alignment"] = pd.concat(parts, axis=1).mean(axis=1, skipna=True)
    return out.round(6)


def dimension_votes_text() -> str:
    """The 2014-2019 votes on the texts of ``TEXTS`` as CSV (rcid, resolution, date, iso3, vote),
    a row subset of the committed Voeten roll calls."""
    from builds.un_roll_calls import load_roll_calls  # reads 870,000 rows: only when asked

    rc = load_roll_calls(include_es11=False)
    wanted = {rcid: sym for texts in TEXTS.values() for sym, rcid in texts if rcid}
    date = {int(k): str(d) for k, d in zip(rc.calls["rcid"], rc.calls["date"], strict=True)}
    v = rc.votes[rc.votes["rcid"].isin(list(wanted))].sort_values(["rcid", "iso3"])
    missing = set(wanted) - set(v["rcid"])
    if missing:
        raise ValueError(f"un_votes_1946_2019.csv.gz: no votes for rcids {sorted(missing)}")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["rcid", "resolution", "date", "iso3", "vote"])
    for rcid, iso3, vote in zip(v["rcid"], v["iso3"], v["vote"], strict=True):
        k = int(rcid)
        w.writerow([k, wanted[k], date[k], iso3, VoteCode(int(vote)).letter])
    return buf.getvalue()


def split_votes_text() -> str:
    """Every recorded vote on the roll calls of ``ALIGNMENT_YEARS`` on which the two
    ``ALIGNMENT_SIDES`` cast different votes, other than the texts of ``TEXTS``, as CSV (rcid,
    date, iso3, vote), a row subset of the committed Voeten roll calls."""
    from builds.un_roll_calls import load_roll_calls  # reads 870,000 rows: only when asked

    rc = load_roll_calls(include_es11=False)
    calls = rc.calls[rc.calls["year"].between(*ALIGNMENT_YEARS)]
    taken = {rcid for texts in TEXTS.values() for _, rcid in texts}
    votes = rc.votes[rc.votes["rcid"].isin(calls["rcid"]) & ~rc.votes["rcid"].isin(taken)]
    letters = votes.assign(vote=[VoteCode(int(v)).letter for v in votes["vote"]])
    split = split_roll_calls(letters[["rcid", "iso3", "vote"]])
    v = letters[letters["rcid"].isin(list(split))].sort_values(["rcid", "iso3"])
    date = {int(k): str(d) for k, d in zip(calls["rcid"], calls["date"], strict=True)}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["rcid", "date", "iso3", "vote"])
    for rcid, iso3, vote in zip(v["rcid"], v["iso3"], v["vote"], strict=True):
        w.writerow([int(rcid), date[int(rcid)], iso3, vote])
    return buf.getvalue()


def main() -> None:
    for name, text in (
        (DIMENSION_VOTES, dimension_votes_text()),
        (SPLIT_VOTES, split_votes_text()),
    ):
        path = UN_DIR / name
        path.write_bytes(text.encode("utf-8"))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
