"""Problems found in a scenario, and the error that carries all of them (ODD 6, Input data).

A loader collects every problem it can find before raising, so a user fixes a file in one pass.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MAX_KEPT = 200  # problems kept in full; beyond these only counted (a huge bad file stays cheap)
MAX_SHOWN = 20  # problems printed before one summary line
MAX_SUGGEST = 400  # options beyond which no 'did you mean' is searched (it is quadratic)
MAX_TEXT = 120  # characters of a path or value shown; longer ones are cut, with their length


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut to about ``limit`` characters, saying how long it was."""
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]}...{text[-half // 2 :]} ({len(text):,} characters)"


@dataclass(frozen=True)
class Problem:
    """One bad input: where it is, what it is, and what would be allowed."""

    file: str
    where: str
    field: str
    value: Any
    allowed: str

    def __str__(self) -> str:
        # a boolean as the files spell it (TOML true/false), anything else in its repr
        shown = str(self.value).lower() if isinstance(self.value, bool) else repr(self.value)
        value = shorten(shown)
        return f"{shorten(self.file)}: {self.where}: {self.field} = {value}: {self.allowed}"


class ScenarioError(ValueError):
    """A scenario cannot be used; ``problems`` lists the reasons found, ``str`` one per line.

    At most MAX_SHOWN problems are shown, then one line counting the others by file and field
    (``omitted``: problems counted but not kept), so a file with half a million bad rows gives
    a short answer.
    """

    def __init__(self, problems: Iterable[Problem], omitted: Counter[str] | None = None) -> None:
        self.problems: list[Problem] = list(problems)
        self.omitted: Counter[str] = omitted or Counter()
        self.total = len(self.problems) + sum(self.omitted.values())
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        rest = Counter(f"{shorten(p.file)}: {p.field}" for p in self.problems[MAX_SHOWN:])
        rest.update(self.omitted)
        if rest:
            kinds = ", ".join(f"{key} ({n:,})" for key, n in rest.most_common(3))
            more = f" and {len(rest) - 3} more kinds" if len(rest) > 3 else ""
            shown.append(f"... and {sum(rest.values()):,} more problems: {kinds}{more}")
        return shown


class Problems:
    """A collector: ``add`` problems while checking, ``raise_if_any`` at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.omitted: Counter[str] = Counter()

    def add(self, file: object, where: str, field: str, value: Any, allowed: str) -> None:
        if len(self.items) < MAX_KEPT:
            self.items.append(Problem(str(file), where, field, value, allowed))
        else:
            self.omitted[f"{shorten(str(file))}: {field}"] += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items) + sum(self.omitted.values())

    def raise_if_any(self) -> None:
        if self.items:
            raise ScenarioError(self.items, self.omitted)


def one_of(allowed: Iterable[str], got: object = None) -> str:
    """'one of: a, b, c', with a 'did you mean' hint when ``got`` looks like a misspelling."""
    options = list(dict.fromkeys(allowed))
    shown = options if len(options) <= 12 else [*options[:10], "..."]
    text = "one of: " + ", ".join(shown)
    if len(shown) < len(options):
        text += f" ({len(options)} in all)"
    if isinstance(got, str) and len(options) <= MAX_SUGGEST and len(got) <= MAX_TEXT:
        close = _close(got, tuple(options))
        if close:
            text += f" (did you mean {close!r}?)"
    return text


@functools.lru_cache(maxsize=1024)
def _close(got: str, options: tuple[str, ...]) -> str | None:
    found = difflib.get_close_matches(got, options, n=1)
    return found[0] if found else None
