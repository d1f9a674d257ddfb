"""The suite in one process signs in once per server: CallSystem asks, TaskManager on the same
server does not, and "Switch user…" in one window switches the other too."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from callsystem_gui.app import start as start_calls
from helpers.fixtures import QLoop
from helpers.postgres import PostgresServer
from helpers.signin import office_logins, prepare_office_database
from integrado.qt.signin import SignIn
from integrado.settings import Settings
from taskmanager_gui.app import start as start_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_one_sign_in_for_every_window_and_one_switch_for_all(
    qtbot: QtBot, qloop: QLoop, settings: Settings, office_postgres: PostgresServer
) -> None:
    pg = office_postgres
    url = prepare_office_database(pg, "suite_signin", settings)
    office_logins(pg, {"su_ana": "ana pw", "su_boss": "boss pw"}, supervisors={"su_boss"})
    signin = SignIn()

    pending = qloop.create_task(start_calls(settings, db_url=url, signin=signin))
    qloop.wait_until(lambda: signin.dialog is not None)
    dialog = signin.dialog
    assert dialog is not None
    dialog.user.setText("su_ana")
    dialog.password.setText("ana pw")
    dialog.sign_in_button.click()
    qloop.wait_until(pending.done, timeout=15)
    calls = pending.result()
    qtbot.addWidget(calls.window)
    tasks = qloop.run(start_tasks(settings, db_url=url, signin=signin))  # no dialog: same server
    qtbot.addWidget(tasks.window)
    try:
        assert calls.signed_in is not None and tasks.signed_in is not None
        assert calls.signed_in.user == tasks.signed_in.user == "su_ana"

        action = calls.window.findChild(QAction, "actSwitchUser")
        assert action is not None
        action.trigger()
        qloop.wait_until(lambda: signin.dialog is not None)
        dialog = signin.dialog
        assert dialog is not None and dialog.parent() is calls.window
        dialog.user.setText("su_boss")
        dialog.password.setText("boss pw")
        dialog.sign_in_button.click()
        qloop.wait_until(
            lambda: all(h.signed_in is not None and h.signed_in.user == "su_boss" for h in (calls, tasks)),
            timeout=15,
        )
        assert tasks.pipeline.engine.url.username == "su_boss"
    finally:
        qloop.run(calls.shutdown())
        qloop.run(tasks.shutdown())
