"""The UI's sliders start on the scenario's value: a slider snaps its value to its grid when it is
drawn, and a snapped value would read as a changed assumption on a fresh page."""

from __future__ import annotations

import pytest

from scenarios import list_builtin, load_scenario
from viz.session import sliders


@pytest.mark.parametrize("name", list_builtin())
def test_every_slider_value_lies_on_its_grid(name: str) -> None:
    for s in sliders(load_scenario(name)):
        k = round((s.value - s.low) / s.step)
        assert abs(k * s.step + s.low - s.value) < 1e-9 * max(1.0, abs(s.value)), (s.name, s.step)
        if s.integer:
            assert s.step >= 1 and float(s.step).is_integer()
