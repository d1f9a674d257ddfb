"""The event pipeline end to end against a real redis-server: outbox -> relay -> Redis -> bus."""

from __future__ import annotations

import asyncio
import json

import redis

from helpers.pipeline import make_mini_app
from integrado.db import make_engine
from integrado.history import HistoryStore
from integrado.pipeline import create_consumer


def _start(loop, coro):
    return loop.create_task(coro)


def test_events_reach_a_subscriber_in_order(qloop, settings, redis_server, tmp_path):
    app = make_mini_app(settings, tmp_path)
    store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    got = []
    consumer = create_consumer(settings, store)
    consumer.on_events = got.extend
    consumer_task = _start(qloop, consumer.run())
    qloop.wait_until(lambda: consumer.state == "live")

    legacy_listener = redis.Redis.from_url(redis_server.url).pubsub()
    legacy_listener.subscribe("calls_channel")
    relay_task = _start(qloop, app.pipeline.relay.run())
    sent = [app.act(f"Cliente {i}") for i in range(50)]
    qloop.wait_until(lambda: len(got) == 50, message=f"got {len(got)} of 50")

    assert [e.event_id for e in got] == [e["event_id"] for e in sent]
    assert [e.seq for e in got] == list(range(1, 51))
    assert store.count() == 50
    # The older consumer's view: plain JSON on calls_channel with its keys at top level.
    messages = []
    while (m := legacy_listener.get_message(timeout=1)) is not None:
        if m["type"] == "message":
            messages.append(json.loads(m["data"]))
    assert [(m["action"], m["cliente"], m["status"]) for m in messages[:2]] == [
        ("created", "Cliente 0", "pendente"),
        ("created", "Cliente 1", "pendente"),
    ]
    assert len(messages) == 50
    assert redis.Redis.from_url(redis_server.url).xlen("calls_channel:stream") == 50
    app.pipeline.relay.stop()
    consumer.stop()
    qloop.run(asyncio.gather(relay_task, consumer_task))


def test_failed_transaction_leaves_neither_row_nor_event(settings, tmp_path):
    app = make_mini_app(settings, tmp_path)
    app.act("kept")
    try:
        app.act("lost", fail=True)
    except RuntimeError:
        pass
    app.act("kept too")
    assert app.count_things() == 2
    assert app.pipeline.outbox.count(app.pipeline.engine) == 2
    with app.pipeline.engine.connect() as conn:
        seqs = [
            r[0]
            for r in conn.execute(
                app.pipeline.outbox.table.select()
                .with_only_columns(app.pipeline.outbox.table.c.seq)
                .order_by(app.pipeline.outbox.table.c.seq)
            )
        ]
    assert seqs == [1, 2]  # the rolled-back action gave its number back: no gap


def test_redis_down_queues_and_drains_in_order_after_restart(
    qloop, settings, redis_server_factory, tmp_path, monkeypatch
):
    server = redis_server_factory()
    monkeypatch.setenv("REDIS_URL", server.url)
    from integrado.settings import Settings

    settings = Settings.load()
    app = make_mini_app(settings, tmp_path, poll_interval=0.2)
    queue_sizes = []
    app.pipeline.relay.on_queue_changed = queue_sizes.append
    relay_task = _start(qloop, app.pipeline.relay.run())
    app.act("before")
    qloop.wait_until(lambda: app.pipeline.relay.published_total == 1)
    port = server.port
    server.kill()
    for i in range(20):
        app.act(f"during {i}")  # never waits on Redis
    qloop.wait_until(lambda: app.pipeline.relay.state == "disconnected", timeout=10)
    assert app.pipeline.relay.queued() == 20
    server.port = port
    server.start()
    qloop.wait_until(lambda: app.pipeline.relay.queued() == 0, timeout=15)
    client = redis.Redis.from_url(server.url)
    entries = client.xrange("calls_channel:stream")
    seqs = [int(fields[b"seq"]) for _, fields in entries]
    assert seqs[-20:] == list(range(2, 22))
    assert 20 in queue_sizes
    app.pipeline.relay.stop()
    qloop.run(relay_task)


def test_consumer_closed_while_events_published_catches_up_without_duplicates(qloop, settings, redis_server, tmp_path):
    app = make_mini_app(settings, tmp_path)
    db = f"sqlite:///{tmp_path / 'console.db'}"
    relay_task = _start(qloop, app.pipeline.relay.run())

    def run_consumer_until(n):
        store = HistoryStore(make_engine(db))
        got = []
        consumer = create_consumer(settings, store)
        consumer.on_events = got.extend
        task = _start(qloop, consumer.run())
        qloop.wait_until(lambda: consumer.state == "live" and store.count() >= n, timeout=15)
        consumer.stop()
        qloop.run(task)
        return got, store, consumer

    for i in range(10):
        app.act(f"a{i}")
    first, store, _ = run_consumer_until(10)
    assert len(first) == 10
    # Closed: 300 events go by.
    for i in range(300):
        app.act(f"b{i}")
    qloop.wait_until(lambda: app.pipeline.relay.queued() == 0)
    second, store, consumer = run_consumer_until(310)
    assert len(second) == 300
    assert consumer.caught_up_total >= 300
    assert store.count() == 310
    app.pipeline.relay.stop()
    qloop.run(relay_task)


def test_duplicates_are_dropped(qloop, settings, redis_server, tmp_path):
    """A relay that re-sends (crash between EXEC and the DB update) must not duplicate history."""
    app = make_mini_app(settings, tmp_path)
    store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    consumer = create_consumer(settings, store)
    got = []
    consumer.on_events = got.extend
    task = _start(qloop, consumer.run())
    qloop.wait_until(lambda: consumer.state == "live")
    for i in range(5):
        app.act(f"x{i}")
    qloop.run(app.pipeline.relay.drain_once())
    qloop.wait_until(lambda: len(got) == 5)
    # Re-send the same rows, as after a crash before they were marked published.
    with app.pipeline.engine.begin() as conn:
        conn.execute(app.pipeline.outbox.table.update().values(status="pending"))
    qloop.run(app.pipeline.relay.drain_once())
    qloop.sleep(0.5)
    assert len(got) == 5
    assert store.count() == 5
    assert consumer.duplicates_total >= 5
    consumer.stop()
    qloop.run(task)
