"""Two operator PCs interleaved deterministically on one PostgreSQL database: PC A's action is
held just before COMMIT while PC B acts, then released."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

WAIT = 10.0


class InThread:
    """Runs `action` in a thread of its own; its `result` or `error` once it has ended."""

    def __init__(self, action: Callable[[], Any], name: str) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(action,), name=name)
        self.thread.start()

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            self.result = action()
        except BaseException as exc:  # handed to the test thread
            self.error = exc

    @property
    def alive(self) -> bool:
        return self.thread.is_alive()

    def join(self, what: str) -> None:
        self.thread.join(WAIT)
        # A thread still inside the driver would outlive the test and act on its server later.
        assert not self.thread.is_alive(), what


class PausedAtCommit:
    """Runs `action` in a thread and holds its transaction (on `sessions`) just before COMMIT."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.at_commit = threading.Event()
        self.release = threading.Event()
        self._action: InThread | None = None

    @property
    def result(self) -> Any:
        assert self._action is not None
        return self._action.result

    @property
    def error(self) -> BaseException | None:
        assert self._action is not None
        return self._action.error

    def _hold(self, _session: Session) -> None:
        if self._action is None or threading.current_thread() is not self._action.thread or self.at_commit.is_set():
            return
        self.at_commit.set()
        if not self.release.wait(WAIT * 2):
            raise AssertionError("the paused transaction was never released")

    def start(self, action: Callable[[], Any]) -> None:
        event.listen(self.sessions, "before_commit", self._hold)
        self._action = InThread(action, "pc-a")
        assert self.at_commit.wait(WAIT), "PC A never reached its commit"

    def finish(self) -> None:
        """Let PC A commit and wait for it; its `result` or `error` is then set."""
        self.release.set()
        assert self._action is not None
        try:
            self._action.join("PC A did not finish after its release")
        finally:
            event.remove(self.sessions, "before_commit", self._hold)


def stopped_at_commit(
    stop: Callable[[], object], sessions: sessionmaker[Session], action: Callable[[], object]
) -> BaseException | None:
    """Runs `action` in a thread, calls `stop` (the server going away) while its transaction is
    held just before COMMIT, then lets it commit; returns what the action raised."""
    paused = PausedAtCommit(sessions)
    paused.start(action)
    try:
        stop()
    finally:
        paused.finish()
    return paused.error


def waiting_on_a_lock(engine: Engine) -> bool:
    """True when another session of this database waits for a lock (PC B, behind PC A)."""
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        )


def interleave(
    engine: Engine,
    sessions: sessionmaker[Session],
    first: Callable[[], Any],
    second: Callable[[], Any],
    *,
    second_must_wait: bool = True,
) -> tuple[PausedAtCommit, InThread]:
    """`first` (PC A, on `sessions`) held before its COMMIT; `second` (PC B) meanwhile in a thread
    until it waits for A's lock (or ends, when it need not wait); then A commits and B ends."""
    a = PausedAtCommit(sessions)
    a.start(first)
    b = InThread(second, "pc-b")
    deadline = time.monotonic() + WAIT
    while not waiting_on_a_lock(engine):
        if not b.alive:
            assert not second_must_wait, f"PC B did not wait for PC A's transaction: {b.result or b.error!r}"
            break
        assert time.monotonic() < deadline, "PC B neither finished nor waited"
        time.sleep(0.02)
    a.finish()
    b.join("PC B is still blocked after PC A committed")
    return a, b
