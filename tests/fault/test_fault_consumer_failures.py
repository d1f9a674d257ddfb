"""Faults inside the consumer: its history database refuses a write, a UI handler raises, its
output pipe closes. Events must survive all three; only the closed pipe ends the consumer."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from helpers.fault_harness import PipelineHarness, settings_for

pytestmark = pytest.mark.integration


def test_history_write_failure_loses_nothing(qloop, redis_server_factory, monkeypatch, tmp_path):
    server = redis_server_factory()
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    h.start_relays()
    consumer = h.start_consumer()
    store = h.store.store
    failures = {"left": 3}

    def flaky_store(events, positions):
        # "database is locked" past busy_timeout, a full disk: the batch is not stored.
        if events and failures["left"]:
            failures["left"] -= 1
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return store(events, positions)

    h.store.store = flaky_store
    try:
        qloop.run(h.produce(300, rate=300), timeout=30)
        h.wait_converged(timeout=15)
        report = h.report()
        report.print(
            "consumer: history write failed 3 times", reconnects=sum(1 for _, s, _ in h.states if s == "reconnecting")
        )
    finally:
        h.stop()
    assert failures["left"] == 0
    assert any("cannot store events" in detail for _, _, detail in h.states)
    assert report.ok, report.figures()
    assert consumer.state == "stopped"


def test_a_failing_handler_neither_stops_nor_loses(qloop, redis_server_factory, monkeypatch, tmp_path):
    server = redis_server_factory()
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    h.start_relays()
    consumer = h.start_consumer()
    calls = {"n": 0}

    def broken_handler(events):
        calls["n"] += 1
        raise ValueError("a bug in a view")

    consumer.on_events = broken_handler
    try:
        qloop.run(h.produce(100, rate=500), timeout=30)
        h.wait_converged(timeout=10)
        assert consumer.state == "live"
    finally:
        h.stop()
    assert calls["n"] >= 1 and h.report().ok


def test_closed_output_pipe_ends_the_consumer(qloop, redis_server_factory, monkeypatch, tmp_path):
    """`integrado consume | head -1`: the consumer must end, not reconnect for ever."""
    server = redis_server_factory()
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    h.start_relays()
    consumer = h.start_consumer()

    def closed_pipe(events):
        raise BrokenPipeError(32, "Broken pipe")

    consumer.on_events = closed_pipe
    task = h._consumer_task
    try:
        h.act(0)
        qloop.wait_until(task.done, timeout=10, message="the consumer kept running after its output closed")
        assert isinstance(task.exception(), BrokenPipeError)
        assert h.store.count() == 1  # stored before the handler ran
    finally:
        h.consumer = h._consumer_task = None
        h.stop()
