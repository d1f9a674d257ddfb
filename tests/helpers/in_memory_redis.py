"""An in-memory stand-in for a Redis server and the part of `redis.asyncio.Redis` the transport
uses, for unit tests of the bus consumer and the outbox relay (no network, no server process).

What it keeps: streams (XADD, XREAD with COUNT and BLOCK, "$", XINFO STREAM's last id), Pub/Sub
on a raw connection speaking RESP (what `RawSubscription` reads with hiredis), MULTI pipelines of
XADD + PUBLISH. Switches for the faults the transport must survive: the server going down
(`go_down`/`come_back`), connections dropped (`drop_connections`), data lost
(`lose_data`, `restore_snapshot`), trimmed streams (`trim`), refused commands (`refuse`).

Simplifications, on purpose: a refused command in a pipeline refuses the whole transaction (as an
error at queueing time does, EXECABORT), and time does not move unless a test blocks on XREAD.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from redis import exceptions as redis_errors

Fields = dict[bytes, bytes]


def as_bytes(value: Any) -> bytes:
    """An argument as redis-py encodes it on the wire."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bool):
        raise TypeError("redis-py refuses booleans")
    if isinstance(value, int | float):
        return repr(value).encode()
    raise TypeError(f"cannot encode {type(value).__name__}")


def _bulk(data: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(data), data)


def _key(entry_id: str) -> tuple[int, int]:
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


class _Change(asyncio.Event):
    """Set when the server's data changed (or its connections broke): wakes blocked XREADs."""

    broken = False


@dataclass
class _Refusal:
    when: Callable[[str, str, bytes], bool]
    error: Callable[[], Exception]
    times: int | None


