"""Storage problems told apart on real SQLite files: a full disk, a corrupt file, a file that is
not a database, a read-only one; the file named in the error; a broken file moved aside, never
deleted."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from integrado.db import WalCheckpointer, limit_sqlite_file, make_engine, storage_guard
from integrado.storage import StorageProblem, find_storage_failure, move_aside, storage_problem


class Unavailable(Exception):
    pass


class Full(Exception):
    pass


class ReadOnly(Exception):
    pass


def _engine(path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT UNIQUE)"))
    return engine


def _pages(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("PRAGMA page_count")).scalar_one())


def _insert(engine: Engine, body: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO t (body) VALUES (:b)"), {"b": body})


def _failure(engine: Engine, body: str = "x" * 50_000) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught:
        _insert(engine, body)
    return caught.value


def test_a_full_disk_is_full_and_names_the_file(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "calls.db")
    limit_sqlite_file(engine, max_pages=_pages(engine))
    error = _failure(engine)
    assert storage_problem(error) == StorageProblem.FULL
    assert find_storage_failure(RuntimeError("not about storage")) is None
    try:
        raise RuntimeError("start failed") from error
    except RuntimeError as wrapped:
        failure = find_storage_failure(ExceptionGroup("start", [wrapped]))
    assert failure is not None
    assert failure.problem == StorageProblem.FULL
    assert failure.path == (tmp_path / "calls.db").resolve()
    assert "full" in failure.detail
    # Space is back: the same engine writes again, nothing of the failed insert is there.
    limit_sqlite_file(engine)
    _insert(engine, "y" * 50_000)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
    engine.dispose()


def test_read_only_and_not_a_problem(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "tasks.db")
    _insert(engine, "a")
    limit_sqlite_file(engine, read_only=True)
    assert storage_problem(_failure(engine, "b")) == StorageProblem.READ_ONLY
    limit_sqlite_file(engine)
    # A constraint is the action's fault, not the storage's.
    with pytest.raises(IntegrityError) as duplicate:
        _insert(engine, "a")
    assert storage_problem(duplicate.value) is None
    engine.dispose()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"this is a text file, not a database\n" * 20, StorageProblem.NOT_A_DATABASE),
        (bytes(range(256)) * 64, StorageProblem.NOT_A_DATABASE),
        (None, StorageProblem.CORRUPT),  # a real SQLite file cut short
    ],
    ids=["text", "garbage", "truncated"],
)
def test_broken_files_at_open(tmp_path: Path, content: bytes | None, problem: StorageProblem) -> None:
    path = tmp_path / "console.db"
    if content is None:
        good = _engine(path)
        for n in range(200):
            _insert(good, f"row {n} " + "z" * 500)
        good.dispose()  # the last connection to close checkpoints the WAL into the file
        assert not path.with_name("console.db-wal").exists()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(content)
    engine = make_engine(f"sqlite:///{path}")
    with pytest.raises(DBAPIError) as caught, engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM t")).scalar_one()
        conn.execute(text("SELECT body FROM t ORDER BY body")).fetchall()
    failure = find_storage_failure(caught.value)
    assert failure is not None and failure.problem == problem
    assert failure.problem.broken_file
    assert failure.path == path.resolve()
    engine.dispose()


def test_move_aside_keeps_the_file_and_its_companions(tmp_path: Path) -> None:
    path = tmp_path / "callsystem.db"
    path.write_bytes(b"garbage")
    (tmp_path / "callsystem.db-wal").write_bytes(b"wal")
    moved = move_aside(path, now=datetime(2026, 12, 6, 3, 4, 5))
    assert moved.name == "callsystem.db.corrupt-20261206-030405"
    assert moved.read_bytes() == b"garbage"
    assert (tmp_path / "callsystem.db.corrupt-20261206-030405-wal").read_bytes() == b"wal"
    assert not path.exists() and not (tmp_path / "callsystem.db-wal").exists()
    # The same second again: a new name, the first copy untouched.
    path.write_bytes(b"again")
    second = move_aside(path, now=datetime(2026, 12, 6, 3, 4, 5))
    assert second != moved and second.read_bytes() == b"again" and moved.read_bytes() == b"garbage"


def test_storage_guard_tells_full_from_unreachable(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "calls.db")
    guard = storage_guard("calls database", Unavailable, full=Full, read_only=ReadOnly)
    plain = storage_guard("calls database", Unavailable)

    @guard
    def save(body: str) -> None:
        _insert(engine, body)

    @plain
    def save_plain(body: str) -> None:
        _insert(engine, body)

    limit_sqlite_file(engine, max_pages=_pages(engine))
    with pytest.raises(Full):
        save("x" * 50_000)
    with pytest.raises(Unavailable):  # without a `full` error: the general one
        save_plain("x" * 50_000)
    limit_sqlite_file(engine, read_only=True)
    with pytest.raises(ReadOnly):
        save("r")
    limit_sqlite_file(engine)
    save("ok")
    with pytest.raises(IntegrityError):  # not a storage problem: as it is
        save("ok")
    engine.dispose()


def test_the_checkpointer_logs_a_full_disk_once(caplog: pytest.LogCaptureFixture) -> None:
    class FullConnection:
        full = True

        def execute(self, sql: str) -> FullConnection:
            if self.full:
                error = sqlite3.OperationalError("database or disk is full")
                error.sqlite_errorname = "SQLITE_FULL"
                raise error
            return self

        def fetchall(self) -> list[object]:
            return []

    conn = FullConnection()
    checkpointer = WalCheckpointer("history.db")
    with caplog.at_level(logging.DEBUG, logger="integrado.db"):
        for _ in range(50):
            checkpointer._checkpoint(conn, "PASSIVE")  # type: ignore[arg-type]
        assert checkpointer.problem == StorageProblem.FULL
        conn.full = False
        checkpointer._checkpoint(conn, "PASSIVE")  # type: ignore[arg-type]
    lines = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert [r.levelname for r in lines] == ["WARNING", "INFO"], [r.getMessage() for r in lines]
    assert checkpointer.problem is None and checkpointer.checkpoints == 1
