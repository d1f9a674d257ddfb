"""The real window, driven like an operator does: typing, keys and clicks, checked in the database
and in the queued outbox events."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from callsystem_gui.app import CallSystemHandle, prefs
from callsystem_gui.domain import CallDraft, Level, Priority, Status
from callsystem_gui.models.call_table import Column
from callsystem_gui.tables import CallRow, NoteRow
from integrado.settings import Settings
from integrado.states import ConnectionState

# The offscreen platform cannot resize windows for dock widgets and says so; not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _events(handle: CallSystemHandle) -> list[dict]:
    table = handle.pipeline.outbox.table
    with handle.pipeline.engine.connect() as conn:
        return [json.loads(p) for p in conn.execute(select(table.c.payload).order_by(table.c.seq)).scalars()]


def _call_count(handle: CallSystemHandle) -> int:
    with handle.pipeline.session_factory() as s:
        return s.scalar(select(func.count()).select_from(CallRow))


def _register(handle: CallSystemHandle, name: str, *, urgency: Level, impact: Level) -> None:
    """A call registered through the window's service, shown in its list."""
    handle.service.register(CallDraft(caller_name=name, subject="Sem sinal", urgency=urgency, impact=impact))
    handle.controller.reload()


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """qtbot.keyClicks for any text: QTest only maps ASCII to keys, so other characters are sent
    as key events carrying the text, as an input method does."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _key(
    qtbot: QtBot, handle: CallSystemHandle, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press as the operator makes it: to whatever has the focus."""
    target = QApplication.focusWidget() or handle.window
    qtbot.keyClick(target, key, modifiers)


def _fill_form(
    qtbot: QtBot,
    handle: CallSystemHandle,
    name: str = "Maria Souza",
    phone: str = "(51) 9999-0000",
    subject: str = "Internet caiu no escritório",
) -> None:
    form = handle.window.form
    _key(qtbot, handle, Qt.Key.Key_N, CTRL)
    assert form.caller_name.hasFocus()
    _type(qtbot, form.caller_name, name)
    qtbot.keyClick(form.caller_name, Qt.Key.Key_Tab)
    assert form.phone.hasFocus()
    _type(qtbot, form.phone, phone)
    qtbot.keyClick(form.phone, Qt.Key.Key_Return)  # Enter moves on, it does not submit half a form
    assert form.subject.hasFocus()
    _type(qtbot, form.subject, subject)


