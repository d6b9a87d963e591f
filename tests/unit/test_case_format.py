"""The case fields of the scenario format, and one clear error for each bad input (ODD 6).

Non-UN actors (``status``), sides with several belligerents, several guarantors, the mission's
kind and mandate, the UN of the case's year and shared behaviour files: a valid case loads and
round-trips; each bad input gives a Problem naming file, field, value and what is allowed,
through the loader and ``accord check`` (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scenarios import load_scenario
from scenarios.merge import BEHAVIOUR_DIR
from scenarios.validate_case import combined_commitment
from tests.unit.scenario_factory import Spec, _state
from tests.unit.test_scenario_errors import find, problems_of

TOML, STATES = "scenario.toml", "states.csv"


def case_spec() -> Spec:
    """The tiny scenario made a case: two belligerents on the aggressor's side (one an armed
    group), two guarantors, a reassurance force mandated by the Council, start in 1953."""
    s = Spec()
    s.states += [
        _state("BLR", "Belarus", 1.0, False, ""),
        _state("DPR", "An armed group", 1.0, False, ""),
        _state("GBR", "United Kingdom", 0.2, True, "permanent"),
    ]
    for row in s.states:
        row["status"] = "armed_group" if row["iso3"] == "DPR" else ""
    s.toml["start"] = "1953-07"
    s.toml["roles"].update(
        belligerents=["UKR", "RUS", "BLR", "DPR"],
        victim_side=["UKR"],
        aggressor_side=["RUS", "BLR", "DPR"],
    )
    s.toml["guarantors"] = [
        {"iso3": "USA", "commitment": 0.5, "source": "ASSUMPTION: test"},
        {"iso3": "GBR", "commitment": 0.2, "source": "ASSUMPTION: test"},
    ]
    s.params["backstop"]["value"] = combined_commitment([0.5, 0.2])
    s.toml["mission"] = {
        "kind": "reassurance",
        "mandate": "security_council",
        "authorised_by": "S1",
        "source": "ASSUMPTION: test",
    }
    return s


def test_a_valid_case_loads_and_round_trips(tmp_path: Path) -> None:
    s = load_scenario(case_spec().write(tmp_path / "case"))
    assert s.start == "1953-07"
    assert s.roles.aggressor_side == ("RUS", "BLR", "DPR")
    assert [g.iso3 for g in s.guarantors] == ["USA", "GBR"]
    assert s.parameters["backstop"].central == pytest.approx(0.6)
    assert s.mission is not None and s.mission.kind == "reassurance"
    assert not s.mission.consent_based
    dpr = s.states[s.index("DPR")]
    assert dpr.status == "armed_group" and not dpr.votes_at_un
    again = load_scenario(s.write(tmp_path / "again"))
    assert again.content_hash == s.content_hash


def test_a_un_mission_with_impartial_contributors_loads(tmp_path: Path) -> None:
    spec = case_spec()
    spec.toml["mission"].update(kind="un_peacekeeping")
    s = load_scenario(spec.write(tmp_path / "case"))
    assert s.mission is not None and s.mission.consent_based


def _set(mapping: dict[str, Any], key: str, value: object) -> None:
    mapping[key] = value


def _del(mapping: dict[str, Any], key: str) -> None:
    del mapping[key]


def _un(s: Spec, year: object) -> None:
    s.toml["un"] = {"year": year, "source": "ASSUMPTION: test"}


def _candidate(s: Spec, iso3: str) -> None:
    s.state(iso3).update(force_candidate="true", troop_capacity="1000")


def _belligerent_in_un_mission(s: Spec) -> None:
    _candidate(s, "BLR")
    s.toml["mission"]["kind"] = "un_peacekeeping"


# fmt: off
BAD: dict[str, tuple[Callable[[Spec], object], str, str, str, str]] = {
    "unknown status": (
        lambda s: _set(s.state("DPR"), "status", "militia"),
        STATES, "status", "militia", "armed_group",
    ),
    "a non-member holds a Council seat": (
        lambda s: _set(s.state("DPR"), "sc_seat", "elected"),
        STATES, "sc_seat", "elected", "holds no Council seat",
    ),
    "an armed group sends troops": (
        lambda s: _set(s.state("DPR"), "force_candidate", "true"),
        STATES, "force_candidate", "true", "sends no troops",
    ),
    "one side listed without the other": (
        lambda s: _del(s.toml["roles"], "victim_side"),
        TOML, "victim_side", "None", "required with aggressor_side",
    ),
    "a side member who is not a belligerent": (
        lambda s: s.toml["roles"]["victim_side"].append("USA"),
        TOML, "victim_side", "USA", "one of the belligerents",
    ),
    "a side without its principal": (
        lambda s: _set(s.toml["roles"], "aggressor_side", ["BLR", "DPR"]),
        TOML, "aggressor_side", "BLR", "includes the aggressor, RUS",
    ),
    "a belligerent on both sides": (
        lambda s: _set(s.toml["roles"], "victim_side", ["UKR", "BLR"]),
        TOML, "aggressor_side", "BLR", "on one side only",
    ),
    "a belligerent on no side": (
        lambda s: _set(s.toml["roles"], "aggressor_side", ["RUS", "BLR"]),
        TOML, "victim_side", "UKR", "missing: DPR",
    ),
    "guarantor commitment outside [0, 1]": (
        lambda s: _set(s.toml["guarantors"][1], "commitment", 1.5),
        TOML, "commitment", "1.5", "in [0, 1]",
    ),
    "guarantor not in states.csv": (
        lambda s: _set(s.toml["guarantors"][1], "iso3", "FRA"),
        TOML, "iso3", "FRA", "an iso3 of states.csv",
    ),
    "guarantor listed twice": (
        lambda s: _set(s.toml["guarantors"][1], "iso3", "USA"),
        TOML, "iso3", "USA", "each guarantor once",
    ),
    "guarantor without a source": (
        lambda s: _del(s.toml["guarantors"][0], "source"),
        TOML, "source", "None", "required key is missing",
    ),
    "guarantor on the aggressor's side": (
        lambda s: _set(s.toml["guarantors"][1], "iso3", "BLR"),
        TOML, "iso3", "BLR", "not on the aggressor's side",
    ),
    "an armed group as guarantor": (
        lambda s: _set(s.toml["guarantors"][1], "iso3", "DPR"),
        TOML, "iso3", "DPR", "only states guarantee",
    ),
    "principal guarantor not among the guarantors": (
        lambda s: _set(s.toml["roles"], "guarantor", "UKR"),
        TOML, "guarantor", "UKR", "a state listed in [[guarantors]]",
    ),
    "backstop is not the guarantors' combined commitment": (
        lambda s: _set(s.params["backstop"], "value", 0.5),
        TOML, "value", "0.5", "combined commitment 1 - prod(1 - commitment)",
    ),
    "unknown mission kind": (
        lambda s: _set(s.toml["mission"], "kind", "peacekeeping"),
        TOML, "kind", "peacekeeping", "did you mean 'un_peacekeeping'",
    ),
    "a UN mission mandated by the agreement": (
        lambda s: s.toml["mission"].update(kind="un_observer", mandate="agreement"),
        TOML, "mandate", "agreement", "Uniting for Peace",
    ),
    "a mission authorised by an unknown resolution": (
        lambda s: _set(s.toml["mission"], "authorised_by", "S/RES/9999"),
        TOML, "authorised_by", "S/RES/9999", "mandates_force = true",
    ),
    "a mission authorised by a resolution of the wrong forum": (
        lambda s: _set(s.toml["mission"], "authorised_by", "R1"),
        TOML, "authorised_by", "R1", "of the security_council",
    ),
    "a mission without a source": (
        lambda s: _del(s.toml["mission"], "source"),
        TOML, "source", "None", "required key is missing",
    ),
    "a belligerent contributes to a UN mission": (
        _belligerent_in_un_mission,
        STATES, "force_candidate", "true", "a belligerent sends no troops",
    ),
    "the aggressor's side contributes to a reassurance force": (
        lambda s: _candidate(s, "BLR"),
        STATES, "force_candidate", "true", "the aggressor's side sends none",
    ),
    "force candidates when no force is planned": (
        lambda s: s.toml["mission"].update(kind="none", mandate="none", authorised_by=""),
        STATES, "force_candidate", "true", "brings no force",
    ),
    "the UN of another year than the start": (
        lambda s: _un(s, 1956),
        TOML, "year", "1956", "the year of start (1953)",
    ),
    "the UN year not an integer": (
        lambda s: _un(s, "1953"),
        TOML, "year", "'1953'", "an integer in [1945, 2100]",
    ),
    "Council seats that do not match the year": (
        lambda s: _un(s, 1953),
        STATES, "sc_seat", "elected x 0", "6 elected members in 1953 (a Council of 11)",
    ),
    "start not YYYY-MM": (
        lambda s: _set(s.toml, "start", "1953"),
        TOML, "start", "'1953'", '"YYYY-MM"',
    ),
    "unknown behaviour file": (
        lambda s: _set(s.toml, "behaviour", "nobody"),
        TOML, "behaviour", "nobody", "a shared behaviour file",
    ),
}
# fmt: on


@pytest.mark.parametrize("name", list(BAD))
def test_bad_case_input_is_named(name: str, tmp_path: Path) -> None:
    edit, file, field, value, allowed = BAD[name]
    spec = case_spec()
    edit(spec)
    find(problems_of(spec.write(tmp_path / "case")), file, field, value, allowed)


def _shared() -> dict[str, Any]:
    import tomllib

    data = tomllib.loads((BEHAVIOUR_DIR / "cases.toml").read_text(encoding="utf-8"))
    return dict(data["parameters"])


def _shared_names() -> list[str]:
    return list(_shared())


def _with_behaviour(spec: Spec) -> Spec:
    for name in _shared_names():
        spec.params.pop(name, None)
    spec.toml["behaviour"] = "cases"
    return spec


def test_behaviour_file_supplies_the_shared_parameters(tmp_path: Path) -> None:
    s = load_scenario(_with_behaviour(case_spec()).write(tmp_path / "case"))
    assert s.behaviour == "cases"
    for name, table in _shared().items():
        p = s.parameters[name]
        assert p.source == table["source"] and list(p.range) == table["range"]
        if "value" in table:
            assert p.value == table["value"]
        else:
            assert p.distribution is not None and p.distribution.low == table["distribution"]["low"]


def test_a_case_may_not_set_a_shared_parameter(tmp_path: Path) -> None:
    spec = _with_behaviour(case_spec())
    spec.params["war_cost_per_month"] = {
        "value": 0.01,
        "unit": "utility/month",
        "range": [0.0, 0.05],
        "source": "ASSUMPTION: tuned to the outcome",
    }
    problems = problems_of(spec.write(tmp_path / "case"))
    find(problems, TOML, "war_cost_per_month", "0.01", "set once for every scenario in cases.toml")


def test_a_missing_case_parameter_names_the_case_file(tmp_path: Path) -> None:
    spec = _with_behaviour(case_spec())
    del spec.params["fighting_on_ukr"]
    find(problems_of(spec.write(tmp_path / "case")), TOML, "fighting_on_ukr", "None", "missing")


def test_only_the_base_names_a_behaviour_file(tmp_path: Path) -> None:
    _with_behaviour(case_spec()).write(tmp_path / "base")
    variant = Spec(toml={"name": "v", "based_on": "../base", "behaviour": "cases"})
    variant.omit = {"states.csv", "ties.csv"}
    problems = problems_of(variant.write(tmp_path / "v"))
    find(problems, TOML, "behaviour", "cases", "only the base scenario names a behaviour file")


def test_a_non_member_negotiates_but_never_votes(tmp_path: Path) -> None:
    """The armed group is a belligerent in the bargaining, but the General Assembly codes it as
    not a member of the forum on every replication; UN members vote (or are absent)."""
    from agents.rules.votes import VoteCode
    from model import run_ensemble

    s = load_scenario(case_spec().write(tmp_path / "case"))
    res = run_ensemble(s, 50, rng=3)
    held = res.votes["R1"] != VoteCode.NOT_HELD
    assert held.any()
    codes = res.votes["R1"][held[:, 0]]
    assert (codes[:, s.index("DPR")] == VoteCode.NON_MEMBER).all()
    assert (codes[:, s.index("UKR")] != VoteCode.NON_MEMBER).all()


def test_a_consent_based_mission_faces_no_retaliation(tmp_path: Path) -> None:
    """The same case with a partisan reassurance force and with a consent-based UN mission:
    the UN mission's contributors carry no weight for their exposure to the aggressor."""
    import numpy as np

    from model.stages.force import joint_weights
    from model.world import compile_world

    partisan = case_spec()
    un = case_spec()
    un.toml["mission"]["kind"] = "un_peacekeeping"
    w_partisan = compile_world(load_scenario(partisan.write(tmp_path / "partisan")))
    w_un = compile_world(load_scenario(un.write(tmp_path / "un")))
    assert not w_partisan.consent_based and w_un.consent_based
    p = {k: np.array([v.central]) for k, v in w_un.scenario.parameters.items()}
    assert joint_weights(p, w_un.consent_based).exposure == 0.0
    assert joint_weights(p, w_partisan.consent_based).exposure == p["force_weight_exposure"]


