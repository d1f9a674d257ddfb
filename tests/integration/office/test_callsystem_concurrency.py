"""Two operators' PCs acting on the same call at the same moment on one PostgreSQL database.

Each PC is its own `CallService` with its own engine, as in an office. The tests pause PC A's
transaction just before its COMMIT (it holds whatever it has locked), start PC B's action on its
own connection, check that B waits behind A, then let A commit. What must hold is what a serial
order (A, then B) gives: the rows in the database, and the outbox events in `seq` order (the order
the relay publishes) with snapshots equal to what was committed.

Without the row lock a note read the call before a concurrent close or delete committed and then
published that stale snapshot ("open" after "closed", or a note on a deleted call), and the second
of two simultaneous restores failed with a conflict although the call was restored as asked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from callsystem_gui.domain import CallDraft, CallNotFoundError, CallView, ConflictError, NoteView, Status
from callsystem_gui.service import CallService, create_pipeline
from callsystem_gui.tables import NoteRow
from helpers.concurrency import InThread, PausedAtCommit, interleave
from integrado.events import Actor
from integrado.settings import Settings

pytestmark = pytest.mark.integration

Result = CallView | NoteView


@dataclass
class Office:
    """Two operator PCs on one database."""

    ana: CallService
    bruno: CallService

    def events(self) -> list[dict[str, Any]]:
        """The outbox in seq order: what the relay publishes, in that order."""
        t = self.ana.pipeline.outbox.table
        with self.ana.pipeline.engine.connect() as conn:
            return [json.loads(p) for (p,) in conn.execute(select(t.c.payload).order_by(t.c.seq))]

    def notes(self, call_id: int) -> int:
        with self.ana.pipeline.engine.connect() as conn:
            return int(conn.execute(select(func.count()).where(NoteRow.call_id == call_id)).scalar_one())

    def new_call(self) -> CallView:
        return self.ana.register(CallDraft(caller_name="Maria Souza", phone="(51) 9999-0000", subject="Sem sinal"))


@pytest.fixture
def office(settings: Settings, postgres_url: str) -> Iterator[Office]:
    pcs = [
        CallService(create_pipeline(settings, db_url=postgres_url), Actor(name, host))
        for name, host in (("ana", "pc-01"), ("bruno", "pc-02"))
    ]
    yield Office(*pcs)
    for pc in pcs:
        pc.pipeline.engine.dispose()


def _interleave(
    office: Office, first: Callable[[], Result], second: Callable[[], Result]
) -> tuple[PausedAtCommit, InThread]:
    """`first` on PC A up to its commit; `second` on PC B, which must wait behind A; then A commits."""
    a, b = interleave(office.ana.pipeline.engine, office.ana.pipeline.session_factory, first, second)
    if a.error is not None:
        raise a.error
    return a, b


def _sent(office: Office, before: int) -> list[tuple[str, str]]:
    return [(e["type"], e["actor"]["user"]) for e in office.events()[before:]]


def _matches_database(office: Office, sent: dict[str, Any]) -> None:
    """The last event's snapshot is the call as committed (the note's extra key aside)."""
    stored = office.ana.get(sent["id"]).snapshot()
    data = {k: v for k, v in sent["data"].items() if k != "note"}
    assert data == stored


def test_note_while_the_call_is_closed_publishes_the_closed_call(office: Office) -> None:
    call = office.new_call()
    before = len(office.events())

    a, b = _interleave(
        office,
        lambda: office.ana.close(call.id, call.version, "Roteador trocado"),
        lambda: office.bruno.add_note(call.id, "Cliente ligou de novo"),
    )

    assert a.error is None and b.error is None, b.error
    stored = office.ana.get(call.id)
    assert stored.status == Status.CLOSED and stored.version == call.version + 1
    assert _sent(office, before) == [("call.closed", "ana"), ("call.note_added", "bruno")]
    note = office.events()[-1]
    # Before the lock: "in_progress"/"new" after "closed", the snapshot read before the close committed.
    assert note["data"]["status"] == Status.CLOSED.value
    assert note["status"] == "concluida"
    assert note["data"]["resolution"] == "Roteador trocado"
    assert note["data"]["note"]["text"] == "Cliente ligou de novo"
    _matches_database(office, note)
    assert office.notes(call.id) == 1


def test_note_while_the_call_is_deleted_is_refused(office: Office) -> None:
    call = office.new_call()
    before = len(office.events())

    _a, b = _interleave(
        office,
        lambda: office.ana.delete(call.id, call.version),
        lambda: office.bruno.add_note(call.id, "Cliente ligou de novo"),
    )

    # Serially the call is gone before the note: refused, nothing written, nothing sent.
    assert isinstance(b.error, CallNotFoundError), b.result or b.error
    assert office.notes(call.id) == 0
    assert _sent(office, before) == [("call.deleted", "ana")]
    _matches_database(office, office.events()[-1])


def test_two_restores_at_once_restore_once(office: Office) -> None:
    call = office.new_call()
    deleted = office.ana.delete(call.id, call.version)
    before = len(office.events())

    a, b = _interleave(office, lambda: office.ana.restore(call.id), lambda: office.bruno.restore(call.id))

    # Serially the second restore finds the call restored and says so with the call; no second event.
    assert b.error is None, f"the second restore failed: {b.error!r}"
    assert isinstance(a.result, CallView) and isinstance(b.result, CallView)
    assert not b.result.deleted and b.result.version == deleted.version + 1
    assert b.result == a.result == office.ana.get(call.id)
    assert _sent(office, before) == [("call.restored", "ana")]
    _matches_database(office, office.events()[-1])


@pytest.mark.parametrize("first", ["ana closes", "ana reassigns"])
def test_reassign_and_close_at_once_one_wins(office: Office, first: str) -> None:
    call = office.new_call()
    before = len(office.events())

    def close(pc: CallService) -> Callable[[], Result]:
        return lambda: pc.close(call.id, call.version, "Resolvido por telefone")

    def reassign(pc: CallService) -> Callable[[], Result]:
        return lambda: pc.assign(call.id, call.version, "carla")

    if first == "ana closes":
        _a, b = _interleave(office, close(office.ana), reassign(office.bruno))
        won = ("call.closed", "ana")
    else:
        _a, b = _interleave(office, reassign(office.ana), close(office.bruno))
        won = ("call.assigned", "ana")

    # Both saw the same version: the one that commits first wins, the other is told who changed it.
    assert isinstance(b.error, ConflictError), b.result or b.error
    assert b.error.current is not None and b.error.current.updated_by == "ana"
    assert b.error.current == office.ana.get(call.id)
    stored = office.ana.get(call.id)
    assert stored.version == call.version + 1
    if first == "ana closes":
        assert stored.status == Status.CLOSED and stored.assignee == call.assignee
    else:
        assert stored.status == call.status and stored.assignee == "carla"
    assert _sent(office, before) == [won]
    _matches_database(office, office.events()[-1])


def test_edit_while_a_note_waits_publishes_the_edited_call(office: Office) -> None:
    call = office.new_call()
    before = len(office.events())

    _a, b = _interleave(
        office,
        lambda: office.ana.update(call.id, call.version, CallDraft(caller_name="Maria Souza", subject="Sem internet")),
        lambda: office.bruno.add_note(call.id, "Confirmou o endereço"),
    )

    assert b.error is None, b.error
    assert _sent(office, before) == [("call.updated", "ana"), ("call.note_added", "bruno")]
    note = office.events()[-1]
    assert note["data"]["subject"] == "Sem internet"
    _matches_database(office, note)
