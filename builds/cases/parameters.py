"""The case-specific parameters, by the rules of docs/cases/README.md (ODD 5, Initialisation).

Backstop from the guarantors, the required strength from the kind of mission, and each veto
player's value of fighting on from its side's capability, the war's age from the month its
fighting began: nothing set per case by hand.
"""

from __future__ import annotations

import tomllib

from builds.cases.behaviour import UKRAINE
from builds.cases.registry import data_year
from builds.cases.spec import CaseSpec

REQUIRED_TROOPS = {"un_peacekeeping": 5000, "un_observer": 1000, "reassurance": 10000, "none": 5000}
REQUIRED_SOURCE = (
    "ASSUMPTION: one value per kind of mission for every case (not the case's own plan, which "
    "could reflect what was deployed): a brigade-size interposition force for UN peacekeeping "
    "(5,000), a battalion of observers (1,000), two brigades for a reassurance force (10,000)"
)
FIGHT_BASE, FIGHT_SPAN = 0.3, 0.5  # value of fighting on: 0.3 + 0.5 x side's share of CINC
FIGHT_THIRD_PARTY = 0.5
#: months: ukraine-2025's stated range of war_months_before_start (one range for every war)
WAR_AGE_RANGE = tuple(
    tomllib.loads(UKRAINE.read_text(encoding="utf-8"))["parameters"]["war_months_before_start"][
        "range"
    ]
)


def case_parameters(spec: CaseSpec, cinc: dict[str, float]) -> dict[str, dict[str, object]]:
    from scenarios.validate_case import combined_commitment

    out: dict[str, dict[str, object]] = {}
    backstop = combined_commitment([x.commitment for x in spec.guarantors])
    out["backstop"] = {
        "value": round(backstop, 6),
        "unit": "share",
        "range": [0.0, 1.0],
        "source": (
            "the guarantors' combined commitment 1 - prod(1 - commitment) over [[guarantors]]"
        ),
        "description": "the guarantors' backstop level b",
    }
    out["force_required_troops"] = {
        "value": float(REQUIRED_TROOPS[spec.mission_kind]),
        "unit": "troops",
        "range": [500.0, 100000.0],
        "source": REQUIRED_SOURCE,
        "description": "strength R the force needs to be adequate",
    }
    side_cinc = {
        "victim": sum(cinc.get(k, 0.0) for k in spec.victim_side),
        "aggressor": sum(cinc.get(k, 0.0) for k in spec.aggressor_side),
    }
    total = side_cinc["victim"] + side_cinc["aggressor"]
    for iso3 in spec.veto_players:
        key = iso3.lower()
        side = (
            "victim"
            if iso3 in spec.victim_side
            else "aggressor"
            if iso3 in spec.aggressor_side
            else None
        )
        if side is None:
            value, source = (
                FIGHT_THIRD_PARTY,
                "rule: a third party's value of the war going on (0.5)",
            )
        else:
            share = side_cinc[side] / total if total else 0.5
            value = FIGHT_BASE + FIGHT_SPAN * share
            source = (
                f"rule: 0.3 + 0.5 x its side's share of the belligerents' CINC "
                f"(COW NMC v6, {data_year(spec)}): {share:.3f}"
            )
        out[f"fighting_on_{key}"] = {
            "value": round(value, 4),
            "unit": "utility",
            "range": [0.0, 1.0],
            "source": source,
            "description": f"{iso3}'s value of fighting on at round 0 (its BATNA)",
        }
    low, high = WAR_AGE_RANGE
    if not spec.war_began or not low <= spec.war_months <= high:
        raise ValueError(
            f"{spec.name}: war_began {spec.war_began!r} must be YYYY-MM, "
            f"{low} to {high} months before {spec.start}"
        )
    out["war_months_before_start"] = {
        "value": spec.war_months,
        "fact": True,  # dated: the assumption interval holds it (sweeps.uncertainty)
        "unit": "months",
        "range": list(WAR_AGE_RANGE),
        "source": (
            f"the fighting began {spec.war_began} ({spec.war_began_source}); "
            f"the case starts {spec.start}"
        ),
        "description": (
            "months the war has lasted at round 1 (war weariness; the weight of the "
            "belligerents' beliefs)"
        ),
    }
    for iso3 in spec.veto_players:
        out[f"battlefield_trend_{iso3.lower()}"] = {
            "value": 0.0,
            "unit": "utility/month",
            "range": [-0.02, 0.02],
            "source": (
                "ASSUMPTION: no trend for any case (no rule dated before the start gives one)"
            ),
            "description": f"monthly change in {iso3}'s value of fighting on",
        }
    return out
