"""A hostile producer's huge stream entries cost the console's intake process no memory.

The server here allows 50 MB entries (`proto-max-bulk-len 64mb`; the office configuration
refuses anything over 1 MB). Twenty of them sit in a stream between valid events while the
console is closed; the intake process (the real child) catches up: its peak resident memory
stays under 300 MB, the valid events are stored and the huge ones are counted as rejected.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import redis

from event_console.intake.client import IntakeProcess
from helpers.demo.console import DemoTraffic, publish_sync
from helpers.fixtures import QLoop
from integrado.db import make_engine
from integrado.embedded import RedisServerProcess
from integrado.history import HistoryStore
from integrado.settings import Settings

pytestmark = pytest.mark.integration

HUGE_BYTES = 50 * 1024 * 1024
HUGE_ENTRIES = 20
PEAK_LIMIT_KB = 300 * 1024


@pytest.fixture
def big_server(redis_server_factory: Callable[..., RedisServerProcess]) -> RedisServerProcess:
    return redis_server_factory(appendonly=False, extra_args=["--proto-max-bulk-len", "64mb"])


def _peak_rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM in the process status")


def test_huge_stream_entries_keep_the_intake_process_small(
    qloop: QLoop, big_server: RedisServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", big_server.url)
    settings = Settings.load()
    client = redis.Redis.from_url(big_server.url)
    traffic = DemoTraffic(seed=23)
    valid = [e for e in traffic.many(400) if e["system"] == "callsystem"][:42]
    huge = b'{"schema_version":1,"note":"' + b"x" * HUGE_BYTES + b'"}'
    # Valid events before, between and after the huge entries, all on the calls stream.
    publish_sync(client, settings.redis, valid[:11], origin="o1")
    for i in range(HUGE_ENTRIES):
        client.xadd(settings.redis.calls_stream, {"event": huge, "event_id": f"huge-{i}", "source": "callsystem"})
        publish_sync(client, settings.redis, valid[11 + i : 12 + i], origin="o1")
    publish_sync(client, settings.redis, valid[31:], origin="o1")
    client.close()

    store = HistoryStore(make_engine(settings.console_db))  # schema first, as the console does
    intake = IntakeProcess(settings)
    started = time.monotonic()
    intake.start()
    try:
        qloop.wait_until(lambda: intake.process is not None, timeout=10)
        process = intake.process
        assert process is not None
        qloop.wait_until(
            lambda: store.count() == len(valid) and sum(store.rejection_counts().values()) == HUGE_ENTRIES,
            timeout=60,
            message=f"{store.count()} of {len(valid)} stored, {store.rejection_counts()} rejected",
        )
        caught_up = time.monotonic() - started
        peak_kb = _peak_rss_kb(process.pid)
        assert intake.process is process and intake.restarts == 0, "the intake process was restarted"
    finally:
        qloop.run(intake.stop())
        store.engine.dispose()
    print(f"caught up past {HUGE_ENTRIES} x 50 MB in {caught_up:.1f} s, peak {peak_kb // 1024} MB")
    assert peak_kb < PEAK_LIMIT_KB, f"the intake process peaked at {peak_kb // 1024} MB"
