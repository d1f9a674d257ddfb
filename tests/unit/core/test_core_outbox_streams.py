"""One database, several apps' outboxes: each relay fetches and counts its own stream only; a
relay that does not publish (a PC on a shared database) only reports the server's queue; the
`integrado relay` command picks its databases and streams from the settings."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import MetaData

from integrado.command_line import CliError
from integrado.db import make_engine, make_session_factory
from integrado.events import Actor, call_event, task_event
from integrado.outbox import ON_SERVER, Outbox, OutboxRelay
from integrado.settings import Settings
from integrado_suite.relay_command import relay_plan


def _no_redis() -> None:
    raise AssertionError("a relay that does not publish must not connect to Redis")


def _two_outboxes(tmp_path: Path) -> tuple[object, Outbox, Outbox]:
    engine = make_engine(f"sqlite:///{tmp_path / 'one.db'}")
    metadata = MetaData()
    calls = Outbox(metadata, channel="calls_channel", stream="calls_channel:stream")
    tasks = Outbox(metadata, channel="tasks", stream="tasks:stream")
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    actor = Actor("ana", "pc-01")
    with factory.begin() as session:
        for i in range(3):
            calls.add(
                session,
                call_event("call.created", i, cliente="c", descricao="d", closed=False, data={"id": i}, actor=actor),
            )
        for i in range(5):
            tasks.add(session, task_event("task.created", i, title="t", completed=False, data={"id": i}, actor=actor))
    return engine, calls, tasks


def test_each_relay_fetches_and_counts_its_own_stream(tmp_path: Path) -> None:
    engine, calls, tasks = _two_outboxes(tmp_path)
    calls_relay = OutboxRelay(engine, calls, _no_redis)  # type: ignore[arg-type]
    tasks_relay = OutboxRelay(engine, tasks, _no_redis)  # type: ignore[arg-type]
    assert (calls_relay.queued(), tasks_relay.queued()) == (3, 5)
    assert {r.stream for r in calls_relay._fetch_pending()} == {"calls_channel:stream"}
    assert [r.seq for r in tasks_relay._fetch_pending()] == [1, 2, 3, 4, 5]
    assert calls.count(engine, all_streams=True) == 8
    assert calls_relay._lock_key != tasks_relay._lock_key
    engine.dispose()  # type: ignore[attr-defined]


def test_a_relay_that_does_not_publish_reports_the_queue_on_the_server(tmp_path: Path) -> None:
    engine, calls, _tasks = _two_outboxes(tmp_path)
    seen: list[int] = []
    states: list[str] = []
    watcher = OutboxRelay(
        engine,  # type: ignore[arg-type]
        calls,
        _no_redis,  # type: ignore[arg-type]
        publishes=False,
        poll_interval=0.05,
        on_queue_changed=seen.append,
        on_state_changed=lambda state, _detail: states.append(state),
    )

    async def run_a_moment() -> int:
        task = asyncio.create_task(watcher.run())
        await asyncio.sleep(0.2)
        sent = await watcher.drain_once()
        watcher.stop()
        await task
        return sent

    assert asyncio.run(run_a_moment()) == 0
    assert seen == [3] and states == [ON_SERVER]
    engine.dispose()  # type: ignore[attr-defined]


def _settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.load(
        {"INTEGRADO_CONFIG_DIR": str(tmp_path), "INTEGRADO_DATA_DIR": str(tmp_path), **env}, read_keyring=False
    )


def test_relay_plan_publishes_one_shared_database_once(tmp_path: Path) -> None:
    url = "postgresql://relay@db.office.lan/integrado"
    plan = relay_plan(_settings(tmp_path, INTEGRADO_CALLSYSTEM_DB=url, INTEGRADO_TASKMANAGER_DB=url), None)
    assert [(u, [s.stream for s in sources]) for u, sources in plan] == [
        (url, ["calls_channel:stream", "tasks:stream", "console_alerts:stream"])
    ]
    separate = relay_plan(
        _settings(
            tmp_path,
            INTEGRADO_CALLSYSTEM_DB="postgresql://db/calls",
            INTEGRADO_TASKMANAGER_DB="postgresql://db/tasks",
        ),
        None,
    )
    assert [(u, [s.stream for s in sources]) for u, sources in separate] == [
        # The consoles' alerts go beside the calls (their outbox is in the CallSystem database).
        ("postgresql://db/calls", ["calls_channel:stream", "console_alerts:stream"]),
        ("postgresql://db/tasks", ["tasks:stream"]),
    ]
    given = relay_plan(_settings(tmp_path), ["postgresql://db/all"])
    assert [len(sources) for _u, sources in given] == [3]


def test_relay_plan_refuses_sqlite_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(CliError, match="is not PostgreSQL"):
        relay_plan(_settings(tmp_path), None)  # the default: each user's SQLite files
