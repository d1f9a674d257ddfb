"""The consumer's bookkeeping between what arrives and the sink: which events it has seen, and
which it never will (gaps in a publisher's `seq`, a stream reset behind the cursor)."""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

from integrado.bus.streams import Gap, GapReason, StreamPosition, StreamSource

_K = TypeVar("_K", bound=Hashable)


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


class GapDetector:
    """Finds what a stream no longer holds: a publisher's `seq` that jumps, or a stream whose
    newest id is below the consumer's cursor (recreated: the server lost its data)."""

    def __init__(self, sources: Iterable[StreamSource]) -> None:
        self._stream_system = {s.stream: str(s.system) for s in sources}

    def source_of(self, stream: str) -> str:
        return self._stream_system.get(stream, stream)

    def after_entry(self, stream: str, pos: StreamPosition, fields: dict[bytes, bytes]) -> Gap | None:
        """Record the entry's `seq` for its origin in `pos`; the gap before it, if any."""
        origin = as_text(fields.get(b"origin", b"")) or "unknown"
        try:
            seq = int(fields.get(b"seq", b"0"))
        except ValueError:
            return None
        if seq <= 0:
            return None
        last = pos.seqs.get(origin)
        gap = None
        if last is not None and seq > last + 1:
            source = as_text(fields.get(b"source", b"")) or self.source_of(stream)
            gap = Gap(stream, source, origin, last + 1, seq - 1, GapReason.MISSING, time.time())
        if last is None or seq > last:
            pos.seqs[origin] = seq
        return gap

    def after_reconnect(self, stream: str, pos: StreamPosition, last_generated: str) -> Gap | None:
        """Check `pos` against the stream's newest id ("0-0" when the stream does not exist);
        a "$" cursor ("from now on") is pinned to that id, so nothing between reads is missed."""
        if pos.last_id == "0-0":
            return None
        if pos.last_id == "$":
            pos.last_id = last_generated
            return None
        if entry_key(last_generated) < entry_key(pos.last_id):
            # Keep the per-origin seqs: the first entry after the reset shows how much is missing.
            pos.last_id = "0-0"
            return Gap(stream, self.source_of(stream), "", 0, 0, GapReason.RESET, time.time())
        return None
