"""NATO and EU membership by year, for the force candidates' attributes (ODD 7.2).

Accession dates are public facts dated at accession; a case uses the members as of the year
before its start. The European Economic Community (1958) and the European Communities count as
the EU (the force model's ``eu`` term: membership of the European bloc).
"""

from __future__ import annotations

#: iso3 -> year of accession (NATO, "Member countries", https://www.nato.int/cps/en/natohq/
#: topics_52044.htm: 1949 founders; Greece and Turkey 1952; Germany 1955; Spain 1982; ...)
NATO = {
    **dict.fromkeys(("BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR"), 1949),
    **dict.fromkeys(("PRT", "GBR", "USA"), 1949),
    **dict.fromkeys(("GRC", "TUR"), 1952),
    "DEU": 1955,
    "ESP": 1982,
    **dict.fromkeys(("CZE", "HUN", "POL"), 1999),
    **dict.fromkeys(("BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"), 2004),
    **dict.fromkeys(("ALB", "HRV"), 2009),
    "MNE": 2017,
    "MKD": 2020,
}
#: iso3 -> year of accession to the EEC / EC / EU (European Union, "Country profiles",
#: https://european-union.europa.eu/principles-countries-history/country-profiles_en)
EU = {
    **dict.fromkeys(("BEL", "FRA", "DEU", "ITA", "LUX", "NLD"), 1958),
    **dict.fromkeys(("DNK", "IRL", "GBR"), 1973),
    "GRC": 1981,
    **dict.fromkeys(("PRT", "ESP"), 1986),
    **dict.fromkeys(("AUT", "FIN", "SWE"), 1995),
    **dict.fromkeys(("CYP", "CZE", "EST", "HUN", "LVA", "LTU", "MLT", "POL", "SVK", "SVN"), 2004),
    **dict.fromkeys(("BGR", "ROU"), 2007),
    "HRV": 2013,
}
SOURCE = (
    "memberships: NATO and EEC/EC/EU members as of the year before the start (NATO, Member "
    "countries; EU, Country profiles: accession dates)"
)


def tags(iso3: str, year: int) -> list[str]:
    """NATO/EU tags of a state as of ``year`` (the year before the case's start)."""
    return [name for name, table in (("EU", EU), ("NATO", NATO)) if table.get(iso3, 9999) <= year]
