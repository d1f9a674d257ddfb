"""Pub/Sub parsed by hiredis a whole socket read at a time (the live path's transport)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import hiredis
from redis import exceptions as redis_errors
from redis.asyncio import Redis

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
        """Subscribe on a new connection of `client`'s pool; return once every channel is confirmed."""
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
