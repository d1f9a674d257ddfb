"""The wallboard's figures from events: each tile on a small hand-made history."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import pytest

from event_console.wallboard.board import OperationsBoard, day_start, same_time_yesterday
from event_console.wallboard.targets import DEFAULT_TARGETS, Level, Target, TargetsError, Tile, load_targets

ORIGIN = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"
# A Wednesday at 11:00 local time: today and yesterday are ordinary days.
NOW = time.mktime((2026, 11, 25, 11, 0, 0, 0, 0, -1))


def call(event_type: str, ident: int, user: str = "ana", **data: Any) -> dict[str, Any]:
    snapshot = {"id": ident, "status": "new", "assignee": "", "created_at": data.pop("created_at", NOW - 3600)}
    snapshot.update(data)
    return {
        "system": "callsystem",
        "type": event_type,
        "id": ident,
        "actor": {"user": user, "host": "pc"},
        "data": snapshot,
    }


def task(event_type: str, ident: int, **data: Any) -> dict[str, Any]:
    return {
        "system": "taskmanager",
        "type": event_type,
        "id": ident,
        "actor": {"user": "bia", "host": "pc"},
        "data": data,
    }


def test_tiles_from_a_small_office() -> None:
    board = OperationsBoard()
    # 1: new, nobody touched it, due in 10 minutes, unassigned since 50 minutes.
    board.apply(call("call.created", 1, sla_due_at=NOW + 600, created_at=NOW - 3000), ORIGIN, NOW - 3000)
    # 2: taken by ana, in progress, 5 minutes over its SLA.
    board.apply(call("call.created", 2, sla_due_at=NOW - 300), ORIGIN, NOW - 3600)
    board.apply(call("call.assigned", 2, assignee="ana", sla_due_at=NOW - 300), ORIGIN, NOW - 3500)
    board.apply(
        call("call.status_changed", 2, status="in_progress", assignee="ana", sla_due_at=NOW - 300), ORIGIN, NOW - 3400
    )
    # 3: waiting on the caller: its clock is paused, so neither over SLA nor due soon.
    board.apply(call("call.created", 3, sla_due_at=NOW - 60), ORIGIN, NOW - 3600)
    board.apply(
        call("call.status_changed", 3, status="waiting", assignee="caio", sla_due_at=NOW - 60, sla_paused=True),
        ORIGIN,
        NOW - 1800,
    )
    # 4: resolved today by caio; 5: resolved yesterday morning; 6: yesterday after this hour.
    board.apply(call("call.created", 4), ORIGIN, NOW - 7200)
    board.apply(call("call.status_changed", 4, "caio", status="resolved", assignee="caio"), ORIGIN, NOW - 600)
    yesterday = same_time_yesterday(NOW)
    board.apply(call("call.created", 5, created_at=yesterday - 7200), ORIGIN, yesterday - 7200)
    board.apply(call("call.closed", 5, "caio", status="closed", assignee="caio"), ORIGIN, yesterday - 3600)
    board.apply(call("call.created", 6, created_at=yesterday), ORIGIN, yesterday)
    board.apply(call("call.closed", 6, "caio", status="closed", assignee="caio"), ORIGIN, yesterday + 60)
    # Tasks: one overdue, one due today, one overdue but done.
    today = date.fromtimestamp(NOW)
    board.apply(
        task("task.created", 1, due=(today - timedelta(days=1)).isoformat(), completed=False), ORIGIN, NOW - 100
    )
    board.apply(task("task.created", 2, due=today.isoformat(), completed=False), ORIGIN, NOW - 100)
    board.apply(
        task("task.created", 3, due=(today - timedelta(days=3)).isoformat(), completed=False), ORIGIN, NOW - 100
    )
    board.apply(task("task.completed", 3, completed=True), ORIGIN, NOW - 50)

    figures = board.figures(NOW)
    assert figures.values[Tile.WAITING_FIRST_ACTION] == 1  # call 1 (3 was acted on by its status change)
    assert figures.values[Tile.OVER_SLA] == 1
    assert figures.values[Tile.DUE_SOON] == 1
    assert figures.values[Tile.OLDEST_UNASSIGNED] == pytest.approx(50.0)
    assert (figures.resolved_today, figures.resolved_yesterday) == (1, 1)
    assert figures.values[Tile.RESOLVED_TODAY] == pytest.approx(100.0)
    assert figures.values[Tile.TASKS_OVERDUE] == 1
    rows = {row.user: row for row in figures.operators}
    assert (rows["ana"].open, rows["ana"].in_progress, rows["ana"].waiting) == (1, 1, 0)
    assert (rows["caio"].open, rows["caio"].waiting, rows["caio"].resolved_today) == (1, 1, 1)


def test_the_same_call_in_two_origins_is_two_calls() -> None:
    board = OperationsBoard()
    board.apply(call("call.created", 1), ORIGIN, NOW - 10)
    board.apply(call("call.created", 1), "another-database", NOW - 10)
    assert board.figures(NOW).open_calls == 2


def test_console_alert_events_are_not_operations() -> None:
    board = OperationsBoard()
    board.apply(
        {"system": "console", "type": "alert.raised", "id": "x", "actor": {"user": "sup", "host": "h"}, "data": {}},
        "o",
        NOW,
    )
    assert board.ledger.operators == {} and board.ledger.events_applied == 0


def test_prune_keeps_what_the_tiles_read() -> None:
    board = OperationsBoard()
    old = NOW - 5 * 86400
    board.apply(call("call.created", 1, created_at=old), ORIGIN, old)
    board.apply(call("call.closed", 1, status="closed", assignee="ana"), ORIGIN, old + 60)
    board.apply(call("call.created", 2, created_at=old), ORIGIN, old)  # still open: kept
    board.apply(call("call.created", 3), ORIGIN, NOW - 60)
    board.apply(call("call.closed", 3, status="closed", assignee="ana"), ORIGIN, NOW - 30)
    overdue = (date.fromtimestamp(NOW) - timedelta(days=3)).isoformat()
    board.apply(task("task.created", 9, due=overdue, completed=False), ORIGIN, old)  # open, untouched since
    before = board.figures(NOW)
    assert before.values[Tile.TASKS_OVERDUE] == 1
    assert board.prune(NOW) == 2
    assert set(k[2] for k in board.ledger.calls) == {"2", "3"} and board.ledger.tasks == {}
    after = board.figures(NOW)
    assert after.values == before.values and after.resolved_today == before.resolved_today == 1
    # The pruned task's next event (a whole snapshot) is still counted right.
    board.apply(task("task.completed", 9, due=overdue, completed=True), ORIGIN, NOW - 10)
    assert board.figures(NOW).values[Tile.TASKS_OVERDUE] == 0


def test_day_boundaries_are_local_wall_clock() -> None:
    assert time.localtime(day_start(NOW))[3:6] == (0, 0, 0)
    assert time.localtime(same_time_yesterday(NOW))[2:5] == (24, 11, 0)


def test_targets_levels_and_settings() -> None:
    assert DEFAULT_TARGETS[Tile.OVER_SLA].level(0) is Level.GREEN
    assert DEFAULT_TARGETS[Tile.OVER_SLA].level(1) is Level.AMBER
    assert DEFAULT_TARGETS[Tile.OVER_SLA].level(3) is Level.RED
    assert DEFAULT_TARGETS[Tile.RESOLVED_TODAY].level(95) is Level.GREEN
    assert DEFAULT_TARGETS[Tile.RESOLVED_TODAY].level(80) is Level.AMBER
    assert DEFAULT_TARGETS[Tile.RESOLVED_TODAY].level(50) is Level.RED
    assert DEFAULT_TARGETS[Tile.RESOLVED_TODAY].level(None) is Level.GREEN
    targets = load_targets({"wallboard": {"targets": {"over_sla": {"amber": 2, "red": 4}}}})
    assert targets[Tile.OVER_SLA] == Target(2, 4)
    with pytest.raises(TargetsError, match="not a tile"):
        load_targets({"wallboard": {"targets": {"nope": {}}}})
    with pytest.raises(TargetsError, match="red must be above amber"):
        load_targets({"wallboard": {"targets": {"over_sla": {"amber": 5, "red": 1}}}})
