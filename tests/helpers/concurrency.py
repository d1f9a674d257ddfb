"""Two operator PCs interleaved deterministically on one PostgreSQL database: PC A's action is
held just before COMMIT while PC B acts, then released."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

WAIT = 10.0


class PausedAtCommit:
    """Runs `action` in a thread and holds its transaction (on `sessions`) just before COMMIT."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.at_commit = threading.Event()
        self.release = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def _hold(self, _session: Session) -> None:
        if threading.current_thread() is not self._thread or self.at_commit.is_set():
            return
        self.at_commit.set()
        if not self.release.wait(WAIT * 2):
            raise AssertionError("the paused transaction was never released")

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            self.result = action()
        except BaseException as exc:  # handed to the test thread
            self.error = exc

    def start(self, action: Callable[[], Any]) -> None:
        event.listen(self.sessions, "before_commit", self._hold)
        self._thread = threading.Thread(target=self._run, args=(action,), name="pc-a")
        self._thread.start()
        assert self.at_commit.wait(WAIT), "PC A never reached its commit"

    def finish(self) -> None:
        """Let PC A commit and wait for it; its `result` or `error` is then set."""
        self.release.set()
        assert self._thread is not None
        self._thread.join(WAIT)
        event.remove(self.sessions, "before_commit", self._hold)
        # A thread still inside the driver would outlive the test and act on its server later.
        assert not self._thread.is_alive(), "PC A did not finish after its release"


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
