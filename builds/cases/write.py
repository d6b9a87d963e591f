"""Write a case's scenario directory and its documentation page (deterministic bytes).

``python -m builds.cases.<case>`` (one case) or ``python -m builds.cases.all`` (every case)
writes ``scenarios/builtin/<case>/{scenario.toml,states.csv,ties.csv}`` and the generated part
of ``docs/cases/<case>.md``. The page's sections "What the model says" and "What happened" are
kept from the existing page: ``experiments/cases.py`` writes them (it may read the outcomes;
a build may not).
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Mapping
from pathlib import Path

from builds.cases.common import Built, build_rows
from builds.cases.registry import WINDOW_MONTHS, data_year, window
from builds.cases.spec import CaseSpec
from scenarios.validate_force import FORCE_COLUMNS
from scenarios.validate_tables import STATE_COLUMNS
from scenarios.writer import toml_key, toml_value

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "scenarios" / "builtin"
DOCS = ROOT / "docs" / "cases"
#: where the generated part of a case page ends; what follows is experiments/cases.py's
RESULTS_MARK = "<!-- results: written by experiments/cases.py -->"


def _table(header: str, fields: Mapping[str, object]) -> list[str]:
    return ["", header, *(f"{toml_key(k)} = {toml_value(v)}" for k, v in fields.items())]


def scenario_toml(spec: CaseSpec, built: Built) -> str:
    lines = [
        f"name = {toml_value(spec.name)}",
        f"description = {toml_value(spec.description)}",
        f"start = {toml_value(spec.start)}",
        'time_step = "month"',
        'behaviour = "cases"',
        "events = []",
        "resolutions = []",
    ]
    for name, low, high in spec.dimensions:
        lines += _table("[[dimensions]]", {"name": name, "low": low, "high": high})
    lines += ["", f"# dimensions: {spec.dimensions_source}"]
    for name, table in built.parameters.items():
        lines += _table(f"[parameters.{name}]", table)
    roles = {
        "belligerents": list(spec.belligerents),
        "victim": spec.victim,
        "aggressor": spec.aggressor,
        "veto_players": list(spec.veto_players),
        "guarantor": spec.guarantors[0].iso3,
        "lead_nations": list(built.lead_nations),
        "security_dimension": spec.security_dimension,
        "victim_side": list(spec.victim_side),
        "aggressor_side": list(spec.aggressor_side),
    }
    lines += ["", f"# sides: {spec.roles_source}", f"# veto players: {spec.veto_source}"]
    lines += _table("[roles]", roles)
    for g in spec.guarantors:
        lines += _table(
            "[[guarantors]]", {"iso3": g.iso3, "commitment": g.commitment, "source": g.source}
        )
    mission = {
        "kind": spec.mission_kind,
        "mandate": spec.mission_mandate,
        "source": spec.mission_source,
        "description": spec.mission_description,
    }
    lines += _table("[mission]", mission)
    lines += _table("[un]", {"year": spec.year, "source": spec.sc_source})
    return "\n".join(lines) + "\n"


def _csv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def state_columns(spec: CaseSpec) -> list[str]:
    dims = [d[0] for d in spec.dimensions]
    cols = [*STATE_COLUMNS[:3], *(f"pos_{d}" for d in dims), *(f"sal_{d}" for d in dims)]
    return [*cols, *STATE_COLUMNS[3:], "status"]


def page(spec: CaseSpec, built: Built, old: str | None) -> str:
    rows = {r["iso3"]: r for r in built.states}
    key = [*spec.victim_side, *spec.aggressor_side]
    key += [k for k in (*spec.veto_players, *(g.iso3 for g in spec.guarantors)) if k not in key]
    first, _ = window(spec)
    n_cand = sum(r["force_candidate"] == "true" for r in built.states)
    lines = [
        f"# {spec.title}",
        "",
        f"Built-in scenario `{spec.name}` (start {spec.start}), written by "
        f"`python -m builds.cases.{spec.name.replace('-', '_')}` by the rules of "
        "[the case library](README.md); every input is dated before the start.",
        "",
        spec.description,
        "",
        "## Actors",
        "",
        "| iso3 | name | status | role | capability | position | force candidate |",
        "|---|---|---|---|---|---|---|",
    ]
    for iso3 in key:
        r = rows[iso3]
        role = (
            "victim side"
            if iso3 in spec.victim_side
            else "aggressor side"
            if iso3 in spec.aggressor_side
            else "guarantor"
            if iso3 in [g.iso3 for g in spec.guarantors]
            else "veto player"
        )
        if iso3 == spec.victim:
            role += " (principal)"
        if iso3 == spec.aggressor:
            role += " (principal)"
        status = r["status"] or "UN member"
        pos = r[f"pos_{spec.dimensions[0][0]}"]
        lines.append(
            f"| {iso3} | {r['name']} | {status} | {role} | {r['capability']} | {pos} | "
            f"{r['force_candidate']} ({r['troop_capacity']}) |"
        )
    members = sum(r["status"] == "" for r in built.states)
    lines += [
        "",
        f"{len(built.states)} actors: {members} UN members (those voting in the "
        f"{built.n_roll_calls} General Assembly roll calls of {first} to {spec.start}, "
        f"{WINDOW_MONTHS} months) and {len(built.states) - members} that negotiate or fight "
        f"but do not vote. Security Council of {spec.year}: permanent "
        f"{', '.join(built.permanent)}; elected {', '.join(spec.sc_elected)}. "
        f"Capabilities: COW NMC v6 CINC of {data_year(spec)}. {n_cand} force candidates.",
        "",
        "## Terms",
        "",
        "| dimension | 0 (victim side's demand) | 1 (aggressor side's demand) |",
        "|---|---|---|",
        *(f"| {n} | {lo} | {hi} |" for n, lo, hi in spec.dimensions),
        "",
        f"Security dimension: `{spec.security_dimension}`. Source: {spec.dimensions_source}.",
        "",
        "## Guarantee and mission",
        "",
        *(f"- guarantor {g.iso3}, commitment {g.commitment}: {g.source}" for g in spec.guarantors),
        f"- backstop (combined): {built.parameters['backstop']['value']}",
        f"- mission: {spec.mission_kind}, mandate {spec.mission_mandate}: "
        f"{spec.mission_description} ({spec.mission_source})",
        f"- required strength: {built.parameters['force_required_troops']['value']:.0f} troops",
        "",
        "## Sources",
        "",
        f"- sides: {spec.roles_source}",
        f"- veto players: {spec.veto_source}",
        f"- Security Council: {spec.sc_source}",
        *([f"- proxies: {spec.proxies_source}"] if spec.proxies else []),
        *(
            f"- {a.iso3}: {a.source}"
            + (f"; capability {a.capability_source}" if a.capability_source else "")
            for a in spec.actors
        ),
        *(f"- tie {t.a}-{t.b}: {t.source}" for t in spec.actor_ties),
        "- shared data: scenarios/sources/cases/README.md",
        "",
        RESULTS_MARK,
    ]
    head = "\n".join(lines) + "\n"
    tail = ""
    if old and RESULTS_MARK in old:
        tail = old.split(RESULTS_MARK, 1)[1].lstrip("\n")
    return head + ("\n" + tail if tail else "")


def build(spec: CaseSpec, out: Path | None = None, docs: Path | None = DOCS) -> Path:
    built = build_rows(spec)
    directory = out or BUILTIN / spec.name
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "scenario.toml").write_bytes(scenario_toml(spec, built).encode("utf-8"))
    (directory / "states.csv").write_bytes(_csv(built.states, state_columns(spec)))
    columns = ["from", "to", "weight", "kind", "source"]
    (directory / "ties.csv").write_bytes(_csv(built.ties, columns))
    force = directory / "force.csv"
    if built.force:
        force.write_bytes(_csv(built.force, list(FORCE_COLUMNS)))
    elif force.exists():
        force.unlink()
    if docs is not None:
        docs.mkdir(parents=True, exist_ok=True)
        path = docs / f"{spec.name}.md"
        old = path.read_text(encoding="utf-8") if path.exists() else None
        path.write_bytes(page(spec, built, old).encode("utf-8"))
    return directory


def main(spec: CaseSpec, argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=f"Build the {spec.name} scenario")
    ap.add_argument("--out", type=Path, default=None, help="output directory")
    args = ap.parse_args(argv)
    directory = build(spec, args.out, None if args.out else DOCS)
    print(f"wrote {directory}")
