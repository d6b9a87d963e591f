"""The rules every historical case is built by: one set, documented in docs/cases/README.md.

``build_rows(spec)`` turns a case's sourced facts (``builds.cases.spec``) and the shared data
(``builds.cases.data``) into states, ties and case parameters. No rule looks at what happened
after the start, and no value is set per case except the facts in its spec.

UN positions: ``g`` = which side a member takes on the General Assembly roll calls of the 36
months before the start on which the two sides' principals (or their proxies, when a principal
does not vote) voted differently: the mean expected value of its vote, the aggressor principal's
1, the victim principal's 0, the third option 0.5, under the member's ideal point at the start
and each roll call's items, both from the case's own fit on the roll calls before the start
(``builds.cases.ideal_points``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from builds.cases.data import IDEAL_ITEMS, IDEAL_POSITIONS, SharedData, shared
from builds.cases.memberships import SOURCE as MEMBERSHIP_SOURCE
from builds.cases.memberships import tags
from builds.cases.parameters import case_parameters
from builds.cases.registry import alliance_year, data_year, window
from builds.cases.spec import CaseSpec
from builds.ideal_positions import expected_side
from builds.un_roll_calls import VOTE_CODES

# --- positions, salience, stubbornness, exposure, absence ----------------------------------
VICTIM_POSITION, AGGRESSOR_POSITION = 0.0, 1.0  # the dimensions' ends are the sides' demands
SAL_BELLIGERENT, SAL_THIRD_PARTY, SAL_REGION, SAL_OTHER = 1.0, 0.8, 0.5, 0.3
STUB_BELLIGERENT, STUB_BASE, STUB_SPAN = 0.9, 0.30, 0.40  # as ukraine-2025: 0.30 + 0.40|2g-1|
EXPOSURE_VICTIM, EXPOSURE_AGGRESSOR, EXPOSURE_REGION, EXPOSURE_OTHER = 1.0, 0.0, 0.5, 0.2
P_ABSENT_PRIOR_STRENGTH, P_ABSENT_BOUNDS = 4.0, (0.02, 0.50)  # as ukraine-2025
# --- force ---------------------------------------------------------------------------------
MIN_MILPER = 10.0  # thousands: a candidate has at least 10,000 under arms (COW NMC milper)
CAPACITY_SHARE, CAPACITY_CAP = 0.01, 5000  # it can send 1% of its forces, at most 5,000
ALIGNED_G = 0.3  # a reassurance candidate sides with the victim's principal: g <= 0.3
# --- ties ----------------------------------------------------------------------------------
DEFENCE_WEIGHT, OTHER_PACT_WEIGHT = 0.6, 0.3


@dataclass(frozen=True)
class Built:
    states: list[dict[str, str]]
    ties: list[dict[str, str]]
    force: list[dict[str, str]]
    parameters: dict[str, dict[str, object]]
    lead_nations: tuple[str, ...]
    permanent: tuple[str, ...]
    n_roll_calls: int


def permanent_members(year: int) -> tuple[str, ...]:
    """The five permanent seats: China's held by the Republic of China until 25 Oct 1971
    (A/RES/2758 (XXVI)); the USSR's by Russia from 24 Dec 1991 (COW code 365 throughout)."""
    china = "TWN" if year <= 1971 else "CHN"
    return ("USA", "GBR", "FRA", "RUS", china)


def _f4(x: float) -> str:
    return f"{x:.4f}"


def alignment(
    spec: CaseSpec, data: SharedData
) -> tuple[dict[str, float], dict[str, tuple[int, int]], int]:
    """g per voting member, (roll calls it could vote on, absences), number of roll calls.

    ``g``: over the window's roll calls on which the two sides' principals (or their proxies)
    voted differently, the expected value of the member's vote, the aggressor principal's vote 1,
    the victim principal's 0, the third option 0.5, at the member's ideal point and each roll
    call's items (the case's own fit; ``builds.ideal_positions.expected_side``, the rule
    ukraine-2025's alignment uses). A roll call on which the principals voted alike says nothing
    about which side a member takes. Absences still come from the record."""
    votes = data.votes[spec.name]
    dates = data.dates[spec.name]
    ideal, items = data.ideal.get(spec.name, {}), data.items.get(spec.name, {})
    v_proxy = spec.proxies.get(spec.victim, spec.victim)
    a_proxy = spec.proxies.get(spec.aggressor, spec.aggressor)
    members = sorted({iso3 for rc in votes.values() for iso3 in rc})
    for proxy in (v_proxy, a_proxy):
        if proxy not in members:
            raise ValueError(f"{spec.name}: proxy {proxy} has no roll-call vote in {window(spec)}")
    unfitted = [m for m in members if m not in ideal]
    unitemed = [rc for rc in votes if rc not in items]
    if unfitted or unitemed:
        raise ValueError(
            f"{spec.name}: {IDEAL_POSITIONS} and {IDEAL_ITEMS} lack members {unfitted} or "
            f"roll calls {unitemed}; "
            "run: python -m builds.cases.ideal_points"
        )
    split = [
        (rc, VOTE_CODES[votes[rc][a_proxy]], VOTE_CODES[votes[rc][v_proxy]])
        for rc in sorted(votes, key=lambda r: (dates[r], int(r)))
        if {a_proxy, v_proxy} <= set(votes[rc]) and votes[rc][a_proxy] != votes[rc][v_proxy]
    ]
    table = np.array([items[rc] for rc, _, _ in split], dtype=float).reshape(len(split), 4)
    share = expected_side(
        np.array([ideal[m] for m in members]),
        table,
        np.array([a for _, a, _ in split], dtype=int),
        np.array([v for _, _, v in split], dtype=int),
    )
    g = {m: float(v) for m, v in zip(members, share, strict=True)}
    first: dict[str, str] = {}
    for rc in sorted(votes, key=lambda r: (dates[r], int(r))):
        for iso3 in votes[rc]:
            first.setdefault(iso3, dates[rc])
    presence: dict[str, tuple[int, int]] = {}
    for iso3 in members:
        eligible = [rc for rc in votes if dates[rc] >= first[iso3]]
        voted = sum(iso3 in votes[rc] for rc in eligible)
        presence[iso3] = (len(eligible), len(eligible) - voted)
    return g, presence, len(votes)


