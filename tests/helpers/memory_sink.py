"""An `EventSink` in memory for unit tests of the bus: what was stored, in which calls, with
which positions, and a switch that makes the next stores fail like a locked database."""

from __future__ import annotations

from collections.abc import Sequence

from integrado.bus import Gap, StreamPosition
from integrado.events.codec import ReceivedEvent, Rejection


class SinkDown(Exception):
    """What a failing store raises (a database that is locked, full or gone)."""


class MemorySink:
    """Stores events once per event_id, with the positions of the same call, like HistoryStore."""

    def __init__(self, positions: dict[str, StreamPosition] | None = None) -> None:
        self.positions: dict[str, StreamPosition] = {k: v.copy() for k, v in (positions or {}).items()}
        self.events: list[ReceivedEvent] = []
        self.calls: list[tuple[int, dict[str, StreamPosition] | None]] = []
        self.rejections: list[Rejection] = []
        self.gaps: list[Gap] = []
        self.fail_stores = 0  # the next this many stores raise SinkDown, storing nothing
        self._ids: set[str] = set()

    def load_positions(self) -> dict[str, StreamPosition]:
        return {k: v.copy() for k, v in self.positions.items()}

    def store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        if self.fail_stores:
            self.fail_stores -= 1
            raise SinkDown("database is locked")
        new = []
        for ev in events:
            if ev.event_id not in self._ids:
                self._ids.add(ev.event_id)
                new.append(ev)
        self.events.extend(new)
        if positions is not None:
            self.positions = {k: v.copy() for k, v in positions.items()}
        self.calls.append((len(events), None if positions is None else {k: v.copy() for k, v in positions.items()}))
        return new

    def store_rejections(self, rejections: Sequence[Rejection]) -> None:
        self.rejections.extend(rejections)

    def store_gap(self, gap: Gap) -> None:
        self.gaps.append(gap)

    def event_ids(self) -> list[str]:
        return [ev.event_id for ev in self.events]
