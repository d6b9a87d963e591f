"""Bosnia, September 1995: NATO air strikes and the Geneva principles (builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.korea_1953 import UNSC_PAGE
from builds.cases.spec import Actor, ActorTie, CaseSpec, Guarantee

SPEC = CaseSpec(
    name="bosnia-1995",
    title="Bosnia 1995: towards Dayton",
    start="1995-09",
    war_began="1992-04",
    war_began_source="UCDP: Bosnia-Herzegovina vs Serbian Republic of Bosnia-Herzegovina from 1992; the war began in April 1992 (EC recognition of Bosnia-Herzegovina 6 Apr 1992, siege of Sarajevo from 5 Apr 1992)",
    description=(
        "Bosnia and Herzegovina, September 1995. After Srebrenica (July) and Croatia's "
        "Operation Storm (August), NATO bombs Bosnian Serb positions (from 30 Aug 1995) and the "
        "US-led Contact Group pushes a settlement on the 51/49 territorial split of its July "
        "1994 plan. The Bosnian Serbs' Republika Srpska is unrecognised; the Federal Republic "
        "of Yugoslavia does not sit in the General Assembly. Built from information dated "
        "before September 1995 (docs/cases/bosnia-1995.md)."
    ),
    dimensions=(
        (
            "territory",
            "a single Bosnia, 51% to the Federation",
            "a Serb entity with more land and the right to secede",
        ),
        ("foreign_forces", "a NATO-led implementation force", "no NATO troops (UN forces only)"),
    ),
    dimensions_source="Contact Group plan, July 1994 (51/49 split); Bosnian Serb assembly's rejections of it (Jul-Aug 1994); NATO planning for an implementation force (NAC communiques 1993-95)",
    security_dimension="foreign_forces",
    victim="BIH",
    aggressor="BSR",
    victim_side=("BIH", "HRV"),
    aggressor_side=("BSR",),
    roles_source="UCDP: Bosnia-Herzegovina vs Serbian Republic of Bosnia-Herzegovina (1992-95); the Bosniak-Croat Federation and Croatia allied under the Washington (Mar 1994) and Split (22 Jul 1995) agreements",
    veto_players=("BIH", "BSR", "HRV", "YUG"),
    veto_source="the belligerents and Yugoslavia's President, who negotiated for the Bosnian Serbs (Patriarch's letter, 29 Aug 1995)",
    guarantors=(
        Guarantee(
            "USA",
            0.5,
            "NATO air strikes (Operation Deliberate Force from 30 Aug 1995) and the US "
            "offer to send troops to implement a settlement (1993-95); no treaty (rule: "
            "a public commitment = 0.5)",
        ),
    ),
    mission_kind="reassurance",
    mission_mandate="security_council",
    mission_source="NATO planning for a NATO-led force to implement a peace settlement under a Security Council mandate (NAC communiques 1993-95)",
    mission_description="a NATO-led implementation force backing the settlement",
    sc_elected=("ARG", "BWA", "CZE", "DEU", "HND", "IDN", "ITA", "NGA", "OMN", "RWA"),
    sc_source=UNSC_PAGE,
    proxies={"BSR": "RUS"},
    proxies_source="ASSUMPTION: the Bosnian Serbs do not vote; Russia, their main advocate in the Contact Group, stands for them",
    actors=(
        Actor(
            "BSR",
            "Republika Srpska (Bosnian Serbs)",
            "unrecognised_state",
            "proclaimed 9 Jan 1992, recognised by no state",
            0.2,
            "ASSUMPTION: a fifth of Yugoslavia's CINC (its army was the JNA's Bosnian part)",
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
            "BSR",
            "YUG",
            0.9,
            "bilateral",
            "Yugoslav support for the Bosnian Serb army 1992-95 (ASSUMPTION for the weight)",
        ),
    ),
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
