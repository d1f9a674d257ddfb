"""Fencing in Redis: only the relay holding the newest lease token can put events on a stream.

Each stream has a fence key holding the token of the relay allowed to publish on it. The new
leader raises it on takeover (a token never goes down); the publish script checks it and appends
+ publishes in one atomic step, so a relay frozen mid-drain (SIGSTOP, a sleeping VM) that wakes
after the takeover gets `FENCED` and steps down instead of writing after its successor.

After raising the fence the new leader reads the stream's newest entries: rows its predecessor
already appended (but had no time to mark published) are marked published instead of being
sent again, so the stream stays in `seq` order.

A Redis failover may promote a replica that had not yet received the newest raise: the new
primary's fence then holds an older token (or none). That is no takeover, so the publish script
raises it again and goes on; only a newer token stops a relay.

Redis Cluster: the script touches the fence and the stream, two keys that must share a slot;
name streams with a hash tag (`{calls}:stream`) there. A single server or Sentinel needs nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from redis import exceptions as redis_errors
from redis.asyncio import Redis
from sqlalchemy import Engine, inspect, update
from sqlalchemy.orm import Session

from integrado.outbox import (
    PENDING,
    PUBLISHED,
    Outbox,
    OutboxRelay,
    OutboxRow,
    StopPublishing,
    check_replicated,
    raise_first_error,
    replicas_to_wait_for,
)

log = logging.getLogger(__name__)

FENCE_PREFIX = "integrado:relay:fence:"

# Written even when it holds the token already: the write is what a WAIT after it waits for.
_RAISE = """
local held = redis.call('GET', KEYS[1])
if tonumber(ARGV[1]) >= tonumber(held or '0') then
  redis.call('SET', KEYS[1], ARGV[1])
  return ARGV[1]
end
return held
"""

# KEYS: fence, stream. ARGV: token, maxlen, channel, then five values per event. Every entry is
# appended before any message is published: an XADD that fails (WRONGTYPE, OOM) ends the script
# with nothing on the channel, so a retry never re-publishes a batch to subscribers.
# A fence holding an OLDER token (or none) is not another relay's: it is what a Redis failover
# leaves when the replica it promoted had not yet received this relay's raise. Only a newer token
# means that someone took over; an older one is raised again, as on takeover (the lease, asked
# before every send, is what keeps two relays from holding newer tokens at once). The reply is
# {appended, the token found when it was raised again, or ''}.
_PUBLISH = """
local current = redis.call('GET', KEYS[1])
local raised = ''
if current ~= ARGV[1] then
  local held = tonumber(current or '0')
  if held == nil or held >= tonumber(ARGV[1]) then
    return redis.error_reply('FENCED the fence holds ' .. tostring(current))
  end
  redis.call('SET', KEYS[1], ARGV[1])
  raised = current or 'none'
end
local n = 0
for i = 4, #ARGV, 5 do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*',
             'event', ARGV[i], 'event_id', ARGV[i + 1], 'source', ARGV[i + 2],
             'origin', ARGV[i + 3], 'seq', ARGV[i + 4])
  n = n + 1
end
for i = 4, #ARGV, 5 do
  redis.call('PUBLISH', ARGV[3], ARGV[i])
