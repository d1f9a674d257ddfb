"""A shared PostgreSQL outbox (the office deployment): two PCs of the same app write one
database, two relay services (active and hot standby) publish it. Every row must be published
exactly once and in seq order; when the active service stops, the standby publishes the rest."""

from __future__ import annotations

import asyncio

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table

from helpers.fault_harness import settings_for
from helpers.pipeline import MiniApp
from integrado.db import make_engine
from integrado.pipeline import ProducerPipeline, stream_sources
from integrado.redis_conn import redis_client
from integrado.relay import RelayService, RelayTiming

pytestmark = pytest.mark.integration


def _pc(settings, url: str) -> MiniApp:
    """One operator PC: its own engine, the shared database; it does not publish."""
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    pipeline = ProducerPipeline.create(settings, system="callsystem", metadata=metadata, db_url=url, poll_interval=0.1)
    return MiniApp(pipeline, things, "callsystem")


def _service(settings, url: str, name: str) -> RelayService:
    return RelayService(
        make_engine(url),
        lambda: redis_client(settings.redis, name=name),
        stream_sources(settings.redis),
        name=name,
        timing=RelayTiming(poll_interval=0.5, standby_poll=0.2),
    )


def test_two_relay_services_on_one_postgres_outbox_publish_each_row_once(
    qloop, redis_server_factory, monkeypatch, postgres_url
):
    server = redis_server_factory()
    settings = settings_for(server, monkeypatch)
    pc1, pc2 = _pc(settings, postgres_url), _pc(settings, postgres_url)
    services = [_service(settings, postgres_url, "relay-a"), _service(settings, postgres_url, "relay-b")]
    tasks = [qloop.create_task(s.run()) for s in services]

    async def operators(count: int, start: int) -> None:
        for i in range(start, start + count):
            (pc1 if i % 2 else pc2).act(f"call {i}")  # both PCs write the same tables
            if i % 5 == 0:
                await asyncio.sleep(0.005)

    try:
        qloop.wait_until(lambda: any(s.role == "active" for s in services), timeout=15)
        qloop.run(operators(400, 0), timeout=60)
        qloop.wait_until(lambda: pc1.pipeline.relay.queued() == 0, timeout=20)
        active = next(s for s in services if s.role == "active")
        standby = next(s for s in services if s is not active)
        assert standby.role == "standby" and standby.published_total == 0
        # The active service stops (an upgrade, a reboot): the standby takes over at once.
        active.stop()
        qloop.run(tasks[services.index(active)], timeout=15)
        qloop.run(operators(200, 400), timeout=60)
        qloop.wait_until(lambda: pc2.pipeline.relay.queued() == 0, timeout=20, message="the standby did not publish")
        assert standby.role == "active"
    finally:
        for service in services:
            service.stop()
        qloop.run(asyncio.gather(*tasks), timeout=15)
    entries = redis.Redis.from_url(server.url).xrange(settings.redis.calls_stream)
    seqs = [int(fields[b"seq"]) for _, fields in entries]
    print(
        f"\n[pg: two relay services, one outbox] committed 600, stream entries {len(entries)}, "
        f"published by the first active {active.published_total}, by the standby {standby.published_total}"
    )
    assert seqs == list(range(1, 601)), "a row was published twice, skipped or out of order"
    assert active.published_total + standby.published_total == 600
    for engine in [pc1.pipeline.engine, pc2.pipeline.engine] + [s.engine for s in services]:
        engine.dispose()
