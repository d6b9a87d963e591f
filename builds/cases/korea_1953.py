"""Korea, April 1953: the armistice talks resume at Panmunjom (build: builds.cases.common)."""
# ruff: noqa: E501  (a case is data: its citations stay whole, one per line)

from builds.cases.spec import Actor, CaseSpec, Guarantee

UNSC_PAGE = "UN Security Council, Countries elected members, https://www.un.org/securitycouncil/content/countries-elected-members (membership of the year)"

SPEC = CaseSpec(
    name="korea-1953",
    title="Korea 1953: the armistice talks resume",
    start="1953-04",
    war_began="1950-06",
    war_began_source="North Korea attacked on 25 Jun 1950 (S/RES/82, 25 Jun 1950)",
    description=(
        "Korea, April 1953. After a six-month break over the repatriation of prisoners of war, "
        "the armistice talks at Panmunjom resume (26 Apr 1953) between the UN Command (led by "
        "the United States, fighting for the Republic of Korea) and the Korean People's Army "
        "and Chinese People's Volunteers. Neither Korea nor the People's Republic of China is a "
        "UN member; China's seat is held by the Republic of China. Built from information dated "
        "before April 1953 (docs/cases/korea-1953.md)."
    ),
    dimensions=(
        (
            "pow_repatriation",
            "no forcible repatriation of prisoners",
            "all prisoners returned to their side",
        ),
        ("foreign_forces", "UN Command forces stay in Korea", "all foreign forces withdraw"),
    ),
    dimensions_source=(
        "A/RES/610 (VII), 3 Dec 1952 (UN Command position: no forcible repatriation); Chinese "
        "and North Korean demand for the return of all prisoners (Geneva Convention III art. "
        "118) and item 5 of the armistice agenda agreed 26 Jul 1951 (withdrawal of foreign "
        "forces, left to a political conference)"
    ),
    security_dimension="foreign_forces",
    victim="KOR",
    aggressor="PRK",
    victim_side=("KOR", "USA"),
    aggressor_side=("PRK", "CHN"),
    roles_source=(
        "COW inter-state war list (Sarkees & Wayman 2010), Korean War 1950-53: North Korea "
        "the initiator (25 Jun 1950); S/RES/84, 7 Jul 1950 (unified command under the United "
        "States); Chinese intervention Oct 1950"
    ),
    veto_players=("KOR", "PRK", "USA", "CHN"),
    veto_source="the armistice's signatories (UN Command, KPA, CPV) and the ROK, whose consent its execution needed",
    guarantors=(
        Guarantee(
            "USA",
            1.0,
            "S/RES/84, 7 Jul 1950: US forces fight for the ROK under the unified command "
            "(rule: own forces in combat on the victim's side = 1)",
        ),
    ),
    mission_kind="reassurance",
    mission_mandate="security_council",
    mission_source="S/RES/84, 7 Jul 1950: the UN Command's forces, under a unified command of the United States, would stay to secure an armistice",
    mission_description="UN Command forces (partisan: the ROK's side) securing the armistice line",
    sc_elected=("CHL", "COL", "DNK", "GRC", "LBN", "PAK"),
    sc_source=UNSC_PAGE + "; 1953: China's permanent seat held by the Republic of China (TWN)",
    proxies={"KOR": "USA", "PRK": "RUS", "CHN": "RUS"},
    proxies_source="ASSUMPTION: neither Korea nor the PRC votes in 1953; the USA and the USSR stand for their sides",
    actors=(
        Actor(
            "KOR",
            "Republic of Korea",
            "non_member_state",
            "not a UN member in 1953: its application of Jan 1949 was vetoed by the USSR in the Security Council (8 Apr 1949)",
        ),
        Actor(
            "PRK",
            "Democratic People's Republic of Korea",
            "non_member_state",
            "not a UN member in 1953: its application of Feb 1949 was not taken up by the Security Council",
        ),
        Actor(
            "CHN",
            "People's Republic of China",
            "non_member_state",
            "not a UN member in 1953: China's seat held by the Republic of China (the Assembly postponed the question of China's representation, 1951-52)",
        ),
    ),
)


if __name__ == "__main__":
    from builds.cases.write import main

    main(SPEC)
