"""Suez, November 1956: Israel, Britain and France at war with Egypt (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import CaseSpec, Guarantee

SPEC = CaseSpec(
    name="suez-1956",
    title="Suez 1956: the Sinai war and the Anglo-French intervention",
    start="1956-11",
    war_began="1956-10",
    war_began_source="Israel invaded Sinai on 29 Oct 1956 (A/RES/997 (ES-I), 2 Nov 1956)",
    description=(
        "Suez, November 1956. Israel invaded Sinai on 29 Oct 1956; Britain and France, after "
        "their ultimatum of 30 Oct, bomb Egypt. British and French vetoes in the Security "
        "Council (30 Oct) led it to call the General Assembly into emergency special session "
        "under Uniting for Peace (S/RES/119, 31 Oct). Built from information dated before "
        "November 1956 (docs/cases/suez-1956.md)."
    ),
    dimensions=(
        (
            "canal",
            "the canal run by Egypt (nationalised 26 Jul 1956)",
            "international control of the canal",
        ),
        (
            "foreign_forces",
            "all invading forces withdraw",
            "Anglo-French and Israeli forces hold the canal zone and Sinai",
        ),
    ),
    dimensions_source=(
        "Egyptian nationalisation decree, 26 Jul 1956; the 18-power proposal of the London "
        "conference (23 Aug 1956) for an international Suez Canal Board; the Anglo-French "
        "ultimatum of 30 Oct 1956 (occupation of Port Said, Ismailia and Suez)"
    ),
    security_dimension="foreign_forces",
    victim="EGY",
    aggressor="ISR",
    victim_side=("EGY",),
    aggressor_side=("ISR", "GBR", "FRA"),
    roles_source="COW inter-state war list, war 155 (Sinai War 1956): Israel the initiator (29 Oct 1956); the UK and France joined on 31 Oct",
    veto_players=("EGY", "ISR", "GBR", "FRA"),
    veto_source="the four belligerents",
    guarantors=(
        Guarantee(
            "USA",
            0.25,
            "Tripartite Declaration of 25 May 1950 (US, UK, France: act against violations "
            "of the armistice lines); the UK and France are belligerents, so only the USA "
            "remains (rule: a declaration, no treaty = 0.25)",
        ),
    ),
    mission_kind="un_peacekeeping",
    mission_mandate="general_assembly",
    mission_source="S/RES/119, 31 Oct 1956, convening the emergency special session under Uniting for Peace (A/RES/377 (V), 3 Nov 1950)",
    mission_description="a consent-based UN force, the Assembly's to create under Uniting for Peace",
    sc_elected=("AUS", "BEL", "CUB", "IRN", "PER", "YUG"),
    sc_source=UNSC_PAGE + "; 1956: China's permanent seat held by the Republic of China (TWN)",
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
