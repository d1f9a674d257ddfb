"""Server-wide refusals must keep events queued, never dead-letter them: a stream key that holds
the wrong type, a full server. Each row would fail the same way; the fix is on the server."""

from __future__ import annotations

import pytest
import redis

from helpers.fault_harness import settings_for
from helpers.pipeline import make_mini_app

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("break_server", "mend_server"),
    [
        (lambda c: c.set("calls_channel:stream", "not a stream"), lambda c: c.delete("calls_channel:stream")),
        (lambda c: c.config_set("maxmemory", "1"), lambda c: c.config_set("maxmemory", "0")),
    ],
    ids=["wrongtype", "oom"],
)
def test_server_wide_refusal_keeps_events_queued(
    qloop, redis_server_factory, monkeypatch, tmp_path, break_server, mend_server
):
    server = redis_server_factory()
    app = make_mini_app(settings_for(server, monkeypatch), tmp_path, "callsystem", poll_interval=0.1)
    client = redis.Redis.from_url(server.url)
    break_server(client)
    task = qloop.create_task(app.pipeline.relay.run())
    try:
        for i in range(10):
            app.act(f"c{i}")
        qloop.wait_until(lambda: app.pipeline.relay.state == "refused", timeout=10)
        qloop.sleep(1.0)  # several attempts with backoff
        assert app.pipeline.relay.queued() == 10 and app.pipeline.relay.dead_total == 0
        mend_server(client)
        qloop.wait_until(lambda: app.pipeline.relay.queued() == 0, timeout=15)
    finally:
        app.pipeline.relay.stop()
        qloop.run(task)
    seqs = [int(f[b"seq"]) for _, f in client.xrange("calls_channel:stream")]
    client.close()
    assert seqs == list(range(1, 11))


def test_relay_survives_its_own_database_failing(qloop, redis_server_factory, monkeypatch, tmp_path):
    """PostgreSQL restarting, SQLite locked past its timeout: the relay waits and carries on."""
    from sqlalchemy.exc import OperationalError

    server = redis_server_factory()
    app = make_mini_app(settings_for(server, monkeypatch), tmp_path, "callsystem", poll_interval=0.1)
    relay = app.pipeline.relay
    fetch = relay._fetch_pending
    failures = {"left": 3}
    states: list[str] = []
    relay.on_state_changed = lambda state, detail: states.append(state)

    def failing_fetch():
        if failures["left"]:
            failures["left"] -= 1
            raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))
        return fetch()

    monkeypatch.setattr(relay, "_fetch_pending", failing_fetch)
    for i in range(5):
        app.act(f"c{i}")
    task = qloop.create_task(relay.run())
    try:
        qloop.wait_until(lambda: relay.queued() == 0 or task.done(), timeout=15)
        assert not task.done(), f"the relay ended: {task.exception()!r}"
    finally:
        relay.stop()
        qloop.run(task)
    assert "database" in states and failures["left"] == 0 and relay.published_total == 5
