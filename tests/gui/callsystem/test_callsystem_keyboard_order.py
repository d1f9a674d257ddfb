"""CallSystem with the keyboard alone, as a screen reader user walks it: Tab follows the reading
order (the filter bar, the New call form on the left, the list, the call's pane below it), Tab
leaves the list and the shortcut sheet, Enter in the list goes to the call's fields, and the list
entered by Tab reads a call rather than only "table with N rows"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from callsystem_gui.app import CallSystemHandle
from callsystem_gui.domain import CallDraft
from helpers.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab


def _walk(qtbot: QtBot, start: QWidget, key: Qt.Key, steps: int) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(start.hasFocus)
    return [start] + [press(qtbot, key) for _ in range(steps)]


def _names(widgets: list[QWidget]) -> list[str]:
    """What a screen reader calls each stop (and its class, to tell apart the two "Caller" fields)."""
    names = []
    for widget in widgets:
        interface = QAccessible.queryAccessibleInterface(widget)
        names.append(f"{interface.text(QAccessible.Text.Name)} ({type(widget).__name__})")
    return names


def _one_call_shown(qtbot: QtBot, handle: CallSystemHandle) -> int:
    call = handle.service.register(CallDraft(caller_name="Ana Souza", subject="Sem sinal"))
    handle.controller.reload()
    assert handle.window.select_call(call.id)
    qtbot.waitUntil(lambda: handle.window.detail.call is not None)
    return call.id


def test_tab_follows_the_reading_order_and_leaves_the_list(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    window, form, pane = handle.window, handle.window.form, handle.window.detail
    _one_call_shown(qtbot, handle)
    # A new call: Reopen, Assign (the operator's own), Save, Restore and the conflict's Reload
    # are off or hidden; the status bar's Undo is hidden.
    expected = [
        window.new_call_button,
        window.search,
        window.status_filter,
        window.priority_filter,
        window.operator_filter,
        window.mine_button,
        # The New call form, on the left: Clear stands left of Register call.
        form.caller_name,
        form.phone,
        form.subject,
        form.description,
        form.category,
        form.channel,
        form.urgency,
        form.impact,
        form.clear_button,
        form.register_button,
        # The list, then the call's pane below it: its actions, its fields, its timeline and note.
        window.table,
        pane.start_button,
        pane.wait_button,
        pane.resolve_button,
        pane.close_button,
        pane.assign_button,
        pane.delete_button,
        pane.caller_name,
        pane.phone,
        pane.subject,
        pane.description,
        pane.category,
        pane.channel,
        pane.urgency,
        pane.impact,
        pane.assignee,
        pane.timeline,
        pane.note_edit,
        pane.note_button,
    ]
    forward = _walk(qtbot, window.new_call_button, TAB, len(expected))
    assert _names(forward) == _names([*expected, expected[0]])
    assert forward == [*expected, expected[0]]
    backward = _walk(qtbot, window.new_call_button, BACKTAB, len(expected))
    assert backward == [expected[0], *reversed(expected)]
    # The scroll area around the pane's fields is no stop of its own (it was read as nothing).
    assert not any(isinstance(widget, QScrollArea) for widget in forward)


def test_enter_in_the_list_goes_to_the_calls_fields(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    window = handle.window
    call_id = _one_call_shown(qtbot, handle)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        window.focus_list()
        qtbot.waitUntil(window.table.hasFocus)
        assert press(qtbot, key) is window.detail.caller_name
        assert window.current_call_id == call_id  # the list keeps its row
    # With no call in the list, Enter stays there.
    window.search.setText("#999")
    window.apply_filter()
    window.focus_list()
    qtbot.waitUntil(window.table.hasFocus)
    assert press(qtbot, Qt.Key.Key_Return) is window.table


def test_the_list_entered_by_tab_reads_a_call(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    window = handle.window
    handle.service.register(CallDraft(caller_name="Ana Souza", subject="Sem sinal"))
    handle.service.register(CallDraft(caller_name="Bruno Lima", subject="Boleto"))
    handle.controller.reload()
    window.table.selectionModel().clearCurrentIndex()
    window.table.clearSelection()
    assert window.current_call_id is None and not window.table.currentIndex().isValid()

    window.form.register_button.setFocus()
    qtbot.waitUntil(window.form.register_button.hasFocus)
    assert press(qtbot, TAB) is window.table
    # A row is current, so the screen reader reads that call; the pane shows it.
    assert window.table.currentIndex().row() == 0
    shown = window.current_call_id
    assert shown is not None and shown == window.model.call_at(0).id
    qtbot.waitUntil(lambda: window.detail.call is not None and window.detail.call.id == shown)

    # Coming back to a list that has a current call keeps it.
    assert press(qtbot, TAB) is not window.table
    assert press(qtbot, BACKTAB) is window.table
    assert window.current_call_id == shown


def test_the_shortcut_sheet_is_named_and_tab_leaves_its_table(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    window = handle.window
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    qtbot.waitUntil(sheet.isVisible)
    table = sheet.table
    assert QAccessible.queryAccessibleInterface(table).text(QAccessible.Text.Name) == "Keyboard shortcuts"
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert ("Enter", "In the list: go to the call's fields below") in rows
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    close = sheet.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert isinstance(close, QPushButton)
    assert press(qtbot, TAB) is close
    assert press(qtbot, BACKTAB) is table
    sheet.close()


def test_the_operator_field_is_read_by_its_label(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    pane = handle.window.detail
    _one_call_shown(qtbot, handle)
    combo = QAccessible.queryAccessibleInterface(pane.assignee)
    labels = [label.text(QAccessible.Text.Name) for label, _ in combo.relations(QAccessible.RelationFlag.Label)]
    assert labels == ["Operator"]  # AT-SPI "labelled by": read "Operator editable combo box"
    edit = pane.assignee.lineEdit()
    assert edit is not None
    assert QAccessible.queryAccessibleInterface(edit).text(QAccessible.Text.Name) == "Assigned operator"
    # The form's and the pane's editable category fields are named after their labels too.
    for category in (handle.window.form.category, pane.category):
        line = category.lineEdit()
        assert line is not None and line.accessibleName() == "Category"
