"""The console's history on a full (or read-only) disk: intake stops storing and says so, and
resumes by itself once a write succeeds again.

Nothing is lost meanwhile: the bus stores events and their stream cursor in one transaction, so a
batch that could not be stored leaves the cursor where it was and the bus reads it again from the
stream on its next attempt (every couple of seconds). Here the history sink is watched so that
the status bar says "history disk full: N events waiting" instead of "reconnecting", the log says
it once when it starts and once when it ends, and the count of events waiting comes from the
streams' newest `seq` against the stored cursor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from integrado.bus.streams import Gap, StreamPosition
from integrado.events.codec import ReceivedEvent, Rejection
from integrado.history import HistoryStore
from integrado.states import ConnectionState
from integrado.storage import StorageProblem, storage_problem

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)

# What stops intake until someone acts on the PC (space freed, rights given back).
_BLOCKING = (StorageProblem.FULL, StorageProblem.READ_ONLY)


class WatchedHistory:
    """The console's HistoryStore as the bus's sink, noticing when its disk is full."""

    def __init__(self, store: HistoryStore, on_change: Callable[[StorageProblem | None], None] | None = None) -> None:
        self.history = store
        self.on_change = on_change
        self.problem: StorageProblem | None = None

    @property
    def view_extras(self) -> dict[str, tuple[float | None, str, str]]:
        return self.history.view_extras

    def load_positions(self) -> dict[str, StreamPosition]:
        return self.history.load_positions()

    def store_rejections(self, rejections: Sequence[Rejection]) -> None:
        self.history.store_rejections(rejections)

    def store_gap(self, gap: Gap) -> None:
        self.history.store_gap(gap)

    def store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        try:
            new = self.history.store(events, positions)
        except Exception as exc:
            problem = storage_problem(exc)
            if problem in _BLOCKING and problem != self.problem:
                reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
                log.warning("history %s: intake stops storing until it can write again (%s)", problem, reason)
                self._change(problem)
            raise
        if self.problem is not None:
            log.info("history writable again: intake stores and catches up")
            self._change(None)
        return new

    def _change(self, problem: StorageProblem | None) -> None:
        self.problem = problem
        if self.on_change is not None:
            self.on_change(problem)


class QuietWhileBlocked(logging.Filter):
    """Drops the bus's "could not store" line on each retry while the history's disk is full:
    the watcher said it once, and a line every two seconds for hours helps nobody."""

    def __init__(self, watched: WatchedHistory) -> None:
        super().__init__()
        self.watched = watched

    def filter(self, record: logging.LogRecord) -> bool:
        return self.watched.problem is None or not record.getMessage().startswith("could not store")


def blocked_state(problem: StorageProblem) -> ConnectionState:
    return ConnectionState.HISTORY_FULL if problem == StorageProblem.FULL else ConnectionState.HISTORY_READ_ONLY


async def events_waiting(client: Redis, streams: Sequence[str], positions: dict[str, StreamPosition]) -> int:
    """How many events the streams hold past the stored cursor: per stream, the newest entry's
    `seq` minus the last stored `seq` of its origin (one XREVRANGE per stream)."""
    waiting = 0
    for stream in streams:
        entries = await client.xrevrange(stream, count=1)
        if not entries:
            continue
        fields = {_text(k): _text(v) for k, v in (entries[0][1] or {}).items()}
        try:
            newest = int(fields.get("seq", ""))
        except ValueError:
            continue
        stored = positions.get(stream, StreamPosition()).seqs.get(fields.get("origin", ""), 0)
        waiting += max(0, newest - int(stored))
    return waiting


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
