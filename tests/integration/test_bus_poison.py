"""No event stops a consumer and no stream entry switches its gap detection off, against a real
redis-server and a real history (SQLite here; the legacy case on PostgreSQL too).

- an event the history cannot store is isolated from its batch, recorded as rejected, and the
  consumer stores the rest and goes on (it never rewinds to its cursor to re-read it forever);
- only a decoded event's own seq counts for gaps: an entry whose fields lie is refused, and the
  origins kept per stream are capped;
- the older system's messages with a long action are stored on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis
from sqlalchemy import Engine, select

from integrado.bus import BusConsumer, BusTuning, Gap, StreamSource
from integrado.bus.tracking import MAX_TRACKED_ORIGINS
from integrado.db import make_engine
from integrado.embedded import RedisServerProcess
from integrado.events import Actor, Codec, ReceivedEvent, RejectReason, System, call_event, encode
from integrado.events.codec import MAX_EVENT_TYPE_LENGTH, Rejection
from integrado.events.envelope import utc_now_rfc3339
from integrado.history import HistoryStore, events_table

pytestmark = pytest.mark.integration

CALLS = StreamSource(System.CALLSYSTEM, "calls_channel", "calls_channel:stream")
ORIGIN = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"
POISON_ID = 666  # the id a trigger of the history refuses (a bound the codec does not know)


def envelope(seq: int, entity_id: int | None = None, origin: str = ORIGIN) -> dict[str, Any]:
    env = call_event(
        "call.created",
        seq if entity_id is None else entity_id,
        cliente=f"caller {seq}",
        descricao="d",
        closed=False,
        data={"id": seq},
        actor=Actor("ana", "pc-01"),
    )
    env.update(seq=seq, occurred_at=utc_now_rfc3339(), origin=origin)
    return env


def entry(env: dict[str, Any], **lies: Any) -> dict[str, Any]:
    """A stream entry as the relay writes it (or, with `lies`, as it never would)."""
    fields: dict[str, Any] = {
        "event": encode(env),
        "event_id": env["event_id"],
        "source": env["system"],
        "origin": env["origin"],
        "seq": str(env["seq"]),
    }
    fields.update(lies)
    return fields


class Run:
    """One consumer on the test server with a HistoryStore, and what it reported."""

    def __init__(self, server: RedisServerProcess, engine: Engine) -> None:
        self.server = server
        self.store = HistoryStore(engine)
        self.stored: list[ReceivedEvent] = []
        self.rejected: list[Rejection] = []
        self.gaps: list[Gap] = []
        self.consumer = BusConsumer(
            lambda: Redis.from_url(server.url),
            [CALLS],
            self.store,
            Codec({CALLS.channel: CALLS.system, CALLS.stream: CALLS.system}),
            tuning=BusTuning(block_ms=100, batch_size=50),
            on_events=self.stored.extend,
            on_rejected=self.rejected.extend,
            on_gap=self.gaps.append,
        )

    async def until(self, done: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            assert time.monotonic() < deadline, (
                f"stuck: {len(self.stored)} stored, {[r.reason for r in self.rejected]}, "
                f"{self.consumer.state} {self.consumer.state_detail}"
            )
            await asyncio.sleep(0.02)

    def stored_types(self) -> list[str]:
        with self.store.engine.connect() as conn:
            return list(conn.execute(select(events_table.c.type).order_by(events_table.c.id)).scalars())

    def stored_seqs(self) -> list[int]:
        with self.store.engine.connect() as conn:
            return list(conn.execute(select(events_table.c.seq).order_by(events_table.c.seq)).scalars())


async def consume(run: Run, body: Callable[[Redis], Any]) -> None:
    """Run the consumer while `body(client)` writes to the server and waits for the outcome."""
    task = asyncio.create_task(run.consumer.run())
    client = Redis.from_url(run.server.url)
    try:
        await run.until(lambda: str(run.consumer.state) == "live")
        await body(client)
    finally:
        run.consumer.stop()
        await asyncio.wait_for(task, 10)
        await client.aclose()


async def xadd_all(client: Redis, entries: Sequence[dict[str, Any]]) -> None:
    for fields in entries:
        await client.xadd(CALLS.stream, fields)


def sqlite_history(tmp_path: Path, name: str = "history.db") -> Engine:
    return make_engine(f"sqlite:///{tmp_path / name}")


def refuse_poison(engine: Engine) -> None:
    """A history that refuses one entity id: a refusal only the database knows about."""
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON events "
            f"WHEN NEW.entity_id = '{POISON_ID}' BEGIN SELECT RAISE(ABORT, 'entity refused'); END"
        )


# -- a store failure on one event -------------------------------------------------------------


def test_seq_2_63_among_valid_events_is_rejected_and_the_rest_stored(
    redis_server: RedisServerProcess, tmp_path: Path
) -> None:
    run = Run(redis_server, sqlite_history(tmp_path))
    poisoned = envelope(3)
    poisoned["seq"] = 2**63

    async def body(client: Redis) -> None:
        await xadd_all(client, [entry(envelope(1)), entry(envelope(2)), entry(poisoned), entry(envelope(4))])
        await run.until(lambda: len(run.stored) == 3 and run.rejected)
        await xadd_all(client, [entry(envelope(5))])  # and it goes on
        await run.until(lambda: len(run.stored) == 4)

    asyncio.run(consume(run, body))
    assert run.stored_seqs() == [1, 2, 4, 5]
    assert [r.reason for r in run.rejected] == [RejectReason.SCHEMA_VIOLATION]
    assert "seq" in run.rejected[0].detail
    assert [(g.first_missing, g.last_missing) for g in run.gaps] == [(3, 3)], "seq 3 never arrived"


@pytest.mark.parametrize("path", ["stream", "pubsub"])
def test_an_event_the_history_refuses_is_isolated_and_the_consumer_goes_on(
    redis_server: RedisServerProcess, tmp_path: Path, path: str
) -> None:
    engine = sqlite_history(tmp_path)
    run = Run(redis_server, engine)
    refuse_poison(engine)
    envs = [envelope(seq, POISON_ID if seq in (7, 30) else None) for seq in range(1, 41)]

    async def body(client: Redis) -> None:
        if path == "stream":
            await xadd_all(client, [entry(env) for env in envs])  # 40 entries: one batch of 50
        else:
            async with client.pipeline(transaction=False) as pipe:  # one socket read, one batch
                for env in envs:
                    pipe.publish(CALLS.channel, encode(env))
                await pipe.execute()
        await run.until(lambda: len(run.stored) == 38 and len(run.rejected) == 2)
        await xadd_all(client, [entry(envelope(41))])
        await run.until(lambda: len(run.stored) == 39)

    asyncio.run(consume(run, body))
    assert run.stored_seqs() == [s for s in range(1, 42) if s not in (7, 30)]
    assert [ev.seq for ev in run.stored] == run.stored_seqs(), "stored in the order they came"
    assert [r.reason for r in run.rejected] == [RejectReason.UNSTORABLE] * 2
    assert all("entity refused" in r.detail and '"id":666' in r.preview for r in run.rejected)
    assert run.store.rejection_counts() == {"unstorable": 2}
    assert str(run.consumer.state) == "stopped" and run.consumer.delivered_total == 39

    # Restarted, it neither re-reads nor re-rejects them: the cursor went past them.
    again = Run(redis_server, engine)
    asyncio.run(consume(again, lambda client: again.until(lambda: True)))
    assert again.rejected == [] and again.stored == []
    assert again.store.rejection_counts() == {"unstorable": 2}


# -- gap detection from decoded events only ----------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param(lambda: {"event": b"not json", "seq": str(10**18), "origin": ORIGIN}, id="not an event"),
        pytest.param(lambda: {"seq": str(10**18), "origin": ORIGIN, "source": "callsystem"}, id="no event field"),
        pytest.param(lambda: entry(envelope(3), seq=str(10**18)), id="seq field lies"),
    ],
)
def test_a_junk_entry_with_a_huge_seq_does_not_hide_a_later_real_gap(
    redis_server: RedisServerProcess, tmp_path: Path, junk: Callable[[], dict[str, Any]]
) -> None:
    run = Run(redis_server, sqlite_history(tmp_path))

    async def body(client: Redis) -> None:
        await xadd_all(client, [entry(envelope(1)), entry(envelope(2)), junk(), entry(envelope(3))])
        await run.until(lambda: len(run.stored) == 3)
        await xadd_all(client, [entry(envelope(6))])  # 4 and 5 are lost
        await run.until(lambda: len(run.gaps) == 1)

    asyncio.run(consume(run, body))
    assert [(g.origin, g.first_missing, g.last_missing) for g in run.gaps] == [(ORIGIN, 4, 5)]
    assert run.stored_seqs() == [1, 2, 3, 6]
    assert len(run.rejected) == 1
    assert run.store.load_positions()[CALLS.stream].seqs == {ORIGIN: 6}


def test_a_seq_taken_from_pubsub_first_still_counts_and_a_lying_entry_does_not(
    redis_server: RedisServerProcess, tmp_path: Path
) -> None:
    run = Run(redis_server, sqlite_history(tmp_path))

    async def body(client: Redis) -> None:
        first = envelope(1)
        await client.publish(CALLS.channel, encode(first))
        await run.until(lambda: len(run.stored) == 1)
        # Its entry arrives after the live copy was stored; a copy of it that lies follows.
        await xadd_all(client, [entry(first), entry(first, seq=str(10**18)), entry(envelope(2))])
        await run.until(lambda: len(run.stored) == 2)
        await xadd_all(client, [entry(envelope(4))])
        await run.until(lambda: len(run.gaps) == 1)

    asyncio.run(consume(run, body))
    assert [(g.first_missing, g.last_missing) for g in run.gaps] == [(3, 3)]
    assert run.store.load_positions()[CALLS.stream].seqs == {ORIGIN: 4}


def test_a_flood_of_origins_keeps_a_bounded_number(redis_server: RedisServerProcess, tmp_path: Path) -> None:
    run = Run(redis_server, sqlite_history(tmp_path))
    flood = [entry(envelope(1, origin=f"junk-{n}")) for n in range(3 * MAX_TRACKED_ORIGINS)]

    async def body(client: Redis) -> None:
        async with client.pipeline(transaction=False) as pipe:
            for fields in [entry(envelope(1)), *flood, entry(envelope(2))]:
                pipe.xadd(CALLS.stream, fields)
            await pipe.execute()
        await run.until(lambda: len(run.stored) == len(flood) + 2)
        await xadd_all(client, [entry(envelope(5))])
        await run.until(lambda: len(run.gaps) == 1)

    asyncio.run(consume(run, body))
    seqs = run.store.load_positions()[CALLS.stream].seqs
    assert len(seqs) == MAX_TRACKED_ORIGINS and seqs[ORIGIN] == 5, "the origin seen lately is kept"
    assert [(g.origin, g.first_missing, g.last_missing) for g in run.gaps] == [(ORIGIN, 3, 4)]


# -- the older system's messages on PostgreSQL --------------------------------------------------


def test_legacy_messages_with_a_long_action_are_stored_on_postgresql(
    redis_server: RedisServerProcess, postgres_url: str
) -> None:
    run = Run(redis_server, make_engine(postgres_url))
    actions = ["a" * 64, "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}" * 64, "created"]

    async def body(client: Redis) -> None:
        async with client.pipeline(transaction=False) as pipe:
            for n, action in enumerate(actions):
                message = {"action": action, "id": n, "cliente": "c", "descricao": "d", "status": "pendente"}
                pipe.publish(CALLS.channel, json.dumps(message, ensure_ascii=False))
            pipe.publish(CALLS.channel, encode(envelope(1)))
            await pipe.execute()
        await run.until(lambda: len(run.stored) == 4)

    asyncio.run(consume(run, body))
    types = run.stored_types()
    assert len(types) == 4 and all(len(t) <= MAX_EVENT_TYPE_LENGTH for t in types)
    assert types[0] == ("call." + "a" * 64)[:64] and "call.created" in types
    assert run.rejected == []
