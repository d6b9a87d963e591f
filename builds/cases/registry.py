"""The historical cases and the periods their data come from (ODD 5, Initialisation)."""

from __future__ import annotations

from builds.cases import (
    bosnia_1995,
    cyprus_1974,
    donbas_2014,
    eritrea_ethiopia_2000,
    falklands_1982,
    georgia_2008,
    iran_iraq_1980,
    korea_1953,
    kosovo_1999,
    lebanon_2006,
    nagorno_karabakh_2020,
    sinai_1973,
    suez_1956,
)
from builds.cases.spec import CaseSpec

CASES: tuple[CaseSpec, ...] = tuple(
    m.SPEC
    for m in (
        korea_1953,
        suez_1956,
        sinai_1973,
        cyprus_1974,
        iran_iraq_1980,
        falklands_1982,
        bosnia_1995,
        kosovo_1999,
        eritrea_ethiopia_2000,
        lebanon_2006,
        georgia_2008,
        donbas_2014,
        nagorno_karabakh_2020,
    )
)

#: roll calls of the 36 months before the start month give the UN positions
WINDOW_MONTHS = 36
#: last year of COW NMC v6 and of ATOP v5 in the shared data
NMC_LAST, ATOP_LAST = 2016, 2018


def window(case: CaseSpec) -> tuple[str, str]:
    """[first day, start) of the roll-call window, as ISO dates."""
    months = case.year * 12 + case.month - 1 - WINDOW_MONTHS
    first = f"{months // 12:04d}-{months % 12 + 1:02d}-01"
    return first, f"{case.start}-01"


def data_year(case: CaseSpec) -> int:
    """The year capabilities come from: the last full year before the start (COW NMC ends 2016)."""
    return min(case.year - 1, NMC_LAST)


def alliance_year(case: CaseSpec) -> int:
    return min(case.year - 1, ATOP_LAST)


def by_name(name: str) -> CaseSpec:
    for case in CASES:
        if case.name == name:
            return case
    raise KeyError(name)
