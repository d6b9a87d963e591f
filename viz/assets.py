"""Solara's front-end assets for offline use: ``python -m viz.assets``.

Solara serves its JavaScript and CSS from a proxy cache, ``<prefix>/share/solara/cdn/``, which it
fills from a public CDN on first use. No CDN is reachable here (nor on an air-gapped network), so
this fills the cache ahead of time from the npm registry (``npm pack``), for the exact versions
that the installed solara asks for. It is idempotent: a package already in the cache is skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

# The npm packages Solara's page loads from its CDN. Their versions are read from the installed
# solara (templates, settings, widgets), never written here, so an upgrade of solara cannot leave
# the cache with the wrong versions.
PACKAGES = (
    "@widgetti/solara-vuetify-app",
    "@widgetti/solara-vuetify3-app",
    "@widgetti/vue-grid-layout",
    "requirejs",
    "font-awesome",
    "mermaid",  # solara.Markdown loads it on mount
    "katex",  # solara.Markdown, for math
)
_VERSION = r"@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)"
_SCANNED = ("*.py", "*.j2", "*.html", "*.vue", "*.js")


class AssetError(RuntimeError):
    """Assets could not be prepared; the message says why and what to do."""


def cache_dir() -> Path:
    """Solara's proxy cache: the directory its server looks in before going to a CDN."""
    return Path(sys.prefix) / "share" / "solara" / "cdn"


def _solara_files() -> Iterable[Path]:
    import importlib.util

    spec = importlib.util.find_spec("solara")
    if spec is None or not spec.submodule_search_locations:
        raise AssetError("solara is not installed in this environment (pip install -e .)")
    root = Path(next(iter(spec.submodule_search_locations)))
    for sub in ("server", "widgets", "components", "settings.py"):
        base = root / sub
        if base.is_file():
            yield base
        for pattern in _SCANNED:
            yield from base.rglob(pattern) if base.is_dir() else ()


def required_specs() -> list[str]:
    """``name@version`` of every package in PACKAGES, as the installed solara references it."""
    found: dict[str, set[str]] = {name: set() for name in PACKAGES}
    patterns = {name: re.compile(rf"(?<![\w@-]){re.escape(name)}{_VERSION}") for name in PACKAGES}
    for path in _solara_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for name, pattern in patterns.items():
            found[name].update(pattern.findall(text))
    missing = [name for name, versions in found.items() if not versions]
    if missing:
        raise AssetError(
            f"the installed solara references no version of {', '.join(missing)}; "
            "viz/assets.py's PACKAGES needs updating for this solara"
        )
    return sorted(f"{name}@{v}" for name, versions in found.items() for v in versions)


def _npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(
            "npm is not on PATH: it is needed once to fetch Solara's front-end from the npm "
            "registry (Debian: apt-get install -y npm). Or copy a filled "
            f"{cache_dir()} from another machine."
        )
    return npm


def _unpack(tarball: Path, target: Path) -> None:
    """Unpack an npm tarball into target, dropping its top folder (``package/``)."""
    with tarfile.open(tarball) as tar:
        members = []
        for m in tar.getmembers():
            parts = Path(m.name).parts
            if len(parts) < 2 or not (m.isfile() or m.isdir()):
                continue
            m.name = str(Path(*parts[1:]))
            members.append(m)
        tar.extractall(target, members=members, filter="data")


def fetch(spec: str, cache: Path, npm: str) -> bool:
    """Put one package in the cache; False if it was there already."""
    target = cache / spec
    if (target / "package.json").is_file():
        return False
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".fetch-") as tmp:
        done = subprocess.run(
            [npm, "pack", spec, "--silent", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            check=False,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or not tarballs:
            raise AssetError(f"npm pack {spec} failed: {done.stderr.strip() or done.stdout}")
        staging = Path(tmp) / "unpacked"
        _unpack(tarballs[0], staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # a half-filled folder from an interrupted run
            shutil.rmtree(target)
        staging.rename(target)
    return True


def ensure_assets(cache: Path | None = None, *, log: bool = True) -> list[str]:
    """Fill the cache with every package the installed solara needs; returns those fetched."""
    cache = cache or cache_dir()
    specs = required_specs()
    todo = [s for s in specs if not (cache / s / "package.json").is_file()]
    if not todo:
        if log:
            print(f"solara assets: all {len(specs)} packages already in {cache}")
        return []
    npm = _npm()
    fetched = []
    for spec in todo:
        if log:
            print(f"solara assets: fetching {spec}")
        if fetch(spec, cache, npm):
            fetched.append(spec)
    if log:
        print(f"solara assets: {len(fetched)} fetched into {cache}")
    return fetched


def main() -> int:
    try:
        ensure_assets()
    except AssetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
