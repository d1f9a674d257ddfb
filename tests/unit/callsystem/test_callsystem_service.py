"""CallService: one transaction per action, the right event each time, nothing half-saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callsystem_gui.domain import (
    CallNotFoundError,
    ConflictError,
    InvalidTransitionError,
    Priority,
    Status,
    ValidationError,
)
from callsystem_gui.tables import Base, CallRow, NoteRow, TimelineRow
from helpers.callsystem import FakeClock, Harness, draft, make_harness
from integrado.settings import Settings


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def h(settings: Settings, tmp_path: Path, clock: FakeClock) -> Harness:
    return make_harness(settings, tmp_path, clock=clock)


def _count(h: Harness, model: type[Base]) -> int:
    with h.pipeline.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_register_stores_the_call_and_queues_call_created(h: Harness, clock: FakeClock) -> None:
    view = h.service.register(draft())
    assert view.id == 1 and view.version == 1
    assert view.status == Status.NEW
    assert view.phone_digits == "5199990000"
    assert view.priority == Priority.MEDIUM
    assert view.assignee == "ana"
    assert view.sla_due_at == clock.now + 8 * 3600
    [event] = h.events()
    assert event["type"] == "call.created"
    assert event["action"] == "created"
    assert event["system"] == "callsystem"
    assert event["id"] == 1
    assert event["cliente"] == "Maria Souza"
    assert event["descricao"] == "Sem conexão desde as 8h."
    assert event["status"] == "pendente"
    assert event["seq"] == 1
    assert event["actor"] == {"user": "ana", "host": "pc-01"}
    assert event["data"]["subject"] == "Internet caiu no escritório"
    assert event["data"]["priority"] == "medium"
    assert "changes" not in event


def test_full_lifecycle_emits_one_event_per_transition(h: Harness) -> None:
    call = h.service.register(draft())
    call = h.service.change_status(call.id, call.version, Status.IN_PROGRESS)
    call = h.service.change_status(call.id, call.version, Status.WAITING)
    call = h.service.change_status(call.id, call.version, Status.IN_PROGRESS)
    call = h.service.change_status(call.id, call.version, Status.RESOLVED)
    call = h.service.close(call.id, call.version, "Roteador reiniciado")
    assert call.status == Status.CLOSED and call.resolution == "Roteador reiniciado"
    call = h.service.reopen(call.id, call.version)
    assert call.status == Status.IN_PROGRESS
    events = h.events()
    assert [e["type"] for e in events] == [
        "call.created",
        "call.status_changed",
        "call.status_changed",
        "call.status_changed",
        "call.status_changed",
        "call.closed",
        "call.reopened",
    ]
    assert [e["changes"]["status"] for e in events[1:]] == [
        ["new", "in_progress"],
        ["in_progress", "waiting"],
        ["waiting", "in_progress"],
        ["in_progress", "resolved"],
        ["resolved", "closed"],
        ["closed", "in_progress"],
    ]
    assert [e["status"] for e in events] == ["pendente"] * 5 + ["concluida", "pendente"]
    assert [e["action"] for e in events] == ["created"] + ["updated"] * 4 + ["completed", "reopened"]
    assert [e["seq"] for e in events] == list(range(1, 8))
    assert call.version == 7


def test_timeline_records_every_step(h: Harness) -> None:
    call = h.service.register(draft())
    call = h.service.change_status(call.id, call.version, Status.IN_PROGRESS)
    h.service.add_note(call.id, "Cliente pediu retorno à tarde")
    call = h.service.assign(call.id, call.version, "bruno")
    detail = h.service.detail(call.id)
    assert [t.kind for t in detail.timeline] == ["created", "status", "note", "assigned"]
    assert detail.timeline[1].detail == "new in_progress"
    assert [n.text for n in detail.notes] == ["Cliente pediu retorno à tarde"]
    types = [e["type"] for e in h.events()]
    assert types[-2:] == ["call.note_added", "call.assigned"]
    assigned = h.events()[-1]
    assert assigned["changes"] == {"assignee": ["ana", "bruno"]}
    assert h.events()[2]["data"]["note"]["text"] == "Cliente pediu retorno à tarde"


def test_invalid_transitions_are_refused_and_write_nothing(h: Harness) -> None:
    call = h.service.register(draft())
    with pytest.raises(InvalidTransitionError):
        h.service.reopen(call.id, call.version)  # an open call cannot be reopened
    call = h.service.close(call.id, call.version, "Resolvido por telefone")
    with pytest.raises(InvalidTransitionError):
        h.service.change_status(call.id, call.version, Status.WAITING)
    with pytest.raises(InvalidTransitionError):
        h.service.change_status(call.id, call.version, Status.RESOLVED)
    assert len(h.events()) == 2


def test_close_requires_a_resolution(h: Harness) -> None:
    call = h.service.register(draft())
    with pytest.raises(ValidationError) as err:
        h.service.close(call.id, call.version, "   ")
    assert err.value.field == "resolution"
    assert h.service.get(call.id).status == Status.NEW
    # A resolution given when resolving is enough to close later.
    call = h.service.change_status(call.id, call.version, Status.RESOLVED, resolution="Senha redefinida")
    call = h.service.close(call.id, call.version, "")
    assert call.resolution == "Senha redefinida"


def test_change_status_to_closed_routes_to_close(h: Harness) -> None:
    call = h.service.register(draft())
    call = h.service.change_status(call.id, call.version, Status.CLOSED, resolution="ok")
    assert h.events()[-1]["type"] == "call.closed"
    call = h.service.change_status(call.id, call.version, Status.IN_PROGRESS)
    assert h.events()[-1]["type"] == "call.reopened"


def test_second_save_of_a_stale_call_is_a_conflict(settings: Settings, tmp_path: Path) -> None:
    ana = make_harness(settings, tmp_path, operator="ana")
    bruno = make_harness(settings, tmp_path, operator="bruno")
    call = ana.service.register(draft())
    seen_by_both = call.version
    bruno.service.update(call.id, seen_by_both, draft(subject="Internet lenta"))
    with pytest.raises(ConflictError) as err:
        ana.service.update(call.id, seen_by_both, draft(subject="Sem internet"))
    assert "bruno" in str(err.value)
    assert err.value.current.subject == "Internet lenta"
    assert ana.service.get(call.id).subject == "Internet lenta"
    with pytest.raises(ConflictError):
        ana.service.change_status(call.id, seen_by_both, Status.IN_PROGRESS)
    assert [e["type"] for e in ana.events()] == ["call.created", "call.updated"]


def test_notes_do_not_bump_the_version(h: Harness) -> None:
    call = h.service.register(draft())
    h.service.add_note(call.id, "primeira nota")
    # Someone added a note meanwhile: a status change on the version seen still works.
    assert h.service.change_status(call.id, call.version, Status.IN_PROGRESS).version == 2


def test_update_reports_changed_fields_and_recomputes_priority(h: Harness, clock: FakeClock) -> None:
    call = h.service.register(draft(urgency=1, impact=1))
    assert call.priority == Priority.LOW
    due = call.sla_due_at
    call = h.service.update(call.id, call.version, draft(urgency=3, impact=3, phone="51 99990000"))
    assert call.priority == Priority.CRITICAL
    assert call.sla_due_at == due - (24 * 3600 - 3600)
    event = h.events()[-1]
    assert event["type"] == "call.updated"
    # Same digits typed differently is not a change of number... but the text did change.
    assert event["changes"]["priority"] == ["low", "critical"]
    assert event["changes"]["urgency"] == ["low", "high"]
    # Saving the same values again changes nothing and sends nothing.
    same = h.service.update(call.id, call.version, draft(urgency=3, impact=3, phone="51 99990000"))
    assert same.version == call.version
    assert len(h.events()) == 2


def test_delete_and_restore(h: Harness) -> None:
    call = h.service.register(draft())
    deleted = h.service.delete(call.id, call.version)
    assert deleted.deleted
    with pytest.raises(CallNotFoundError):
        h.service.change_status(call.id, deleted.version, Status.IN_PROGRESS)
    with pytest.raises(CallNotFoundError):
        h.service.add_note(call.id, "nota")
    restored = h.service.restore(call.id)
    assert not restored.deleted and restored.status == Status.NEW
    assert [e["type"] for e in h.events()] == ["call.created", "call.deleted", "call.restored"]
    assert h.events()[1]["action"] == "deleted"
    assert [k for k in h.events()[2]["changes"]] == ["deleted"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"caller_name": "   "}, "caller_name"),
        ({"caller_name": "x" * 201}, "caller_name"),
        ({"subject": "a" * 10_000}, "subject"),
        ({"subject": ""}, "subject"),
        ({"subject": "abc\u202edef"}, "subject"),
        ({"caller_name": "Ana\x07"}, "caller_name"),
        ({"description": "texto \x1b[31m"}, "description"),
        ({"phone": "51 9999-ABCD"}, "phone"),
        ({"phone": "123"}, "phone"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_input_is_refused_before_anything_is_written(h: Harness, overrides: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        h.service.register(draft(**overrides))
    assert err.value.field == field
    # A translatable template with named values, never a sentence glued together.
    assert "{field}" in err.value.template or "{value}" in err.value.template
    assert str(err.value) == err.value.template.format(**err.value.params)
    assert _count(h, CallRow) == 0
    assert _count(h, TimelineRow) == 0
    assert h.events() == []


def test_bad_note_and_bad_edit_leave_the_call_untouched(h: Harness) -> None:
    call = h.service.register(draft())
    with pytest.raises(ValidationError):
        h.service.add_note(call.id, "")
    with pytest.raises(ValidationError):
        h.service.update(call.id, call.version, draft(subject="x" * 10_000))
    assert _count(h, NoteRow) == 0
    assert h.service.get(call.id).version == 1
    assert len(h.events()) == 1


def test_emoji_html_and_sql_are_stored_verbatim(h: Harness) -> None:
    nasty = "<b>Olá</b> 😀 '; DROP TABLE calls; --"
    call = h.service.register(draft(caller_name="José 🙂 <i>", subject=nasty))
    again = h.service.get(call.id)
    assert again.subject == nasty and again.caller_name == "José 🙂 <i>"
    assert h.events()[0]["data"]["subject"] == nasty


def test_repeat_caller_found_by_phone_in_any_format_and_by_name(h: Harness) -> None:
    first = h.service.register(draft(phone="(51) 9999-0000"))
    h.service.register(draft(caller_name="Carlos Lima", phone="11 98888-7777"))
    closed = h.service.register(draft(phone="51 99990000"))
    h.service.close(closed.id, closed.version, "feito")
    assert [c.id for c in h.service.open_calls_of("", "51 99990000")] == [first.id]
    assert [c.id for c in h.service.open_calls_of("", "+55 51 9999 0000")] == [first.id]
    assert [c.id for c in h.service.open_calls_of("maria souza", "")] == [first.id]
    assert [c.id for c in h.service.open_calls_of("MÁRIA", "")] == [first.id]
    assert h.service.open_calls_of("", "51 9999") == []


def test_summaries_load_in_bulk(h: Harness) -> None:
    for i in range(5):
        h.service.register(draft(caller_name=f"Cliente {i}"))
    rows = h.service.summaries()
    assert [r.caller_name for r in sorted(rows, key=lambda r: r.id)] == [f"Cliente {i}" for i in range(5)]
    assert [r.id for r in h.service.summaries([2, 4])] == [2, 4]
    assert h.service.operators() == ["ana"]


def test_longest_allowed_texts_in_emoji_still_fit_in_one_event(h: Harness) -> None:
    from callsystem_gui.domain import MAX_NAME, MAX_SUBJECT, MAX_TEXT
    from integrado.events import MAX_MESSAGE_BYTES

    call = h.service.register(
        draft(caller_name="😀" * MAX_NAME, subject="😀" * MAX_SUBJECT, description="😀" * MAX_TEXT)
    )
    call = h.service.change_status(call.id, call.version, Status.RESOLVED, resolution="🙂" * MAX_TEXT)
    call = h.service.close(call.id, call.version, "😀" * MAX_TEXT)
    h.service.add_note(call.id, "😀" * MAX_TEXT)
    call = h.service.update(call.id, call.version, draft(caller_name="😀" * MAX_NAME, description="🙃" * MAX_TEXT))
    sizes = [len(json.dumps(e, ensure_ascii=False).encode()) for e in h.events()]
    assert len(sizes) == 5
    assert max(sizes) < MAX_MESSAGE_BYTES
    with pytest.raises(ValidationError) as err:
        h.service.add_note(call.id, "x" * (MAX_TEXT + 1))
    assert err.value.field == "note"
