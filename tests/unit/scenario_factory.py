"""Small valid scenario directories for tests: 3 states, 2 dimensions, every catalogue parameter.

``Spec`` holds the scenario as plain data; change it, then ``write`` it to a directory.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenarios.catalogue import CATALOGUE, PER_VETO_PLAYER, veto_parameter
from scenarios.writer import toml_key, toml_value

VETO = ("UKR", "RUS")
DIMS = ("territory", "foreign_forces")


def _parameters() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, entry in CATALOGUE.items():
        value: float | int = 12 if entry.integer else 0.5
        out[name] = {
            "value": value,
            "unit": entry.unit,
            "range": [1, 120] if entry.integer else [0.0, 1.0],
            "source": "ASSUMPTION: test value",
            "description": entry.meaning,
        }
    for iso3 in VETO:
        for base, entry in PER_VETO_PLAYER.items():
            out[veto_parameter(base, iso3)] = {
                "value": 0.2,
                "unit": entry.unit,
                "range": [-1.0, 1.0],
                "source": "ASSUMPTION: test value",
            }
    out["force_required_troops"].update(value=30000.0, range=[1000.0, 100000.0])
    out["large_force_troops"].update(value=100000.0, range=[1000.0, 300000.0])
    out["war_volatility"].update(value=0.01)
    out["war_months_before_start"].update(value=12.0, range=[0.0, 120.0])
    out["belief_prior_months"].update(value=3.0, range=[0.0, 120.0])
    out["disposition_persistence"].update(value=0.98)
    out["disposition_sd"].update(value=0.03)
    out["bargaining_power_exponent"].update(value=0.0)
    # agreements break at once (a tiny Weibull scale), so a tiny scenario never holds
    out["breakdown_scale_months"].update(value=0.0001, range=[0.00001, 1.0])
    out["acceptance_noise"] = {
        "distribution": {"kind": "uniform", "low": 0.1, "high": 0.3},
        "unit": "utility",
        "range": [0.01, 1.0],
        "source": "ASSUMPTION: test distribution",
    }
    return out


def base_toml() -> dict[str, Any]:
    return {
        "name": "tiny",
        "description": "A three-state test scenario.",
        "start": "2025-02",
        "time_step": "month",
        "dimensions": [
            {"name": "territory", "low": "withdrawal", "high": "recognition"},
            {"name": "foreign_forces", "low": "large force", "high": "no troops"},
        ],
        "parameters": _parameters(),
        "roles": {
            "belligerents": ["UKR", "RUS"],
            "victim": "UKR",
            "aggressor": "RUS",
            "veto_players": list(VETO),
            "guarantor": "USA",
            "lead_nations": ["USA"],
            "security_dimension": "foreign_forces",
        },
        "events": [
            {
                "round": 2,
                "kind": "set_parameter",
                "parameter": "backstop",
                "value": 0.8,
                "source": "ASSUMPTION: test",
            },
            {
                "round": 3,
                "kind": "shift_position",
                "iso3": "USA",
                "dimension": "territory",
                "to": 0.4,
                "source": "ASSUMPTION: test",
            },
            {"round": 4, "kind": "leave_force", "iso3": "USA", "source": "ASSUMPTION: test"},
        ],
        "resolutions": [
            {
                "id": "R1",
                "title": "A text",
                "forum": "general_assembly",
                "session": "emergency_special",
                "round": 1,
                "text": {"territory": 0.0},
                "status_quo": {"territory": 0.6},
                "amends": "",
                "mandates_force": False,
                "source": "ASSUMPTION: test",
            },
            {
                "id": "R1-A1",
                "title": "An amendment",
                "forum": "general_assembly",
                "session": "emergency_special",
                "round": 1,
                "text": {"territory": 0.2},
                "status_quo": {"territory": 0.0},
                "amends": "R1",
                "mandates_force": False,
                "source": "ASSUMPTION: test",
            },
            {
                "id": "S1",
                "title": "A mandate",
                "forum": "security_council",
                "round": 2,
                "text": {"foreign_forces": 0.3},
                "status_quo": {"foreign_forces": 0.9},
                "mandates_force": True,
                "source": "ASSUMPTION: test",
            },
        ],
    }


def _state(iso3: str, name: str, pos: float, candidate: bool, seat: str) -> dict[str, str]:
    row = {
        "iso3": iso3,
        "name": name,
        "capability": "0.5",
        "stubbornness": "0.5",
        "memberships": "UN;OSCE",
        "bloc": "West",
        "force_candidate": str(candidate).lower(),
        "troop_capacity": "10000" if candidate else "0",
        "exposure": "0.2",
        "sc_seat": seat,
        "p_absent": "0.05",
        "source": "ASSUMPTION: test row",
    }
    for d in DIMS:
        row[f"pos_{d}"] = str(pos)
        row[f"sal_{d}"] = "0.7"
    return row


def base_states() -> list[dict[str, str]]:
    return [
        _state("UKR", "Ukraine", 0.0, False, ""),
        _state("RUS", "Russia", 1.0, False, "permanent"),
        _state("USA", "United States", 0.6, True, "permanent"),
    ]


def base_ties() -> list[dict[str, str]]:
    return [
        {"from": "UKR", "to": "USA", "weight": "0.5", "kind": "bilateral", "source": "ASSUMPTION"},
        {"from": "RUS", "to": "USA", "weight": "0.2", "kind": "bilateral", "source": "ASSUMPTION"},
    ]


def dump_toml(data: dict[str, Any]) -> str:
    """A TOML document for ``data`` (scalars, [tables], [table.sub] and [[arrays of tables]])."""
    lines: list[str] = []
    later: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            for sub, table in value.items():
                later += ["", f"[{toml_key(key)}.{toml_key(sub)}]"]
                later += [f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items()]
        elif isinstance(value, dict):
            later += ["", f"[{toml_key(key)}]"]
            later += [f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for table in value:
                later += ["", f"[[{toml_key(key)}]]"]
                later += [f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items()]
        else:
            lines.append(f"{toml_key(key)} = {_scalar(value)}")
    return "\n".join(lines + later) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return toml_value(value)


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header if header is not None else (list(rows[0]) if rows else [])
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header])


@dataclass
class Spec:
    """A scenario as plain data: edit any part, then ``write``."""

    toml: dict[str, Any] = field(default_factory=base_toml)
    states: list[dict[str, str]] = field(default_factory=base_states)
    ties: list[dict[str, str]] = field(default_factory=base_ties)
    omit: set[str] = field(default_factory=set)  # file names not to write

    @property
    def params(self) -> dict[str, dict[str, Any]]:
        return self.toml["parameters"]

    def state(self, iso3: str) -> dict[str, str]:
        return next(row for row in self.states if row["iso3"] == iso3)

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "scenario.toml").write_text(dump_toml(self.toml), encoding="utf-8")
        if "states.csv" not in self.omit:
            header = list(base_states()[0]) if not self.states else None
            write_csv(directory / "states.csv", self.states, header)
        if "ties.csv" not in self.omit:
            header = ["from", "to", "weight", "kind", "source"]
            write_csv(directory / "ties.csv", self.ties, header)
        return directory


def make_scenario(directory: Path) -> Path:
    """A valid scenario directory at ``directory``."""
    return Spec().write(directory)
