"""The results store of a sweep: a directory of Parquet parts, a manifest and a commit ledger.

```
out/manifest.json          what was run: design and its hash, root seed, scenario hash, versions
out/design.parquet         the design's points (point index = row)
out/parts/point-000042.parquet          one row: the summaries of point 42
out/replications/point-000042.parquet   its per-replication rows (when asked for)
out/commits.jsonl          one line per committed point: its seed, scenario and design hashes,
                           and the sha256 and size of its files
out/.lock                  held (flock) by the sweep writing here; says who holds it
```
Every file is written under a temporary name in its own directory and renamed into place, so a
reader never sees a partial file. A point is committed by appending its ledger line (with the
checksums of its files, computed before the rename) and then renaming its files into place, so
any part on disk has a ledger line. A point is done exactly when its part (and, when stored, its
replication rows) matches its last ledger line and that line matches this sweep: a truncated,
empty, altered or swapped file is detected (``audit``), and redone on resume or refused by
``accord results``. One sweep at a time writes a directory (``lock``): the kernel drops the lock
when its holder dies, so a stale lock never blocks. Temporary names start with a dot.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FORMAT = 1
# What must match for an existing directory to be resumed.
IDENTITY = ("design_hash", "scenario_hash", "root_seed", "replications", "seeds", "per_replication")
_VERSIONED = (
    "accord",
    "mesa",
    "numpy",
    "scipy",
    "pandas",
    "pyarrow",
    "SALib",
    "dask",
    "distributed",
)


PART_KEY = b"accord_point"  # Parquet metadata of a part: its point, seed, scenario/design hash


def part_identity(path: Path) -> dict[str, Any]:
    """What a stored file says it is (its point, seed, scenario and design hashes)."""
    meta = pq.read_schema(path).metadata or {}
    data: dict[str, Any] = json.loads(meta.get(PART_KEY, b"{}"))
    return data


class StoreMismatch(ValueError):
    """``out`` holds a different sweep; the message says which field differs and what to do."""


class StoreBusy(RuntimeError):
    """Another live sweep holds ``out``'s lock; the message says who."""


class StoreCorrupt(ValueError):
    """Stored points do not match their commit records; the message says which and what to do."""


@dataclass(frozen=True)
class Audit:
    """Which stored points are sound (``done``) and which are not (``bad``: point -> why)."""

    done: set[int]
    bad: dict[int, str]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def environment() -> dict[str, Any]:
    """Package versions, Python, platform and git commit (recorded in the manifest)."""
    versions = {}
    for pkg in _VERSIONED:
        try:
            versions[pkg] = version(pkg)
        except Exception:
            versions[pkg] = "not installed"
    return {
        "versions": versions,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "git_commit": git_commit(),
    }


def git_commit() -> str | None:
    """The checkout's commit (with ``-dirty`` if it has changes), or None outside git."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("-dirty" if dirty.strip() else "")


def _atomic(path: Path, write: Callable[[str], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    """Write a DataFrame to ``path`` atomically."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    _atomic(path, lambda tmp: pq.write_table(table, tmp))


def write_json(path: Path, data: dict[str, Any]) -> None:
    def dump(tmp: str) -> None:
        Path(tmp).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    _atomic(path, dump)


def _brief(manifest: dict[str, Any]) -> str:
    d = manifest.get("design", {})
    what = d.get("levels") or d.get("bounds") or manifest.get("parameters")
    return f"{d.get('kind', 'table')} {what} ({manifest.get('points')} points)"


