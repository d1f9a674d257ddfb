"""An operator's day without surprises in TaskManager: keys go where they are expected, rows do not
move under the pointer, completing a parent says what it will do, undo puts the eyes back on the
task, and the window remembers its view."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from integrado.events import SYSTEM_TASKS, Actor, ReceivedEvent
from integrado.settings import Settings
from taskmanager_gui.app import TaskManagerHandle, build
from taskmanager_gui.domain import ParentRule
from taskmanager_gui.models import TaskView
from taskmanager_gui.service import TaskService

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_app(qtbot: QtBot, settings: Settings) -> Iterator[Callable[[], TaskManagerHandle]]:
    handles: list[TaskManagerHandle] = []

    def open_() -> TaskManagerHandle:
        handle = build(settings)
        window = handle.window
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.tree.setFocus()
        qtbot.waitUntil(window.tree.hasFocus)
        handles.append(handle)
        return handle

    yield open_
    for handle in handles:
        handle.controller.save_state()
        handle.pipeline.engine.dispose()


def _tree(handle: TaskManagerHandle) -> dict[str, int]:
    """Parent "Escala" with two open subtasks, and "Avulsa" beside it."""
    service = handle.controller.service
    ids = {"Escala": service.create("Escala").created[0].id}
    ids["Sabado"] = service.create("Sabado", ids["Escala"]).created[0].id
    ids["Domingo"] = service.create("Domingo", ids["Escala"]).created[0].id
    ids["Avulsa"] = service.create("Avulsa").created[0].id
    handle.controller.reload()
    return ids


def _editor(handle: TaskManagerHandle) -> QLineEdit:
    editors = [e for e in handle.window.tree.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_ctrl_n_from_the_detail_pane_creates_a_task_and_naming_it_returns_to_the_tree(
    qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]
) -> None:
    handle = open_app()
    window = handle.window
    ids = _tree(handle)
    window.select_task(ids["Avulsa"])
    window.detail.priority.setFocus()
    qtbot.waitUntil(window.detail.priority.hasFocus)
    qtbot.keyClick(window.detail.priority, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.tree.state() == window.tree.State.EditingState)
    editor = _editor(handle)
    editor.selectAll()
    qtbot.keyClicks(editor, "Ligar para a")
    # Meanwhile the tree is read again whole (other operators' changes that did not fit): the
    # editor is rebuilt with what was typed, and the keys stay in the tree.
    handle.controller.model.load(handle.controller.service.load_all())
    qtbot.waitUntil(lambda: window.tree.state() == window.tree.State.EditingState)
    editor = _editor(handle)
    assert editor.text() == "Ligar para a"
    qtbot.keyClicks(editor, " Joana")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tree.state() != window.tree.State.EditingState)
    qtbot.waitUntil(window.tree.hasFocus)
    current = window.current_node()
    assert current is not None and current.title == "Ligar para a Joana"
    priority = current.priority
    qtbot.keyClick(window.tree, Qt.Key.Key_Up)  # moves in the tree, does not change a priority
    assert handle.controller.model.tree.nodes[current.id].priority == priority
    moved_to = window.current_node()
    assert moved_to is not None and moved_to.id != current.id


def test_completing_a_parent_with_open_subtasks_asks_once_and_the_option_stops_it(
    qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]
) -> None:
    handle = open_app()
    window, controller = handle.window, handle.controller
    ids = _tree(handle)
    window.select_task(ids["Escala"])
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.pending_question is not None and window.pending_question.isVisible())
    box = window.pending_question
    assert box is not None and "2" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert not controller.model.tree.nodes[ids["Escala"]].completed
    assert not controller.model.tree.nodes[ids["Sabado"]].completed

    # A task without open subtasks: no question.
    window.select_task(ids["Avulsa"])
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.pending_question is None and controller.model.tree.nodes[ids["Avulsa"]].completed

    window.act_confirm_cascade.setChecked(False)  # Options → Ask before completing…
    window.select_task(ids["Escala"])
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.pending_question is None
    assert controller.model.tree.nodes[ids["Sabado"]].completed


def test_under_the_block_rule_there_is_nothing_to_ask(qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]) -> None:
    handle = open_app()
    ids = _tree(handle)
    handle.controller.set_rule(ParentRule.BLOCK)
    handle.window.select_task(ids["Escala"])
    qtbot.keyClick(handle.window.tree, Qt.Key.Key_Space)
    assert handle.window.pending_question is None
    assert not handle.controller.model.tree.nodes[ids["Escala"]].completed  # refused, with its message


def test_rows_under_the_pointer_hold_still_and_the_changes_are_announced(
    qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]
) -> None:
    handle = open_app()
    window, controller = handle.window, handle.controller
    ids = _tree(handle)
    other = TaskService(handle.pipeline, Actor(user="bruno", host="pc-2"))
    other.create("Urgente", None, 0)
    window.tree.viewport().setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)  # the pointer rests there
    row_before = window.index_for_id(ids["Avulsa"]).row()
    assert not controller.refresh_from_database()
    assert window.index_for_id(ids["Avulsa"]).row() == row_before
    window.tree.viewport().setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    assert controller.refresh_from_database()
    assert window.index_for_id(ids["Avulsa"]).row() == row_before + 1


def test_search_says_when_matches_sit_in_collapsed_tasks(
    qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]
) -> None:
    handle = open_app()
    window = handle.window
    ids = _tree(handle)
    window.search.setText("domingo")
    qtbot.waitUntil(lambda: "match" in window.counts_label.text())
    assert "1 match shown" in window.counts_label.text()
    window.tree.collapse(window.index_for_id(ids["Escala"]))
    assert "1 matches, 1 inside collapsed tasks" in window.counts_label.text()


def test_down_from_the_search_goes_into_the_tree(qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]) -> None:
    handle = open_app()
    window = handle.window
    _tree(handle)
    qtbot.keyClick(window.tree, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "sab")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.waitUntil(window.tree.hasFocus)
    assert window.current_node() is not None


def test_undoing_a_subtree_removal_selects_the_restored_task(
    qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]
) -> None:
    handle = open_app()
    window, controller = handle.window, handle.controller
    ids = _tree(handle)
    assert controller.remove(ids["Escala"])
    window.select_task(ids["Avulsa"])
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    current = window.current_node()
    assert current is not None and current.id == ids["Escala"]


def test_the_view_and_the_quit_key(qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]) -> None:
    handle = open_app()
    window = handle.window
    assert window.act_quit.shortcut().toString() == "Ctrl+Q"
    window.set_view(TaskView.OPEN)
    window.close()  # saves the layout
    again = open_app()
    assert again.window.proxy.view is TaskView.OPEN
    button = again.window.findChild(QPushButton, "view_open")
    assert button is not None and button.isChecked()


def _live_events(handle: TaskManagerHandle, since_seq: int) -> list[ReceivedEvent]:
    """Another PC's outbox rows after `since_seq`, as the live bus hands them over."""
    table = handle.pipeline.outbox.table
    with handle.pipeline.engine.connect() as conn:
        rows = conn.execute(select(table.c.seq, table.c.payload).where(table.c.seq > since_seq)).all()
    events = []
    for seq, raw in rows:
        payload = json.loads(raw)
        events.append(
            ReceivedEvent(
                event_id=payload["event_id"],
                system=SYSTEM_TASKS,
                type=payload["type"],
                action=payload["action"],
                entity_id=str(payload["id"]),
                seq=seq,
                occurred_at=payload["occurred_at"],
                user=payload["actor"]["user"],
                host=payload["actor"]["host"],
                correlation_id=payload["correlation_id"],
                legacy=False,
                channel="tasks",
                payload=payload,
                raw=raw,
                received_at=0.0,
            )
        )
    return events


def test_live_events_wait_while_the_pointer_is_on_the_tree_and_are_announced(
    qtbot: QtBot, open_app: Callable[[], TaskManagerHandle]
) -> None:
    handle = open_app()
    window, controller = handle.window, handle.controller
    ids = _tree(handle)
    table = handle.pipeline.outbox.table
    with handle.pipeline.engine.connect() as conn:
        last = conn.execute(select(func.max(table.c.seq))).scalar() or 0
    TaskService(handle.pipeline, Actor(user="bruno", host="pc-2")).create("Urgente", None, 0)
    events = _live_events(handle, last)
    assert events
    row_before = window.index_for_id(ids["Avulsa"]).row()

    window.tree.viewport().setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    controller.on_events(events)
    assert window.index_for_id(ids["Avulsa"]).row() == row_before
    assert window.held_label.isVisible() and "1" in window.held_label.text()

    window.tree.viewport().setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)  # the pointer leaves
    qtbot.waitUntil(lambda: window.index_for_id(ids["Avulsa"]).row() == row_before + 1)
    assert not window.held_label.isVisible()
