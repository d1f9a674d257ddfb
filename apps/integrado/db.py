"""SQLAlchemy engines: SQLite (WAL) files by default, any PostgreSQL URL for a shared office."""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


def make_engine(
    url: str, *, synchronous: str = "FULL", immediate: bool = True, auto_checkpoint: bool = True, **kwargs: Any
) -> Engine:
    """`immediate=False` (SQLite): transactions start deferred, for a process that only reads
    while another one writes (the console's window next to its intake process): a WAL reader
    then never holds the write lock, so a long history read cannot stall intake.

    `auto_checkpoint=False` (SQLite): commits never copy the WAL back into the database file;
    the caller checkpoints (see `WalCheckpointer`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine, synchronous, immediate, auto_checkpoint)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        # psycopg 3 is what we ship; a bare postgresql:// URL means it too.
        parsed = parsed.set(drivername="postgresql+psycopg")
    # A server that does not answer at all (a cable pulled, a VPN down) must not freeze an action
    # until the OS gives up on TCP (minutes to hours): fail the connect after a few seconds and
    # notice a dead peer within ~30 s. Options set in the URL or by the caller win.
    defaults = {
        "connect_timeout": 5,
        "keepalives": 1,
        "keepalives_idle": 15,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    }
    connect_args = {k: v for k, v in defaults.items() if k not in parsed.query} | kwargs.pop("connect_args", {})
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _configure_sqlite(engine: Engine, synchronous: str, immediate: bool = True, auto_checkpoint: bool = True) -> None:
    if synchronous not in ("OFF", "NORMAL", "FULL"):
        raise ValueError(f"bad synchronous mode {synchronous!r}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL (the default): a committed action survives a power cut, not only a crash.
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if not auto_checkpoint:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front: two processes writing the same file wait for
        # each other (busy_timeout) instead of failing on a read-to-write lock upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services return plain data after commit, never live ORM rows.
    return sessionmaker(engine, expire_on_commit=False)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class WalCheckpointer:
    """Checkpoints a SQLite WAL from a thread of its own, off the writer's path.

    With SQLite's automatic checkpoints, the commit that crosses 1,000 WAL pages copies them into
    the database and syncs it: for the console's intake that was 5 µs an event on average and
    17 ms for the unlucky batch. Here a thread runs a PASSIVE checkpoint (never blocks the writer
    or readers) every `interval` seconds on its own connection; sqlite3 releases the GIL for the
    whole call, so it costs the writing thread nothing. The WAL file is truncated back to
    `size_limit` bytes after a reset.
    """

    def __init__(self, path: str, *, interval: float = 1.0, size_limit: int = 64 * 1024 * 1024) -> None:
        self.path = path
        self.interval = interval
        self.size_limit = size_limit
        self.checkpoints = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpointer", daemon=True)

    def start(self) -> WalCheckpointer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            log.exception("cannot open %s for checkpoints", self.path)
            return
        try:
            conn.execute(f"PRAGMA journal_size_limit={int(self.size_limit)}")
            while not self._stop.wait(self.interval):
                self._checkpoint(conn, "PASSIVE")
            self._checkpoint(conn, "TRUNCATE")
        finally:
            conn.close()

    def _checkpoint(self, conn: sqlite3.Connection, mode: str) -> None:
        try:
            conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
            self.checkpoints += 1
        except sqlite3.Error as exc:  # busy or locked: the next round tries again
            log.debug("checkpoint %s skipped: %s", mode, exc)


# A PostgreSQL server shutting down, restarting, in recovery, or out of connections.
_UNREACHABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})
# SQLite's counterparts: the file locked past the busy timeout, unreadable, or its disk full.
_UNREACHABLE_SQLITE = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL")


def database_unreachable(exc: DBAPIError) -> bool:
    """True when the database could not be reached or dropped the connection."""
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    sqlite_name = getattr(exc.orig, "sqlite_errorname", None)
    if sqlite_name is not None:
        return str(sqlite_name).startswith(_UNREACHABLE_SQLITE)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    # No SQLSTATE at all: the client never got an answer (refused, reset, timed out).
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in _UNREACHABLE_SQLSTATES


def storage_guard[**P, R](
    what: str, unavailable: Callable[[], Exception]
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator for a service's use cases: "the database is not there" (refused, dropped,
    restarting, no pooled connection free, a SQLite file locked or full) becomes the app's own
    translatable `unavailable()` error, so a window can show it; anything else is raised as is.

    A transaction that fails this way is rolled back by the server (or never began), so nothing
    of the action is written; the caller keeps what the operator typed and may simply retry.
    """

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except DBAPIError as exc:
                if not database_unreachable(exc):
                    raise
                log.warning("%s unreachable in %s: %s", what, method.__name__, exc.orig)
                raise unavailable() from exc
            except PoolTimeoutError as exc:
                log.warning("%s: no connection free in %s: %s", what, method.__name__, exc)
                raise unavailable() from exc

        return guarded

    return decorate
