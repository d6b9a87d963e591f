"""Loading valid scenarios: the API of docs/dev/scenario-api.md, variants, write and hashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios import Scenario, ScenarioError, list_builtin, load_scenario
from tests.unit.scenario_factory import Spec, dump_toml, make_scenario


@pytest.fixture
def tiny(tmp_path: Path) -> Scenario:
    return load_scenario(make_scenario(tmp_path / "tiny"))


def test_loads_the_api_fields(tiny: Scenario) -> None:
    assert tiny.name == "tiny" and tiny.based_on is None and tiny.start == "2025-02"
    assert tiny.dimension_names == ("territory", "foreign_forces")
    assert tiny.iso3s == ("UKR", "RUS", "USA") and tiny.index("USA") == 2
    assert tiny.states[1].position == (1.0, 1.0) and tiny.states[2].troop_capacity == 10000
    assert tiny.states[0].sc_seat is None and tiny.states[1].sc_seat == "permanent"
    assert tiny.states[0].memberships == ("UN", "OSCE")
    assert tiny.ties[0].a == "UKR" and tiny.ties[0].b == "USA"
    assert tiny.roles.veto_players == ("UKR", "RUS")
    assert tiny.parameters["horizon_rounds"].value == 12
    noise = tiny.parameters["acceptance_noise"]
    assert noise.is_random and noise.value is None and noise.central == pytest.approx(0.2)
    assert [e.kind for e in tiny.events] == ["set_parameter", "shift_position", "leave_force"]
    assert tiny.resolutions[1].amends == "R1" and tiny.resolutions[0].amends is None
    assert tiny.resolutions[2].session is None and tiny.resolutions[2].mandates_force
    assert tiny.path is not None and tiny.changed_parameters == {}


def test_objects_are_immutable(tiny: Scenario) -> None:
    with pytest.raises(TypeError):
        tiny.parameters["backstop"] = tiny.parameters["self_weight"]  # type: ignore[index]
    with pytest.raises(TypeError):
        tiny.resolutions[0].text["territory"] = 1.0  # type: ignore[index]
    with pytest.raises(ValueError, match="frozen"):
        tiny.name = "other"


def test_index_of_unknown_state_is_a_scenario_error(tiny: Scenario) -> None:
    with pytest.raises(ScenarioError, match="'CHN'"):
        tiny.index("CHN")


def test_write_then_load_gives_the_same_content_hash(tiny: Scenario, tmp_path: Path) -> None:
    again = load_scenario(tiny.write(tmp_path / "copy"))
    assert again.content_hash == tiny.content_hash
    assert again.parameters == tiny.parameters and again.states == tiny.states


def test_content_hash_changes_with_content(tiny: Scenario) -> None:
    assert tiny.with_parameters({"backstop": 0.9}).content_hash != tiny.content_hash


def test_with_parameters_records_changes(tiny: Scenario) -> None:
    s = tiny.with_parameters({"backstop": 0.9, "acceptance_noise": 0.25})
    assert s.parameters["backstop"].value == 0.9
    assert not s.parameters["acceptance_noise"].is_random
    again = s.with_parameters({"backstop": 0.7, "horizon_rounds": 24.0})
    assert dict(again.changed_parameters) == {
        "backstop": (0.5, 0.7),
        "acceptance_noise": (pytest.approx(0.2), 0.25),
        "horizon_rounds": (12.0, 24.0),
    }
    assert tiny.parameters["backstop"].value == 0.5  # the original is untouched


def test_variant_merges_with_its_base(tmp_path: Path) -> None:
    make_scenario(tmp_path / "base")
    (tmp_path / "v").mkdir()
    variant = {
        "name": "v",
        "based_on": "../base",
        "parameters": {"backstop": {"value": 0.9, "source": "ASSUMPTION: stronger"}},
        "roles": {"lead_nations": []},
        "resolutions_add": [
            {
                "id": "S2",
                "title": "t",
                "forum": "security_council",
                "round": 3,
                "text": {"territory": 0.5},
                "status_quo": {"territory": 0.9},
                "source": "x",
            }
        ],
    }
    (tmp_path / "v" / "scenario.toml").write_text(dump_toml(variant), encoding="utf-8")
    v = load_scenario(tmp_path / "v")
    base = load_scenario(tmp_path / "base")
    assert v.name == "v" and v.based_on == "../base" and v.description == base.description
    assert v.parameters["backstop"].value == 0.9 and v.parameters["backstop"].unit == "share"
    assert v.roles.lead_nations == () and v.roles.victim == "UKR"
    assert [r.id for r in v.resolutions] == ["R1", "R1-A1", "S1", "S2"]
    assert v.states == base.states and v.ties == base.ties


def test_variant_distribution_replaces_value(tmp_path: Path) -> None:
    make_scenario(tmp_path / "base")
    (tmp_path / "v").mkdir()
    dist = {"kind": "triangular", "low": 0.2, "mode": 0.4, "high": 0.9}
    variant = {
        "name": "v",
        "based_on": "../base",
        "parameters": {"backstop": {"distribution": dist, "source": "ASSUMPTION: x"}},
    }
    (tmp_path / "v" / "scenario.toml").write_text(dump_toml(variant), encoding="utf-8")
    p = load_scenario(tmp_path / "v").parameters["backstop"]
    assert p.value is None and p.distribution is not None and p.central == 0.4


def test_variant_with_its_own_states(tmp_path: Path) -> None:
    make_scenario(tmp_path / "base")
    scenario = Spec()
    scenario.state("USA")["capability"] = "0.9"
    scenario.toml = {"name": "v", "based_on": "../base"}
    scenario.omit = {"ties.csv"}
    v = load_scenario(scenario.write(tmp_path / "v"))
    assert v.states[2].capability == 0.9


@pytest.mark.parametrize("name", list_builtin())
def test_builtin_scenarios_load_and_round_trip(name: str, tmp_path: Path) -> None:
    s = load_scenario(name)
    assert s.name == name
    assert load_scenario(s.write(tmp_path / name)).content_hash == s.content_hash
