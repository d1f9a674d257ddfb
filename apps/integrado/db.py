"""SQLAlchemy engines: SQLite (WAL) files by default, any PostgreSQL URL for a shared office."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
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
