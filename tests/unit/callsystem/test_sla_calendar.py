"""CallSystem's SLA clock on an office calendar: due times count office hours only, across a
weekend, a national holiday, a daylight-saving change and for a call opened out of hours; a pause
while waiting on the caller carries the office time left over to the resumption."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from callsystem_gui.domain import Priority, SlaClock, SlaPolicy, Status
from callsystem_gui.service import CallService, create_pipeline
from helpers.callsystem import FakeClock, draft
from integrado.calendar import BusinessCalendar
from integrado.events import Actor
from integrado.settings import Settings

SP = ZoneInfo("America/Sao_Paulo")
NY = ZoneInfo("America/New_York")
HOUR = 3600.0


def at(text: str, zone: ZoneInfo = SP) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=zone).timestamp()


OFFICE = BusinessCalendar.office(SP)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(at("2026-11-27T17:00"))  # a Friday, an hour before closing


@pytest.fixture
def service(settings: Settings, tmp_path: Path, clock: FakeClock) -> CallService:
    pipeline = create_pipeline(settings, db_url=f"sqlite:///{tmp_path / 'calls.db'}", poll_interval=0.2)
    return CallService(pipeline, Actor("ana", "pc-01"), sla=SlaPolicy(calendar=OFFICE), clock=clock)


def test_a_call_due_after_the_weekend_and_a_pause_that_carries_its_office_time(
    service: CallService, clock: FakeClock
) -> None:
    call = service.register(draft())  # medium: 8 office hours, 1 on Friday and 7 on Monday
    assert call.priority == Priority.MEDIUM and call.sla_due_at == at("2026-11-30T15:00")
    clock.now = at("2026-11-30T09:00")
    waiting = service.change_status(call.id, call.version, Status.WAITING)
    clock.now = at("2026-12-01T09:00")  # the caller answers a day later: 6 office hours were left
    resumed = service.change_status(waiting.id, waiting.version, Status.IN_PROGRESS)
    assert resumed.sla_due_at == at("2026-12-01T15:00")
    assert resumed.sla_remaining(clock.now) == 6 * HOUR


def test_a_call_opened_on_saturday_starts_counting_on_monday(service: CallService, clock: FakeClock) -> None:
    clock.now = at("2026-11-28T10:00")
    call = service.register(draft(urgency=3, impact=2))  # high: 4 hours
    assert call.priority == Priority.HIGH and call.sla_due_at == at("2026-11-30T12:00")


def test_a_national_holiday_counts_no_time(service: CallService, clock: FakeClock) -> None:
    clock.now = at("2026-11-19T17:00")  # Thursday; Friday the 20th is a national holiday
    call = service.register(draft(urgency=3, impact=2))
    assert call.sla_due_at == at("2026-11-23T11:00")


def test_priority_change_moves_the_due_time_by_office_hours(service: CallService, clock: FakeClock) -> None:
    call = service.register(draft())  # due Monday 15:00
    raised = service.update(call.id, call.version, draft(urgency=3, impact=2))  # 8h -> 4h
    assert raised.sla_due_at == at("2026-11-30T11:00")


def test_across_new_york_spring_forward() -> None:
    calendar = BusinessCalendar.office(NY, holiday_country="US")
    policy = SlaPolicy(calendar=calendar)
    opened = at("2026-03-06T16:00", NY)  # Friday before the clocks go forward on Sunday
    due = policy.due_at(opened, Priority.HIGH)
    assert due == at("2026-03-09T10:00", NY)
    clock = SlaClock(due, None).on_status(Status.IN_PROGRESS, Status.WAITING, at("2026-03-09T09:00", NY), calendar)
    resumed = clock.on_status(Status.WAITING, Status.IN_PROGRESS, at("2026-03-09T17:30", NY), calendar)
    # One office hour was left: half an hour on Monday, half on Tuesday morning.
    assert resumed.due_at == at("2026-03-10T08:30", NY)


def test_without_a_calendar_the_clock_runs_around_the_clock() -> None:
    policy = SlaPolicy.from_settings({})
    assert policy.calendar.always_open
    assert policy.due_at(at("2026-11-28T10:00"), Priority.HIGH) == at("2026-11-28T14:00")
    clock = SlaClock(1000.0, 400.0).on_status(Status.WAITING, Status.IN_PROGRESS, 700.0)
    assert clock == SlaClock(1300.0, None)


def test_settings_turn_the_calendar_on() -> None:
    policy = SlaPolicy.from_settings(
        {"callsystem": {"sla_minutes": {"high": 120}, "calendar": {"time_zone": "America/Sao_Paulo"}}}
    )
    assert policy.due_at(at("2026-11-27T17:00"), Priority.HIGH) == at("2026-11-30T09:00")
