"""TaskManager on a shared PostgreSQL with real logins: removing a task with subtasks is a
supervisor's (the action is disabled for an operator, the tooltip says why), a single task stays
removable, and "Switch user…" works in the same window."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from helpers.fixtures import QLoop
from helpers.postgres import PostgresServer, database_name
from helpers.signin import office_logins, prepare_office_database
from integrado.access import Role
from integrado.credentials import with_login
from integrado.qt.signin import SignIn
from integrado.settings import Settings
from taskmanager_gui.app import TaskManagerHandle, build, start

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SUPERVISOR_TIP = "Only a supervisor may do this."
LOGINS = {"tm_ana": "ana pw", "tm_boss": "boss pw"}


@pytest.fixture(scope="module")
def server(office_postgres: PostgresServer) -> PostgresServer:
    office_logins(office_postgres, LOGINS, supervisors={"tm_boss"})
    return office_postgres


@pytest.fixture
def office_url(server: PostgresServer, settings: Settings, request: pytest.FixtureRequest) -> str:
    return prepare_office_database(server, database_name(request, "tm_"), settings)


@pytest.fixture
def open_as(qtbot: QtBot, settings: Settings, office_url: str) -> Iterator[Callable[[str], TaskManagerHandle]]:
    handles: list[TaskManagerHandle] = []

    def open_(user: str) -> TaskManagerHandle:
        handle = build(settings, db_url=with_login(office_url, user, LOGINS[user]))
        qtbot.addWidget(handle.window)
        handle.window.show()
        handles.append(handle)
        return handle

    yield open_
    for handle in handles:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def a_project(handle: TaskManagerHandle) -> tuple[int, int]:
    parent = handle.controller.create("Project")
    assert parent is not None
    child = handle.controller.create("Step", parent)
    assert child is not None
    return parent, child


def test_an_operator_may_not_remove_a_task_with_subtasks(open_as: Callable[[str], TaskManagerHandle]) -> None:
    handle = open_as("tm_ana")
    window = handle.window
    parent, child = a_project(handle)
    assert window.role is Role.OPERATOR
    label = window.statusBar().findChild(QLabel, "signedInLabel")
    assert label is not None and label.text() == "Signed in as tm_ana (operator)"

    window.select_task(parent)
    assert not window.act_delete.isEnabled() and window.act_delete.toolTip() == SUPERVISOR_TIP
    window.select_task(child)
    assert window.act_delete.isEnabled() and window.act_delete.toolTip() != SUPERVISOR_TIP
    window.act_delete.trigger()  # opens the confirmation; the removal itself is the controller's
    assert handle.controller.remove(child)
    window.select_task(parent)  # no subtasks left: a single task, removable
    assert window.act_delete.isEnabled()


def test_a_supervisor_may_remove_a_subtree(open_as: Callable[[str], TaskManagerHandle]) -> None:
    handle = open_as("tm_boss")
    parent, _child = a_project(handle)
    handle.window.select_task(parent)
    assert handle.window.act_delete.isEnabled() and handle.window.act_delete.toolTip() != SUPERVISOR_TIP
    assert handle.controller.remove(parent)


def test_a_single_pc_has_every_right(qtbot: QtBot, settings: Settings) -> None:
    handle = build(settings)
    qtbot.addWidget(handle.window)
    try:
        parent, _child = a_project(handle)
        handle.window.select_task(parent)
        assert handle.window.role is Role.OWNER and handle.window.act_delete.isEnabled()
        assert handle.window.findChild(QAction, "actSwitchUser") is None
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def test_switch_user_in_the_same_window(qtbot: QtBot, qloop: QLoop, settings: Settings, office_url: str) -> None:
    signin = SignIn(env={"INTEGRADO_DB_USER": "tm_ana", "INTEGRADO_DB_PASSWORD": LOGINS["tm_ana"]})
    handle = qloop.run(start(settings, db_url=office_url, signin=signin))
    qtbot.addWidget(handle.window)
    try:
        window = handle.window
        parent, _child = a_project(handle)
        window.select_task(parent)
        assert not window.act_delete.isEnabled()
        action = window.findChild(QAction, "actSwitchUser")
        assert action is not None
        action.trigger()
        qloop.wait_until(lambda: signin.dialog is not None)
        dialog = signin.dialog
        assert dialog is not None
        dialog.user.setText("tm_boss")
        dialog.password.setText(LOGINS["tm_boss"])
        dialog.sign_in_button.click()
        qloop.wait_until(lambda: handle.signed_in is not None and handle.signed_in.user == "tm_boss", timeout=15)
        assert handle.pipeline.engine.url.username == "tm_boss"
        window.select_task(parent)
        assert window.act_delete.isEnabled()
        label = window.statusBar().findChild(QLabel, "signedInLabel")
        assert label is not None and label.text() == "Signed in as tm_boss (supervisor)"
    finally:
        qloop.run(handle.shutdown())
