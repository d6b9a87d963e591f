"""The analyst's workflow in a real browser (Debian's headless Chromium, Playwright) against
``accord ui`` on a free loopback port: hover naming a state, pin / compare / stale, a sweep run
with progress and cancel, opening a sweep directory, the discovery panel, uploading a valid and
an invalid scenario, a URL that restores a view in a second browser context. Every flow checks
that no request left loopback. Screenshots of the new panels go to docs/img/.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed (make ui-deps, or apt-get install -y chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from scenarios import load_scenario  # noqa: E402
from tests.ui.serve import CHROMIUM_ARGS, LOOPBACK, accord_ui, free_port  # noqa: E402
from viz.session import scenario_zip  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "img"
SWEEP = ROOT / "tests" / "data" / "sweep-discovery"
WAIT = 120_000


@dataclass
class Served:
    url: str  # the address accord ui printed, with its token
    workspace: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``accord ui`` with its own workspace, holding a copy of the committed sweep."""
    folder = tmp_path_factory.mktemp("ui")
    workspace = folder / "workspace"
    workspace.mkdir()
    shutil.copytree(SWEEP, workspace / "sweep-discovery")
    extra = ["--scenario", "ukraine-2025", "--workspace", str(workspace)]
    with accord_ui(free_port(), folder / "server.log", extra) as server:
        yield Served(server.url, workspace)
    assert "Could not load URL" not in (folder / "server.log").read_text(), "went online"


