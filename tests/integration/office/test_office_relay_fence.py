"""The Redis fence and the takeover, step by step on a real PostgreSQL and Redis.

A leader appends a batch to the stream and is frozen before it marks the rows published. The
new leader raises the fence, finds that batch on the stream and marks it published instead of
sending it again; the old leader, woken, is refused (`Fenced`) and writes nothing."""

from __future__ import annotations

import asyncio

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table

from helpers.pipeline import MiniApp
from integrado.pipeline import ProducerPipeline, stream_sources
from integrado.redis_conn import redis_client
from integrado.relay import Fenced, FencedRelay, RelayLease, RelayService, RelayTiming, fence_key
from integrado.settings import Settings

pytestmark = pytest.mark.integration


def _pc(settings: Settings, url: str) -> MiniApp:
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    pipeline = ProducerPipeline.create(settings, system="callsystem", metadata=metadata, db_url=url)
    return MiniApp(pipeline, things, "callsystem")


def test_lease_tokens_grow_and_an_expired_lease_is_taken(settings, redis_server, postgres_url):
    app = _pc(settings, postgres_url)
    first = RelayLease(app.pipeline.engine, "relay-a", ttl=0.5)
    second = RelayLease(app.pipeline.engine, "relay-b", ttl=0.5)
    first.ensure_table()
    second.ensure_table()
    token_a = first.try_acquire()
    assert token_a is not None
    assert second.try_acquire() is None  # held
    assert first.renew(token_a)
    asyncio.run(asyncio.sleep(0.7))  # expired by the database's clock
    token_b = second.try_acquire()
    assert token_b is not None and token_b > token_a
    assert not first.renew(token_a)  # the old holder learns it lost the lease
    second.release(token_b)
    token_c = first.try_acquire()  # released: free at once
    assert token_c is not None and token_c > token_b
    app.pipeline.engine.dispose()


def test_new_leader_skips_what_the_frozen_one_appended_and_fences_it_out(qloop, settings, redis_server, postgres_url):
    app = _pc(settings, postgres_url)
    for i in range(8):
        app.act(f"call {i}")

    def relay(token: int) -> FencedRelay:
        return FencedRelay(
            app.pipeline.engine,
            app.pipeline.outbox,
            lambda: redis_client(settings.redis, name=f"relay-{token}"),
            token=token,
            batch_size=5,
        )

    old, new = relay(100), relay(200)
    client = redis.Redis.from_url(redis_server.url)
    assert qloop.run(old.take_over()) == 0
    # The old leader sends a batch of five and freezes before marking them published.
    rows = old._fetch_pending()
    qloop.run(old._send(old._client(), rows))
    assert [int(f[b"seq"]) for _, f in client.xrange(settings.redis.calls_stream)] == [1, 2, 3, 4, 5]
    assert app.pipeline.outbox.count(app.pipeline.engine) == 8

    assert qloop.run(new.take_over()) == 5  # seq 1-5 are on the stream: marked, not resent
    assert int(client.get(fence_key(settings.redis.calls_stream))) == 200
    with pytest.raises(Fenced):
        qloop.run(old._send(old._client(), rows))  # woken: refused, nothing written
    with pytest.raises(Fenced):
        qloop.run(old.take_over())  # and cannot raise the fence back
    while qloop.run(new.drain_once()):
        pass
    seqs = [int(f[b"seq"]) for _, f in client.xrange(settings.redis.calls_stream)]
    assert seqs == list(range(1, 9))
    assert app.pipeline.outbox.count(app.pipeline.engine) == 0
    for r in (old, new):
        qloop.run(r.aclose())
    client.close()
    app.pipeline.engine.dispose()


def test_a_fence_held_by_a_newer_token_keeps_the_service_standby_and_says_why_once(
    qloop, settings, redis_server, postgres_url, caplog
):
    app = _pc(settings, postgres_url)
    app.act("call 1")
    client = redis.Redis.from_url(redis_server.url)
    client.set(fence_key(settings.redis.calls_stream), 2**52)  # another database's relay, say
    service = RelayService(
        app.pipeline.engine,
        lambda: redis_client(settings.redis, name="relay-test"),
        stream_sources(settings.redis),
        name="relay-a",
        timing=RelayTiming(lease_ttl=0.6, renew_interval=0.2, standby_poll=0.1),
    )
    task = qloop.create_task(service.run())
    try:
        qloop.sleep(3.0)  # several expiries of its own lease: several refused takeovers
        assert service.role == "standby"
        assert client.xlen(settings.redis.calls_stream) == 0
    finally:
        service.stop()
        qloop.run(task, timeout=10)
    hints = [r for r in caplog.records if "Does another database publish this stream?" in r.getMessage()]
    assert len(hints) == 1
    client.close()
    app.pipeline.engine.dispose()
