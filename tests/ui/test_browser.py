"""The page served by ``accord ui``, driven in Debian's headless Chromium with Playwright.

Proves: the page works with no request leaving loopback (Solara's assets come from the local
cache that viz.assets fills), Step / assumption / Reset / odds work in a real browser, and two
browser sessions do not share a model. Screenshots go to docs/img/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(600)]

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed (make ui-deps, or apt-get install -y chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from tests.ui.serve import CHROMIUM_ARGS, LOOPBACK, accord_ui, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "img"


@dataclass
class Server:
    url: str
    log: Path

    def fetch_failures(self) -> list[str]:
        """Lines where the server tried to fetch an asset it did not have (it would go online)."""
        return [ln for ln in self.log.read_text().splitlines() if "Could not load URL" in ln]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``accord ui`` on a free loopback port, as a user would start it (its URL has the token)."""
    folder = tmp_path_factory.mktemp("ui")
    extra = ["--scenario", "ukraine-2025", "--workspace", str(folder / "workspace")]
    with accord_ui(free_port(), folder / "server.log", extra) as served:
        yield Server(served.url, served.log)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Session:
    """One browser context (a separate user) on the page, recording every request."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1500, "height": 1300})
        self.requests: list[str] = []
        self.context.on("request", lambda req: self.requests.append(req.url))
        self.page: Page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.page.goto(url)
        self.see("Round 0 of")

    def see(self, text: str, timeout: float = 60_000) -> None:
        expect(self.page.get_by_text(text).first).to_be_visible(timeout=timeout)

    def click(self, label: str) -> None:
        self.page.get_by_role("button", name=label, exact=True).click()

    def left_loopback(self) -> list[str]:
        out = []
        for u in self.requests:
            parts = urlparse(u)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname not in LOOPBACK:
                out.append(u)
        return out

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_timeout(700)  # let the last image paint
        self.page.screenshot(path=str(SHOTS / name), full_page=True)


def test_step_assumption_reset_and_odds_offline(browser: Browser, server: Server) -> None:
    s = Session(browser, server.url)
    s.click("Step")
    s.see("Round 1 of")
    step = s.page.get_by_role("button", name="Step", exact=True)
    for n in (2, 3):  # until the run agrees (Step is then disabled) or three rounds
        if not step.is_enabled():
            break
        s.click("Step")
        s.see(f"Round {n} of")
    s.see("P(accept):")
    s.shot("ui-main.png")

    backstop = re.compile(r"^\s*backstop:")  # not force_weight_backstop etc.
    slider = s.page.locator(".v-input__slider", has_text=backstop).locator("[role=slider]")
    slider.focus()
    s.page.keyboard.press("End")  # the top of the declared range
    s.see("pending Reset")
    s.click("Reset")
    s.see("Round 0 of")
    s.see("(applied)")

    s.page.get_by_label("Replications").fill("500")
    s.click("Run odds")
    s.see("P(agreement)", timeout=120_000)
    s.see("n = 500")
    s.shot("ui-odds.png")

    for tab, text, shot in (
        ("Negotiation", "Proposed terms", "ui-negotiation.png"),
        ("Force", "Troops pledged:", "ui-force.png"),
        ("UN votes", "Tally of this run", "ui-un.png"),
    ):
        s.click("Step") if tab == "Negotiation" and step.is_enabled() else None
        s.page.get_by_role("tab", name=tab).click()
        s.see(text)
        s.shot(shot)

    assert s.left_loopback() == [], "requests left the machine"
    assert any("/_solara/cdn/" in u for u in s.requests)  # served from the local cache
    assert server.fetch_failures() == [], "the server went looking for an asset online"
    s.context.close()


def test_two_sessions_do_not_share_a_model(browser: Browser, server: Server) -> None:
    a = Session(browser, server.url)
    b = Session(browser, server.url)
    a.click("Step")
    a.see("Round 1 of")
    b.see("Round 0 of")  # a's step did not move b
    b.click("Step")
    b.see("Round 1 of")
    a.see("Round 1 of")  # b's step did not move a
    expect(a.page.get_by_text("Round 2 of")).to_have_count(0)
    expect(b.page.get_by_text("Round 0 of")).to_have_count(0)
    assert a.left_loopback() == [] and b.left_loopback() == []
    assert server.fetch_failures() == []
    a.context.close()
    b.context.close()
