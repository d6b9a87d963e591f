"""``accord scenarios``, ``accord show`` and ``accord check``: what a scenario holds (ODD 5, 6)."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from scenarios import Parameter, Scenario, ScenarioError, list_builtin, load_scenario


def register(sub: Any) -> None:
    listing = sub.add_parser("scenarios", help="list the built-in scenarios")
    listing.set_defaults(func=cmd_scenarios)
    show = sub.add_parser("show", help="show a scenario's dimensions, assumptions and states")
    show.add_argument("scenario", metavar="NAME|PATH", help="a built-in name or a directory")
    show.set_defaults(func=cmd_show)
    check = sub.add_parser("check", help="validate a scenario directory; exit 2 on problems")
    check.add_argument("scenario", metavar="PATH", help="a scenario directory (or built-in name)")
    check.set_defaults(func=cmd_check)


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" ...")


def cmd_scenarios(args: argparse.Namespace) -> int:
    """One line per built-in scenario: name, states, dimensions, description shortened."""
    names = list_builtin()
    width = max((len(n) for n in names), default=0)
    status = 0
    for name in names:
        try:
            s = load_scenario(name)
        except ScenarioError as err:
            print(f"{name:<{width}}  invalid: {len(err.problems)} problems (accord check {name})")
            status = 2
            continue
        counts = f"{len(s.states):>4} states {len(s.dimensions):>2} dimensions"
        print(f"{name:<{width}}  {counts}  {_short(s.description, 60)}")
    return status


def cmd_check(args: argparse.Namespace) -> int:
    s = load_scenario(args.scenario)
    counts = f"{len(s.states)} states, {len(s.dimensions)} dimensions"
    print(f"ok: {s.name}: {counts}, {len(s.parameters)} parameters")
    return 0


def _number(x: float) -> str:
    return f"{x:g}"


def _setting(p: Parameter) -> str:
    if p.distribution is None:
        return _number(p.central) + (" (fact)" if p.fact else "")
    d = p.distribution
    shape = {
        "uniform": f"{_number(d.low)}..{_number(d.high)}",
        "normal": f"mean {_number(d.mean or 0)} sd {_number(d.sd or 0)} in "
        f"[{_number(d.low)}, {_number(d.high)}]",
        "triangular": f"{_number(d.low)}..{_number(d.mode or 0)}..{_number(d.high)}",
    }[d.kind]
    return f"{d.kind}({shape})"


def _table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        indent + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in rows
    ]


def show_lines(s: Scenario) -> list[str]:
    """The text of ``accord show``."""
    lines = [f"{s.name}" + (f" (variant of {s.based_on})" if s.based_on else "")]
    lines += textwrap.wrap(
        " ".join(s.description.split()), 96, initial_indent="  ", subsequent_indent="  "
    )
    lines += [
        f"  start {s.start}, one round = one {s.time_step}; content hash {s.content_hash[:12]}"
    ]
    lines += ["", "Dimensions (position 0 .. position 1)"]
    lines += _table([[d.name, f"0 = {d.low}", f"1 = {d.high}"] for d in s.dimensions])
    lines += ["", "Parameters"]
    rows = [["name", "value", "unit", "range"]]
    rows += [
        [n, _setting(p), p.unit, f"[{_number(p.range[0])}, {_number(p.range[1])}]"]
        for n, p in s.parameters.items()
    ]
    table = _table(rows)
    lines.append(table[0])
    for row, p in zip(table[1:], s.parameters.values(), strict=True):
        lines += [row, f"      source: {p.source}"]
    r = s.roles
    lines += ["", "Roles"]
    lines += _table(
        [
            ["belligerents", ", ".join(r.belligerents)],
            ["victim", r.victim],
            ["aggressor", r.aggressor],
            ["veto players", ", ".join(r.veto_players)],
            ["guarantor", r.guarantor],
            ["lead nations", ", ".join(r.lead_nations) or "-"],
            ["security dimension", r.security_dimension],
            *([["victim side", ", ".join(r.victim_side)]] if r.victim_side else []),
            *([["aggressor side", ", ".join(r.aggressor_side)]] if r.aggressor_side else []),
        ]
    )
    lines += _case_lines(s)
    lines += ["", "Events" + ("" if s.events else ": none")]
    for e in s.events:
        what = {
            "set_parameter": f"set {e.parameter} = {_number(e.value or 0)}",
            "shift_position": f"{e.iso3} moves on {e.dimension} to {_number(e.to or 0)}",
            "leave_force": f"{e.iso3} leaves the force",
        }[e.kind]
        lines += [f"  round {e.round}: {what}", f"      source: {e.source}"]
    lines += ["", "Resolutions" + ("" if s.resolutions else ": none")]
    for res in s.resolutions:
        forum = res.forum + (f" ({res.session})" if res.session else "")
        text = ", ".join(f"{k}={_number(v)}" for k, v in res.text.items())
        quo = ", ".join(f"{k}={_number(v)}" for k, v in res.status_quo.items())
        extra = (f"; amends {res.amends}" if res.amends else "") + (
            "; mandates the force" if res.mandates_force else ""
        )
        lines += [
            f"  {res.id}: {res.title}",
            f"      round {res.round}, {forum}; text {text}; status quo {quo}{extra}",
        ]
        lines += [f"      source: {res.source}"]
    lines += ["", f"States ({len(s.states)})"]
    head = ["iso3", "name", "capability", *(f"pos_{d}" for d in s.dimension_names)]
    rows = [head] + [
        [st.iso3, _short(st.name, 24), f"{st.capability:.4g}", *(f"{x:.2f}" for x in st.position)]
        for st in s.states
    ]
    lines += _table(rows)
    return lines


def _case_lines(s: Scenario) -> list[str]:
    """What a historical case adds: guarantors, mission, the UN of its year, non-UN actors."""
    lines: list[str] = []
    if s.guarantors:
        lines += ["", "Guarantors (commitment)"]
        for g in s.guarantors:
            lines += [f"  {g.iso3} {_number(g.commitment)}", f"      source: {g.source}"]
    if s.mission is not None:
        m = s.mission
        lines += [
            "",
            f"Mission: {m.kind}, mandate {m.mandate}"
            + (f" ({m.description})" if m.description else ""),
        ]
        lines += [f"      source: {m.source}"]
    if s.un is not None:
        lines += [
            "",
            f"UN of {s.un.year}: a Council of {s.un.council_size}",
            f"      source: {s.un.source}",
        ]
    others = [st for st in s.states if not st.votes_at_un]
    if others:
        lines += ["", "Not UN members (negotiate, do not vote)"]
        lines += [f"  {st.iso3} {st.name} ({st.status})" for st in others]
    if s.behaviour is not None:
        lines += ["", f"Behavioural parameters shared from scenarios/behaviour/{s.behaviour}.toml"]
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    print("\n".join(show_lines(load_scenario(args.scenario))))
    return 0
