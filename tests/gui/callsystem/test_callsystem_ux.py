"""An operator's day without surprises in CallSystem: an edit is never dropped without a question,
keyboard flows complete, errors are all shown at once, phones are stored one way."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from callsystem_gui.app import CallSystemHandle
from callsystem_gui.domain import CallDraft, Status
from integrado.events import ReceivedEvent
from integrado.events.system import System
from integrado.qt.windows import suite_windows

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


def test_enter_in_the_forms_last_fields_registers_and_says_so(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    form = handle.window.form
    form.focus_first()
    qtbot.keyClicks(form.caller_name, "Carla Dias")
    qtbot.keyClick(form.caller_name, Qt.Key.Key_Return)  # next field
    assert form.phone.hasFocus()
    form.subject.setFocus()
    qtbot.keyClicks(form.subject, "Internet lenta")
    form.urgency.setFocus()
    qtbot.waitUntil(form.urgency.hasFocus)
    qtbot.keyClick(form.urgency, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.caller_name.text() == "")
    assert [c.caller_name for c in handle.service.summaries()] == ["Carla Dias"]
    assert "Enter" in form.register_button.toolTip() and "Ctrl+Enter" in form.register_button.toolTip()


def test_ctrl_enter_closes_the_call_from_the_resolution_box(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    first, _ = _two_calls(handle)
    handle.window.select_call(first)
    qtbot.waitUntil(lambda: handle.window.detail.call is not None)
    handle.window.detail.close_button.click()
    qtbot.waitUntil(lambda: handle.controller.pending_dialog is not None)
    dialog = handle.controller.pending_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "Roteador reiniciado")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: handle.service.get(first).status == Status.CLOSED)
    assert handle.service.get(first).resolution == "Roteador reiniciado"


def _mnemonics(window: QMainWindow) -> list[str]:
    """The Alt+letter of every menu title and labelled field that is shown in the window."""
    letters = [_mnemonic(a.text()) for a in window.menuBar().actions() if a.isVisible()]
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and label.isVisible():
            letters.append(_mnemonic(label.text()))
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and "&" in button.text().replace("&&", ""):
            letters.append(_mnemonic(button.text()))
    return [letter for letter in letters if letter]


def _mnemonic(text: str) -> str:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else ""


def test_no_two_alt_keys_alike_in_the_window(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    suite_windows().add(handle.window, "CallSystem")  # as in the suite: with its Window menu
    letters = _mnemonics(handle.window)
    assert len(letters) >= 10
    assert sorted(letters) == sorted(set(letters)), letters
    assert _mnemonic(handle.window.menuBar().actions()[0].text()) == "c"  # Alt+C: the Call menu


def test_every_bad_field_is_shown_at_once(qtbot: QtBot, open_window: Callable[..., CallSystemHandle]) -> None:
    handle = open_window()
    form = handle.window.form
    form.phone.setText("51 abc")
    form.submit()  # caller and subject empty, the phone has letters
    assert form.errors.message("caller_name") and form.errors.message("subject") and form.errors.message("phone")
    assert form.caller_name.hasFocus() or QApplication.focusWidget() is form.caller_name
    assert handle.service.summaries() == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("51999990000", "(51) 99999-0000"),
        ("51 9999-90000", "(51) 99999-0000"),
        ("(51)99999.0000", "(51) 99999-0000"),
        ("5133330000", "(51) 3333-0000"),
        ("+55 51 99999 0000", "+55 (51) 99999-0000"),
        ("0800 123 4567", "0800 123 4567"),
    ],
)
def test_phones_are_stored_the_same_way_however_typed(typed: str, stored: str) -> None:
    assert CallDraft(caller_name="Ana", phone=typed, subject="x").validated().phone == stored


def test_a_call_closed_under_not_closed_stays_in_view_until_the_filter_changes(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    window = handle.window
    first, second = _two_calls(handle)
    assert window.status_filter.currentData() == "open"
    window.select_call(first)
    qtbot.waitUntil(lambda: window.detail.call is not None and window.detail.call.id == first)
    call = window.detail.call
    assert call is not None
    handle.controller.close_call(first, call.version, "Resolvido por telefone")
    assert window.model.row_of(first) is not None and window.current_call_id == first
    assert window.detail.call is not None and window.detail.call.status == Status.CLOSED

    window.search.setText("Bruno")  # any change of the filter: the list is the filter's again
    window.apply_filter()
    window.search.clear()
    window.apply_filter()
    assert window.model.row_of(first) is None and window.model.row_of(second) is not None


def _changed(call_id: int, user: str) -> ReceivedEvent:
    """What the live bus hands over when another operator changed a call (only the id is read)."""
    return ReceivedEvent(
        event_id=f"e-{call_id}",
        system=System.CALLSYSTEM,
        type="call.updated",
        action="updated",
        entity_id=str(call_id),
        seq=None,
        occurred_at=None,
        user=user,
        host="pc-2",
        correlation_id=None,
        legacy=False,
        channel="calls_channel",
        payload={},
        raw="",
        received_at=0.0,
    )


def test_rows_hold_still_under_the_pointer_and_the_changes_are_announced(
    qtbot: QtBot, open_window: Callable[..., CallSystemHandle]
) -> None:
    handle = open_window()
    window = handle.window
    first, second = _two_calls(handle)
    order = window.model.visible_ids()
    other = handle.service.register(CallDraft(caller_name="Carla Dias", subject="Fatura"))  # another PC
    viewport = window.table.viewport()
    viewport.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    handle.controller.on_events([_changed(other.id, "bruno")])
    assert window.model.visible_ids() == order
    assert window.held_label.isVisible() and "1" in window.held_label.text()
    viewport.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    qtbot.waitUntil(lambda: window.model.row_of(other.id) is not None)
    assert not window.held_label.isVisible()
    assert {first, second} <= set(window.model.visible_ids())
