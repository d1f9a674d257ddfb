"""Transactional outbox and its relay.

A service writes its business rows and `Outbox.add(...)` in one SQLAlchemy transaction, so an
action and its event are committed together or not at all. `seq` comes from a per-source counter
row updated inside that transaction: the update holds the row lock until commit, so numbers are
gap-free and follow commit order (rolled-back transactions give their number back).

The relay (an asyncio task) sends pending rows in per-source `seq` order in two steps: the
batch's `XADD <stream> MAXLEN ~ N` inside MULTI/EXEC, then, only once every entry was written,
their `PUBLISH <channel>`. An error at EXEC (WRONGTYPE runs after the queued commands were
accepted) therefore never leaves a message on the channel that a retry would publish again.
Redis down or refusing writes (MISCONF, NOREPLICAS, OOM, ...): rows wait, the relay shows why,
backs off with jitter and resumes by itself. Only a row that can never be sent goes to the
dead-letter state (`integrado outbox list-dead` / `requeue`) instead of blocking its source.
A batch sent whose "published" mark then failed (a full disk, a database restart) is remembered
and only marked on the next drain: sent again, its messages would reach the older system's
subscribers, which keep no dedupe, twice.

A replicated Redis (Sentinel): after its write the relay WAITs, on the same connection, for the
replicas the settings ask for (no more than the primary has connected) and marks the rows
published only once they confirmed; a failover can then not lose what only the old primary held.

One database may hold the outboxes of several apps (an office's PostgreSQL): rows carry their
stream, and a relay fetches, counts and locks only its own stream's rows (another app's rows
would be refused by its Redis credential and block the queue for ever).

On PostgreSQL the relay runs as the office's relay service (`integrado.relay`), never on the
operator PCs: there `OutboxRelay(publishes=False)` only counts what waits on the server, and
`Outbox.add` wakes the service with `pg_notify` inside the action's transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from redis import exceptions as redis_errors
from redis.asyncio import Redis
from redis.typing import EncodableT, FieldT
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
    text,
    update,
)
from sqlalchemy import event as sa_event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from integrado.events.codec import MAX_MESSAGE_BYTES, encode_outgoing
from integrado.events.envelope import utc_now_rfc3339
from integrado.redis_conn import replication_wait
from integrado.states import ConnectionState

log = logging.getLogger(__name__)

PENDING = "pending"
PUBLISHED = "published"
DEAD = "dead"
# State of a relay that does not publish: the office's relay service does (shared database).
ON_SERVER = ConnectionState.ON_SERVER

# PostgreSQL NOTIFY channel; the payload is the stream whose outbox got rows.
NOTIFY_CHANNEL = "integrado_outbox"

_SESSION_FLAG = "integrado_outbox_added"


class Outbox:
    """The outbox tables inside an app's own metadata, and the writer services call."""

    def __init__(self, metadata: MetaData, *, channel: str, stream: str) -> None:
        self.channel = channel
        self.stream = stream
        existing = metadata.tables.get("integrado_outbox")
        if existing is not None:
            # Several Outbox objects (tests, the simulator) may share one app's metadata.
            self.sources = metadata.tables["integrado_outbox_source"]
            self.table = existing
            return
        self.sources = Table(
            "integrado_outbox_source",
            metadata,
            Column("source", String(64), primary_key=True),
            Column("last_seq", BigInteger, nullable=False),
            # Identifies this database: consumers track seq per (source, origin).
            Column("origin", String(36), nullable=False),
        )
        self.table = Table(
            "integrado_outbox",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("source", String(64), nullable=False),
            Column("seq", BigInteger, nullable=False),
            Column("event_id", String(36), nullable=False, unique=True),
            Column("channel", String(200), nullable=False),
            Column("stream", String(200), nullable=False),
            Column("payload", Text, nullable=False),
            Column("status", String(16), nullable=False, default=PENDING),
            Column("attempts", Integer, nullable=False, default=0),
            Column("last_error", Text),
            Column("created_at", Float, nullable=False),
            Column("published_at", Float),
            Index("ix_integrado_outbox_pending", "status", "source", "seq"),
            Index("uq_integrado_outbox_source_seq", "source", "seq", unique=True),
        )

    def add(self, session: Session, envelope: dict[str, Any]) -> dict[str, Any]:
        """Number the event, stamp it and queue it inside the caller's transaction.

        Raises ValueError (before anything is written) when the event would be rejected by
        consumers; the caller's transaction then rolls back as a whole.
        """
        return self.add_many(session, [envelope])[0]

    def add_many(self, session: Session, envelopes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """`add` for the events of one action (a cascade): one counter update and one insert
        per source instead of one each per event (1,817 events: 1.2 s before, see the commit)."""
        if not envelopes:
            return []
        occurred_at = utc_now_rfc3339()
        created_at = time.time()
        by_source: dict[str, list[dict[str, Any]]] = {}
        for envelope in envelopes:
            by_source.setdefault(envelope["system"], []).append(envelope)
        rows: list[dict[str, Any]] = []
        for source, group in by_source.items():
            last, origin = self._next_seq(session, source, len(group))
            first = last - len(group) + 1
            for offset, envelope in enumerate(group):
                envelope["seq"] = first + offset
                envelope["occurred_at"] = occurred_at
                envelope["origin"] = origin  # Pub/Sub carries only the JSON: stamp it there
                rows.append(
                    {
                        "source": source,
                        "seq": envelope["seq"],
                        "event_id": envelope["event_id"],
                        "channel": self.channel,
                        "stream": self.stream,
                        "payload": encode_outgoing(envelope),
                        "status": PENDING,
                        "attempts": 0,
                        "created_at": created_at,
                    }
                )
        session.execute(self.table.insert(), rows)
        if session.get_bind().dialect.name == "postgresql":
            # Delivered at commit, dropped on rollback: the relay service wakes for exactly the
            # commits that queued something (duplicates within one transaction are folded).
            session.execute(select(func.pg_notify(NOTIFY_CHANNEL, self.stream)))
        session.info[_SESSION_FLAG] = True
        return list(envelopes)

    def _next_seq(self, session: Session, source: str, count: int = 1) -> tuple[int, str]:
        """Reserve `count` numbers for `source`; return the last one and the source's origin (in
        the same round trip: an action that adds one event at a time pays it per event)."""
        stmt = (
            update(self.sources)
            .where(self.sources.c.source == source)
            .values(last_seq=self.sources.c.last_seq + count)
            .returning(self.sources.c.last_seq, self.sources.c.origin)
        )
        row = session.execute(stmt).first()
        if row is None:
            dialect = session.get_bind().dialect.name
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                insert_source: Any = pg_insert(self.sources)
            else:
                from sqlalchemy.dialects.sqlite import insert as sqlite_insert

                insert_source = sqlite_insert(self.sources)
            session.execute(
                insert_source.values(source=source, last_seq=0, origin=str(uuid.uuid4())).on_conflict_do_nothing()
            )
            row = session.execute(stmt).one()
        return int(row[0]), str(row[1])

    def origin(self, session: Session, source: str) -> str | None:
        return session.execute(
            select(self.sources.c.origin).where(self.sources.c.source == source)
        ).scalar_one_or_none()

    def install_wake_hook(self, factory: sessionmaker[Session], wake: Callable[[], None]) -> None:
        """Call `wake` after every commit that added outbox rows."""

        @sa_event.listens_for(factory, "after_commit")
        def _after_commit(session: Session) -> None:
            if session.info.pop(_SESSION_FLAG, False):
                wake()

        @sa_event.listens_for(factory, "after_rollback")
        def _after_rollback(session: Session) -> None:
            session.info.pop(_SESSION_FLAG, None)

    def counts(self, engine: Engine) -> dict[str, int]:
        """Rows of this outbox's stream per status (absent: none)."""
        t = self.table
        with engine.connect() as conn:
            rows = conn.execute(select(t.c.status, func.count()).where(t.c.stream == self.stream).group_by(t.c.status))
            return {str(status): int(n) for status, n in rows}

    def count(self, engine: Engine, status: str = PENDING, *, all_streams: bool = False) -> int:
        """Rows of this outbox's stream (or of every stream) in `status`."""
        query = select(func.count()).select_from(self.table).where(self.table.c.status == status)
        if not all_streams:
            query = query.where(self.table.c.stream == self.stream)
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one())


