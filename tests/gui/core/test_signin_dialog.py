"""The sign-in dialog against a real PostgreSQL that checks passwords: a clear message for each
failure, a window that never blocks while connecting, and "remember on this PC" through a keyring
that lives in memory."""

from __future__ import annotations

import socket
import string
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from helpers.fixtures import QLoop
from helpers.postgres import PostgresServer
from helpers.signin import MemoryKeyring
from integrado.access import Role
from integrado.credentials import KEYRING_SERVICE, Login, PasswordStore, SignInCancelledError, connect_as
from integrado.qt.signin import SignIn, SignInDialog

EVERY_PRINTABLE = "".join(ch for ch in string.printable if ch.isprintable())
QUOTED_NAME = 'ana "q" o\'neil'

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def server(office_postgres: PostgresServer) -> PostgresServer:
    pg = office_postgres
    pg.create_login("dlg_ana", EVERY_PRINTABLE)
    pg.create_login(QUOTED_NAME, "quoted pw")
    pg.create_login("dlg_locked", "pw", options="NOLOGIN")
    pg.create_login("dlg_expired", "pw", options="LOGIN VALID UNTIL '2001-01-01'")
    pg.ensure_office_roles()
    pg.create_login("dlg_boss", "boss pw", "integrado_supervisor")
    return pg


def open_dialog(qtbot: QtBot, url: str, *, timeout: int = 5, user: str = "") -> SignInDialog:
    dialog = SignInDialog("CallSystem", "test server", lambda u, p: connect_as(url, u, p, timeout=timeout), user=user)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def attempt(qtbot: QtBot, dialog: SignInDialog, user: str, password: str, *, wait: float = 10.0) -> str:
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.sign_in_button.click()
    assert dialog.busy
    qtbot.waitUntil(lambda: not dialog.busy, timeout=int(wait * 1000))
    return dialog.message.text()


def test_each_failure_says_why_at_the_dialog(qtbot: QtBot, server: PostgresServer) -> None:
    dialog = open_dialog(qtbot, server.server_url("postgres"))
    assert "Wrong user name or password" in attempt(qtbot, dialog, "dlg_ana", "not it")
    assert dialog.password.text() == ""  # wrong: typed again from empty
    assert "Wrong user name or password" in attempt(qtbot, dialog, "nobody", "x")
    assert "has expired" in attempt(qtbot, dialog, "dlg_expired", "pw")  # the server does not tell expired apart
    assert "locked" in attempt(qtbot, dialog, "dlg_locked", "pw")
    assert "Enter your password" in attempt(qtbot, dialog, "dlg_ana", "")
    dialog.user.setText("")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.message.text() == "Enter your user name."
    assert "control characters" in attempt(qtbot, dialog, "a\tb", "x")
    assert dialog.isVisible() and dialog.login is None
    # A name with spaces and quotes and a password with every printable character both work.
    dialog.user.setText(QUOTED_NAME)
    dialog.password.setText("quoted pw")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.sign_in_button.click()
    assert dialog.login is not None and dialog.login.user == QUOTED_NAME


