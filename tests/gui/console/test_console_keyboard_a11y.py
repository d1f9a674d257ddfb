"""The Event Console with the keyboard alone and a screen reader: Tab leaves the event table and
follows the reading order (toolbar, filters, table, details, charts), Enter in the table goes to
the event's fields, which take the focus, are named and are read line by line with the arrows;
each chart is named by its title and describes its figures in words; Follow newest and Clear
view have keys and View menu entries, and what the live controls' keys did is announced; F1
lists the console's keys."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.views.main_window import ConsoleWindow
from helpers.console_window import FakeHistory, console_window, sample_envelope, show_events
from helpers.fixtures import QLoop
from helpers.keyboard import press
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
TYPES = ("call.created", "call.status_changed", "call.created", "task.completed")


def _add_events(window: ConsoleWindow, history: FakeHistory, count: int, first: int = 1) -> None:
    """`count` events from number `first`, one every 5 s up to now, each 250 ms in transit."""
    now = time.time()
    numbers = range(first, first + count)
    envelopes = [sample_envelope(i, TYPES[i % len(TYPES)], status="new") for i in numbers]
    show_events(
        window, history, envelopes, [now - 5 * (first + count - i) for i in numbers], ["ana"] * count, latency=0.25
    )


@pytest.fixture
def console(qtbot: QtBot, settings: Settings) -> Iterator[ConsoleWindow]:
    """A console window with 12 events, shown and active, the first event current."""
    window, controller, history = console_window(qtbot, settings)
    window.history = history  # type: ignore[attr-defined]
    _add_events(window, history, 12)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.select_view_row(0)
    yield window
    controller.stop()


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _reading_order(window: ConsoleWindow) -> list[QWidget]:
    bar, presets, pane = window.filter_bar, window.preset_bar, window.side_tabs.event_details
    return [
        window.range_combo,
        window.export_button,
        bar.source_filter,
        bar.type_filter,
        bar.operator_filter,
        bar.recent_filter,
        bar.text_filter,
        bar.clear_filters_button,
        presets.combo,
        presets.save_button,
        presets.delete_button,
        window.table,
        window.side_tabs.tabBar(),
        pane.form_area,
        pane.json_toggle,
        *window.charts.views,
    ]


def _name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_tab_leaves_the_table_and_follows_the_reading_order(qtbot: QtBot, console: ConsoleWindow) -> None:
    window = console
    expected = _reading_order(window)
    assert window.table.objectName() == "eventTable"
    assert len(window.charts.views) == 6

    _focus(qtbot, window.range_combo)
    forward = [window.range_combo] + [press(qtbot, TAB) for _ in range(len(expected))]
    assert forward == [*expected, window.range_combo], [_name(w) or type(w).__name__ for w in forward]

    _focus(qtbot, window.range_combo)
    backward = [window.range_combo] + [press(qtbot, BACKTAB) for _ in range(len(expected))]
    assert backward == [window.range_combo, *reversed(expected)]

    # From the table: Tab and Shift+Tab leave it, as do Ctrl+Tab and Ctrl+Shift+Tab; the
    # arrows move in it.
    for key, modifiers, goes_to in (
        (TAB, Qt.KeyboardModifier.NoModifier, window.side_tabs.tabBar()),
        (BACKTAB, SHIFT, window.preset_bar.delete_button),
        (TAB, CTRL, window.side_tabs.tabBar()),
        (BACKTAB, CTRL | SHIFT, window.preset_bar.delete_button),
    ):
        _focus(qtbot, window.table)
        assert press(qtbot, key, modifiers) is goes_to, (key, modifiers)
    _focus(qtbot, window.table)
    row = window.table.currentIndex().row()
    assert press(qtbot, Qt.Key.Key_Down) is window.table
    assert window.table.currentIndex().row() == row + 1


def test_the_charts_come_in_the_tab_order_once_they_are_created_later(qtbot: QtBot) -> None:
    window = ConsoleWindow(None, RejectionCountModel(), lazy_charts=True)
    qtbot.addWidget(window)
    window.charts.timer.stop()
    window.attach_model(EventTableModel(window))
    window.show()
    qtbot.waitExposed(window)
    window.charts.create_plots_later()
    qtbot.waitUntil(lambda: window.charts.plots_shown)
    stops = window.tab_order()
    assert stops[-6:] == window.charts.views
    # The focus chain holds the stops in the order listed, the plots made after the window too.
    chain, widget = [], stops[0]
    while True:
        if widget in stops and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is stops[0]:
            break
    assert chain == stops


def test_enter_in_the_table_goes_to_the_event_fields(qtbot: QtBot, console: ConsoleWindow) -> None:
    window = console
    pane = window.side_tabs.event_details
    assert "Enter" in window.table.accessibleDescription()
    window.select_view_row(2)
    shown = window.model.event_id_at(2)
    _focus(qtbot, window.table)
    assert press(qtbot, Qt.Key.Key_Return) is pane.form_area
    assert window.table.currentIndex().row() == 2  # the table keeps its row
    assert shown in pane.form_area.toPlainText()

    # From another page of the panes, and with the JSON shown: to what shows the event.
    pane.json_toggle.setChecked(True)
    window.side_tabs.setCurrentWidget(window.gaps_log)
    _focus(qtbot, window.table)
    assert press(qtbot, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier) is pane.json
    assert window.side_tabs.currentWidget() is pane
    pane.json_toggle.setChecked(False)

    # No current event: Enter leaves the focus where it is.
    window.table.clearSelection()
    window.table.setCurrentIndex(window.model.index(-1, -1))
    _focus(qtbot, window.table)
    assert press(qtbot, Qt.Key.Key_Return) is window.table


def test_the_event_fields_take_the_focus_are_named_and_read_line_by_line(qtbot: QtBot, console: ConsoleWindow) -> None:
    window = console
    fields = window.side_tabs.event_details.form_area
    labels = [label for label, _value in window.side_tabs.event_details.fields]
    assert labels[:2] == ["Event", "When"]
    assert fields.focusPolicy() & Qt.FocusPolicy.TabFocus and fields.focusPolicy() & Qt.FocusPolicy.ClickFocus
    interface = QAccessible.queryAccessibleInterface(fields)
    # A read-only text with a caret (AT-SPI "text"), not static text (read "label" by Orca).
    assert interface.role() == QAccessible.Role.EditableText
    assert interface.state().readOnly and interface.state().focusable
    assert interface.text(QAccessible.Text.Name) == "Event fields"
    assert interface.text(QAccessible.Text.Description)

    _focus(qtbot, fields)
    text = interface.textInterface()
    assert text is not None and text.cursorPosition() == 0

    def line_at_caret() -> str:
        """The line of the accessible text the caret is on (what a screen reader reads there)."""
        whole = text.text(0, text.characterCount()).replace("\u2029", "\n")
        at = text.cursorPosition()
        return whole[whole.rfind("\n", 0, at) + 1 : (whole + "\n").index("\n", at)].strip()

    assert line_at_caret() == "Event"
    read = [line_at_caret()]
    for _ in range(6):
        assert press(qtbot, Qt.Key.Key_Down) is fields
        read.append(line_at_caret())
    # Each field's name, then its value, one line each (the values here fit a line).
    assert read[:4] == ["Event", "Call opened (call.created)", "When", window.side_tabs.event_details.fields[1][1]]
    # Tab goes on to "Show the JSON": the fields keep no tab character.
    assert press(qtbot, TAB) is window.side_tabs.event_details.json_toggle


def test_each_chart_is_named_by_its_title_and_describes_its_figures(qtbot: QtBot, console: ConsoleWindow) -> None:
    window = console
    charts = window.charts
    titles = [
        "Events per minute, by source",
        "Events by type",
        "Latency (ms): median and p95",
        "Open calls by status",
        "Calls opened vs closed per hour",
        "Tasks completed per hour",
    ]
    assert [_name(view) for view in charts.views] == titles

    charts.refresh()
    described = [QAccessible.queryAccessibleInterface(view).text(QAccessible.Text.Description) for view in charts.views]
    assert described == charts.descriptions()
    per_minute, by_type, latency, open_calls, calls_hourly, tasks_hourly = described
    # 12 events, one every 5 s up to now: 3 types, calls opened, one status change, tasks done.
    assert per_minute.startswith("12 events in the last 60 minutes (CallSystem 9, TaskManager 3); ")
    assert by_type == "Call opened 6, Call status changed 3, Task completed 3"
    assert latency == "Median 250 ms, p95 250 ms in the last 60 minutes"
    assert open_calls == "new 9"
    assert calls_hourly.startswith("Last 24 hours: 6 opened, 0 closed; ")
    assert tasks_hourly.startswith("Last 24 hours: 3 completed; ")

    # Redrawn: the figures follow.
    _add_events(window, window.history, 4, first=13)  # type: ignore[attr-defined]
    charts.refresh()
    assert charts.descriptions()[1] == "Call opened 8, Call status changed 4, Task completed 4"


def test_the_charts_are_named_before_they_are_laid_out(qtbot: QtBot) -> None:
    window = ConsoleWindow(EventTableModel(), RejectionCountModel())
    qtbot.addWidget(window)
    window.charts.timer.stop()
    # Never shown: no tooltip yet, which is all a screen reader had to go on before.
    assert all(not view.toolTip() for view in window.charts.views)
    assert all(_name(view) for view in window.charts.views)
    assert all(view.accessibleDescription() for view in window.charts.views)
    # Drawn with no event: each says so in words.
    window.charts.refresh()
    assert window.charts.descriptions() == [
        "No events in the last 60 minutes",
        "No events",
        "No latency measured in the last 60 minutes",
        "No open calls",
        "Last 24 hours: 0 opened, 0 closed; latest hour: 0 opened, 0 closed",
        "Last 24 hours: 0 completed; latest hour: 0",
    ]


def _menu(window: ConsoleWindow, name: str) -> QMenu:
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    found = [m for m in menus if m is not None and m.objectName() == name]
    assert len(found) == 1, [m.title() for m in menus if m is not None]
    return found[0]


def test_follow_newest_and_clear_view_have_keys_and_view_menu_entries(
    qtbot: QtBot, console: ConsoleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from event_console.views import main_window

    window = console
    spoken: list[str] = []
    monkeypatch.setattr(main_window, "announce", lambda _widget, text, urgent=False: spoken.append(text))
    assert window.follow_action.shortcut() == QKeySequence("F7")
    assert window.clear_action.shortcut() == QKeySequence("Ctrl+Shift+K")
    view = _menu(window, "viewMenu")
    assert {window.pause_action, window.follow_action, window.clear_action} <= set(view.actions())

    _focus(qtbot, window.table)
    assert window.follow_action.isChecked()
    press(qtbot, Qt.Key.Key_F7)
    assert not window.follow_action.isChecked()
    press(qtbot, Qt.Key.Key_F7)
    assert window.follow_action.isChecked()
    press(qtbot, Qt.Key.Key_F8)
    assert window.model.paused
    press(qtbot, Qt.Key.Key_F8)
    # What each key did is said (a toolbar button's state is only seen).
    assert spoken == [
        "Not following the newest event: the rows you read stay put",
        "Following the newest event",
        "Paused: events are received and stored, not shown",
        "Resumed: the table shows the events again",
    ]
    # Ctrl+Shift+K clears the view, from the search field too (it has no use for the key).
    _focus(qtbot, window.text_filter)
    assert window.model.rowCount() == 12
    press(qtbot, Qt.Key.Key_K, CTRL | SHIFT)
    assert window.model.rowCount() == 0
    assert spoken[-1] == "View cleared; the history stays in the database"

    # Ctrl+F and Ctrl+L: to the search field and back to the table.
    _focus(qtbot, window.charts.views[0])
    assert press(qtbot, Qt.Key.Key_F, CTRL) is window.text_filter
    assert press(qtbot, Qt.Key.Key_L, CTRL) is window.table


def test_the_whole_console_has_one_view_menu_and_f1_lists_its_keys_once_each(
    qtbot: QtBot, qloop: QLoop, settings: Settings
) -> None:
    from event_console.app import build

    handle = build(settings)
    window = handle.window
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        titles = [a.text() for a in window.menuBar().actions()]
        assert [t.replace("&", "") for t in titles] == ["File", "View", "Help"]
        # The desk put the wallboard and alerts in the window's View menu.
        view = [a.text().replace("&", "") for a in _menu(window, "viewMenu").actions() if not a.isSeparator()]
        assert view[:5] == ["Pause", "Follow newest", "Clear view", "Search events", "Go to the events"]
        assert {"Wallboard", "Alerts"} <= set(view)

        press(qtbot, Qt.Key.Key_F1)
        sheet = window.shortcut_sheet
        assert sheet is not None
        qtbot.waitUntil(sheet.isVisible)
        table = sheet.table
        rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
        keys = {action: keys for keys, action in rows}
        assert keys["Pause"] == "F8" and keys["Follow newest"] == "F7" and keys["Clear view"] == "Ctrl+Shift+K"
        assert keys["Wallboard"] == "F11" and keys["Alerts"] == "F9" and keys["Quit"] == "Ctrl+Q"
        assert keys["Search events"] == "Ctrl+F" and keys["Go to the events"] == "Ctrl+L"
        assert keys["Keyboard shortcuts"] == "F1"
        assert keys["In the table: go to the event's details"] == "Enter"
        # No key does two things.
        bound = [k for k, _ in rows if k not in ("Tab, Shift+Tab", "Enter", "↑, ↓")]
        assert len(bound) == len(set(bound)), rows
        sheet.close()
    finally:
        if handle.desk is not None:
            qloop.run(handle.desk.stop())
        handle.controller.stop()
        window.charts.timer.stop()
        handle.store.engine.dispose()