@dataclass(slots=True)
class OutboxRow:
    """One pending outbox row as the relay sends it."""

    id: int
    source: str
    seq: int
    event_id: str
    channel: str
    stream: str
    payload: str
    attempts: int


# A refusal is about the server, our credentials or the key (not about one row) when its code is
# anything but the generic ERR: NOPERM, READONLY, LOADING, BUSY, OOM, MASTERDOWN, TRYAGAIN,
# MISCONF (persistence failing: disk full, RDB/AOF error), NOREPLICAS, EXECABORT, CLUSTERDOWN,
# WRONGTYPE (the stream's key holds something else: every row would fail the same way)...
# Such rows wait, retried with backoff, instead of dead-lettering good events.
# Generic ERR replies that are still about the server (every row would get them).
_SERVER_ERR_PHRASES = ("UNKNOWN COMMAND", "MAX NUMBER OF CLIENTS", "MAXLEN", "ERRORS TRYING TO SHUTDOWN")


class NotReplicated(redis_errors.ResponseError):
    """Fewer replicas than configured confirmed a write within the time-out (a refusal about the
    server's state: the rows wait, the status bar says why)."""


async def replicas_to_wait_for(client: Redis) -> tuple[int, int]:
    """(replicas, time-out in ms) a write through `client` must WAIT for: as configured, but no
    more than the primary has connected (ROLE). A primary left alone after a failover has no
    replica that a next failover could promote, so its writes cannot be lost that way: it
    publishes without waiting until a replica is back, instead of refusing every batch."""
    replicas, timeout_ms = replication_wait(client)
    if not replicas:
        return 0, 0
    role = await client.execute_command("ROLE")
    connected = (
        len(role[2]) if isinstance(role, list | tuple) and len(role) > 2 and role[0] in (b"master", "master") else 0
    )
    return min(replicas, connected), timeout_ms


