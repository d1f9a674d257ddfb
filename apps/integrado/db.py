"""SQLAlchemy engines: SQLite (WAL) files by default, any PostgreSQL URL for a shared office."""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from integrado.storage import PATH_ATTRIBUTE, StorageProblem, storage_problem

if TYPE_CHECKING:
    # The ORM (about 60 ms of imports) only where sessions are made: a reader of plain tables
    # (the console's history) does without it.
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
        if database and database != ":memory:":
            _name_file_in_errors(engine, str(Path(database).resolve()))
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


def _name_file_in_errors(engine: Engine, path: str) -> None:
    """Mark every storage error this engine raises with its file, so that whoever catches it
    far from here (the runner, at start) can tell the person which file is broken or full."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        for exc in (context.sqlalchemy_exception, context.original_exception):
            if exc is not None and storage_problem(exc) is not None:
                setattr(exc, PATH_ATTRIBUTE, path)


@dataclass
class _FileLimits:
    max_pages: int | None = None
    read_only: bool = False


# Engines whose SQLite file a test made "full" or read-only (see `limit_sqlite_file`).
_LIMITS: weakref.WeakKeyDictionary[Engine, _FileLimits] = weakref.WeakKeyDictionary()


def limit_sqlite_file(engine: Engine, *, max_pages: int | None = None, read_only: bool = False) -> None:
    """For tests: make a SQLite file behave as on a full disk (`max_pages`: it cannot grow past
    that many pages, SQLite's `max_page_count`) or on a read-only one (`query_only`), on every
    connection from now on; call again without arguments for the space to come back.

    A real full disk gives the same SQLITE_FULL error, and needs root to simulate."""
    _LIMITS[engine] = _FileLimits(max_pages, read_only)
    # Pooled connections were configured without the limits: open fresh ones.
    engine.dispose()


def _apply_limits(engine: Engine, cursor: Any) -> None:
    limits = _LIMITS.get(engine)
    if limits is None:
        return
    # The largest value SQLite accepts is its default: space is back.
    cursor.execute(f"PRAGMA max_page_count={int(limits.max_pages or 4294967294)}")
    cursor.execute(f"PRAGMA query_only={1 if limits.read_only else 0}")


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
        _apply_limits(engine, cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front: two processes writing the same file wait for
        # each other (busy_timeout) instead of failing on a read-to-write lock upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

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
        # The storage problem the last checkpoint ran into (a full disk): logged once when it
        # starts and once when it ends, not every `interval` seconds while it lasts.
        self.problem: StorageProblem | None = None
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
        except sqlite3.Error as exc:  # busy, locked or full: the next round tries again
            problem = storage_problem(exc)
            if problem in (None, StorageProblem.UNREACHABLE):
                log.debug("checkpoint %s skipped: %s", mode, exc)
            elif problem != self.problem:
                log.warning("checkpoints of %s stopped (%s): %s", self.path, problem, exc)
            self.problem = problem if problem != StorageProblem.UNREACHABLE else self.problem
            return
        if self.problem is not None:
            log.info("checkpoints of %s resumed", self.path)
            self.problem = None


def database_unreachable(exc: DBAPIError) -> bool:
    """True when the database could not be reached or dropped the connection (refused, reset,
    restarting, a SQLite file locked past the busy timeout or unreadable)."""
    return storage_problem(exc) == StorageProblem.UNREACHABLE


def storage_guard[**P, R](
    what: str,
    unavailable: Callable[[], Exception],
    *,
    full: Callable[[], Exception] | None = None,
    read_only: Callable[[], Exception] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator for a service's use cases: a storage problem becomes the app's own
    translatable error, so a window can show it; anything else is raised as is.

    "The database is not there" (refused, dropped, restarting, no pooled connection free, a
    SQLite file locked, unreadable or damaged) is `unavailable()`; a full disk is `full()` and a
    read-only file or database `read_only()` where given (the person can do something about
    those), else `unavailable()` too.

    A transaction that fails this way is rolled back (SQLite undoes a statement that ran out of
    space, the server one that lost its connection), so nothing of the action is written; the
    caller keeps what the operator typed and may simply retry.
    """

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except (DBAPIError, PoolTimeoutError) as exc:
                problem = storage_problem(exc)
                if problem is None:
                    raise
                detail = exc.orig if isinstance(exc, DBAPIError) else exc
                log.warning("%s %s in %s: %s", what, problem, method.__name__, detail)
                if problem == StorageProblem.FULL and full is not None:
                    raise full() from exc
                if problem == StorageProblem.READ_ONLY and read_only is not None:
                    raise read_only() from exc
                raise unavailable() from exc

        return guarded

    return decorate
