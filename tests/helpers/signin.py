"""Sign-in test support: a PostgreSQL server that checks passwords, logins made with plain SQL,
and a keyring that lives in memory only.

The shared `postgres_server` trusts every connection; signing in needs a server that refuses a
wrong password, so this one trusts only the owner (`integrado`, over the socket and TCP) and asks
every other login for its SCRAM password."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from helpers.postgres import PostgresServer
from integrado.settings import Settings

HBA = """\
local all all trust
host all integrado 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""


class PasswordPostgres(PostgresServer):
    """A server of its own whose logins other than the owner need their password."""

    def start(self) -> None:
        super().start()
        hba = self.data / "pg_hba.conf"
        hba.write_text(HBA, encoding="utf-8")
        self.sql("SELECT pg_reload_conf()")

    def sql(self, statement: str, params: tuple[object, ...] = (), *, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(f"postgresql://integrado@127.0.0.1:{self.port}/{database}", autocommit=True) as conn:
            conn.execute(statement, params)

    def create_login(self, name: str, password: str, *, options: str = "LOGIN", role: str | None = None) -> None:
        """`CREATE ROLE ... LOGIN PASSWORD ...`, quoted by psycopg (names with spaces and quotes)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(f"postgresql://integrado@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} PASSWORD {} " + options).format(sql.Identifier(name), sql.Literal(password))
            )
            if role is not None:
                conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(name)))

    def server_url(self, database: str) -> str:
        """The database's URL as settings name it: server and database, no login."""
        return f"postgresql+psycopg://127.0.0.1:{self.port}/{database}"


OFFICE_ROLES = ("integrado_operator", "integrado_supervisor")


def prepare_office_database(server: PasswordPostgres, name: str, settings: Settings) -> str:
    """A database with both apps' tables (made by the owner) that the office roles may use;
    returns its URL as settings name it (no login). The roles are made here when the database's
    own migrations have not made them; the grants are broad: these tests are about the interface,
    the role matrix tests prove what the database itself allows."""
    from callsystem_gui.service import create_pipeline as calls_pipeline
    from taskmanager_gui.service import create_pipeline as tasks_pipeline

    owner_url = server.create_database(name)
    for create in (calls_pipeline, tasks_pipeline):
        create(settings, db_url=owner_url).engine.dispose()
    for role in OFFICE_ROLES:
        server.sql(f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    roles = ", ".join(OFFICE_ROLES)
    server.sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {roles}", database=name)
    server.sql(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {roles}", database=name)
    return server.server_url(name)


@pytest.fixture(scope="module")
def password_postgres() -> Iterator[PasswordPostgres]:
    root = Path(tempfile.mkdtemp(prefix="integrado-pg-signin-"))
    server = PasswordPostgres(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict: nothing reaches a file or a desktop
    keyring, and the test reads what was stored."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
