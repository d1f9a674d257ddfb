"""A PC whose clock is minutes behind, on the office's shared PostgreSQL: what it changes still
reaches the other PCs' fallback poll ("what changed since the newest change I saw"), and the
stream carries everybody's events in the outbox's `seq` order, never in PC clock order."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from callsystem_gui.controller import POLL_OVERLAP_SECONDS
from callsystem_gui.domain import CallDraft
from callsystem_gui.service import CallService, create_pipeline
from integrado.events import Actor
from integrado.settings import Settings
from taskmanager_gui import service as task_service
from taskmanager_gui.service import TaskService

pytestmark = pytest.mark.integration

SKEW_SECONDS = 300.0


@pytest.fixture
def pcs(settings: Settings, postgres_url: str) -> Iterator[tuple[CallService, CallService]]:
    behind = CallService(
        create_pipeline(settings, db_url=postgres_url),
        Actor("ana", "pc-01"),
        clock=lambda: time.time() - SKEW_SECONDS,
    )
    on_time = CallService(create_pipeline(settings, db_url=postgres_url), Actor("bruno", "pc-02"))
    yield behind, on_time
    for pc in (behind, on_time):
        pc.pipeline.engine.dispose()


def test_a_change_from_a_pc_whose_clock_is_behind_reaches_the_others_poll(
    pcs: tuple[CallService, CallService],
) -> None:
    behind, on_time = pcs
    # PC B has shown the calls up to its own newest change: its poll's high-water.
    mine = on_time.register(CallDraft(caller_name="Maria Souza", subject="Sem sinal"))
    high_water = max(c.updated_at for c in on_time.summaries())

    # PC A (clock five minutes behind) registers a call and closes B's: both are new to B.
    theirs = behind.register(CallDraft(caller_name="João Lima", subject="Fatura em dobro"))
    behind.close(mine.id, mine.version, "Sinal restabelecido")

    # B's fallback poll, as its controller asks it.
    seen = {c.id for c in on_time.changed_since(high_water - POLL_OVERLAP_SECONDS)}
    assert {theirs.id, mine.id} <= seen, "a change of the PC whose clock is behind was missed"
    # And the times written are the server's: A's are not minutes before B's.
    [closed] = [c for c in on_time.summaries() if c.id == mine.id]
    assert closed.updated_at >= high_water


def test_stream_order_follows_seq_not_pc_clocks(pcs: tuple[CallService, CallService]) -> None:
    behind, on_time = pcs
    first = on_time.register(CallDraft(caller_name="Maria Souza", subject="Sem sinal"))
    second = behind.register(CallDraft(caller_name="João Lima", subject="Fatura em dobro"))
    on_time.add_note(second.id, "Cliente pediu retorno às 15h")
    behind.add_note(first.id, "Retornar amanhã")

    outbox = on_time.pipeline.outbox.table
    with on_time.pipeline.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.seq, outbox.c.payload).order_by(outbox.c.seq)).all()
    events = [json.loads(payload) for _seq, payload in rows]
    # The order of commits is the order of `seq` (the relay publishes in it) ...
    assert [(e["type"], e["id"]) for e in events[-4:]] == [
        ("call.created", first.id),
        ("call.created", second.id),
        ("call.note_added", second.id),
        ("call.note_added", first.id),
    ]
    assert [e["seq"] for e in events] == [seq for seq, _payload in rows]
    # ... and the times they carry agree with it, whatever each PC's clock says.
    stamps = [e["data"]["updated_at"] for e in events[-4:]]
    assert stamps == sorted(stamps), stamps


def test_task_times_are_the_servers(settings: Settings, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """TaskManager's refresh compares row counts and versions, never times; the times it writes
    (shown and sorted in the "Updated" column) are the server's, not a PC clock minutes behind."""
    monkeypatch.setattr(task_service, "utc_now", lambda: datetime.now(UTC) - timedelta(seconds=SKEW_SECONDS))
    pc = TaskService(task_service.create_pipeline(settings, db_url=postgres_url), Actor("ana", "pc-01"))
    try:
        before = datetime.now(UTC)
        created = pc.create("Escala de fim de semana", None).created[0]
        done = pc.set_completed(created.id, None, True).updated[0]
        [stored] = [t for t in pc.load_all() if t.id == created.id]
    finally:
        pc.pipeline.engine.dispose()
    for stamp in (created.updated_at, done.updated_at, done.completed_at, stored.updated_at):
        assert stamp is not None and abs((stamp - before).total_seconds()) < 60, stamp
