"""``Chart``: a plotly figure in the page, offline, with its toolbar trimmed and an alt text.

Like ``solara.FigurePlotly`` it shows a plotly ``FigureWidget`` (an anywidget served by the local
server) and refreshes it in place, but it also sets the widget's plotly config
(``viz.charts.CONFIG``: no Chart Studio link, PNG download in the browser) and wraps the chart in
an element with ``role="img"`` and an ``aria-label`` describing it, for screen readers.

A Step changes where the dots are, not what the chart is. A caller that can say so passes
``shape`` (what fixes the traces and the layout) and ``moves`` (the new x and y of each trace, and
the title): while ``shape`` stays the same only those are sent, and the figure is not rebuilt,
which keeps a Step within its time budget. Otherwise ``build`` makes the figure anew.

Width: the widget's front end draws the figure before the page has placed it, so plotly.js falls
back to its default width (700 px) and, outside Jupyter (no Lumino resize messages), never
measures again: in a narrower card the right of the figure, the legend included, was cut off.
Once the front end reports its first drawing, ``fit_to_container`` turns ``autosize`` on; that
relayout makes plotly.js measure the card and redraw to its width, and ``responsive`` in
``CONFIG`` keeps it fitted when the window is resized. The report watched is the trace deltas:
plotly 7.1's front end sends its layout delta as ``_js2py_widget_layoutDelta``, a name the Python
side does not listen to.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, cast

import numpy as np
import plotly.graph_objects as go
import solara

from viz.charts import CONFIG

Moves = Callable[[], tuple[list[dict[str, np.ndarray]], str]]
DRAWN = "_js2py_traceDeltas"  # what the front end reports after each drawing (see above)


def fit_to_container(widget: Any) -> Callable[[], None]:
    """Fit ``widget`` (a plotly FigureWidget) to its container once the front end has drawn it:
    its first report turns ``autosize`` on (a relayout, so plotly.js measures the element it is
    now placed in). Returns the function that stops watching."""

    def on_drawn(change: dict[str, Any]) -> None:
        if change["new"] and widget.layout.autosize is not True:
            widget.layout.autosize = True

    widget.observe(on_drawn, names=DRAWN)
    return lambda: widget.unobserve(on_drawn, names=DRAWN)


@solara.component
def Chart(
    build: Callable[[], go.Figure] | go.Figure,
    alt: str,
    dependencies: list[Any] | None = None,
    shape: Hashable | None = None,
    moves: Moves | None = None,
) -> None:
    """Show the figure ``build`` makes (or a figure); ``alt`` says in words what it shows;
    ``dependencies`` decide when the widget is refreshed (default: a new ``build``)."""
    from plotly.graph_objs._figurewidget import FigureWidget

    widget = FigureWidget.element()
    shown = solara.use_ref(cast(Hashable | None, None))

    def refresh() -> None:
        w: Any = solara.get_widget(widget)
        w._config = CONFIG
        if moves is not None and shape is not None and shape == shown.current:
            data, title = moves()
            with w.batch_update():
                for trace, new in zip(w.data, data, strict=True):
                    trace.update(new)
                w.layout.title.text = title
            return
        fig = build() if callable(build) else build
        fitted = w.layout.autosize is True  # a new layout keeps the fit to the card
        with w.batch_update():
            w.data = []
            w.add_traces(list(fig.data))
            w.layout = go.Layout(fig.layout, autosize=True) if fitted else fig.layout
        shown.current = shape

    solara.use_effect(lambda: fit_to_container(solara.get_widget(widget)), [])
    solara.use_effect(refresh, dependencies if dependencies is not None else [build])
    solara.v.Html(
        tag="div",
        attributes={"role": "img", "aria-label": alt, "title": alt},
        class_="accord-chart",
        children=[widget],
    )