def build_rows(spec: CaseSpec) -> Built:
    data = shared()
    year, pact_year = data_year(spec), alliance_year(spec)
    g, presence, n_rc = alignment(spec, data)
    actors = {a.iso3: a for a in spec.actors}
    extra = {e.text: e.source for e in spec.extra_members}
    members = sorted((set(g) | set(extra)) - set(actors))
    everyone = sorted(set(members) | set(actors))
    v_side, a_side = set(spec.victim_side), set(spec.aggressor_side)
    belligerents = v_side | a_side
    third = {x.iso3 for x in spec.guarantors} | (set(spec.veto_players) - belligerents)
    region_of = {k: data.countries[k].region if k in data.countries else "" for k in everyone}
    victim_region = region_of.get(spec.victim) or region_of.get(
        spec.proxies.get(spec.victim, ""), ""
    )
    permanent = permanent_members(spec.year)
    base_absent = sum(a / n for n, a in presence.values() if n) / max(1, len(presence))

    cinc: dict[str, float] = {}
    milper: dict[str, float] = {}
    how: dict[str, str] = {}
    for iso3 in everyone:
        code = data.ccode(iso3, year)
        record = data.nmc.get((code or "", year))
        if record is not None and record[1] >= 0:
            milper[iso3], cinc[iso3] = max(record[0], 0.0), record[1]
            how[iso3] = f"COW NMC v6 CINC {year}"
        elif iso3 in actors and actors[iso3].capability is not None:
            continue
        else:
            milper[iso3], cinc[iso3] = 0.0, 0.0
            how[iso3] = f"no COW NMC record for {year}: 0"
    for iso3, actor in actors.items():
        if iso3 not in cinc:
            assert actor.capability is not None and actor.patron in cinc, (spec.name, iso3)
            cinc[iso3] = actor.capability * cinc[actor.patron]
            milper[iso3] = 0.0
            how[iso3] = f"{actor.capability_source} (x CINC {year} of {actor.patron})"
    cmax = max(cinc.values())

    pacts = data.atop.get(pact_year, {})

    def pact(a: str, b: str) -> tuple[bool, bool]:
        ca, cb = data.ccode(a, year), data.ccode(b, year)
        if ca is None or cb is None:
            return False, False
        key = (min(ca, cb), max(ca, cb))
        return pacts.get((key[0], key[1]), (False, False))

    kind = spec.mission_kind
    candidates: dict[str, int] = {}
    for iso3 in everyone:
        status = actors[iso3].status if iso3 in actors else "un_member"
        if kind == "none" or milper.get(iso3, 0.0) < MIN_MILPER:
            continue
        if kind.startswith("un_"):
            impartial = not any(pact(iso3, b)[0] for b in belligerents)
            ok = status == "un_member" and iso3 not in belligerents and impartial
        else:
            allied = any(pact(iso3, b)[0] for b in v_side) or iso3 in v_side
            aligned = g.get(iso3, 1.0) <= ALIGNED_G
            ok = status in ("un_member", "non_member_state") and iso3 not in a_side
            ok = ok and (allied or aligned or iso3 in third)
        if ok:
            candidates[iso3] = min(round(CAPACITY_SHARE * milper[iso3] * 1000), CAPACITY_CAP)
    leads = tuple(x.iso3 for x in spec.guarantors if x.iso3 in candidates)
    if kind != "reassurance":
        leads = ()

    states = []
    for iso3 in everyone:
        who = actors.get(iso3)
        status = who.status if who else "un_member"
        gi = g.get(iso3, 0.5)
        src = [f"capability: {how[iso3]}, / max"]
        if iso3 in v_side:
            pos, bloc = VICTIM_POSITION, "Victim side"
            src.append("pos: the victim side's demands (the dimensions' low ends)")
        elif iso3 in a_side:
            pos, bloc = AGGRESSOR_POSITION, "Aggressor side"
            src.append("pos: the aggressor side's demands (the dimensions' high ends)")
        else:
            pos = gi
            bloc = (
                "Guarantor"
                if iso3 in third
                else (
                    "Victim-leaning"
                    if gi < 0.4
                    else "Aggressor-leaning"
                    if gi > 0.6
                    else "Non-aligned"
                )
            )
            src.append(
                f"pos: expected roll-call alignment g = {gi:.2f} "
                f"(ideal point; {n_rc} roll calls, {window(spec)[0]} to {spec.start})"
            )
        if iso3 in belligerents:
            sal, stub = SAL_BELLIGERENT, STUB_BELLIGERENT
        else:
            stub = STUB_BASE + STUB_SPAN * abs(2 * gi - 1)
            if iso3 in third:
                sal = SAL_THIRD_PARTY
            elif victim_region and region_of.get(iso3) == victim_region:
                sal = SAL_REGION
            else:
                sal = SAL_OTHER
        if iso3 in v_side:
            exposure = EXPOSURE_VICTIM
        elif iso3 in a_side:
            exposure = EXPOSURE_AGGRESSOR
        elif victim_region and region_of.get(iso3) == victim_region:
            exposure = EXPOSURE_REGION
        else:
            exposure = EXPOSURE_OTHER
        if status == "un_member" and iso3 in presence:
            n, absent = presence[iso3]
            p_abs = (absent + P_ABSENT_PRIOR_STRENGTH * base_absent) / (n + P_ABSENT_PRIOR_STRENGTH)
            p_abs = min(max(p_abs, P_ABSENT_BOUNDS[0]), P_ABSENT_BOUNDS[1])
            src.append("p_absent: absences in the window's roll calls")
        else:
            p_abs = 0.0
        if status != "un_member":
            src.append(f"status: {who.source if who else ''}")
        elif iso3 in extra:
            src.append(f"member: {extra[iso3]}")
        seat = "permanent" if iso3 in permanent else "elected" if iso3 in spec.sc_elected else ""
        if iso3 in candidates:
            src.append("troops: 1% of COW NMC military personnel, at most 5,000")
        if tags(iso3, year):
            src.append(MEMBERSHIP_SOURCE)
        country = data.countries.get(iso3)
        name = who.name if who else (country.name(data.ccode(iso3, year)) if country else iso3)
        row = {
            "iso3": iso3,
            "name": name,
            "capability": f"{cinc[iso3] / cmax:.8f}",
            **{f"pos_{d[0]}": _f4(pos) for d in spec.dimensions},
            **{f"sal_{d[0]}": _f4(sal) for d in spec.dimensions},
            "stubbornness": _f4(stub),
            "memberships": ";".join(tags(iso3, year)),
            "bloc": bloc,
            "force_candidate": "true" if iso3 in candidates else "false",
            "troop_capacity": str(candidates.get(iso3, 0)),
            "exposure": _f4(exposure),
            "sc_seat": seat,
            "p_absent": _f4(p_abs),
            "source": "; ".join(src),
            "status": "" if status == "un_member" else status,
        }
        states.append(row)
    missing = [k for k in (*permanent, *spec.sc_elected) if k not in everyone]
    if missing:
        raise ValueError(f"{spec.name}: Council members without a row: {missing}")

    ties = []
    for i, a in enumerate(everyone):
        for b in everyone[i + 1 :]:
            defence, other = pact(a, b)
            if defence or other:
                kind_, w = (
                    ("alliance", DEFENCE_WEIGHT) if defence else ("bilateral", OTHER_PACT_WEIGHT)
                )
                what = (
                    "defence pact"
                    if defence
                    else "other pact (offence, neutrality, non-aggression or consultation)"
                )
                src_ = f"ATOP v5 dyad-years {pact_year} (Leeds et al. 2002): {what}"
                ties.append({"from": a, "to": b, "weight": _f4(w), "kind": kind_, "source": src_})
    for t in spec.actor_ties:
        a, b = sorted((t.a, t.b))
        ties.append(
            {"from": a, "to": b, "weight": _f4(t.weight), "kind": t.kind, "source": t.source}
        )
    ties.sort(key=lambda r: (r["from"], r["to"], r["kind"]))

    force = [
        {
            "iso3": iso3,
            "record": "0",
            "milper": f"{milper[iso3]:g}",
            "in_europe": "true" if region_of.get(iso3) == "Europe" else "false",
            "prior_approval": "false",
            "statement": "0",
            "conditional_on_backstop": "false",
            "source": (
                f"milper: COW NMC v6 {year} (thousands); in_europe: OWID region; record, "
                "prior_approval, statement: ASSUMPTION: not compiled for historical cases (0, "
                "false, 0: no record, no approval rule, no statement known to the build)"
            ),
        }
        for iso3 in sorted(candidates)
    ]
    parameters = case_parameters(spec, cinc)
    return Built(states, ties, force, parameters, leads, permanent, n_rc)