def test_a_password_with_every_printable_character_signs_in(qtbot: QtBot, server: PostgresServer) -> None:
    dialog = open_dialog(qtbot, server.server_url("postgres"))
    dialog.user.setText("  dlg_ana ")
    dialog.password.setText(EVERY_PRINTABLE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.sign_in_button.click()
    assert dialog.login is not None
    assert (dialog.login.user, dialog.login.signed_in.role) == ("dlg_ana", Role.OPERATOR)


def test_ten_wrong_passwords_leave_the_dialog_usable(qtbot: QtBot, server: PostgresServer) -> None:
    dialog = open_dialog(qtbot, server.server_url("postgres"))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    started = time.monotonic()
    for _ in range(10):
        assert "Wrong user name or password" in attempt(qtbot, dialog, "dlg_ana", "wrong")
        assert dialog.sign_in_button.isEnabled() and not dialog.user.isReadOnly()
    timer.stop()
    assert dialog.attempts == 10
    # The window kept painting and answering while it connected: no gap in the timer's ticks.
    gaps = [b - a for a, b in zip([started, *ticks], ticks, strict=False)]
    assert max(gaps) < 0.5, max(gaps)
    dialog.password.setText(EVERY_PRINTABLE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.sign_in_button.click()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never answers (a hung server, a half-open VPN)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_a_server_that_does_not_answer_times_out_without_freezing(qtbot: QtBot, silent_server: int) -> None:
    dialog = open_dialog(qtbot, f"postgresql+psycopg://127.0.0.1:{silent_server}/x", timeout=2)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    started = time.monotonic()
    message = attempt(qtbot, dialog, "ana", "pw", wait=8)
    elapsed = time.monotonic() - started
    timer.stop()
    assert "does not answer" in message
    assert 1.5 < elapsed < 6, elapsed
    assert max(b - a for a, b in zip([started, *ticks], ticks, strict=False)) < 0.5


def test_a_stopped_server_is_said_to_be_down(qtbot: QtBot) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog = open_dialog(qtbot, f"postgresql+psycopg://127.0.0.1:{port}/x")
    assert "does not answer" in attempt(qtbot, dialog, "ana", "pw")


def test_remember_on_this_pc_keeps_the_password_in_the_keyring_only(
    qtbot: QtBot, qloop: QLoop, server: PostgresServer, memory_keyring: MemoryKeyring
) -> None:
    url = server.server_url("postgres")
    signin = SignIn()
    pending = qloop.create_task(signin.login_for(url, program="CallSystem"))
    qloop.wait_until(lambda: signin.dialog is not None)
    dialog = signin.dialog
    assert dialog is not None and dialog.user.text() == ""
    dialog.user.setText("dlg_boss")
    dialog.password.setText("boss pw")
    dialog.remember.setChecked(True)
    dialog.sign_in_button.click()
    qloop.wait_until(pending.done)
    login: Login = pending.result()
    assert (login.user, login.signed_in.role, login.remembered) == ("dlg_boss", Role.SUPERVISOR, True)
    server_name = f"127.0.0.1:{server.port}"
    assert memory_keyring.entries[(KEYRING_SERVICE, f"dlg_boss@{server_name}")] == "boss pw"

    # Next start on this PC: no dialog at all.
    again = SignIn()
    login = qloop.run(again.login_for(url, program="TaskManager"))
    assert login.user == "dlg_boss" and again.dialog is None

    # The password changed on the server: the dialog opens, the name filled in, the reason shown;
    # signing in without "remember" forgets the old password.
    server.execute("ALTER ROLE dlg_boss PASSWORD 'new boss pw'")
    third = SignIn()
    pending = qloop.create_task(third.login_for(url, program="CallSystem"))
    qloop.wait_until(lambda: third.dialog is not None)
    dialog = third.dialog
    assert dialog is not None
    assert dialog.user.text() == "dlg_boss" and "Wrong user name or password" in dialog.message.text()
    assert dialog.remember.isChecked()
    dialog.remember.setChecked(False)
    dialog.password.setText("new boss pw")
    dialog.sign_in_button.click()
    qloop.wait_until(pending.done)
    assert pending.result().user == "dlg_boss"
    assert PasswordStore().password(server_name, "dlg_boss") is None
    assert "new boss pw" not in str(memory_keyring.entries.values())


def test_cancelling_the_dialog_cancels_the_start(qtbot: QtBot, qloop: QLoop, server: PostgresServer) -> None:
    signin = SignIn()
    pending = qloop.create_task(signin.login_for(server.server_url("postgres"), program="CallSystem"))
    qloop.wait_until(lambda: signin.dialog is not None)
    assert signin.dialog is not None
    signin.dialog.reject()
    qloop.wait_until(pending.done)
    with pytest.raises(SignInCancelledError):
        pending.result()


def test_the_environment_signs_in_without_a_dialog(qloop: QLoop, server: PostgresServer) -> None:
    signin = SignIn(env={"INTEGRADO_DB_USER": "dlg_ana", "INTEGRADO_DB_PASSWORD": EVERY_PRINTABLE})
    login = qloop.run(signin.login_for(server.server_url("postgres"), program="CallSystem"))
    assert login.user == "dlg_ana" and signin.dialog is None


def test_a_login_named_in_the_settings_is_used_and_asked_for_only_when_refused(
    qloop: QLoop, server: PostgresServer
) -> None:
    # The owner is trusted by this server (as a .pgpass or a trusting pg_hba.conf would be).
    owner = SignIn()
    named = f"postgresql+psycopg://integrado@127.0.0.1:{server.port}/postgres"
    login = qloop.run(owner.login_for(named, program="CallSystem"))
    assert login.signed_in.role is Role.OWNER and owner.dialog is None

    refused = SignIn()
    pending = qloop.create_task(
        refused.login_for(f"postgresql+psycopg://dlg_ana@127.0.0.1:{server.port}/postgres", program="CallSystem")
    )
    qloop.wait_until(lambda: refused.dialog is not None)
    dialog = refused.dialog
    assert dialog is not None
    assert dialog.user.text() == "dlg_ana" and "Enter your password" in dialog.message.text()
    dialog.password.setText(EVERY_PRINTABLE)
    dialog.sign_in_button.click()
    qloop.wait_until(pending.done)
    assert pending.result().user == "dlg_ana"
