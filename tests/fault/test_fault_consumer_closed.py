"""Fault 2: the console closed while 3,000 events are published, then reopened.

It must catch up from the streams within 5 s with nothing lost or doubled; where the streams no
longer hold what it missed (trimmed), the loss is reported as a gap with the exact seq range.
"""

from __future__ import annotations

import time

import pytest
import redis

from helpers.fault_harness import PipelineHarness, settings_for

pytestmark = pytest.mark.integration

MISSED = 3000


def _closed_then_reopened(qloop, server, monkeypatch, tmp_path, *, trim_to: int | None):
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    h.start_relays()
    h.start_consumer()
    h.produce_burst(100)
    h.wait_converged(timeout=10)
    h.stop_consumer()
    h.produce_burst(MISSED, start_index=100)
    qloop.wait_until(lambda: h.queued() == 0, timeout=30, message="relays did not drain")
    if trim_to is not None:
        client = redis.Redis.from_url(server.url)
        for stream in (h.settings.redis.calls_stream, h.settings.redis.tasks_stream):
            client.xtrim(stream, maxlen=trim_to, approximate=False)
        client.close()
    reopened = time.monotonic()
    consumer = h.start_consumer(wait_live=False)
    return h, consumer, reopened


def test_reopened_console_catches_up_3000_events(qloop, redis_server_factory, monkeypatch, tmp_path):
    server = redis_server_factory()
    h, consumer, reopened = _closed_then_reopened(qloop, server, monkeypatch, tmp_path, trim_to=None)
    try:
        h.wait_converged(timeout=5)
        caught_up = time.monotonic() - reopened
        qloop.wait_until(lambda: consumer.state == "live", timeout=5)
        report = h.report()
        report.print(
            "fault2: console closed for 3,000 events",
            missed=MISSED,
            caught_up_s=round(caught_up, 2),
            caught_up_from_streams=consumer.caught_up_total,
        )
    finally:
        h.stop()
    assert report.ok and report.committed == 100 + MISSED, report.figures()
    assert consumer.caught_up_total == MISSED
    assert not h.gaps


def test_trimmed_stream_shows_the_gap(qloop, redis_server_factory, monkeypatch, tmp_path):
    server = redis_server_factory()
    h, consumer, _ = _closed_then_reopened(qloop, server, monkeypatch, tmp_path, trim_to=1000)
    try:
        qloop.wait_until(lambda: consumer.state == "live", timeout=10)
        report = h.report()
        report.print("fault2: console closed, streams trimmed to 1,000 each", missed=MISSED)
    finally:
        h.stop()
    per_source_missed = MISSED // 2
    lost_per_source = per_source_missed - 1000
    assert len(report.lost) == 2 * lost_per_source
    assert report.silent_lost == [], "a trimmed event was lost without a gap"
    assert not report.duplicated and not report.unexpected and not any(report.order_violations.values())
    # One gap per source, naming exactly the seqs that are gone (the first 50 of each came before).
    assert sorted((g.source, g.first_missing, g.last_missing) for g in h.gaps) == [
        ("callsystem", 51, 50 + lost_per_source),
        ("taskmanager", 51, 50 + lost_per_source),
    ]
