"""The transactional outbox and its relay, on a SQLite file and an in-memory Redis: numbering,
order, batching, refusals (one row's, the server's), dead letters, and the relay's states while
Redis or the database is away. Only the public API: how rows are fetched or locked may change."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from redis import exceptions as redis_errors
from sqlalchemy import MetaData, select, update

from helpers.in_memory_redis import InMemoryRedis
from integrado.db import make_engine, make_session_factory
from integrado.events import Actor, call_event, task_event
from integrado.outbox import DEAD, PENDING, PUBLISHED, Outbox, OutboxRelay
from integrado.states import ConnectionState

STREAM, CHANNEL = "calls_channel:stream", "calls_channel"


class App:
    """A producing app's database (the outbox alone) and its relay, on `server`."""

    def __init__(self, tmp_path: Path, server: InMemoryRedis, **relay_options: Any) -> None:
        self.engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
        metadata = MetaData()
        self.outbox = Outbox(metadata, channel=CHANNEL, stream=STREAM)
        metadata.create_all(self.engine)
        self.sessions = make_session_factory(self.engine)
        self.server = server
        self.states: list[tuple[str, str]] = []
        self.queues: list[int] = []
        self.relay = OutboxRelay(
            self.engine,
            self.outbox,
            server.client,  # type: ignore[arg-type]
            on_state_changed=lambda state, detail: self.states.append((state, detail)),
            on_queue_changed=self.queues.append,
            **relay_options,
        )

    def act(self, *names: str, tasks: int = 0) -> list[dict[str, Any]]:
        """One user action: its events queued in one transaction."""
        envelopes = [
            call_event("call.created", i, cliente=name, descricao="d", closed=False, data={"id": i}, actor=ACTOR)
            for i, name in enumerate(names, 1)
        ] + [
            task_event("task.created", i, title=f"t{i}", completed=False, data={"id": i}, actor=ACTOR)
            for i in range(1, tasks + 1)
        ]
        with self.sessions.begin() as session:
            return self.outbox.add_many(session, envelopes)

    def rows(self) -> list[tuple[str, int, str, int, str | None]]:
        """(source, seq, status, attempts, last_error) of every row, in id order."""
        t = self.outbox.table
        with self.engine.connect() as conn:
            query = select(t.c.source, t.c.seq, t.c.status, t.c.attempts, t.c.last_error).order_by(t.c.id)
            return [tuple(r) for r in conn.execute(query)]

    def stream_seqs(self) -> list[int]:
        return [int(fields[b"seq"]) for fields in self.server.entries(STREAM)]


ACTOR = Actor("ana", "pc-01")


@pytest.fixture
def server() -> InMemoryRedis:
    return InMemoryRedis()


