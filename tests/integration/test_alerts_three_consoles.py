"""Three consoles of one office raise the same alert: one event in the shared outbox, one on the
consoles' stream, decoded as `alert.raised` by every consumer; acknowledgements count per person.
Against a real PostgreSQL (the office's shared database) and a real redis-server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import func, select

from event_console.alerts import wire
from event_console.alerts.engine import AlertEngine
from event_console.alerts.outbox import AlertOutbox
from event_console.alerts.rules import DEFAULT_RULES, RuleKind
from event_console.wallboard.board import OperationsBoard
from integrado.embedded import RedisServerProcess
from integrado.events import Actor, Codec, ReceivedEvent
from integrado.outbox import OutboxRelay
from integrado.pipeline import alerts_db_url
from integrado.redis_conn import redis_client
from integrado.settings import Settings

NOW = time.time()


@pytest.fixture
def office(tmp_path: Path, postgres_url: str, redis_server: RedisServerProcess) -> Iterator[Settings]:
    env = {
        "INTEGRADO_CONFIG_DIR": str(tmp_path / "config"),
        "INTEGRADO_DATA_DIR": str(tmp_path / "data"),
        "INTEGRADO_CALLSYSTEM_DB": postgres_url,
        "REDIS_URL": redis_server.url,
    }
    yield Settings.load(env, read_keyring=False)


def breached_board() -> OperationsBoard:
    board = OperationsBoard()
    data = {"id": 5, "status": "new", "assignee": "ana", "created_at": NOW - 600, "sla_due_at": NOW - 30}
    board.apply(
        {"system": "callsystem", "type": "call.created", "id": 5, "actor": {"user": "ana", "host": "pc"}, "data": data},
        "office-db",
        NOW - 600,
    )
    return board


def test_one_alert_however_many_consoles(office: Settings, redis_server: RedisServerProcess) -> None:
    assert alerts_db_url(office) == office.callsystem_db  # the office's shared database by default
    consoles = [AlertOutbox(office) for _ in range(3)]
    try:
        assert all(not c.relay.publishes for c in consoles)  # the office relay publishes, not the PCs
        queued = []
        for i, outbox in enumerate(consoles):
            engine = AlertEngine(DEFAULT_RULES, me=f"sup{i}")
            (alert,) = [a for a in engine.evaluate(breached_board(), NOW + i).raised if a.rule == RuleKind.SLA_BREACHED]
            queued.append(
                outbox.queue([wire.envelope(wire.RAISED, alert.facts(wire.RAISED), Actor(f"sup{i}", f"pc{i}"))])
            )
            if i == 0:
                acks = [
                    wire.envelope(wire.ACKNOWLEDGED, alert.facts(wire.ACKNOWLEDGED), Actor(user, "pc"))
                    for user in ("rita", "rita", "paulo")  # rita twice (two consoles): once
                ]
                assert outbox.queue(acks) == 2
        assert queued == [1, 0, 0]
        table = consoles[0].outbox.table
        with consoles[0].engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 3

        # What the office relay service does for this stream: publish, in seq order.
        publisher = OutboxRelay(
            consoles[0].engine,
            consoles[0].outbox,
            lambda: redis_client(office.redis, name="test-office-relay"),
            publishes=True,
        )

        async def publish() -> int:
            try:
                return await publisher.drain_once()
            finally:
                await publisher.aclose()

        assert asyncio.run(publish()) == 3
    finally:
        for outbox in consoles:
            outbox.dispose()
    client = redis.Redis.from_url(redis_server.url)
    entries: list[Any] = list(client.xrange(office.redis.console_stream))  # type: ignore[arg-type]
    client.close()
    codec = Codec(office.redis.channel_systems())
    events = [codec.decode(fields[b"event"], office.redis.console_stream) for _id, fields in entries]
    assert all(isinstance(e, ReceivedEvent) for e in events)
    kinds = [(e.type, e.user) for e in events if isinstance(e, ReceivedEvent)]
    assert kinds == [("alert.raised", "sup0"), ("alert.acknowledged", "rita"), ("alert.acknowledged", "paulo")]
    facts = [wire.read(e.payload) for e in events if isinstance(e, ReceivedEvent)]
    assert len({f.alert_id for f in facts if f is not None}) == 1
