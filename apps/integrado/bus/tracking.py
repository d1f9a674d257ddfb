"""The consumer's bookkeeping between what arrives and the sink: which events it has seen, and
which it never will (gaps in a publisher's `seq`, a stream reset behind the cursor)."""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

from integrado.bus.streams import Gap, GapReason, StreamPosition, StreamSource

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")

# Publishers (origins) whose last seq a stream position keeps. An office has one per database;
# a flood of made-up origins must not grow the consumer's memory or the cursor row it writes
# with every batch: past this, the origin seen least recently is forgotten (its next event then
# starts its count afresh, without a gap check against the forgotten seq).
MAX_TRACKED_ORIGINS = 256


def as_text(value: Any) -> str:
    """A reply field as text (redis-py hands bytes, or str under decode_responses)."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def entry_key(entry_id: str) -> tuple[int, int]:
    """A stream entry id ("1700000000000-3") in the order Redis gives them; unreadable ids sort first."""
    ms, _, seq = entry_id.partition("-")
    try:
        return int(ms), int(seq or 0)
    except ValueError:
        return (0, 0)


class RecentKeys(dict[_K, None]):
    """An insertion-ordered set that forgets its oldest key once it holds more than `capacity`.

    A dict underneath, so that `key in recent` on the live path costs a C lookup, not a call.
    """

    __slots__ = ("capacity",)

    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def add(self, key: _K) -> bool:
        """Remember `key`; False when it was already remembered."""
        if key in self:
            return False
        self[key] = None
        if len(self) > self.capacity:
            del self[next(iter(self))]
        return True


class RecentValues(dict[_K, _V]):
    """A mapping that forgets its oldest key once it holds more than `capacity`."""

    __slots__ = ("capacity",)

    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def put(self, key: _K, value: _V) -> None:
        self[key] = value
        if len(self) > self.capacity:
            del self[next(iter(self))]


def entry_disagrees(fields: dict[bytes, bytes], event_id: str, origin: str | None, seq: int | None) -> str | None:
    """The name of a field of a stream entry that contradicts the event it carries, or None.

    The relay writes `event_id`, `origin` and `seq` from the same outbox row as the event, so a
    contradiction means the entry was not written by it: nothing of it is trusted.
    """
    value = fields.get(b"event_id")
    if value is not None and as_text(value) != event_id:
        return "event_id"
    value = fields.get(b"seq")
    if value is not None and as_text(value) != str(seq):
        return "seq"
    value = fields.get(b"origin")
    if value is not None and origin is not None and as_text(value) != origin:
        return "origin"
    return None


class GapDetector:
    """Finds what a stream no longer holds: a publisher's `seq` that jumps, or a stream whose
    newest id is below the consumer's cursor (recreated: the server lost its data)."""

    def __init__(self, sources: Iterable[StreamSource]) -> None:
        self._stream_system = {s.stream: str(s.system) for s in sources}

    def source_of(self, stream: str) -> str:
        return self._stream_system.get(stream, stream)

    def after_event(self, stream: str, pos: StreamPosition, origin: str, seq: int, source: str = "") -> Gap | None:
        """Record a decoded event's `seq` for its origin in `pos`; the gap before it, if any.

        Only a validated event's own seq counts: a stream entry's fields are not trusted (one
        junk entry with a huge seq would otherwise hide every later real gap of its origin).
        """
        seqs = pos.seqs
        # Taken out and put back last: the origin seen least recently is the first forgotten.
        last = seqs.pop(origin, None)
        gap = None
        if last is not None and seq > last + 1:
            gap = Gap(
                stream, source or self.source_of(stream), origin, last + 1, seq - 1, GapReason.MISSING, time.time()
            )
        seqs[origin] = seq if last is None or seq > last else last
        while len(seqs) > MAX_TRACKED_ORIGINS:
            del seqs[next(iter(seqs))]
        return gap

    def after_reconnect(self, stream: str, pos: StreamPosition, last_generated: str) -> Gap | None:
        """Check `pos` against the stream's newest id ("0-0" when the stream does not exist);
        a "$" cursor ("from now on") is pinned to that id, so nothing between reads is missed.

        A stream that ends before the cursor lost its tail: a replica promoted by a failover
        before it had the primary's last writes, or a server restarted from an older snapshot.
        What it still holds is what this consumer read (a replica holds a prefix of its
        primary's stream), so reading goes on from its end, and no gap is reported yet: the
        relay may send the lost tail again, and a loss for good shows as a jump in a publisher's
        `seq` when its next event comes (the per-origin seqs are kept for that). Only a stream
        that no longer exists at all is a reset."""
        if pos.last_id == "0-0":
            return None
        if pos.last_id == "$":
            pos.last_id = last_generated
            return None
        if last_generated == "0-0":
            # Keep the per-origin seqs: the first entry after the reset shows how much is missing.
            pos.last_id = "0-0"
            return Gap(stream, self.source_of(stream), "", 0, 0, GapReason.RESET, time.time())
        if entry_key(last_generated) < entry_key(pos.last_id):
            pos.last_id = last_generated
        return None
