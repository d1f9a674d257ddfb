"""TaskManager against a real redis-server: what consumers receive on `tasks` and `tasks:stream`."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any, cast

import pytest
import redis
from pytestqt.qtbot import QtBot
from redis.client import PubSub

from helpers.fixtures import QLoop
from integrado.embedded import RedisServerProcess
from integrado.events import Codec, ReceivedEvent
from integrado.settings import Settings
from taskmanager_gui.app import TaskManagerHandle, build

pytestmark = [
    pytest.mark.integration,
    # The offscreen platform plugin's note about window size hints is not the app's business.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

# What XRANGE answers (redis-py types it loosely: async clients answer an awaitable).
StreamEntries = list[tuple[bytes, dict[bytes, bytes]]]

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")


@pytest.fixture
def handle(
    qtbot: QtBot, qloop: QLoop, settings: Settings, redis_server: RedisServerProcess
) -> Iterator[TaskManagerHandle]:
    h = build(settings)
    qtbot.addWidget(h.window)
    h.window.show()
    yield h
    qloop.run(h.relay.stop())
    h.pipeline.engine.dispose()


def drain(pubsub: PubSub) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    while (m := pubsub.get_message(timeout=0.05)) is not None:
        if m["type"] == "message":
            out.append((m["channel"].decode(), json.loads(m["data"])))
    return out


def test_events_on_channel_and_stream_field_by_field(
    qloop: QLoop, handle: TaskManagerHandle, redis_server: RedisServerProcess, settings: Settings
) -> None:
    client = redis.Redis.from_url(redis_server.url)
    pubsub = client.pubsub()
    pubsub.subscribe("tasks", "tasks_channel")  # tasks_channel: the older system's duplicate; must stay silent
    handle.relay.start()
    qloop.wait_until(lambda: handle.window.indicator.state == "connected", message="relay never connected")
    ctl = handle.controller

    root = ctl.create("Campanha de retenção")
    child = ctl.create("Roteiro de ligação", root)
    done_child = ctl.create("Lista de clientes", root)
    grandchild = ctl.create("Validar ofertas", child)
    assert root is not None and child is not None and done_child is not None and grandchild is not None
    ctl.set_completed(done_child, True)
    ctl.set_completed(root, True)  # cascade: root, child, grandchild (done_child already done)
    ctl.move(grandchild, None, 0)
    ctl.remove(child)
    ctl.undo_stack.undo()  # restore the removed subtree
    total = 4 + 1 + 3 + 1 + 1 + 1
    qloop.wait_until(lambda: client.xlen("tasks:stream") == total, message="not every event reached the stream")
    qloop.wait_until(lambda: handle.window.indicator.queued == 0)

    stream = [json.loads(fields[b"event"]) for _, fields in cast(StreamEntries, client.xrange("tasks:stream"))]
    received: list[tuple[str, dict]] = []

    def all_published() -> bool:
        received.extend(drain(pubsub))
        return len(received) >= total

    qloop.wait_until(all_published, message="not every event was published on the channel")
    assert {channel for channel, _ in received} == {"tasks"}
    published = [body for _, body in received]
    assert [e["event_id"] for e in published] == [e["event_id"] for e in stream]
    assert [e["seq"] for e in stream] == list(range(1, total + 1))
    codec = Codec(settings.redis.channel_systems())
    assert all(isinstance(codec.decode(json.dumps(e), "tasks"), ReceivedEvent) for e in stream)

    types = [e["type"] for e in stream]
    assert types == [
        "task.created",
        "task.created",
        "task.created",
        "task.created",
        "task.completed",
        "task.completed",
        "task.completed",
        "task.completed",
        "task.moved",
        "task.deleted",
        "task.restored",
    ]
    # One message per creation, field by field (the older consumer's keys included).
    created = stream[3]
    assert created["system"] == "taskmanager"
    assert created["action"] == "created"
    assert created["id"] == grandchild
    assert created["title"] == "Validar ofertas"
    assert created["completed"] is False
    assert created["schema"] == 1
    assert uuid.UUID(created["event_id"])
    assert RFC3339.match(created["occurred_at"])
    assert created["actor"]["user"] and created["actor"]["host"]
    assert created["data"]["parent_id"] == child
    assert created["data"]["path"] == ["Campanha de retenção", "Roteiro de ligação", "Validar ofertas"]
    assert created["data"]["progress"] == {"done": 0, "total": 0, "percent": None}
    assert [e["id"] for e in stream if e["type"] == "task.created"] == [root, child, done_child, grandchild]

    cascade = stream[5:8]
    assert [e["id"] for e in cascade] == [root, child, grandchild]
    assert len({e["correlation_id"] for e in cascade}) == 1
    assert cascade[0]["correlation_id"] != stream[4]["correlation_id"]
    assert all(e["action"] == "completed" and e["completed"] is True for e in cascade)
    assert cascade[0]["data"]["progress"] == {"done": 3, "total": 3, "percent": 100}

    moved = stream[8]
    assert moved["changes"] == {"parent_id": [child, None], "position": [0, 0]}
    assert moved["data"]["path"] == ["Validar ofertas"]
    assert stream[9]["id"] == child and stream[9]["action"] == "deleted"
    assert stream[10]["id"] == child and stream[10]["action"] == "restored"
    assert stream[9]["correlation_id"] != stream[10]["correlation_id"]
    pubsub.close()


def test_redis_down_queues_events_with_a_badge_and_sends_them_later(
    qloop: QLoop,
    qtbot: QtBot,
    settings: Settings,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = redis_server_factory()
    monkeypatch.setenv("REDIS_URL", server.url)
    from integrado.settings import Settings

    h = build(Settings.load())
    qtbot.addWidget(h.window)
    h.pipeline.relay.poll_interval = 0.2
    h.pipeline.relay.backoff_cap = 0.5
    try:
        h.relay.start()
        qloop.wait_until(lambda: h.window.indicator.state == "connected")
        port = server.port
        server.kill()
        ids = [h.controller.create(f"Ligar para cliente {i}") for i in range(3)]  # never waits on Redis
        assert all(i is not None for i in ids)
        qloop.wait_until(lambda: h.window.indicator.state == "disconnected", timeout=10)
        qloop.wait_until(lambda: h.window.indicator.queued == 3, timeout=10)
        assert h.window.indicator.queue_label.text() == "3 queued"
        server.port = port
        server.start()
        qloop.wait_until(lambda: h.window.indicator.queued == 0, timeout=15)
        client = redis.Redis.from_url(server.url)
        entries = cast(StreamEntries, client.xrange("tasks:stream"))
        assert [json.loads(f[b"event"])["id"] for _, f in entries] == ids
    finally:
        qloop.run(h.relay.stop())
        h.pipeline.engine.dispose()
