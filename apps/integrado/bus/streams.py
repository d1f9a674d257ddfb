"""What the bus knows about the durable streams: which source feeds which stream and channel,
how far a consumer has read, and the gaps it found."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from integrado.events.system import System


@dataclass(frozen=True, slots=True)
class StreamSource:
    """One publishing system: its Pub/Sub channel (live) and its stream (durable)."""

    system: System
    channel: str
    stream: str


@dataclass(slots=True)
class StreamPosition:
    """A consumer's cursor on one stream, and the last `seq` it saw from each publisher."""

    last_id: str = "0-0"
    # origin (one per publishing database) -> last seq seen on the stream
    seqs: dict[str, int] = field(default_factory=dict)

    def copy(self) -> StreamPosition:
        return StreamPosition(self.last_id, dict(self.seqs))


class GapReason(enum.StrEnum):
    """How a gap showed itself."""

    MISSING = "missing"  # a publisher's seq jumped: the entries between were trimmed or lost
    RESET = "reset"  # the stream was recreated behind the consumer's cursor (server data lost)


@dataclass(frozen=True, slots=True)
class Gap:
    """Events a consumer knows it will never read: reported and stored, never hidden."""

    stream: str
    source: str
    origin: str
    first_missing: int
    last_missing: int
    reason: GapReason
    detected_at: float

    def describe(self) -> str:
        if self.reason == GapReason.RESET:
            return f"{self.stream}: the stream was reset (server data lost); earlier events may be missing"
        count = self.last_missing - self.first_missing + 1
        return (
            f"{self.source}: {count} event(s) missing, seq {self.first_missing}–{self.last_missing} "
            f"(no longer in {self.stream})"
        )
