"""``Chart``: a plotly figure in the page, offline, with its toolbar trimmed and an alt text.

Like ``solara.FigurePlotly`` it shows a plotly ``FigureWidget`` (an anywidget served by the local
server) and refreshes it in place when the figure changes, but it also sets the widget's plotly
config (``viz.charts.CONFIG``: no Chart Studio link, PNG download in the browser) and wraps the
chart in an element with ``role="img"`` and an ``aria-label`` describing it, for screen readers.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import solara

from viz.charts import CONFIG


@solara.component
def Chart(fig: go.Figure, alt: str, dependencies: list[Any] | None = None) -> None:
    """Show ``fig``; ``alt`` says in words what it shows; ``dependencies`` decide when the widget
    is refreshed (default: whenever ``fig`` is a new object)."""
    from plotly.graph_objs._figurewidget import FigureWidget

    widget = FigureWidget.element()

    def refresh() -> None:
        w: Any = solara.get_widget(widget)
        w._config = CONFIG
        with w.batch_update():
            w.data = []
            w.add_traces(list(fig.data))
            w.layout = fig.layout

    solara.use_effect(refresh, dependencies if dependencies is not None else [fig])
    solara.v.Html(
        tag="div",
        attributes={"role": "img", "aria-label": alt, "title": alt},
        class_="accord-chart",
        children=[widget],
    )
