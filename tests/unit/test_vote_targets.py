"""A text's ``targets`` and the targeted veto cost: input checks, the engine's use of them, the
ukraine-2025 texts and the coding of the veto record (ODD 7.8; issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from agents.rules.votes import VoteCode
from builds.un_roll_calls import UN_DIR
from builds.veto_costs import LAST_TARGETED_YEAR, TARGETS, targeted_drafts
from model.stages.votes import item_probabilities
from model.world import compile_world
from scenarios import load_scenario
from tests.unit.scenario_factory import Spec
from tests.unit.test_scenario_errors import find, problems_of
from tests.unit.test_vote_items import with_items

TOML, STATES = "scenario.toml", "states.csv"


def targeted_spec(targets: object, cost: str = "6", targeted_cost: str = "0.05") -> Spec:
    """RUS dislikes S1 (a steep item, RUS far on the first dimension): with targets on S1."""
    s = with_items(Spec(), b=[-3.0, 0.0], veto_cost=cost)
    s.toml["resolutions"][2]["targets"] = targets
    for row in s.states:
        row["veto_cost_targeted"] = targeted_cost if row["sc_seat"] == "permanent" else ""
    return s


def _set_state(s: Spec, iso3: str, **cells: str) -> None:
    """Set cells of one state's row (a new column is added, empty, to every row first)."""
    for row in s.states:
        for column in cells:
            row.setdefault(column, "")
    s.state(iso3).update(cells)


ERRORS: dict[str, tuple[Callable[[Spec], object], str, str, str, str]] = {
    "targets not a list": (
        lambda s: s.toml["resolutions"][2].update(targets="RUS"),
        TOML,
        "targets",
        "'RUS'",
        "a list of distinct ISO3 codes",
    ),
    "targets an unknown state": (
        lambda s: s.toml["resolutions"][2].update(targets=["RU"]),
        TOML,
        "targets",
        "'RU'",
        "an iso3 of the scenario's states",
    ),
    "targets twice the same state": (
        lambda s: s.toml["resolutions"][2].update(targets=["RUS", "RUS"]),
        TOML,
        "targets",
        "['RUS', 'RUS']",
        "distinct ISO3 codes",
    ),
    "targeted veto cost of an elected member": (
        lambda s: _set_state(s, "USA", sc_seat="elected", veto_cost="", veto_cost_targeted="1"),
        STATES,
        "veto_cost_targeted",
        "1",
        "only a permanent member's no is a veto",
    ),
    "targeted veto cost out of range": (
        lambda s: _set_state(s, "RUS", veto_cost_targeted="-30"),
        STATES,
        "veto_cost_targeted",
        "-30",
        "a finite number in [-20, 20]",
    ),
    "targeted no share of 1 (infinite odds)": (
        lambda s: _set_state(s, "RUS", targeted_no_share="1"),
        STATES,
        "targeted_no_share",
        "1",
        "a finite number in (0, 0.9999]",
    ),
    "targeted no share not a number": (
        lambda s: _set_state(s, "RUS", targeted_no_share="most"),
        STATES,
        "targeted_no_share",
        "'most'",
        "a finite number in (0, 0.9999]",
    ),
}


@pytest.mark.parametrize("case", ERRORS.values(), ids=ERRORS.keys())
def test_bad_targets_input_is_named(
    case: tuple[Callable[[Spec], object], str, str, str, str], tmp_path: Path
) -> None:
    edit, file, field, value, allowed = case
    s = targeted_spec(["RUS"])
    edit(s)
    find(problems_of(s.write(tmp_path / "bad")), file, field, value, allowed)


def test_targets_round_trip_through_the_writer(tmp_path: Path) -> None:
    s = load_scenario(targeted_spec(["RUS"]).write(tmp_path / "a"))
    again = load_scenario(s.write(tmp_path / "b"))
    assert again.content_hash == s.content_hash
    assert again.resolutions[2].targets == ("RUS",)
    rus = again.states[again.index("RUS")]
    assert rus.veto_cost == 6.0 and rus.veto_cost_targeted == 0.05
    assert rus.targeted_no_share is None
    s2 = targeted_spec(["RUS"])
    _set_state(s2, "RUS", targeted_no_share="0.98")
    with_share = load_scenario(s2.write(tmp_path / "c"))
    again = load_scenario(with_share.write(tmp_path / "d"))
    assert again.content_hash == with_share.content_hash != s.content_hash
    assert again.states[again.index("RUS")].targeted_no_share == 0.98


