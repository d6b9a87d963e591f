"""Reading a scenario's files as plain data: TOML with tomllib, CSV with csv (ODD 6, Input data).

Files must be UTF-8 (a byte-order mark at the start is accepted, as editors and spreadsheets
write it). Nothing is executed. Problems are collected, never raised here.

Reading is safe on hostile input: only regular files are opened (a FIFO, a device such as
``/dev/zero`` or a directory is refused without blocking: the file is opened non-blocking and
checked with fstat before a byte is read), files larger than MAX_BYTES are refused, CSV
tables longer than their row limit are refused, and TOML nested too deeply for the parser is
one problem, not a crash. Inside ``confined(roots)`` (the UI), a file whose real path (every
link resolved) is outside the roots is refused. Problems never quote a file's lines: they say
where (file, line, column) and what is wrong, so a file that is not a scenario (a link to a
secret file) is not echoed back.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import tomllib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenarios.errors import Problems

MAX_BYTES = {".toml": 1 << 20, ".csv": 64 << 20}  # 1 MiB, 64 MiB
MAX_ROWS = 250_000  # rows of a CSV table unless the caller gives its own limit
_READ_CHUNK = 1 << 20
_ROOTS: ContextVar[tuple[Path, ...] | None] = ContextVar("accord_read_roots", default=None)
COLUMN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")  # a name, not a line of text


@contextmanager
def confined(roots: Sequence[Path]) -> Iterator[None]:
    """Within this block, refuse to read files whose real path is outside every root."""
    token = _ROOTS.set(tuple(Path(r).resolve() for r in roots))
    try:
        yield
    finally:
        _ROOTS.reset(token)


def outside_roots(path: Path) -> tuple[Path, ...] | None:
    """The roots ``path`` should be inside when it is not (None when it may be read)."""
    roots = _ROOTS.get()
    if roots is None:
        return None
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return roots
    return None if any(real.is_relative_to(r) for r in roots) else roots


def _mib(n: int) -> str:
    return f"{n / (1 << 20):g} MiB"


def read_limited(path: Path, problems: Problems) -> bytes | None:
    """The bytes of a regular file of at most MAX_BYTES, or None after recording why not."""
    limit = MAX_BYTES.get(path.suffix, MAX_BYTES[".csv"])
    roots = outside_roots(path)
    if roots is not None:
        inside = " or ".join(str(r) for r in roots)
        problems.add(
            path, "-", "file", path.name, f"a file inside {inside} (links must not lead out)"
        )
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        problems.add(path, "-", "file", path.name, "required file is missing")
        return None
    except OSError as err:
        problems.add(path, "-", "file", path.name, f"a readable file ({err.strerror})")
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            allowed = "a regular file (not a directory, FIFO, socket or device)"
            problems.add(path, "-", "file", path.name, allowed)
            return None
        if info.st_size > limit:
            allowed = f"a file of at most {_mib(limit)} ({_mib(info.st_size)} found)"
            problems.add(path, "-", "size", info.st_size, allowed)
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, _READ_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            problems.add(path, "-", "size", size, f"a file of at most {_mib(limit)}")
            return None
        return b"".join(chunks)
    except OSError as err:
        problems.add(path, "-", "file", path.name, f"a readable file ({err.strerror})")
        return None
    finally:
        os.close(fd)


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and its rows as (line number, {column: stripped text})."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def _decode(path: Path, problems: Problems) -> str | None:
    data = read_limited(path, problems)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        where = f"line {line}, column {column}"
        bad = data[err.start : err.end]  # the undecodable byte(s) only, never the line
        problems.add(path, where, "encoding", bad, "UTF-8 text (save the file as UTF-8)")
        return None


def read_toml(path: Path, problems: Problems) -> dict[str, Any] | None:
    """The parsed TOML, or None after recording why it could not be read."""
    text = _decode(path, problems)
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except RecursionError:
        allowed = "TOML nested less deeply (arrays or tables inside each other)"
        problems.add(path, "-", "syntax", "nested too deeply", allowed)
        return None
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
    path: Path,
    problems: Problems,
    required: list[str],
    optional: tuple[str, ...] = (),
    max_rows: int = MAX_ROWS,
) -> CsvTable | None:
    """The CSV's rows; checks the header has exactly the ``required`` columns (in any order),
    plus any of the ``optional`` ones; at most ``max_rows`` rows."""
    text = _decode(path, problems)
    if text is None:
        return None
    lines = text.count("\n")
    if lines > max_rows + 1000:  # blank lines and quoted line breaks aside, clearly too long
        allowed = f"at most {max_rows:,} rows ({lines:,} lines found)"
        problems.add(path, "-", "rows", lines, allowed)
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
        rows: list[tuple[int, dict[str, str]]] = []
        for fields in reader:
            if not fields or all(not f.strip() for f in fields):
                continue
            line = reader.line_num
            if len(fields) != len(header):
                problems.add(
                    path,
                    f"line {line}",
                    "fields",
                    len(fields),
                    f"{len(header)} fields as in the header",
                )
                continue
            if len(rows) >= max_rows:
                problems.add(path, f"line {line}", "rows", len(rows) + 1, f"at most {max_rows:,}")
                return None
            rows.append((line, {h: f.strip() for h, f in zip(header, fields, strict=True)}))
    except csv.Error as err:
        reason = str(err).split(":")[0]  # csv's messages may quote the text; keep the reason
        problems.add(path, f"line {reader.line_num}", "csv", reason, "well-formed CSV")
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
    for number, column in enumerate(header, start=1):
        # Only a column name is quoted: a header that is not one (a file that is not a
        # scenario table) is reported by position, so its text is never echoed.
        shown = column if COLUMN_NAME.match(column) else f"column {number}"
        if column in seen:
            problems.add(path, "line 1", "header", shown, "each column once")
            ok = False
        seen.add(column)
        if column not in required and column not in optional:
            known = [*required, *optional]
            hint = one_of(known, column) if shown == column else one_of(known)
            problems.add(path, "line 1", "header", shown, "unknown column; " + hint)
            ok = False
    return ok