@pytest.fixture(scope="module")
def url(served: Served) -> str:
    return served.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Session:
    """One browser context on the page, recording every request it makes."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1500, "height": 1300})
        self.requests: list[str] = []
        self.context.on("request", lambda req: self.requests.append(req.url))
        self.page: Page = self.context.new_page()
        self.page.set_default_timeout(WAIT)
        self.page.goto(url)
        self.see("Round 0 of")

    def see(self, text: str | re.Pattern[str], timeout: float = WAIT) -> None:
        expect(self.page.get_by_text(text).first).to_be_visible(timeout=timeout)

    def click(self, label: str) -> None:
        self.page.get_by_role("button", name=label, exact=True).click()

    def tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()

    def close(self) -> None:
        left = [u for u in self.requests if urlparse(u).scheme not in ("data", "blob", "about")
                and urlparse(u).hostname not in LOOPBACK]  # fmt: skip
        self.context.close()
        assert left == [], f"requests left the machine: {left[:5]}"

    def shot(self, name: str, locator: str | None = None) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        # a tall window, so that a tall panel is not cut by the fixed app bar
        self.page.set_viewport_size({"width": 1500, "height": 2400})
        self.page.wait_for_timeout(1200)  # let the last chart paint
        if locator is None:
            self.page.screenshot(path=str(SHOTS / name), full_page=True)
        else:
            self.page.locator(locator).first.screenshot(path=str(SHOTS / name))
        self.page.set_viewport_size({"width": 1500, "height": 1300})

    def set_backstop_to_top(self) -> None:
        slider = self.page.get_by_role("slider", name=re.compile(r"^backstop: "))
        slider.focus()
        self.page.keyboard.press("End")
        self.see("pending Reset")
        self.click("Reset")
        self.see("(applied)")


def test_hover_names_a_state(browser: Browser, url: str) -> None:
    # a scenario whose first rounds rarely agree (no backstop), so that a second Step is possible
    s = Session(browser, f"{url}{'&' if '?' in url else '?'}scenario=ukraine-2025-no-backstop")
    s.page.wait_for_timeout(1500)  # every slider drawn: none may snap its value to its grid
    s.see("No assumption changed.")
    s.click("Step")
    s.see("Round 1 of")
    s.click("Step")  # the second round moves the dots in place: hover must still name them
    s.see("Round 2 of")
    expect(s.page.get_by_text("Issue space, round 2")).to_have_count(1, timeout=WAIT)
    dots = s.page.locator(".js-plotly-plot .scatterlayer .trace .points path.point")
    expect(dots.first).to_be_attached(timeout=WAIT)
    names = {st.name for st in load_scenario("ukraine-2025").states}
    hovered = ""
    for i in range(min(dots.count(), 12)):
        box = dots.nth(i).bounding_box()
        if box is None or box["width"] == 0:
            continue
        s.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        s.page.wait_for_timeout(300)
        hovered = s.page.locator(".hoverlayer").first.text_content() or ""
        if hovered.strip():
            break
    assert any(name in hovered for name in names), hovered
    assert "capability" in hovered
    s.shot("ui-hover.png", ".accord-chart")
    # a click on a legend entry hides that bloc's trace; a second click shows it again
    traces = s.page.locator(".accord-chart .js-plotly-plot .scatterlayer .trace").first.locator(
        ".."
    )
    shown = traces.locator(".trace").count()
    legend = s.page.locator(".accord-chart .js-plotly-plot .legend .traces").nth(1)
    legend.click()
    expect(traces.locator(".trace")).to_have_count(shown - 1)
    legend.click()
    expect(traces.locator(".trace")).to_have_count(shown)
    s.close()


def test_pin_compare_and_stale(browser: Browser, url: str) -> None:
    s = Session(browser, url)
    s.page.get_by_label("Replications", exact=True).fill("400")
    s.click("Run odds")
    s.see("Result #1")
    s.click("Pin as baseline")
    s.set_backstop_to_top()
    s.see(re.compile(r"Result #1 is stale"))
    s.click("Run odds")
    s.see("Result #2")
    s.see("Baseline #1")
    s.see("against current #2")
    s.see("difference (95% interval)")
    expect(s.page.get_by_text(re.compile(r"Result #2 is stale"))).to_have_count(0)
    holds_cell = s.page.locator("td", has_text=re.compile(r"^\s*P\(holds \| agreed\)\s*$"))
    expect(holds_cell).to_have_count(1)  # one cell: the '|' does not split it
    expect(s.page.get_by_role("button", name="Run odds", exact=True)).to_be_enabled(timeout=WAIT)
    s.shot("ui-compare.png", ".v-card:has-text('The odds')")
    with s.page.expect_download() as download:
        s.page.get_by_role("button", name=re.compile("Baseline and current \\(JSON\\)")).click()
    text = Path(download.value.path()).read_text()
    assert '"scenario_hash"' in text and '"seed": 1' in text and '"backstop": 1.0' in text
    # re-open the first run: the controls go back to its assumptions, and it is current again
    s.page.get_by_role("button", name="Re-open").last.click()
    s.see("No assumption changed.")
    expect(s.page.get_by_text(re.compile(r"is stale"))).to_have_count(0)
    s.close()


def test_sweep_runs_with_progress_and_cancels(browser: Browser, url: str) -> None:
    s = Session(browser, url)
    s.tab("Sweeps")
    s.page.locator(".v-select", has_text="First assumption").click()
    s.page.locator(".v-menu__content .v-list-item", has_text=re.compile("^backstop$")).click()
    values = s.page.get_by_label("values", exact=True).first
    values.fill("3")
    values.press("Enter")
    s.page.get_by_label("Replications per point").fill("100")
    s.page.get_by_label("Replications per point").press("Enter")
    s.click("Run sweep")
    s.see(re.compile(r"Done: 3 points"))
    s.see(re.compile(r"Done: 3 points x 100 replications in sweeps/ui-"))
    s.see("Sweep ui-")
    expect(s.page.locator(".accord-chart .js-plotly-plot")).not_to_have_count(0)
    s.shot("ui-sweep.png", ".v-window-item--active")
    # a bigger one, cancelled while it runs: progress shows, the points done are kept
    values.fill("40")
    values.press("Enter")
    s.page.get_by_label("Replications per point").fill("2000")
    s.page.get_by_label("Replications per point").press("Enter")
    s.click("Run sweep")
    s.see(re.compile(r"Sweeping… \d+ of 40 points"))
    s.click("Cancel sweep")
    s.see(re.compile(r"Cancelled after \d+ of 40 points"))
    s.close()


@pytest.fixture(scope="module")
def morris_dir(served: Served) -> Path:
    """A small sensitivity analysis written by ``accord sensitivity --out`` (a few seconds)."""
    out = served.workspace / "morris"
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "sensitivity", "ukraine-2025", "--method", "morris",
         "--n", "2", "--param", "backstop", "--param", "war_cost_per_month",
         "--replications", "50", "--workers", "1", "--no-progress", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (out / "indices.csv").is_file()
    return out


def test_open_a_sweep_directory_and_discover(browser: Browser, url: str, morris_dir: Path) -> None:
    s = Session(browser, url)
    s.tab("Sweeps")
    s.page.get_by_label("Sweep directory").fill("sweep-discovery")
    s.click("Open sweep")
    s.see("60 of 60 points")
    s.click("Find boxes")
    s.see(re.compile(r"\d+ of 60 points have"))
    s.see("coverage")
    s.see("breakdown_hazard_per_month")
    s.see("Feature scores (extra trees)")
    s.shot("ui-sweep-open.png", ".v-card:has-text('Sweep sweep-discovery')")
    s.shot("ui-discovery.png", ".v-card:has-text('Scenario discovery')")
    s.page.get_by_label("Sweep directory").fill(morris_dir.name)
    s.click("Open sweep")
    s.see("Sensitivity (morris")
    expect(s.page.locator(".accord-chart[aria-label*='morris sensitivity']")).not_to_have_count(0)
    s.shot("ui-tornado.png", ".v-card:has-text('Sensitivity (morris')")
    s.page.get_by_label("Sweep directory").fill(str(ROOT / "docs"))  # outside the workspace
    s.click("Open sweep")
    s.see("refused")
    (morris_dir.parent / "empty").mkdir(exist_ok=True)
    s.page.get_by_label("Sweep directory").fill("empty")
    s.click("Open sweep")
    s.see("not a sweep directory")
    s.close()


def _zip_of(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_upload_a_valid_and_an_invalid_scenario(browser: Browser, url: str, tmp_path: Path) -> None:
    scenario = load_scenario("ukraine-2025").with_parameters({"backstop": 0.9})
    good = tmp_path / "mine.zip"
    good.write_bytes(scenario_zip(scenario, "mine"))
    folder = tmp_path / "bad"
    scenario.write(folder)
    toml = (folder / "scenario.toml").read_text()
    toml = toml.replace("[parameters.backstop]\nvalue = 0.9", "[parameters.backstop]\nvalue = 7")
    toml = toml.replace(
        "[parameters.war_cost_per_month]\nvalue = 0.004",
        "[parameters.war_cost_per_month]\nvalue = -3",
    )
    (folder / "scenario.toml").write_text(toml)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(_zip_of({f"bad/{p.name}": p.read_text() for p in folder.iterdir()}))

    s = Session(browser, url)
    for path in (bad, good):
        with s.page.expect_file_chooser() as chooser:
            s.page.get_by_role("button", name=re.compile("Upload zip")).click()
        chooser.value.set_files(str(path))
        if path is bad:
            s.see(re.compile(r"The uploaded scenario has \d+ problem"))
            s.see(re.compile(r"bad\.zip/bad/scenario\.toml.*backstop"))
            s.see(re.compile(r"bad\.zip/bad/scenario\.toml.*war_cost_per_month"))
            s.shot("ui-upload-errors.png", ".v-navigation-drawer")
    s.see("backstop: 0.9 share")  # the uploaded scenario's value, on its slider
    expect(s.page.get_by_text(re.compile("problem"))).to_have_count(0)
    s.close()


def test_a_link_restores_the_view_in_another_context(browser: Browser, url: str) -> None:
    a = Session(browser, url)
    a.page.get_by_label("Seed (applies on Reset)").fill("7")
    a.set_backstop_to_top()
    a.page.wait_for_url(re.compile(r"scenario=ukraine-2025.*seed=7.*backstop%3D1"))
    link = a.page.url
    assert "token=" not in link  # the server keeps its token out of the page's address
    a.close()
    # another user: let in by the address accord ui printed (the token), then given the link
    b = Session(browser, url)
    b.page.goto(link)
    b.see("Round 0 of")
    b.see("(applied)")
    b.see("backstop: 1 share")
    expect(b.page.get_by_label("Seed (applies on Reset)")).to_have_value("7")
    b.close()


def test_a_parameter_source_is_reachable_by_keyboard(browser: Browser, url: str) -> None:
    s = Session(browser, url)
    icon = s.page.locator("[role=button][aria-label*='Source:']").first
    icon.focus()  # what Tab does; the element is in the tab order (tabindex 0)
    assert icon.get_attribute("tabindex") == "0"
    expect(s.page.locator(".v-tooltip__content", has_text="Source:").first).to_be_visible(
        timeout=WAIT
    )
    s.close()
