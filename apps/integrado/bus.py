"""The consumers' side of the pipeline: live Pub/Sub plus catch-up from the durable streams.

Pub/Sub is the fast path (and the only one the older system's messages take); the streams are
the durable path. Both feed one de-duplication step keyed by `event_id`, so each event reaches
the sink once whichever path brings it first. The stream cursor and the last `seq` per
(source, origin) are handed to the sink with each stream batch so that it can store them in
the same transaction as the events: a restart resumes exactly where the history ends.

Gaps: a stream entry whose `seq` is more than one past the last seen for its origin means
events are missing from the stream (trimmed, or lost by a server without persistence); a
stream whose last id is below our cursor was reset. Both are reported, never hidden.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import hiredis
from redis import exceptions as redis_errors
from redis.asyncio import Redis

from integrado.events.codec import Codec, ReceivedEvent, Rejection, RejectReason

log = logging.getLogger(__name__)

CONNECTING = "connecting"
CATCHING_UP = "catching_up"
LIVE = "live"
RECONNECTING = "reconnecting"
STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class StreamSource:
    system: str
    channel: str
    stream: str


@dataclass(slots=True)
class StreamPosition:
    last_id: str = "0-0"
    # origin (one per publishing database) -> last seq seen on the stream
    seqs: dict[str, int] = field(default_factory=dict)

    def copy(self) -> StreamPosition:
        return StreamPosition(self.last_id, dict(self.seqs))


@dataclass(frozen=True, slots=True)
class Gap:
    stream: str
    source: str
    origin: str
    first_missing: int
    last_missing: int
    reason: str  # "missing" (seq jumped), "reset" (stream recreated behind our cursor)
    detected_at: float

    def describe(self) -> str:
        if self.reason == "reset":
            return f"{self.stream}: the stream was reset (server data lost); earlier events may be missing"
        count = self.last_missing - self.first_missing + 1
        return (
            f"{self.source}: {count} event(s) missing, seq {self.first_missing}–{self.last_missing} "
            f"(no longer in {self.stream})"
        )


class EventSink(Protocol):
    def load_positions(self) -> dict[str, StreamPosition]: ...

    def store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        """Store events (and positions) in one transaction; return those not stored before."""
        ...

    def store_rejections(self, rejections: Sequence[Rejection]) -> None: ...

    def store_gap(self, gap: Gap) -> None: ...


def _bytes_to_str(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class BusConsumer:
    """Subscribes, catches up, de-duplicates, detects gaps and reconnects, for as long as it runs."""

    def __init__(
        self,
        redis_factory: Callable[[], Redis],
        sources: Iterable[StreamSource],
        sink: EventSink,
        codec: Codec,
        *,
        on_events: Callable[[list[ReceivedEvent]], None] | None = None,
        on_state: Callable[[str, str], None] | None = None,
        on_rejected: Callable[[list[Rejection]], None] | None = None,
        on_gap: Callable[[Gap], None] | None = None,
        block_ms: int = 1000,
        batch_size: int = 1000,
        seen_capacity: int = 200_000,
        backoff_cap: float = 2.0,
    ) -> None:
        self._factory = redis_factory
        self.sources = list(sources)
        self.sink = sink
        self.codec = codec
        self.on_events = on_events
        self.on_state = on_state
        self.on_rejected = on_rejected
        self.on_gap = on_gap
        self.block_ms = block_ms
        self.batch_size = batch_size
        self.backoff_cap = backoff_cap
        self._seen: dict[str, None] = {}
        self._seen_capacity = seen_capacity
        self._positions: dict[str, StreamPosition] = {}
        # What the sink last committed: where a catch-up resumes after the sink failed.
        self._durable_positions: dict[str, StreamPosition] = {}
        self._sink_error: BaseException | None = None
        self._fatal: BaseException | None = None
        self._trouble = asyncio.Event()
        self._stream_system = {s.stream: s.system for s in self.sources}
        self._pending: list[ReceivedEvent] = []
        self._pending_rejections: list[Rejection] = []
        # Live events that arrive while the streams are being caught up wait here, so that a
        # fresh live event is never stored before older ones the catch-up has yet to read.
        self._holding = True
        self._held: list[ReceivedEvent] = []
        self._flush_scheduled = False
        self._last_flush = time.monotonic()
        # Bodies the stream path decoded recently (the same bytes arrive on Pub/Sub too).
        self._stream_bodies: dict[bytes, None] = {}
        # Longest a burst of buffered live messages is decoded before storing and yielding.
        self.max_busy = 0.015
        # Burst mode (off unless set): after a read of at least `burst_size` messages, wait up to
        # `burst_wait` seconds for more before storing (up to `max_busy` in all). For a consumer
        # with no GUI thread to keep free (the console's intake process): fewer, bigger
        # transactions under a flood; a quiet channel is stored at once as before.
        self.burst_size = 0
        self.burst_wait = 0.002
        self._stopping = False
        self._stop_event = asyncio.Event()
        self.state = CONNECTING
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
        self._durable_positions = {k: v.copy() for k, v in self._positions.items()}
        failures = 0
        try:
            while not self._stopping:
                client = self._factory()
                pubsub: RawSubscription | None = None
                self._holding, self._held = True, []
                self._sink_error = None
                self._trouble.clear()
                try:
                    self._set_state(CONNECTING if failures == 0 else RECONNECTING, self.state_detail)
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
                    exc = group_error.exceptions[0]
                    self._set_state(RECONNECTING, _describe(exc))
                except* _SinkFailed as group_error:
                    failures += 1
                    self._set_state(RECONNECTING, f"cannot store events: {_describe(group_error.exceptions[0])}")
                except* _Stopped:
                    pass
                finally:
                    self._drop_held()
                    self._flush()
                    await _close(pubsub, client)
                if self.state == LIVE or self.state == CATCHING_UP:
                    failures = 1
                if not self._stopping:
                    await self._sleep(random.uniform(0.05, min(self.backoff_cap, 0.1 * 2**failures)))
        finally:
            self._flush()
            self._set_state(STOPPED, "")
        if self._fatal is not None:
            raise self._fatal

    async def _wait_stop(self) -> None:
        # Also the way a sink failure in a call_soon flush reaches the task group.
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
        while True:
            # Everything one socket read brought, parsed at once: a burst costs one await and
            # one flush (one transaction, one repaint), not one of each per message.
            if self._pending and self.burst_size:
                # A burst is on (the last read was big): give the socket a moment to bring more
                # before committing, so a flood is stored in few big transactions.
                try:
                    messages = await asyncio.wait_for(pubsub.read_messages(), self.burst_wait)
                except TimeoutError:
                    self._flush()
                    continue
            else:
                messages = await pubsub.read_messages()
            for channel_raw, data in messages:
                if data in stream_bodies:
                    # The stream path decoded this very message first (XADD precedes PUBLISH in
                    # the relay's transaction): skip decoding it a second time.
                    self.duplicates_total += 1
                    continue
                result = decode(data, _bytes_to_str(channel_raw))
                if isinstance(result, Rejection):
                    self._pending_rejections.append(result)
                elif self._holding:
                    # Not remembered yet: the catch-up must store it in stream order if it reads it.
                    self._held.append(result)
                elif self._remember(result.event_id):
                    self._pending.append(result)
                else:
                    self.duplicates_total += 1
                if time.monotonic() - self._last_flush > self.max_busy:
                    # A huge read is cut into slices, so a GUI thread never stalls long.
                    self._flush()
                    await asyncio.sleep(0)
            if self._pending or self._pending_rejections:
                burst = self.burst_size and len(messages) >= self.burst_size
                if not burst or time.monotonic() - self._last_flush > self.max_busy:
                    self._flush()

    def _release_held(self) -> None:
        """Catch-up is done: store the live events it did not read, in arrival order."""
        held, self._held, self._holding = self._held, [], False
        self._pending.extend(ev for ev in held if self._remember(ev.event_id))
        self._flush()

    def _drop_held(self) -> None:
        """The connection failed during catch-up: the streams still hold every envelope event
        (the next catch-up reads them in order); only legacy messages exist nowhere else."""
        held, self._held = self._held, []
        self._pending.extend(ev for ev in held if ev.legacy and self._remember(ev.event_id))

    def _remember(self, event_id: str) -> bool:
        seen = self._seen
        if event_id in seen:
            return False
        seen[event_id] = None
        if len(seen) > self._seen_capacity:
            del seen[next(iter(seen))]
        return True

    def _flush(self, positions: dict[str, StreamPosition] | None = None) -> None:
        self._flush_scheduled = False
        self._last_flush = time.monotonic()
        rejections, self._pending_rejections = self._pending_rejections, []
        if rejections:
            self.rejected_total += len(rejections)
            try:
                self.sink.store_rejections(rejections)
            except Exception:  # evidence only: counted and shown, not worth a reconnect
                log.exception("could not store %d rejected messages", len(rejections))
            self._notify(self.on_rejected, rejections)
        events, self._pending = self._pending, []
        if not events and positions is None:
            return
        if self._sink_error is not None:
            # The sink failed on this connection: store nothing more until the reconnect's
            # catch-up has re-read what failed, or newer events would be stored before it.
            self._forget(events)
            return
        try:
            new = self.sink.store(events, positions)
        except Exception as exc:  # noqa: BLE001 - handled: nothing is lost, see below
            self._forget(events)
            self._sink_error = exc
            self._trouble.set()
            log.error("could not store %d events (will catch up again): %s", len(events), _describe(exc))
            return
        if positions is not None:
            self._durable_positions = {k: v.copy() for k, v in positions.items()}
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
        self._positions = {k: v.copy() for k, v in self._durable_positions.items()}

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
        catching_up = True
        caught = 0
        self._set_state(CATCHING_UP, "catching up")
        while True:
            streams: dict[Any, Any] = {stream: pos.last_id for stream, pos in self._positions.items()}
            reply = await client.xread(streams, count=self.batch_size, block=None if catching_up else self.block_ms)
            full = self._handle_stream_reply(reply)
            if catching_up:
                caught += self._last_reply_size
                if full:
                    self._set_state(CATCHING_UP, f"catching up: {caught} events read")
                    await asyncio.sleep(0)  # let the window repaint between batches
                else:
                    catching_up = False
                    self._release_held()
                    self.caught_up_total += caught
                    self._set_state(LIVE, f"caught up {caught} events from the streams" if caught else "")

    _last_reply_size = 0

    def _handle_stream_reply(self, reply: Any) -> bool:
        """Process one XREAD reply; True when some stream returned a full batch (more to read)."""
        self._last_reply_size = 0
        if not reply:
            return False
        items = reply.items() if isinstance(reply, dict) else reply
        full = False
        positions = {k: v.copy() for k, v in self._positions.items()}
        decode = self.codec.decode
        for raw_stream, entries in items:
            stream = _bytes_to_str(raw_stream)
            pos = positions.setdefault(stream, StreamPosition())
            if len(entries) >= self.batch_size:
                full = True
            self._last_reply_size += len(entries)
            for raw_id, fields in entries:
                pos.last_id = _bytes_to_str(raw_id)
                self._track_seq(stream, pos, fields)
                event_id = _bytes_to_str(fields.get(b"event_id", b""))
                if event_id and event_id in self._seen:
                    continue
                body = fields.get(b"event")
                if body is None:
                    self._pending_rejections.append(
                        Rejection(RejectReason.SCHEMA_VIOLATION, "stream entry without an event field", stream, 0, "")
                    )
                    continue
                result = decode(body, stream)
                if isinstance(result, Rejection):
                    self._pending_rejections.append(result)
                elif self._remember(result.event_id):
                    self._pending.append(result)
                    self._stream_bodies[body] = None
                    if len(self._stream_bodies) > 10_000:
                        del self._stream_bodies[next(iter(self._stream_bodies))]
        self._positions = positions
        self._flush({k: v.copy() for k, v in positions.items()})
        if self._sink_error is not None:
            raise _SinkFailed(_describe(self._sink_error))
        return full

    def _track_seq(self, stream: str, pos: StreamPosition, fields: dict[bytes, bytes]) -> None:
        origin = _bytes_to_str(fields.get(b"origin", b"")) or "unknown"
        try:
            seq = int(fields.get(b"seq", b"0"))
        except ValueError:
            return
        if seq <= 0:
            return
        last = pos.seqs.get(origin)
        if last is not None and seq > last + 1:
            source = _bytes_to_str(fields.get(b"source", b"")) or self._stream_system.get(stream, stream)
            self._report_gap(Gap(stream, source, origin, last + 1, seq - 1, "missing", time.time()))
        if last is None or seq > last:
            pos.seqs[origin] = seq

    async def _check_resets(self, client: Redis) -> None:
        for stream, pos in self._positions.items():
            if pos.last_id == "0-0":
                continue
            try:
                info = await client.xinfo_stream(stream)
                last_generated = _bytes_to_str(info.get("last-generated-id", b"0-0"))
            except redis_errors.ResponseError as exc:
                if "no such key" not in str(exc).lower():
                    # NOPERM (an ACL without XINFO STREAM) is not "the stream is gone": taking it
                    # for a reset would report a false gap and re-read the whole stream.
                    log.warning("cannot check %s for a reset: %s", stream, _describe(exc))
                    continue
                last_generated = "0-0"  # the stream does not exist (any more)
            if pos.last_id == "$":
                # "From now on": pin the stream's current end, so nothing between reads is missed.
                pos.last_id = last_generated
                continue
            if _id_tuple(last_generated) < _id_tuple(pos.last_id):
                self._report_gap(Gap(stream, self._stream_system.get(stream, stream), "", 0, 0, "reset", time.time()))
                # Keep the per-origin seqs: the first entry after the reset shows how much is missing.
                pos.last_id = "0-0"

    def _report_gap(self, gap: Gap) -> None:
        log.warning("gap detected: %s", gap.describe())
        try:
            self.sink.store_gap(gap)
        except Exception:  # still shown below and in the log
            log.exception("could not store a gap report")
        self._notify(self.on_gap, gap)

    def _set_state(self, state: str, detail: str) -> None:
        if (state, detail) == (self.state, self.state_detail):
            return
        self.state, self.state_detail = state, detail
        self._notify(self.on_state, state, detail)


class _Stopped(Exception):
    pass


class _SinkFailed(Exception):
    """The sink could not store a batch: reconnect and catch up from the durable cursor."""


def _id_tuple(entry_id: str) -> tuple[int, int]:
    ms, _, seq = entry_id.partition("-")
    try:
        return int(ms), int(seq or 0)
    except ValueError:
        return (0, 0)


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


async def _close(pubsub: RawSubscription | None, client: Redis) -> None:
    for closer in (pubsub.aclose if pubsub else None, client.aclose):
        if closer is None:
            continue
        try:
            await asyncio.wait_for(closer(), timeout=2)
        except Exception:  # noqa: BLE001 - the connection may already be dead
            pass


# One socket read takes whatever the kernel holds, up to this: under a flood a read brings a few
# hundred messages, stored in one transaction (fewer, bigger commits: ~35 -> ~25 µs an event).
READ_SIZE = 256 * 1024


class RawSubscription:
    """Pub/Sub on a connection of our own, parsed by hiredis a whole socket read at a time.

    redis-py's PubSub spends ~30 µs of Python per message (an await chain, retry wrapper and
    message dict per message); on a qasync loop that was the largest single cost of the
    console's intake. The connection itself (TLS, AUTH, client name) is redis-py's.
    """

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._parser = hiredis.Reader(replyError=redis_errors.ResponseError)

    @classmethod
    async def open(cls, client: Redis, channels: Sequence[str]) -> RawSubscription:
        connection = client.connection_pool.make_connection()
        await connection.connect()
        sub = cls(connection)
        try:
            await connection.send_command("SUBSCRIBE", *channels)
            confirmed = 0
            while confirmed < len(channels):
                for reply in await sub._read_replies():
                    if isinstance(reply, list) and reply and reply[0] == b"subscribe":
                        confirmed += 1
        except BaseException:
            await sub.aclose()
            raise
        return sub

    async def _read_replies(self) -> list[Any]:
        data = await self._connection._reader.read(READ_SIZE)
        if not data:
            raise redis_errors.ConnectionError("Connection closed by server.")
        self._parser.feed(data)
        replies = []
        while (reply := self._parser.gets()) is not False:
            if isinstance(reply, redis_errors.ResponseError):
                text = str(reply)
                if text.startswith("NOPERM"):
                    raise redis_errors.NoPermissionError(text)
                raise reply
            replies.append(reply)
        return replies

    async def read_messages(self) -> list[tuple[bytes, bytes]]:
        """Wait for data; return the (channel, payload) of every message it completed."""
        while True:
            messages = [
                (reply[1], reply[2])
                for reply in await self._read_replies()
                if isinstance(reply, list) and len(reply) == 3 and reply[0] == b"message"
            ]
            if messages:
                return messages

    async def aclose(self) -> None:
        await self._connection.disconnect()


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
