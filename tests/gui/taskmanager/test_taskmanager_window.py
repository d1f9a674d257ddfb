"""The TaskManager window driven like a person would: keys, drag and drop, undo, confirmation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from integrado.events import Actor
from integrado.settings import Settings
from taskmanager_gui.app import TaskManagerHandle, build, first_window
from taskmanager_gui.domain import ParentRule
from taskmanager_gui.models import MATCH_PATH_ROLE, Column
from taskmanager_gui.service import TaskService
from taskmanager_gui.views.main_window import TaskMainWindow

# The offscreen platform plugin warns whenever a shown window's minimum size changes (a toolbar
# button's text changes with the selection); that is the test platform talking, not the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def app(qtbot: QtBot, settings: Settings) -> Iterator[TaskManagerHandle]:
    handle = build(settings)
    window = handle.window
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    yield handle
    handle.controller.save_state()
    handle.pipeline.engine.dispose()


def test_the_first_frame_shows_the_pane_s_hint_and_build_adds_its_fields(qtbot: QtBot, settings: Settings) -> None:
    window = first_window(settings)
    qtbot.addWidget(window)
    window.show()
    pane = window.detail
    assert pane.title_label.text() == "No task selected" and pane.hint.isVisible()
    assert not pane.has_fields() and not hasattr(pane, "notes") and not window.editing()
    # The toolbar's actions are drawn; their keys (and the tooltips naming them) come after.
    assert window.act_new.shortcuts() == [] and window.act_new.toolTip() == "New task (Insert, Ctrl+N)"
    handle = build(settings, window=window)
    try:
        assert handle.window is window and pane.has_fields() and window.search.isClearButtonEnabled()
        assert [k.toString() for k in window.act_new_anywhere.shortcuts()] == ["Ctrl+N"]
        assert window.act_up.toolTip() == "Move up (Ctrl+Up)" and window.act_new.toolTip().endswith("Ctrl+N)")
        assert window.act_toggle.toolTip() == "Complete / reopen (Space)"
        assert window.act_delete.toolTip() == "Remove… (Del)"  # its own, kept aside for a role's reason
        assert [k.toString() for k in window.act_redo.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
        # With no task chosen the pane still says what it is for; its fields wait for a task.
        assert pane.hint.isVisible() and not pane.body.isVisible()
        task = handle.controller.service.create("Ligar para a Joana").created[0].id
        handle.controller.reload()
        window.select_task(task)
        qtbot.waitUntil(pane.notes.isVisible)
        assert not pane.hint.isVisible() and pane.title_label.text() == "Ligar para a Joana"
        # The Tab order reaches the fields built after the first frame, in reading order.
        chain, widget = [], window.tree.nextInFocusChain()
        while widget is not None and widget is not window.tree and len(chain) < 500:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        assert chain.index(pane.priority) < chain.index(pane.has_due) < chain.index(pane.notes)
        assert chain.index(pane.notes) < chain.index(window.view_buttons.buttons()[0])
        window.tree.setCurrentIndex(QModelIndex())
        qtbot.waitUntil(pane.hint.isVisible)
        assert not pane.body.isVisible() and pane.notes.toPlainText() == ""
    finally:
        handle.controller.save_state()
        handle.pipeline.engine.dispose()


def events(handle: TaskManagerHandle) -> list[dict[str, Any]]:
    t = handle.pipeline.outbox.table
    with handle.pipeline.engine.connect() as conn:
        return [json.loads(p) for (p,) in conn.execute(select(t.c.payload).order_by(t.c.seq))]


def db_tree(handle: TaskManagerHandle) -> list[tuple[str, int]]:
    """(title, depth) of every task in the database, in display order."""
    tree = handle.controller.service.load_tree()
    return [(n.title, n.depth()) for n in tree.walk()]


def open_editor(window: TaskMainWindow) -> QLineEdit:
    """The inline editor now open. A closed one can still be a child until its deleteLater
    runs, so findChild alone may return that one (seen once in CI: the text went nowhere)."""
    editors = [e for e in window.tree.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, f"expected one open inline editor, found {len(editors)}"
    return editors[0]


def type_title(qtbot: QtBot, window: TaskMainWindow, text: str) -> None:
    editor = open_editor(window)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)  # QTest only types ASCII
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tree.state() != window.tree.State.EditingState)


def key(
    qtbot: QtBot, window: TaskMainWindow, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    window.tree.setFocus()
    qtbot.keyClick(window.tree, k, modifier)


def test_keyboard_builds_a_tree_with_one_creation_event_each(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    key(qtbot, window, Qt.Key.Key_Insert)
    type_title(qtbot, window, "Campanha de retenção")
    key(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    type_title(qtbot, window, "Montar lista de clientes")
    key(qtbot, window, Qt.Key.Key_Insert)  # a sibling of the subtask
    type_title(qtbot, window, "Roteiro de ligação")
    assert db_tree(app) == [("Campanha de retenção", 0), ("Montar lista de clientes", 1), ("Roteiro de ligação", 1)]
    sent = events(app)
    assert [e["type"] for e in sent].count("task.created") == 3  # never two messages for one creation
    renames = [e for e in sent if e["type"] == "task.updated"]
    assert [e["changes"]["title"][1] for e in renames] == [
        "Campanha de retenção",
        "Montar lista de clientes",
        "Roteiro de ligação",
    ]
    assert renames[-1]["data"]["path"] == ["Campanha de retenção", "Roteiro de ligação"]
    assert window.counts_label.text().startswith("3 tasks")


# (title, subtasks), as deep as needed.
Spec = list[tuple[str, "Spec"]]


def seed(handle: TaskManagerHandle, spec: Spec) -> dict[str, int]:
    ids: dict[str, int] = {}

    def add(items: Spec, parent: str | None) -> None:
        for title, children in items:
            parent_id = ids[parent] if parent is not None else None
            ids[title] = handle.controller.service.create(title, parent_id).created[0].id
            add(children, title)

    add(spec, None)
    handle.controller.reload()
    handle.window.expand_all()
    return ids


SPEC: Spec = [
    ("Atendimento", [("Filas", [("Fila A", []), ("Fila B", [])]), ("Escalas", [])]),
    ("Treinamento", []),
]


def test_tab_indents_shift_tab_outdents_ctrl_arrows_reorder_and_undo(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    window.select_task(ids["Escalas"])
    key(qtbot, window, Qt.Key.Key_Tab)  # under "Filas", after "Fila B"
    assert db_tree(app)[:5] == [("Atendimento", 0), ("Filas", 1), ("Fila A", 2), ("Fila B", 2), ("Escalas", 2)]
    key(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [t for t, _ in db_tree(app)[2:5]] == ["Fila A", "Escalas", "Fila B"]
    key(qtbot, window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert db_tree(app)[:5] == [("Atendimento", 0), ("Filas", 1), ("Fila A", 2), ("Fila B", 2), ("Escalas", 1)]
    current = window.current_node()
    assert current is not None and current.id == ids["Escalas"]
    moved = [e for e in events(app) if e["type"] == "task.moved"]
    assert moved[-1]["changes"]["parent_id"] == [ids["Filas"], ids["Atendimento"]]
    # Undo the three moves: back where it started, each undo a compensating task.moved.
    for _ in range(3):
        qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db_tree(app) == [
        ("Atendimento", 0),
        ("Filas", 1),
        ("Fila A", 2),
        ("Fila B", 2),
        ("Escalas", 1),
        ("Treinamento", 0),
    ]
    assert [e["type"] for e in events(app)].count("task.moved") == 6
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ("Escalas", 2) in db_tree(app)


def test_space_completes_with_cascade_and_undo_reopens_exactly_those(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    app.controller.service.set_completed(ids["Fila B"], None, True)
    app.controller.reload()
    window.select_task(ids["Atendimento"])
    before = len(events(app))
    key(qtbot, window, Qt.Key.Key_Space)
    # Completing a task with open subtasks asks first ("don't ask again": the next one does not).
    qtbot.waitUntil(lambda: window.pending_question is not None and window.pending_question.isVisible())
    assert window.pending_question is not None
    window.pending_question.checkBox().setChecked(True)
    window.pending_question.button(QMessageBox.StandardButton.Yes).click()
    cascade = events(app)[before:]
    assert [e["id"] for e in cascade] == [ids["Atendimento"], ids["Filas"], ids["Fila A"], ids["Escalas"]]
    assert len({e["correlation_id"] for e in cascade}) == 1
    assert window.index_for_id(ids["Atendimento"], Column.PROGRESS).data() == "4/4 · 100%"
    assert window.act_toggle.text() == "Reopen"
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undo = events(app)[before + 4 :]
    assert [(e["id"], e["type"]) for e in undo] == [
        (ids["Atendimento"], "task.reopened"),
        (ids["Filas"], "task.reopened"),
        (ids["Fila A"], "task.reopened"),
        (ids["Escalas"], "task.reopened"),
    ]
    tree = app.controller.service.load_tree()
    assert tree.get(ids["Fila B"]).completed  # it was done before: undo leaves it done
    assert not tree.get(ids["Atendimento"]).completed
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the other shortcut
    assert app.controller.service.load_tree().get(ids["Atendimento"]).completed


def test_delete_asks_how_many_go_then_undo_restores_same_ids(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    window.select_task(ids["Filas"])
    key(qtbot, window, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox, "confirmRemoval")
    assert box is not None and box.isVisible()
    assert "3 task" in box.text() and "Filas" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert ("Filas", 1) in db_tree(app)

    key(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "confirmRemoval")))
    box = next(b for b in window.findChildren(QMessageBox, "confirmRemoval") if b.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()
    assert [t for t, _ in db_tree(app)] == ["Atendimento", "Escalas", "Treinamento"]
    deleted = [e for e in events(app) if e["type"] == "task.deleted"]
    assert [e["id"] for e in deleted] == [ids["Filas"], ids["Fila A"], ids["Fila B"]]
    assert len({e["correlation_id"] for e in deleted}) == 1
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = [e for e in events(app) if e["type"] == "task.restored"]
    assert [e["id"] for e in restored] == [ids["Filas"], ids["Fila A"], ids["Fila B"]]
    assert [t for t, _ in db_tree(app)] == ["Atendimento", "Filas", "Fila A", "Fila B", "Escalas", "Treinamento"]
    assert window.index_for_id(ids["Fila A"]).isValid()


def test_drag_and_drop_reparents_refuses_cycles_and_undoes(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    view_model = window.tree.model()  # what the view drops into (the tree model while unfiltered)
    mime = view_model.mimeData([window.index_for_id(ids["Atendimento"])])
    own_child = window.index_for_id(ids["Fila A"])
    # Row and column -1: dropped onto the item itself (what the view passes).
    assert not view_model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, own_child)
    assert not view_model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, own_child)
    mime = view_model.mimeData([window.index_for_id(ids["Treinamento"])])
    assert view_model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, window.index_for_id(ids["Filas"]))
    assert [t for t, _ in db_tree(app)] == ["Atendimento", "Filas", "Fila A", "Treinamento", "Fila B", "Escalas"]
    assert view_model.rowCount(QModelIndex()) == 1
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t for t, _ in db_tree(app)][-1] == "Treinamento"
    # While a search is active the view shows the filter model; drops go through it too.
    window.search.setText("fila")
    qtbot.waitUntil(lambda: window.tree.model() is window.proxy)
    mime = window.proxy.mimeData([window.index_for_id(ids["Fila B"])])
    assert window.proxy.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, window.index_for_id(ids["Atendimento"]))
    assert [t for t, _ in db_tree(app)][:2] == ["Atendimento", "Fila B"]


def test_f2_renames_inline_bad_title_is_refused_with_a_message(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    window.select_task(ids["Escalas"])
    key(qtbot, window, Qt.Key.Key_F2)
    type_title(qtbot, window, "Escala de sábado")
    assert ("Escala de sábado", 1) in db_tree(app)
    key(qtbot, window, Qt.Key.Key_F2)
    editor = open_editor(window)
    editor.setText("x" * 10_000)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(window.message_bar.isVisible)
    assert "at most 500" in window.message_bar.text()
    assert ("Escala de sábado", 1) in db_tree(app)
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ("Escalas", 1) in db_tree(app)


def test_someone_else_changed_it_gives_a_clear_message_and_the_latest_state(
    qtbot: QtBot, app: TaskManagerHandle, settings: Settings
) -> None:
    window = app.window
    ids = seed(app, SPEC)
    other = TaskService(app.pipeline, Actor("bruno", "pc-02"))
    other.update(ids["Escalas"], None, title="Escalas (Bruno)")
    window.select_task(ids["Escalas"])
    key(qtbot, window, Qt.Key.Key_F2)
    type_title(qtbot, window, "Escalas (Ana)")
    assert "someone else" in window.message_bar.text()
    assert window.index_for_id(ids["Escalas"]).data() == "Escalas (Bruno)"
    other.remove(ids["Treinamento"], None)
    window.select_task(ids["Treinamento"])
    key(qtbot, window, Qt.Key.Key_Space)
    assert "removed" in window.message_bar.text()
    assert not window.index_for_id(ids["Treinamento"]).isValid()


def test_search_keeps_ancestors_and_views_filter(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    app.controller.service.set_completed(ids["Fila A"], None, True)
    app.controller.reload()
    qtbot.keyClick(window.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # to the search field
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "fila b")
    qtbot.waitUntil(lambda: window.proxy.text == "fila b")
    match = window.index_for_id(ids["Fila B"])
    assert match.data() == "Fila B"
    assert match.data(MATCH_PATH_ROLE) == "Atendimento › Filas"
    assert window.tree.isExpanded(match.parent())
    assert not window.index_for_id(ids["Treinamento"]).isValid()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)  # clears the search, back to the tree
    assert window.search.text() == "" and window.proxy.text == ""
    assert window.tree.model() is window.model
    assert window.tree.hasFocus()
    qtbot.mouseClick(window.findChild(QPushButton, "view_actionable"), Qt.MouseButton.LeftButton)
    assert not window.index_for_id(ids["Fila A"]).isValid()  # done
    assert window.index_for_id(ids["Filas"]).isValid()  # the ancestor of an open leaf stays
    assert window.index_for_id(ids["Escalas"]).isValid()


def test_expansion_and_column_widths_are_remembered(qtbot: QtBot, app: TaskManagerHandle, settings: Settings) -> None:
    window = app.window
    ids = seed(app, SPEC)
    window.collapse_all()
    window.tree.expand(window.index_for_id(ids["Atendimento"]))
    window.tree.setColumnWidth(Column.TITLE, 333)
    window.close()
    again = build(settings)
    qtbot.addWidget(again.window)
    try:
        tree = again.window.tree
        assert tree.isExpanded(again.window.index_for_id(ids["Atendimento"]))
        assert not tree.isExpanded(again.window.index_for_id(ids["Filas"]))
        assert tree.columnWidth(Column.TITLE) == 333
    finally:
        again.pipeline.engine.dispose()


def test_detail_pane_saves_notes_priority_and_due_date_with_the_subtask_rule(
    qtbot: QtBot, app: TaskManagerHandle
) -> None:
    window = app.window
    ids = seed(app, SPEC)
    pane = window.detail
    app.controller.service.update(ids["Filas"], None, due=date(2026, 12, 10))
    app.controller.reload()
    window.select_task(ids["Fila A"])
    assert pane.path_label.text() == "Atendimento › Filas"
    pane.notes.setFocus()
    qtbot.keyClicks(pane.notes, "Ligar antes das 10h")
    window.tree.setFocus()  # leaving the notes saves them
    qtbot.waitUntil(lambda: app.controller.service.load_tree().get(ids["Fila A"]).notes == "Ligar antes das 10h")
    pane.priority.setCurrentIndex(pane.priority.findData(3))
    pane.priority.activated.emit(pane.priority.currentIndex())
    assert app.controller.service.load_tree().get(ids["Fila A"]).priority == 3
    assert window.index_for_id(ids["Fila A"], Column.PRIORITY).data() == "High"
    pane.due.setDate(QDate(2026, 12, 1))
    pane.has_due.setChecked(True)  # saves the date shown
    assert app.controller.service.load_tree().get(ids["Fila A"]).due == date(2026, 12, 1)
    pane.due.setDate(QDate(2026, 12, 11))  # after the parent's due date: refused
    assert "after its parent" in window.message_bar.text()
    assert app.controller.service.load_tree().get(ids["Fila A"]).due == date(2026, 12, 1)
    assert pane.due.date() == QDate(2026, 12, 1)  # the pane shows what is really saved
    pane.due.setDate(QDate(2026, 12, 9))
    assert app.controller.service.load_tree().get(ids["Fila A"]).due == date(2026, 12, 9)
    assert not window.message_bar.isVisible()


def test_checkbox_completes_and_parent_rule_menu_is_applied_and_remembered(
    qtbot: QtBot, app: TaskManagerHandle, settings: Settings
) -> None:
    window = app.window
    ids = seed(app, SPEC)
    window.rule_actions[ParentRule.AUTO_COMPLETE].trigger()
    assert app.controller.rule is ParentRule.AUTO_COMPLETE
    model = window.tree.model()
    for name in ("Fila A", "Fila B"):
        assert model.setData(
            window.index_for_id(ids[name]), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    tree = app.controller.service.load_tree()
    assert tree.get(ids["Filas"]).completed  # its last subtask done: completed automatically
    assert not tree.get(ids["Atendimento"]).completed  # "Escalas" is still open
    window.rule_actions[ParentRule.BLOCK].trigger()
    window.select_task(ids["Atendimento"])
    key(qtbot, window, Qt.Key.Key_Space)
    assert "open subtask" in window.message_bar.text()
    app.controller.save_state()
    again = build(settings)
    qtbot.addWidget(again.window)
    try:
        assert again.controller.rule is ParentRule.BLOCK
        assert again.window.rule_actions[ParentRule.BLOCK].isChecked()
    finally:
        again.pipeline.engine.dispose()


def test_undo_redo_of_create_and_remove_publish_compensating_events(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    key(qtbot, window, Qt.Key.Key_Insert)
    type_title(qtbot, window, "Revisar metas")
    (task_id,) = [n.id for n in app.controller.model.tree.walk()]
    ctrl_z = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    redo = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert app.controller.undo_stack.undoText() == "Create “Revisar metas”"  # typing the title is part of it
    # The Edit menu names the step with the typed title, not the placeholder it was created with.
    assert window.act_undo.isEnabled() and window.act_undo.text() == "Undo Create “Revisar metas”"
    assert not window.act_redo.isEnabled() and window.act_redo.text() == "Redo"
    qtbot.keyClick(window.tree, *ctrl_z)  # one step: the new task goes
    assert db_tree(app) == []
    assert not window.act_undo.isEnabled() and window.act_redo.text() == "Redo Create “Revisar metas”"
    qtbot.keyClick(window.tree, *redo)
    assert db_tree(app) == [("Revisar metas", 0)]
    window.select_task(task_id)
    key(qtbot, window, Qt.Key.Key_F2)
    type_title(qtbot, window, "Revisar metas do mes")  # a later rename is its own step
    qtbot.keyClick(window.tree, *ctrl_z)
    assert db_tree(app) == [("Revisar metas", 0)]
    assert [(e["type"], e["id"]) for e in events(app)] == [
        ("task.created", task_id),
        ("task.updated", task_id),
        ("task.deleted", task_id),
        ("task.restored", task_id),
        ("task.updated", task_id),
        ("task.updated", task_id),
    ]
    assert events(app)[3]["title"] == "Revisar metas"  # restored with the typed title


def test_another_operators_changes_show_up_and_are_never_lost_by_ours(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    window.select_task(ids["Escalas"])
    other = TaskService(app.pipeline, Actor("bruno", "pc-02"))
    bruno = other.create("Escala de domingo", ids["Atendimento"]).created[0].id
    assert app.controller.refresh_from_database()  # what the 5 s timer does
    assert window.index_for_id(bruno).isValid()
    current = window.current_node()
    assert current is not None and current.id == ids["Escalas"]  # the selection survives the reload
    assert not app.controller.refresh_from_database()  # nothing new: no reload
    # Bruno adds a subtask, then Ana completes the parent before the timer fires: her cascade
    # includes his task and her tree shows it, with the right progress.
    late = other.create("Confirmar plantão", bruno).created[0].id
    window.select_task(bruno)
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.index_for_id(late).isValid()
    assert window.index_for_id(bruno, Column.PROGRESS).data() == "1/1 · 100%"


def test_progress_bars_and_match_paths_are_painted(qtbot: QtBot, app: TaskManagerHandle) -> None:
    window = app.window
    ids = seed(app, SPEC)
    app.controller.service.set_completed(ids["Fila A"], None, True)
    app.controller.reload()
    window.select_task(ids["Filas"])  # a selected row with a bar
    rect = window.tree.visualRect(window.index_for_id(ids["Atendimento"], Column.PROGRESS))
    image = window.tree.viewport().grab().toImage()
    bar_pixel = image.pixelColor(rect.left() + 6, rect.center().y())
    assert bar_pixel.name() == "#3d7fd9"  # 1 of 4 done: the blue fill starts at the left
    window.search.setText("fila b")
    window._apply_search()
    match = window.index_for_id(ids["Fila B"])
    assert match.data(MATCH_PATH_ROLE) == "Atendimento › Filas"
    window.tree.selectionModel().clear()  # plain rows: ink is text, not highlight
    image = window.tree.viewport().grab().toImage()

    def ink_right_of_title(index: QModelIndex, title: str) -> int:
        rect = window.tree.visualRect(index)
        start = rect.left() + window.tree.fontMetrics().horizontalAdvance(title) * 2 + 30
        background = image.pixelColor(rect.right() - 2, rect.center().y())
        return sum(
            1
            for x in range(start, rect.right() - 4)
            for y in range(rect.top() + 2, rect.bottom() - 1)
            if image.pixelColor(x, y) != background
        )

    # The grey path is drawn beside the match, nothing beside an ancestor kept for context.
    assert ink_right_of_title(match, "Fila B") > 20
    assert ink_right_of_title(window.index_for_id(ids["Filas"]), "Filas") == 0
