"""Kosovo, April 1999: NATO's air campaign against Yugoslavia (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import Actor, ActorTie, CaseSpec, Guarantee

SPEC = CaseSpec(
    name="kosovo-1999",
    title="Kosovo 1999: the NATO air campaign",
    start="1999-04",
    war_began="1998-02",
    war_began_source="UCDP: Serbia (Yugoslavia) vs UCK from 1998; fighting began with the Drenica operations of 28 Feb - 5 Mar 1998 (S/RES/1160, 31 Mar 1998, condemns the excessive use of force); NATO joined on 24 Mar 1999",
    description=(
        "Kosovo, April 1999. After Yugoslavia rejected the Rambouillet accords (March 1999), "
        "NATO bombs Yugoslavia (from 24 Mar 1999) while Yugoslav forces fight the Kosovo "
        "Liberation Army and expel Kosovo Albanians. Russia opposes the campaign. Yugoslavia "
        "does not sit in the General Assembly. Built from information dated before April 1999 "
        "(docs/cases/kosovo-1999.md)."
    ),
    dimensions=(
        ("status", "a referendum on independence after three years", "autonomy within Serbia only"),
        ("foreign_forces", "a NATO-led force in Kosovo", "no NATO troops (civilian monitors only)"),
    ),
    dimensions_source="Rambouillet draft Interim Agreement (23 Feb 1999: NATO-led force, a final settlement after three years); Yugoslav rejection, 18 Mar 1999",
    security_dimension="foreign_forces",
    victim="KLA",
    aggressor="YUG",
    victim_side=("KLA", "USA"),
    aggressor_side=("YUG",),
    roles_source="UCDP: Serbia (Yugoslavia) vs UCK, 1998-99; NATO states at war with Yugoslavia from 24 Mar 1999 (the United States leading; COW war 221 codes NATO as initiator). The force proposed at Rambouillet (Feb 1999) protects Kosovo's Albanians against Yugoslav forces, so Yugoslavia is the side it deters (the 'aggressor' role)",
    veto_players=("YUG", "USA", "RUS", "KLA"),
    veto_source="the belligerents and Russia, whose veto in the Council any mandate must pass",
    guarantors=(
        Guarantee(
            "USA",
            1.0,
            "US forces in combat against Yugoslavia from 24 Mar 1999 (rule: own forces in combat on the victim's side = 1)",
        ),
    ),
    mission_kind="reassurance",
    mission_mandate="security_council",
    mission_source="Rambouillet draft, Feb 1999: a NATO-led military implementation force (KFOR); a Council mandate sought",
    mission_description="a NATO-led force for Kosovo",
    sc_elected=("ARG", "BHR", "BRA", "CAN", "GAB", "GMB", "MYS", "NAM", "NLD", "SVN"),
    sc_source=UNSC_PAGE,
    proxies={"KLA": "USA", "YUG": "RUS"},
    proxies_source="ASSUMPTION: neither side votes in the Assembly; the USA and Russia stand for them",
    actors=(
        Actor(
            "KLA",
            "Kosovo Liberation Army",
            "armed_group",
            "UCDP: UCK, an armed group",
            0.05,
            "ASSUMPTION: a twentieth of Yugoslavia's CINC",
            patron="YUG",
        ),
        Actor(
            "YUG",
            "Federal Republic of Yugoslavia",
            "non_member_state",
            "A/RES/47/1, 22 Sep 1992: does not participate in the General Assembly",
        ),
    ),
    actor_ties=(
        ActorTie(
            "KLA",
            "ALB",
            0.5,
            "bilateral",
            "UCK bases and supply in northern Albania, 1998-99 (ASSUMPTION for the weight)",
        ),
    ),
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
