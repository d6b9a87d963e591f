"""Cyprus, July 1974: the coup and the Turkish intervention (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import CaseSpec, Guarantee

SPEC = CaseSpec(
    name="cyprus-1974",
    title="Cyprus 1974: the Turkish intervention",
    start="1974-07",
    war_began="1974-07",
    war_began_source="Turkish landing in Cyprus, 20 Jul 1974 (S/RES/353, 20 Jul 1974)",
    description=(
        "Cyprus, July 1974. A coup backed by the Greek junta overthrows President Makarios "
        "(15 Jul 1974); Turkey, a guarantor power under the 1960 Treaty of Guarantee, lands "
        "troops (20 Jul). UNFICYP has kept the peace between the communities since 1964. "
        "Built from information dated before July 1974 (docs/cases/cyprus-1974.md)."
    ),
    dimensions=(
        (
            "territory",
            "a unitary Cyprus",
            "a separate Turkish Cypriot zone (partition or federation)",
        ),
        (
            "foreign_forces",
            "all foreign troops leave; a UN force only",
            "Turkish troops stay on the island",
        ),
    ),
    dimensions_source=(
        "1960 constitution and Treaty of Guarantee (16 Aug 1960); the intercommunal talks of "
        "1968-74 (Greek Cypriot unitary state against Turkish Cypriot local autonomy); Turkish "
        "statements of 1964 and 1967 on its right of intervention"
    ),
    security_dimension="foreign_forces",
    victim="CYP",
    aggressor="TUR",
    victim_side=("CYP",),
    aggressor_side=("TUR",),
    roles_source="COW inter-state war list, Turco-Cypriot War 1974: Turkey the initiator (20 Jul 1974)",
    veto_players=("CYP", "TUR", "GRC", "GBR"),
    veto_source="the parties and the guarantor powers of the 1960 Treaty of Guarantee (UK, Greece, Turkey)",
    guarantors=(
        Guarantee(
            "GBR",
            0.5,
            "Treaty of Guarantee, 16 Aug 1960, art. IV; British Sovereign Base Areas "
            "(rule: a treaty right to act without a defence obligation = 0.5)",
        ),
        Guarantee(
            "GRC",
            0.25,
            "Treaty of Guarantee, 16 Aug 1960; Greece's junta at odds with Makarios "
            "(rule: 0.25, a guarantee in name)",
        ),
    ),
    mission_kind="un_peacekeeping",
    mission_mandate="security_council",
    mission_source="S/RES/186, 4 Mar 1964 (UNFICYP), renewed every six months since",
    mission_description="UNFICYP, a consent-based UN force already on the island",
    sc_elected=("AUS", "AUT", "BLR", "CMR", "CRI", "IDN", "IRQ", "KEN", "MRT", "PER"),
    sc_source=UNSC_PAGE,
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
