"""The console's views hold: filters, sort, column widths and splitters come back after a restart;
the details pane is a readable, wrapped form with the JSON on demand, cleared when nothing is
selected or the filters are cleared; a chosen source lists only its types; the export dialog opens
in the documents folder; at 1024×700 and 1400×900 no combo box or chart title is cut and the
"Events by type" labels do not overlap."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFontMetrics, QTextOption
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from event_console.columns.layout import ENTITY, OPERATOR
from event_console.filters import EventFilter
from event_console.views.charts_panel import LABEL_ROW_PX
from event_console.views.export_controls import open_export_dialog
from event_console.views.main_window import ConsoleWindow
from helpers.console_window import FakeHistory, console_window, sample_envelope, show_events
from integrado.qt.i18n import install_translator, remove_translators
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CALL_TYPES = ("call.created", "call.status_changed", "call.note_added", "call.assigned", "call.closed")
TASK_TYPES = ("task.created", "task.completed", "task.moved", "task.updated")


def _fill(window: ConsoleWindow, history: FakeHistory, count: int = 60) -> list[dict[str, Any]]:
    now = time.time()
    types = CALL_TYPES + TASK_TYPES
    envelopes = [sample_envelope(i + 1, types[i % len(types)]) for i in range(count)]
    received = [now - 3600 + i * 30 for i in range(count)]
    show_events(window, history, envelopes, received, ["ana" if i % 2 else "bruno" for i in range(count)])
    window.show_history_loaded(count, count)
    return envelopes


def test_filters_sort_columns_and_splitters_come_back_after_a_restart(qtbot: QtBot, settings: Settings) -> None:
    window, controller, history = console_window(qtbot, settings)
    controller.load()
    _fill(window, history)
    window.resize(1400, 900)
    window.show()
    window.set_filter(EventFilter(sources=frozenset({"callsystem"}), types=frozenset({"call.created"}), text="Adriana"))
    window.filter_bar.set_recent_seconds(3600.0)
    window.table.sortByColumn(OPERATOR, Qt.SortOrder.AscendingOrder)
    window.table.setColumnWidth(ENTITY, 133)
    window.table_splitter.setSizes([900, 480])
    sizes = window.table_splitter.sizes()
    shown = window.model.rowCount()
    assert 0 < shown < 60
    controller.stop()
    window.close()

    again, controller2, history2 = console_window(qtbot, settings)
    _fill(again, history2)
    again.resize(1400, 900)
    again.show()
    controller2.load()
    flt = again.current_filter()
    assert (flt.sources, flt.types, flt.text) == (frozenset({"callsystem"}), frozenset({"call.created"}), "Adriana")
    assert again.filter_bar.recent_seconds() == 3600.0
    assert (again.model.sort_column, again.model.sort_descending) == (OPERATOR, False)
    assert again.table.horizontalHeader().sortIndicatorSection() == OPERATOR
    assert again.table.columnWidth(ENTITY) == 133
    # The splitter's proportions (the restored window's size may differ on this platform).
    restored = again.table_splitter.sizes()
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02
    assert again.model.rowCount() == shown


def test_details_are_a_wrapped_form_with_the_json_on_demand_and_clear_when_nothing_is_selected(
    qtbot: QtBot, settings: Settings
) -> None:
    window, _controller, history = console_window(qtbot, settings)
    envelopes = _fill(window, history)
    window.resize(1024, 700)
    window.show()
    pane = window.side_tabs.event_details
    assert pane.stack.currentWidget() is pane.placeholder

    row = next(r for r in range(window.model.rowCount()) if window.model.event_id_at(r) == envelopes[1]["event_id"])
    window.select_view_row(row)
    assert envelopes[1]["type"] == "call.status_changed"
    fields = dict(pane.fields)
    assert fields["Event"] == "Call status changed (call.status_changed)"
    assert fields["Operator"] == "ana" and fields["Status"] == "in progress"
    assert fields["Changed: status"] == "new → in progress"
    assert fields["subject"].startswith("Internet caiu")
    # A form, wrapped to the pane's width; the JSON only when asked for, wrapped too.
    assert pane.stack.currentWidget() is pane.form_area
    assert pane.form_area.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    assert pane.form_area.horizontalScrollBar().maximum() == 0
    assert "<img" not in pane.form_area.toHtml().replace("&lt;img", "")
    pane.json_toggle.setChecked(True)
    assert pane.stack.currentWidget() is window.details
    assert window.details.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert json.loads(window.details.toPlainText()) == envelopes[1]
    pane.json_toggle.setChecked(False)

    # "Clear filters" drops the selection: the pane no longer shows that event.
    window.set_filter(EventFilter(sources=frozenset({"callsystem"})))
    window.select_view_row(0)
    assert pane.fields
    window.clear_filters_button.click()
    assert pane.fields == [] and window.details.toPlainText() == ""
    assert pane.stack.currentWidget() is pane.placeholder
    # So does clearing the selection.
    window.select_view_row(0)
    assert pane.fields
    window.table.clearSelection()
    assert pane.fields == []


def test_choosing_a_source_lists_only_its_types(qtbot: QtBot, settings: Settings) -> None:
    window, _controller, history = console_window(qtbot, settings)
    _fill(window, history)
    combo = window.filter_bar.type_filter

    def offered() -> set[str]:
        return {combo.itemData(i) for i in range(1, combo.count())}

    assert offered() == set(CALL_TYPES + TASK_TYPES)
    source = window.filter_bar.source_filter
    source.setCurrentIndex(source.findData("taskmanager"))
    assert offered() == set(TASK_TYPES)
    # By the names people read, the code alongside as data.
    assert combo.itemText(combo.findData("task.completed")) == "Task completed"
    combo.setCurrentIndex(combo.findData("task.moved"))
    source.setCurrentIndex(source.findData("callsystem"))
    assert offered() == set(CALL_TYPES)
    assert combo.currentData() == ""  # a task type is not kept for calls
    assert window.model.current_filter.types == frozenset()


def test_the_export_dialog_opens_in_the_documents_folder(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documentos"
    documents.mkdir()
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{documents}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) == str(documents)
    window, _controller, _history = console_window(qtbot, settings)
    dialog = open_export_dialog(window, "csv", lambda _path: None)
    try:
        assert Path(dialog.directory().absolutePath()) == documents
    finally:
        dialog.reject()


@pytest.fixture
def portuguese(qapp: QApplication) -> Iterator[None]:
    install_translator(qapp, "pt_BR")
    yield
    remove_translators(qapp)
    qapp.sendPostedEvents()


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)])
def test_the_layout_holds_at_1024_by_700_and_1400_by_900(
    qtbot: QtBot, settings: Settings, portuguese: None, size: tuple[int, int]
) -> None:
    window, _controller, history = console_window(qtbot, settings)
    _fill(window, history)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.charts.refresh()
    qtbot.wait(50)  # the charts fit their titles once the grid has laid them out
    assert (window.width(), window.height()) == size

    for combo in window.findChildren(QComboBox):
        if combo.isVisibleTo(window) and not combo.isEditable():
            text = combo.currentText()
            needed = QFontMetrics(combo.font()).horizontalAdvance(text)
            assert needed + 20 <= combo.width(), (text, combo.width())

    for view in window.charts.views:
        title = view.getPlotItem().titleLabel
        assert title.item.boundingRect().width() <= view.width() - 20, (title.text, view.width())
    # An entity chip appears in the search part: the lines are arranged again, nothing sticks out.
    window.filter_bar.set_entity(window.model.cols.text("entity", 0))
    qtbot.wait(20)
    for part in window.filter_row.parts:
        assert part.geometry().right() < window.filter_row.width(), part
    by_type = window.charts.by_type
    labels = by_type.getAxis("left")._tickLevels[0]
    assert len(labels) >= 3
    assert len(labels) * LABEL_ROW_PX <= by_type.getViewBox().height() + LABEL_ROW_PX / 2
