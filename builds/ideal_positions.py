"""Positions on the ceasefire dimensions from UN ideal points (ODD 5, initialisation; issue 12).

For a state that is not hand-set, a *score* in [0, 1] per dimension (0: with Ukraine's texts,
1: against them); ``builds.ukraine_2025`` maps a score to a position between the dimension's
``POS_LOW`` and ``POS_HIGH``. Each dimension reads a different part of the ideal-point estimate
(``scenarios/sources/un/ideal_points.csv``, last fitted year 2023, and the fitted item parameters
of ES-11 texts in ``ideal_point_items.csv``), so the five are no longer one score in five copies:

- territory: the expected vote against ES-11/1 (withdrawal to the internationally recognised
  borders): ``P(no) + P(abstain) / 2`` by ``ordinal_vote_probabilities`` at the state's position;
- accountability: the same on ES-11/5 (reparations), a text many more states abstained on;
- alignment (Ukraine's Western alignment): the state's place on dimension 1 of the ideal points
  (the West against the rest of the Assembly over 75 years), as ``1 − percentile rank``;
  a state's position is its last fitted one (2022 for states whose 2023 vote is not known);
- foreign_forces (foreign troops in Ukraine): the expected vote against A/RES/74/17 (9 Dec 2019,
  "Problem of the militarization of the Autonomous Republic of Crimea ...": the last roll call
  before 2022 on foreign (Russian) forces on Ukraine's territory);
- sanctions: the expected vote against ES-11/6 (the 2023 peace-principles text).

Rationale (fixed before any 2025 result was seen): the territorial and accountability dimensions
are what the ES-11 texts put to a vote; alignment and the presence of foreign forces are the
long-run cleavage the first ideal-point dimension measures.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from agents.rules.votes import VoteCode, ordinal_vote_probabilities

#: dimension -> reference roll call (rcid): ES-11/1, ES-11/5, ES-11/6 and A/RES/74/17 (2019)
ITEMS = {"territory": 10001, "accountability": 10005, "sanctions": 10006, "foreign_forces": 9075}
LAST_YEAR = 2023


def _expected_against(x: np.ndarray, item: Mapping[Hashable, Any]) -> np.ndarray:
    p = ordinal_vote_probabilities(x, [item["b1"], item["b2"]], item["c1"], item["c2"])
    out: np.ndarray = p[:, VoteCode.NO] + 0.5 * p[:, VoteCode.ABSTAIN]
    return out


def _percentile(v: np.ndarray) -> np.ndarray:
    order = np.argsort(np.argsort(v, kind="stable"), kind="stable")
    out: np.ndarray = order / max(len(v) - 1, 1)
    return out


def ideal_scores(positions: pd.DataFrame, items: pd.DataFrame, iso3s: list[str]) -> pd.DataFrame:
    """Scores ``(iso3 x dimension)`` in [0, 1] for the states ``iso3s`` (all must have a
    position up to ``LAST_YEAR``)."""
    positions = positions.astype({"year": int, "dim1": float, "dim2": float})
    items = items.astype({"rcid": int, "b1": float, "b2": float, "c1": float, "c2": float})
    pos = positions[positions["year"] <= LAST_YEAR].sort_values("year").groupby("iso3").last()
    missing = sorted(set(iso3s) - set(pos.index))
    if missing:
        raise ValueError(f"ideal_points.csv: no position for {missing}")
    x = pos.loc[iso3s, ["dim1", "dim2"]].to_numpy(float)
    item_of = {int(r["rcid"]): r for r in items.to_dict("records")}
    out = pd.DataFrame(index=pd.Index(iso3s, name="iso3"))
    for dim, rcid in ITEMS.items():
        out[dim] = _expected_against(x, item_of[rcid])
    out["alignment"] = 1.0 - _percentile(x[:, 0])
    return out.round(6)
