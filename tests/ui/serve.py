"""Start ``accord ui`` as a user would, and read the address (with its token) it prints."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"Accord UI: open (http://\S+)")
# Headless Chromium as the browser tests launch it (no sandbox as root, nothing phoning home).
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}  # where a page's requests may go


@dataclass
class Served:
    url: str  # the address printed by accord ui, token included
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return self.url.split("?", 1)[0]

    @property
    def token(self) -> str:
        return self.url.split("token=", 1)[1]


def free_port(first: int = 9100, last: int = 9149) -> int:
    """A free loopback port in the range set aside for the browser tests."""
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}..{last}")


def opener() -> urllib.request.OpenerDirector:
    """A client that keeps cookies, as a browser does."""
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


@contextmanager
def accord_ui(
    port: int, log_path: Path, extra: Sequence[str] = (), env: dict[str, str] | None = None
) -> Iterator[Served]:
    """``accord ui --port PORT ...`` running until the block ends; waits for the page."""
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "ui", "--port", str(port), *extra],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    try:
        deadline = time.monotonic() + 120
        url = None
        while True:
            found = ADDRESS.search(log_path.read_text())
            url = found.group(1) if found else None
            if url is not None:
                try:
                    with opener().open(url, timeout=5) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(log_path.read_text()[-3000:])
            time.sleep(0.5)
        yield Served(url, log_path, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
