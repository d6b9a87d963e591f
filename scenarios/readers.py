"""Reading a scenario's files as plain data: TOML with tomllib, CSV with csv (ODD 6, Input data).

Files must be UTF-8 (a CSV may start with a byte-order mark, as spreadsheets write it).
Nothing is executed. Problems are collected, never raised here.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenarios.errors import Problems


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and its rows as (line number, {column: stripped text})."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def _decode(path: Path, problems: Problems, encoding: str) -> str | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.add(path, "-", "file", path.name, "required file is missing")
        return None
    except OSError as err:
        problems.add(path, "-", "file", path.name, f"a readable file ({err.strerror})")
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        bad = data[err.start : err.end]
        problems.add(path, f"line {line}", "encoding", bad, "UTF-8 text (save the file as UTF-8)")
        return None


def read_toml(path: Path, problems: Problems) -> dict[str, Any] | None:
    """The parsed TOML, or None after recording why it could not be read."""
    text = _decode(path, problems, "utf-8")
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        where = f"line {found.group(1)}, column {found.group(2)}" if found else "line ?"
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        if "end of document" in message:
            where = f"line {text.count(chr(10)) + 1} (end of document)"
        problems.add(path, where, "syntax", reason, "valid TOML (https://toml.io)")
        return None


def read_csv(
    path: Path, problems: Problems, required: list[str], optional: tuple[str, ...] = ()
) -> CsvTable | None:
    """The CSV's rows; checks the header has exactly the ``required`` columns (in any order),
    plus any of the ``optional`` ones."""
    text = _decode(path, problems, "utf-8-sig")
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header_row = next(reader, None)
        if header_row is None:
            problems.add(path, "line 1", "header", "", "a header row: " + ",".join(required))
            return None
        header = tuple(h.strip() for h in header_row)
        if not _header_ok(path, header, required, problems, optional):
            return None
        rows = []
        for fields in reader:
            if not fields or all(not f.strip() for f in fields):
                continue
            line = reader.line_num
            if len(fields) != len(header):
                problems.add(
                    path,
                    f"line {line}",
                    "row",
                    ",".join(fields),
                    f"{len(header)} fields as in the header ({len(fields)} found)",
                )
                continue
            rows.append((line, {h: f.strip() for h, f in zip(header, fields, strict=True)}))
    except csv.Error as err:
        problems.add(path, f"line {reader.line_num}", "csv", str(err), "well-formed CSV")
        return None
    return CsvTable(path, header, tuple(rows))


def _header_ok(
    path: Path,
    header: tuple[str, ...],
    required: list[str],
    problems: Problems,
    optional: tuple[str, ...] = (),
) -> bool:
    from scenarios.errors import one_of

    ok = True
    for column in required:
        if column not in header:
            problems.add(path, "line 1", "header", column, "required column is missing")
            ok = False
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.add(path, "line 1", "header", column, "each column once")
            ok = False
        seen.add(column)
        if column not in required and column not in optional:
            known = [*required, *optional]
            problems.add(
                path, "line 1", "header", column, "unknown column; " + one_of(known, column)
            )
            ok = False
    return ok
