"""Eritrea and Ethiopia, May 2000: Ethiopia's offensive (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import CaseSpec, Guarantee

SPEC = CaseSpec(
    name="eritrea-ethiopia-2000",
    title="Eritrea-Ethiopia 2000: the May offensive",
    start="2000-05",
    war_began="1998-05",
    war_began_source="Eritrean forces entered Badme on 6 May 1998 (COW inter-state war, Badme Border War 1998-2000)",
    description=(
        "Eritrea and Ethiopia, May 2000. Two years into the border war that began at Badme "
        "(6 May 1998), Ethiopia launches a major offensive (12 May 2000). The OAU Framework "
        "Agreement (Nov 1998) and its Modalities (Jul 1999) provide for withdrawal to the "
        "positions before 6 May 1998 and a peacekeeping mission under the UN and the OAU. "
        "Built from information dated before May 2000 (docs/cases/eritrea-ethiopia-2000.md)."
    ),
    dimensions=(
        (
            "border",
            "Eritrea withdraws to the positions before 6 May 1998",
            "Eritrea keeps Badme and the areas it took",
        ),
        ("foreign_forces", "a UN peacekeeping force and buffer zone", "no foreign force"),
    ),
    dimensions_source="OAU Framework Agreement (Ouagadougou, 17 Dec 1998) and Modalities for its implementation (Algiers, 14 Jul 1999)",
    security_dimension="foreign_forces",
    victim="ETH",
    aggressor="ERI",
    victim_side=("ETH",),
    aggressor_side=("ERI",),
    roles_source="COW inter-state war list, Badme border war 1998-2000: Eritrea the initiator (6 May 1998)",
    veto_players=("ETH", "ERI", "DZA"),
    veto_source="the belligerents and Algeria, chair of the OAU and its mediator (1999-2000)",
    guarantors=(
        Guarantee(
            "USA",
            0.25,
            "US facilitation with Rwanda (May 1998) and the OAU (1999); no security commitment (rule: a mediator's guarantee = 0.25)",
        ),
        Guarantee(
            "DZA",
            0.25,
            "OAU chair (Jul 1999 - Jul 2000), mediator (rule: a mediator's guarantee = 0.25)",
        ),
    ),
    mission_kind="un_peacekeeping",
    mission_mandate="security_council",
    mission_source="OAU Modalities (14 Jul 1999), para. 5: a peacekeeping mission under the UN and the OAU",
    mission_description="a consent-based UN mission in a temporary security zone",
    sc_elected=("ARG", "BGD", "CAN", "JAM", "MYS", "MLI", "NAM", "NLD", "TUN", "UKR"),
    sc_source=UNSC_PAGE,
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
