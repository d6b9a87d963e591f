"""Donbas, August 2014: Russian forces enter the war in eastern Ukraine (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import Actor, ActorTie, CaseSpec, Guarantee

SPEC = CaseSpec(
    name="donbas-2014",
    title="Donbas 2014: towards Minsk",
    start="2014-08",
    war_began="2014-04",
    war_began_source="armed conflict in Donbas from April 2014 (seizure of Sloviansk 12 Apr 2014; Ukraine's 'anti-terrorist operation' from 15 Apr 2014)",
    description=(
        "Eastern Ukraine, August 2014. Ukraine's offensive against the self-proclaimed "
        "Donetsk and Luhansk 'people's republics' meets Russian regular forces (Ilovaisk, late "
        "August 2014). The Trilateral Contact Group (Ukraine, Russia, OSCE) has met since June; "
        "an OSCE Special Monitoring Mission (unarmed civilians) works in Ukraine since March. "
        "Built from information dated before August 2014 (docs/cases/donbas-2014.md)."
    ),
    dimensions=(
        (
            "status",
            "Donbas under Kyiv, decentralisation only",
            "special status or independence of the 'republics'",
        ),
        (
            "foreign_forces",
            "Russian forces withdraw, Ukraine controls the border",
            "Russian forces stay, no Ukrainian border control",
        ),
    ),
    dimensions_source="Poroshenko's peace plan, 20 Jun 2014 (decentralisation, border control); the 'republics' declarations of independence, 12 May 2014; A/RES/68/262, 27 Mar 2014 (Ukraine's territorial integrity)",
    security_dimension="foreign_forces",
    victim="UKR",
    aggressor="RUS",
    victim_side=("UKR",),
    aggressor_side=("RUS", "DPR", "LPR"),
    roles_source="Russian annexation of Crimea (18 Mar 2014) and support of the Donbas 'republics' (A/RES/68/262, 27 Mar 2014)",
    veto_players=("UKR", "RUS", "DPR"),
    veto_source="the belligerents (the 'republics' sign through the Trilateral Contact Group)",
    guarantors=(
        Guarantee(
            "USA",
            0.25,
            "Budapest Memorandum on Security Assurances, 5 Dec 1994 (assurances, no guarantee; rule: 0.25)",
        ),
        Guarantee(
            "GBR", 0.25, "Budapest Memorandum on Security Assurances, 5 Dec 1994 (rule: 0.25)"
        ),
    ),
    mission_kind="none",
    mission_mandate="none",
    mission_source="no armed force proposed before August 2014: the OSCE Special Monitoring Mission (Permanent Council Decision 1117, 21 Mar 2014) is unarmed and civilian",
    mission_description="no armed force (unarmed OSCE monitors)",
    sc_elected=("ARG", "AUS", "TCD", "CHL", "JOR", "LTU", "LUX", "NGA", "KOR", "RWA"),
    sc_source=UNSC_PAGE,
    actors=(
        Actor(
            "DPR",
            "'Donetsk People's Republic'",
            "unrecognised_state",
            "declared 12 May 2014, recognised by no UN member as of Jul 2014",
            0.01,
            "ASSUMPTION: a hundredth of Russia's CINC",
            patron="RUS",
        ),
        Actor(
            "LPR",
            "'Luhansk People's Republic'",
            "unrecognised_state",
            "declared 12 May 2014, recognised by no UN member as of Jul 2014",
            0.005,
            "ASSUMPTION: half of the Donetsk entity's (a two-hundredth of Russia's CINC)",
            patron="RUS",
        ),
    ),
    actor_ties=(
        ActorTie(
            "DPR",
            "RUS",
            0.9,
            "bilateral",
            "Russian supply and command (A/RES/68/262 context; OSCE SMM reports, Jul 2014) (ASSUMPTION for the weight)",
        ),
        ActorTie(
            "LPR", "RUS", 0.9, "bilateral", "as for the Donetsk entity (ASSUMPTION for the weight)"
        ),
        ActorTie(
            "DPR",
            "LPR",
            0.8,
            "alliance",
            "'Novorossiya' union, 24 May 2014 (ASSUMPTION for the weight)",
        ),
    ),
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
