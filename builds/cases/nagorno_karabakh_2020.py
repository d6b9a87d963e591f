"""Nagorno-Karabakh, September 2020: Azerbaijan's offensive (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import Actor, ActorTie, CaseSpec, Guarantee

SPEC = CaseSpec(
    name="nagorno-karabakh-2020",
    title="Nagorno-Karabakh 2020: the 44-day war",
    start="2020-09",
    war_began="2020-09",
    war_began_source="Azerbaijan's offensive from 27 Sep 2020",
    description=(
        "Nagorno-Karabakh, September 2020. Azerbaijan launches an offensive (27 Sep 2020) to "
        "retake Nagorno-Karabakh and the surrounding districts held by Armenian forces since "
        "the 1994 ceasefire. The OSCE Minsk Group (France, Russia, the United States) has "
        "mediated since 1992 on the Basic (Madrid) Principles, which include international "
        "security guarantees with a peacekeeping operation. Built from information dated "
        "before September 2020 (docs/cases/nagorno-karabakh-2020.md)."
    ),
    dimensions=(
        (
            "territory",
            "Armenian control of Nagorno-Karabakh and the districts",
            "all territories returned to Azerbaijan",
        ),
        (
            "foreign_forces",
            "peacekeepers guarantee the Armenian population",
            "no foreign peacekeepers",
        ),
    ),
    dimensions_source="OSCE Minsk Group co-chairs' statement on the Basic Principles, 10 Jul 2009 (return of the districts, interim status, international security guarantees including a peacekeeping operation)",
    security_dimension="foreign_forces",
    victim="ARM",
    aggressor="AZE",
    victim_side=("ARM", "NKR"),
    aggressor_side=("AZE",),
    roles_source="Azerbaijan's offensive of 27 Sep 2020 opened the war (rule: the side that launched the offensive at the start)",
    veto_players=("ARM", "AZE", "RUS"),
    veto_source="the belligerent states and Russia, Minsk Group co-chair and Armenia's ally",
    guarantors=(
        Guarantee(
            "RUS",
            0.5,
            "Russia-Armenia Treaty of Friendship, Cooperation and Mutual Assistance (29 Aug 1997) and the CSTO cover Armenia, not Nagorno-Karabakh (rule: a treaty that does not cover the disputed territory = 0.5)",
        ),
    ),
    mission_kind="reassurance",
    mission_mandate="agreement",
    mission_source="Basic Principles (OSCE Minsk Group, 10 Jul 2009): international security guarantees including a peacekeeping operation, set by the agreement",
    mission_description="a peacekeeping force set by the agreement",
    sc_elected=("BEL", "DOM", "EST", "DEU", "IDN", "NER", "VCT", "ZAF", "TUN", "VNM"),
    sc_source=UNSC_PAGE,
    proxies={"NKR": "ARM"},
    proxies_source="Nagorno-Karabakh does not vote; Armenia stands for it",
    actors=(
        Actor(
            "NKR",
            "Nagorno-Karabakh (Artsakh)",
            "unrecognised_state",
            "recognised by no UN member",
            0.1,
            "ASSUMPTION: a tenth of Armenia's CINC (its forces are largely Armenia's)",
            patron="ARM",
        ),
    ),
    actor_ties=(
        ActorTie(
            "NKR",
            "ARM",
            0.9,
            "bilateral",
            "Armenian forces and budget support of the Nagorno-Karabakh authorities since 1994 (ASSUMPTION for the weight)",
        ),
    ),
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
