"""Two operators' PCs on one shared PostgreSQL database (the office deployment), TaskManager side:
the second save of the same task is a conflict with a clear message, nothing is overwritten,
and the office's relay service publishes every event exactly once."""

from __future__ import annotations

import json
from typing import cast

import pytest
import redis
from sqlalchemy import select

from helpers.fixtures import QLoop
from helpers.relay_service import start_in_process_relay
from integrado.embedded import RedisServerProcess
from integrado.events import Actor
from integrado.settings import Settings
from taskmanager_gui.service import ConflictError, NotFoundError, TaskService, create_pipeline
from taskmanager_gui.tables import TASKS

pytestmark = pytest.mark.integration

# What XRANGE answers (redis-py types it loosely: async clients answer an awaitable).
StreamEntries = list[tuple[bytes, dict[bytes, bytes]]]


def test_two_operators_editing_the_same_task_on_postgres(
    qloop: QLoop, settings: Settings, redis_server: RedisServerProcess, postgres_url: str
) -> None:
    pc_ana = TaskService(create_pipeline(settings, db_url=postgres_url, poll_interval=0.1), Actor("ana", "pc-01"))
    pc_bruno = TaskService(create_pipeline(settings, db_url=postgres_url, poll_interval=0.1), Actor("bruno", "pc-02"))
    relay = start_in_process_relay(qloop, settings, postgres_url)
    try:
        root = pc_ana.create("Escala de fim de semana", None).created[0]
        child = pc_ana.create("Confirmar plantão de sábado", root.id).created[0]
        # Both operators have the task on screen at the same version.
        seen_by_ana = next(t for t in pc_ana.load_all() if t.id == child.id)
        seen_by_bruno = next(t for t in pc_bruno.load_all() if t.id == child.id)
        assert seen_by_ana.version == seen_by_bruno.version

        pc_bruno.update(child.id, seen_by_bruno.version, title="Confirmar plantão de sábado e domingo")
        with pytest.raises(ConflictError) as conflict:
            pc_ana.update(child.id, seen_by_ana.version, title="Plantão: só sábado")
        assert "changed by someone else" in str(conflict.value)
        with pc_ana.pipeline.engine.connect() as conn:
            title = conn.execute(select(TASKS.c.title).where(TASKS.c.id == child.id)).scalar_one()
        assert title == "Confirmar plantão de sábado e domingo"  # Bruno's save stands

        # Bruno removes the parent; Ana's later edit of the child gets "not found", not a resurrection.
        pc_bruno.remove(root.id, None)
        with pytest.raises(NotFoundError):
            pc_ana.update(child.id, None, notes="ligar às 9h")

        qloop.wait_until(lambda: pc_ana.pipeline.relay.queued() == 0, timeout=15)
    finally:
        relay.stop(qloop)
        for pc in (pc_ana, pc_bruno):
            pc.pipeline.engine.dispose()

    entries = cast(StreamEntries, redis.Redis.from_url(redis_server.url).xrange(settings.redis.tasks_stream))
    types = [(int(f[b"seq"]), json.loads(f[b"event"])["type"]) for _, f in entries]
    # created, created, updated (Bruno), deleted x2 (the subtree): once each, in seq order; the
    # refused saves published nothing.
    assert types == [
        (1, "task.created"),
        (2, "task.created"),
        (3, "task.updated"),
        (4, "task.deleted"),
        (5, "task.deleted"),
    ]
