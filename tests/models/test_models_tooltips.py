"""Tooltips show event and call text exactly as typed: text that looks like markup is escaped,
never rendered (no bold, no image loaded)."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from callsystem_gui.domain import CallSummary, Priority, Status
from callsystem_gui.models.call_table import CallFilter, CallTableModel, Column
from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from helpers.console_rows import make_rows

HOSTILE = ["<b>x</b>", '<img src="http://example.invalid/a.png">', "a < b & c > d", "<qt>rich</qt>"]
TOOLTIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture(autouse=True)
def _qapp(qapp: QApplication) -> QApplication:
    return qapp


def shown(tooltip: str) -> tuple[str, bool]:
    """What Qt shows for a tooltip, and whether it would load or format anything."""
    document = QTextDocument()
    document.setHtml(tooltip) if QtGuiNamespace.mightBeRichText(tooltip) else document.setPlainText(tooltip)
    rendered = document.toHtml()
    return document.toPlainText(), "<img" in rendered or "font-weight:700" in rendered


@pytest.mark.parametrize("text", HOSTILE)
def test_event_table_tooltips_show_event_text_as_typed(text: str) -> None:
    model = EventTableModel()
    rows = make_rows(3)
    rows[0] = dataclasses.replace(rows[0], user=text, summary=text)
    model.append_rows(rows)
    tooltips = [
        model.data(model.index(r, c), TOOLTIP) for r in range(model.rowCount()) for c in range(model.columnCount())
    ]
    ours = [t for t in tooltips if t and shown(t)[0] == text]
    assert ours, "the text shows as typed in some tooltip"
    assert not any(shown(t)[1] for t in tooltips if t)


@pytest.mark.parametrize("text", HOSTILE)
def test_call_table_subject_tooltip_shows_it_as_typed(text: str) -> None:
    now = time.time()
    model = CallTableModel(clock=lambda: now)
    model.set_filter(CallFilter(statuses=None))
    model.set_calls(
        [
            CallSummary(
                id=1, caller_name="Maria", phone="", phone_digits="", subject=text, category="Rede",
                status=Status.NEW, priority=Priority.MEDIUM, assignee="ana", created_at=now, updated_at=now,
                sla_due_at=now + 600, sla_stopped_at=None, deleted=False, version=1,
            )
        ]
    )  # fmt: skip
    tooltip = model.data(model.index(0, int(Column.SUBJECT)), TOOLTIP)
    assert shown(tooltip) == (text, False)


@pytest.mark.parametrize("text", HOSTILE)
def test_rejection_tooltips_show_the_hostile_detail_as_typed(text: str) -> None:
    model = RejectionCountModel()
    model.add([dataclasses.make_dataclass("Rejection", ["reason", "detail"])("bad_json", text)])
    tooltip = model.data(model.index(0, 2), TOOLTIP)
    assert shown(tooltip) == (text, False)
    assert model.data(model.index(0, 2)) == text
