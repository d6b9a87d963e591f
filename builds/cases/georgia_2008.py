"""Georgia, August 2008: war over South Ossetia (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import Actor, ActorTie, CaseSpec, Guarantee

SPEC = CaseSpec(
    name="georgia-2008",
    title="Georgia 2008: the August war",
    start="2008-08",
    war_began="2008-08",
    war_began_source="fighting in South Ossetia from 7-8 Aug 2008 (COW inter-state war, Russo-Georgian War 2008)",
    description=(
        "Georgia, August 2008. Fighting around Tskhinvali (7-8 Aug 2008) becomes a war between "
        "Georgia and Russia, with South Ossetian and Abkhaz forces on Russia's side. Russian "
        "peacekeepers have been in South Ossetia since the 1992 Sochi agreement. France holds "
        "the EU presidency. Built from information dated before August 2008 "
        "(docs/cases/georgia-2008.md)."
    ),
    dimensions=(
        (
            "status",
            "Georgia's territorial integrity, the regions reintegrated",
            "independence of South Ossetia and Abkhazia",
        ),
        ("foreign_forces", "international (not Russian) peacekeepers", "Russian forces only"),
    ),
    dimensions_source="S/RES/1808, 15 Apr 2008 (Georgia's territorial integrity); Georgian proposals to replace the Russian-led peacekeepers (2006-08); South Ossetian and Abkhaz demands for independence",
    security_dimension="foreign_forces",
    victim="GEO",
    aggressor="RUS",
    victim_side=("GEO",),
    aggressor_side=("RUS", "SOS", "ABK"),
    roles_source="Russian forces crossed Georgia's international border (8 Aug 2008); South Ossetian and Abkhaz forces fought with them",
    veto_players=("GEO", "RUS", "SOS"),
    veto_source="the belligerents",
    guarantors=(
        Guarantee(
            "USA",
            0.25,
            "NATO Bucharest summit declaration, 3 Apr 2008 (Georgia 'will become' a member), no guarantee (rule: 0.25)",
        ),
    ),
    mission_kind="none",
    mission_mandate="none",
    mission_source="no armed force proposed before August 2008 other than the Russian-led peacekeepers of the 1992 Sochi agreement; OSCE and UNOMIG observers",
    mission_description="no (new) armed force",
    sc_elected=("BEL", "BFA", "CRI", "HRV", "IDN", "ITA", "LBY", "PAN", "ZAF", "VNM"),
    sc_source=UNSC_PAGE,
    actors=(
        Actor(
            "SOS",
            "South Ossetia",
            "unrecognised_state",
            "recognised by no UN member as of Jul 2008",
            0.01,
            "ASSUMPTION: a hundredth of Russia's CINC",
            patron="RUS",
        ),
        Actor(
            "ABK",
            "Abkhazia",
            "unrecognised_state",
            "recognised by no UN member as of Jul 2008",
            0.01,
            "ASSUMPTION: a hundredth of Russia's CINC",
            patron="RUS",
        ),
    ),
    actor_ties=(
        ActorTie(
            "SOS",
            "RUS",
            0.9,
            "bilateral",
            "Russian passports, budget support and peacekeepers since 1992 (ASSUMPTION for the weight)",
        ),
        ActorTie(
            "ABK",
            "RUS",
            0.9,
            "bilateral",
            "Russian passports and CIS peacekeepers since 1994 (ASSUMPTION for the weight)",
        ),
    ),
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
