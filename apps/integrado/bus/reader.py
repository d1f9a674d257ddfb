"""XREAD on a connection of our own, parsed so that an oversized value is never held in memory.

redis-py (and hiredis) hand over a reply only once it is whole: one XREAD of entries written by a
hostile producer (Redis takes values up to `proto-max-bulk-len`, 512 MB by default) made the
console's intake process hold every value of the batch at once, gigabytes, before the codec's
64 KiB check could refuse them. Here every value larger than the limit is read off the socket
in chunks and dropped; the entry keeps an `Oversized` marker with its size, so the consumer
rejects it as too large and memory stays bounded by (entries per read) x (limit).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from redis import exceptions as redis_errors
from redis._parsers.base import BaseParser
from redis.asyncio import Redis

# Socket reads of at most this much; an oversized value passes through in pieces of this size.
READ_SIZE = 256 * 1024

StreamReply = list[tuple[bytes, list[tuple[bytes, dict[bytes, bytes]]]]]


class Oversized(bytes):
    """Stands for a value longer than the reader's limit: empty, with the value's `size`."""

    size: int

    def __new__(cls, size: int) -> Oversized:
        marker = super().__new__(cls, b"")
        marker.size = size
        return marker


class StreamReader:
    """XREAD replies (RESP2 or RESP3, whichever the connection speaks) on a dedicated connection of a client's pool (TLS, AUTH, Sentinel: redis-py's).

    `limit` is the longest value kept; `timeout` bounds every wait for the server beyond the
    XREAD's own BLOCK time (a server that stops answering is a dropped connection, not a hang).
    """

    def __init__(self, connection: Any, limit: int, timeout: float) -> None:
        self._connection = connection
        self._limit = limit
        self._timeout = timeout
        self._buf = bytearray()
        self._pos = 0
        self._wait = timeout

    @classmethod
    async def open(cls, client: Redis, *, limit: int, timeout: float) -> StreamReader | ClientReader:
        """A reader on a new connection of `client`'s pool; a client that is not redis-py's (an
        in-memory stand-in) is read through its own `xread`."""
        if not isinstance(client, Redis):
            return ClientReader(client)
        connection = client.connection_pool.make_connection()
        await asyncio.wait_for(connection.connect(), timeout)
        return cls(connection, limit, timeout)

    async def xread(self, streams: dict[str, str], *, count: int, block: int | None) -> StreamReply:
        """XREAD [COUNT n] [BLOCK ms] STREAMS ... as (stream, [(id, fields)]) pairs; [] on timeout."""
        args: list[Any] = ["XREAD", "COUNT", count]
        if block is not None:
            args += ["BLOCK", block]
        args += ["STREAMS", *streams.keys(), *streams.values()]
        self._wait = self._timeout + (block or 0) / 1000
        await self._connection.send_command(*args)
        reply = await self._value()
        if reply is None:
            return []
        return [(name, [_entry(e) for e in entries]) for name, entries in _pairs(reply)]

    async def aclose(self) -> None:
        await self._connection.disconnect()

    # -- RESP2, incrementally -----------------------------------------------------------------

    async def _fill(self) -> None:
        if self._pos:
            del self._buf[: self._pos]
            self._pos = 0
        try:
            data = await asyncio.wait_for(self._connection._reader.read(READ_SIZE), self._wait)
        except TimeoutError:
            raise redis_errors.TimeoutError("Timeout reading from the server") from None
        if not data:
            raise redis_errors.ConnectionError("Connection closed by server.")
        self._buf += data

    async def _line(self) -> bytes:
        while True:
            end = self._buf.find(b"\r\n", self._pos)
            if end >= 0:
                line = bytes(self._buf[self._pos : end])
                self._pos = end + 2
                return line
            if len(self._buf) - self._pos > 64 * 1024:
                raise redis_errors.InvalidResponse("reply header longer than 64 KiB")
            await self._fill()

    async def _bulk(self, length: int) -> bytes:
        if length > self._limit:
            left = length + 2
            while left > 0:
                if self._pos >= len(self._buf):
                    self._buf.clear()
                    self._pos = 0
                    await self._fill()
                take = min(left, len(self._buf) - self._pos)
                self._pos += take
                left -= take
            return Oversized(length)
        while len(self._buf) - self._pos < length + 2:
            await self._fill()
        value = bytes(self._buf[self._pos : self._pos + length])
        self._pos += length + 2
        return value

    async def _value(self) -> Any:
        line = await self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"$":
            length = int(rest)
            return None if length < 0 else await self._bulk(length)
        if kind in (b"*", b"~"):  # array; RESP3 set
            length = int(rest)
            return None if length < 0 else [await self._value() for _ in range(length)]
        if kind == b"%":  # RESP3 map (XREAD's reply under RESP3): kept as [key, value] pairs
            return [[await self._value(), await self._value()] for _ in range(int(rest))]
        if kind in (b":", b"("):
            return int(rest)
        if kind == b"+":
            return rest
        if kind == b"_":
            return None
        if kind == b"-":
            raise BaseParser.parse_error(rest.decode("utf-8", "replace"))
        if kind == b"!":
            raise BaseParser.parse_error((await self._bulk(int(rest))).decode("utf-8", "replace"))
        raise redis_errors.InvalidResponse(f"unexpected reply type {kind!r}")


class ClientReader:
    """XREAD through a client's own `xread` (no bound on what it holds)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    async def xread(self, streams: dict[str, str], *, count: int, block: int | None) -> StreamReply:
        reply = await self._client.xread(streams, count=count, block=block)
        return list(reply.items()) if isinstance(reply, dict) else list(reply or [])

    async def aclose(self) -> None:
        pass


def _pairs(reply: Sequence[Any]) -> list[tuple[bytes, list[Any]]]:
    return [(item[0], item[1] or []) for item in reply]


def _entry(entry: Sequence[Any]) -> tuple[bytes, dict[bytes, bytes]]:
    entry_id, flat = entry[0], entry[1] or []
    return entry_id, dict(zip(flat[::2], flat[1::2], strict=False))
