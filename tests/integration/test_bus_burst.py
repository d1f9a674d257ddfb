"""Burst mode of the bus consumer (the console's intake process uses it) and the WAL
checkpointer beside it: a flood is stored in few big transactions, a lone event at once."""

from __future__ import annotations

import asyncio
import os
import time

import redis

from helpers.demo.console import DemoTraffic, publish_sync
from integrado.bus import BusConsumer, BusTuning
from integrado.db import WalCheckpointer, make_engine
from integrado.events.codec import Codec
from integrado.history import HistoryStore
from integrado.pipeline import stream_sources
from integrado.redis_conn import redis_client


class CountingStore(HistoryStore):
    def __init__(self, engine):
        super().__init__(engine)
        self.calls: list[int] = []

    def store(self, events, positions):
        if events:
            self.calls.append(len(events))
        return super().store(events, positions)


PADDING = "x" * 2000  # 5,000 messages: ~10 MB, dozens of socket reads


def _legacy_flood(client: redis.Redis, count: int) -> None:
    # Pub/Sub only (the older system's shape): every message takes the live path.
    pipe = client.pipeline(transaction=False)
    for i in range(count):
        pipe.publish("calls_channel", f'{{"action":"created","id":{i},"cliente":"c{i} {PADDING}"}}')
    pipe.execute()


def test_a_flood_is_stored_in_few_transactions_and_a_lone_event_at_once(qloop, settings, redis_server, tmp_path):
    store = CountingStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    consumer = BusConsumer(
        lambda: redis_client(settings.redis, name="burst-test", socket_timeout=6.0),
        stream_sources(settings.redis),
        store,
        Codec(settings.redis.channel_systems()),
        tuning=BusTuning(burst_size=32, max_busy=0.05),
    )
    got: list[str] = []
    consumer.on_events = lambda events: got.extend(e.event_id for e in events)
    task = qloop.create_task(consumer.run())
    client = redis.Redis.from_url(redis_server.url)
    try:
        qloop.wait_until(lambda: consumer.state == "live")
        _legacy_flood(client, 5_000)
        qloop.wait_until(lambda: len(got) == 5_000, timeout=20, message=f"{len(got)} of 5000")
        assert store.count() == 5_000
        # Without burst mode each socket read (at most 256 KB) is a transaction of its own:
        # 40 or more here.
        assert len(store.calls) < 25, store.calls

        store.calls.clear()
        started = time.monotonic()
        publish_sync(client, settings.redis, list(DemoTraffic(seed=2).many(1)), origin="lone")
        qloop.wait_until(lambda: len(got) == 5_001, timeout=5)
        assert time.monotonic() - started < 1.0  # stored at once, not held for a burst
    finally:
        consumer.stop()
        qloop.run(asyncio.gather(task))
        client.close()


def test_the_checkpointer_moves_the_wal_into_the_database_and_truncates_it(tmp_path):
    path = tmp_path / "h.db"
    engine = make_engine(f"sqlite:///{path}", synchronous="NORMAL", auto_checkpoint=False)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x TEXT)")
    for _ in range(20):
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (?)", [("x" * 2000,) for _ in range(500)])
    wal = tmp_path / "h.db-wal"
    # No automatic checkpoint: ~20 MB sit in the WAL, the database file is still small.
    assert wal.stat().st_size > 10_000_000
    assert path.stat().st_size < 1_000_000
    checkpointer = WalCheckpointer(str(path), interval=0.05).start()
    deadline = time.monotonic() + 10
    while path.stat().st_size < 10_000_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size > 10_000_000
    engine.dispose()
    checkpointer.stop()
    assert checkpointer.checkpoints >= 2
    assert not wal.exists() or os.path.getsize(wal) == 0
    with make_engine(f"sqlite:///{path}").connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 10_000
