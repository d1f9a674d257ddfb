"""Database logins of an office: who signs in to a shared PostgreSQL, and with what.

Each operator and supervisor has their own PostgreSQL login. The settings' database URL names the
server and the database but never a password; the password comes from the sign-in dialog, the OS
keyring ("remember on this PC": service `integrado-db`, one entry per login and server, never a
file) or, for services and tests, the environment (`INTEGRADO_DB_USER`, `INTEGRADO_DB_PASSWORD`).

A login is put into the URL with SQLAlchemy's `URL.set`, which quotes every character (a password
may hold `@`, `:`, `/`, `%`, quotes and spaces); nothing here builds a URL by concatenation.
Qt-free: the dialog (`integrado.qt.signin`) drives it from a worker thread.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import URL, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from integrado.access.identity import SignedIn, who_am_i
from integrado.db import make_engine

log = logging.getLogger(__name__)

KEYRING_SERVICE = "integrado-db"
ENV_USER = "INTEGRADO_DB_USER"
ENV_PASSWORD = "INTEGRADO_DB_PASSWORD"  # noqa: S105 - a variable name
# libpq's shortest useful connect timeout is 2 s; a few seconds tell "down" from "slow".
SIGN_IN_TIMEOUT = 5
# PostgreSQL cuts identifiers to 63 bytes (NAMEDATALEN - 1): a longer name would be another login.
MAX_LOGIN_BYTES = 63


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation in `context` without Qt; the dialog translates it."""
    return text


class Failure(StrEnum):
    """Why a sign-in failed, each with its own message at the dialog."""

    NO_USER = "no_user"
    BAD_NAME = "bad_name"
    NO_PASSWORD = "no_password"  # noqa: S105 - a reason, not a password
    # Also an expired password: the server does not say which.
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 - a reason, not a password
    DISABLED = "disabled"
    NOT_FROM_HERE = "not_from_here"
    SERVER_DOWN = "server_down"
    SERVER_BUSY = "server_busy"
    NO_DATABASE = "no_database"
    OTHER = "other"


MESSAGES: dict[Failure, str] = {
    Failure.NO_USER: QT_TRANSLATE_NOOP("SignIn", "Enter your user name."),
    Failure.BAD_NAME: QT_TRANSLATE_NOOP(
        "SignIn", "A user name has at most 63 bytes and no control characters (tabs, line breaks)."
    ),
    Failure.NO_PASSWORD: QT_TRANSLATE_NOOP("SignIn", "Enter your password."),
    Failure.WRONG_PASSWORD: QT_TRANSLATE_NOOP(
        "SignIn",
        "Wrong user name or password, or the password has expired (the server does not say which). "
        "Check Caps Lock and try again; if it keeps failing, ask a supervisor to reset your password.",
    ),
    Failure.DISABLED: QT_TRANSLATE_NOOP(
        "SignIn", "This account is locked: it may not sign in. Ask a supervisor to enable it again."
    ),
    Failure.NOT_FROM_HERE: QT_TRANSLATE_NOOP(
        "SignIn", "The server does not accept this user from this PC. Ask the administrator (pg_hba.conf)."
    ),
    Failure.SERVER_DOWN: QT_TRANSLATE_NOOP(
        "SignIn", "The database server does not answer. Check the network, or try again in a minute."
    ),
    Failure.SERVER_BUSY: QT_TRANSLATE_NOOP(
        "SignIn", "The database server is starting, stopping or full. Try again in a minute."
    ),
    Failure.NO_DATABASE: QT_TRANSLATE_NOOP(
        "SignIn", "The database named in the settings does not exist on the server. Ask the administrator."
    ),
    Failure.OTHER: QT_TRANSLATE_NOOP("SignIn", "Could not sign in: %1"),
}


class SignInError(Exception):
    """A sign-in that failed, with the reason (`failure`) and the server's own words (`detail`)."""

    def __init__(self, failure: Failure, detail: str = "") -> None:
        super().__init__(f"{failure.value}: {detail}" if detail else failure.value)
        self.failure = failure
        self.detail = detail


class SignInCancelledError(Exception):
    """The person closed the sign-in dialog: the program stops without opening its window."""


@dataclass(frozen=True, slots=True)
class Login:
    """A login that worked: the URL to connect with (password included) and who the server says
    it is. `repr` never shows the password."""

    url: str = field(repr=False)
    signed_in: SignedIn
    remembered: bool = False

    @property
    def user(self) -> str:
        return self.signed_in.user


def needs_sign_in(url: str) -> bool:
    """A shared PostgreSQL database needs a login of the operator's own; a SQLite file does not
    (on one PC the OS login is the operator)."""
    try:
        return make_url(url).get_backend_name() == "postgresql"
    except SQLAlchemyError:
        return False


def server_key(url: str) -> str:
    """Which server a URL points at: logins are per server (a PostgreSQL cluster), not per
    database, so one sign-in serves every app whose database is on that server."""
    parsed = make_url(url)
    host = parsed.host or parsed.query.get("host") or "localhost"
    if not isinstance(host, str):
        host = ",".join(host)
    return f"{host}:{parsed.port or 5432}"


