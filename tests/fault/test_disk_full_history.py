"""The console's history on a full disk (a real tmpfs filled to the last byte) while events keep
coming: intake stops storing and the status says "history disk full: N events waiting", the
stream cursor stays on what was stored, the log says it once, and when space is back intake
catches up from the streams by itself: 0 lost, 0 duplicated."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from event_console.intake.client import InProcessIntake, IntakeProcess
from helpers.demo.console import DemoTraffic, publish_sync
from helpers.fixtures import QLoop
from helpers.small_disk import SmallDisk, small_disk
from integrado.db import make_engine
from integrado.embedded import RedisServerProcess
from integrado.history import HistoryStore
from integrado.settings import Settings
from integrado.states import ConnectionState


@pytest.fixture
def client(redis_server: RedisServerProcess) -> Iterator[redis.Redis]:
    c = redis.Redis.from_url(redis_server.url)
    yield c
    c.close()


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk", size_mb=16) as mounted:
        yield mounted


def _stored(settings: Settings) -> tuple[int, int]:
    store = HistoryStore(make_engine(settings.console_db))
    try:
        seqs = [max(p.seqs.values(), default=0) for p in store.load_positions().values()]
        return store.count(), sum(seqs)
    finally:
        store.engine.dispose()


def test_history_disk_full_waits_then_catches_up(
    qloop: QLoop, settings: Settings, client: redis.Redis, disk: SmallDisk
) -> None:
    settings = dataclasses.replace(settings, console_db=f"sqlite:///{disk.path}/console.db")
    HistoryStore(make_engine(settings.console_db)).engine.dispose()
    intake = IntakeProcess(settings, restart_cap=0.5)
    got: list[str] = []
    intake.events_received.connect(lambda batch: got.extend(batch.event_ids()))
    states: list[tuple[str, str]] = []
    intake.connection_state_changed.connect(lambda state, detail: states.append((state, detail)))
    traffic = DemoTraffic(seed=5)
    intake.start()
    try:
        qloop.wait_until(lambda: intake.state == "live", timeout=20, message="intake never went live")
        first = list(traffic.many(100))
        publish_sync(client, settings.redis, first, origin="o1")
        qloop.wait_until(lambda: len(got) == 100, message=f"{len(got)} of 100 rows arrived")
        assert _stored(settings) == (100, 100)

        disk.fill()
        second = list(traffic.many(200))
        publish_sync(client, settings.redis, second, origin="o1")
        qloop.wait_until(
            lambda: (intake.state, intake.state_detail) == (ConnectionState.HISTORY_FULL, "200"),
            timeout=15,
            message=f"state {intake.state} {intake.state_detail!r}",
        )
        full_at = len(states)
        qloop.sleep(4.0)  # the bus retries meanwhile: still full, nothing stored, the cursor stays
        assert _stored(settings) == (100, 100)
        assert intake.state == ConnectionState.HISTORY_FULL
        assert {s for s, _ in states[full_at:]} <= {ConnectionState.HISTORY_FULL}, states[full_at:]
        assert intake.restarts == 0

        disk.free()
        freed = time.monotonic()
        qloop.wait_until(lambda: len(got) == 300, timeout=20, message=f"{len(got)} of 300 rows arrived")
        recovered = time.monotonic() - freed
        qloop.wait_until(lambda: intake.state == "live", timeout=10)
        assert sorted(got) == sorted(e["event_id"] for e in first + second)
        assert _stored(settings) == (300, 300)
        print(f"\nhistory disk full: 200 events waited, stored {recovered:.1f} s after space was back, 0 lost")
    finally:
        qloop.run(intake.stop())
    logs = "".join(p.read_text() for p in settings.log_dir.glob("event-console-intake*"))
    assert logs.count("intake stops storing") == 1, logs
    assert logs.count("history writable again") == 1, logs
    assert logs.count("could not store") <= 1, logs


def test_in_process_intake_says_so_too(qloop: QLoop, settings: Settings, client: redis.Redis, disk: SmallDisk) -> None:
    settings = dataclasses.replace(settings, console_db=f"sqlite:///{disk.path}/console.db")
    intake = InProcessIntake(settings)
    got: list[str] = []
    intake.events_received.connect(lambda batch: got.extend(batch.event_ids()))
    shown: list[str] = []
    intake.connection_state_changed.connect(lambda state, _detail: shown.append(state))
    traffic = DemoTraffic(seed=6)
    intake.start()
    try:
        qloop.wait_until(lambda: intake.state == "live", timeout=20, message="intake never went live")
        disk.fill()
        events = list(traffic.many(50))
        publish_sync(client, settings.redis, events, origin="o2")
        qloop.wait_until(lambda: intake.state == ConnectionState.HISTORY_FULL, timeout=15)
        assert shown[-1] == ConnectionState.HISTORY_FULL
        disk.free()
        qloop.wait_until(lambda: len(got) == 50, timeout=20, message=f"{len(got)} of 50 rows arrived")
        qloop.wait_until(lambda: intake.state == "live", timeout=10)
        assert sorted(got) == sorted(e["event_id"] for e in events)
    finally:
        qloop.run(intake.stop())
