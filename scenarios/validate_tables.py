"""Checking states.csv and ties.csv, row by row (ODD 5, Initialisation; ODD 6, Input data)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from scenarios.checks import ISO3, At, parse_csv_number
from scenarios.errors import Problems, one_of
from scenarios.readers import read_csv
from scenarios.schema import ACTOR_STATUSES, SC_SEATS, TIE_KINDS, StateRow, Tie

STATE_COLUMNS = (
    "iso3",
    "name",
    "capability",
    "stubbornness",
    "memberships",
    "bloc",
    "force_candidate",
    "troop_capacity",
    "exposure",
    "sc_seat",
    "p_absent",
    "source",
)
#: ideal-point dimensions of the roll-call space (``builds.ideal_points``)
IDEAL_COLUMNS = ("ideal_1", "ideal_2")
#: bound on an ideal point's coordinate (the fit's prior is N(0, 1) per dimension)
IDEAL_BOUND = 10.0
#: bound on a permanent member's veto cost (latent units of the ordinal vote rule)
VETO_COST_BOUND = 20.0
#: largest share of no on texts targeting the state (its log-odds enter the vote rule)
TARGETED_NO_SHARE_MAX = 0.9999
#: optional: ``status`` absent means every row is a UN member (the column a case adds for other
#: actors); ``ideal_1``, ``ideal_2`` (together), ``veto_cost``, ``veto_cost_targeted``,
#: ``targeted_no_share`` and ``reference_votes`` feed the
#: ordinal vote rule
#: a client's patron and its ties to it (``patron`` requires the three others)
PATRON_COLUMNS = ("patron", "patron_aid_share", "patron_compact", "patron_defence_pact")
OPTIONAL_STATE_COLUMNS = (
    "status",
    *IDEAL_COLUMNS,
    "veto_cost",
    "veto_cost_targeted",
    "targeted_no_share",
    "reference_votes",
    *PATRON_COLUMNS,
)
#: the votes a state's recorded vote on a reference roll call may take (absences are left out)
REFERENCE_VOTE_LETTERS = ("Y", "N", "A")
TIE_COLUMNS = ("from", "to", "weight", "kind", "source")
MAX_STATES = 5_000  # rows of states.csv (193 UN members; room for sub-state actors)


def state_columns(dims: Sequence[str]) -> list[str]:
    return [*STATE_COLUMNS, *(f"pos_{d}" for d in dims), *(f"sal_{d}" for d in dims)]


def states(
    path: Path, problems: Problems, dims: Sequence[str]
) -> tuple[tuple[StateRow, ...], list[str] | None, list[str] | None]:
    """The valid rows of states.csv, and the iso3 codes and force candidates of all its rows.

    Every row is checked, with a problem for each bad cell; other checks refer to the codes
    of all rows, so one bad cell does not make a state "unknown" elsewhere (None when the
    table is unusable or empty: nothing is then checked against it).
    """
    table = read_csv(path, problems, state_columns(dims), OPTIONAL_STATE_COLUMNS, MAX_STATES)
    if table is None:
        return (), None, None
    for together in (IDEAL_COLUMNS, PATRON_COLUMNS):
        given = [c for c in together if c in table.header]
        if given and len(given) < len(together):
            missing = next(c for c in together if c not in given)
            problems.add(path, "line 1", "header", missing, "required with " + ", ".join(given))
            return (), None, None
    if not table.rows and not any(p.file == str(path) for p in problems.items):
        problems.add(path, "-", "rows", 0, "at least one state (a row below the header)")
    out: list[StateRow] = []
    seen: set[str] = set()
    for line, row in table.rows:
        count = len(problems)
        at = At(problems, path, f"line {line}" + (f" ({row['iso3']})" if row["iso3"] else ""))
        iso3 = row["iso3"]
        if not ISO3.match(iso3):
            at.bad("iso3", iso3, "3 upper-case letters (an ISO 3166 alpha-3 code)")
        elif iso3 in seen:
            at.bad("iso3", iso3, "unique: each state once")
        seen.add(iso3)
        if not row["name"]:
            at.bad("name", row["name"], "a non-empty name")
        if not row["source"]:
            at.bad("source", row["source"], "a non-empty citation, or 'ASSUMPTION: <reason>'")
        capability = parse_csv_number(at, "capability", row["capability"], 0.0)
        unit = {
            k: parse_csv_number(at, k, row[k], 0.0, 1.0)
            for k in ("stubbornness", "exposure", "p_absent")
        }
        position = tuple(parse_csv_number(at, f"pos_{d}", row[f"pos_{d}"], 0.0, 1.0) for d in dims)
        salience = tuple(parse_csv_number(at, f"sal_{d}", row[f"sal_{d}"], 0.0, 1.0) for d in dims)
        troops = parse_csv_number(at, "troop_capacity", row["troop_capacity"], 0.0, integer=True)
        candidate = row["force_candidate"]
        if candidate not in ("true", "false"):
            at.bad("force_candidate", candidate, "true or false")
        seat = row["sc_seat"]
        if seat not in ("", *SC_SEATS):
            at.bad("sc_seat", seat, "permanent, elected, or empty (no seat)")
        status = _status(at, row.get("status", ""), seat, candidate)
        ideal = _ideal(at, row, table.header, status)
        veto_cost = _veto_cost(at, row.get("veto_cost", ""), seat)
        targeted = _veto_cost(at, row.get("veto_cost_targeted", ""), seat, "veto_cost_targeted")
        no_share = _targeted_no_share(at, row.get("targeted_no_share", ""))
        reference_votes = _reference_votes(at, row.get("reference_votes", ""))
        patron = _patron(at, row, iso3)
        if len(problems) > count:
            continue
        cells: dict[str, Any] = {"iso3": iso3, "name": row["name"], "capability": capability}
        cells |= {"position": position, "salience": salience, **unit}
        cells |= {
            "memberships": tuple(t.strip() for t in row["memberships"].split(";") if t.strip())
        }
        cells |= {"bloc": row["bloc"], "force_candidate": candidate == "true"}
        cells |= {"troop_capacity": troops, "sc_seat": seat or None, "source": row["source"]}
        cells |= {"status": status, "ideal": ideal, "veto_cost": veto_cost}
        cells |= {"veto_cost_targeted": targeted, "targeted_no_share": no_share}
        cells |= {"reference_votes": reference_votes, **patron}
        out.append(StateRow.model_validate(cells))
    if not table.rows:
        return (), None, None
    iso3s = [row["iso3"] for _, row in table.rows]
    known = set(iso3s)
    for line, row in table.rows:
        named = row.get("patron", "")
        if named and ISO3.match(named) and named not in known:
            at = At(problems, path, f"line {line} ({row['iso3']})")
            at.bad("patron", named, "empty, or the iso3 code of another state in states.csv")
    candidates = [row["iso3"] for _, row in table.rows if row["force_candidate"] == "true"]
    return tuple(out), iso3s, candidates


def _status(at: At, text: str, seat: str, candidate: str) -> str:
    """The actor's status (empty: a UN member); only UN members hold Council seats, and only
    states (members or not) send troops."""
    status = text or "un_member"
    if status not in ACTOR_STATUSES:
        at.bad("status", text, "empty (a UN member) or " + one_of(ACTOR_STATUSES, text))
        return status
    if status != "un_member" and seat:
        at.bad("sc_seat", seat, f"empty: an actor of status {status} holds no Council seat")
    if status in ("unrecognised_state", "armed_group") and candidate == "true":
        allowed = f"false: an actor of status {status} sends no troops to the force"
        at.bad("force_candidate", candidate, allowed)
    return status


def _ideal(
    at: At, row: dict[str, str], header: Sequence[str], status: str
) -> tuple[float, ...] | None:
    """The state's ideal point (``ideal_1``, ``ideal_2``); required of a UN member when the
    columns exist, optional (empty) for an actor that never votes."""
    if IDEAL_COLUMNS[0] not in header:
        return None
    cells = [row[c] for c in IDEAL_COLUMNS]
    if status != "un_member" and not any(cells):
        return None
    values = [
        parse_csv_number(at, c, text, -IDEAL_BOUND, IDEAL_BOUND)
        for c, text in zip(IDEAL_COLUMNS, cells, strict=True)
    ]
    if any(v is None for v in values):
        return None
    return tuple(float(v) for v in values if v is not None)


def _veto_cost(at: At, text: str, seat: str, field: str = "veto_cost") -> float | None:
    """A permanent member's veto cost (empty: 0); only a permanent member's no is a veto. On a
    text that targets the member (``veto_cost_targeted``) the cost may be negative: the member's
    stake outweighs the cost of the veto."""
    if not text:
        return None
    if seat != "permanent":
        at.bad(field, text, "empty: only a permanent member's no is a veto")
        return None
    low = 0.0 if field == "veto_cost" else -VETO_COST_BOUND
    return parse_csv_number(at, field, text, low, VETO_COST_BOUND)


def _targeted_no_share(at: At, text: str) -> float | None:
    """The share of no in a state's record on texts that condemn its own conduct (empty: the
    spatial rule decides its vote on such a text); strictly between 0 and 1 (a log-odds)."""
    if not text:
        return None
    return parse_csv_number(at, "targeted_no_share", text, 0.0, TARGETED_NO_SHARE_MAX, lo_open=True)


def _patron(at: At, row: dict[str, str], iso3: str) -> dict[str, Any]:
    """The state's patron (another state) and its ties to it; all empty when it has none."""
    patron = row.get("patron", "")
    ties = [row.get(c, "") for c in PATRON_COLUMNS[1:]]
    if not patron:
        for column, text in zip(PATRON_COLUMNS[1:], ties, strict=True):
            if text:
                at.bad(column, text, "empty: the state has no patron")
        return {}
    if not ISO3.match(patron) or patron == iso3:
        at.bad("patron", patron, "empty, or the iso3 code of another state in states.csv")
    aid = parse_csv_number(at, "patron_aid_share", ties[0], 0.0, 1.0)
    flags = {}
    for column, text in zip(PATRON_COLUMNS[2:], ties[1:], strict=True):
        if text not in ("0", "1"):
            at.bad(column, text, "0 or 1")
        flags[column] = text == "1"
    return {"patron": patron, "patron_aid_share": aid, **flags}


