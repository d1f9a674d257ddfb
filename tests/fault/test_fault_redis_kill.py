"""Fault 1: Redis SIGKILLed and restarted while both apps publish (fault 1 of the fault suite).

With AOF (what docs/deployment.md prescribes) nothing may be lost, duplicated or reordered, and
the consumer must converge within 10 s of the last restart. Without persistence, events that the
consumer had not read yet die with the server: that loss must be reported as a gap, never silent.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from dataclasses import dataclass, field

import pytest
import redis.asyncio as aredis

from helpers.fault_harness import PipelineHarness, settings_for
from integrado.embedded import RedisServerProcess

pytestmark = pytest.mark.integration


@dataclass
class Chaos:
    """Kills and restarts one server on a schedule; remembers when it last came back."""

    server: RedisServerProcess
    rng: random.Random
    kills: int
    down: tuple[float, float]
    up: tuple[float, float]
    pubsub_kills: int = 0
    last_restart: float = 0.0
    downtimes: list[float] = field(default_factory=list)
    pubsub_killed: int = 0

    async def run(self) -> None:
        # Spread the CLIENT KILLs over the up-times between server kills.
        per_gap = [
            self.pubsub_kills // self.kills + (1 if i < self.pubsub_kills % self.kills else 0)
            for i in range(self.kills)
        ]
        for k in range(self.kills):
            up_for = self.rng.uniform(*self.up)
            for _ in range(per_gap[k]):
                await asyncio.sleep(up_for / (per_gap[k] + 1))
                await self._kill_subscribers()
            await asyncio.sleep(up_for / (per_gap[k] + 1) if per_gap[k] else up_for)
            self.server.kill()
            down_for = self.rng.uniform(*self.down)
            self.downtimes.append(round(down_for, 2))
            await asyncio.sleep(down_for)
            # Starting waits for the port: keep it off the loop so producers keep acting. A plain
            # thread, not run_in_executor: qasync's QThread executor outlives the test's loop.
            starter = threading.Thread(target=self.server.start, name="redis-restart")
            starter.start()
            while starter.is_alive():
                await asyncio.sleep(0.02)
            if not self.server.running:
                raise AssertionError("the server did not restart")
            self.last_restart = time.monotonic()

    async def _kill_subscribers(self) -> None:
        client = aredis.Redis.from_url(self.server.url)
        try:
            self.pubsub_killed += int(await client.execute_command("CLIENT", "KILL", "TYPE", "pubsub"))
        finally:
            await client.aclose()


def _run_kill_scenario(
    qloop,
    redis_server_factory,
    monkeypatch,
    tmp_path,
    *,
    events: int,
    kills: int,
    down,
    up,
    pubsub_kills: int,
    label: str,
) -> None:
    server = redis_server_factory(appendonly=True)
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    h.start_relays()
    h.start_consumer()
    chaos = Chaos(server, random.Random(5), kills, down, up, pubsub_kills)
    started = time.monotonic()
    try:
        qloop.run(asyncio.gather(h.produce(events, rate=100), chaos.run()), timeout=events / 100 + kills * 14 + 30)
        produced_at = time.monotonic()
        h.wait_converged(timeout=10)
        converged_at = time.monotonic()
        report = h.report()
        report.print(
            label,
            kills=kills,
            downtimes_s=chaos.downtimes,
            pubsub_clients_killed=chaos.pubsub_killed,
            consumer_reconnects=sum(1 for _, state, _ in h.states if state == "reconnecting"),
            run_s=round(produced_at - started, 1),
            converge_after_last_restart_s=round(converged_at - chaos.last_restart, 2),
            converge_after_last_event_s=round(converged_at - produced_at, 2),
            **h.stats.figures(),
        )
    finally:
        h.stop()
    assert report.committed == events
    assert report.ok, report.figures()
    assert report.dead_letters == 0
    assert converged_at - max(chaos.last_restart, produced_at) <= 10


def test_redis_killed_three_times_loses_nothing(qloop, redis_server_factory, monkeypatch, tmp_path):
    _run_kill_scenario(
        qloop, redis_server_factory, monkeypatch, tmp_path,
        events=2000, kills=3, down=(1.0, 3.0), up=(2.0, 3.0), pubsub_kills=2, label="fault1 short: AOF, 3 kills",
    )  # fmt: skip


@pytest.mark.slow
def test_redis_killed_five_times_loses_nothing_long(qloop, redis_server_factory, monkeypatch, tmp_path):
    _run_kill_scenario(
        qloop, redis_server_factory, monkeypatch, tmp_path,
        events=10_000, kills=5, down=(2.0, 10.0), up=(8.0, 12.0), pubsub_kills=10, label="fault1 long: AOF, 5 kills",
    )  # fmt: skip


def test_without_persistence_losses_are_reported_as_gaps(qloop, redis_server_factory, monkeypatch, tmp_path):
    """No AOF, console closed while the server crashes: the unread events are gone, and said so."""
    server = redis_server_factory(appendonly=False)
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    h.start_relays()
    h.start_consumer()
    try:
        qloop.run(h.produce(200, rate=400), timeout=30)
        h.wait_converged(timeout=10)
        h.stop_consumer()
        qloop.run(h.produce(300, rate=400, start_index=200), timeout=30)
        qloop.wait_until(lambda: h.queued() == 0, timeout=10)
        server.kill()
        server.start()
        qloop.run(h.produce(200, rate=400, start_index=500), timeout=30)
        h.start_consumer()
        qloop.wait_until(lambda: h.queued() == 0 and h.store.count() >= 400, timeout=15)
        # The last events are in the history: whatever is missing now stays missing.
        qloop.wait_until(lambda: len(h.gaps) >= 2, timeout=5, message=f"gaps: {h.gaps}")
        report = h.report()
        report.print("fault1 no AOF: server crash while the console is closed", **h.stats.figures())
    finally:
        h.stop()
    assert report.committed == 700
    assert len(report.lost) == 300  # the 300 the closed console never read
    assert report.silent_lost == [], "a loss without a gap report"
    assert not report.duplicated and not report.unexpected
    assert {g.source for g in h.gaps} == {"callsystem", "taskmanager"}
