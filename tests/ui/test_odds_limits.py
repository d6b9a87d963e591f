"""The odds panel has limits (issue 16): a capped replication count, and a run that stops when
its page's session ends (no work left behind by a closed tab)."""

from __future__ import annotations

import threading
import time

import ipyvuetify as v
import pytest

import viz.odds
from viz.odds import UI_MAX_REPLICATIONS

pytestmark = pytest.mark.timeout(300)


def _replications(page) -> v.TextField:  # type: ignore[no-untyped-def]
    return next(w for w in page.rc.find(v.TextField).widgets if w.label == "Replications")


def test_more_than_the_cap_is_refused_in_the_page(render_page) -> None:
    page = render_page("ukraine-2025")
    _replications(page).v_model = str(UI_MAX_REPLICATIONS + 1)
    assert f"At most {UI_MAX_REPLICATIONS:,} replications" in page.text
    assert page.button("Run odds").disabled


def test_a_run_stops_when_its_session_ends(render_page, monkeypatch) -> None:
    calls: list[float] = []
    finished = threading.Event()
    real = viz.odds.run_ensemble

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        report = kwargs["progress"]

        def counting(done: int, total: int) -> None:
            calls.append(time.monotonic())
            report(done, total)

        kwargs["progress"] = counting
        try:
            return real(*args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(viz.odds, "run_ensemble", watched)
    page = render_page("ukraine-2025")
    _replications(page).v_model = str(UI_MAX_REPLICATIONS)
    page.click("Run odds")
    page.wait_for(lambda: len(calls) >= 3, timeout=120)
    page.rc.close()  # what Solara does when the tab's kernel is closed
    at_close = len(calls)
    assert finished.wait(60), "the ensemble went on after its session ended"
    # A full run reports once per round of each chunk (about 190 times): it stopped at once.
    assert len(calls) - at_close <= 2 and at_close < 100
