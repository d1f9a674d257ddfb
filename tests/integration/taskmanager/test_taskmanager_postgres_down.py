"""The office's PostgreSQL goes away while an operator works on tasks: every action fails with a
clear, translatable message (never a traceback), the title or notes typed stay where they were,
nothing is half-written, and the same window saves them once when the server is back.

The server here is one the tests may stop and start again, not the one every other test uses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from helpers.concurrency import stopped_at_commit
from helpers.postgres import PostgresServer
from integrado.events import Actor
from integrado.qt.i18n import install_translator, remove_translators
from integrado.settings import Settings
from taskmanager_gui.app import TaskManagerHandle, build
from taskmanager_gui.controller import translate_error
from taskmanager_gui.domain import StorageUnavailableError
from taskmanager_gui.models import Column
from taskmanager_gui.service import TaskService, create_pipeline
from taskmanager_gui.tables import TASKS

pytestmark = [pytest.mark.integration, pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]


@pytest.fixture
def service(settings: Settings, stoppable_url: str) -> Iterator[TaskService]:
    pc = TaskService(create_pipeline(settings, db_url=stoppable_url), Actor("ana", "pc-01"))
    yield pc
    pc.pipeline.engine.dispose()


def _written(service: TaskService) -> tuple[int, int, int]:
    """Tasks, the sum of their versions, outbox rows: an action half-written would show here."""
    outbox = service.pipeline.outbox.table
    with service.pipeline.engine.connect() as conn:
        count, versions = conn.execute(select(func.count(), func.coalesce(func.sum(TASKS.c.version), 0))).one()
        events = conn.execute(select(func.count()).select_from(outbox)).scalar_one()
    return int(count), int(versions), int(events)


ACTIONS: dict[str, Callable[[TaskService, int], object]] = {
    "create": lambda pc, parent: pc.create("Ligar para o fornecedor", parent),
    "rename": lambda pc, task: pc.update(task, None, title="Escala de dezembro"),
    "notes": lambda pc, task: pc.update(task, None, notes="Confirmar com a Joana às 15h"),
    "complete": lambda pc, task: pc.set_completed(task, None, True),
    "remove": lambda pc, task: pc.remove(task, None),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_server_stopped_in_the_middle_of_an_action_writes_nothing(
    service: TaskService, stoppable_postgres: PostgresServer, action: str
) -> None:
    task = service.create("Escala de fim de semana", None).created[0]
    before = _written(service)

    # The action has written its rows and its events; the server stops before its COMMIT.
    error = stopped_at_commit(
        stoppable_postgres.stop, service.pipeline.session_factory, lambda: ACTIONS[action](service, task.id)
    )
    assert isinstance(error, StorageUnavailableError), error
    assert error.saving and "cannot be reached" in str(error)
    for query in (service.load_all, service.changed_elsewhere, lambda: service.snapshot([task.id])):
        with pytest.raises(StorageUnavailableError) as read:
            query()
        assert not read.value.saving

    stoppable_postgres.start_again()
    assert _written(service) == before, "a part of the failed action was written"
    # The same service (its pool held dead connections) works again: the retry is saved once.
    ACTIONS[action](service, task.id)
    assert _written(service)[2] == before[2] + 1


def test_server_already_down_is_the_same_message(service: TaskService, stoppable_postgres: PostgresServer) -> None:
    task = service.create("Escala de fim de semana", None).created[0]
    service.pipeline.engine.dispose()  # no pooled connection left: the next one is refused
    stoppable_postgres.stop()
    for action in ACTIONS.values():
        with pytest.raises(StorageUnavailableError) as failed:
            action(service, task.id)
        assert failed.value.saving


def test_a_constraint_error_is_not_an_outage(service: TaskService) -> None:
    """Only "the server is not there" becomes the outage message; a real fault still raises."""
    with pytest.raises(IntegrityError), service.pipeline.session_factory.begin() as session:
        session.execute(TASKS.insert().values(id=1, title=None))


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, stoppable_url: str) -> Iterator[TaskManagerHandle]:
    handle = build(dataclasses.replace(settings, operator="ana"), db_url=stoppable_url)
    qtbot.addWidget(handle.window)
    handle.window.resize(1200, 800)
    handle.window.show()
    qtbot.waitExposed(handle.window)
    yield handle
    handle.controller.refresh_timer.stop()
    handle.pipeline.engine.dispose()


def _title_editor(handle: TaskManagerHandle, task_id: int) -> QLineEdit | None:
    w = handle.window
    editor = w.tree.indexWidget(w.index_for_id(task_id, Column.TITLE))
    return editor if isinstance(editor, QLineEdit) else None


def test_window_while_the_server_is_down(
    qtbot: QtBot, window: TaskManagerHandle, stoppable_postgres: PostgresServer
) -> None:
    handle, w = window, window.window
    task_id = handle.controller.create("Escala de fim de semana")
    assert task_id is not None
    w.select_task(task_id)
    QApplication.processEvents()
    before = _written(handle.service)
    not_saved = translate_error(StorageUnavailableError(saving=True))
    out_of_date = translate_error(StorageUnavailableError(saving=False))
    bar = w.statusBar()

    stoppable_postgres.stop()

    # A title typed in the tree: refused with the message, and back in its editor for a retry.
    w.select_task(task_id, edit=True)
    qtbot.waitUntil(lambda: _title_editor(handle, task_id) is not None)
    editor = _title_editor(handle, task_id)
    assert editor is not None
    editor.setText("Escala de dezembro")
    editor.setModified(True)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it on its next turn
    qtbot.waitUntil(lambda: bar.currentMessage() == not_saved)
    qtbot.waitUntil(lambda: _title_editor(handle, task_id) is not None, timeout=2000)
    editor = _title_editor(handle, task_id)
    assert editor is not None and editor.text() == "Escala de dezembro"

    # Notes typed in the pane: refused, kept in their box (a refresh does not replace them).
    pane = w.detail
    pane.notes.setPlainText("Confirmar com a Joana às 15h")
    pane.commit_notes()
    assert bar.currentMessage() == not_saved
    assert pane.notes.toPlainText() == "Confirmar com a Joana às 15h"

    # Completing, creating, removing: refused with the same message, no dialog.
    for attempt in (
        lambda: handle.controller.toggle(task_id),
        lambda: handle.controller.create("Ligar para o fornecedor"),
        lambda: handle.controller.remove(task_id),
    ):
        assert not attempt()
        assert bar.currentMessage() == not_saved

    # What runs by itself (the refresh timer, a live event) says the tree may be stale.
    assert handle.controller.refresh_from_database() is False
    assert bar.currentMessage() == out_of_date
    assert QApplication.activeModalWidget() is None

    # Back: the same window saves what was kept, once each.
    stoppable_postgres.start_again()
    assert _written(handle.service) == before
    handle.controller.refresh_from_database()  # the timer's read: must not replace the notes
    assert pane.notes.toPlainText() == "Confirmar com a Joana às 15h"
    editor = _title_editor(handle, task_id)
    assert editor is not None and editor.text() == "Escala de dezembro"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: handle.controller.model.tree.nodes[task_id].title == "Escala de dezembro")
    pane.commit_notes()
    assert handle.controller.model.tree.nodes[task_id].notes == "Confirmar com a Joana às 15h"
    pane.commit_notes()  # nothing new: not saved twice
    count, _versions, events = _written(handle.service)
    assert (count, events) == (before[0], before[2] + 2)


def test_the_messages_in_portuguese(qapp: QApplication) -> None:
    previous = QLocale()
    assert install_translator(qapp, "pt_BR") == "pt_BR"
    try:
        assert translate_error(StorageUnavailableError(saving=True)).startswith(
            "Não salvo: o banco de dados de tarefas está inacessível."
        )
        assert translate_error(StorageUnavailableError(saving=False)) == (
            "O banco de dados de tarefas está inacessível: a árvore pode estar desatualizada até ele voltar."
        )
    finally:
        remove_translators(qapp)
        QLocale.setDefault(previous)
        qapp.sendPostedEvents()
        qapp.processEvents()
