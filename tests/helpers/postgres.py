"""Real PostgreSQL servers for the tests that need the office's shared database.

Started from the Debian `postgresql` package that CI installs, on a free port in a temporary
folder; as root they run as the `postgres` user (initdb refuses root). Every server checks
passwords as an office's does: its owner `integrado` is trusted (the tests and migrations act as
it), every other login must give its SCRAM password.

One server serves the whole session (`postgres_server`): each test gets an empty database of its
own (`postgres_url`), and a module that makes logins takes `office_postgres`, which removes the
module's logins and databases when it ends (logins are the whole server's, not a database's).
A test that stops its server uses a second one that only such tests use (`stoppable_postgres`)."""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import psycopg

# The owner stays trusted, over the socket and TCP; every other login gives its password.
OFFICE_HBA = """\
local all integrado trust
host all integrado 127.0.0.1/32 trust
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
"""


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise RuntimeError(f"PostgreSQL's {name} was not found: install the postgresql package (see .ci/run)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_name(request: pytest.FixtureRequest, prefix: str = "t_") -> str:
    """A database name of the test's own: its name, and a digest of its module and name (two
    modules may hold tests of the same name), within PostgreSQL's 63 characters."""
    digest = hashlib.blake2s(request.node.nodeid.encode(), digest_size=4).hexdigest()
    name = "".join(ch if ch.isalnum() else "_" for ch in request.node.name).lower()
    return f"{prefix}{name[-(63 - len(prefix) - len(digest) - 1) :]}_{digest}"


class PostgresServer:
    """A PostgreSQL server in a folder of its own whose logins other than the owner need their
    password; it may be stopped and started again on the same port."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_user, *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self._run(
            _pg_binary("initdb"), "-D", str(self.data), "-A", "trust", "-U", "integrado", "--no-sync", "-E", "UTF8"
        )
        (self.data / "pg_hba.conf").write_text(OFFICE_HBA, encoding="utf-8")
        self.start_again()

    def start_again(self) -> None:
        """Start the server stopped by `stop()`, on the same port with the same data."""
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(
            _pg_binary("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"
        )

    def stop(self) -> None:
        subprocess.run(
            [*self._as_user, _pg_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
            check=False,
        )

    @property
    def running(self) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def connect_as(
        self, database: str, user: str = "integrado", password: str | None = None
    ) -> psycopg.Connection[Any]:
        """A psycopg connection (autocommit) as `user`, by default the owner."""
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, dbname=database, user=user, password=password, autocommit=True
        )

    def execute(self, statement: str, params: tuple[object, ...] = (), *, database: str = "postgres") -> None:
        """One statement as the owner, outside a transaction (CREATE DATABASE, roles, grants)."""
        with self.connect_as(database) as conn:
            conn.execute(statement, params)

    def create_database(self, name: str) -> str:
        """An empty database; returns its owner's URL."""
        self.execute(f'CREATE DATABASE "{name}"')
        return self.owner_url(name)

    def owner_url(self, database: str) -> str:
        return f"postgresql+psycopg://integrado@127.0.0.1:{self.port}/{database}"

    def server_url(self, database: str) -> str:
        """The database's URL as settings name it: server and database, no login."""
        return f"postgresql+psycopg://127.0.0.1:{self.port}/{database}"

    def login_url(self, database: str, user: str, password: str) -> str:
        """The URL an app signed in as `user` connects with (SQLAlchemy quotes what needs it)."""
        from sqlalchemy.engine import URL

        url = URL.create(
            "postgresql+psycopg", username=user, password=password, host="127.0.0.1", port=self.port, database=database
        )
        return url.render_as_string(hide_password=False)

    def create_login(self, name: str, password: str, role: str | None = None, *, options: str = "LOGIN") -> None:
        """An office login made with plain SQL, a member of `role` when given (names with spaces
        and quotes quoted by psycopg); `options` are CREATE ROLE's (NOLOGIN, VALID UNTIL ...)."""
        from psycopg import sql

        with self.connect_as("postgres") as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} PASSWORD {} " + options).format(sql.Identifier(name), sql.Literal(password))
            )
            if role is not None:
                conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(name)))

    def ensure_office_roles(self) -> None:
        """The office's group roles, made as the apps' migrations make them (once per server)."""
        from integrado.access.schema import ensure_roles
        from integrado.db import make_engine

        engine = make_engine(self.owner_url("postgres"))
        try:
            with engine.begin() as conn:
                ensure_roles(conn)
        finally:
            engine.dispose()

    def _names(self, query: str) -> set[str]:
        with self.connect_as("postgres") as conn:
            return {str(row[0]) for row in conn.execute(query)}

    def logins_and_databases(self) -> tuple[set[str], set[str]]:
        return self._names("SELECT rolname FROM pg_roles"), self._names("SELECT datname FROM pg_database")

    def remove_since(self, before: tuple[set[str], set[str]]) -> None:
        """Drop the databases and logins made since `before` (`logins_and_databases()`), but the
        office's group roles, which every database's migrations expect to find."""
        import psycopg
        from psycopg import sql

        from integrado.access.identity import OPERATOR_ROLE, SUPERVISOR_ROLE
        from integrado.access.schema import RELAY_ROLE

        roles, databases = self.logins_and_databases()
        for database in sorted(databases - before[1]):
            self.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database)).as_string())
        logins = sorted(roles - before[0] - {OPERATOR_ROLE, SUPERVISOR_ROLE, RELAY_ROLE})
        if not logins:
            return
        names = sql.SQL(", ").join(map(sql.Identifier, logins))
        try:
            self.execute(sql.SQL("DROP ROLE {}").format(names).as_string())
        except psycopg.errors.DependentObjectsStillExist:
            # A login holds rights in a database that stays (the session's own): they go with it,
            # database by database (DROP OWNED acts on the one it is run in).
            for database in sorted(self._names("SELECT datname FROM pg_database WHERE datallowconn")):
                self.execute(sql.SQL("DROP OWNED BY {}").format(names).as_string(), database=database)
            self.execute(sql.SQL("DROP ROLE {}").format(names).as_string())


def _started(prefix: str) -> Iterator[PostgresServer]:
    # Not under pytest's tmp folder: that one is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix=prefix))
    server = PostgresServer(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's server."""
    yield from _started("integrado-pg-")


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> str:
    """An empty database of its own for each test."""
    return postgres_server.create_database(database_name(request))


@pytest.fixture(scope="module")
def office_postgres(postgres_server: PostgresServer) -> Iterator[PostgresServer]:
    """The session's server for a module that makes logins (and databases) of its own: they are
    dropped when the module ends, so the next module's logins of the same name start afresh."""
    before = postgres_server.logins_and_databases()
    try:
        yield postgres_server
    finally:
        postgres_server.remove_since(before)


@pytest.fixture(scope="session")
def _stoppable_server() -> Iterator[PostgresServer]:
    yield from _started("integrado-pg-down-")


@pytest.fixture
def stoppable_postgres(_stoppable_server: PostgresServer) -> PostgresServer:
    """A server the test may stop and start again (the database going away mid-shift): a second
    one, which only such tests use, so that stopping it disturbs no other; running again at each
    test's start."""
    if not _stoppable_server.running:
        _stoppable_server.start_again()
    return _stoppable_server


@pytest.fixture
def stoppable_url(stoppable_postgres: PostgresServer, request: pytest.FixtureRequest) -> str:
    """An empty database of the test's own on `stoppable_postgres`."""
    return stoppable_postgres.create_database(database_name(request))