def test_targeted_no_probability_known_answers() -> None:
    """σ(logit(g) − κ): no cost gives the record's share; κ = logit(g) gives one half; a cost
    of logit(g) − logit(v) gives v (what ``builds.veto_costs`` measured); batch shapes kept."""
    from agents.rules.votes import targeted_no_probability

    g = 0.983
    lg = np.log(g / (1 - g))
    assert targeted_no_probability(g) == pytest.approx(g)
    assert targeted_no_probability(g, lg) == pytest.approx(0.5)
    v = 0.887
    assert targeted_no_probability(g, lg - np.log(v / (1 - v))) == pytest.approx(v)
    out = targeted_no_probability(np.full((4, 3), g), np.zeros(3))
    assert out.shape == (4, 3)


def test_with_targeted_no_keeps_the_yes_abstain_ratio() -> None:
    from agents.rules.votes import with_targeted_no

    p = np.array([[[0.2, 0.5, 0.3], [0.6, 0.1, 0.3], [0.0, 1.0, 0.0]]])
    out = with_targeted_no(p, np.array([[0.9, np.nan, 0.8]]))
    np.testing.assert_allclose(out.sum(-1), 1.0)
    np.testing.assert_allclose(out[0, 0], [0.1 * 0.4, 0.9, 0.1 * 0.6])
    np.testing.assert_allclose(out[0, 1], p[0, 1])
    np.testing.assert_allclose(out[0, 2], [0.1, 0.8, 0.1])  # no yes or abstain before: equal


def test_targeted_member_with_a_record_votes_no_at_its_record_rate(tmp_path: Path) -> None:
    """With ``targeted_no_share`` g the targeted permanent member's P(no) on a Council text is
    σ(logit g − κ_T), whatever its item says; in the Assembly (no veto cost) it is g; the
    others are unaffected."""
    s = targeted_spec(["RUS"], targeted_cost="2.0")
    _set_state(s, "RUS", targeted_no_share="0.98")
    world = compile_world(load_scenario(s.write(tmp_path / "a")))
    bare = targeted_spec(["RUS"], targeted_cost="2.0")
    plain = compile_world(load_scenario(bare.write(tmp_path / "b")))
    rus = world.scenario.index("RUS")
    s1 = next(k for k, v in enumerate(world.votes) if v.id == "S1")
    p = item_probabilities(world, world.votes[s1])
    expected = 1 / (1 + np.exp(-(np.log(0.98 / 0.02) - 2.0)))
    assert p[rus, VoteCode.NO] == pytest.approx(expected)
    np.testing.assert_allclose(p.sum(-1), 1.0)
    others = np.arange(world.n) != rus
    np.testing.assert_allclose(p[others], item_probabilities(plain, plain.votes[s1])[others])


def test_targeted_member_vetoes_where_it_would_abstain(tmp_path: Path) -> None:
    """Known answer: the same dislike of S1; untargeted, Russia's veto cost (6) makes it abstain;
    targeted, the targeted cost (0.05) leaves its no, a veto. The USA (not targeted) and the
    Assembly's texts are unaffected."""
    plain = compile_world(load_scenario(targeted_spec([]).write(tmp_path / "a")))
    hit = compile_world(load_scenario(targeted_spec(["RUS"]).write(tmp_path / "b")))
    rus, usa = plain.scenario.index("RUS"), plain.scenario.index("USA")
    s1 = next(k for k, v in enumerate(plain.votes) if v.id == "S1")
    before = item_probabilities(plain, plain.votes[s1])
    after = item_probabilities(hit, hit.votes[s1])
    assert np.argmax(before[rus]) == VoteCode.ABSTAIN
    assert np.argmax(after[rus]) == VoteCode.NO and after[rus, VoteCode.NO] > 0.9
    np.testing.assert_allclose(before[usa], after[usa])
    np.testing.assert_allclose(before[:, VoteCode.YES], after[:, VoteCode.YES])
    np.testing.assert_allclose(
        item_probabilities(plain, plain.votes[0]), item_probabilities(hit, hit.votes[0])
    )