class InMemoryRedis:
    """One server's data and fault switches; `client` is a `redis_factory` for the transport."""

    def __init__(self) -> None:
        self.streams: dict[str, list[tuple[str, Fields]]] = {}
        self._last_ids: dict[str, str] = {}
        self._next_ms = 1_700_000_000_000
        self._subscribers: list[SubscriberConnection] = []
        self._changed = _Change()
        self._refusals: list[_Refusal] = []
        self.down = False
        # What tests look at afterwards.
        self.clients: list[InMemoryRedisClient] = []
        self.published: list[tuple[str, bytes]] = []
        self.xread_calls: list[tuple[dict[str, str], int | None, int | None]] = []
        self.transactions: list[int] = []  # commands per executed MULTI
        # Fault switches read where the command runs.
        self.xinfo_error: Exception | None = None
        self.subscribe_error: bytes | None = None  # the server's error reply, e.g. b"NOPERM ..."
        self.read_chunk: int | None = None  # at most this many bytes per subscriber socket read
        # Called as each XREAD arrives: where a test makes something happen in mid-catch-up.
        self.on_xread: Callable[[], None] | None = None

    # -- the transport's side ----------------------------------------------------------------

    def client(self) -> InMemoryRedisClient:
        self.clients.append(InMemoryRedisClient(self))
        return self.clients[-1]

    @property
    def clients_made(self) -> int:
        return len(self.clients)

    # -- the test's side: data -------------------------------------------------------------

    def xadd(self, stream: str, fields: Mapping[str, Any] | Mapping[bytes, Any], maxlen: int | None = None) -> str:
        entry_id = f"{self._next_ms}-0"
        self._next_ms += 1
        entries = self.streams.setdefault(stream, [])
        entries.append((entry_id, {as_bytes(k): as_bytes(v) for k, v in fields.items()}))
        self._last_ids[stream] = entry_id
        if maxlen is not None and len(entries) > maxlen:
            del entries[: len(entries) - maxlen]
        self._notify()
        return entry_id

    def publish(self, channel: str, message: bytes | str) -> int:
        data = as_bytes(message)
        self.published.append((channel, data))
        receivers = [sub for sub in self._subscribers if sub.deliver(channel, data)]
        return len(receivers)

    def trim(self, stream: str, keep: int) -> None:
        """Keep only the newest `keep` entries (what MAXLEN does to a consumer that was away)."""
        entries = self.streams.get(stream, [])
        del entries[: max(0, len(entries) - keep)]

    def lose_data(self) -> None:
        """A restart without persistence: every stream is gone."""
        self.streams.clear()
        self._last_ids.clear()

    def restore_snapshot(self, stream: str, keep: int) -> None:
        """A restart from an older snapshot: the stream holds its first `keep` entries, and its
        last id is below what a consumer may have read since."""
        entries = self.streams.get(stream, [])
        del entries[keep:]
        if entries:
            self._last_ids[stream] = entries[-1][0]
        else:
            self._last_ids.pop(stream, None)
            self.streams.pop(stream, None)

    def entries(self, stream: str) -> list[Fields]:
        return [fields for _, fields in self.streams.get(stream, [])]

    # -- the test's side: faults -------------------------------------------------------------

    def go_down(self) -> None:
        """Refuse connections and commands; every open connection breaks."""
        self.down = True
        self.drop_connections()

    def come_back(self) -> None:
        self.down = False

    def drop_connections(self) -> None:
        """Break open subscriber connections and blocked reads (a network blip)."""
        for sub in list(self._subscribers):
            sub.break_off()
        self._notify(broken=True)

    def refuse(
        self,
        when: Callable[[str, str, bytes], bool],
        error: Callable[[], Exception],
        *,
        times: int | None = None,
    ) -> None:
        """Make pipelines fail with `error()` when a command matches `when(command, key, payload)`
        ("XADD", stream, the event body) or ("PUBLISH", channel, message); `times` refusals at most."""
        self._refusals.append(_Refusal(when, error, times))

    # -- internals ---------------------------------------------------------------------------

    def _notify(self, *, broken: bool = False) -> None:
        changed, self._changed = self._changed, _Change()
        changed.broken = broken
        changed.set()

    def _check(self) -> None:
        if self.down:
            raise redis_errors.ConnectionError("Error 111 connecting to in-memory redis. Connection refused.")

    def _read(self, streams: dict[str, str], count: int | None) -> list[list[Any]]:
        reply: list[list[Any]] = []
        for stream, after in streams.items():
            newer = [(i, f) for i, f in self.streams.get(stream, []) if _key(i) > _key(after)]
            if count is not None:
                newer = newer[:count]
            if newer:
                reply.append([stream.encode(), [(i.encode(), dict(f)) for i, f in newer]])
        return reply

    def _refusal_for(self, command: str, key: str, payload: bytes) -> Exception | None:
        for refusal in self._refusals:
            if refusal.times != 0 and refusal.when(command, key, payload):
                if refusal.times is not None:
                    refusal.times -= 1
                return refusal.error()
        return None


class InMemoryRedisClient:
    """What `redis.asyncio.Redis` offers the transport, on an `InMemoryRedis`."""

    def __init__(self, server: InMemoryRedis) -> None:
        self.server = server
        self.connection_pool = _ConnectionPool(server)
        self.closed = False

    async def ping(self) -> bool:
        self.server._check()
        return True

    async def xread(
        self, streams: Mapping[str, str], count: int | None = None, block: int | None = None
    ) -> list[list[Any]]:
        server = self.server
        server._check()
        # "$" means "after the newest entry now", resolved when the command arrives.
        after = {s: (server._last_ids.get(s, "0-0") if i == "$" else i) for s, i in streams.items()}
        server.xread_calls.append((dict(streams), count, block))
        if server.on_xread is not None:
            server.on_xread()
        deadline = None if block is None else asyncio.get_running_loop().time() + block / 1000
        while True:
            reply = server._read(after, count)
            if reply or deadline is None:
                return reply
            changed = server._changed
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return []
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return []
            if changed.broken or server.down:
                raise redis_errors.ConnectionError("Connection closed by server.")

    async def xinfo_stream(self, stream: str) -> dict[str, Any]:
        self.server._check()
        if self.server.xinfo_error is not None:
            raise self.server.xinfo_error
        if stream not in self.server._last_ids:
            raise redis_errors.ResponseError("no such key")
        return {
            "last-generated-id": self.server._last_ids[stream].encode(),
            "length": len(self.server.streams.get(stream, [])),
        }

    def pipeline(self, transaction: bool = True) -> _Pipeline:
        return _Pipeline(self)

    async def aclose(self) -> None:
        self.closed = True


