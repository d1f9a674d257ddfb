"""The console's intake process on a real redis-server: rows arrive as batches, a killed child
is restarted and catches up with nothing lost or doubled, stop() ends it, and it never outlives
the console."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from event_console.intake.client import IntakeProcess
from event_console.intake.wire import CONFIG, frame
from event_console.intake.worker import worker_command, worker_env
from helpers.demo.console import DemoTraffic, publish_sync
from helpers.fixtures import QLoop
from integrado.db import make_engine
from integrado.embedded import RedisServerProcess
from integrado.history import HistoryStore
from integrado.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def client(redis_server: RedisServerProcess) -> Iterator[redis.Redis]:
    c = redis.Redis.from_url(redis_server.url)
    yield c
    c.close()


def _received(intake: IntakeProcess) -> list[str]:
    got: list[str] = []
    intake.events_received.connect(lambda batch: got.extend(batch.event_ids()))
    return got


def test_batches_arrive_and_a_killed_child_is_restarted_without_loss(
    qloop: QLoop, settings: Settings, client: redis.Redis
) -> None:
    HistoryStore(make_engine(settings.console_db)).engine.dispose()  # schema first, as the console does
    intake = IntakeProcess(settings, restart_cap=0.5)
    got = _received(intake)
    states: list[str] = []
    intake.connection_state_changed.connect(lambda state, _detail: states.append(state))
    intake.start()
    try:
        qloop.wait_until(lambda: intake.state == "live", timeout=20, message="intake never went live")
        traffic = DemoTraffic(seed=11)
        first = list(traffic.many(200))
        publish_sync(client, settings.redis, first, origin="o1")
        qloop.wait_until(lambda: len(got) == 200, message=f"{len(got)} of 200 rows arrived")
        # Each source's events in their order (the two streams interleave freely).
        for system in ("callsystem", "taskmanager"):
            ids = {e["event_id"] for e in first if e["system"] == system}
            assert [i for i in got if i in ids] == [e["event_id"] for e in first if e["system"] == system]

        old = intake.process
        assert old is not None
        os.kill(old.pid, signal.SIGKILL)
        qloop.wait_until(lambda: old.poll() is not None)
        # Published while no intake process runs: the restarted one catches them up from the streams.
        second = list(traffic.many(300))
        publish_sync(client, settings.redis, second, origin="o1")
        qloop.wait_until(lambda: intake.restarts >= 1 and intake.process is not old, timeout=15)
        qloop.wait_until(lambda: len(got) == 500, timeout=20, message=f"{len(got)} of 500 rows arrived")
        assert "reconnecting" in states
        assert sorted(got) == sorted(e["event_id"] for e in first + second)
        store = HistoryStore(make_engine(settings.console_db))
        assert store.count() == 500
        store.engine.dispose()
    finally:
        qloop.run(intake.stop())
    assert intake.process is not None and intake.process.poll() is not None
    assert intake.state == "stopped"


def test_stop_ends_the_child_promptly(qloop: QLoop, settings: Settings, client: redis.Redis) -> None:
    HistoryStore(make_engine(settings.console_db)).engine.dispose()
    intake = IntakeProcess(settings)
    intake.start()
    qloop.wait_until(lambda: intake.state == "live", timeout=20)
    process = intake.process
    started = time.monotonic()
    qloop.run(intake.stop())
    assert process is not None and process.returncode == 0
    assert time.monotonic() - started < 3.0
    assert intake.restarts == 0


def test_the_child_exits_when_the_console_goes_away(settings: Settings, redis_server: RedisServerProcess) -> None:
    """No STOP, just the console's end of the socket closing (the console crashed)."""
    HistoryStore(make_engine(settings.console_db)).engine.dispose()
    parent, child = socket.socketpair()
    process = subprocess.Popen(worker_command(child.fileno()), pass_fds=(child.fileno(),), env=worker_env())
    child.close()
    try:
        parent.sendall(frame(CONFIG, {"settings": settings}))
        parent.settimeout(20)
        assert parent.recv(5)  # the first state frame: it runs
        parent.close()
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_a_bad_start_is_reported_not_fatal(settings: Settings) -> None:
    """Garbage instead of a configuration: the child says why and exits 2."""
    parent, child = socket.socketpair()
    process = subprocess.Popen(
        worker_command(child.fileno()), pass_fds=(child.fileno(),), env=worker_env(), stderr=subprocess.PIPE, text=True
    )
    child.close()
    parent.sendall(b"\x05\x00\x00\x00zhello")
    parent.close()
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 2
    assert "configuration" in err
