"""The simulator end to end against a real redis-server: what the office did is what Redis got."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import redis
from sqlalchemy import create_engine, text

from integrado.settings import Settings
from integrado_suite.simulate import ActionRecord, SimConfig, Simulation, start_demo


def _stream(client: redis.Redis, key: str) -> list[dict]:
    return [json.loads(fields[b"event"]) for _id, fields in client.xrange(key)]


def test_events_published_equal_the_actions_taken_in_seq_order(settings: Settings, redis_server) -> None:
    records: list[ActionRecord] = []
    config = SimConfig(operators=6, rate=400.0, duration=None, seed=11, max_actions=150)
    summary = asyncio.run(Simulation(settings, config, on_record=records.append, poll_interval=0.5).run())

    assert summary.total_actions == len(records) == 150
    assert not summary.errors
    assert summary.left_queued == 0
    assert all(r.events for r in records)  # every action is at least one event
    assert summary.events_queued == summary.events_published == sum(len(r.events) for r in records)

    client = redis.Redis.from_url(redis_server.url)
    for system, stream in (("callsystem", "calls_channel:stream"), ("taskmanager", "tasks:stream")):
        sent = [e for r in records if r.system == system for e in r.events]
        got = _stream(client, stream)
        assert sent, system
        # The same events, in the order the actions committed, numbered 1..n with no gap.
        assert [e["event_id"] for e in got] == [e["event_id"] for e in sent]
        assert [e["seq"] for e in got] == list(range(1, len(sent) + 1))
        assert {e["system"] for e in got} == {system}
    # Each action's events name the entity it acted on, with the acting operator's login.
    for r in records:
        assert r.events[0]["id"] == r.entity_id
        assert r.events[0]["actor"]["host"].startswith("simulador-")


def test_redis_down_leaves_the_events_queued_and_says_how_many(settings, redis_server_factory, monkeypatch):
    server = redis_server_factory()
    monkeypatch.setenv("REDIS_URL", server.url)
    server.stop()
    config = SimConfig(operators=3, rate=400.0, duration=None, seed=5, max_actions=30)
    summary = asyncio.run(Simulation(Settings.load(), config, drain_timeout=0.5).run())
    assert summary.total_actions == 30
    assert summary.events_published == 0
    assert summary.left_queued == summary.events_queued >= 30
    assert any("still queued" in line for line in summary.lines())


def test_demo_writes_through_the_services_and_leaves_sending_to_the_apps(settings, monkeypatch):
    monkeypatch.setenv("INTEGRADO_DEMO_RATE", "100/s")

    async def demo() -> int:
        handle = await start_demo(settings)
        deadline = time.monotonic() + 10
        while sum(handle.simulation.office.counts.values()) < 20 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await handle.shutdown()
        return handle.simulation.office.events_queued

    queued = asyncio.run(demo())
    assert queued >= 20
    pending = 0
    for url in (settings.callsystem_db, settings.taskmanager_db):
        with create_engine(url).connect() as conn:
            pending += conn.execute(text("select count(*) from integrado_outbox where status='pending'")).scalar_one()
    # Nothing was sent by the demo itself: the suite's own relays publish these rows.
    assert pending == queued


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_the_command_stops_cleanly_and_drains(redis_server, sig) -> None:
    env = {**os.environ, "REDIS_URL": redis_server.url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "integrado_suite.cli", "simulate", "--rate", "40/s", "--duration", "1m", "--seed", "3"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    client = redis.Redis.from_url(redis_server.url)
    deadline = time.monotonic() + 30
    while client.xlen("calls_channel:stream") < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "stopped early" in err and "all sent" in err
    summary = next(line for line in err.splitlines() if line.strip().startswith("events:"))
    published = int(summary.split(",")[1].split()[0])
    assert published == client.xlen("calls_channel:stream") + client.xlen("tasks:stream") >= 10


def test_demo_given_the_apps_pipelines_wakes_their_relays_at_each_commit(settings, redis_server, monkeypatch):
    from callsystem_gui.service import create_pipeline as create_calls_pipeline
    from taskmanager_gui.service import create_pipeline as create_tasks_pipeline

    monkeypatch.setenv("INTEGRADO_DEMO_RATE", "100/s")
    # As the running apps hold them; a 60 s poll means only a commit's wake-up sends quickly.
    calls = create_calls_pipeline(settings, poll_interval=60)
    tasks = create_tasks_pipeline(settings, poll_interval=60)

    async def demo() -> tuple[int, int, float]:
        relays = [asyncio.ensure_future(p.relay.run()) for p in (calls, tasks)]
        handle = await start_demo(settings, calls_pipeline=calls, tasks_pipeline=tasks)
        deadline = time.monotonic() + 10
        while sum(handle.simulation.office.counts.values()) < 20 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await handle.shutdown()
        queued = handle.simulation.office.events_queued
        stopped = time.monotonic()
        while calls.relay.published_total + tasks.relay.published_total < queued and time.monotonic() < stopped + 5:
            await asyncio.sleep(0.01)
        took = time.monotonic() - stopped
        # The demo stopped; the apps' relays did not (they are the apps', not the simulator's).
        assert not any(r.done() for r in relays)
        for p in (calls, tasks):
            p.relay.stop()
        await asyncio.gather(*relays)
        return queued, calls.relay.published_total + tasks.relay.published_total, took

    queued, published, took = asyncio.run(demo())
    assert queued >= 20
    assert published == queued
    assert took < 2.0  # far less than the 60 s poll: woken by the commits
    client = redis.Redis.from_url(redis_server.url)
    assert client.xlen("calls_channel:stream") + client.xlen("tasks:stream") == queued


def test_integrado_run_demo_starts_the_suite_with_the_simulator_feeding_it(redis_server, settings) -> None:
    env = {**os.environ, "REDIS_URL": redis_server.url, "INTEGRADO_DEMO_RATE": "50/s", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "run", "--demo", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    # The simulated operators' actions went into the suite's own databases and outboxes (the
    # apps' relays publish them; in half a second of smoke test they may not have yet).
    simulated = 0
    for url in (settings.callsystem_db, settings.taskmanager_db):
        with create_engine(url).connect() as conn:
            payloads = conn.execute(text("select payload from integrado_outbox")).scalars().all()
        simulated += sum(json.loads(p)["actor"]["host"].startswith("simulador-") for p in payloads)
    assert simulated >= 1, "the demo wrote nothing while the suite ran"
    with create_engine(settings.callsystem_db).connect() as conn:
        assert conn.execute(text("select count(*) from calls")).scalar_one() >= 1