class Store:
    """One sweep's directory."""

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.parts = self.out / "parts"
        self.reps = self.out / "replications"

    @property
    def manifest_path(self) -> Path:
        return self.out / "manifest.json"

    def manifest(self) -> dict[str, Any] | None:
        if not self.manifest_path.exists():
            return None
        data: dict[str, Any] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return data

    def open(self, manifest: dict[str, Any], design: pd.DataFrame) -> None:
        """Create the directory for this sweep, or check that it already holds this sweep."""
        old = self.manifest()
        if old is None:
            if self.out.exists() and any(not p.name.startswith(".") for p in self.out.iterdir()):
                raise StoreMismatch(
                    f"{self.out}: exists, is not empty and has no manifest.json; "
                    "allowed is a new directory or one made by the same sweep"
                )
            write_parquet(self.out / "design.parquet", design)
            write_json(self.manifest_path, manifest)
            return
        for key in IDENTITY:
            if old.get(key) != manifest.get(key):
                was, now = old.get(key), manifest.get(key)
                if key == "design_hash":
                    key, was, now = "design", _brief(old), _brief(manifest)
                raise StoreMismatch(
                    f"{self.out} holds a different sweep: its {key} is {was}, this sweep's is "
                    f"{now}; use another --out, or delete {self.out} to start again"
                )

    @property
    def ledger_path(self) -> Path:
        return self.out / "commits.jsonl"

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold ``out``'s exclusive lock for the block; StoreBusy if a live sweep holds it."""
        self.out.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.out / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip() or "unknown"
                raise StoreBusy(
                    f"{self.out}: another sweep is writing here ({holder}); wait for it to "
                    "finish or use another --out"
                ) from None
            # Whoever held it before has died (the kernel released the lock): take it over.
            who = f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%H:%M:%S')}"
            os.ftruncate(fd, 0)
            os.pwrite(fd, who.encode(), 0)
            yield
        finally:
            os.close(fd)  # releases the lock

    def ledger(self) -> dict[int, dict[str, Any]]:
        """The last commit record of each point (a torn last line is ignored)."""
        out: dict[int, dict[str, Any]] = {}
        if not self.ledger_path.exists():
            return out
        for line in self.ledger_path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
                out[int(record["point"])] = record
            except (ValueError, KeyError, TypeError):
                continue
        return out

    def audit(self, identity: dict[str, Any] | None = None) -> Audit:
        """Check every stored part against its ledger line (and ``identity``: this sweep's)."""
        identity = identity or self.manifest() or {}
        ledger = self.ledger()
        done: set[int] = set()
        bad: dict[int, str] = {}
        files = sorted(self.parts.glob("point-*.parquet")) if self.parts.is_dir() else []
        for part in files:
            try:
                k = int(part.stem.split("-")[1])
            except (IndexError, ValueError):
                continue
            why = self._check(k, part, ledger.get(k), identity)
            if why is None:
                done.add(k)
            else:
                bad[k] = why
        return Audit(done, bad)

    def _check(
        self, k: int, part: Path, record: dict[str, Any] | None, identity: dict[str, Any]
    ) -> str | None:
        if record is None:
            return "no commit record"
        for key in ("scenario_hash", "design_hash"):
            if identity.get(key) is not None and record.get(key) != identity.get(key):
                return f"committed by another sweep ({key})"
        files = [("part", part)]
        if record.get("reps") is not None or identity.get("per_replication"):
            files.append(("reps", self.reps / self.part_name(k)))
        for key, path in files:
            expected = record.get(key)
            if expected is None or not path.is_file():
                return f"its {key} file is missing"
            if path.stat().st_size != expected["bytes"] or sha256_of(path) != expected["sha256"]:
                return (
                    f"its {key} file does not match its checksum (truncated, emptied or replaced)"
                )
        return None

    def discard(self, points: Iterator[int] | set[int] | list[int]) -> None:
        """Remove the files of points that failed the audit, so they are redone."""
        for k in points:
            for folder in (self.parts, self.reps):
                (folder / self.part_name(k)).unlink(missing_ok=True)

    def done(self) -> set[int]:
        """Indices of finished points: parts that match their commit records."""
        return self.audit().done

    @staticmethod
    def part_name(k: int) -> str:
        return f"point-{k:06d}.parquet"

    def write_point(
        self,
        k: int,
        row: pd.DataFrame,
        reps: pd.DataFrame | None,
        record: dict[str, Any] | None = None,
    ) -> None:
        """Commit point ``k``: files written aside, ledger line (with checksums), then renamed.

        ``record``: what identifies the point (seed, scenario and design hashes).
        """
        staged: list[tuple[str, Path, Path]] = []
        carried = {"point": k, **(record or {})}  # each file says which point it is
        try:
            if reps is not None:
                tmp = self._stage(self.reps, reps, carried)
                staged.append(("reps", tmp, self.reps / self.part_name(k)))
            tmp = self._stage(self.parts, row, carried)
            staged.append(("part", tmp, self.parts / self.part_name(k)))
            line: dict[str, Any] = {"point": k, **(record or {}), "reps": None}
            for key, tmp, _ in staged:
                line[key] = {"sha256": sha256_of(tmp), "bytes": tmp.stat().st_size}
            self._append(line)
            for _, tmp, final in staged:  # replication rows first: a part implies them
                os.replace(tmp, final)
        finally:
            for _, tmp, _ in staged:
                tmp.unlink(missing_ok=True)

    @staticmethod
    def _stage(folder: Path, frame: pd.DataFrame, carried: dict[str, Any]) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=".point.", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            meta = {**(table.schema.metadata or {}), PART_KEY: json.dumps(carried).encode()}
            pq.write_table(table.replace_schema_metadata(meta), tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return tmp

    def _append(self, line: dict[str, Any]) -> None:
        data = (json.dumps(line, sort_keys=True) + "\n").encode()
        fd = os.open(self.ledger_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def design(self) -> pd.DataFrame:
        return pd.read_parquet(self.out / "design.parquet")

    def points(self) -> pd.DataFrame:
        """All finished (sound) points, one row each, ordered by point index."""
        files = [self.parts / self.part_name(k) for k in sorted(self.done())]
        if not files:
            return pd.DataFrame()
        return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)

    def replications(self) -> pd.DataFrame:
        """Per-replication rows of all finished points (empty unless they were stored)."""
        done = self.done()
        files = [self.reps / self.part_name(k) for k in sorted(done)]
        files = [f for f in files if f.exists()]
        if not files:
            return pd.DataFrame()
        return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
