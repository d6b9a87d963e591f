"""Iran and Iraq, October 1980: Iraq's invasion of Khuzestan (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import CaseSpec, Guarantee

SPEC = CaseSpec(
    name="iran-iraq-1980",
    title="Iran-Iraq 1980: the Iraqi invasion",
    start="1980-10",
    war_began="1980-09",
    war_began_source="Iraq invaded Iran on 22 Sep 1980 (S/RES/479, 28 Sep 1980)",
    description=(
        "Iran and Iraq, October 1980. Iraq abrogated the 1975 Algiers Agreement (17 Sep 1980) "
        "and invaded Iran (22 Sep). S/RES/479 (28 Sep 1980) calls on both to stop the use of "
        "force; the Islamic Conference sends a mediation led by Pakistan's President. Built "
        "from information dated before October 1980 (docs/cases/iran-iraq-1980.md)."
    ),
    dimensions=(
        (
            "shatt_al_arab",
            "the 1975 Algiers border (thalweg of the Shatt al-Arab)",
            "Iraqi sovereignty over the whole Shatt al-Arab",
        ),
        (
            "withdrawal",
            "Iraqi forces withdraw to the border",
            "Iraqi forces hold Iranian territory",
        ),
    ),
    dimensions_source="Algiers Agreement, 6 Mar 1975; Iraq's abrogation, 17 Sep 1980; S/RES/479, 28 Sep 1980",
    security_dimension="withdrawal",
    victim="IRN",
    aggressor="IRQ",
    victim_side=("IRN",),
    aggressor_side=("IRQ",),
    roles_source="COW inter-state war list, Iran-Iraq War 1980-88: Iraq the initiator (22 Sep 1980)",
    veto_players=("IRN", "IRQ"),
    veto_source="the two belligerents",
    guarantors=(
        Guarantee(
            "PAK",
            0.0,
            "Islamic Conference good-offices mission led by President Zia ul-Haq (27 Sep "
            "1980): a mediator, no security commitment (rule: 0)",
        ),
    ),
    mission_kind="none",
    mission_mandate="none",
    mission_source="no force proposed before October 1980: S/RES/479 (28 Sep 1980) only calls for a ceasefire and mediation",
    mission_description="no force",
    sc_elected=("BGD", "DDR", "JAM", "MEX", "NER", "NOR", "PHL", "PRT", "TUN", "ZMB"),
    sc_source=UNSC_PAGE,
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
