"""The suite's windows in one process: a closed window comes back from another's Window menu, and
Ctrl+Q (or Quit) in any window quits them all, after the unsaved-edit question."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from callsystem_gui.app import CallSystemHandle
from callsystem_gui.app import build as build_calls
from callsystem_gui.domain import CallDraft
from integrado.qt.windows import SuiteWindows
from integrado.settings import Settings
from taskmanager_gui.app import TaskManagerHandle
from taskmanager_gui.app import build as build_tasks

# The offscreen platform can neither resize for docks nor raise a window, and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def suite(qtbot: QtBot, settings: Settings) -> Iterator[tuple[SuiteWindows, CallSystemHandle, TaskManagerHandle]]:
    calls, tasks = build_calls(settings), build_tasks(settings)
    windows = SuiteWindows()
    for window, title in ((calls.window, "CallSystem"), (tasks.window, "TaskManager")):
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.add(window, title)
    yield windows, calls, tasks
    calls.controller.stop()
    tasks.controller.save_state()
    calls.pipeline.engine.dispose()
    tasks.pipeline.engine.dispose()


def _window_menu(window: QMainWindow) -> QMenu:
    menu = window.menuBar().findChild(QMenu, "windowMenu")
    assert isinstance(menu, QMenu)
    return menu


def _quit_actions(window: QMainWindow) -> list[QAction]:
    return [a for a in window.findChildren(QAction) if a.shortcut().toString() == "Ctrl+Q"]


def test_a_closed_window_is_reopened_from_the_other_ones_window_menu(
    qtbot: QtBot, suite: tuple[SuiteWindows, CallSystemHandle, TaskManagerHandle]
) -> None:
    _windows, calls, tasks = suite
    calls.window.close()
    assert not calls.window.isVisible()
    menu = _window_menu(tasks.window)
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.text() == "CallSystem")
    entry.trigger()
    qtbot.waitUntil(calls.window.isVisible)
    assert [a.text() for a in _window_menu(calls.window).actions() if a.text()] == ["CallSystem", "TaskManager"]


def test_ctrl_q_in_any_window_quits_the_suite_after_the_unsaved_edit_question(
    qtbot: QtBot, suite: tuple[SuiteWindows, CallSystemHandle, TaskManagerHandle]
) -> None:
    _windows, calls, tasks = suite
    # One Ctrl+Q per window (two would cancel each other out), each ending the suite.
    assert len(_quit_actions(calls.window)) == 1 and len(_quit_actions(tasks.window)) == 1
    view = calls.service.register(CallDraft(caller_name="Ana Souza", subject="Sem sinal"))
    calls.controller.reload()
    assert calls.window.select_call(view.id)
    qtbot.waitUntil(lambda: calls.window.detail.call is not None)
    calls.window.detail.subject.setFocus()
    qtbot.keyClicks(calls.window.detail.subject, " (editado)")
    assert calls.window.detail.dirty

    tasks.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tasks.window)
    qtbot.keyClick(tasks.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: calls.window.pending_prompt is not None)
    box = calls.window.pending_prompt
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert calls.window.isVisible() and tasks.window.isVisible()  # cancelled: nothing closed

    _quit_actions(calls.window)[0].trigger()  # "Quit" in CallSystem's own menu
    qtbot.waitUntil(lambda: calls.window.pending_prompt is not None)
    box = calls.window.pending_prompt
    assert box is not None
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not calls.window.isVisible() and not tasks.window.isVisible())
    assert calls.service.get(view.id).subject == "Sem sinal (editado)"
