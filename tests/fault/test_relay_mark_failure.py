"""A batch went out (entries appended, messages published) but marking it published in the
database failed (a full disk, a database restarting). Before, the next drain sent the batch
again: consumers drop the stream copies by `event_id`, but the older system's subscriber, which
keeps no dedupe, got each message twice. Now the relay remembers what it sent and only marks it;
a relay service's standby that takes over in between (no memory) reads the stream first and
marks what is already there instead of publishing it again.

The subscriber here is the older system's consumer: it counts every message on the channel.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, event
from sqlalchemy.exc import OperationalError

from helpers.fixtures import QLoop
from helpers.pipeline import MiniApp, make_mini_app
from integrado.db import make_engine
from integrado.embedded import RedisServerProcess
from integrado.pipeline import ProducerPipeline, stream_sources
from integrado.redis_conn import redis_client
from integrado.relay import RelayService, RelayTiming
from integrado.settings import Settings

pytestmark = pytest.mark.integration

EVENTS = 5


class MarkFailures:
    """Makes the relay's "mark published" statement fail on `engine` (as a full disk would),
    `times` times; every other statement runs."""

    def __init__(self, engine: Engine, times: int) -> None:
        self.left = times
        self.failed = 0
        event.listen(engine, "before_cursor_execute", self._before)

    def _before(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if self.left and statement.lstrip().upper().startswith("UPDATE") and "published_at" in statement:
            self.left -= 1
            self.failed += 1
            raise OperationalError(statement, parameters, Exception("database or disk is full"))


class ChannelCounter:
    """The older system's consumer: subscribed to the channel, counting messages per event."""

    def __init__(self, url: str, channel: str) -> None:
        self.client = redis.Redis.from_url(url)
        self.pubsub = self.client.pubsub(ignore_subscribe_messages=True)
        self.pubsub.subscribe(channel)
        self.pubsub.get_message(timeout=1)  # the subscription's confirmation
        self.bodies: list[bytes] = []

    def read(self, settle: float = 0.5) -> list[bytes]:
        """Everything received until nothing came for `settle` seconds."""
        while (message := self.pubsub.get_message(timeout=settle)) is not None:
            self.bodies.append(message["data"])
        return self.bodies

    def close(self) -> None:
        self.pubsub.close()
        self.client.close()


@pytest.fixture
def counter(redis_server: RedisServerProcess, settings: Settings) -> Iterator[ChannelCounter]:
    listening = ChannelCounter(redis_server.url, settings.redis.calls_channel)
    yield listening
    listening.close()


def _entries(url: str, stream: str) -> int:
    with redis.Redis.from_url(url) as client:
        return int(client.xlen(stream))


def test_in_app_relay_marks_a_sent_batch_without_publishing_it_again(
    qloop: QLoop, redis_server: RedisServerProcess, settings: Settings, counter: ChannelCounter, tmp_path: Path
) -> None:
    app = make_mini_app(settings, tmp_path, "callsystem", poll_interval=0.1)
    relay = app.pipeline.relay
    relay.backoff_base, relay.backoff_cap = 0.05, 0.2
    failures = MarkFailures(app.pipeline.engine, times=1)
    states: list[str] = []
    relay.on_state_changed = lambda state, detail: states.append(state)
    for i in range(EVENTS):
        app.act(f"call {i}")
    running = qloop.create_task(relay.run())
    try:
        qloop.wait_until(lambda: relay.queued() == 0, 10, f"still queued: {relay.queued()} ({states})")
    finally:
        relay.stop()
        qloop.run(running, timeout=15)
        app.pipeline.engine.dispose()
    bodies = counter.read()
    print(f"\n[relay mark failure, in-app] mark failed {failures.failed}x; {len(bodies)} messages for {EVENTS} events")
    assert failures.failed == 1 and "database" in states
    assert len(bodies) == EVENTS, f"{len(bodies)} messages on the channel for {EVENTS} events"
    assert len(set(bodies)) == EVENTS
    assert _entries(redis_server.url, settings.redis.calls_stream) == EVENTS


