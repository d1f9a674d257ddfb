"""`integrado simulate` on an office's shared PostgreSQL database, with `integrado relay` beside
it: the simulator sends nothing itself, and its summary says what the relay service published
(counted in the outbox) instead of "0 published"."""

from __future__ import annotations

import asyncio

import pytest
import redis

from integrado.db import make_engine
from integrado.pipeline import stream_sources
from integrado.redis_conn import redis_client
from integrado.relay import RelayService, RelayTiming
from integrado.settings import Settings
from integrado_suite.simulate import SimConfig, Simulation, Summary

pytestmark = pytest.mark.integration


def _shared(monkeypatch: pytest.MonkeyPatch, postgres_url: str) -> Settings:
    monkeypatch.setenv("INTEGRADO_CALLSYSTEM_DB", postgres_url)
    monkeypatch.setenv("INTEGRADO_TASKMANAGER_DB", postgres_url)
    return Settings.load()


def test_summary_counts_what_the_relay_service_published(
    settings: Settings, redis_server: object, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    shared = _shared(monkeypatch, postgres_url)
    config = SimConfig(operators=4, rate=200.0, duration=None, seed=5, max_actions=60)

    async def run() -> Summary:
        service = RelayService(
            make_engine(postgres_url),
            lambda: redis_client(shared.redis, name="simulate-test-relay"),
            stream_sources(shared.redis),
            name="office-relay",
            timing=RelayTiming(poll_interval=0.2),
        )
        running = asyncio.ensure_future(service.run())
        try:
            return await Simulation(shared, config, poll_interval=0.2, drain_timeout=20).run()
        finally:
            service.stop()
            await running
            service.engine.dispose()

    summary = asyncio.run(run())
    text = "\n".join(summary.lines())
    print("\n" + text)
    assert summary.by_relay_service and summary.left_queued == 0 and not summary.errors
    assert summary.events_published == summary.events_queued > 0
    assert f"{summary.events_queued} published by the relay service, all sent" in text
    client = redis.Redis.from_url(shared.redis.url)
    assert client.xlen("calls_channel:stream") + client.xlen("tasks:stream") == summary.events_queued


def test_summary_without_the_relay_service_says_where_the_events_wait(
    settings: Settings, redis_server: object, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    shared = _shared(monkeypatch, postgres_url)
    config = SimConfig(operators=2, rate=200.0, duration=None, seed=3, max_actions=10)
    summary = asyncio.run(Simulation(shared, config, poll_interval=0.2, drain_timeout=0.5).run())
    text = "\n".join(summary.lines())
    print("\n" + text)
    assert summary.events_published == 0 and summary.left_queued == summary.events_queued > 0
    assert "0 published by the relay service" in text
    assert f"{summary.events_queued} still queued on the server (sent once `integrado relay` runs)" in text
