"""Lebanon, July 2006: Israel and Hezbollah at war (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import Actor, ActorTie, CaseSpec, Guarantee

SPEC = CaseSpec(
    name="lebanon-2006",
    title="Lebanon 2006: Israel and Hezbollah",
    start="2006-07",
    war_began="2006-07",
    war_began_source="Hezbollah's cross-border raid and Israel's offensive from 12 Jul 2006 (S/RES/1701, 11 Aug 2006)",
    description=(
        "Lebanon, July 2006. Hezbollah raids across the Blue Line and captures two Israeli "
        "soldiers (12 Jul 2006); Israel answers with air strikes and a ground campaign, "
        "Hezbollah with rockets. Lebanon's government, in which Hezbollah sits, is not a party "
        "to the fighting. UNIFIL (about 2,000 troops) has been in southern Lebanon since 1978. "
        "Built from information dated before July 2006 (docs/cases/lebanon-2006.md)."
    ),
    dimensions=(
        (
            "disarmament",
            "Hezbollah disarmed, no armed groups south of the Litani",
            "Hezbollah keeps its arms in the south",
        ),
        (
            "foreign_forces",
            "a robust international force in southern Lebanon",
            "no foreign force beyond UNIFIL as it is",
        ),
    ),
    dimensions_source="S/RES/1559, 2 Sep 2004 (disbanding and disarmament of all militias); Hezbollah's refusal to disarm (Lebanese national dialogue, Mar-Jun 2006)",
    security_dimension="foreign_forces",
    victim="ISR",
    aggressor="HZB",
    victim_side=("ISR",),
    aggressor_side=("HZB",),
    roles_source="UCDP: Israel vs Hezbollah, 2006; Hezbollah's cross-border raid of 12 Jul 2006 opened the war",
    veto_players=("ISR", "HZB", "LBN", "USA"),
    veto_source="the belligerents, Lebanon's government (the force's host) and the United States (Israel's patron in the Council)",
    guarantors=(
        Guarantee(
            "USA",
            0.5,
            "no US-Israel defence treaty; memoranda of strategic cooperation since 30 Nov 1981 (rule: a public commitment without a treaty = 0.5)",
        ),
    ),
    mission_kind="un_peacekeeping",
    mission_mandate="security_council",
    mission_source="S/RES/425 and 426, 19 Mar 1978 (UNIFIL), renewed, last by S/RES/1655 (31 Jan 2006)",
    mission_description="UNIFIL, a consent-based UN force in southern Lebanon",
    sc_elected=("ARG", "COG", "DNK", "GHA", "GRC", "JPN", "PER", "QAT", "SVK", "TZA"),
    sc_source=UNSC_PAGE,
    proxies={"HZB": "IRN"},
    proxies_source="ASSUMPTION: Hezbollah does not vote; Iran, its patron, stands for it",
    actors=(
        Actor(
            "HZB",
            "Hezbollah",
            "armed_group",
            "UCDP: Hezbollah, an armed group",
            0.05,
            "ASSUMPTION: a twentieth of Iran's CINC",
            patron="IRN",
        ),
    ),
    actor_ties=(
        ActorTie(
            "HZB",
            "IRN",
            0.8,
            "bilateral",
            "Iranian arms and funding (S/2006/248 on S/RES/1559, 19 Apr 2006) (ASSUMPTION for the weight)",
        ),
        ActorTie(
            "HZB",
            "SYR",
            0.6,
            "bilateral",
            "Syrian transit of arms (S/2006/248) (ASSUMPTION for the weight)",
        ),
        ActorTie(
            "HZB",
            "LBN",
            0.4,
            "bilateral",
            "Hezbollah ministers in the Lebanese cabinet since Jul 2005 (ASSUMPTION for the weight)",
        ),
    ),
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
