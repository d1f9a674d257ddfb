"""Where the bus hands what it received: the sink protocol, and a sink that keeps nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from integrado.bus.streams import Gap, StreamPosition
from integrado.events.codec import ReceivedEvent, Rejection


class EventsRefused(Exception):
    """A sink refused a batch for what one of its events holds (a value its storage cannot
    take), not because the storage is unavailable.

    The bus then stores the batch in halves until it has found the event(s) at fault, records
    those as rejected and goes on; any other exception from `store` means "nothing stored, try
    again later" and makes the bus re-read the batch once the sink works again.
    """


class EventSink(Protocol):
    """Stores what the bus received. `store` keeps events and stream positions in one
    transaction, so a restart resumes exactly where the stored history ends; it raises
    `EventsRefused` when an event in the batch, rather than the storage, is at fault."""

    def load_positions(self) -> dict[str, StreamPosition]: ...

    def store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        """Store events (and positions) in one transaction; return those not stored before."""
        ...

    def store_rejections(self, rejections: Sequence[Rejection]) -> None: ...

    def store_gap(self, gap: Gap) -> None: ...


class LiveOnlySink:
    """An in-memory sink for views that only need what happens from now on (no history):
    positions start at the streams' current end; duplicates are dropped by the bus."""

    def __init__(self, streams: Iterable[str]) -> None:
        self._streams = list(streams)

    def load_positions(self) -> dict[str, StreamPosition]:
        return {stream: StreamPosition(last_id="$") for stream in self._streams}

    def store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        return list(events)

    def store_rejections(self, rejections: Sequence[Rejection]) -> None:
        pass

    def store_gap(self, gap: Gap) -> None:
        pass
