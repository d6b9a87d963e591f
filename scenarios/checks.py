"""Small checks shared by the TOML and CSV validators (ODD 6, Input data).

Each check records a Problem at a place (file and where) and returns the clean value, or None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenarios.errors import Problems, one_of

ISO3 = re.compile(r"^[A-Z]{3}$")
NAME = re.compile(r"^[a-z0-9-]+$")
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
LARGEST_EXACT = 2**53  # the largest integer a float64 holds exactly


class _Missing:
    """A key that is absent: checks skip it, since ``At.keys`` reports it once."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def interval(lo: float | None, hi: float | None, lo_open: bool = False) -> str:
    if lo is None and hi is None:
        return "a finite number"
    if hi is None:
        return f"a finite number {'>' if lo_open else '>='} {lo:g}"
    if lo is None:
        return f"a finite number <= {hi:g}"
    return f"a finite number in {'(' if lo_open else '['}{lo:g}, {hi:g}]"


@dataclass
class At:
    """A place in a file where problems are reported."""

    problems: Problems
    file: str | Path
    where: str

    def bad(self, field: str, value: Any, allowed: str) -> None:
        if value is MISSING:
            return
        self.problems.add(self.file, self.where, field, value, allowed)

    def keys(
        self, table: Mapping[str, Any], allowed: Iterable[str] | None, required: Iterable[str] = ()
    ) -> None:
        """Unknown keys (typos; unless ``allowed`` is None) and missing required keys."""
        if allowed is not None:
            options = list(allowed)
            for key in table:
                if key not in options:
                    self.bad(key, table[key], "unknown key; " + one_of(options, key))
        for key in required:
            if key not in table:
                self.bad(key, None, "required key is missing")

    def number(
        self,
        field: str,
        value: Any,
        lo: float | None = None,
        hi: float | None = None,
        *,
        lo_open: bool = False,
        integer: bool = False,
        shown: Any = None,
    ) -> float | None:
        """A finite number (an integer when ``integer``) within [lo, hi] (or (lo, hi]).

        ``shown`` is what a problem reports as the value (e.g. a CSV cell's text).
        """
        if shown is not None:
            checked = At(Problems(), str(self.file), self.where)
            result = checked.number(field, value, lo, hi, lo_open=lo_open, integer=integer)
            for p in checked.problems.items:
                self.bad(p.field, shown, p.allowed)
            return result
        allowed = interval(lo, hi, lo_open)
        if integer:
            allowed = allowed.replace("a finite number", "an integer")
        if not is_number(value) or (integer and not isinstance(value, int)):
            self.bad(field, value, allowed)
            return None
        if isinstance(value, int) and abs(value) > LARGEST_EXACT:  # float() would overflow
            self.bad(field, value, allowed + f" (at most {LARGEST_EXACT:,} in magnitude)")
            return None
        if not math.isfinite(value):
            self.bad(field, value, allowed + " (nan and inf are not allowed)")
            return None
        below = lo is not None and (value <= lo if lo_open else value < lo)
        if below or (hi is not None and value > hi):
            self.bad(field, value, allowed)
            return None
        return float(value)

    def text(
        self,
        field: str,
        value: Any,
        *,
        nonempty: bool = False,
        pattern: re.Pattern[str] | None = None,
        allowed: str = "a string",
    ) -> str | None:
        if not isinstance(value, str):
            self.bad(field, value, allowed)
            return None
        if (nonempty and not value.strip()) or (pattern is not None and not pattern.match(value)):
            self.bad(field, value, allowed)
            return None
        return value

    def choice(self, field: str, value: Any, options: Iterable[str]) -> str | None:
        options = list(options)
        if not isinstance(value, str) or value not in options:
            self.bad(field, value, one_of(options, value))
            return None
        return value

    def boolean(self, field: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.bad(field, value, "true or false")
            return None
        return value

    def source(self, field: str, value: Any) -> str | None:
        return self.text(
            field,
            value,
            nonempty=True,
            allowed="a non-empty citation, or 'ASSUMPTION: <reason>'",
        )

    def iso3(self, field: str, value: Any, known: Collection[str] | None) -> str | None:
        """An iso3 code that is a row of states.csv (``known`` None: states.csv is unusable)."""
        if not isinstance(value, str) or not ISO3.match(value):
            self.bad(field, value, "3 upper-case letters (an ISO 3166 alpha-3 code)")
            return None
        if known is not None and value not in known:
            self.bad(field, value, "an iso3 of states.csv: " + one_of(known, value))
            return None
        return value


def parse_csv_number(
    at: At,
    field: str,
    text: str,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    integer: bool = False,
) -> float | None:
    """A CSV cell as a finite number (an integer when ``integer``); ``nan``/``inf`` are refused."""
    try:
        value: float = int(text) if integer else float(text)
    except ValueError:
        allowed = interval(lo, hi, lo_open)
        if integer:
            allowed = allowed.replace("a finite number", "an integer")
        at.bad(field, text, allowed)
        return None
    return at.number(field, value, lo, hi, lo_open=lo_open, integer=integer, shown=text)
