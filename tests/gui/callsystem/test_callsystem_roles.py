"""CallSystem on a shared PostgreSQL with real logins: the window shows who the server says is
signed in, disables what their role may not do and says why, shows the server's refusal when the
role changed meanwhile, and switches user without closing (nothing typed is lost)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from callsystem_gui.app import CallSystemHandle, build, start
from callsystem_gui.domain import CallDraft, Status
from helpers.fixtures import QLoop
from helpers.postgres import PostgresServer, database_name
from helpers.signin import office_logins, prepare_office_database
from integrado.access import Role
from integrado.credentials import with_login
from integrado.qt.signin import SignIn
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OPERATOR_TIP = "Only the operator the call is assigned to, or a supervisor, may change it."
SUPERVISOR_TIP = "Only a supervisor may do this."
LOGINS = {"cs_ana": "ana pw", "cs_bia": "bia pw", "cs_boss": "boss pw"}


@pytest.fixture(scope="module")
def server(office_postgres: PostgresServer) -> PostgresServer:
    office_logins(office_postgres, LOGINS, supervisors={"cs_boss"})
    return office_postgres


@pytest.fixture
def office_url(server: PostgresServer, settings: Settings, request: pytest.FixtureRequest) -> str:
    return prepare_office_database(server, database_name(request, "cs_"), settings)


@pytest.fixture
def open_as(qtbot: QtBot, settings: Settings, office_url: str) -> Iterator[Callable[[str], CallSystemHandle]]:
    handles: list[CallSystemHandle] = []

    def open_(user: str) -> CallSystemHandle:
        handle = build(settings, db_url=with_login(office_url, user, LOGINS[user]))
        qtbot.addWidget(handle.window)
        handle.window.resize(1400, 900)
        handle.window.show()
        handles.append(handle)
        return handle

    yield open_
    for handle in handles:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def register(handle: CallSystemHandle, caller: str, *, assign_to_me: bool = True) -> int:
    view = handle.service.register(CallDraft(caller, subject=f"{caller} calls"), assign_to_me=assign_to_me)
    handle.controller.reload()
    return view.id


def show(qtbot: QtBot, handle: CallSystemHandle, call_id: int) -> None:
    handle.controller.show_call(call_id)
    qtbot.waitUntil(lambda: handle.window.detail.call is not None and handle.window.detail.call.id == call_id)


def enabled(button: QPushButton) -> bool:
    return button.isEnabled()


def test_the_window_shows_who_the_server_says_is_signed_in(open_as: Callable[[str], CallSystemHandle]) -> None:
    handle = open_as("cs_ana")
    label = handle.window.statusBar().findChild(QLabel, "signedInLabel")
    assert label is not None and label.text() == "Signed in as cs_ana (operator)"
    assert handle.window.windowTitle() == "CallSystem — cs_ana"
    assert handle.service.operator == "cs_ana"
    assert handle.signed_in is not None and handle.signed_in.role is Role.OPERATOR


def test_an_operator_may_work_their_own_calls_but_not_a_supervisors_actions(
    qtbot: QtBot, open_as: Callable[[str], CallSystemHandle]
) -> None:
    ana, bia = open_as("cs_ana"), open_as("cs_bia")
    own = register(ana, "Own caller")
    queued = register(ana, "Queued caller", assign_to_me=False)
    others = register(bia, "Bia's caller")
    ana.controller.reload()
    pane = ana.window.detail

    show(qtbot, ana, own)
    for button in (pane.start_button, pane.wait_button, pane.close_button, pane.note_button):
        assert enabled(button), button.objectName()
    assert not pane.caller_name.isReadOnly()
    assert not pane.delete_button.isEnabled() and pane.delete_button.toolTip() == SUPERVISOR_TIP
    assert pane.save_button.toolTip() == "Save the edited fields (Ctrl+S)"

    show(qtbot, ana, queued)
    assert pane.assign_button.isEnabled()  # taking a call from the queue

    show(qtbot, ana, others)
    for button in (pane.start_button, pane.wait_button, pane.close_button, pane.save_button):
        assert not button.isEnabled() and button.toolTip() == OPERATOR_TIP, button.objectName()
    assert pane.caller_name.isReadOnly() and not pane.category.isEnabled()
    assert not pane.assign_button.isEnabled() and pane.assign_button.toolTip() == SUPERVISOR_TIP
    assert pane.note_button.isEnabled()  # anyone may add a note

    # A closed call: reopening is a supervisor's.
    call = ana.service.get(own)
    ana.service.close(own, call.version, "done")
    ana.controller.reload()
    show(qtbot, ana, own)
    assert pane.call is not None and pane.call.status is Status.CLOSED
    assert not pane.reopen_button.isEnabled() and pane.reopen_button.toolTip() == SUPERVISOR_TIP


def test_a_supervisor_has_every_button(qtbot: QtBot, open_as: Callable[[str], CallSystemHandle]) -> None:
    bia, boss = open_as("cs_bia"), open_as("cs_boss")
    others = register(bia, "Bia's caller")
    boss.controller.reload()
    show(qtbot, boss, others)
    pane = boss.window.detail
    for button in (pane.start_button, pane.close_button, pane.assign_button, pane.delete_button):
        assert button.isEnabled(), button.objectName()
        assert button.toolTip() not in (OPERATOR_TIP, SUPERVISOR_TIP)
    label = boss.window.statusBar().findChild(QLabel, "signedInLabel")
    assert label is not None and label.text() == "Signed in as cs_boss (supervisor)"


def test_a_single_pc_has_no_sign_in_and_every_right(qtbot: QtBot, settings: Settings) -> None:
    handle = build(settings)
    qtbot.addWidget(handle.window)
    try:
        assert handle.signed_in is None and handle.window.detail.role is Role.OWNER
        assert handle.window.statusBar().findChild(QLabel, "signedInLabel") is None
        assert handle.window.findChild(QAction, "actSwitchUser") is None
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def test_a_refusal_by_the_server_is_shown_and_what_was_typed_stays(
    qtbot: QtBot, open_as: Callable[[str], CallSystemHandle], server: PostgresServer, office_url: str
) -> None:
    ana = open_as("cs_ana")
    own = register(ana, "Own caller")
    show(qtbot, ana, own)
    pane = ana.window.detail
    qtbot.keyClicks(pane.subject, " (edited)")
    assert pane.dirty
    # The role lost its right meanwhile: the button is still enabled, the server says no.
    server.execute("REVOKE UPDATE ON calls FROM integrado_operator", database=office_url.rsplit("/", 1)[1])
    pane.save_button.click()
    # The service's own error (the database's refusal, recognised), in the status bar.
    assert "your role does not allow it" in ana.controller.last_message
    assert pane.subject.text() == "Own caller calls (edited)" and pane.dirty
    pane.discard_edits()  # else closing the window asks whether to save them


def test_switch_user_keeps_the_window_and_what_was_typed(
    qtbot: QtBot, qloop: QLoop, settings: Settings, office_url: str
) -> None:
    signin = SignIn(env={"INTEGRADO_DB_USER": "cs_ana", "INTEGRADO_DB_PASSWORD": LOGINS["cs_ana"]})
    handle = qloop.run(start(settings, db_url=office_url, signin=signin))
    qtbot.addWidget(handle.window)
    try:
        window = handle.window
        bia_call = qloop.run(_as_bia(settings, office_url))
        handle.controller.reload()
        qtbot.keyClicks(window.form.caller_name, "Typed before the switch")
        action = window.findChild(QAction, "actSwitchUser")
        assert action is not None
        file_menu = window.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu) and action in file_menu.actions()

        action.trigger()
        qloop.wait_until(lambda: signin.dialog is not None)
        dialog = signin.dialog
        assert dialog is not None and dialog.user.text() == ""
        dialog.user.setText("cs_boss")
        dialog.password.setText(LOGINS["cs_boss"])
        dialog.sign_in_button.click()
        qloop.wait_until(lambda: handle.signed_in is not None and handle.signed_in.user == "cs_boss", timeout=15)

        assert window.form.caller_name.text() == "Typed before the switch"
        assert window.windowTitle() == "CallSystem — cs_boss"
        assert handle.service.operator == "cs_boss" and handle.pipeline.engine.url.username == "cs_boss"
        label = window.statusBar().findChild(QLabel, "signedInLabel")
        assert label is not None and label.text() == "Signed in as cs_boss (supervisor)"
        show(qtbot, handle, bia_call)
        assert window.detail.delete_button.isEnabled()

        # Cancelling a switch keeps whoever is signed in.
        action.trigger()
        qloop.wait_until(lambda: signin.dialog is not None)
        assert signin.dialog is not None
        signin.dialog.reject()
        qloop.wait_until(lambda: signin.dialog is None)
        qloop.sleep(0.2)
        assert handle.signed_in is not None and handle.signed_in.user == "cs_boss"
        assert QApplication.activeModalWidget() is None
    finally:
        qloop.run(handle.shutdown())


async def _as_bia(settings: Settings, office_url: str) -> int:
    from callsystem_gui.service import CallService, create_pipeline
    from integrado.events import Actor

    pipeline = create_pipeline(settings, db_url=with_login(office_url, "cs_bia", LOGINS["cs_bia"]))
    try:
        service = CallService(pipeline, Actor("cs_bia", "pc-02"))
        return service.register(CallDraft("Bia's caller", subject="help")).id
    finally:
        pipeline.engine.dispose()
