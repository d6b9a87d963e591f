"""Sinai, October 1973: the October (Yom Kippur) War (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import CaseSpec, Guarantee

SPEC = CaseSpec(
    name="sinai-1973",
    title="Sinai 1973: the October War",
    start="1973-10",
    war_began="1973-10",
    war_began_source="Egypt and Syria attacked on 6 Oct 1973 (S/RES/338, 22 Oct 1973)",
    description=(
        "Sinai and Golan, October 1973. Egypt and Syria attack Israeli forces on the Suez Canal "
        "and the Golan Heights (6 Oct 1973), six years after Israel took Sinai and the Golan in "
        "June 1967. S/RES/242 (22 Nov 1967) frames any settlement: withdrawal from territories "
        "occupied in 1967 against secure and recognised boundaries. Built from information "
        "dated before October 1973 (docs/cases/sinai-1973.md)."
    ),
    dimensions=(
        (
            "territory",
            "Israel keeps its 1967 lines",
            "full Israeli withdrawal to the 4 June 1967 lines",
        ),
        (
            "security_arrangements",
            "demilitarised zones with an international force",
            "no foreign force, no limits on Egyptian forces",
        ),
    ),
    dimensions_source=(
        "S/RES/242, 22 Nov 1967; Jarring mission exchanges of Feb 1971 (Egypt: full withdrawal; "
        "Israel: no return to the 1967 lines); Rogers Plan, 9 Dec 1969 (demilitarised zones)"
    ),
    security_dimension="security_arrangements",
    victim="ISR",
    aggressor="EGY",
    victim_side=("ISR",),
    aggressor_side=("EGY", "SYR"),
    roles_source="COW inter-state war list, Yom Kippur War 1973: Egypt and Syria the initiators (6 Oct 1973)",
    veto_players=("ISR", "EGY", "SYR"),
    veto_source="the three belligerents",
    guarantors=(
        Guarantee(
            "USA",
            0.5,
            "no US-Israel treaty (ATOP v5: no pact); US arms supply to Israel since the "
            "Phantom sale of Dec 1968 (rule: a public security commitment without a "
            "treaty = 0.5)",
        ),
    ),
    mission_kind="un_peacekeeping",
    mission_mandate="security_council",
    mission_source="UNEF I precedent (A/RES/1000 (ES-I), 5 Nov 1956) and UNTSO observers on the lines since S/RES/50 (1948); S/RES/242 (1967) asks for a UN special representative",
    mission_description="a consent-based UN interposition force between the armies",
    sc_elected=("AUS", "AUT", "GIN", "IND", "IDN", "KEN", "PAN", "PER", "SDN", "YUG"),
    sc_source=UNSC_PAGE,
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