class _ConnectionPool:
    def __init__(self, server: InMemoryRedis) -> None:
        self._server = server

    def make_connection(self) -> SubscriberConnection:
        return SubscriberConnection(self._server)


class SubscriberConnection:
    """A raw connection after SUBSCRIBE: RESP bytes out of `_reader.read`, as a socket gives them."""

    def __init__(self, server: InMemoryRedis) -> None:
        self._server = server
        self._buffer = bytearray()
        self._data = asyncio.Event()
        self._reader = self  # RawSubscription reads `connection._reader.read(n)`
        self.channels: set[str] = set()
        self.broken = False
        self.closed = False

    async def connect(self) -> None:
        self._server._check()
        self._server._subscribers.append(self)

    async def send_command(self, *args: str) -> None:
        if self.broken:
            raise redis_errors.ConnectionError("Connection closed by server.")
        command, *channels = args
        assert command == "SUBSCRIBE", command
        if self._server.subscribe_error is not None:
            self._buffer += b"-" + self._server.subscribe_error + b"\r\n"
        else:
            for n, channel in enumerate(channels, 1):
                self.channels.add(channel)
                self._buffer += b"*3\r\n" + _bulk(b"subscribe") + _bulk(channel.encode()) + b":%d\r\n" % n
        self._data.set()

    async def read(self, size: int) -> bytes:
        while not self._buffer:
            if self.broken:
                return b""  # the server closed the socket
            self._data.clear()
            await self._data.wait()
        size = min(size, self._server.read_chunk or size)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def deliver(self, channel: str, data: bytes) -> bool:
        if self.broken or channel not in self.channels:
            return False
        self._buffer += b"*3\r\n" + _bulk(b"message") + _bulk(channel.encode()) + _bulk(data)
        self._data.set()
        return True

    def break_off(self) -> None:
        self.broken = True
        if self in self._server._subscribers:
            self._server._subscribers.remove(self)
        self._data.set()

    async def disconnect(self) -> None:
        self.closed = True
        self.break_off()


class _Pipeline:
    def __init__(self, client: InMemoryRedisClient) -> None:
        self._client = client
        self._commands: list[tuple[str, str, Any, int | None]] = []

    async def __aenter__(self) -> _Pipeline:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._commands.clear()

    def xadd(
        self, name: str, fields: Mapping[Any, Any], maxlen: int | None = None, approximate: bool = True
    ) -> _Pipeline:
        self._commands.append(("XADD", name, dict(fields), maxlen))
        return self

    def publish(self, channel: str, message: Any) -> _Pipeline:
        self._commands.append(("PUBLISH", channel, message, None))
        return self

    async def execute(self, raise_on_error: bool = True) -> list[Any]:
        server = self._client.server
        server._check()
        for command, key, value, _ in self._commands:
            payload = as_bytes(value.get("event", b"")) if command == "XADD" else as_bytes(value)
            error = server._refusal_for(command, key, payload)
            if error is not None:
                raise error
        results: list[Any] = []
        for command, key, value, maxlen in self._commands:
            if command == "XADD":
                results.append(server.xadd(key, value, maxlen=maxlen).encode())
            else:
                results.append(server.publish(key, value))
        server.transactions.append(len(self._commands))
        return results
