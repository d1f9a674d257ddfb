"""`integrado admin` against a real PostgreSQL that checks passwords: logins made with a one-time
password that works, idempotent commands that say what they did, odd names quoted, impossible
ones refused with a message, roles changed and logins disabled."""

from __future__ import annotations

import re
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text

from helpers.postgres import PostgresServer
from integrado.db import make_engine
from integrado_suite.cli import main as cli

DATABASE = "admin"
ODD_NAME = 'Ana "Nina" D\'Ávila'


@pytest.fixture(scope="module")
def server(office_postgres: PostgresServer) -> Iterator[PostgresServer]:
    office_postgres.execute(f"CREATE DATABASE {DATABASE}")
    yield office_postgres


def admin(server: PostgresServer, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli(["admin", *args, "--db", server.owner_url(DATABASE)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_time_password(out: str) -> str:
    found = re.findall(r"one-time password for .*: (\S+)$", out, re.MULTILINE)
    assert len(found) == 1, out
    return str(found[0])


def sign_in(server: PostgresServer, user: str, password: str) -> tuple[str, bool]:
    """(session_user, member of the supervisors) for a login that signs in with its password."""
    with server.connect_as(DATABASE, user, password) as conn:
        row = conn.execute(
            "SELECT session_user, pg_has_role(session_user, 'integrado_supervisor', 'MEMBER')"
        ).fetchone()
    assert row is not None
    return str(row[0]), bool(row[1])


def listed(server: PostgresServer, capsys: pytest.CaptureFixture[str]) -> dict[str, tuple[str, str]]:
    status, out, _ = admin(server, capsys, "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["user", "role", "enabled"]
    width = lines[0].index("role") - 2
    return {line[:width].rstrip(): tuple(line[width:].split()) for line in lines[1:]}  # type: ignore[misc]


def test_add_user_prints_a_password_that_works_once(server: PostgresServer, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = admin(server, capsys, "add-user", "gil", "--role", "operator")
    assert status == 0, err
    assert "created login 'gil' with role operator" in out
    password = one_time_password(out)
    assert sign_in(server, "gil", password) == ("gil", False)

    status, out, err = admin(server, capsys, "add-user", "gil", "--role", "operator")
    assert status == 0, err
    assert "already exists with role operator; nothing changed" in out
    assert "one-time password" not in out
    assert sign_in(server, "gil", password) == ("gil", False)

    status, out, _ = admin(server, capsys, "add-user", "gil", "--role", "operator", "--reset-password")
    assert status == 0
    new_password = one_time_password(out)
    assert new_password != password
    with pytest.raises(psycopg.OperationalError):
        sign_in(server, "gil", password)
    assert sign_in(server, "gil", new_password) == ("gil", False)


def test_add_user_with_another_role_points_to_set_role(
    server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert admin(server, capsys, "add-user", "hugo", "--role", "operator")[0] == 0
    status, _, err = admin(server, capsys, "add-user", "hugo", "--role", "supervisor")
    assert status == 1
    assert "already exists with role operator" in err and "set-role 'hugo' --role supervisor" in err
    assert listed(server, capsys)["hugo"] == ("operator", "yes")


def test_a_name_with_spaces_and_quotes_is_quoted(server: PostgresServer, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = admin(server, capsys, "add-user", ODD_NAME, "--role", "supervisor")
    assert status == 0, err
    password = one_time_password(out)
    assert sign_in(server, ODD_NAME, password) == (ODD_NAME, True)
    # The URL an app signs in with, as SQLAlchemy quotes it.
    engine = make_engine(server.login_url(DATABASE, ODD_NAME, password))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT session_user")).scalar_one() == ODD_NAME
    finally:
        engine.dispose()
    assert listed(server, capsys)[ODD_NAME] == ("supervisor", "yes")
    assert admin(server, capsys, "add-user", ODD_NAME, "--role", "supervisor")[0] == 0


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "empty"),
        (" ivo", "starts or ends with a space"),
        ("ivo\nDROP ROLE integrado", "control character"),
        ("i" * 64, "longer than PostgreSQL's 63 bytes"),
        ("ç" * 32, "longer than PostgreSQL's 63 bytes"),
        ("pg_monitor", "reserved"),
        ("integrado_supervisor", "reserved"),
    ],
)
def test_a_name_postgresql_would_change_or_refuse_is_refused(
    server: PostgresServer, capsys: pytest.CaptureFixture[str], name: str, why: str
) -> None:
    status, out, err = admin(server, capsys, "add-user", name, "--role", "operator")
    assert status == 1
    assert why in err and not out
    assert name not in listed(server, capsys)


def test_logins_not_made_for_the_office_are_left_alone(
    server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (("add-user", "integrado", "--role", "operator"), ("set-role", "integrado", "--role", "operator")):
        status, _, err = admin(server, capsys, *args)
        assert status == 1 and "is a superuser; it is left as it is" in err
    status, _, err = admin(server, capsys, "set-role", "nobody-here", "--role", "operator")
    assert status == 1 and "there is no login 'nobody-here'" in err


def test_set_role_and_disable(server: PostgresServer, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = admin(server, capsys, "add-user", "jana", "--role", "operator", "--valid-days", "30")
    password = one_time_password(out)

    status, out, _ = admin(server, capsys, "set-role", "jana", "--role", "supervisor")
    assert status == 0 and "role operator -> supervisor" in out
    assert sign_in(server, "jana", password) == ("jana", True)
    status, out, _ = admin(server, capsys, "set-role", "jana", "--role", "supervisor")
    assert status == 0 and "already has role supervisor; nothing changed" in out

    with server.connect_as(DATABASE, "jana", password) as open_session:
        status, out, _ = admin(server, capsys, "disable", "jana")
        assert status == 0 and "disabled; 1 open session(s) ended" in out
        with pytest.raises(psycopg.OperationalError):
            open_session.execute("SELECT 1")
    with pytest.raises(psycopg.OperationalError):
        sign_in(server, "jana", password)
    status, out, _ = admin(server, capsys, "disable", "jana")
    assert status == 0 and "was already disabled; 0 open session(s) ended" in out
    assert listed(server, capsys)["jana"] == ("supervisor", "no")

    # add-user enables a disabled login again, with a new password.
    status, out, _ = admin(server, capsys, "add-user", "jana", "--role", "supervisor")
    assert "enabled again with a new password" in out
    assert sign_in(server, "jana", one_time_password(out)) == ("jana", True)


def test_the_relay_service_login(server: PostgresServer, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = admin(server, capsys, "add-user", "relay-a", "--role", "relay")
    assert status == 0
    password = one_time_password(out)
    with server.connect_as(DATABASE, "relay-a", password) as conn:
        assert conn.execute("SELECT count(*) FROM integrado_outbox").fetchone() == (0,)
    assert listed(server, capsys)["relay-a"] == ("relay", "yes")


def test_the_settings_database_by_default(
    server: PostgresServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTEGRADO_CALLSYSTEM_DB", server.owner_url(DATABASE))
    monkeypatch.setenv("INTEGRADO_TASKMANAGER_DB", server.owner_url(DATABASE))
    assert cli(["admin", "add-user", "kai", "--role", "operator"]) == 0
    assert "created login 'kai'" in capsys.readouterr().out


def test_a_single_pc_database_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["admin", "list", "--db", "sqlite:///calls.db"]) == 1
    assert "a single PC (SQLite) has no logins" in capsys.readouterr().err
