"""Problems found in a scenario, and the error that carries all of them (ODD 6, Input data).

A loader collects every problem it can find before raising, so a user fixes a file in one pass.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One bad input: where it is, what it is, and what would be allowed."""

    file: str
    where: str
    field: str
    value: Any
    allowed: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.field} = {self.value!r}: {self.allowed}"


class ScenarioError(ValueError):
    """A scenario cannot be used; ``problems`` lists every reason found, ``str`` one per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class Problems:
    """A collector: ``add`` problems while checking, ``raise_if_any`` at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: object, where: str, field: str, value: Any, allowed: str) -> None:
        self.items.append(Problem(str(file), where, field, value, allowed))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ScenarioError(self.items)


def one_of(allowed: Iterable[str], got: object = None) -> str:
    """'one of: a, b, c', with a 'did you mean' hint when ``got`` looks like a misspelling."""
    options = list(allowed)
    shown = options if len(options) <= 12 else [*options[:10], "..."]
    text = "one of: " + ", ".join(shown)
    if len(shown) < len(options):
        text += f" ({len(options)} in all)"
    if isinstance(got, str):
        close = difflib.get_close_matches(got, options, n=1)
        if close:
            text += f" (did you mean {close[0]!r}?)"
    return text
