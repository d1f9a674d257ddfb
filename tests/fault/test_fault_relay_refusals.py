"""Server-wide refusals must keep events queued, never dead-letter them: a stream key that holds
the wrong type, a full server, a server that cannot persist (MISCONF) or lacks its replicas
(NOREPLICAS). Each row would fail the same way; the fix is on the server. And while the stream
cannot take an entry, nothing goes out on the channel: the older system's consumer keeps no
dedupe, so every retry would be a duplicate there."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import MetaData

from helpers.fault_harness import settings_for
from helpers.fixtures import QLoop
from helpers.pipeline import make_mini_app
from integrado.embedded import RedisServerProcess
from integrado.outbox import Outbox
from integrado.redis_conn import redis_client
from integrado.relay.fence import FencedRelay, raise_fence
from integrado.states import ConnectionState

pytestmark = pytest.mark.integration

Client = redis.Redis


def _wait(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def _break_persistence(client: Client, _data_dir: Path) -> None:
    """A failing RDB save with save points set: Redis refuses every write with MISCONF. /proc
    takes no new file even for root, as a full or read-only disk would."""
    client.config_set("save", "3600 1")
    client.config_set("stop-writes-on-bgsave-error", "yes")
    client.config_set("dir", "/proc")
    client.bgsave()
    _wait(lambda: client.info("persistence")["rdb_last_bgsave_status"] == "err")


def _mend_persistence(client: Client, data_dir: Path) -> None:
    client.config_set("dir", str(data_dir))
    _wait(lambda: not client.info("persistence")["rdb_bgsave_in_progress"])
    client.bgsave()
    _wait(lambda: client.info("persistence")["rdb_last_bgsave_status"] == "ok")


REFUSALS: dict[str, tuple[Callable[[Client, Path], Any], Callable[[Client, Path], Any], str]] = {
    "wrongtype": (
        lambda c, _d: c.set("calls_channel:stream", "not a stream"),
        lambda c, _d: c.delete("calls_channel:stream"),
        "WRONGTYPE",
    ),
    "oom": (lambda c, _d: c.config_set("maxmemory", "1"), lambda c, _d: c.config_set("maxmemory", "0"), "OOM"),
    "noreplicas": (
        lambda c, _d: c.config_set("min-replicas-to-write", "1"),
        lambda c, _d: c.config_set("min-replicas-to-write", "0"),
        "NOREPLICAS",
    ),
    "misconf": (_break_persistence, _mend_persistence, "MISCONF"),
}


@pytest.mark.parametrize("fault", list(REFUSALS))
def test_server_wide_refusal_keeps_events_queued(
    qloop: QLoop,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fault: str,
) -> None:
    break_server, mend_server, code = REFUSALS[fault]
    server = redis_server_factory(appendonly=False, extra_args=["--enable-protected-configs", "yes"])
    app = make_mini_app(settings_for(server, monkeypatch), tmp_path, "callsystem", poll_interval=0.1)
    relay = app.pipeline.relay
    states: list[tuple[str, str]] = []
    relay.on_state_changed = lambda state, detail: states.append((state, detail))
    client = redis.Redis.from_url(server.url)
    break_server(client, server.data_dir)
    task = qloop.create_task(relay.run())
    try:
        for i in range(10):
            app.act(f"c{i}")
        qloop.wait_until(lambda: relay.state == ConnectionState.REFUSED, timeout=10)
        qloop.sleep(1.5)  # several attempts with backoff, more than max_attempts
        assert relay.queued() == 10 and relay.dead_total == 0 and relay.dead_letters() == 0
        refused = [detail for state, detail in states if state == ConnectionState.REFUSED]
        assert refused and refused[0].startswith(code), refused
        started = time.monotonic()
        mend_server(client, server.data_dir)
        qloop.wait_until(lambda: relay.queued() == 0, timeout=15)
        print(f"\n{fault}: 10 events queued while refused, all sent {time.monotonic() - started:.2f} s after the mend")
    finally:
        relay.stop()
        qloop.run(task)
    seqs = [int(f[b"seq"]) for _, f in client.xrange("calls_channel:stream")]
    client.close()
    assert seqs == list(range(1, 11))
    assert relay.state == ConnectionState.CONNECTED


def _channel_messages(pubsub: Any) -> list[bytes]:
    got: list[bytes] = []
    while (message := pubsub.get_message(timeout=0.2)) is not None:
        if message["type"] == "message":
            got.append(message["data"])
    return got


@pytest.mark.parametrize("publisher", ["in-app", "relay-service"])
def test_a_broken_stream_publishes_nothing_and_each_event_once_after_the_fix(
    qloop: QLoop,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    publisher: str,
) -> None:
    """WRONGTYPE comes at EXEC, after the queued commands ran: a PUBLISH in the same step as its
    XADD went out on every retry. Both publishers (MULTI in-app, the fenced script) append first."""
    server = redis_server_factory(appendonly=False)
    settings = settings_for(server, monkeypatch)
    app = make_mini_app(settings, tmp_path, "callsystem", poll_interval=0.1)
    relay = app.pipeline.relay
    if publisher == "relay-service":
        outbox = Outbox(MetaData(), channel=app.pipeline.outbox.channel, stream=app.pipeline.outbox.stream)
        relay = FencedRelay(
            app.pipeline.engine,
            outbox,
            lambda: redis_client(settings.redis, name="relay-test"),
            token=7,
            poll_interval=0.1,
        )
        qloop.run(raise_fence(relay._client(), outbox.stream, 7))
    client = redis.Redis.from_url(server.url)
    pubsub = client.pubsub()
    pubsub.subscribe("calls_channel")
    _channel_messages(pubsub)  # the subscribe confirmation
    client.set("calls_channel:stream", "not a stream")
    task = qloop.create_task(relay.run())
    try:
        events = [app.act(f"c{i}")["event_id"] for i in range(5)]
        qloop.wait_until(lambda: relay.state == ConnectionState.REFUSED, timeout=10)
        qloop.sleep(1.5)  # several retries
        assert _channel_messages(pubsub) == [], "published while the stream refused the entries"
        assert relay.queued() == 5 and relay.dead_letters() == 0
        client.delete("calls_channel:stream")
        qloop.wait_until(lambda: relay.queued() == 0, timeout=15)
    finally:
        relay.stop()
        qloop.run(task)
    qloop.sleep(0.2)
    import json

    published = [json.loads(body)["event_id"] for body in _channel_messages(pubsub)]
    stream = [f[b"event_id"].decode() for _, f in client.xrange("calls_channel:stream")]
    pubsub.close()
    client.close()
    assert published == events, "each event exactly once on the channel, in order"
    assert stream == events


def test_relay_survives_its_own_database_failing(
    qloop: QLoop,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """PostgreSQL restarting, SQLite locked past its timeout: the relay waits and carries on."""
    from sqlalchemy.exc import OperationalError

    server = redis_server_factory()
    app = make_mini_app(settings_for(server, monkeypatch), tmp_path, "callsystem", poll_interval=0.1)
    relay = app.pipeline.relay
    fetch = relay._fetch_pending
    failures = {"left": 3}
    states: list[str] = []
    relay.on_state_changed = lambda state, detail: states.append(state)

    def failing_fetch() -> Any:
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
