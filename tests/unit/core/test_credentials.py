"""Database logins: URLs with any password, reasons for a failed sign-in from a real server that
checks passwords, and the keyring that remembers them (an in-memory backend, never a file)."""

from __future__ import annotations

import string
import time

import pytest
from sqlalchemy import make_url

from helpers.postgres import PostgresServer
from helpers.signin import MemoryKeyring
from integrado.access import Role
from integrado.credentials import (
    KEYRING_SERVICE,
    Failure,
    PasswordStore,
    SignInError,
    check_name,
    connect_as,
    env_login,
    needs_sign_in,
    server_key,
    with_login,
)

EVERY_PRINTABLE = "".join(ch for ch in string.printable if ch.isprintable())  # space included
NAME_WITH_QUOTES = 'ana "q" o\'neil'


def test_a_password_with_every_printable_character_survives_the_url() -> None:
    url = with_login("postgresql+psycopg://db.office:5433/integrado", NAME_WITH_QUOTES, EVERY_PRINTABLE)
    parsed = make_url(url)
    assert parsed.password == EVERY_PRINTABLE
    assert parsed.username == NAME_WITH_QUOTES
    assert (parsed.host, parsed.port, parsed.database) == ("db.office", 5433, "integrado")
    assert "@:/%" not in url  # quoted, not pasted in


def test_only_postgresql_needs_a_sign_in_and_logins_are_per_server() -> None:
    assert needs_sign_in("postgresql://db/integrado")
    assert needs_sign_in("postgresql+psycopg://u@db:5433/x")
    assert not needs_sign_in("sqlite:////tmp/x.db")
    assert server_key("postgresql://db/a") == server_key("postgresql://other@db:5432/b") == "db:5432"


def test_names_are_checked_before_any_connect() -> None:
    assert check_name("  ana maria ") == "ana maria"
    assert check_name(NAME_WITH_QUOTES) == NAME_WITH_QUOTES
    for bad, failure in (
        ("", Failure.NO_USER),
        ("  ", Failure.NO_USER),
        ("a\tb", Failure.BAD_NAME),
        ("x" * 64, Failure.BAD_NAME),
    ):
        with pytest.raises(SignInError) as caught:
            check_name(bad)
        assert caught.value.failure is failure


def test_the_environment_may_give_the_login() -> None:
    assert env_login({}) is None
    assert env_login({"INTEGRADO_DB_USER": "relay", "INTEGRADO_DB_PASSWORD": "s3"}) == ("relay", "s3")


def test_the_keyring_remembers_per_login_and_server(memory_keyring: MemoryKeyring) -> None:
    store = PasswordStore()
    assert store.password("db:5432", "ana") is None
    assert store.remember("db:5432", "ana", EVERY_PRINTABLE)
    store.set_last_user("db:5432", "ana")
    assert store.password("db:5432", "ana") == EVERY_PRINTABLE
    assert store.password("other:5432", "ana") is None
    assert store.last_user("db:5432") == "ana"
    assert (KEYRING_SERVICE, "ana@db:5432") in memory_keyring.entries
    store.forget("db:5432", "ana")
    store.forget("db:5432", "ana")  # twice: nothing to forget is fine
    assert store.password("db:5432", "ana") is None


def test_no_keyring_means_not_remembered() -> None:
    # The tests' default backend is keyring's null backend: it keeps nothing.
    store = PasswordStore()
    store.remember("db:5432", "ana", "pw")
    assert store.password("db:5432", "ana") is None


class TestAgainstARealServer:
    def test_each_failure_has_its_reason(self, office_postgres: PostgresServer) -> None:
        pg = office_postgres
        pg.create_login("cred_ok", EVERY_PRINTABLE)
        pg.create_login(NAME_WITH_QUOTES, "pw")
        pg.create_login("cred_locked", "pw", options="NOLOGIN")
        pg.create_login("cred_expired", "pw", options="LOGIN VALID UNTIL '2001-01-01'")
        url = pg.server_url("postgres")

        login = connect_as(url, "cred_ok", EVERY_PRINTABLE)
        assert login.user == "cred_ok" and login.signed_in.role is Role.OPERATOR
        assert make_url(login.url).password == EVERY_PRINTABLE
        assert "cred_ok" in repr(login) and EVERY_PRINTABLE not in repr(login)
        assert connect_as(url, NAME_WITH_QUOTES, "pw").user == NAME_WITH_QUOTES

        for user, password, failure in (
            ("cred_ok", "wrong", Failure.WRONG_PASSWORD),
            ("nobody_here", "pw", Failure.WRONG_PASSWORD),
            ("cred_locked", "pw", Failure.DISABLED),
            ("cred_expired", "pw", Failure.WRONG_PASSWORD),
            ("cred_ok", "", Failure.NO_PASSWORD),
        ):
            with pytest.raises(SignInError) as caught:
                connect_as(url, user, password)
            assert caught.value.failure is failure, (user, caught.value)

        with pytest.raises(SignInError) as missing:
            connect_as(pg.server_url("no_such_db"), "cred_ok", EVERY_PRINTABLE)
        assert missing.value.failure is Failure.NO_DATABASE

    def test_a_server_that_is_down_fails_fast(self, office_postgres: PostgresServer) -> None:
        from helpers.postgres import _free_port

        started = time.monotonic()
        with pytest.raises(SignInError) as caught:
            connect_as(f"postgresql+psycopg://127.0.0.1:{_free_port()}/x", "ana", "pw")
        assert caught.value.failure is Failure.SERVER_DOWN
        assert time.monotonic() - started < 3