async def until(predicate: Callable[[], bool], timeout: float = 3.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


@contextlib.asynccontextmanager
async def running(relay: OutboxRelay) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(relay.run())
    try:
        yield task
    finally:
        relay.stop()
        await asyncio.wait_for(task, 3)


FAST = {"backoff_base": 0.01, "backoff_cap": 0.03, "poll_interval": 0.05}


# -- the outbox -------------------------------------------------------------------------------------


def test_each_source_is_numbered_from_one_without_gaps(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server)
    first = app.act("a", "b", tasks=2)
    assert [(e["system"], e["seq"]) for e in first] == [
        ("callsystem", 1),
        ("callsystem", 2),
        ("taskmanager", 1),
        ("taskmanager", 2),
    ]
    assert len({e["occurred_at"] for e in first}) == 1, "one action, one commit time"
    assert [(e["system"], e["seq"]) for e in app.act("c")] == [("callsystem", 3)]


def test_a_rolled_back_action_gives_its_number_back(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server)
    app.act("a")
    with pytest.raises(RuntimeError), app.sessions.begin() as session:
        app.outbox.add(
            session, call_event("call.created", 2, cliente="b", descricao="d", closed=False, data={}, actor=ACTOR)
        )
        raise RuntimeError("the business rows failed")
    assert [e["seq"] for e in app.act("c")] == [2]
    assert app.outbox.count(app.engine, PENDING) == 2


def test_an_event_consumers_would_reject_is_refused_before_anything_is_written(
    tmp_path: Path, server: InMemoryRedis
) -> None:
    app = App(tmp_path, server)
    with pytest.raises(ValueError, match="control"):
        app.act("evil\u202e")
    assert app.rows() == []
    assert [e["seq"] for e in app.act("fine")] == [1]


# -- sending -----------------------------------------------------------------------------------------


def test_rows_go_out_in_seq_order_on_the_stream_and_the_channel(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server)
    events = app.act("a", "b", "c", tasks=2)

    async def scenario() -> int:
        return await app.relay.drain_once()

    assert asyncio.run(scenario()) == 5
    entries = server.entries(STREAM)
    by_source = [(f[b"source"].decode(), int(f[b"seq"])) for f in entries]
    assert [seq for source, seq in by_source if source == "callsystem"] == [1, 2, 3]
    assert [seq for source, seq in by_source if source == "taskmanager"] == [1, 2]
    assert [f[b"event_id"].decode() for f in entries] == [e["event_id"] for e in events]
    # The channel carries the same bodies, in the same order.
    assert [body for _, body in server.published] == [f[b"event"] for f in entries]
    assert {channel for channel, _ in server.published} == {CHANNEL}
    # Each source's origin (its database's id) goes with each entry, for the consumers' seq tracking.
    with app.sessions() as session:
        origins = {s: app.outbox.origin(session, s) for s in ("callsystem", "taskmanager")}
    assert all(f[b"origin"].decode() == origins[f[b"source"].decode()] for f in entries)
    assert {status for _, _, status, _, _ in app.rows()} == {PUBLISHED}
    assert app.relay.queued() == 0 and app.relay.published_total == 5
    assert app.relay.state == ConnectionState.CONNECTED


def test_rows_go_out_in_batches_of_one_transaction_each(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server, batch_size=2)
    app.act("a", "b", "c", "d", "e")

    async def scenario() -> list[int]:
        return [await app.relay.drain_once() for _ in range(4)]

    assert asyncio.run(scenario()) == [2, 2, 1, 0]
    assert server.transactions == [2, 2, 2, 2, 1, 1]  # per batch: a MULTI of its XADDs, then of its PUBLISHes
    assert app.stream_seqs() == [1, 2, 3, 4, 5]
    assert app.queues == [5, 3, 1, 0]


def test_a_row_the_server_refuses_is_retried_then_dead_lettered_and_the_rest_keep_their_order(
    tmp_path: Path, server: InMemoryRedis
) -> None:
    app = App(tmp_path, server, max_attempts=3)
    app.act("ok", "poison", "after")
    server.refuse(
        lambda command, key, payload: command == "XADD" and b"poison" in payload,
        lambda: redis_errors.ResponseError("ERR the stream refused this entry"),
    )

    async def scenario() -> list[int]:
        return [await app.relay.drain_once() for _ in range(4)]

    done = asyncio.run(scenario())
    # 1: "ok" out, "poison" fails once and "after" waits behind it; 2: fails again; 3: dead; 4: "after".
    assert done == [1, 0, 1, 1]
    assert app.stream_seqs() == [1, 3], "an event went out before an older one of its source"
    rows = app.rows()
    assert rows[0][2] == PUBLISHED and rows[2][2] == PUBLISHED
    assert rows[1][2:4] == (DEAD, 3)
    assert "ERR the stream refused this entry" in (rows[1][4] or "")
    assert app.relay.dead_total == 1
    assert app.outbox.count(app.engine, DEAD) == 1


@pytest.mark.parametrize(
    "error",
    [
        redis_errors.NoPermissionError("this user has no permissions to run the 'xadd' command"),
        redis_errors.ResponseError(
            "Command # 1 (XADD calls_channel:stream MAXLEN ~ 100000 * event ...) of pipeline caused error: "
            "('OOM command not allowed when used memory > 'maxmemory'.',)"
        ),
        redis_errors.ResponseError("WRONGTYPE Operation against a key holding the wrong kind of value"),
        redis_errors.ReadOnlyError("You can't write against a read only replica."),
    ],
    ids=["noperm", "oom-in-pipeline", "wrongtype", "readonly"],
)
def test_a_server_wide_refusal_keeps_every_row_queued(
    tmp_path: Path, server: InMemoryRedis, error: redis_errors.ResponseError
) -> None:
    app = App(tmp_path, server, max_attempts=1)
    app.act("a", "b")
    server.refuse(lambda command, key, payload: command == "XADD", lambda: error)

    async def scenario() -> None:
        for _ in range(3):
            with pytest.raises(redis_errors.ResponseError):
                await app.relay.drain_once()

    asyncio.run(scenario())
    assert [(status, attempts) for _, _, status, attempts, _ in app.rows()] == [(PENDING, 0), (PENDING, 0)]
    assert app.relay.dead_total == 0 and server.entries(STREAM) == []


def test_an_oversized_row_goes_to_dead_letters_unsent(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server)
    app.act("too big", "fine")
    # A row written by a release without the size check.
    t = app.outbox.table
    with app.engine.begin() as conn:
        conn.execute(update(t).where(t.c.seq == 1).values(payload="x" * 70_000))

    async def scenario() -> None:
        await app.relay.drain_once()
        await app.relay.drain_once()

    asyncio.run(scenario())
    rows = app.rows()
    assert rows[0][2] == DEAD and "larger than" in (rows[0][4] or "")
    assert rows[1][2] == PUBLISHED
    assert app.stream_seqs() == [2]


# -- running: states and recovery ------------------------------------------------------------------


def test_the_relay_reports_redis_down_keeps_the_rows_and_resumes_by_itself(
    tmp_path: Path, server: InMemoryRedis
) -> None:
    app = App(tmp_path, server, **FAST)
    server.go_down()

    async def scenario() -> None:
        async with running(app.relay):
            app.act("a", "b", "c")
            app.relay.wake()
            await until(lambda: app.relay.state == ConnectionState.DISCONNECTED, what="disconnected")
            await asyncio.sleep(0.1)  # several attempts, backing off
            assert app.relay.queued() == 3 and server.entries(STREAM) == []
            server.come_back()
            await until(lambda: app.relay.queued() == 0, what="the queue drained")
            await until(lambda: app.relay.state == ConnectionState.CONNECTED, what="connected")

    asyncio.run(scenario())
    assert app.stream_seqs() == [1, 2, 3]
    names = [state for state, _ in app.states]
    assert names[0] == ConnectionState.DISCONNECTED and "Connection refused" in app.states[0][1]
    assert names[-1] == ConnectionState.CONNECTED
    assert server.clients_made >= 2, "a new connection after the failure"


def test_a_server_wide_refusal_is_shown_and_lifts_by_itself(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server, **FAST)
    app.act("a", "b")
    server.refuse(
        lambda command, key, payload: command == "XADD",
        lambda: redis_errors.NoPermissionError("NOPERM this user has no permissions to run the 'xadd' command"),
        times=3,
    )

    async def scenario() -> None:
        async with running(app.relay):
            await until(lambda: app.relay.queued() == 0, what="the queue drained")

    asyncio.run(scenario())
    assert [state for state, _ in app.states] == [ConnectionState.REFUSED, ConnectionState.CONNECTED]
    assert "NOPERM" in app.states[0][1]
    assert app.stream_seqs() == [1, 2] and app.relay.dead_total == 0


def test_a_database_error_is_shown_and_does_not_end_the_relay(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server, **FAST)

    def rename(old: str, new: str) -> None:
        with app.engine.begin() as conn:
            conn.exec_driver_sql(f"ALTER TABLE {old} RENAME TO {new}")

    async def scenario() -> None:
        async with running(app.relay) as task:
            await until(lambda: app.relay.state == ConnectionState.CONNECTED, what="connected")
            rename("integrado_outbox", "integrado_outbox_away")  # the outbox cannot be read
            await until(lambda: app.relay.state == ConnectionState.DATABASE, what="database state")
            await asyncio.sleep(0.1)
            assert not task.done()
            rename("integrado_outbox_away", "integrado_outbox")
            app.act("after")
            await until(lambda: app.relay.queued() == 0 and app.stream_seqs() == [1], what="the row published")

    asyncio.run(scenario())
    assert [s for s, _ in app.states] == [
        ConnectionState.CONNECTED,
        ConnectionState.DATABASE,
        ConnectionState.CONNECTED,
    ]


def test_a_commit_wakes_the_relay_without_waiting_for_its_poll(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server, poll_interval=30.0)
    app.outbox.install_wake_hook(app.sessions, app.relay.wake)

    async def scenario() -> float:
        async with running(app.relay):
            await until(lambda: app.relay.state == ConnectionState.CONNECTED, what="connected")
            started = time.monotonic()
            app.act("a")
            await until(lambda: app.stream_seqs() == [1], what="the event published")
            return time.monotonic() - started

    assert asyncio.run(scenario()) < 1.0


def test_stop_ends_the_relay_and_closes_its_connection(tmp_path: Path, server: InMemoryRedis) -> None:
    app = App(tmp_path, server, poll_interval=30.0)

    async def scenario() -> None:
        task = asyncio.create_task(app.relay.run())
        await until(lambda: app.relay.state == ConnectionState.CONNECTED, what="connected")
        app.relay.stop()
        await asyncio.wait_for(task, 1)

    asyncio.run(scenario())
    assert server.clients and all(client.closed for client in server.clients)
