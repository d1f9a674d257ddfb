"""Pure rules: phone normalisation, priority matrix, SLA clock, transitions, settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from callsystem_gui.domain import (
    TRANSITIONS,
    CallDraft,
    InvalidTransitionError,
    Level,
    Priority,
    SlaClock,
    SlaPolicy,
    Status,
    ValidationError,
    check_transition,
    clean_phone,
    clean_text,
    fold,
    normalize_phone,
    phone_tail,
    priority_for,
)
from helpers.callsystem import FakeClock, draft, make_harness
from integrado.settings import Settings


def test_phone_formats_normalise_to_the_same_digits() -> None:
    assert normalize_phone("(51) 9999-0000") == normalize_phone("51 99990000") == "5199990000"
    assert phone_tail("5551999990000") == phone_tail("51 99990000".replace(" ", "")) == "99990000"


@pytest.mark.parametrize("bad", ["51 9999-ABCD", "tel: 5199990000", "5199990000 ramal 2", "٥١٩٩٩٩٠٠٠٠"])
def test_phone_with_letters_or_foreign_digits_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as err:
        clean_phone(bad)
    assert err.value.field == "phone"


def test_empty_phone_is_allowed() -> None:
    assert clean_phone("  ") == ("", "")


def test_priority_matrix() -> None:
    assert priority_for(Level.HIGH, Level.HIGH) == Priority.CRITICAL
    assert priority_for(Level.HIGH, Level.MEDIUM) == Priority.HIGH
    assert priority_for(Level.MEDIUM, Level.HIGH) == Priority.HIGH
    assert priority_for(Level.MEDIUM, Level.MEDIUM) == Priority.MEDIUM
    assert priority_for(Level.LOW, Level.HIGH) == Priority.MEDIUM
    assert priority_for(Level.LOW, Level.LOW) == Priority.LOW
    # Every cell is defined, and more urgency never lowers the priority.
    for impact in Level:
        values = [priority_for(u, impact) for u in Level]
        assert values == sorted(values)


def test_a_higher_priority_value_is_a_more_important_call() -> None:
    # The same direction as TaskManager's priorities (and as Level): sorting by value works alike.
    assert Priority.LOW < Priority.MEDIUM < Priority.HIGH < Priority.CRITICAL
    assert sorted(Priority, reverse=True)[0] == Priority.CRITICAL
    assert [int(p) for p in Priority] == [1, 2, 3, 4]  # what calls.priority stores


def test_sla_clock_pauses_while_stopped() -> None:
    clock = SlaClock(due_at=1000.0, stopped_at=None)
    assert clock.remaining(400.0) == 600.0
    paused = clock.on_status(Status.IN_PROGRESS, Status.WAITING, now=400.0)
    assert paused.remaining(900.0) == 600.0  # frozen while waiting
    resumed = paused.on_status(Status.WAITING, Status.IN_PROGRESS, now=900.0)
    assert resumed.due_at == 1500.0
    assert resumed.remaining(1000.0) == 500.0
    # waiting -> resolved keeps the clock stopped from the original pause.
    assert paused.on_status(Status.WAITING, Status.RESOLVED, now=950.0) == paused


def test_sla_pause_through_the_service(settings: Settings, tmp_path: Path) -> None:
    clock = FakeClock()
    h = make_harness(settings, tmp_path, clock=clock)
    call = h.service.register(draft(urgency=3, impact=3))  # critical: 60 minutes
    clock.advance(20 * 60)
    call = h.service.change_status(call.id, call.version, Status.WAITING)
    clock.advance(3 * 3600)  # the caller takes three hours to answer
    assert call.sla_remaining(clock.now) == 40 * 60
    call = h.service.change_status(call.id, call.version, Status.IN_PROGRESS)
    assert call.sla_remaining(clock.now) == 40 * 60
    clock.advance(50 * 60)
    summary = h.service.summaries([call.id])[0]
    assert summary.sla_remaining(clock.now) == -10 * 60
    assert summary.is_overdue(clock.now)


def test_transition_table() -> None:
    check_transition(Status.NEW, Status.IN_PROGRESS)
    check_transition(Status.CLOSED, Status.IN_PROGRESS)
    for bad in [(Status.NEW, Status.NEW), (Status.CLOSED, Status.RESOLVED), (Status.RESOLVED, Status.WAITING)]:
        with pytest.raises(InvalidTransitionError):
            check_transition(*bad)
    assert set(TRANSITIONS) == set(Status)


def test_errors_carry_a_translatable_template_and_the_values_that_fill_it() -> None:
    with pytest.raises(ValidationError) as err:
        clean_text("subject", "x" * 201, required=True, max_len=200)
    assert err.value.template == "{field} is too long ({length} characters, at most {limit})."
    assert err.value.params == {"field": "Subject", "length": 201, "limit": 200}
    assert str(err.value) == "Subject is too long (201 characters, at most 200)."
    # Each level is checked at its own field.
    with pytest.raises(ValidationError) as err:
        CallDraft(caller_name="Ana", subject="Sem sinal", impact=9).validated()
    assert (err.value.field, str(err.value)) == ("impact", "Impact must be Low, Medium or High.")
    moved = InvalidTransitionError(Status.CLOSED, Status.RESOLVED)
    assert moved.params == {"old": Status.CLOSED, "new": Status.RESOLVED}
    assert str(moved) == "A call cannot go from closed to resolved."


def test_sla_policy_from_settings() -> None:
    policy = SlaPolicy.from_settings({"callsystem": {"sla_minutes": {"critical": 30, "bogus": 5, "low": -1}}})
    assert policy.seconds(Priority.CRITICAL) == 30 * 60
    assert policy.seconds(Priority.LOW) == 24 * 3600
    assert SlaPolicy.from_settings({}).seconds(Priority.HIGH) == 4 * 3600


def test_fold_ignores_case_accents_and_spacing() -> None:
    assert fold("  JOÃO   da Conceição ") == "joao da conceicao"


def test_the_domain_and_the_service_import_without_qt() -> None:
    # In a fresh interpreter: this one has loaded PySide6 for other tests already.
    probe = (
        "import sys, callsystem_gui.domain, callsystem_gui.service, callsystem_gui.tables; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
