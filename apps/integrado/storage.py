"""What is wrong with a database when a write or an open fails: a full disk, a corrupt file, a
file that is not a database, a read-only file or folder, or a database that cannot be reached.

Qt-free. The apps turn a problem into their own translatable message (a full disk is not "the
database cannot be reached": the operator can fix it by freeing space); the runner offers to move
a broken file aside at start (`move_aside`), never deleting it.
"""

from __future__ import annotations

import enum
import errno
import logging
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

log = logging.getLogger(__name__)


class StorageProblem(enum.StrEnum):
    """Why a database refused: what the person at the PC can do differs for each."""

    FULL = "full"
    CORRUPT = "corrupt"
    NOT_A_DATABASE = "not_a_database"
    READ_ONLY = "read_only"
    UNREACHABLE = "unreachable"

    @property
    def broken_file(self) -> bool:
        """The file itself is damaged: only moving it aside (or restoring a copy) helps."""
        return self in (StorageProblem.CORRUPT, StorageProblem.NOT_A_DATABASE)


# PostgreSQL: a server shutting down, restarting, in recovery, or out of connections.
_UNREACHABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})
_SQLSTATES = {
    "53100": StorageProblem.FULL,  # disk_full
    "XX001": StorageProblem.CORRUPT,  # data_corrupted
    "XX002": StorageProblem.CORRUPT,  # index_corrupted
    "25006": StorageProblem.READ_ONLY,  # read_only_sql_transaction (a standby, a read-only default)
}
# SQLite's result codes by name (extended codes start with the primary one's name).
_SQLITE = (
    ("SQLITE_FULL", StorageProblem.FULL),
    ("SQLITE_CORRUPT", StorageProblem.CORRUPT),
    ("SQLITE_NOTADB", StorageProblem.NOT_A_DATABASE),
    ("SQLITE_READONLY", StorageProblem.READ_ONLY),
    ("SQLITE_BUSY", StorageProblem.UNREACHABLE),
    ("SQLITE_LOCKED", StorageProblem.UNREACHABLE),
    ("SQLITE_CANTOPEN", StorageProblem.UNREACHABLE),
    ("SQLITE_IOERR", StorageProblem.UNREACHABLE),
)
_ERRNOS = {
    errno.ENOSPC: StorageProblem.FULL,
    errno.EDQUOT: StorageProblem.FULL,
    errno.EROFS: StorageProblem.READ_ONLY,
    errno.EACCES: StorageProblem.READ_ONLY,
    errno.EPERM: StorageProblem.READ_ONLY,
}

# Set on a database error by the engine that raised it (see `integrado.db.make_engine`), so that
# whoever catches it far away (the runner, at start) can name the file.
PATH_ATTRIBUTE = "integrado_database_path"


def storage_problem(exc: BaseException) -> StorageProblem | None:
    """The storage problem behind `exc` (a SQLAlchemy, DB-API or OS error), or None when it is
    something else (a constraint, a bug, bad SQL)."""
    if isinstance(exc, PoolTimeoutError):
        return StorageProblem.UNREACHABLE
    if isinstance(exc, DBAPIError):
        found = _driver_problem(exc.orig)
        if found is not None:
            return _read_only_folder(exc, found)
        if exc.connection_invalidated:
            return StorageProblem.UNREACHABLE
        if isinstance(exc, OperationalError | InterfaceError) and not isinstance(exc.orig, sqlite3.Error):
            # No SQLSTATE at all: the client never got an answer (refused, reset, timed out).
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if sqlstate is None or sqlstate.startswith("08") or sqlstate in _UNREACHABLE_SQLSTATES:
                return StorageProblem.UNREACHABLE
        return None
    return _driver_problem(exc)


def _read_only_folder(exc: DBAPIError, found: StorageProblem) -> StorageProblem:
    """SQLite cannot open a WAL database whose folder is read-only (it must create the `-shm`
    and `-wal` files beside it) and says only "unable to open": tell that case by the folder."""
    name = str(getattr(exc.orig, "sqlite_errorname", ""))
    path = getattr(exc, PATH_ATTRIBUTE, None) or getattr(exc.orig, PATH_ATTRIBUTE, None)
    if found != StorageProblem.UNREACHABLE or not name.startswith("SQLITE_CANTOPEN") or not path:
        return found
    file = Path(path)
    if file.parent.is_dir() and (
        not os.access(file.parent, os.W_OK) or (file.exists() and not os.access(file, os.W_OK))
    ):
        return StorageProblem.READ_ONLY
    return found


def _driver_problem(exc: BaseException | None) -> StorageProblem | None:
    if exc is None:
        return None
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(exc, sqlite3.Error) and name is not None:
        return next((problem for prefix, problem in _SQLITE if str(name).startswith(prefix)), None)
    sqlstate = getattr(exc, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate in _SQLSTATES:
        return _SQLSTATES[sqlstate]
    if isinstance(exc, OSError) and exc.errno in _ERRNOS:
        return _ERRNOS[exc.errno]
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, what it wraps, what caused it, and the members of exception groups, once each."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            todo.extend(current.exceptions)
        if isinstance(current, DBAPIError) and isinstance(current.orig, BaseException):
            todo.append(current.orig)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)


class StorageFailure:
    """A storage problem found somewhere inside an exception, with the file it is about."""

    def __init__(self, problem: StorageProblem, path: Path | None, error: BaseException) -> None:
        self.problem = problem
        self.path = path
        self.error = error

    def __repr__(self) -> str:
        return f"StorageFailure({self.problem!s}, {self.path!s})"

    @property
    def detail(self) -> str:
        """The driver's own words, one line (for the log and a dialog's details)."""
        orig = self.error.orig if isinstance(self.error, DBAPIError) else self.error
        text = str(orig) or type(orig).__name__
        return text.splitlines()[0][:300]


def find_storage_failure(exc: BaseException) -> StorageFailure | None:
    """The first storage problem inside `exc` (its causes and exception groups included)."""
    for current in _chain(exc):
        problem = storage_problem(current)
        if problem is None:
            continue
        path = getattr(current, PATH_ATTRIBUTE, None)
        if path is None and isinstance(current, DBAPIError):
            path = getattr(current.orig, PATH_ATTRIBUTE, None)
        return StorageFailure(problem, Path(path) if path else None, current)
    return None


def move_aside(path: Path, *, now: datetime | None = None) -> Path:
    """Rename a broken database file to `<name>.corrupt-<timestamp>` (its `-wal` and `-shm`
    companions follow, so the moved file still opens with them) and return the new path.

    Never deletes anything; a name already taken gets a counter.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    log.warning("moved the broken database %s aside to %s", path, target)
    return target
