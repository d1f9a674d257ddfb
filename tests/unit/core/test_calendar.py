"""The business calendar's arithmetic: office time between two moments and when an amount of it
runs out, across a weekend, a national holiday, daylight-saving changes and from outside hours."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from integrado.calendar import BusinessCalendar, CalendarError, parse_spans

SP = ZoneInfo("America/Sao_Paulo")
NY = ZoneInfo("America/New_York")
HOUR = 3600.0


def at(text: str, zone: ZoneInfo = SP) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=zone).timestamp()


def office(zone: ZoneInfo = SP, **kwargs: object) -> BusinessCalendar:
    return BusinessCalendar.office(zone, **kwargs)  # type: ignore[arg-type]


def test_a_budget_that_outlasts_friday_resumes_on_monday_morning() -> None:
    cal = office()
    # Friday 2026-11-27 17:00, four office hours: one on Friday, three on Monday.
    due = cal.add(at("2026-11-27T17:00"), 4 * HOUR)
    assert due == at("2026-11-30T11:00")
    assert cal.between(at("2026-11-27T17:00"), due) == 4 * HOUR
    assert not cal.is_open(at("2026-11-28T10:00")) and cal.is_open(at("2026-11-30T08:00"))


def test_a_national_holiday_is_skipped_and_can_be_switched_off() -> None:
    # Friday 2026-11-20 (Consciência Negra) is a national holiday in Brazil since 2024.
    start = at("2026-11-19T17:00")
    assert office().add(start, 2 * HOUR) == at("2026-11-23T09:00")
    assert office(holiday_country="").add(start, 2 * HOUR) == at("2026-11-20T09:00")
    extra = office(holiday_country="", extra_holidays=[date(2026, 11, 20)])
    assert extra.add(start, 2 * HOUR) == at("2026-11-23T09:00")
    assert office().is_holiday(date(2026, 12, 25)) and not office().is_holiday(date(2026, 12, 24))


def test_a_call_opened_at_night_starts_counting_at_the_next_opening() -> None:
    cal = office()
    assert cal.add(at("2026-11-24T22:30"), 30 * 60) == at("2026-11-25T08:30")
    assert cal.add(at("2026-11-25T06:00"), 0) == at("2026-11-25T08:00")
    assert cal.between(at("2026-11-24T22:30"), at("2026-11-25T08:00")) == 0


def test_new_york_spring_forward_keeps_opening_hours_in_local_time() -> None:
    # 2026-03-08: clocks go from 02:00 EST to 03:00 EDT; the office still opens at 08:00 local.
    cal = office(NY, holiday_country="US")
    due = cal.add(at("2026-03-06T17:00", NY), 3 * HOUR)
    assert due == at("2026-03-09T10:00", NY)
    # Friday 17:00 to Monday 10:00 is 65 hours on the wall clock but 64 real ones; none counted
    # but the three office hours.
    assert due - at("2026-03-06T17:00", NY) == 64 * HOUR
    assert datetime.fromtimestamp(due, NY).hour == 10


def test_sao_paulo_2018_dst_start_skipped_midnight() -> None:
    # 2018-11-04 (Sunday): clocks went from 00:00 to 01:00. A round-the-clock Sunday is 23 hours.
    cal = office(hours={"sun": "00:00-24:00"}, holiday_country="")
    sunday = cal.between(at("2018-11-03T23:00"), at("2018-11-05T00:00"))
    assert sunday == 23 * HOUR
    # Saturday is closed; Sunday opens at its midnight, which the clocks skipped: the count
    # starts at the jump (01:00 on the clock), one hour later the clocks show 02:00.
    assert cal.add(at("2018-11-03T23:30"), HOUR) == at("2018-11-04T02:00")
    assert datetime.fromtimestamp(cal.add(at("2018-11-04T01:30"), HOUR), SP).hour == 2


def test_negative_budgets_walk_back_through_office_hours() -> None:
    cal = office()
    assert cal.add(at("2026-11-30T09:00"), -2 * HOUR) == at("2026-11-27T17:00")
    assert cal.between(at("2026-11-30T09:00"), at("2026-11-27T17:00")) == -2 * HOUR


def test_always_open_is_plain_arithmetic() -> None:
    cal = BusinessCalendar.always()
    assert cal.add(100.0, 50.0) == 150.0 and cal.between(100.0, 40.0) == -60.0 and cal.is_open(0.0)


def test_settings_section_defaults_and_errors() -> None:
    assert BusinessCalendar.from_settings({}).always_open
    cal = BusinessCalendar.from_settings(
        {
            "callsystem": {
                "calendar": {
                    "time_zone": "America/Sao_Paulo",
                    "extra_holidays": ["2026-12-24"],
                    "hours": {"mon": "08:00-12:00, 13:00-18:00", "sat": "09:00-13:00"},
                }
            }
        }
    )
    assert not cal.always_open and cal.is_holiday(date(2026, 12, 24)) and cal.is_holiday(date(2026, 12, 25))
    assert cal.between(at("2026-11-23T00:00"), at("2026-11-24T00:00")) == 9 * HOUR
    assert cal.between(at("2026-11-28T00:00"), at("2026-11-29T00:00")) == 4 * HOUR
    assert cal.between(at("2026-11-24T00:00"), at("2026-11-25T00:00")) == 10 * HOUR  # default weekday
    for bad in (
        {"time_zone": "Mars/Olympus"},
        {"hours": {"mon": "18:00-08:00"}},
        {"hours": {"funday": "08:00-18:00"}},
        {"extra_holidays": ["soon"]},
        {"holidays": "XX"},
        {"hours": dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), "")},
    ):
        with pytest.raises(CalendarError, match=r"callsystem\.calendar"):
            BusinessCalendar.from_settings({"callsystem": {"calendar": bad}})


def test_span_parsing() -> None:
    assert parse_spans("") == ()
    assert len(parse_spans("08:00-12:00,13:00-24:00")) == 2
    with pytest.raises(CalendarError):
        parse_spans("08:00-12:00, 11:00-13:00")
