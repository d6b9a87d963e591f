"""The UI is not an open door (issue 16), proved in Debian's headless Chromium with Playwright.

A second local server on another loopback port plays the hostile web page. It cannot open the
app's kernel WebSocket (even in a browser that holds the app's cookie), cannot frame the app,
and without the token nobody can load the page. Through the page itself, scenarios are read
and written only in the built-ins and the workspace: absolute paths, ``~``, ``..`` and links
out are refused, and no error message shows a file's contents.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(600)]

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed (make ui-deps, or apt-get install -y chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright  # noqa: E402

from tests.ui.serve import CHROMIUM_ARGS, Served, accord_ui, free_port  # noqa: E402
from tests.unit.scenario_factory import Spec  # noqa: E402

SECRET = "secret-line-that-must-never-be-shown"
OPEN_FIELD = "…or a scenario directory in the workspace"
SAVE_FIELD = "…or save the scenario into a new directory in the workspace"

# The hostile page: tries the app's kernel WebSocket and frames the app; reports what happened.
EVIL_PAGE = """<!doctype html><meta charset=utf-8><title>evil</title>
<iframe id=frame src="{app}/" width=400 height=300></iframe>
<script>
window.trySocket = (url) => new Promise((done) => {{
  const ws = new WebSocket(url);
  ws.onopen = () => {{ done("open"); ws.close(); }};
  ws.onerror = () => done("error");
  ws.onclose = () => done("closed");
  setTimeout(() => done("timeout"), 10000);
}});
</script>"""


@dataclass
class Setup:
    app: Served
    evil: str  # the hostile page's address
    workspace: Path
    outside: Path  # a folder the page must never reach
    home: Path


def socket_url(app: Served, host: str = "127.0.0.1") -> str:
    port = app.base.rstrip("/").rsplit(":", 1)[1]
    return f"ws://{host}:{port}/jupyter/api/kernels/probe-kernel/channels?session_id=probe"


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    tmp = tmp_path_factory.mktemp("security")
    outside, home, workspace = tmp / "outside", tmp / "home", tmp / "workspace"
    for folder in (outside, home, workspace):
        folder.mkdir()
    victim = Spec()
    victim.toml["name"] = "outside-victim"
    victim.write(outside / "victim")  # a valid scenario: opening it would show its name
    victim.write(home / "victim")
    (outside / "secret.csv").write_text(f"{SECRET},a,b\n1,2,3\n")
    Spec().write(workspace / "mine")
    leaky = Spec().write(workspace / "leaky")
    (leaky / "states.csv").unlink()
    (leaky / "states.csv").symlink_to(outside / "secret.csv")
    (workspace / "escape").symlink_to(outside)

    evil_dir = tmp / "evil"
    evil_dir.mkdir()
    app_port, log = free_port(), tmp / "server.log"
    extra = ["--scenario", "ukraine-2025", "--workspace", str(workspace)]
    with accord_ui(app_port, log, extra, env={"HOME": str(home)}) as app:
        (evil_dir / "index.html").write_text(EVIL_PAGE.format(app=app.base.rstrip("/")))
        evil_port = free_port(app_port + 1)
        evil = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(evil_port), "--bind", "127.0.0.1"],
            cwd=evil_dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        evil_url = f"http://127.0.0.1:{evil_port}/index.html"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(evil_url, timeout=2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield Setup(app, evil_url, workspace, outside, home)
        finally:
            evil.terminate()
            evil.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def signed_in(browser: Browser, setup: Setup) -> tuple[BrowserContext, Page]:
    """A browser that opened the printed address: it holds the app's cookie."""
    context = browser.new_context(viewport={"width": 1500, "height": 1300})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(setup.app.url)
    expect(page.get_by_text("Round 0 of").first).to_be_visible(timeout=90_000)
    assert "token" not in page.url  # the token left the address bar
    return context, page


