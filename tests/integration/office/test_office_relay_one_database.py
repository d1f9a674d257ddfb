"""Both apps' outboxes in ONE PostgreSQL database, under the shipped ACL users.

Before relays fetched, counted and locked per stream, CallSystem's relay picked TaskManager's
rows, got NOPERM on `tasks:stream`, and retried the whole batch for ever (and the other way
round): nothing was published. Now each relay sees only its stream; the relay service, holding
the `relay` user's credential, publishes both; operator PCs only count what waits on the server."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table

from helpers.pipeline import MiniApp
from helpers.relay_service import start_in_process_relay, write_acl
from helpers.security import with_app_writes
from integrado.outbox import NOTIFY_CHANNEL, ON_SERVER, OutboxRelay
from integrado.pipeline import ProducerPipeline, stream_sources
from integrado.redis_conn import redis_client
from integrado.relay import RelayService, RelayTiming
from integrado.settings import Settings

pytestmark = pytest.mark.integration


def _settings_as(monkeypatch: pytest.MonkeyPatch, port: int, user: str, password: str) -> Settings:
    monkeypatch.setenv("REDIS_URL", f"redis://{user}@127.0.0.1:{port}/0")
    monkeypatch.setenv("REDIS_PASSWORD", password)
    return Settings.load()


def _pc(settings: Settings, url: str, system: str) -> MiniApp:
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    pipeline = ProducerPipeline.create(settings, system=system, metadata=metadata, db_url=url, poll_interval=0.1)
    return MiniApp(pipeline, things, system)


@pytest.fixture
def acl_server(redis_server_factory, tmp_path):
    # Each app user may write its own stream only: a relay that took the other app's rows would be
    # refused (NOPERM), which is what this test must never see. The office ACL itself gives app
    # users read rights only (the relay service publishes).
    acl, passwords = write_acl(tmp_path, edit=with_app_writes("callsystem", "taskmanager"))
    server = redis_server_factory(extra_args=["--aclfile", str(acl)])
    server.passwords = passwords
    return server


def _entries(server, stream: str) -> list[tuple[int, str]]:
    client = redis.Redis(port=server.port, username="console", password=server.passwords["console"])
    return [(int(f[b"seq"]), json.loads(f[b"event"])["system"]) for _, f in client.xrange(stream)]


def test_each_apps_relay_sends_only_its_own_stream_from_one_database(qloop, acl_server, monkeypatch, postgres_url):
    calls_settings = _settings_as(monkeypatch, acl_server.port, "callsystem", acl_server.passwords["callsystem"])
    tasks_settings = _settings_as(monkeypatch, acl_server.port, "taskmanager", acl_server.passwords["taskmanager"])
    calls, tasks = _pc(calls_settings, postgres_url, "callsystem"), _pc(tasks_settings, postgres_url, "taskmanager")
    for i in range(30):
        calls.act(f"call {i}")
        tasks.act(f"task {i}")
    # Bare relays that publish (as a single machine's would), one per app, each with its app's
    # credential, on the one database both apps write.
    relays = [
        OutboxRelay(
            app.pipeline.engine,
            app.pipeline.outbox,
            lambda s=s: redis_client(s.redis, name="test-relay"),
            poll_interval=0.1,
        )
        for app, s in ((calls, calls_settings), (tasks, tasks_settings))
    ]
    states: list[str] = []
    for relay in relays:
        relay.on_state_changed = lambda state, detail: states.append(f"{state} {detail}")
    assert [r.queued() for r in relays] == [30, 30]  # counted per stream, not 60 each
    running = [qloop.create_task(r.run()) for r in relays]
    try:
        qloop.wait_until(lambda: all(r.queued() == 0 for r in relays), timeout=20, message=f"stuck: {states}")
    finally:
        for relay in relays:
            relay.stop()
        qloop.run(asyncio.gather(*running), timeout=15)
    assert not [s for s in states if "NOPERM" in s or s.startswith("refused")]
    assert _entries(acl_server, "calls_channel:stream") == [(i, "callsystem") for i in range(1, 31)]
    assert _entries(acl_server, "tasks:stream") == [(i, "taskmanager") for i in range(1, 31)]
    for app in (calls, tasks):
        app.pipeline.engine.dispose()


def test_relay_service_publishes_every_app_of_one_database_and_pcs_only_count(
    qloop, acl_server, monkeypatch, postgres_url
):
    relay_settings = _settings_as(monkeypatch, acl_server.port, "relay", acl_server.passwords["relay"])
    # Operator PCs hold no write credential at all here: they never talk to Redis to publish.
    pc_settings = _settings_as(monkeypatch, acl_server.port, "console", acl_server.passwords["console"])
    calls, tasks = _pc(pc_settings, postgres_url, "callsystem"), _pc(pc_settings, postgres_url, "taskmanager")
    assert calls.pipeline.shared and not calls.pipeline.relay.publishes
    queue_seen: list[int] = []
    calls.pipeline.relay.on_queue_changed = queue_seen.append
    watchers = [qloop.create_task(app.pipeline.relay.run()) for app in (calls, tasks)]
    for i in range(20):
        calls.act(f"call {i}")
        tasks.act(f"task {i}")
    qloop.wait_until(lambda: 20 in queue_seen, timeout=10, message=f"the PC's badge never showed 20: {queue_seen}")
    assert calls.pipeline.relay.state == ON_SERVER

    service = RelayService(
        calls.pipeline.engine,
        lambda: redis_client(relay_settings.redis, name="test-relay-service"),
        stream_sources(relay_settings.redis),
        name="office-1",
        timing=RelayTiming(poll_interval=0.5, health_interval=0.5),
    )
    running = qloop.create_task(service.run())
    try:
        qloop.wait_until(lambda: service.published_total == 40, timeout=20, message=service.health())
        for i in range(20, 30):  # woken by NOTIFY from here on
            calls.act(f"call {i}")
            tasks.act(f"task {i}")
        qloop.wait_until(lambda: service.published_total == 60, timeout=20, message=service.health())
        assert service.role == "active"
        assert "queued calls_channel:stream=0, tasks:stream=0" in service.health()
        qloop.wait_until(lambda: queue_seen[-1] == 0, timeout=10)
    finally:
        service.stop()
        qloop.run(running, timeout=15)
        for app in (calls, tasks):
            app.pipeline.relay.stop()
        qloop.run(asyncio.gather(*watchers), timeout=15)
    assert _entries(acl_server, "calls_channel:stream") == [(i, "callsystem") for i in range(1, 31)]
    assert _entries(acl_server, "tasks:stream") == [(i, "taskmanager") for i in range(1, 31)]
    assert service._listener is not None and service._listener.notifications > 0, NOTIFY_CHANNEL
    for app in (calls, tasks):
        app.pipeline.engine.dispose()


def test_relay_service_started_before_any_app_publishes_the_first_commit_at_once(
    qloop, redis_server, settings, postgres_url
):
    relay = start_in_process_relay(qloop, settings, postgres_url)  # an empty database: no outbox yet
    try:
        calls = _pc(settings, postgres_url, "callsystem")
        client = redis.Redis.from_url(redis_server.url)
        started = time.monotonic()
        calls.act("first call of the office")
        qloop.wait_until(lambda: client.xlen(settings.redis.calls_stream) == 1, timeout=5)
        assert time.monotonic() - started < 1.0  # woken by NOTIFY, not found by a backed-off poll
    finally:
        relay.stop(qloop)
    calls.pipeline.engine.dispose()
