"""The report's figures on the seeded day (tests/helpers/demo/operations_day.py), against numbers
worked out by hand from its timeline; then the same day stored in a history database and read
back the way `integrado report` reads it, and the CSV written from it."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from event_console.operations import OperationsLedger
from event_console.reports.csv_report import CSV_HEADER, write_csv
from event_console.reports.figures import Report, compute, quantile
from event_console.reports.reader import ReportCancelled, fold_history
from helpers.demo.console import DemoTraffic
from helpers.demo.operations_day import DAY, ZONE, OpsBuilder, local, operations_day
from integrado.calendar import BusinessCalendar
from integrado.db import make_engine
from integrado.events import Codec, ReceivedEvent, encode
from integrado.history import HistoryStore

MONDAY = date.fromisoformat(DAY)
OFFICE = BusinessCalendar.office(ZONE)
MIN = 60.0


def day_report(calendar: BusinessCalendar = OFFICE) -> Report:
    ledger = OperationsLedger()
    for env in operations_day().events:
        ledger.apply(env, env["origin"])
    return compute(ledger, calendar, MONDAY, MONDAY)


def test_quantiles_interpolate_between_ranks() -> None:
    assert quantile([], 0.5) is None
    assert quantile([3.0], 0.9) == 3.0
    assert quantile([40.0, 10.0, 30.0, 5.0], 0.5) == 20.0
    assert quantile([5.0, 10.0, 30.0, 40.0], 0.9) == pytest.approx(37.0)


def test_the_seeded_day_by_hand() -> None:
    report = day_report()
    total = report.total
    # Opened: calls 1-5 (6 was deleted). Closed: 1 (09:40), 2 (12:20), 3 (13:15), 5 (17:00).
    assert (total.opened, total.closed) == (5, 4)
    # Due times met by 1 and 3; 2 closed 20 minutes late, 5 ten minutes late.
    assert (total.sla_met, total.sla_known, total.sla_met_pct) == (2, 4, 50.0)
    # First actions after 10 (#1), 30 (#2), 5 (#3) and 40 (#5) minutes; #4 still waits.
    assert total.first_action.median == 20 * MIN
    assert total.first_action.p90 == pytest.approx(37 * MIN)  # 30 + 0.7 x (40 - 30)
    assert report.awaiting_first_action == 1
    # Resolution after 40 (#1), 170 (#2), 195 (#3) and 60 (#5) minutes.
    assert total.resolution.median == 115 * MIN
    assert total.resolution.p90 == pytest.approx(187.5 * MIN)  # 170 + 0.7 x (195 - 170)
    assert total.reopen_rate_pct == 25.0  # #3 was reopened once
    assert (report.tasks_created, report.tasks_completed, report.tasks_overdue) == (3, 2, 1)
    [day] = report.days
    assert (day.opened, day.closed, day.sla_met_pct, day.tasks_completed) == (5, 4, 50.0, 2)


def test_per_operator_and_per_category_by_hand() -> None:
    report = day_report()
    ops = {g.name: g for g in report.operators}
    # Closed calls count for the assignee: ana #1, bruno #2 (assigned to him), carla #3 and #5.
    assert [(g.name, g.closed, g.sla_met_pct) for g in report.operators] == [
        ("carla", 2, 50.0),
        ("ana", 1, 100.0),
        ("bruno", 1, 0.0),
    ]
    # Opened by who registered them: ana #1 #2, carla #3 #5, bruno #4.
    assert (ops["ana"].opened, ops["bruno"].opened, ops["carla"].opened) == (2, 1, 2)
    # First actions by who took them: bruno's note on #2 after 30 minutes.
    assert ops["bruno"].first_action.values == [30 * MIN]
    assert ops["carla"].resolution.median == (195 + 60) / 2 * MIN and ops["carla"].reopen_rate_pct == 50.0
    cats = {g.name: g for g in report.categories}
    assert (cats["internet"].opened, cats["internet"].closed, cats["internet"].sla_met) == (3, 3, 1)
    assert (cats["billing"].opened, cats["billing"].closed, cats["billing"].sla_met_pct) == (2, 1, 100.0)


def test_durations_count_office_hours_only() -> None:
    # With a lunch break from 12:00 to 13:00, #2 (09:30-12:20) took 150 minutes and #3
    # (10:00-13:15) 135: the hour of #2 and #3 spent at lunch does not count.
    lunch = BusinessCalendar.office(ZONE, {day: "08:00-12:00, 13:00-18:00" for day in ("mon", "tue")})
    report = day_report(lunch)
    assert sorted(report.total.resolution.values) == [40 * MIN, 60 * MIN, 135 * MIN, 150 * MIN]


def test_the_day_before_is_empty_and_a_week_holds_the_day() -> None:
    ledger = OperationsLedger()
    for env in operations_day().events:
        ledger.apply(env, env["origin"])
    sunday = date(2026, 11, 22)
    assert compute(ledger, OFFICE, sunday, sunday).total.opened == 0
    week = compute(ledger, OFFICE, MONDAY, date(2026, 11, 29))
    assert not week.is_daily and len(week.days) == 7 and week.total.closed == 4
    assert [d.closed for d in week.days] == [4, 0, 0, 0, 0, 0, 0]


def stored_day(tmp_path: Path) -> HistoryStore:
    store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    codec = Codec()
    batch = []
    for env in operations_day().events:
        channel = "calls_channel" if env["system"] == "callsystem" else "tasks"
        decoded = codec.decode(encode(env), channel)
        assert isinstance(decoded, ReceivedEvent)
        batch.append(decoded)
    store.store(batch, None)
    return store


def test_read_back_from_the_history_gives_the_same_figures_and_csv(tmp_path: Path) -> None:
    store = stored_day(tmp_path)
    seen: list[tuple[int, int]] = []
    start, end = OFFICE.day_start(MONDAY), OFFICE.day_start(date(2026, 11, 24))
    ledger = fold_history(store.engine, end, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (26, 100) and ledger.events_applied == 26
    report = compute(ledger, OFFICE, MONDAY, MONDAY)
    assert (report.total.opened, report.total.closed, report.total.sla_met_pct) == (5, 4, 50.0)
    out = io.StringIO()
    write_csv(report, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1] == [
        "total",
        "2026-11-23..2026-11-23",
        "5",
        "4",
        "50.0",
        "20.0",
        "37.0",
        "115.0",
        "187.5",
        "25.0",
        "2",
    ]
    assert rows[2][:5] == ["day", "2026-11-23", "5", "4", "50.0"]
    assert [r[1] for r in rows if r[0] == "operator"] == ["carla", "ana", "bruno"]
    # Only what happened before the end is read: the morning alone has three calls open.
    morning = fold_history(store.engine, start + 10.5 * 3600)
    assert len(morning.calls) == 3 and start < morning.last_event_at <= start + 10.5 * 3600  # type: ignore[operator]
    with pytest.raises(ReportCancelled):
        fold_history(store.engine, end, cancelled=lambda: True)
    store.engine.dispose()


def test_folding_from_columns_equals_folding_every_json(tmp_path: Path) -> None:
    # The reader parses the JSON of a few event types only; the facts must be the same as when
    # every event's JSON is folded (the seeded day, then a few thousand simulated events).
    traffic = DemoTraffic(seed=3)
    envelopes = operations_day().events + list(traffic.many(3000, start=OFFICE.day_start(MONDAY), spacing=7.0))
    store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    codec = Codec()
    decoded = [
        codec.decode(encode(env), "calls_channel" if env["system"] == "callsystem" else "tasks") for env in envelopes
    ]
    store.store([d for d in decoded if isinstance(d, ReceivedEvent)], None)
    from_columns = fold_history(store.engine, OFFICE.day_start(date(2026, 12, 1)))
    from_json = OperationsLedger()
    for env in envelopes:
        from_json.apply(env, env["origin"])
    assert from_columns.events_applied == from_json.events_applied == len(envelopes)
    assert from_columns.calls == from_json.calls
    assert from_columns.tasks == from_json.tasks
    assert from_columns.operators == from_json.operators
    store.engine.dispose()


def test_a_database_error_in_the_reading_thread_reaches_the_caller(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'no-history.db'}")  # no events table
    with pytest.raises(Exception, match="no such table"):
        fold_history(engine, 2e9)
    engine.dispose()


def test_reading_only_the_periods_entities_gives_the_same_report(tmp_path: Path) -> None:
    # Three weeks of other traffic around the seeded Monday (calls and tasks opened before it
    # and closed in it, or still open), some with due dates: the report of the Monday and of
    # its week are the same whether the whole history is read or only what they can count.
    store = stored_day(tmp_path)
    codec = Codec()
    traffic = DemoTraffic(seed=5)
    envelopes = list(traffic.many(4000, start=OFFICE.day_start(date(2026, 11, 9)), spacing=450.0))
    for i, env in enumerate(envelopes):
        if env["system"] == "taskmanager" and i % 3 == 0:
            env["data"]["due"] = "2026-11-20"
    # A task overdue at the Monday's end, untouched on it, completed after it: counted on Monday.
    late = OpsBuilder("laptop-db")
    late.task_created(local("2026-11-16", "10:00"), 9, "ana", due="2026-11-20")
    late.task_completed(local("2026-11-25", "10:00"), 9, "ana")
    envelopes += late.events
    decoded = [
        codec.decode(encode(env), "calls_channel" if env["system"] == "callsystem" else "tasks") for env in envelopes
    ]
    store.store([d for d in decoded if isinstance(d, ReceivedEvent)], None)
    for first, last in ((MONDAY, MONDAY), (MONDAY, date(2026, 11, 29)), (date(2026, 11, 16), date(2026, 11, 22))):
        start, end = OFFICE.day_start(first), OFFICE.day_start(last + timedelta(days=1))
        whole = fold_history(store.engine, end)
        some = fold_history(store.engine, end, start=start)
        assert some.events_applied < whole.events_applied
        texts = []
        for ledger in (whole, some):
            out = io.StringIO()
            write_csv(compute(ledger, OFFICE, first, last), out)
            texts.append(out.getvalue())
        assert texts[0] == texts[1]
        assert compute(whole, OFFICE, first, last).tasks_overdue == compute(some, OFFICE, first, last).tasks_overdue
    store.engine.dispose()