def test_a_consent_based_force_is_not_opposed(tmp_path: Path) -> None:
    """One round of the same case: the partisan force the aggressor opposes has some opposed
    adequacy; the consent-based UN force has none (the aggressor consented to it)."""
    from model import AccordModel

    partisan, un = case_spec(), case_spec()
    for spec in (partisan, un):  # no mandate vote to wait for: the force can deploy in round 1
        spec.toml["resolutions"] = [r for r in spec.toml["resolutions"] if not r["mandates_force"]]
        spec.toml["mission"]["authorised_by"] = ""
    partisan.toml["mission"]["mandate"] = "agreement"
    un.toml["mission"]["kind"] = "un_peacekeeping"
    opposed = {}
    for name, spec in (("partisan", partisan), ("un", un)):
        m = AccordModel(load_scenario(spec.write(tmp_path / name)), rng=5)
        m.step()
        assert m.current("force_troops") > 0, name
        opposed[name] = m.current("opposed_adequacy")
    assert opposed["partisan"] > 0.0 and opposed["un"] == 0.0


def test_the_council_of_the_case_year_decides_by_its_own_majority() -> None:
    """7 of 11 yes before 1966 (korea-1953, suez-1956), 9 of 15 since; a veto still vetoes."""
    import numpy as np

    from agents.rules.votes import VoteCode, security_council_adopted
    from model.world import compile_world

    assert compile_world(load_scenario("korea-1953")).council_votes == 7
    assert compile_world(load_scenario("lebanon-2006")).council_votes == 9
    assert compile_world(load_scenario("ukraine-2025")).council_votes == 9
    permanent = np.array([True] * 5 + [False] * 6)
    seven = np.array([VoteCode.YES] * 7 + [VoteCode.ABSTAIN] * 4)
    six = np.array([VoteCode.YES] * 6 + [VoteCode.ABSTAIN] * 5)
    assert security_council_adopted(seven, permanent, 7)[0]
    assert not security_council_adopted(six, permanent, 7)[0]
    assert not security_council_adopted(seven, permanent, 9)[0]
    vetoed = seven.copy()
    vetoed[0] = VoteCode.NO
    assert not security_council_adopted(vetoed, permanent, 7)[0]
