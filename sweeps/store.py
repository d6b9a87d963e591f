"""The results store of a sweep: a directory of Parquet parts and a manifest.

```
out/manifest.json          what was run: design and its hash, root seed, scenario hash, versions
out/design.parquet         the design's points (point index = row)
out/parts/point-000042.parquet          one row: the summaries of point 42
out/replications/point-000042.parquet   its per-replication rows (when asked for)
```
Every file is written under a temporary name in its own directory and renamed into place, so a
reader never sees a partial file; a point is done exactly when its part exists (its replication
rows are renamed in first). Temporary names start with a dot and are never read.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable
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


class StoreMismatch(ValueError):
    """``out`` holds a different sweep; the message says which field differs and what to do."""


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
            if self.out.exists() and any(self.out.iterdir()):
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

    def done(self) -> set[int]:
        """Indices of finished points (those whose part file exists)."""
        if not self.parts.is_dir():
            return set()
        return {int(p.stem.split("-")[1]) for p in self.parts.glob("point-*.parquet")}

    @staticmethod
    def part_name(k: int) -> str:
        return f"point-{k:06d}.parquet"

    def write_point(self, k: int, row: pd.DataFrame, reps: pd.DataFrame | None) -> None:
        """Store point ``k`` (its replication rows first, so a part implies them)."""
        if reps is not None:
            write_parquet(self.reps / self.part_name(k), reps)
        write_parquet(self.parts / self.part_name(k), row)

    def design(self) -> pd.DataFrame:
        return pd.read_parquet(self.out / "design.parquet")

    def points(self) -> pd.DataFrame:
        """All finished points, one row each, ordered by point index."""
        files = sorted(self.parts.glob("point-*.parquet")) if self.parts.is_dir() else []
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