def check_replicated(acknowledged: Any, replicas: int, timeout_ms: int) -> None:
    """Raise NotReplicated unless WAIT's reply counts at least `replicas`."""
    if int(acknowledged) < replicas:
        raise NotReplicated(
            f"NOREPLICAS {acknowledged} of {replicas} replica(s) confirmed the events within {timeout_ms} ms"
        )


def raise_first_error(replies: Sequence[Any]) -> None:
    """A pipeline run with raise_on_error=False: raise the first error, also inside an EXEC reply."""
    for reply in replies:
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, list):
            for item in reply:
                if isinstance(item, Exception):
                    raise item


class StopPublishing(Exception):
    """Raised by a relay's send when this relay must stop for good (another one took over):
    the run loop lets it end the task instead of retrying."""


class OutboxRelay:
    """Sends queued outbox rows to Redis, in order, for as long as it runs."""

    def __init__(
        self,
        engine: Engine,
        outbox: Outbox,
        redis_factory: Callable[[], Redis],
        *,
        maxlen: int = 100_000,
        batch_size: int = 200,
        poll_interval: float = 2.0,
        max_attempts: int = 5,
        backoff_base: float = 0.2,
        backoff_cap: float = 5.0,
        on_queue_changed: Callable[[int], None] | None = None,
        on_state_changed: Callable[[str, str], None] | None = None,
        on_dead_letters_changed: Callable[[int], None] | None = None,
        publishes: bool = True,
        advisory_lock: bool | None = None,
    ) -> None:
        """`publishes=False`: only report the queue (an operator PC on a shared database).
        `advisory_lock`: hold a per-stream PostgreSQL advisory lock per drain (default: on
        PostgreSQL); the relay service, which holds a lease and a Redis fence, turns it off."""
        self.engine = engine
        self.outbox = outbox
        self._redis_factory = redis_factory
        self.maxlen = maxlen
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.on_queue_changed = on_queue_changed
        self.on_state_changed = on_state_changed
        self.on_dead_letters_changed = on_dead_letters_changed
        self._wake = asyncio.Event()
        self._stopping = False
        self._redis: Redis | None = None
        self._origins: dict[str, str] = {}
        self._last_queue: int | None = None
        self._last_dead: int | None = None
        self.state: str = ConnectionState.STARTING
        self.published_total = 0
        self.dead_total = 0
        # Rows whose entries and messages went out but whose "published" mark failed (a full
        # disk, a database restart): the next drain marks them without sending them again, or
        # the older system's subscribers (no dedupe) would get their messages twice. A relay
        # that starts afresh has no such memory; the relay service's takeover reads the stream.
        # Row id -> event id: a mark that failed yet committed leaves an id here, and SQLite may
        # give that id to a new row once old rows are gone; only the same event is skipped.
        self._sent_unmarked: dict[int, str] = {}
        # A shared PostgreSQL outbox is read by the relay of every PC: one drain at a time holds
        # an advisory lock from fetch to mark-published, or each row would be sent once per PC
        # (and out of order). Taken per drain, not for good, so each PC publishes its own commits
        # at once (no waiting for another PC's poll) and nobody has to take over from a dead PC.
        self.publishes = publishes
        self.single_publisher = engine.dialect.name == "postgresql" if advisory_lock is None else advisory_lock
        self._contended = False
        self._lock_key = int.from_bytes(
            hashlib.sha256(f"integrado relay {outbox.table.name} {outbox.stream}".encode()).digest()[:8],
            "big",
            signed=True,
        )
        self._lock_conn: Connection | None = None

    def wake(self) -> None:
        """Safe to call from any code on the loop's thread (e.g. an after-commit hook)."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def run(self) -> None:
        """Publish until `stop()`. Every failure is shown as a state and retried with backoff;
        only `StopPublishing` (another relay took over) ends it early."""
        if not self.publishes:
            await self._watch()
            return
        failures = 0
        try:
            while not self._stopping:
                self._wake.clear()
                try:
                    sent = await self.drain_once()
                except (redis_errors.ConnectionError, redis_errors.TimeoutError, OSError) as exc:
                    failures += 1
                    self._set_state(ConnectionState.DISCONNECTED, _describe(exc))
                    await self._close_redis()
                    await self._sleep(self._backoff(failures), interruptible=False)
                    continue
                except redis_errors.ResponseError as exc:
                    # A server-wide refusal (permissions, read-only replica, persistence failing...).
                    failures += 1
                    self._set_state(ConnectionState.REFUSED, refusal_reason(exc))
                    await self._sleep(self._backoff(failures), interruptible=False)
                    continue
                except SQLAlchemyError as exc:
                    # The app's own database (PostgreSQL down, SQLite locked past its timeout):
                    # rows stay where they are; try again, never end the relay.
                    failures += 1
                    self._release_publisher_lock()
                    self._set_state(ConnectionState.DATABASE, _describe(exc))
                    await self._sleep(self._backoff(failures), interruptible=False)
                    continue
                except StopPublishing:
                    raise
                except Exception as exc:  # a bug or an odd reply must not end the relay
                    # Rows stay queued; the connection may be in an unknown state: start afresh.
                    failures += 1
                    log.exception("relay %s: unexpected error, retrying", self.outbox.stream)
                    self._release_publisher_lock()
                    await self._close_redis()
                    self._set_state(ConnectionState.ERROR, _describe(exc))
                    await self._sleep(self._backoff(failures), interruptible=False)
                    continue
                failures = 0
                if self._contended:
                    # Another PC is draining; what we just committed may be after its fetch.
                    self._contended = False
                    await self._sleep(0.05, interruptible=False)
                    continue
                if sent == 0:
                    # Waits for a commit's wake-up (set since the fetch: never lost) or the poll.
                    await self._sleep(self.poll_interval, interruptible=True)
        finally:
            self._release_publisher_lock()
            await self._close_redis()

    async def _watch(self) -> None:
        """Report the server's queue for this stream every poll, and at once after a commit."""
        while not self._stopping:
            self._wake.clear()
            try:
                self._report_queue()
            except SQLAlchemyError as exc:
                self._set_state(ConnectionState.DATABASE, _describe(exc))
            else:
                self._set_state(ON_SERVER, "")
            await self._sleep(self.poll_interval, interruptible=True)

    async def drain_once(self) -> int:
        """Send one batch; return how many rows left the queue (published or dead)."""
        if not self.publishes:
            return 0
        if not self._take_publisher_lock():
            self._contended = True
            return 0
        try:
            return await self._drain_locked()
        finally:
            self._give_back_publisher_lock()

    async def _drain_locked(self) -> int:
        rows = self._fetch_pending()
        self._report_queue()
        if not rows:
            # Nothing to send: check the server so the status bar tells the truth.
            await self._client().ping()
            self._set_state(ConnectionState.CONNECTED, "")
            return 0
        rows = self._reject_unsendable(rows)
        if not rows:
            return 1
        already = self._mark_sent_before(rows)
        if already:
            rows = [r for r in rows if r.id not in already]
            if not rows:
                self._set_state(ConnectionState.CONNECTED, "")
                self._report_queue()
                return len(already)
        client = self._client()
        try:
            await self._send(client, rows)
        except redis_errors.ResponseError as exc:
            if is_server_refusal(exc):
                raise
            # One of the rows is bad: find it by sending them one at a time.
            return len(already) + await self._send_one_by_one(client, rows)
        self._mark_sent(rows)
        self._set_state(ConnectionState.CONNECTED, "")
        self._report_queue()
        return len(already) + len(rows)

    def _mark_sent_before(self, rows: Sequence[OutboxRow]) -> set[int]:
        """Mark published the rows of `rows` this relay already sent (their mark failed); their ids.
        They are the oldest pending rows, so the stream's order is kept."""
        ids = [r.id for r in rows if self._sent_unmarked.get(r.id) == r.event_id]
        if ids:
            self._mark_published(ids)
            for row_id in ids:
                del self._sent_unmarked[row_id]
            log.info("relay %s: %d row(s) sent before marked published, not sent again", self.outbox.stream, len(ids))
        return set(ids)

    def _mark_sent(self, rows: Sequence[OutboxRow]) -> None:
        """Mark rows just sent; remembered until the mark succeeds (it may fail: disk full)."""
        if len(self._sent_unmarked) > 10 * self.batch_size:
            # Only rows marked meanwhile by someone else stay here for good: a few, unless a
            # shared outbox's other relays keep marking what this one sent. Forget them.
            self._sent_unmarked.clear()
        self._sent_unmarked.update((r.id, r.event_id) for r in rows)
        self._mark_published([r.id for r in rows])
        for row in rows:
            self._sent_unmarked.pop(row.id, None)

    def stream_fields(self, row: OutboxRow) -> dict[FieldT, EncodableT]:
        """The stream entry's fields: consumers track `seq` per (source, origin)."""
        return {
            "event": row.payload,
            "event_id": row.event_id,
            "source": row.source,
            "origin": self._origin(row.source),
            "seq": row.seq,
        }

    async def _send(self, client: Redis, rows: Sequence[OutboxRow]) -> None:
        """Put `rows` on their stream, then on their channel (a subclass may send them another way).

        Two steps on purpose: in one MULTI an error at EXEC (WRONGTYPE) comes after the queued
        PUBLISHes ran, and each retry would publish the batch again to subscribers that keep no
        dedupe (the older system's consumer). A failure between the steps leaves the rows queued:
        the retry appends them again (consumers drop the duplicate by `event_id`), and their
        messages go out once."""
        replicas, timeout_ms = await replicas_to_wait_for(client)
        if replicas:
            await self._append_replicated(client, rows, replicas, timeout_ms)
        else:
            async with client.pipeline(transaction=True) as pipe:
                for row in rows:
                    pipe.xadd(row.stream, self.stream_fields(row), maxlen=self.maxlen, approximate=True)
                await pipe.execute(raise_on_error=True)
        async with client.pipeline(transaction=True) as pipe:
            for row in rows:
                pipe.publish(row.channel, row.payload)
            await pipe.execute(raise_on_error=True)

    async def _append_replicated(
        self, client: Redis, rows: Sequence[OutboxRow], replicas: int, timeout_ms: int
    ) -> None:
        """The entries in one MULTI, then WAIT on the same connection (WAIT counts the replicas that
        have this connection's writes). Fewer than `replicas` in time: NotReplicated, and the rows
        stay queued: a failover now must not lose what only the old primary held. The retry
        appends them again (consumers drop the copies by `event_id`)."""
        async with client.pipeline(transaction=False) as pipe:
            pipe.execute_command("MULTI")
            for row in rows:
                pipe.xadd(row.stream, self.stream_fields(row), maxlen=self.maxlen, approximate=True)
            pipe.execute_command("EXEC")
            pipe.execute_command("WAIT", replicas, timeout_ms)
            replies = await pipe.execute(raise_on_error=False)
        raise_first_error(replies)
        check_replicated(replies[-1], replicas, timeout_ms)

    async def _send_one_by_one(self, client: Redis, rows: Sequence[OutboxRow]) -> int:
        blocked_sources: set[str] = set()
        done = 0
        for row in rows:
            if row.source in blocked_sources:
                continue
            try:
                await self._send(client, [row])
            except redis_errors.ResponseError as exc:
                if is_server_refusal(exc):
                    raise
                done += self._record_failure(row, _describe(exc))
                blocked_sources.add(row.source)
                continue
            self._mark_sent([row])
            done += 1
        self._report_queue()
        return done

    def _take_publisher_lock(self) -> bool:
        """True when this relay may drain now (always, except on a shared PostgreSQL outbox)."""
        if not self.single_publisher:
            return True
        if self._lock_conn is None:
            conn = self.engine.connect()
            try:
                # Autocommit: a session lock needs no transaction, and an open one would hold a
                # snapshot between drains and keep VACUUM from cleaning the outbox.
                self._lock_conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            except BaseException:
                conn.close()
                raise
        try:
            return bool(
                self._lock_conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._lock_key}).scalar()
            )
        except BaseException:
            self._release_publisher_lock()
            raise

    def _give_back_publisher_lock(self) -> None:
        if self._lock_conn is None:
            return
        try:
            self._lock_conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._lock_key})
        except SQLAlchemyError:
            self._release_publisher_lock()

    def _release_publisher_lock(self) -> None:
        """Close the lock session; a session that may still hold the lock never goes back to
        the pool (closing the DBAPI connection ends the session, and the lock with it)."""
        conn, self._lock_conn = self._lock_conn, None
        if conn is None:
            return
        try:
            conn.invalidate()
            conn.close()
        except SQLAlchemyError:
            pass

    def _reject_unsendable(self, rows: list[OutboxRow]) -> list[OutboxRow]:
        keep: list[OutboxRow] = []
        for row in rows:
            if len(row.payload.encode("utf-8")) > MAX_MESSAGE_BYTES:
                self._mark_dead(row, f"payload larger than {MAX_MESSAGE_BYTES} bytes")
            else:
                keep.append(row)
        return keep

    def _record_failure(self, row: OutboxRow, error: str) -> int:
        attempts = row.attempts + 1
        if attempts >= self.max_attempts:
            self._mark_dead(row, error)
            return 1
        with self.engine.begin() as conn:
            conn.execute(
                update(self.outbox.table)
                .where(self.outbox.table.c.id == row.id)
                .values(attempts=attempts, last_error=error)
            )
        log.warning("outbox row %s (%s #%s) failed to send: %s", row.id, row.source, row.seq, error)
        return 0

    def _mark_dead(self, row: OutboxRow, error: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(self.outbox.table)
                .where(self.outbox.table.c.id == row.id)
                .values(status=DEAD, last_error=error, attempts=row.attempts + 1)
            )
        self.dead_total += 1
        self._last_queue = None  # the next report tells the dead-letter count too
        log.error("outbox row %s (%s #%s) moved to dead letters: %s", row.id, row.source, row.seq, error)

    def _fetch_pending(self) -> list[OutboxRow]:
        t = self.outbox.table
        with self.engine.connect() as conn:
            result = conn.execute(
                select(t.c.id, t.c.source, t.c.seq, t.c.event_id, t.c.channel, t.c.stream, t.c.payload, t.c.attempts)
                .where(t.c.status == PENDING, t.c.stream == self.outbox.stream)
                .order_by(t.c.source, t.c.seq)
                .limit(self.batch_size)
            )
            return [OutboxRow(*r) for r in result]

    def _mark_published(self, ids: list[int]) -> None:
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(
                update(self.outbox.table)
                .where(self.outbox.table.c.id.in_(ids))
                .values(status=PUBLISHED, published_at=now)
            )
        self.published_total += len(ids)

    def _origin(self, source: str) -> str:
        origin = self._origins.get(source)
        if origin is None:
            with Session(self.engine) as session:
                origin = self.outbox.origin(session, source) or "unknown"
            self._origins[source] = origin
        return origin

    def queued(self) -> int:
        return self.outbox.count(self.engine, PENDING)

    def dead_letters(self) -> int:
        return self.outbox.count(self.engine, DEAD)

    def _report_queue(self) -> None:
        """Tell the queue and the dead letters of this stream when either changed (one query)."""
        counts = self.outbox.counts(self.engine)
        count, dead = counts.get(PENDING, 0), counts.get(DEAD, 0)
        if count != self._last_queue:
            self._last_queue = count
            if self.on_queue_changed:
                self.on_queue_changed(count)
        if dead != self._last_dead:
            self._last_dead = dead
            if self.on_dead_letters_changed:
                self.on_dead_letters_changed(dead)

    def _set_state(self, state: str, detail: str) -> None:
        if state != self.state:
            self.state = state
            if state not in (ConnectionState.CONNECTED, ON_SERVER):
                log.warning("relay %s (%s): %s", state, self.outbox.stream, detail)
            if self.on_state_changed:
                self.on_state_changed(state, detail)

    async def aclose(self) -> None:
        """Close the Redis connection of a relay that is not running."""
        await self._close_redis()

    def _client(self) -> Redis:
        if self._redis is None:
            self._redis = self._redis_factory()
        return self._redis

    async def _close_redis(self) -> None:
        if self._redis is not None:
            client, self._redis = self._redis, None
            try:
                await client.aclose()
            except Exception:  # noqa: BLE001 - closing a dead connection may fail; nothing to do
                pass

    def _backoff(self, failures: int) -> float:
        # "Full jitter": spreads reconnects of many PCs after a server restart.
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * 2 ** min(failures, 10)))

    async def _sleep(self, seconds: float, *, interruptible: bool) -> None:
        if interruptible:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=seconds)
            except TimeoutError:
                pass
        else:
            deadline = time.monotonic() + seconds
            while not self._stopping and time.monotonic() < deadline:
                await asyncio.sleep(min(0.1, deadline - time.monotonic()))


