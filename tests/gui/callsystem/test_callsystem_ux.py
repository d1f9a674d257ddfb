"""An operator's day without surprises in CallSystem: an edit is never dropped without a question,
keyboard flows complete, errors are all shown at once, phones are stored one way."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from callsystem_gui.app import CallSystemHandle
from callsystem_gui.domain import CallDraft, Status

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def _two_calls(handle: CallSystemHandle) -> tuple[int, int]:
    first = handle.service.register(CallDraft(caller_name="Ana Souza", subject="Sem sinal"))
    second = handle.service.register(CallDraft(caller_name="Bruno Lima", subject="Boleto"))
    handle.controller.reload()
    return first.id, second.id


def _edit_subject(qtbot: QtBot, handle: CallSystemHandle, call_id: int, text: str) -> None:
    window = handle.window
    assert window.select_call(call_id)
    qtbot.waitUntil(lambda: window.detail.call is not None and window.detail.call.id == call_id)
    subject = window.detail.subject
    subject.setFocus()
    subject.selectAll()
    qtbot.keyClicks(subject, text)
    assert window.detail.dirty and window.detail.save_button.isEnabled()


def _answer(qtbot: QtBot, handle: CallSystemHandle, button: QMessageBox.StandardButton) -> None:
    window = handle.window
    qtbot.waitUntil(lambda: window.pending_prompt is not None and window.pending_prompt.isVisible())
    box = window.pending_prompt
    assert box is not None
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pending_prompt is None)


def _subject_in_db(handle: CallSystemHandle, call_id: int) -> str:
    return handle.service.get(call_id).subject


def test_selecting_another_call_asks_and_cancel_keeps_the_edit(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    first, second = _two_calls(handle)
    _edit_subject(qtbot, handle, first, "Sem sinal desde ontem")

    handle.window.select_call(second)  # a click or Alt+Down on another row
    _answer(qtbot, handle, QMessageBox.StandardButton.Cancel)
    assert handle.window.current_call_id == first
    assert handle.window.detail.subject.text() == "Sem sinal desde ontem"
    assert handle.window.detail.dirty

    handle.window.select_call(second)
    _answer(qtbot, handle, QMessageBox.StandardButton.Save)
    assert _subject_in_db(handle, first) == "Sem sinal desde ontem"
    qtbot.waitUntil(lambda: handle.window.current_call_id == second)
    assert handle.window.detail.call is not None and handle.window.detail.call.id == second


def test_discard_goes_on_and_leaves_the_call_as_stored(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    first, second = _two_calls(handle)
    _edit_subject(qtbot, handle, first, "Rascunho")
    rows = handle.window.model
    step = (rows.row_of(second) or 0) - (rows.row_of(first) or 0)
    handle.window.move_selection(step)  # Alt+Down / Alt+Up
    _answer(qtbot, handle, QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: handle.window.current_call_id == second)
    assert _subject_in_db(handle, first) == "Sem sinal"
    assert not handle.window.detail.dirty


def test_a_search_that_hides_the_edited_call_asks_and_cancel_restores_the_search(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    window = handle.window
    first, _second = _two_calls(handle)
    _edit_subject(qtbot, handle, first, "Editado")

    window.search.setFocus()
    qtbot.keyClicks(window.search, "Bruno")
    _answer(qtbot, handle, QMessageBox.StandardButton.Cancel)
    assert window.search.text() == ""
    assert window.current_call_id == first and window.detail.subject.text() == "Editado"

    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.CLOSED.value))
    _answer(qtbot, handle, QMessageBox.StandardButton.Save)
    assert _subject_in_db(handle, first) == "Editado"
    assert window.status_filter.currentData() == Status.CLOSED.value
    assert window.current_call_id is None


def test_closing_the_window_with_an_edit_asks_first(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    first, _ = _two_calls(handle)
    _edit_subject(qtbot, handle, first, "Antes de sair")
    qtbot.keyClick(handle.window, Qt.Key.Key_Q, CTRL)
    _answer(qtbot, handle, QMessageBox.StandardButton.Cancel)
    assert handle.window.isVisible()
    handle.window.close()
    _answer(qtbot, handle, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not handle.window.isVisible())
    assert _subject_in_db(handle, first) == "Antes de sair"


def test_down_from_the_search_box_enters_the_list(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    _two_calls(handle)
    window = handle.window
    window.focus_search()
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.waitUntil(window.table.hasFocus)
    assert window.current_call_id is not None
    assert QApplication.focusWidget() is window.table
