"""Signing in to a shared PostgreSQL: the dialog, and the session that keeps one login per server.

    signin = SignIn()
    login = await signin.login_for(url, program="CallSystem")     # dialog only when needed
    add_switch_user_action(window, lambda: ...)                    # File > Switch user…

The dialog connects in a worker thread (libpq's connect timeout bounds it), so a server that does
not answer never freezes a window, and ten wrong passwords in a row leave it as usable as the
first. One `SignIn` serves every window of a process: `integrado run` signs in once per server,
and "Switch user…" in any window switches them all (`login_changed`).

A login the settings' URL names (its password in libpq's `.pgpass`, or a server that trusts the
PC) is used as it is. A remembered password (OS keyring) is used without showing the dialog: that is what "remember on
this PC" means to an operator. When it no longer works (changed, expired, account locked) the
dialog opens with the reason, the user name filled in.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import make_url

from integrado.access import Role
from integrado.access.identity import SignedIn
from integrado.credentials import (
    MESSAGES,
    Failure,
    Login,
    PasswordStore,
    SignInCancelledError,
    SignInError,
    connect_as,
    env_login,
    server_key,
    with_login,
)

Connect = Callable[[str, str], Login]


def failure_text(error: SignInError) -> str:
    """The reason in the user's language; the server's own words only where no reason fits."""
    text = QCoreApplication.translate("SignIn", MESSAGES[error.failure])
    return text.replace("%1", error.detail or error.failure.value)


def role_text(role: Role) -> str:
    return {
        Role.OPERATOR: QCoreApplication.translate("SignIn", "operator"),
        Role.SUPERVISOR: QCoreApplication.translate("SignIn", "supervisor"),
        Role.OWNER: QCoreApplication.translate("SignIn", "database owner"),
    }[role]


class _Result(QObject):
    """Carries a worker thread's answer to the dialog's thread (a queued signal)."""

    done = Signal(int, object)  # attempt number, Login | SignInError


class SignInDialog(QDialog):
    """User, password, "remember on this PC"; Sign in connects in a worker thread and shows why a
    sign-in failed right here. `login` holds the login that worked once the dialog is accepted."""

    def __init__(
        self,
        program: str,
        server: str,
        connect: Connect,
        *,
        user: str = "",
        message: str = "",
        remember: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in — %1").replace("%1", program))
        self.setWindowModality(Qt.WindowModality.ApplicationModal if parent is None else Qt.WindowModality.WindowModal)
        self._connect = connect
        self._attempt = 0
        self.attempts = 0
        self.login: Login | None = None
        self.busy = False

        intro = QLabel(self.tr("Sign in with your own database login to work on %1.").replace("%1", server), self)
        intro.setObjectName("signInIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.user = QLineEdit(user, self)
        self.user.setObjectName("signInUser")
        self.user.setMaxLength(200)
        self.password = QLineEdit(self)
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember on this PC"), self)
        self.remember.setObjectName("signInRemember")
        self.remember.setChecked(remember)
        self.remember.setToolTip(
            self.tr("Keep the password in this PC's keyring (never in a file) and sign in without asking.")
        )
        self.message = QLabel(message, self)
        self.message.setObjectName("signInMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the server's words are data
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setVisible(bool(message))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setObjectName("signInButton")
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.remember)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._result = _Result(self)
        self._result.done.connect(self._answered)
        (self.password if user else self.user).setFocus()
        self.resize(420, self.sizeHint().height())

    def try_sign_in(self) -> None:
        """Connect as the typed user in a worker thread; the window stays responsive meanwhile."""
        if self.busy:
            return
        self._attempt += 1
        self.attempts += 1
        attempt, user, password = self._attempt, self.user.text(), self.password.text()
        self._set_busy(True)
        self.message.setStyleSheet("color: palette(window-text);")
        self.message.setText(self.tr("Signing in…"))
        self.message.show()
        result = self._result

        def work() -> None:
            answer: Login | SignInError
            try:
                answer = self._connect(user, password)
            except SignInError as exc:
                answer = exc
            except Exception as exc:  # noqa: BLE001 - shown at the dialog, never a crash
                answer = SignInError(Failure.OTHER, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            try:
                result.done.emit(attempt, answer)
            except RuntimeError:  # the dialog was closed meanwhile
                pass

        threading.Thread(target=work, name="sign-in", daemon=True).start()

    def _answered(self, attempt: int, answer: object) -> None:
        if attempt != self._attempt or self.result() != 0 or not self.isVisible():
            return  # an answer for a dialog already closed
        self._set_busy(False)
        if isinstance(answer, Login):
            self.login = answer
            self.accept()
            return
        assert isinstance(answer, SignInError)
        self.show_failure(answer)

    def show_failure(self, error: SignInError) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(failure_text(error))
        self.message.show()
        if error.failure in (Failure.NO_USER, Failure.BAD_NAME):
            self.user.setFocus()
            self.user.selectAll()
        elif error.failure in (Failure.WRONG_PASSWORD, Failure.NO_PASSWORD):
            self.password.clear()
            self.password.setFocus()
        else:
            self.password.setFocus()
            self.password.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.user.setReadOnly(busy)
        self.password.setReadOnly(busy)
        self.sign_in_button.setEnabled(not busy)


class SignIn(QObject):
    """One login per database server for the whole process, asked once and kept in memory (the
    password too, to open the other apps' databases on that server); remembered passwords in the
    OS keyring. `login_changed(server, login)` tells every window of a switch of user."""

    login_changed = Signal(str, object)  # server key, Login

    def __init__(
        self,
        *,
        store: PasswordStore | None = None,
        env: Mapping[str, str] | None = None,
        connect: Callable[..., Login] = connect_as,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store or PasswordStore()
        self._env = env
        self._connect = connect
        self._secrets: dict[str, tuple[str, str]] = {}
        self.logins: dict[str, Login] = {}
        self.dialog: SignInDialog | None = None

    async def login_for(self, url: str, *, program: str, parent: QWidget | None = None) -> Login:
        """A login for `url`'s database: the one already used on that server, else the
        environment's, else the remembered one, else asked. Raises `SignInCancelledError`."""
        server = server_key(url)
        message, user, tried = "", "", None
        if server in self._secrets:
            tried = self._secrets[server]
        elif (given := env_login(self._env)) is not None:
            tried = given
        elif (named := make_url(url)).username:
            # The settings name the login (libpq may find its password in .pgpass, or the server
            # trusts this PC): use it as it is, and ask only when the server refuses it.
            tried = (named.username, named.password or "")
        else:
            last = self.store.last_user(server)
            password = self.store.password(server, last) if last else None
            if last and password is not None:
                tried = (last, password)
            user = last or ""
        if tried is not None:
            user = tried[0]
            try:
                login = await asyncio.to_thread(self._connect, url, tried[0], tried[1])
            except SignInError as exc:
                message = failure_text(exc)
            else:
                self._keep(server, tried[0], tried[1], login)
                return login
        login_or_none = await self.ask(url, program=program, user=user, message=message, parent=parent)
        if login_or_none is None:
            raise SignInCancelledError(program)
        return login_or_none

    async def switch_user(self, url: str, *, program: str, parent: QWidget | None = None) -> Login | None:
        """Ask for another login (the dialog starts empty: the next person at the PC); on success
        every window on that server follows (`login_changed`). None: cancelled, nothing changed."""
        login = await self.ask(url, program=program, parent=parent)
        if login is not None:
            self.login_changed.emit(server_key(url), login)
        return login

    async def ask(
        self, url: str, *, program: str, user: str = "", message: str = "", parent: QWidget | None = None
    ) -> Login | None:
        """Show the dialog (never `exec()`: we run on the asyncio loop) and wait for it."""
        server = server_key(url)
        remembered = bool(user) and self.store.password(server, user) is not None
        typed: dict[str, str] = {}

        def connect(name: str, password: str) -> Login:
            login = self._connect(url, name, password)
            typed.update(user=name.strip(), password=password)
            return login

        dialog = SignInDialog(program, server, connect, user=user, message=message, remember=remembered, parent=parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Read at `finished`, before the dialog deletes itself.
        finished: asyncio.Future[tuple[Login | None, bool]] = asyncio.get_running_loop().create_future()

        def done(_code: int) -> None:
            if not finished.done():
                finished.set_result((dialog.login, dialog.remember.isChecked()))

        dialog.finished.connect(done)
        self.dialog = dialog
        dialog.open()
        try:
            login, remember = await finished
        finally:
            self.dialog = None
        if login is None:
            return None
        if remember:
            login = Login(
                url=login.url,
                signed_in=login.signed_in,
                remembered=self.store.remember(server, typed["user"], typed["password"]),
            )
        else:
            self.store.forget(server, typed["user"])
        self._keep(server, typed["user"], typed["password"], login)
        return login

    def login_url(self, url: str) -> str:
        """`url` with the login signed in to its server (another app's database on that server)."""
        user, password = self._secrets[server_key(url)]
        return with_login(url, user, password)

    def _keep(self, server: str, user: str, password: str, login: Login) -> None:
        self._secrets[server] = (user, password)
        self.logins[server] = login
        self.store.set_last_user(server, user)


def signed_in_text(signed_in: SignedIn) -> str:
    return (
        QCoreApplication.translate("SignIn", "Signed in as %1 (%2)")
        .replace("%1", signed_in.user)
        .replace("%2", role_text(signed_in.role))
    )


def show_signed_in(window: QMainWindow, signed_in: SignedIn) -> QLabel:
    """Who is signed in, as the server names them, in the window's status bar."""
    bar: QStatusBar = window.statusBar()
    label = bar.findChild(QLabel, "signedInLabel")
    if label is None:
        label = QLabel(bar)
        label.setObjectName("signedInLabel")
        label.setTextFormat(Qt.TextFormat.PlainText)
        bar.addPermanentWidget(label)
    label.setText(signed_in_text(signed_in))
    return label


def add_switch_user_action(window: QMainWindow, slot: Callable[[], object]) -> QAction:
    """File > Switch user… (the File menu is made, first in the bar, when the window has none)."""
    titles = {"file", "arquivo", _plain(QCoreApplication.translate("SignIn", "&File")).lower()}
    menu: QMenu | None = None
    for action in window.menuBar().actions():
        sub = action.menu()
        if isinstance(sub, QMenu) and _plain(sub.title()).lower() in titles:
            menu = sub
    if menu is None:
        menu = QMenu(QCoreApplication.translate("SignIn", "&File"), window.menuBar())
        menu.setObjectName("fileMenu")
        actions = window.menuBar().actions()
        if actions:
            window.menuBar().insertMenu(actions[0], menu)
        else:
            window.menuBar().addMenu(menu)
    action = QAction(QCoreApplication.translate("SignIn", "S&witch user…"), window)
    action.setObjectName("actSwitchUser")
    action.setToolTip(QCoreApplication.translate("SignIn", "Sign out and sign in as someone else, without closing"))
    action.triggered.connect(lambda _checked=False: slot())
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)  # type: ignore[arg-type]
    if first is not None:
        menu.insertSeparator(first)
    return action


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