def test_register_by_keyboard_then_whole_lifecycle(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window("ana")
    window, form, pane = handle.window, handle.window.form, handle.window.detail

    _fill_form(qtbot, handle)
    _type(qtbot, form.description, "Sem conexão desde as 8h 😕")
    form.urgency.setFocus()
    qtbot.keyClick(form.urgency, Qt.Key.Key_Down)  # medium -> high
    assert form.priority.text() == "High"
    _key(qtbot, handle, Qt.Key.Key_Return, CTRL)

    assert _call_count(handle) == 1
    assert form.caller_name.text() == "" and form.caller_name.hasFocus()  # ready for the next call
    assert window.model.rowCount() == 1
    assert window.current_call_id == 1
    assert pane.title.text() == "#1  Internet caiu no escritório"
    created = _events(handle)[0]
    assert (created["type"], created["cliente"], created["status"]) == ("call.created", "Maria Souza", "pendente")
    assert created["data"]["priority"] == "high"
    assert created["descricao"] == "Sem conexão desde as 8h 😕"

    # Lifecycle with the keyboard (and one click), from the list.
    window.focus_list()
    _key(qtbot, handle, Qt.Key.Key_1, CTRL)
    assert handle.service.get(1).status == Status.IN_PROGRESS
    _key(qtbot, handle, Qt.Key.Key_2, CTRL)
    assert handle.service.get(1).status == Status.WAITING
    assert pane.sla_label.text().startswith("paused")
    qtbot.mouseClick(pane.resolve_button, Qt.MouseButton.LeftButton)
    assert handle.service.get(1).status == Status.RESOLVED

    # Closing asks for a resolution; OK is refused while it is empty.
    _key(qtbot, handle, Qt.Key.Key_4, CTRL)
    dialog = handle.controller.pending_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    _type(qtbot, dialog.text, "Roteador reiniciado pelo cliente")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    call = handle.service.get(1)
    assert call.status == Status.CLOSED and call.resolution == "Roteador reiniciado pelo cliente"
    # A call closed here stays in view (with its new status) until the filter changes.
    assert window.model.row_of(1) is not None and window.current_call_id == 1

    window.status_filter.setCurrentIndex(window.status_filter.findData("all"))
    window.select_call(1)
    _key(qtbot, handle, Qt.Key.Key_R, CTRL | SHIFT)
    assert handle.service.get(1).status == Status.IN_PROGRESS

    # A note, typed in the note box and sent with Ctrl+Enter.
    _key(qtbot, handle, Qt.Key.Key_N, CTRL | SHIFT)
    assert pane.note_edit.hasFocus()
    _type(qtbot, pane.note_edit, "Cliente pediu retorno às 14h")
    qtbot.keyClick(pane.note_edit, Qt.Key.Key_Return, CTRL)
    with handle.pipeline.session_factory() as s:
        assert s.scalars(select(NoteRow.text)).all() == ["Cliente pediu retorno às 14h"]
    assert pane.note_edit.toPlainText() == ""
    assert "Cliente pediu retorno às 14h" in pane.timeline.item(pane.timeline.count() - 1).text()

    types = [e["type"] for e in _events(handle)]
    assert types == [
        "call.created",
        "call.status_changed",
        "call.status_changed",
        "call.status_changed",
        "call.closed",
        "call.reopened",
        "call.note_added",
    ]
    assert [e["changes"]["status"] for e in _events(handle)[1:6]] == [
        ["new", "in_progress"],
        ["in_progress", "waiting"],
        ["waiting", "resolved"],
        ["resolved", "closed"],
        ["closed", "in_progress"],
    ]


def test_delete_asks_first_and_can_be_undone(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    window = handle.window
    _fill_form(qtbot, handle)
    _key(qtbot, handle, Qt.Key.Key_Return, CTRL)
    window.focus_list()

    # "No" keeps the call.
    _key(qtbot, handle, Qt.Key.Key_Delete, CTRL)
    box = handle.controller.pending_dialog
    assert isinstance(box, QMessageBox) and "#1" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert not handle.service.get(1).deleted

    qtbot.mouseClick(window.detail.delete_button, Qt.MouseButton.LeftButton)
    box = handle.controller.pending_dialog
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert handle.service.get(1).deleted
    assert window.model.rowCount() == 0
    assert window.undo_button.isVisible()

    window.focus_list()
    _key(qtbot, handle, Qt.Key.Key_Z, CTRL)
    assert not handle.service.get(1).deleted
    assert window.model.row_of(1) is not None
    assert not window.undo_button.isVisible()
    assert [e["type"] for e in _events(handle)][-2:] == ["call.deleted", "call.restored"]


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    form = handle.window.form

    _key(qtbot, handle, Qt.Key.Key_N, CTRL)
    _type(qtbot, form.subject, "Sem nome")
    _key(qtbot, handle, Qt.Key.Key_Return, CTRL)
    assert form.errors.message("caller_name") == "Caller is required."
    assert form.caller_name.hasFocus()

    _type(qtbot, form.caller_name, "Carlos Lima")
    _type(qtbot, form.phone, "51 9999-ABCD")
    qtbot.mouseClick(form.register_button, Qt.MouseButton.LeftButton)
    assert form.errors.message("phone").startswith("Phone may only contain digits")
    assert form.errors.message("caller_name") == ""

    form.phone.clear()
    form.subject.setText("x" * 10_000)
    qtbot.mouseClick(form.register_button, Qt.MouseButton.LeftButton)
    assert "at most 200" in form.errors.message("subject")

    form.subject.setText("abc\u202etxt.exe")
    qtbot.mouseClick(form.register_button, Qt.MouseButton.LeftButton)
    assert "control" in form.errors.message("subject")

    assert _call_count(handle) == 0
    assert _events(handle) == []

    # Emoji and markup are fine, and are shown as plain text.
    form.subject.setText("<b>Impressora</b> 🖨️ quebrou")
    qtbot.mouseClick(form.register_button, Qt.MouseButton.LeftButton)
    assert _call_count(handle) == 1
    assert handle.window.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert handle.window.detail.title.text() == "#1  <b>Impressora</b> 🖨️ quebrou"


def test_repeat_caller_shown_while_typing_the_phone(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    form = handle.window.form
    _fill_form(qtbot, handle, phone="(51) 9999-0000")
    _key(qtbot, handle, Qt.Key.Key_Return, CTRL)
    assert not form.repeat_list.isVisible()

    _type(qtbot, form.caller_name, "Outra Pessoa")
    _type(qtbot, form.phone, "51 99990000")
    qtbot.waitUntil(lambda: form.repeat_list.count() == 1)
    assert form.repeat_list.isVisible()
    assert "Internet caiu no escritório" in form.repeat_list.item(0).text()
    assert "1 open call" in form.repeat_label.text()


def test_search_filters_and_my_calls(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window("ana")
    window = handle.window
    for name, phone in (("Maria Souza", "(51) 9999-0000"), ("João Pereira", "(11) 98888-7777")):
        _fill_form(qtbot, handle, name=name, phone=phone)
        _key(qtbot, handle, Qt.Key.Key_Return, CTRL)
    other = handle.service
    other.operator = "bruno"
    other.register(type(window.form.draft())(caller_name="Pedro Lima", subject="Ramal mudo"))
    other.operator = "ana"
    handle.controller.reload()
    assert window.model.rowCount() == 3

    _key(qtbot, handle, Qt.Key.Key_F, CTRL)
    assert window.search.hasFocus()
    _type(qtbot, window.search, "joao")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.call_at(0).caller_name == "João Pereira"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # Enter: to the results, first one selected
    assert window.table.hasFocus()
    assert handle.window.detail.call.caller_name == "João Pereira"
    _key(qtbot, handle, Qt.Key.Key_F, CTRL)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)  # Esc empties the search
    assert window.search.text() == ""
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)

    _key(qtbot, handle, Qt.Key.Key_M, CTRL)
    assert window.mine_button.isChecked()
    assert sorted(window.model.call_at(r).caller_name for r in range(window.model.rowCount())) == [
        "João Pereira",
        "Maria Souza",
    ]
    _key(qtbot, handle, Qt.Key.Key_M, CTRL)
    assert window.model.rowCount() == 3

    # Next / previous call from anywhere.
    window.select_row(0)
    first = window.current_call_id
    _key(qtbot, handle, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_call_id != first
    _key(qtbot, handle, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current_call_id == first


def test_draft_survives_a_crash(qtbot: QtBot, open_window: Callable[..., CallSystemHandle], settings: Settings) -> None:
    handle = open_window()
    _fill_form(qtbot, handle, name="Fernanda Lima", subject="Boleto com valor errado")
    draft_file = settings.data_dir / "callsystem-draft.json"
    qtbot.waitUntil(lambda: draft_file.exists() and "Boleto" in draft_file.read_text(encoding="utf-8"))
    # No orderly shutdown: a second window on the same profile finds the draft.
    again = open_window()
    form = again.window.form
    assert form.caller_name.text() == "Fernanda Lima"
    assert form.subject.text() == "Boleto com valor errado"
    assert "restored" in form.draft_label.text()
    _key(qtbot, again, Qt.Key.Key_N, CTRL)
    _key(qtbot, again, Qt.Key.Key_Return, CTRL)
    assert not draft_file.exists()


def test_columns_and_sort_order_are_remembered(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    window = handle.window
    header = window.table.horizontalHeader()
    header.moveSection(header.visualIndex(Column.PHONE), 0)
    header.resizeSection(Column.SUBJECT, 333)
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.viewport().rect().center().__class__(header.sectionViewportPosition(Column.PRIORITY) + 10, 5),
    )
    assert window.model.sort_column == Column.PRIORITY
    # Higher priority = more important: the first click shows critical calls first.
    assert window.model.sort_order == Qt.SortOrder.DescendingOrder
    window.close()

    again = open_window().window
    header2 = again.table.horizontalHeader()
    assert header2.visualIndex(Column.PHONE) == 0
    assert header2.sectionSize(Column.SUBJECT) == 333
    assert again.model.sort_column == Column.PRIORITY
    assert again.model.sort_order == Qt.SortOrder.DescendingOrder


def test_a_priority_sort_saved_on_the_old_scale_still_shows_critical_first(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle], settings: Settings
) -> None:
    handle = open_window()
    _register(handle, "Maria Souza", urgency=Level.LOW, impact=Level.LOW)
    _register(handle, "João Pereira", urgency=Level.HIGH, impact=Level.HIGH)
    handle.window.sort_by(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    handle.window.close()
    # What the release that stored 1 = critical wrote for "critical first": ascending, no scale key.
    store = prefs(settings)
    store.setValue("table/sort_order", 0)
    store.remove("table/priority_scale")
    store.sync()

    window = open_window().window

    assert window.model.sort_column == Column.PRIORITY
    assert window.model.sort_order == Qt.SortOrder.DescendingOrder
    assert window.model.call_at(0).priority == Priority.CRITICAL


def test_f1_lists_the_shortcuts(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    _key(qtbot, handle, Qt.Key.Key_F1)
    sheet = handle.window.shortcut_sheet
    assert sheet.isVisible()
    rows = {sheet.table.item(r, 1).text(): sheet.table.item(r, 0).text() for r in range(sheet.table.rowCount())}
    assert rows["New call"] == "Ctrl+N"
    assert rows["Close call…"] == "Ctrl+4"
    assert "Search" in rows
    sheet.close()


def test_stale_save_gets_a_conflict_message_not_an_overwrite(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    ana = open_window("ana")
    _fill_form(qtbot, ana)
    _key(qtbot, ana, Qt.Key.Key_Return, CTRL)
    bruno = open_window("bruno")  # same database: another operator's PC on a shared server
    bruno.window.select_call(1)
    assert bruno.window.detail.call.version == 1

    # Ana edits the subject and saves.
    ana.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ana.window)
    ana.window.detail.subject.setFocus()
    ana.window.detail.subject.selectAll()
    _type(qtbot, ana.window.detail.subject, "Internet lenta")
    _key(qtbot, ana, Qt.Key.Key_S, CTRL)
    assert ana.service.get(1).subject == "Internet lenta"

    # Bruno, still on version 1, edits the same call and saves: refused with a clear message.
    bruno.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is bruno.window)
    bruno.window.detail.subject.setFocus()
    bruno.window.detail.subject.selectAll()
    _type(qtbot, bruno.window.detail.subject, "Sem internet")
    qtbot.mouseClick(bruno.window.detail.save_button, Qt.MouseButton.LeftButton)
    assert bruno.window.detail.banner.isVisible()
    assert "ana changed call #1" in bruno.window.detail.banner_text.text()
    assert bruno.window.detail.subject.text() == "Sem internet"  # his edit is not thrown away
    assert ana.service.get(1).subject == "Internet lenta"
    # Reload shows the current version; then his change goes through.
    qtbot.mouseClick(bruno.window.detail.banner_reload, Qt.MouseButton.LeftButton)
    assert bruno.window.detail.subject.text() == "Internet lenta"
    assert not bruno.window.detail.banner.isVisible()
    _key(qtbot, bruno, Qt.Key.Key_1, CTRL)
    assert bruno.service.get(1).status == Status.IN_PROGRESS
    assert [e["type"] for e in _events(ana)] == ["call.created", "call.updated", "call.status_changed"]


def test_without_live_updates_the_list_asks_the_database(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    ana = open_window("ana")
    bruno = open_window("bruno")
    _fill_form(qtbot, bruno, name="Pedro Lima", phone="(21) 97777-1111", subject="Ramal mudo")
    _key(qtbot, bruno, Qt.Key.Key_Return, CTRL)
    assert ana.window.model.row_of(1) is None  # no Redis here: nothing told Ana's list
    assert ana.controller.live_state != ConnectionState.LIVE
    assert ana.controller.poll_changes() == 1
    assert ana.window.model.get(1).caller_name == "Pedro Lima"
    assert ana.controller.poll_changes() == 0  # nothing new: nothing repainted
    # A note (no version bump) is picked up too, through updated_at.
    bruno.service.add_note(1, "Retornar após o almoço")
    assert ana.controller.poll_changes() == 1


def test_assign_to_another_operator_and_back_to_me(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window("ana")
    pane = handle.window.detail
    _fill_form(qtbot, handle)
    _key(qtbot, handle, Qt.Key.Key_Return, CTRL)
    assert pane.assignee.currentText() == "ana"
    assert not pane.assign_to_button.isEnabled()
    pane.assignee.setFocus()
    pane.assignee.lineEdit().selectAll()
    _type(qtbot, pane.assignee.lineEdit(), "bruno.lima")
    qtbot.keyClick(pane.assignee.lineEdit(), Qt.Key.Key_Return)
    assert handle.service.get(1).assignee == "bruno.lima"
    assert handle.window.operator_filter.findData("bruno.lima") >= 0  # now a known operator
    assert _events(handle)[-1]["changes"] == {"assignee": ["ana", "bruno.lima"]}
    handle.window.focus_list()
    _key(qtbot, handle, Qt.Key.Key_A, CTRL | SHIFT)
    assert handle.service.get(1).assignee == "ana"
    assert "assigned to you" in handle.controller.last_message


def test_a_status_change_keeps_unsaved_edits_and_they_save_afterwards(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    pane = handle.window.detail
    _fill_form(qtbot, handle)
    _key(qtbot, handle, Qt.Key.Key_Return, CTRL)
    pane.subject.setFocus()
    pane.subject.selectAll()
    _type(qtbot, pane.subject, "Internet lenta")
    assert pane.save_button.isEnabled()
    qtbot.mouseClick(pane.start_button, Qt.MouseButton.LeftButton)
    assert pane.subject.text() == "Internet lenta" and pane.dirty
    assert pane.status_chip.text() == "In progress"
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    call = handle.service.get(1)
    assert (call.subject, call.status) == ("Internet lenta", Status.IN_PROGRESS)
    assert not pane.dirty and not pane.banner.isVisible()


def test_a_header_sort_sorts_the_model_once(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    sorts = []
    model = handle.window.model
    original = model.sort
    model.sort = lambda column, order=Qt.SortOrder.AscendingOrder: (sorts.append(column), original(column, order))
    handle.window.sort_by(Column.PRIORITY, Qt.SortOrder.AscendingOrder)
    handle.window.sort_by(Column.PRIORITY, Qt.SortOrder.AscendingOrder)  # same again: re-sort (SLA keys move)
    assert sorts == [Column.PRIORITY, Column.PRIORITY]
    assert model.sort_column == Column.PRIORITY


def test_deleted_calls_wait_in_the_bin_and_can_be_restored_later(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    window, pane = handle.window, handle.window.detail
    _fill_form(qtbot, handle)
    _key(qtbot, handle, Qt.Key.Key_Return, CTRL)
    handle.controller.delete_call(1, handle.service.get(1).version)
    handle.controller._forget_undo()  # the 30 s undo window has passed
    assert not window.undo_button.isVisible()
    window.status_filter.setCurrentIndex(window.status_filter.findData("deleted"))
    assert window.model.visible_ids() == [1]
    window.select_call(1)
    assert pane.restore_button.isVisible() and not pane.delete_button.isVisible()
    assert not pane.start_button.isEnabled() and not pane.note_button.isEnabled()
    qtbot.mouseClick(pane.restore_button, Qt.MouseButton.LeftButton)
    assert not handle.service.get(1).deleted
    assert window.model.rowCount() == 0  # it left the bin
    assert _events(handle)[-1]["type"] == "call.restored"
