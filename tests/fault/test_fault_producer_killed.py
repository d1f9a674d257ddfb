"""Fault 5: a producing app SIGKILLed at random points while it writes and publishes.

After every kill: SQLite's integrity check passes, every business row has its outbox row and
the other way round, `seq` is gap-free, and every row the relay marked published is really in
the stream (a row marked published but absent would be a silent loss).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from helpers.fault_harness import settings_for

pytestmark = pytest.mark.integration

TESTS = Path(__file__).parents[1]


def _check_database(path: Path) -> tuple[int, int, set[str]]:
    """Assert the invariants; return (business rows, published rows, published event ids)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        things = {row_id for (row_id,) in conn.execute("SELECT id FROM things")}
        outbox = conn.execute("SELECT seq, payload, status, event_id FROM integrado_outbox ORDER BY seq").fetchall()
        last_seq = conn.execute("SELECT last_seq FROM integrado_outbox_source").fetchone()
    finally:
        conn.close()
    entity_ids = [json.loads(payload)["id"] for _, payload, _, _ in outbox]
    assert len(entity_ids) == len(set(entity_ids)), "two events for one business row"
    assert set(entity_ids) == things, (
        f"rows without events: {sorted(things - set(entity_ids))[:5]}, events without rows: {sorted(set(entity_ids) - things)[:5]}"
    )
    seqs = [seq for seq, _, _, _ in outbox]
    assert seqs == list(range(1, len(seqs) + 1)), "seq has a gap or a repeat"
    assert (last_seq[0] if last_seq else 0) == len(seqs), "the seq counter and the outbox disagree"
    published = {event_id for _, _, status, event_id in outbox if status == "published"}
    return len(things), len(published), published


def _kill_producer_repeatedly(redis_server_factory, monkeypatch, tmp_path, kills: int, label: str) -> None:
    server = redis_server_factory()
    settings = settings_for(server, monkeypatch)
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    zygote = subprocess.Popen(
        [sys.executable, "-m", "helpers.producer_proc", str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=TESTS,
    )  # fmt: skip
    rng = random.Random(200)
    started = time.monotonic()
    rows = published = 0
    try:
        assert zygote.stdout.readline().strip() == "zygote ready"
        for _ in range(kills):
            zygote.stdin.write("go\n")
            zygote.stdin.flush()
            line = zygote.stdout.readline().split()
            assert line[:1] == ["ready"], line
            pid = int(line[1])
            time.sleep(rng.uniform(0.0, 0.15))
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
            rows, published, published_ids = _check_database(tmp_path / "callsystem.db")
    finally:
        zygote.kill()
        zygote.wait(timeout=10)
    client = redis.Redis.from_url(server.url)
    in_stream = {fields[b"event_id"].decode() for _, fields in client.xrange(settings.redis.calls_stream)}
    client.close()
    missing = published_ids - in_stream
    print(
        f"\n[{label}] "
        + json.dumps(
            {
                "kills": kills,
                "business_rows": rows,
                "outbox_rows_published": published,
                "stream_entries": len(in_stream),
                "published_but_not_in_stream": len(missing),
                "integrity_check": "ok after every kill",
                "run_s": round(time.monotonic() - started, 1),
            }
        )
    )
    assert rows > kills  # each writer committed at least once before it was killed
    assert not missing, f"{len(missing)} rows marked published are not in the stream"


def _wait_gone(pid: int, timeout: float = 5.0) -> None:
    # The zygote ignores SIGCHLD, so the kernel reaps the writer; wait until it has.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.005)
    raise AssertionError(f"writer {pid} still exists after SIGKILL")


def test_producer_killed_30_times_keeps_rows_and_events_together(redis_server_factory, monkeypatch, tmp_path):
    _kill_producer_repeatedly(redis_server_factory, monkeypatch, tmp_path, 30, "fault5 short: 30 SIGKILLs")


@pytest.mark.slow
def test_producer_killed_200_times_keeps_rows_and_events_together_long(redis_server_factory, monkeypatch, tmp_path):
    _kill_producer_repeatedly(redis_server_factory, monkeypatch, tmp_path, 200, "fault5 long: 200 SIGKILLs")