def test_without_the_token_nobody_loads_the_page(browser: Browser, setup: Setup) -> None:
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(setup.app.base)
    assert response is not None and response.status == 403
    assert "needs the server's token" in page.content()
    wrong = page.goto(setup.app.base + "?token=not-the-token")
    assert wrong is not None and wrong.status == 403
    context.close()


def test_another_origin_cannot_open_the_kernel_websocket(browser: Browser, setup: Setup) -> None:
    context, app_page = signed_in(browser, setup)
    # Control: from the app's own origin the same socket opens, so a refusal below is the guard.
    assert (
        app_page.evaluate(f"""() => new Promise((done) => {{
        const ws = new WebSocket({socket_url(setup.app)!r});
        ws.onopen = () => {{ done("open"); ws.close(); }};
        ws.onerror = () => done("error");
    }})""")
        == "open"
    )
    evil = context.new_page()  # same browser, cookie present: a site the analyst visits
    evil.goto(setup.evil)
    for host in ("127.0.0.1", "localhost"):
        assert evil.evaluate(f"trySocket({socket_url(setup.app, host)!r})") in ("error", "closed")
    context.close()

    stranger = browser.new_context()  # a browser that never had the token
    page = stranger.new_page()
    page.goto(setup.evil)
    assert page.evaluate(f"trySocket({socket_url(setup.app)!r})") in ("error", "closed")
    stranger.close()


def test_another_origin_cannot_frame_the_app(browser: Browser, setup: Setup) -> None:
    context, _ = signed_in(browser, setup)
    evil = context.new_page()
    evil.goto(setup.evil)
    evil.wait_for_timeout(3000)
    framed = [f for f in evil.frames if f != evil.main_frame]
    for frame in framed:
        try:
            text = frame.content()
        except Exception:  # a blocked frame may have no document at all
            text = ""
        assert "Round 0 of" not in text and "Accord" not in text
    context.close()


def _open(page: Page, text: str, expect_text: str | None = None) -> str:
    """Type a folder, press Open directory, wait for the answer that names it."""
    page.get_by_label(OPEN_FIELD).fill(text)
    page.get_by_role("button", name="Open directory").click()
    expect(page.get_by_text(expect_text or f"{text}: refused").first).to_be_visible()
    return page.inner_text("body")


def _save(page: Page, text: str, expect_text: str | None = None) -> str:
    page.get_by_label(SAVE_FIELD).fill(text)
    page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_text(expect_text or f"{text}: refused").first).to_be_visible()
    return page.inner_text("body")


def test_the_page_reads_only_builtins_and_the_workspace(browser: Browser, setup: Setup) -> None:
    context, page = signed_in(browser, setup)
    escapes = [str(setup.outside / "victim"), "~/victim", "../outside/victim", "escape/victim"]
    for text in escapes:
        body = _open(page, text)
        assert "refused" in body, text
        assert "Scenario outside-victim" not in body, text
        assert "Scenario ukraine-2025" in body  # the page is still usable
    # states.csv is a link to a secret file outside
    body = _open(page, "leaky", "links must not lead out")
    assert SECRET not in body and SECRET not in page.content()
    _open(page, "mine", "Scenario tiny")  # control: a scenario in the workspace opens
    context.close()


def test_the_page_writes_only_inside_the_workspace(browser: Browser, setup: Setup) -> None:
    context, page = signed_in(browser, setup)
    page.get_by_role("tab", name="Export").click()
    attempts = {
        str(setup.outside / "abs"): setup.outside / "abs",
        "~/tilde": setup.home / "tilde",
        "../outside/dotdot": setup.outside / "dotdot",
        "escape/linked": setup.outside / "linked",
    }
    for text, where in attempts.items():
        body = _save(page, text)
        assert "refused" in body, text
        assert not where.exists(), f"{text} wrote {where}"
    _save(page, "saved-here", "Written to")  # control: inside the workspace it is written
    assert (setup.workspace / "saved-here" / "scenario.toml").is_file()
    assert sorted(p.name for p in setup.outside.iterdir()) == ["secret.csv", "victim"]
    context.close()
