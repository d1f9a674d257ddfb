"""A replicated Redis behind Sentinel loses its primary (SIGKILL) under a steady 200 events/s.

Both producers' relays and a console-like consumer (the Event Console's consumer and history
store) find the primary through the sentinels. The relays WAIT for the replica after each
batch and keep the rows until it confirmed them, so the events only the old primary held are
sent again to the new one; the consumer reconnects, reads on from the new primary's end and
stores each event once, with no gap reported (none is lost).
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from helpers.fault_harness import PipelineHarness
from helpers.fixtures import QLoop
from helpers.sentinel import SERVICE, SentinelGroup
from integrado.settings import Settings, SettingsError

pytestmark = pytest.mark.integration

RATE = 200  # events per second, both producers together


@pytest.fixture
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SentinelGroup]:
    sentinels = SentinelGroup(tmp_path_factory.mktemp("sentinel"))
    try:
        sentinels.start()
        yield sentinels
    finally:
        sentinels.stop()


def _settings(group: SentinelGroup, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("REDIS_SENTINELS", group.addresses)
    monkeypatch.setenv("REDIS_SENTINEL_SERVICE", SERVICE)
    settings = Settings.load()
    assert settings.redis.wait_replicas == 1, "with Sentinel the relay waits for one replica by default"
    return settings


class SteadyLoad:
    """Both producers acting in threads of their own, each at half the rate: an action commits
    to SQLite with a full fsync (5-8 ms here), which on the test's event loop beside the relays
    and the consumer held only ~95 events/s. Their sessions have no wake-up hook (it would touch
    the loop from another thread): the relays find the rows by their 0.1 s poll."""

    def __init__(self, h: PipelineHarness, seconds: float, rate: int) -> None:
        self.apps = [
            replace(app, pipeline=replace(app.pipeline, session_factory=sessionmaker(app.pipeline.engine)))
            for app in h.apps
        ]
        self.per_app = int(seconds * rate / len(self.apps))
        self.interval = len(self.apps) / rate
        self.done = [0] * len(self.apps)
        self.threads = [
            threading.Thread(target=self._run, args=(n,), name=f"producer-{n}") for n in range(len(self.apps))
        ]

    @property
    def committed(self) -> int:
        return sum(self.done)

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join()

    def _run(self, n: int) -> None:
        next_at = time.monotonic()
        for i in range(self.per_app):
            self.apps[n].act(f"event {n}-{i}")
            self.done[n] += 1
            next_at += self.interval
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)


def _run_failover(
    qloop: QLoop, group: SentinelGroup, monkeypatch: pytest.MonkeyPatch, tmp: Path, *, seconds: float, label: str
) -> None:
    h = PipelineHarness(qloop, _settings(group, monkeypatch), tmp, relay_poll=0.1)
    load = SteadyLoad(h, seconds, RATE)
    marks: dict[str, float] = {}

    async def kill_then_watch() -> None:
        await asyncio.sleep(seconds * 0.4)
        committed_before = load.committed
        old_port = group.kill_primary()
        marks["killed"] = time.monotonic()
        while group.primary_port() in (old_port, None):
            await asyncio.sleep(0.05)
        marks["promoted"] = time.monotonic()
        # Recovered: everything committed before the kill is stored, and newer events flow.
        while h.store.count() <= committed_before:
            await asyncio.sleep(0.05)
        marks["recovered"] = time.monotonic()

    h.start_relays()
    h.start_consumer()
    try:
        started = time.monotonic()
        load.start()
        try:
            qloop.run(kill_then_watch(), timeout=seconds + 40)
            while any(t.is_alive() for t in load.threads):
                qloop.sleep(0.05)
        finally:
            load.join()
        produced_at = time.monotonic()
        h.stats.committed = load.committed
        h.wait_converged(timeout=20)
        converged_at = time.monotonic()
        report = h.report()
        report.print(
            label,
            offered_rate=RATE,
            held_rate=round(load.committed / (produced_at - started)),
            run_s=round(produced_at - started, 1),
            failover_s=round(marks["promoted"] - marks["killed"], 2),
            recover_s=round(marks["recovered"] - marks["killed"], 2),
            converge_after_last_event_s=round(converged_at - produced_at, 2),
            consumer_reconnects=sum(1 for _, state, _ in h.states if state == "reconnecting"),
        )
    finally:
        h.stop()
    assert report.committed == load.per_app * len(load.apps)
    assert report.ok, report.figures()
    assert report.gaps == 0, f"false gaps: {h.gaps}"
    assert report.dead_letters == 0


def test_primary_killed_under_load_loses_nothing(
    qloop: QLoop, group: SentinelGroup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _run_failover(qloop, group, monkeypatch, tmp_path, seconds=5, label="sentinel failover short: 200 ev/s")


@pytest.mark.slow
def test_primary_killed_under_load_loses_nothing_long(
    qloop: QLoop, group: SentinelGroup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _run_failover(qloop, group, monkeypatch, tmp_path, seconds=10, label="sentinel failover long: 200 ev/s")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REDIS_SENTINELS": "127.0.0.1:26379"}, "no service"),
        ({"REDIS_SENTINEL_SERVICE": SERVICE}, "no sentinels"),
        ({"REDIS_SENTINELS": "127.0.0.1", "REDIS_SENTINEL_SERVICE": SERVICE}, '"host:port"'),
        ({"REDIS_SENTINELS": "127.0.0.1:0", "REDIS_SENTINEL_SERVICE": SERVICE}, "port from 1 to 65535"),
        ({"REDIS_SENTINELS": "a:1", "REDIS_SENTINEL_SERVICE": "two words"}, "one word"),
    ],
)
def test_sentinel_settings_are_checked_at_load(
    env: dict[str, str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError, match=message):
        Settings.load()


def test_sentinel_settings_from_the_file(isolated_env: Path) -> None:
    config = isolated_env / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text(
        '[redis]\nsentinel_service = "integrado"\nsentinels = ["10.0.0.5:26379", "[::1]:26380"]\n'
        "wait_timeout_ms = 250\n",
        encoding="utf-8",
    )
    redis = Settings.load().redis
    assert redis.sentinel_service == "integrado"
    assert redis.sentinels == (("10.0.0.5", 26379), ("::1", 26380))
    assert (redis.wait_replicas, redis.wait_timeout_ms, redis.configured) == (1, 250, True)


def test_rows_stay_queued_until_the_replica_has_them(
    qloop: QLoop, group: SentinelGroup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A replica that stops taking the primary's writes (SIGSTOP: a hung machine) holds the
    relay's rows in the outbox, refused as NOREPLICAS and shown, nothing on the channel; once
    it takes them again they are published."""
    monkeypatch.setenv("INTEGRADO_REDIS_WAIT_TIMEOUT_MS", "200")
    h = PipelineHarness(qloop, _settings(group, monkeypatch), tmp_path, relay_poll=0.1)
    replica = group.replica.process
    assert replica is not None
    relay_states: list[str] = []
    h.calls.pipeline.relay.on_state_changed = lambda state, detail: relay_states.append(f"{state}: {detail}")
    h.start_relays()
    h.start_consumer()
    try:
        replica.send_signal(signal.SIGSTOP)
        try:
            h.produce_burst(10)
            qloop.wait_until(lambda: any("NOREPLICAS" in s for s in relay_states), timeout=10)
            qloop.sleep(0.5)
            assert h.calls.pipeline.relay.queued() == 5, "rows left the outbox before the replica had them"
            assert h.calls.pipeline.relay.published_total == 0
        finally:
            replica.send_signal(signal.SIGCONT)
        h.wait_converged(timeout=15)
        report = h.report()
    finally:
        h.stop()
    assert report.ok and report.gaps == 0, report.figures()