def test_ukraine_council_texts_carry_targets_and_costs() -> None:
    s = load_scenario("ukraine-2025")
    council = {r.id: r.targets for r in s.resolutions if r.forum == "security_council"}
    assert council == {"S/RES/2774": (), "S/RES/2774/EU-amendment-sovereignty": ("RUS",)}
    table = pd.read_csv(UN_DIR / "veto_costs.csv").set_index("iso3")
    for row in s.states:
        if row.sc_seat == "permanent":
            expected = table.loc[row.iso3, "veto_cost_targeted"]
            assert row.veto_cost_targeted == pytest.approx(expected, abs=5e-5)
            share = table.loc[row.iso3, "targeted_no_share"]
            assert row.targeted_no_share == pytest.approx(share, abs=5e-5)
        else:
            assert row.veto_cost_targeted is None and row.targeted_no_share is None


def test_scenario_format_doc_quotes_the_loaders_bounds() -> None:
    """docs/scenario-format.md states the veto-cost and targeted-share bounds the loader uses."""
    from scenarios.validate_tables import TARGETED_NO_SHARE_MAX, VETO_COST_BOUND

    doc = (Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md").read_text()
    b = f"{VETO_COST_BOUND:g}"
    assert f"| [0, {b}]; a permanent member's cost" in doc
    assert f"| [-{b}, {b}]; the same on a text whose `targets`" in doc
    assert f"| (0, {TARGETED_NO_SHARE_MAX:g}]; the share of no" in doc


def test_targeted_no_probabilities_only_where_targeted_with_a_record() -> None:
    from agents.rules.votes import targeted_no_probabilities, targeted_no_probability

    out = targeted_no_probabilities(
        [True, True, False], [0.98, np.nan, 0.98], np.array([[2.0, 0.0, 0.0]] * 2)
    )
    assert out.shape == (2, 3)
    np.testing.assert_allclose(out[:, 0], targeted_no_probability(0.98, 2.0))
    assert np.isnan(out[:, 1:]).all()


def test_veto_record_coding_stops_before_the_2022_drafts() -> None:
    """No coded draft or General Assembly pattern reaches 2022, and the coded drafts are vetoes
    of the record cast before it (each by the member it targets)."""
    coding = pd.read_csv(TARGETS)
    assert coding["last_year"].max() <= LAST_TARGETED_YEAR < 2022
    tested = set(pd.read_csv(UN_DIR / "sc_drafts_2022.csv")["draft"])
    pairs = targeted_drafts(coding)
    assert not {d for d, _ in pairs} & tested
    record = pd.read_csv(UN_DIR / "unsc_vetoes_1946_2022.csv")
    before = record[record["year"] <= LAST_TARGETED_YEAR]
    assert {d for d, _ in pairs} <= set(before["draft"])
    assert coding["reason"].str.strip().astype(bool).all()
    assert coding["source"].str.strip().astype(bool).all()


def test_veto_costs_file_is_the_builds_output() -> None:
    """``python -m builds.veto_costs`` reproduces the committed table; the targeted cost is one
    pooled number."""
    from builds.veto_costs import OUT, veto_costs

    built = veto_costs()
    committed = pd.read_csv(OUT)
    pd.testing.assert_frame_equal(built, committed, check_dtype=False, atol=5e-4)
    assert committed["veto_cost_targeted"].nunique() == 1


def test_adopted_targeting_table_is_sourced_and_before_the_test() -> None:
    """Each adopted resolution coded as targeting a permanent member is dated before 2022, names a
    permanent member, its vote (not a veto: it was adopted), the operative words, the reason and
    the source; none is a vetoed draft, and none is also among the rejected candidates."""
    from builds.veto_costs import ADOPTED, MEMBERS

    adopted = pd.read_csv(ADOPTED)
    assert len(adopted) > 0
    assert set(adopted["member"]) <= set(MEMBERS)
    assert set(adopted["vote"]) <= {"yes", "abstained", "did_not_participate", "absent"}
    assert set(adopted["disputed"]) <= {"yes", "no"}
    assert (adopted["date"].str[:4].astype(int) <= LAST_TARGETED_YEAR).all()
    assert adopted["resolution"].str.match(r"S/RES/\d+ \(\d{4}\)$").all()
    for column in ("operative", "reason", "source"):
        assert adopted[column].str.strip().astype(bool).all()
    vetoed = set(pd.read_csv(UN_DIR / "unsc_vetoes_1946_2022.csv")["draft"])
    assert not set(adopted["resolution"]) & vetoed
    rejected = pd.read_csv(UN_DIR / "adopted_targeting_rejected.csv")
    assert rejected[["reason", "source"]].apply(lambda c: c.str.strip().astype(bool)).all().all()
    numbers = {r.split(" ")[0] for r in adopted["resolution"]}
    assert not any(n in str(c) for c in rejected["candidate"] for n in numbers)


def test_adopted_targeting_counts_in_n_not_in_k() -> None:
    """Every adopted targeting resolution adds one targeted draft and no veto; κ_T is the
    Jeffreys logit difference of the pooled counts (known answer from the table's own counts)."""
    import math

    from builds.veto_costs import ADOPTED, adopted_targeting

    table = pd.read_csv(UN_DIR / "veto_costs.csv").set_index("iso3")
    passed = adopted_targeting(pd.read_csv(ADOPTED))
    per_member = passed.groupby("iso3").size().reindex(table.index, fill_value=0)
    assert (table["targeted_adopted"] == per_member).all()
    assert (table["targeted_drafts"] - table["targeted_vetoes"] == per_member).all()

    def logit_jeffreys(k: int, n: int) -> float:
        p = (k + 0.5) / (n + 1)
        return math.log(p / (1 - p))

    k_sc, n_sc = int(table["targeted_vetoes"].sum()), int(table["targeted_drafts"].sum())
    k_ga, n_ga = int(table["targeted_ga_no"].sum()), int(table["targeted_ga_roll_calls"].sum())
    g = logit_jeffreys(k_ga, n_ga)
    rus = table.loc["RUS"]
    assert rus["veto_cost_targeted"] == pytest.approx(g - logit_jeffreys(k_sc, n_sc), abs=5e-4)
    none = g - logit_jeffreys(k_sc, n_sc - len(passed))
    assert rus["targeted_if_none_adopted"] == pytest.approx(none, abs=5e-4)
    assert rus["targeted_if_one_fewer_adopted"] < rus["veto_cost_targeted"]
    assert rus["veto_cost_targeted"] < rus["targeted_if_one_more_adopted"]


def test_margin_rule_targeted_member_says_no_only_by_its_record() -> None:
    """``cast_votes``: a targeted member votes no exactly when its record's draw says so; a big
    negative margin no longer makes it vote no, a big positive one still makes it vote yes; the
    others vote by their margins."""
    from agents.rules.votes import cast_votes

    margin = np.array([[-5.0, 5.0, -5.0], [-5.0, 5.0, -5.0]])
    targeted = np.array([True, True, False])
    says_no = np.array([[False, False, False], [True, True, False]])
    v = cast_votes(margin, 0.1, 0.1, 0.0, np.ones((2, 3)), 0.0, True, 0.0, targeted, says_no)
    assert v.tolist() == [
        [VoteCode.ABSTAIN, VoteCode.YES, VoteCode.NO],
        [VoteCode.NO, VoteCode.NO, VoteCode.NO],
    ]


def test_with_targeted_no_broadcasts_one_row_over_replications() -> None:
    from agents.rules.votes import with_targeted_no

    p = np.tile(np.array([0.2, 0.5, 0.3]), (4, 2, 1))
    out = with_targeted_no(p, np.array([0.9, np.nan]))
    assert out.shape == (4, 2, 3)
    np.testing.assert_allclose(out[:, 0, 1], 0.9)
    np.testing.assert_allclose(out[:, 1], p[:, 1])


def test_margin_rule_text_targeting_a_member_with_a_record(tmp_path: Path) -> None:
    """Engine, margin rule (S1 has no item parameters): across replications the targeted permanent
    member's share of no on the Council text is σ(logit g − κ_T), whatever its margin."""
    from model import run_ensemble

    s = Spec()
    s.toml["resolutions"][2]["targets"] = ["RUS"]
    for row in s.states:
        permanent = row["sc_seat"] == "permanent"
        row["veto_cost"] = "6" if permanent else ""
        row["veto_cost_targeted"] = "2.0" if permanent else ""
        row["targeted_no_share"] = ""
    _set_state(s, "RUS", targeted_no_share="0.98")
    scenario = load_scenario(s.write(tmp_path / "m"))
    res = run_ensemble(scenario, 4000, rng=11)
    held = res.votes["S1"][:, 0] != VoteCode.NOT_HELD
    rus = res.votes["S1"][held, scenario.index("RUS")]
    expected = 1 / (1 + np.exp(-(np.log(0.98 / 0.02) - 2.0)))
    assert held.sum() > 1000
    se = np.sqrt(expected * (1 - expected) / held.sum())
    assert abs(float((rus == VoteCode.NO).mean()) - expected) < 4 * se
