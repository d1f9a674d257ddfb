"""TaskManager with the keyboard alone and a screen reader: Tab follows the reading order, the
tree keeps Tab and Shift+Tab for indenting and Ctrl+Tab / Ctrl+Shift+Tab leave it, a Shift+Tab
held while walking back does not outdent, and every change to a task is said out loud."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

import taskmanager_gui.views.main_window as main_window
from helpers.keyboard import press
from integrado.settings import Settings
from taskmanager_gui.app import TaskManagerHandle, build
from taskmanager_gui.controller import TaskController
from taskmanager_gui.models import Column

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab


@dataclass
class App:
    """The running app and what its window announced."""

    handle: TaskManagerHandle
    spoken: list[str]

    @property
    def window(self) -> main_window.TaskMainWindow:
        return self.handle.window

    @property
    def controller(self) -> TaskController:
        return self.handle.controller


@pytest.fixture
def app(qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """A window over "Escala" (subtasks "Sabado" and "Domingo") and "Avulsa", "Domingo" current
    and the tree focused."""
    spoken: list[str] = []
    monkeypatch.setattr(main_window, "announce", lambda _widget, text, urgent=False: spoken.append(text))
    handle = build(settings)
    window = handle.window
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    service = handle.controller.service
    escala = service.create("Escala").created[0].id
    service.create("Sabado", escala)
    domingo = service.create("Domingo", escala).created[0].id
    service.create("Avulsa")
    handle.controller.reload()
    window.select_task(domingo)
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    yield App(handle, spoken)
    handle.controller.save_state()
    handle.pipeline.engine.dispose()


def _where(app: App, title: str) -> tuple[str | None, int, bool]:
    tree = app.controller.model.tree
    node = next(n for n in tree.nodes.values() if n.title == title)
    parent = tree.nodes.get(node.parent_id) if node.parent_id is not None else None
    return (parent.title if parent is not None else None, node.position, node.completed)


def test_tab_follows_the_reading_order_and_ctrl_tab_leaves_the_tree(qtbot: QtBot, app: App) -> None:
    window, detail = app.window, app.window.detail
    view_all = window.view_buttons.buttons()[0]
    view_all.setFocus()
    qtbot.waitUntil(view_all.hasFocus)
    # The view buttons (one stop: the checked one, arrows move between them) stand left of the
    # search field, both above the tree; the detail pane is on its right.
    assert press(qtbot, TAB) is window.search
    assert press(qtbot, TAB) is window.tree
    assert press(qtbot, TAB, CTRL) is detail.priority
    assert press(qtbot, TAB) is detail.has_due
    assert press(qtbot, TAB) is detail.notes  # the date is off while "Due on" is not checked
    assert press(qtbot, TAB) is view_all  # Tab leaves the notes too
    # And back.
    assert press(qtbot, BACKTAB) is detail.notes
    assert press(qtbot, BACKTAB) is detail.has_due
    assert press(qtbot, BACKTAB) is detail.priority
    assert press(qtbot, BACKTAB) is window.tree
    assert press(qtbot, TAB, CTRL | SHIFT) is window.search
    assert press(qtbot, BACKTAB) is view_all
    assert detail.notes.toPlainText() == ""  # no tab character typed into the notes
    assert _where(app, "Domingo") == ("Escala", 1, False)  # nothing moved on the way


def test_tab_and_shift_tab_in_the_tree_still_indent_and_outdent_and_say_so(qtbot: QtBot, app: App) -> None:
    window = app.window
    assert press(qtbot, TAB) is window.tree
    assert _where(app, "Domingo") == ("Sabado", 0, False)
    assert press(qtbot, BACKTAB) is window.tree
    assert _where(app, "Domingo") == ("Escala", 1, False)
    assert app.spoken == ["Task “Domingo” moved under “Sabado”.", "Task “Domingo” moved under “Escala”."]
    press(qtbot, BACKTAB)
    assert _where(app, "Domingo") == (None, 1, False)
    assert app.spoken[-1] == "Task “Domingo” moved to the top level."


def test_shift_tab_held_into_the_tree_does_not_outdent(qtbot: QtBot, app: App) -> None:
    window = app.window
    window.detail.priority.setFocus()
    qtbot.waitUntil(window.detail.priority.hasFocus)
    assert press(qtbot, BACKTAB, SHIFT) is window.tree
    # The key is still down: its repeats reach the tree, which had not had the focus when it
    # was pressed.
    for _ in range(3):
        repeat = QKeyEvent(QEvent.Type.KeyPress, BACKTAB, SHIFT, "", True)
        QApplication.sendEvent(window.tree, repeat)
    assert QApplication.focusWidget() is window.tree
    assert _where(app, "Domingo") == ("Escala", 1, False)
    assert app.spoken == []
    # A new press, with the tree focused, outdents.
    press(qtbot, BACKTAB, SHIFT)
    assert _where(app, "Domingo") == (None, 1, False)


def test_completing_reopening_and_moving_are_announced(qtbot: QtBot, app: App) -> None:
    window, controller = app.window, app.controller
    press(qtbot, Qt.Key.Key_Space)
    assert app.spoken == ["Task “Domingo” completed."]
    press(qtbot, Qt.Key.Key_Space)
    assert app.spoken[-1] == "Task “Domingo” reopened."
    press(qtbot, Qt.Key.Key_Up, CTRL)
    assert app.spoken[-1] == "Task “Domingo” moved up."
    press(qtbot, Qt.Key.Key_Down, CTRL)
    assert app.spoken[-1] == "Task “Domingo” moved down."
    count = len(app.spoken)
    press(qtbot, Qt.Key.Key_Down, CTRL)  # already the last: nothing happens, nothing is said
    assert len(app.spoken) == count

    # A parent with open subtasks asks first; the completion is announced once answered.
    escala = next(n.id for n in controller.model.tree.nodes.values() if n.title == "Escala")
    window.select_task(escala)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.pending_question is not None and window.pending_question.isVisible())
    assert app.spoken[-1] == "Task “Domingo” moved down."  # nothing yet
    box = window.pending_question
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.pending_question is None)
    assert app.spoken[-1] == "Task “Escala” completed."


def test_a_done_task_is_read_as_done(qtbot: QtBot, app: App) -> None:
    window = app.window
    press(qtbot, Qt.Key.Key_Space)
    index = window.tree.currentIndex().siblingAtColumn(Column.TITLE)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Domingo, done"
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Domingo"  # what is seen stays the title
    tree = QAccessible.queryAccessibleInterface(window.tree)
    names = [tree.child(i).text(QAccessible.Text.Name) for i in range(tree.childCount())]
    assert "Domingo, done" in names and "Sabado" in names


def test_the_title_editor_is_named(qtbot: QtBot, app: App) -> None:
    window = app.window
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.tree.state() == window.tree.State.EditingState)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Domingo"
    assert QAccessible.queryAccessibleInterface(editor).text(QAccessible.Text.Name) == "Task title"
    # While the title is typed, Tab belongs to the editor's own handling, not to indenting.
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert _where(app, "Domingo") == ("Escala", 1, False)


def test_f1_lists_the_trees_keys(qtbot: QtBot, app: App) -> None:
    window = app.window
    press(qtbot, Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    qtbot.waitUntil(sheet.isVisible)
    table = sheet.table
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    keys = {text: keys for keys, text in rows}
    assert keys["In the list: go to the next / previous control"] == "Ctrl+Tab, Ctrl+Shift+Tab"
    assert keys["In the list: indent / outdent the task"] == "Tab, Shift+Tab"
    assert keys["Move up"] == "Ctrl+Up"
    assert keys["Keyboard shortcuts"] == "F1"
    assert "Ctrl+Tab" in window.tree.accessibleDescription() and "Ctrl+Tab" in window.tree.toolTip()
    sheet.close()