# The error code starts the server's reply; inside a pipeline redis-py quotes it:
# "Command # 1 (XADD ...) of pipeline caused error: ('OOM command not allowed ...',)".
_PIPELINE_PREFIX = re.compile(r"^Command # \d+ \(.*?\) of pipeline caused error: \(?['\"]?", re.DOTALL)
_CODE = re.compile(r"^([A-Z][A-Z_-]+)\b")

# redis-py strips the code of the errors it has classes for ("OOM ..." -> OutOfMemoryError).
_CLASS_CODES: tuple[tuple[type[Exception], str], ...] = (
    (redis_errors.NoPermissionError, "NOPERM"),
    (redis_errors.AuthenticationError, "NOAUTH"),
    (redis_errors.OutOfMemoryError, "OOM"),
    (redis_errors.ReadOnlyError, "READONLY"),
    (redis_errors.BusyLoadingError, "LOADING"),
    (redis_errors.MasterDownError, "MASTERDOWN"),
    (redis_errors.TryAgainError, "TRYAGAIN"),
    (redis_errors.ExecAbortError, "EXECABORT"),
    (redis_errors.NoScriptError, "NOSCRIPT"),
)


def _server_reply(exc: BaseException) -> str:
    """The server's error reply without redis-py's pipeline wrapping, code first when known."""
    text = _PIPELINE_PREFIX.sub("", str(exc).strip()).strip()
    for cls, code in _CLASS_CODES:
        if isinstance(exc, cls) and not text.upper().startswith(code):
            return f"{code} {text}".strip()
    return text


def is_server_refusal(exc: redis_errors.ResponseError) -> bool:
    """True when Redis refused because of its own state (persistence failing, no replicas, out of
    memory, permissions, a key of the wrong type...): every row would get the same answer, so
    the rows wait instead of being dead-lettered. False for a generic ERR about one command."""
    if isinstance(exc, tuple(cls for cls, _ in _CLASS_CODES)):
        return True
    reply = _server_reply(exc)
    match = _CODE.match(reply)
    if match is not None and match.group(1) != "ERR":
        return True
    return any(phrase in reply.upper() for phrase in _SERVER_ERR_PHRASES)


def refusal_reason(exc: BaseException) -> str:
    """The server's reason in one short line, for the status bar ("MISCONF Redis is ...")."""
    lines = _server_reply(exc).rstrip("',)\"").splitlines()
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]
