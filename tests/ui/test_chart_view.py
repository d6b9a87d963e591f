"""viz.chart_view.Chart: the figure is fitted to its card once the page has drawn it, so the right
of the figure (the issue space's legend) is not cut off. Rendered without a browser; the front
end's report of its drawing is played by setting the trait it sets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest
import solara
from plotly.graph_objs._figurewidget import FigureWidget

from viz import charts
from viz.chart_view import DRAWN, Chart

STATES = charts.StateTable(
    iso3=["UKR", "RUS", "VCT"],
    name=["Ukraine", "Russia", "Saint Vincent and the Grenadines"],
    bloc=["Belligerent", "Belligerent", "Non-aligned"],
    capability=np.array([0.3, 1.0, 0.01]),
)


def issue_space(round_: int = 1) -> go.Figure:
    path = np.random.default_rng(0).uniform(size=(round_ + 1, 3, 2))
    return charts.issue_space(STATES, path, ("territory", "alignment"), {}, round_)


class Page:
    """A Chart rendered as the server renders it, and the relayouts it sends to the browser."""

    def __init__(self, element: Any) -> None:
        self.box, self.rc = solara.render(element, handle_error=False)
        self.widget: Any = self.rc.find(FigureWidget).widget
        self.relayouts: list[dict[str, Any]] = []
        self.widget.observe(self._sent, names="_py2js_relayout")

    def _sent(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.relayouts.append(change["new"]["relayout_data"])

    def draw(self) -> None:
        """What the browser reports once plotly.js has drawn the figure."""
        w = self.widget
        setattr(w, DRAWN, {
            "trace_deltas": [{"uid": t.uid} for t in w.data],
            "trace_edit_id": w._last_trace_edit_id,
        })  # fmt: skip


@pytest.fixture
def page() -> Iterator[Page]:
    shown = Page(Chart(issue_space(), alt="issue space"))
    yield shown
    shown.rc.close()


def test_once_drawn_the_chart_asks_the_browser_to_fit_it_to_its_card(page: Page) -> None:
    assert page.widget.layout.autosize is None  # drawn first at plotly's default width
    page.draw()
    assert {"autosize": True} in page.relayouts  # plotly.js measures the card and redraws
    assert page.widget.layout.autosize is True
    count = len(page.relayouts)
    page.draw()  # later drawings (a Step) send nothing more
    assert len(page.relayouts) == count


def test_a_rebuilt_figure_stays_fitted() -> None:
    rebuilt = solara.reactive(0)

    @solara.component
    def Rebuilt() -> None:
        Chart(lambda: issue_space(rebuilt.value + 1), alt="issue space",
              dependencies=[rebuilt.value])  # fmt: skip

    again = Page(Rebuilt())
    try:
        again.draw()
        rebuilt.value = 3  # a new figure replaces the layout
        assert again.widget.layout.title.text == "Issue space, round 4"
        assert again.widget.layout.autosize is True
        assert again.relayouts[-1].get("autosize") is True  # sent with the new layout
    finally:
        again.rc.close()


def test_the_browser_refits_a_chart_when_the_window_is_resized() -> None:
    assert charts.CONFIG["responsive"] is True