end
return {n, raised}
"""


class Fenced(StopPublishing):
    """Another relay took over: this one must stop publishing."""


def fence_key(stream: str) -> str:
    return FENCE_PREFIX + stream


async def raise_fence(client: Redis, stream: str, token: int, *, replicas: int = 0, timeout_ms: int = 0) -> bool:
    """Let only `token` publish on `stream` from now on; Fenced when a newer token already does.

    With `replicas`, WAIT for them after the raise, on its connection: True when they confirmed
    it, and with it every write before it (what a previous leader appended to the stream)."""
    if not replicas:
        held = int(await client.eval(_RAISE, 1, fence_key(stream), str(token)))
        confirmed = True
    else:
        async with client.pipeline(transaction=False) as pipe:
            pipe.eval(_RAISE, 1, fence_key(stream), str(token))
            pipe.execute_command("WAIT", replicas, timeout_ms)
            replies = await pipe.execute(raise_on_error=False)
        raise_first_error(replies)
        held, confirmed = int(replies[0]), int(replies[1]) >= replicas
    if held != token:
        raise Fenced(f"{stream}: the fence holds token {held}, newer than this database's lease")
    return confirmed


async def last_published_seq(
    client: Redis, stream: str, source: str, origin: str, *, page: int = 200, limit: int = 10_000
) -> int | None:
    """The highest `seq` of (source, origin) on the stream, from its newest entries (None: none)."""
    end = "+"
    read = 0
    while read < limit:
        entries = await client.xrevrange(stream, max=end, min="-", count=page)
        if not entries:
            return None
        for _entry_id, fields in entries:
            if fields and _text(fields.get(b"source")) == source and _text(fields.get(b"origin")) == origin:
                try:
                    return int(fields[b"seq"])
                except (KeyError, ValueError):
                    continue
        read += len(entries)
        if len(entries) < page:
            return None
        end = "(" + _text(entries[-1][0])
    return None


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class FencedRelay(OutboxRelay):
    """The relay service's publisher for one stream: fenced writes, no database lock.

    `lease_valid` is asked before each send (a leader that could not renew for a TTL stops on
    its own); the fence is what guarantees it.
    """

    def __init__(
        self,
        engine: Engine,
        outbox: Outbox,
        redis_factory: Callable[[], Redis],
        *,
        token: int,
        lease_valid: Callable[[], bool] = lambda: True,
        **options: Any,
    ) -> None:
        super().__init__(engine, outbox, redis_factory, advisory_lock=False, **options)
        self.token = token
        self.lease_valid = lease_valid
        self._fence = fence_key(outbox.stream)
        self._outbox_exists = False
        # Times the publish script found an older token on the fence (after a Redis failover).
        self.fence_raised_again = 0

    def outbox_exists(self) -> bool:
        """False until an app has created the outbox tables (the service may start first)."""
        if not self._outbox_exists:
            self._outbox_exists = inspect(self.engine).has_table(self.outbox.table.name)
        return self._outbox_exists

    async def drain_once(self) -> int:
        # No outbox yet: nothing to send, and the relay keeps waiting for a NOTIFY or the poll
        # (an error would back it off for seconds past the first app's first commit).
        if not self.outbox_exists():
            return 0
        return await super().drain_once()

    async def take_over(self) -> int:
        """Raise the fence, then mark published what the previous leader already appended, once
        the replicas the settings ask for confirmed it (else its rows are sent again: a
        failover now must not lose what only the primary holds)."""
        client = self._client()
        replicas, timeout_ms = await replicas_to_wait_for(client)
        confirmed = await raise_fence(client, self.outbox.stream, self.token, replicas=replicas, timeout_ms=timeout_ms)
        marked = 0
        if not self.outbox_exists():
            return marked
        if not confirmed:
            log.warning(
                "relay %s: the replicas did not confirm what the previous holder appended; its rows are sent again",
                self.outbox.stream,
            )
            return marked
        for source in self._pending_sources():
            origin = self._origin(source)
            seq = await last_published_seq(client, self.outbox.stream, source, origin)
            if seq is not None:
                marked += self._mark_through(source, seq)
        return marked

    def _pending_sources(self) -> list[str]:
        t = self.outbox.table
        with self.engine.connect() as conn:
            rows = conn.execute(
                t.select()
                .with_only_columns(t.c.source)
                .where(t.c.status == PENDING, t.c.stream == self.outbox.stream)
                .distinct()
            )
            return [str(r[0]) for r in rows]

    def _mark_through(self, source: str, seq: int) -> int:
        t = self.outbox.table
        with Session(self.engine) as session, session.begin():
            result = session.execute(
                update(t)
                .where(t.c.stream == self.outbox.stream, t.c.source == source, t.c.status == PENDING, t.c.seq <= seq)
                .values(status=PUBLISHED, published_at=time.time())
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def _send(self, client: Redis, rows: Sequence[OutboxRow]) -> None:
        if not self.lease_valid():
            raise Fenced("the lease could not be renewed in time")
        start = 0
        while start < len(rows):
            # One script per run of rows on the same channel (in practice: the whole batch).
            end = start + 1
            while end < len(rows) and rows[end].channel == rows[start].channel:
                end += 1
            await self._publish(client, rows[start:end])
            start = end

    async def _publish(self, client: Redis, rows: Sequence[OutboxRow]) -> None:
        args: list[str | int] = [self.token, self.maxlen, rows[0].channel]
        for row in rows:
            args += [row.payload, row.event_id, row.source, self._origin(row.source), row.seq]
        try:
            replicas, timeout_ms = await replicas_to_wait_for(client)
            if not replicas:
                self._note_raised(await client.eval(_PUBLISH, 2, self._fence, self.outbox.stream, *args))
                return
            # WAIT on the script's own connection: it counts the replicas holding its writes.
            # Too few in time: the rows stay queued and go again (to the new primary after a
            # failover); subscribers may see those messages twice, consumers' histories never.
            async with client.pipeline(transaction=False) as pipe:
                pipe.eval(_PUBLISH, 2, self._fence, self.outbox.stream, *args)
                pipe.execute_command("WAIT", replicas, timeout_ms)
                replies = await pipe.execute(raise_on_error=False)
            raise_first_error(replies)
            self._note_raised(replies[0])
            check_replicated(replies[-1], replicas, timeout_ms)
        except redis_errors.ResponseError as exc:
            if "FENCED" in str(exc):
                raise Fenced(f"{self.outbox.stream}: {exc}") from None
            raise

    def _note_raised(self, reply: Any) -> None:
        """Log when the publish script found an older token on the fence and raised it again."""
        found = _text(reply[1]) if isinstance(reply, list | tuple) and len(reply) > 1 else ""
        if found:
            self.fence_raised_again += 1
            log.warning(
                "relay %s: the fence held %s, older than this relay's token %d (a Redis failover to a "
                "replica that had not received it); raised again, publishing goes on",
                self.outbox.stream,
                "no token" if found == "none" else f"token {found}",
                self.token,
            )
