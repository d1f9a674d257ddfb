"""A shared PostgreSQL outbox (the office deployment): two PCs run the same app, each with its
relay, on one database. Every row must be published exactly once and in seq order (a drain
holds a PostgreSQL advisory lock), each PC publishing its own commits at once; when one PC
closes, the other publishes everything."""

from __future__ import annotations

import asyncio

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table

from fault.harness import settings_for
from helpers.pipeline import MiniApp
from integrado.pipeline import ProducerPipeline

pytestmark = pytest.mark.integration


def _pc(settings, url: str) -> MiniApp:
    """One operator PC: its own engine and relay, the shared database."""
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    pipeline = ProducerPipeline.create(settings, system="callsystem", metadata=metadata, db_url=url, poll_interval=0.1)
    return MiniApp(pipeline, things, "callsystem")


def test_two_relays_on_one_postgres_outbox_publish_each_row_once(
    qloop, redis_server_factory, monkeypatch, postgres_url
):
    server = redis_server_factory()
    settings = settings_for(server, monkeypatch)
    pc1, pc2 = _pc(settings, postgres_url), _pc(settings, postgres_url)
    tasks = [qloop.create_task(pc.pipeline.relay.run()) for pc in (pc1, pc2)]

    async def operators(count: int, start: int) -> None:
        for i in range(start, start + count):
            (pc1 if i % 2 else pc2).act(f"call {i}")  # both PCs write the same tables
            if i % 5 == 0:
                await asyncio.sleep(0.005)

    try:
        qloop.run(operators(400, 0), timeout=60)
        qloop.wait_until(lambda: pc1.pipeline.relay.queued() == 0, timeout=20)
        both = (pc1.pipeline.relay.published_total, pc2.pipeline.relay.published_total)
        # PC 1 closes (the operator logs off); PC 2's operator and PC 1's last queued rows.
        pc1.pipeline.relay.stop()
        qloop.run(tasks[0], timeout=15)
        qloop.run(operators(200, 400), timeout=60)
        qloop.wait_until(lambda: pc2.pipeline.relay.queued() == 0, timeout=20, message="PC 2 did not publish all")
    finally:
        for pc in (pc1, pc2):
            pc.pipeline.relay.stop()
        qloop.run(asyncio.gather(*tasks), timeout=15)
    entries = redis.Redis.from_url(server.url).xrange(settings.redis.calls_stream)
    seqs = [int(fields[b"seq"]) for _, fields in entries]
    ids = [fields[b"event_id"] for _, fields in entries]
    print(
        f"\n[pg: two relays, one outbox] committed 600, stream entries {len(entries)}, "
        f"distinct {len(set(ids))}, published by PC1/PC2 while both ran {both}, "
        f"by PC2 after PC1 closed {pc2.pipeline.relay.published_total - both[1]}"
    )
    assert seqs == list(range(1, 601)), "a row was published twice, skipped or out of order"
    assert pc1.pipeline.relay.published_total + pc2.pipeline.relay.published_total == 600
    for pc in (pc1, pc2):
        pc.pipeline.engine.dispose()
