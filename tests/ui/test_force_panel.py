"""The Force panel shows each candidate's probability and main reason (ODD 7.2)."""

from __future__ import annotations

from model import AccordModel
from model.stages.force import REASON_LABELS
from viz.panels import force_table


def test_force_table_has_each_candidate_probability_and_reason() -> None:
    m = AccordModel("ukraine-2025", rng=1)
    assert force_table(m).empty  # nothing before the first step
    m.step()
    table = force_table(m)
    assert list(table.columns) == ["candidate", "in force", "troops", "P(in)", "main reason"]
    assert len(table) == 22 and set(table["main reason"]) <= set(REASON_LABELS.values())
    assert table["P(in)"].between(0, 1).all()
    assert (table["P(in)"].diff().dropna() <= 0).all()  # most likely first
    # candidates differ: not one probability for all
    assert table["P(in)"].max() - table["P(in)"].min() > 0.5


def test_force_panel_shows_why_candidates_are_in_or_out() -> None:
    import solara

    from tests.ui.conftest import widget_texts
    from viz.panels import Force

    m = AccordModel("ukraine-2025", rng=1)
    box, _ = solara.render(Force(m, 0), handle_error=False)
    assert not any("Why each candidate" in t for t in widget_texts(box))
    m.step()
    box, _ = solara.render(Force(m, 1), handle_error=False)
    assert any("Why each candidate is in or out" in t for t in widget_texts(box))
