"""The same 10,000 hostile + 1,000 valid messages against the real `integrado consume --jsonl`
process: it prints the 1,000, reports each rejection with its reason, never crashes or hangs,
and its memory peak grows by less than 50 MB."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis

from helpers.fault_harness import PipelineHarness, settings_for
from helpers.hostile_corpus import HOSTILE_TOTAL, VALID_TEXTS, expected_counts
from helpers.security import VALID_TOTAL, Lines, publish_corpus

pytestmark = pytest.mark.integration


def _status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(key)


def test_integrado_consume_survives_10000_hostile_messages(qloop, redis_server_factory, monkeypatch, tmp_path):
    server = redis_server_factory()
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "integrado_suite.cli", "consume", "--jsonl", "--db", f"sqlite:///{tmp_path / 'consume.db'}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=os.environ.copy(),
    )  # fmt: skip
    out, err = Lines(proc.stdout), Lines(proc.stderr)

    def rejected() -> int:
        return sum(1 for line in err.lines if ": rejected on " in line)

    def wait_for_consumer(n: int) -> None:
        qloop.wait_until(
            lambda: len(out.lines) + rejected() >= n or proc.poll() is not None,
            timeout=30,
            message=f"consume stuck at {len(out.lines) + rejected()} of {n}",
        )
        assert proc.poll() is None, "integrado consume exited:\n" + "\n".join(err.lines[-20:])

    client = redis.Redis.from_url(server.url)
    try:
        qloop.wait_until(lambda: any(line.endswith(": live") for line in err.lines), timeout=20, message=str(err.lines))
        baseline = _status(proc.pid, "VmRSS")
        started = time.monotonic()
        publish_corpus(h, client, wait_for_consumer)
        wait_for_consumer(HOSTILE_TOTAL + VALID_TOTAL)
        elapsed = time.monotonic() - started
        peak_growth = _status(proc.pid, "VmHWM") - baseline
    finally:
        client.close()
        h.stop()
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
    by_reason = Counter(
        line.split(": rejected on ", 1)[1].split(": ")[1] for line in err.lines if ": rejected on " in line
    )
    events = [json.loads(line) for line in out.lines]
    print(
        "\n[hostile: integrado consume --jsonl] "
        + json.dumps(
            {
                "printed": len(events),
                "rejected": sum(by_reason.values()),
                "by_reason": dict(sorted(by_reason.items())),
                "peak_rss_growth_mb": round(peak_growth / 2**20, 1),
                "seconds": round(elapsed, 1),
                "exit_code": code,
            }
        )
    )
    assert code == 0
    assert dict(by_reason) == expected_counts()
    assert len(events) == VALID_TOTAL and len({e["event"]["event_id"] for e in events}) == VALID_TOTAL
    printed_texts = {e["event"].get("cliente") or e["event"].get("title") for e in events}
    for text in VALID_TEXTS:
        assert any(t.startswith(text + " #") for t in printed_texts), text
    assert any(f"({VALID_TOTAL} events, {HOSTILE_TOTAL} rejected)" in line for line in err.lines[-3:]), err.lines[-3:]
    assert peak_growth < 50 * 2**20
