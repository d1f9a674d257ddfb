"""Fault 3: a hung server (SIGSTOP: sockets stay open, nothing answers), then SIGCONT.

The consumer must say it is no longer connected within 15 s and be live again within 5 s of
the resume; operators' actions never wait on Redis (their time is measured throughout).
"""

from __future__ import annotations

import time

import pytest

from helpers.fault_harness import PipelineHarness, settings_for

pytestmark = pytest.mark.integration

NOT_LIVE = ("reconnecting", "connecting", "stopped")


def _run_hung_scenario(qloop, redis_server_factory, monkeypatch, tmp_path, *, paused_for: float, label: str) -> None:
    server = redis_server_factory()
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    h.start_relays()
    consumer = h.start_consumer()
    rate = 50
    producing = qloop.create_task(h.produce(int(rate * (paused_for + 8)), rate=rate))
    try:
        qloop.sleep(1.0)
        server.pause()
        paused_at = time.monotonic()
        qloop.wait_until(lambda: consumer.state in NOT_LIVE, timeout=15, message="the consumer still says live")
        noticed = time.monotonic() - paused_at
        relays = [a.pipeline.relay for a in h.apps]
        qloop.wait_until(lambda: all(r.state == "disconnected" for r in relays), timeout=15)
        relay_noticed = time.monotonic() - paused_at
        qloop.wait_until(lambda: time.monotonic() - paused_at >= paused_for, timeout=paused_for + 5)
        server.resume()
        resumed_at = time.monotonic()
        qloop.wait_until(
            lambda: consumer.state == "live", timeout=5, message=f"not live 5 s after SIGCONT: {consumer.state}"
        )
        live_again = time.monotonic() - resumed_at
        qloop.run(producing, timeout=30)
        converge = h.wait_converged(timeout=10)
        report = h.report()
        report.print(
            label,
            paused_s=paused_for,
            consumer_not_live_after_s=round(noticed, 2),
            relays_disconnected_after_s=round(relay_noticed, 2),
            live_again_after_resume_s=round(live_again, 2),
            converge_after_last_event_s=round(converge, 2),
            **h.stats.figures(),
        )
    finally:
        server.resume()
        h.stop()
    assert noticed <= 15 and live_again <= 5
    assert report.ok, report.figures()
    # Every action is a local SQLite transaction; a wait on Redis would show up as seconds here.
    assert h.stats.max_act_seconds < 1.0


def test_hung_server_is_noticed_and_recovered(qloop, redis_server_factory, monkeypatch, tmp_path):
    _run_hung_scenario(
        qloop, redis_server_factory, monkeypatch, tmp_path, paused_for=16, label="fault3 short: SIGSTOP 16 s"
    )


@pytest.mark.slow
def test_hung_server_30s_is_noticed_and_recovered_long(qloop, redis_server_factory, monkeypatch, tmp_path):
    _run_hung_scenario(
        qloop, redis_server_factory, monkeypatch, tmp_path, paused_for=30, label="fault3 long: SIGSTOP 30 s"
    )