def _pc(settings: Settings, url: str) -> MiniApp:
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    return MiniApp(
        ProducerPipeline.create(settings, system="callsystem", metadata=metadata, db_url=url), things, "callsystem"
    )


def _service(settings: Settings, url: str, name: str) -> RelayService:
    return RelayService(
        make_engine(url),
        lambda: redis_client(settings.redis, name=name),
        stream_sources(settings.redis),
        name=name,
        timing=RelayTiming(poll_interval=0.1, health_interval=60),
        listen=False,
    )


def _slow_backoff(service: RelayService, seconds: float) -> None:
    """Let the active relay wait `seconds` before retrying (a database down for that long)."""
    for relay in service.relays.values():
        relay.backoff_base = relay.backoff_cap = seconds


def test_relay_service_marks_a_sent_batch_without_publishing_it_again(
    qloop: QLoop,
    redis_server: RedisServerProcess,
    settings: Settings,
    counter: ChannelCounter,
    postgres_url: str,
) -> None:
    pc = _pc(settings, postgres_url)
    service = _service(settings, postgres_url, "relay-a")
    failures = MarkFailures(service.engine, times=1)
    running = qloop.create_task(service.run())
    try:
        qloop.wait_until(lambda: service.role == "active", 15, "the relay never became active")
        for relay in service.relays.values():
            relay.backoff_base, relay.backoff_cap = 0.05, 0.2
        for i in range(EVENTS):
            pc.act(f"call {i}")
        qloop.wait_until(lambda: service.queued()[settings.redis.calls_stream] == 0, 10, service.health())
    finally:
        service.stop()
        qloop.run(running, timeout=15)
        service.engine.dispose()
        pc.pipeline.engine.dispose()
    bodies = counter.read()
    print(f"\n[relay mark failure, relay service] {len(bodies)} messages for {EVENTS} events")
    assert failures.failed == 1
    assert len(bodies) == EVENTS and len(set(bodies)) == EVENTS
    assert _entries(redis_server.url, settings.redis.calls_stream) == EVENTS


def test_standby_taking_over_after_a_failed_mark_does_not_publish_the_batch_again(
    qloop: QLoop,
    redis_server: RedisServerProcess,
    settings: Settings,
    counter: ChannelCounter,
    postgres_url: str,
) -> None:
    """The active relay sends, cannot mark (its database connection keeps failing), and stops;
    the standby, which never saw that batch go out, takes over."""
    pc = _pc(settings, postgres_url)
    first = _service(settings, postgres_url, "relay-a")
    failures = MarkFailures(first.engine, times=1_000)
    running = qloop.create_task(first.run())
    try:
        qloop.wait_until(lambda: first.role == "active", 15, "the first relay never became active")
        _slow_backoff(first, 30.0)
        for i in range(EVENTS):
            pc.act(f"call {i}")
        qloop.wait_until(lambda: failures.failed >= 1, 10, first.health())
        assert len(counter.read()) == EVENTS  # the batch went out; its mark did not
    finally:
        first.stop()
        qloop.run(running, timeout=15)
        first.engine.dispose()
    second = _service(settings, postgres_url, "relay-b")
    running = qloop.create_task(second.run())
    try:
        started = time.monotonic()
        qloop.wait_until(lambda: second.queued()[settings.redis.calls_stream] == 0, 15, second.health())
        took = time.monotonic() - started
        for i in range(2):
            pc.act(f"after {i}")
        qloop.wait_until(lambda: second.queued()[settings.redis.calls_stream] == 0, 10, second.health())
        qloop.run(asyncio.sleep(0.2))
    finally:
        second.stop()
        qloop.run(running, timeout=15)
        second.engine.dispose()
        pc.pipeline.engine.dispose()
    bodies = counter.read()
    print(
        f"\n[relay mark failure, standby takes over] the standby marked the batch {took:.1f} s after it started; "
        f"{len(bodies)} messages for {EVENTS + 2} events"
    )
    assert failures.failed == 1, "the first relay tried to mark more than once (the test's backoff)"
    assert len(bodies) == EVENTS + 2 and len(set(bodies)) == EVENTS + 2
    assert _entries(redis_server.url, settings.redis.calls_stream) == EVENTS + 2
