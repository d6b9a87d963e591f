"""The Falklands/Malvinas, April 1982: Argentina's landing (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import CaseSpec, Guarantee

SPEC = CaseSpec(
    name="falklands-1982",
    title="Falklands/Malvinas 1982",
    start="1982-04",
    war_began="1982-04",
    war_began_source="Argentine landing on the Falklands, 2 Apr 1982 (S/RES/502, 3 Apr 1982)",
    description=(
        "The Falkland Islands (Malvinas), April 1982. Argentina lands on the islands (2 Apr "
        "1982), held by Britain since 1833 and claimed by Argentina; the UK sends a task force. "
        "The United States, allied to both, mediates. Built from information dated before "
        "April 1982 (docs/cases/falklands-1982.md)."
    ),
    dimensions=(
        ("sovereignty", "British sovereignty", "Argentine sovereignty"),
        (
            "withdrawal",
            "Argentine forces withdraw, British administration restored",
            "Argentine forces and administration stay",
        ),
    ),
    dimensions_source="A/RES/2065 (XX), 16 Dec 1965 (negotiations on the dispute); the 1977-81 Anglo-Argentine talks (leaseback option, 1980)",
    security_dimension="withdrawal",
    victim="GBR",
    aggressor="ARG",
    victim_side=("GBR",),
    aggressor_side=("ARG",),
    roles_source="COW inter-state war list, Falklands War 1982: Argentina the initiator (2 Apr 1982)",
    veto_players=("GBR", "ARG", "USA"),
    veto_source="the belligerents and the United States, the mediator allied to both (NATO; Rio Treaty)",
    guarantors=(
        Guarantee(
            "USA",
            0.5,
            "North Atlantic Treaty (4 Apr 1949) art. 6 covers only the area north of the "
            "Tropic of Cancer; US-UK alliance (rule: an ally's public commitment without a "
            "treaty obligation for this territory = 0.5)",
        ),
    ),
    mission_kind="none",
    mission_mandate="none",
    mission_source="no force proposed before April 1982",
    mission_description="no force",
    sc_elected=("GUY", "IRL", "JPN", "JOR", "PAN", "POL", "ESP", "TGO", "UGA", "COD"),
    sc_source=UNSC_PAGE,
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