def _reference_votes(at: At, text: str) -> tuple[tuple[str, str], ...]:
    """``roll call=vote`` pairs separated by ``;`` (each roll call once, vote Y, N or A)."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        call, sep, vote = (s.strip() for s in part.partition("="))
        allowed = "roll call=vote pairs separated by ';', vote one of " + ", ".join(
            REFERENCE_VOTE_LETTERS
        )
        if not sep or not call or vote not in REFERENCE_VOTE_LETTERS:
            at.bad("reference_votes", part, allowed + " (e.g. A/RES/ES-11/1=Y)")
        elif call in out:
            at.bad("reference_votes", part, f"each roll call once ({call} repeats)")
        else:
            out[call] = vote
    return tuple(out.items())


def ties(path: Path, problems: Problems, iso3s: Collection[str] | None) -> tuple[Tie, ...]:
    """The rows of ties.csv: undirected, one per pair and kind, never a state to itself."""
    table = read_csv(path, problems, list(TIE_COLUMNS))
    if table is None:
        return ()
    out: list[Tie] = []
    pairs: set[tuple[str, str, str]] = set()
    iso3s = dict.fromkeys(iso3s) if iso3s is not None else None  # ordered, O(1) lookups
    for line, row in table.rows:
        count = len(problems)
        at = At(problems, path, f"line {line}")
        a = at.iso3("from", row["from"], iso3s)
        b = at.iso3("to", row["to"], iso3s)
        if a is not None and a == b:
            at.bad("to", b, "a state other than 'from' (a tie to itself)")
        weight = parse_csv_number(at, "weight", row["weight"], 0.0, 1.0, lo_open=True)
        kind = row["kind"]
        if kind not in TIE_KINDS:
            at.bad("kind", kind, one_of(TIE_KINDS, kind))
        if not row["source"]:
            at.bad("source", row["source"], "a non-empty citation, or 'ASSUMPTION: <reason>'")
        key = (min(row["from"], row["to"]), max(row["from"], row["to"]), kind)
        if key in pairs:
            at.bad(
                "to",
                row["to"],
                f"one tie per pair and kind ({row['from']}-{row['to']} {kind} repeats)",
            )
        pairs.add(key)
        if len(problems) == count:
            fields = {"a": a, "b": b, "weight": weight, "kind": kind, "source": row["source"]}
            out.append(Tie.model_validate(fields))
    return tuple(out)