def with_login(url: str | URL, user: str, password: str | None) -> str:
    """The URL with `user` and `password` put in, quoted by SQLAlchemy (any printable character
    survives), rendered with the password for the engine."""
    parsed = make_url(url).set(username=user, password=password or None)
    return parsed.render_as_string(hide_password=False)


def check_name(user: str) -> str:
    """The user name as typed, without surrounding blanks; spaces and quotes inside are allowed
    (PostgreSQL login names may hold them, and the URL quotes them)."""
    name = user.strip()
    if not name:
        raise SignInError(Failure.NO_USER)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name) or len(name.encode("utf-8")) > MAX_LOGIN_BYTES:
        raise SignInError(Failure.BAD_NAME)
    return name


def classify(exc: BaseException) -> SignInError:
    """The reason a connect failed, from the server's SQLSTATE and libpq's message."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    sqlstate = getattr(orig, "sqlstate", None) or ""
    text = str(orig).strip()
    lowered = text.lower()
    detail = text.splitlines()[-1] if text else ""
    if "is not permitted to log in" in lowered:
        return SignInError(Failure.DISABLED, detail)
    if sqlstate == "28P01" or "password authentication failed" in lowered:
        return SignInError(Failure.WRONG_PASSWORD, detail)
    if "no password supplied" in lowered:
        return SignInError(Failure.NO_PASSWORD, detail)
    if "role" in lowered and "does not exist" in lowered:
        # Only a server that trusts without a password says so; treated like a wrong password.
        return SignInError(Failure.WRONG_PASSWORD, detail)
    if "pg_hba.conf" in lowered:
        return SignInError(Failure.NOT_FROM_HERE, detail)
    if sqlstate == "3D000" or ("database" in lowered and "does not exist" in lowered):
        return SignInError(Failure.NO_DATABASE, detail)
    if sqlstate in ("57P03", "53300") or "starting up" in lowered or "shutting down" in lowered:
        return SignInError(Failure.SERVER_BUSY, detail)
    if not sqlstate or sqlstate.startswith("08"):
        return SignInError(Failure.SERVER_DOWN, detail)
    return SignInError(Failure.OTHER, detail)


def connect_as(url: str, user: str, password: str, *, timeout: int = SIGN_IN_TIMEOUT) -> Login:
    """Connect once as `user` and ask the server who that is. Blocking for at most about
    `timeout` seconds: call it from a worker thread."""
    name = check_name(user)
    login_url = with_login(url, name, password)
    engine = make_engine(login_url, poolclass=NullPool, connect_args={"connect_timeout": timeout})
    try:
        with engine.connect() as connection:
            signed_in = who_am_i(connection)
    except DBAPIError as exc:
        error = classify(exc)
        log.info("sign-in as %r on %s failed: %s", name, server_key(url), error.failure.value)
        raise error from None
    finally:
        engine.dispose()
    return Login(url=login_url, signed_in=signed_in)


def env_login(env: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The login given by the environment (a service, a test, a kiosk), or None."""
    env = os.environ if env is None else env
    user = env.get(ENV_USER)
    if not user:
        return None
    return user, env.get(ENV_PASSWORD, "")


class PasswordStore:
    """Remembered passwords in the OS keyring, one entry per login and server
    (`ana@db.office:5432`), and the last login that signed in to each server (not a secret, kept
    beside them so the dialog can offer it). Every keyring failure counts as "not remembered": a
    PC without a keyring simply asks each time."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    @staticmethod
    def key(server: str, user: str) -> str:
        return f"{user}@{server}"

    def password(self, server: str, user: str) -> str | None:
        return self._get(self.key(server, user))

    def last_user(self, server: str) -> str | None:
        return self._get(f"last-user@{server}")

    def remember(self, server: str, user: str, password: str) -> bool:
        """Keep the password; False when the PC has no usable keyring (the dialog says so)."""
        try:
            import keyring

            keyring.set_password(self.service, self.key(server, user), password)
            return True
        except Exception as exc:  # noqa: BLE001 - no keyring backend is a normal state
            log.warning("could not keep the password in the keyring: %s", type(exc).__name__)
            return False

    def forget(self, server: str, user: str) -> None:
        try:
            import keyring

            keyring.delete_password(self.service, self.key(server, user))
        except Exception:  # noqa: BLE001 - nothing stored, or no keyring: nothing to forget
            pass

    def set_last_user(self, server: str, user: str) -> None:
        try:
            import keyring

            keyring.set_password(self.service, f"last-user@{server}", user)
        except Exception:  # noqa: BLE001 - a convenience only
            pass

    def _get(self, key: str) -> str | None:
        try:
            import keyring

            return keyring.get_password(self.service, key)
        except Exception:  # noqa: BLE001 - no keyring backend is a normal state
            return None
