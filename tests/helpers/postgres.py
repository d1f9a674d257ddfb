"""A real PostgreSQL server for the shared-office tests (several operator PCs on one database).

Started from the Debian `postgresql` package that CI installs, on a free port in a temporary
folder, once per test session; as root it runs as the `postgres` user (initdb refuses root).
Each test gets an empty database of its own (`postgres_url`)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise RuntimeError(f"PostgreSQL's {name} was not found: install the postgresql package (see .ci/run)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
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

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"postgresql://integrado@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://integrado@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    # Not under pytest's tmp folder: that one is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="integrado-pg-"))
    server = PostgresServer(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> str:
    """An empty database of its own for each test."""
    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name)[-55:].lower()
    return postgres_server.create_database(name)


class StoppablePostgres(PostgresServer):
    """A server of one test's own, so that stopping it disturbs no other test."""

    def start_again(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            _pg_binary("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"
        )


@pytest.fixture
def stoppable_postgres() -> Iterator[StoppablePostgres]:
    """A PostgreSQL server the test may stop and start again (the database going away mid-shift)."""
    root = Path(tempfile.mkdtemp(prefix="integrado-pg-down-"))
    pg = StoppablePostgres(root)
    try:
        pg.start()
        yield pg
    finally:
        pg.stop()
        shutil.rmtree(root, ignore_errors=True)


# The owner (`integrado`) stays trusted, as every other test expects; every other login must give
# its SCRAM password, as on an office's server.
OFFICE_HBA = """\
local all integrado trust
host all integrado 127.0.0.1/32 trust
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
"""


class OfficePostgres(PostgresServer):
    """A server of its own whose office logins sign in with their password."""

    def start(self) -> None:
        super().start()
        (self.data / "pg_hba.conf").write_text(OFFICE_HBA, encoding="utf-8")
        self.execute("SELECT pg_reload_conf()")

    def owner_url(self, database: str) -> str:
        return f"postgresql+psycopg://integrado@127.0.0.1:{self.port}/{database}"

    def login_url(self, database: str, user: str) -> str:
        """The URL an app signed in as `user` connects with (the password goes in apart)."""
        from sqlalchemy.engine import URL

        url = URL.create("postgresql+psycopg", username=user, host="127.0.0.1", port=self.port, database=database)
        return url.render_as_string(hide_password=False)

    def execute(self, statement: str, params: tuple[object, ...] = (), *, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(f"postgresql://integrado@127.0.0.1:{self.port}/{database}", autocommit=True) as conn:
            conn.execute(statement, params)

    def create_login(self, name: str, password: str, role: str | None = None) -> None:
        """An office login made with plain SQL (names with spaces and quotes quoted by psycopg)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(f"postgresql://integrado@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password))
            )
            if role is not None:
                conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(name)))


@pytest.fixture(scope="module")
def office_postgres() -> Iterator[OfficePostgres]:
    """A password-checking server for one test module (its logins are the module's own)."""
    root = Path(tempfile.mkdtemp(prefix="integrado-pg-office-"))
    server = OfficePostgres(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
