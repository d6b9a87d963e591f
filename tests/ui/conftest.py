"""Helpers for the UI tests: the page rendered without a browser, and its visible text."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipyvuetify as v
import ipywidgets
import pytest


def widget_texts(root: ipywidgets.Widget) -> list[str]:
    """Every string a widget tree shows: children, labels, values, rendered Markdown."""
    out: list[str] = []
    seen: set[int] = set()

    def walk(w: Any) -> None:
        if isinstance(w, str):
            out.append(w)
            return
        if not isinstance(w, ipywidgets.Widget) or id(w) in seen:
            return
        seen.add(id(w))
        for attr in ("label", "v_model", "value", "template", "description"):
            val = getattr(w, attr, None)
            if isinstance(val, str):
                out.append(val)
        for attr in ("children", "v_slots", "tab_children"):
            val = getattr(w, attr, None)
            if isinstance(val, list | tuple):
                for child in val:
                    walk(child.get("children") if isinstance(child, dict) else child)
        if isinstance(w, v.VuetifyTemplate) and isinstance(getattr(w, "components", None), dict):
            for child in w.components.values():
                walk(child)

    walk(root)
    return out


@dataclass
class RenderedPage:
    box: Any
    rc: Any
    models: list[Any] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(widget_texts(self.box))

    @property
    def model(self) -> Any:
        return self.models[-1]

    def button(self, label: str) -> v.Btn:
        return self.rc.find(v.Btn, children=[label]).widget

    def click(self, label: str) -> None:
        self.button(label).click()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > end:
                raise AssertionError(f"timed out; page text:\n{self.text[-3000:]}")
            time.sleep(0.1)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The page's workspace folder (viz.workspace), empty, for this test."""
    from viz.workspace import WORKSPACE_ENV

    root = tmp_path / "workspace"
    root.mkdir()
    monkeypatch.setenv(WORKSPACE_ENV, str(root))
    return root.resolve()


@pytest.fixture
def render_page(
    monkeypatch: pytest.MonkeyPatch, workspace: Path
) -> Iterator[Callable[..., RenderedPage]]:
    """render_page(scenario=None) -> the page rendered in a solara AppLayout, without a browser."""
    import solara

    from viz.app import SCENARIO_ENV, AccordPage

    contexts = []

    def render(scenario: str | None = None) -> RenderedPage:
        if scenario is not None:
            monkeypatch.setenv(SCENARIO_ENV, scenario)
        models: list[Any] = []
        box, rc = solara.render(
            solara.AppLayout(children=[AccordPage(observe=models.append)]), handle_error=False
        )
        contexts.append(rc)
        return RenderedPage(box, rc, models)

    yield render
    for rc in contexts:
        rc.close()
