"""The consumer: live Pub/Sub plus catch-up from the durable streams, for as long as it runs.

Pub/Sub is the fast path (and the only one the older system's messages take); the streams are
the durable path. Both feed one de-duplication step keyed by `event_id`, so each event reaches
the sink once whichever path brings it first. The stream cursor and the last `seq` per
(source, origin) are handed to the sink with each stream batch so that it can store them in
the same transaction as the events: a restart resumes exactly where the history ends.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from redis import exceptions as redis_errors
from redis.asyncio import Redis

from integrado.bus.reader import ClientReader, Oversized, StreamReader
from integrado.bus.sinks import EventSink, EventsRefused
from integrado.bus.streams import Gap, StreamPosition, StreamSource
from integrado.bus.subscription import RawSubscription
from integrado.bus.tracking import GapDetector, RecentKeys, RecentValues, as_text, entry_disagrees
from integrado.events.codec import MAX_MESSAGE_BYTES, Codec, ReceivedEvent, Rejection, RejectReason, preview
from integrado.states import ConnectionState

log = logging.getLogger(__name__)

# Bodies the stream path decoded lately (their digests), so the same bytes arriving on Pub/Sub
# are not decoded twice.
_RECENT_BODIES = 10_000
# Longest wait for the server beyond an XREAD's own BLOCK time.
_READ_TIMEOUT = 5.0
# A stream entry's fields besides its event (ids, source, origin, seq): room kept per entry.
_ENTRY_OVERHEAD = 1024


def body_digest(body: bytes) -> bytes:
    """What the consumer remembers of a body it decoded: 16 bytes, whatever the body's size."""
    return hashlib.blake2b(body, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class BusTuning:
    """How a consumer trades latency against batch size and memory; fixed for its lifetime.

    The defaults suit a consumer on a GUI thread. Burst mode (`burst_size` > 0) is for one with
    no GUI thread to keep free (the console's intake process): after a socket read of at least
    `burst_size` live messages it waits up to `burst_wait` seconds for more before storing (up to
    `max_busy` in all), so a flood is stored in few big transactions while a quiet channel is
    stored at once.
    """

    # Longest XREAD wait once live; a hung server is noticed within this plus the socket timeout.
    block_ms: int = 1000
    # Stream entries per XREAD and stream (one sink transaction each while catching up).
    batch_size: int = 1000
    # Bytes one XREAD may bring at most (entries of up to 64 KiB each): caps `batch_size`, so a
    # catch-up through entries at the size limit holds tens of megabytes, not hundreds.
    read_bytes: int = 16 * 1024 * 1024
    # Event ids remembered for de-duplication.
    seen_capacity: int = 200_000
    # Longest pause between reconnection attempts, in seconds.
    backoff_cap: float = 2.0
    # Longest a burst of buffered live messages is decoded before storing and yielding, seconds.
    max_busy: float = 0.015
    burst_size: int = 0
    burst_wait: float = 0.002

    def __post_init__(self) -> None:
        if self.block_ms <= 0 or self.batch_size <= 0 or self.seen_capacity <= 0 or self.read_bytes <= 0:
            raise ValueError("block_ms, batch_size, read_bytes and seen_capacity must be positive")
        if self.backoff_cap <= 0 or self.max_busy <= 0 or self.burst_size < 0 or self.burst_wait < 0:
            raise ValueError("backoff_cap and max_busy must be positive, burst_size and burst_wait not negative")


DEFAULT_TUNING = BusTuning()


class BusConsumer:
    """Subscribes, catches up, de-duplicates, detects gaps and reconnects, for as long as it runs.

    News arrive through the `on_*` callbacks (set before `run`); `state` and the `*_total`
    counters can be read at any time.
    """

    def __init__(
        self,
        redis_factory: Callable[[], Redis],
        sources: Iterable[StreamSource],
        sink: EventSink,
        codec: Codec,
        *,
        tuning: BusTuning = DEFAULT_TUNING,
        on_events: Callable[[list[ReceivedEvent]], None] | None = None,
        on_state: Callable[[ConnectionState, str], None] | None = None,
        on_rejected: Callable[[list[Rejection]], None] | None = None,
        on_gap: Callable[[Gap], None] | None = None,
    ) -> None:
        self._factory = redis_factory
        self.sources = list(sources)
        self.sink = sink
        self.codec = codec
        self.tuning = tuning
        self.on_events = on_events
        self.on_state = on_state
        self.on_rejected = on_rejected
        self.on_gap = on_gap
        self._gaps = GapDetector(self.sources)
        self._seen: RecentKeys[str] = RecentKeys(tuning.seen_capacity)
        # Digests, not bodies: 10,000 bodies of up to 64 KiB would be 640 MB.
        self._stream_bodies: RecentKeys[bytes] = RecentKeys(_RECENT_BODIES)
        # Entries per XREAD and stream: the batch, within the read's byte budget.
        self._read_count = max(1, min(tuning.batch_size, tuning.read_bytes // (MAX_MESSAGE_BYTES + _ENTRY_OVERHEAD)))
        # (origin, seq) of the events the live path took first, by event_id: their stream
        # entries are then skipped undecoded, but their seq still counts for gap detection.
        self._live_seqs: RecentValues[str, tuple[str | None, int]] = RecentValues(_RECENT_BODIES)
        self._positions: dict[str, StreamPosition] = {}
        # What the sink last committed: where a catch-up resumes after the sink failed.
        self._durable_positions: dict[str, StreamPosition] = {}
        self._pending: list[ReceivedEvent] = []
        self._pending_rejections: list[Rejection] = []
        self._last_flush = time.monotonic()
        # Live events that arrive while the streams are being caught up wait here, so that a
        # fresh live event is never stored before older ones the catch-up has yet to read.
        self._holding = True
        self._held: list[ReceivedEvent] = []
        self._sink_error: BaseException | None = None
        self._fatal: BaseException | None = None
        self._trouble = asyncio.Event()
        self._stopping = False
        self._stop_event = asyncio.Event()
        self.state = ConnectionState.CONNECTING
        self.state_detail = ""
        self.delivered_total = 0
        self.duplicates_total = 0
        self.rejected_total = 0
        self.caught_up_total = 0

    # -- lifecycle -------------------------------------------------------------------------

    def stop(self) -> None:
        self._stopping = True
        self._stop_event.set()

    async def run(self) -> None:
        self._positions = {s.stream: StreamPosition() for s in self.sources}
        self._positions.update(self.sink.load_positions())
        self._durable_positions = _copy(self._positions)
        failures = 0
        try:
            while not self._stopping:
                client = self._factory()
                pubsub: RawSubscription | None = None
                self._holding, self._held = True, []
                self._sink_error = None
                self._trouble.clear()
                try:
                    state = ConnectionState.CONNECTING if failures == 0 else ConnectionState.RECONNECTING
                    self._set_state(state, self.state_detail)
                    await client.ping()
                    # Subscribed (confirmed) before catching up, so that nothing published
                    # meanwhile falls between the two paths.
                    pubsub = await RawSubscription.open(client, [s.channel for s in self.sources])
                    async with asyncio.TaskGroup() as group:
                        group.create_task(self._listen(pubsub))
                        group.create_task(self._follow_streams(client))
                        group.create_task(self._wait_stop())
                except* (redis_errors.RedisError, OSError) as group_error:
                    failures += 1
                    self._set_state(ConnectionState.RECONNECTING, _describe(group_error.exceptions[0]))
                except* _SinkFailed as group_error:
                    failures += 1
                    detail = f"cannot store events: {_describe(group_error.exceptions[0])}"
                    self._set_state(ConnectionState.RECONNECTING, detail)
                except* _Stopped:
                    pass
                finally:
                    self._drop_held()
                    self._flush()
                    await _close(pubsub, client)
                if self.state in (ConnectionState.LIVE, ConnectionState.CATCHING_UP):
                    failures = 1
                if not self._stopping:
                    await self._sleep(random.uniform(0.05, min(self.tuning.backoff_cap, 0.1 * 2**failures)))
        finally:
            self._flush()
            self._set_state(ConnectionState.STOPPED, "")
        if self._fatal is not None:
            raise self._fatal

    async def _wait_stop(self) -> None:
        # Also the way a sink failure in a flush reaches the task group.
        stop = asyncio.ensure_future(self._stop_event.wait())
        trouble = asyncio.ensure_future(self._trouble.wait())
        try:
            await asyncio.wait((stop, trouble), return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
            trouble.cancel()
        if self._stopping:
            raise _Stopped
        raise _SinkFailed(_describe(self._sink_error) if self._sink_error else "sink failed")

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop_event.wait(), timeout=seconds)
        except TimeoutError:
            pass

    # -- live path ---------------------------------------------------------------------------

    async def _listen(self, pubsub: RawSubscription) -> None:
        decode = self.codec.decode
        stream_bodies = self._stream_bodies
        remember = self._seen.add
        live_seq = self._live_seqs.put
        max_busy, burst_size, burst_wait = self.tuning.max_busy, self.tuning.burst_size, self.tuning.burst_wait
        while True:
            # Everything one socket read brought, parsed at once: a burst costs one await and
            # one flush (one transaction, one repaint), not one of each per message.
            if self._pending and burst_size:
                # A burst is on (the last read was big): give the socket a moment to bring more
                # before committing, so a flood is stored in few big transactions.
                try:
                    messages = await asyncio.wait_for(pubsub.read_messages(), burst_wait)
                except TimeoutError:
                    self._flush()
                    continue
            else:
                messages = await pubsub.read_messages()
            for channel_raw, data in messages:
                if stream_bodies and body_digest(data) in stream_bodies:
                    # The stream path decoded this very message first (XADD precedes PUBLISH in
                    # the relay's transaction): skip decoding it a second time.
                    self.duplicates_total += 1
                    continue
                result = decode(data, as_text(channel_raw))
                if isinstance(result, Rejection):
                    self._pending_rejections.append(result)
                elif self._holding:
                    # Not remembered yet: the catch-up must store it in stream order if it reads it.
                    self._held.append(result)
                elif remember(result.event_id):
                    self._pending.append(result)
                    if result.seq is not None:
                        live_seq(result.event_id, (result.origin, result.seq))
                else:
                    self.duplicates_total += 1
                if time.monotonic() - self._last_flush > max_busy:
                    # A huge read is cut into slices, so a GUI thread never stalls long.
                    self._flush()
                    await asyncio.sleep(0)
            if self._pending or self._pending_rejections:
                burst = burst_size and len(messages) >= burst_size
                if not burst or time.monotonic() - self._last_flush > max_busy:
                    self._flush()

    def _release_held(self) -> None:
        """Catch-up is done: store the live events it did not read, in arrival order."""
        held, self._held, self._holding = self._held, [], False
        for ev in held:
            if self._seen.add(ev.event_id):
                self._pending.append(ev)
                if ev.seq is not None:
                    self._live_seqs.put(ev.event_id, (ev.origin, ev.seq))
        self._flush()

    def _drop_held(self) -> None:
        """The connection failed during catch-up: the streams still hold every envelope event
        (the next catch-up reads them in order); only legacy messages exist nowhere else."""
        held, self._held = self._held, []
        self._pending.extend(ev for ev in held if ev.legacy and self._seen.add(ev.event_id))

    def _flush(self, positions: dict[str, StreamPosition] | None = None) -> None:
        self._last_flush = time.monotonic()
        rejections, self._pending_rejections = self._pending_rejections, []
        self._reject(rejections)
        events, self._pending = self._pending, []
        if not events and positions is None:
            return
        if self._sink_error is not None:
            # The sink failed on this connection: store nothing more until the reconnect's
            # catch-up has re-read what failed, or newer events would be stored before it.
            self._forget(events)
            return
        try:
            self._store(events, positions)
        except Exception as exc:  # noqa: BLE001 - handled: nothing is lost, see below
            self._forget(events)
            self._sink_error = exc
            self._trouble.set()
            log.error("could not store %d events (will catch up again): %s", len(events), _describe(exc))
            return
        if positions is not None:
            self._durable_positions = _copy(positions)

    def _reject(self, rejections: list[Rejection]) -> None:
        if not rejections:
            return
        self.rejected_total += len(rejections)
        try:
            self.sink.store_rejections(rejections)
        except Exception:  # evidence only: counted and shown, not worth a reconnect
            log.exception("could not store %d rejected messages", len(rejections))
        self._notify(self.on_rejected, rejections)

    def _store(self, events: list[ReceivedEvent], positions: dict[str, StreamPosition] | None) -> None:
        """Store `events` and `positions`; an event the sink refuses is isolated and rejected.

        Rewinding to the cursor for an event the sink will never take would re-read the same
        batch forever and store nothing, neither the events before it nor after it.
        """
        try:
            new = self.sink.store(events, positions)
        except EventsRefused as exc:
            if not events:
                raise  # the positions alone: not an event's fault
            refused: list[Rejection] = []
            self._isolate(events, exc, refused)
            if positions is not None:
                self.sink.store([], positions)
            self._reject(refused)
            return
        self._stored(events, new)

    def _isolate(self, events: list[ReceivedEvent], refusal: EventsRefused, refused: list[Rejection]) -> None:
        """`events` were refused together: store them in halves, in order, down to the ones at
        fault (a few stores per refused event, so one poisoned event costs a batch little)."""
        if len(events) == 1:
            ev = events[0]
            detail = f"the history cannot store this event: {_describe(refusal)}"
            log.warning("%s event %s on %s: %s", ev.system, ev.event_id, ev.channel, detail)
            size = len(ev.raw.encode("utf-8", "replace"))
            refused.append(Rejection(RejectReason.UNSTORABLE, detail, ev.channel, size, preview(ev.raw)))
            return
        middle = len(events) // 2
        for half in (events[:middle], events[middle:]):
            try:
                new = self.sink.store(half, None)
            except EventsRefused as exc:
                self._isolate(half, exc, refused)
            else:
                self._stored(half, new)

    def _stored(self, events: Sequence[ReceivedEvent], new: list[ReceivedEvent]) -> None:
        """Count and show what one sink transaction stored (its view data is the sink's latest)."""
        self.duplicates_total += len(events) - len(new)
        self.delivered_total += len(new)
        if new:
            self._notify(self.on_events, new)

    def _forget(self, events: Sequence[ReceivedEvent]) -> None:
        """Nothing of `events` was stored: forget them and rewind to the last committed cursor,
        so the next catch-up reads them again (otherwise the stream path would skip them as
        already seen and they would be lost without a trace)."""
        for ev in events:
            self._seen.pop(ev.event_id, None)
        self._positions = _copy(self._durable_positions)

    def _notify(self, callback: Callable[..., None] | None, *args: Any) -> None:
        """Run a UI callback; its failure must neither lose events nor look like a dropped
        connection. A closed output pipe (`integrado consume | head`) ends the consumer."""
        if callback is None:
            return
        try:
            callback(*args)
        except BrokenPipeError as exc:
            self._fatal = exc
            self.stop()
        except Exception:  # the events are stored; the handler's bug is logged
            log.exception("an event handler failed")

    # -- durable path ------------------------------------------------------------------------

    async def _follow_streams(self, client: Redis) -> None:
        await self._check_resets(client)
        reader = await StreamReader.open(client, limit=MAX_MESSAGE_BYTES, timeout=_READ_TIMEOUT)
        try:
            await self._read_streams(reader)
        finally:
            await _close(reader, None)

    async def _read_streams(self, reader: StreamReader | ClientReader) -> None:
        catching_up = True
        caught = 0
        self._set_state(ConnectionState.CATCHING_UP, "catching up")
        while True:
            streams = {stream: pos.last_id for stream, pos in self._positions.items()}
            block = None if catching_up else self.tuning.block_ms
            reply = await reader.xread(streams, count=self._read_count, block=block)
            full, read = self._handle_stream_reply(reply)
            if catching_up:
                caught += read
                if full:
                    self._set_state(ConnectionState.CATCHING_UP, f"catching up: {caught} events read")
                    await asyncio.sleep(0)  # let the window repaint between batches
                else:
                    catching_up = False
                    self._release_held()
                    self.caught_up_total += caught
                    detail = f"caught up {caught} events from the streams" if caught else ""
                    self._set_state(ConnectionState.LIVE, detail)

    def _handle_stream_reply(self, reply: Any) -> tuple[bool, int]:
        """Process one XREAD reply: (some stream returned a full batch, entries read)."""
        if not reply:
            return False, 0
        items = reply.items() if isinstance(reply, dict) else reply
        full = False
        read = 0
        positions = _copy(self._positions)
        decode = self.codec.decode
        for raw_stream, entries in items:
            stream = as_text(raw_stream)
            pos = positions.setdefault(stream, StreamPosition())
            if len(entries) >= self._read_count:
                full = True
            read += len(entries)
            for raw_id, fields in entries:
                pos.last_id = as_text(raw_id)
                event_id = as_text(fields.get(b"event_id", b""))
                body = fields.get(b"event")
                if event_id and event_id in self._seen:
                    self._track_seen(stream, pos, fields, event_id, body)
                    continue
                if body is None:
                    self._pending_rejections.append(
                        Rejection(RejectReason.SCHEMA_VIOLATION, "stream entry without an event field", stream, 0, "")
                    )
                    continue
                if isinstance(body, Oversized):
                    # Never read into memory (see integrado.bus.reader): only its size is known.
                    detail = f"{body.size} bytes > {MAX_MESSAGE_BYTES}"
                    self._pending_rejections.append(Rejection(RejectReason.TOO_LARGE, detail, stream, body.size, ""))
                    continue
                result = decode(body, stream)
                if isinstance(result, Rejection):
                    self._pending_rejections.append(result)
                    continue
                wrong = entry_disagrees(fields, result.event_id, result.origin, result.seq)
                if wrong is not None:
                    detail = f"stream entry whose {wrong} field disagrees with its event"
                    self._pending_rejections.append(
                        Rejection(RejectReason.SCHEMA_VIOLATION, detail, stream, len(body), preview(body))
                    )
                    continue
                if result.origin is None:  # published before envelopes carried it: the entry says
                    result.origin = as_text(fields.get(b"origin", b"")) or None
                if result.seq is not None:
                    self._track(stream, pos, fields, result.origin, result.seq)
                if self._seen.add(result.event_id):
                    self._pending.append(result)
                    self._stream_bodies.add(body_digest(body))
        self._positions = positions
        self._flush(_copy(positions))
        if self._sink_error is not None:
            raise _SinkFailed(_describe(self._sink_error))
        return full, read

    def _track_seen(
        self, stream: str, pos: StreamPosition, fields: dict[bytes, bytes], event_id: str, body: bytes | None
    ) -> None:
        """The entry's event was taken already (usually from Pub/Sub): count its seq for gaps,
        from the decoded event, without storing it again."""
        known = self._live_seqs.pop(event_id, None)
        if known is None and body is not None:
            # Not remembered from the live path (a repeated entry, or forgotten): decode again.
            again = self.codec.decode(body, stream)
            if isinstance(again, ReceivedEvent) and again.event_id == event_id and again.seq is not None:
                known = (again.origin, again.seq)
        if known is not None and entry_disagrees(fields, event_id, *known) is None:
            self._track(stream, pos, fields, *known)

    def _track(
        self, stream: str, pos: StreamPosition, fields: dict[bytes, bytes], origin: str | None, seq: int
    ) -> None:
        origin = origin or as_text(fields.get(b"origin", b"")) or "unknown"
        gap = self._gaps.after_event(stream, pos, origin, seq, as_text(fields.get(b"source", b"")))
        if gap is not None:
            self._report_gap(gap)

    async def _check_resets(self, client: Redis) -> None:
        for stream, pos in self._positions.items():
            if pos.last_id == "0-0":
                continue  # reads from the start anyway: nothing to compare
            try:
                info = await client.xinfo_stream(stream)
                last_generated = as_text(info.get("last-generated-id", b"0-0"))
            except redis_errors.ResponseError as exc:
                if "no such key" not in str(exc).lower():
                    # NOPERM (an ACL without XINFO STREAM) is not "the stream is gone": taking it
                    # for a reset would report a false gap and re-read the whole stream.
                    log.warning("cannot check %s for a reset: %s", stream, _describe(exc))
                    continue
                last_generated = "0-0"  # the stream does not exist (any more)
            gap = self._gaps.after_reconnect(stream, pos, last_generated)
            if gap is not None:
                self._report_gap(gap)

    def _report_gap(self, gap: Gap) -> None:
        log.warning("gap detected: %s", gap.describe())
        try:
            self.sink.store_gap(gap)
        except Exception:  # still shown below and in the log
            log.exception("could not store a gap report")
        self._notify(self.on_gap, gap)

    def _set_state(self, state: ConnectionState, detail: str) -> None:
        if (state, detail) == (self.state, self.state_detail):
            return
        self.state, self.state_detail = state, detail
        self._notify(self.on_state, state, detail)


class _Stopped(Exception):
    """Raised in the task group to end it when `stop()` was called."""


class _SinkFailed(Exception):
    """The sink could not store a batch: reconnect and catch up from the durable cursor."""


def _copy(positions: dict[str, StreamPosition]) -> dict[str, StreamPosition]:
    return {stream: pos.copy() for stream, pos in positions.items()}


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


async def _close(pubsub: RawSubscription | StreamReader | ClientReader | None, client: Redis | None) -> None:
    for closer in (pubsub.aclose if pubsub else None, client.aclose if client else None):
        if closer is None:
            continue
        try:
            await asyncio.wait_for(closer(), timeout=2)
        except Exception:  # noqa: BLE001 - the connection may already be dead
            pass
