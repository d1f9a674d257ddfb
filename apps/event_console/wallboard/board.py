"""The wallboard's figures, kept current one event at a time.

`OperationsBoard` feeds every event to the operations ledger (`event_console.operations`) and
keeps, beside it, the few indexes the tiles need so that no figure scans the history: the open
calls, the open tasks counted by due date and the resolution times in order. `figures(now)` then
looks only at what is open (hundreds of calls in a busy office, not the million events behind
them); the clock-driven tiles (over SLA, due soon, oldest unassigned) are recomputed from those
once a second. What no tile will read again (calls resolved before yesterday, their resolution
times) is pruned, so the board stays small enough to checkpoint.

No Qt and no database here.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from event_console.operations import CallFacts, EntityKey, OperationsLedger, TaskFacts
from event_console.wallboard.targets import Tile

DUE_SOON_SECONDS = 30 * 60.0
# Events of these systems are not operations (the consoles' own alerts): the board skips them.
_NOT_OPERATIONS = frozenset({"console"})


def day_start(at: float) -> float:
    """Local midnight of the day `at` falls on (DST-safe: mktime resolves the wall clock)."""
    local = time.localtime(at)
    return time.mktime((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0, 0, 0, -1))


def same_time_yesterday(at: float) -> float:
    """The same wall-clock time one calendar day earlier (23 or 25 hours back across DST)."""
    moment = datetime.fromtimestamp(at) - timedelta(days=1)
    return time.mktime((*moment.timetuple()[:6], 0, 0, -1)) + moment.microsecond / 1e6


@dataclass(frozen=True, slots=True)
class OperatorRow:
    """One operator's cell: their desk and their day."""

    user: str
    open: int
    in_progress: int
    waiting: int
    resolved_today: int
    last_activity_at: float | None


@dataclass(frozen=True, slots=True)
class BoardFigures:
    """Everything the wallboard shows at one moment."""

    at: float
    values: Mapping[Tile, float | None]
    resolved_today: int
    resolved_yesterday: int
    oldest_unassigned_seconds: float | None
    operators: tuple[OperatorRow, ...]
    open_calls: int
    events: int


@dataclass(slots=True)
class OperationsBoard:
    """The ledger and the wallboard's indexes over it; `last_row_id` is the history row folded last."""

    ledger: OperationsLedger = field(default_factory=OperationsLedger)
    open_calls: dict[EntityKey, CallFacts] = field(default_factory=dict)
    # Open tasks by due date (what each open task was counted under): overdue is a sum over the
    # dates before today, not a pass over every open task.
    tasks_by_due: dict[date, int] = field(default_factory=dict)
    _task_due: dict[EntityKey, date] = field(default_factory=dict)
    # (time, credited operator) of every resolution since the day before yesterday, in time order.
    resolutions: list[tuple[float, str]] = field(default_factory=list)
    _resolved_at: dict[EntityKey, float] = field(default_factory=dict)
    last_row_id: int = 0

    def apply(self, event: Mapping[str, Any], origin: str, at: float | None = None) -> CallFacts | TaskFacts | None:
        """Fold one decoded event (an envelope or the older system's shape)."""
        if event.get("system") in _NOT_OPERATIONS:
            return None
        facts = self.ledger.apply(event, origin, at)
        if isinstance(facts, CallFacts):
            self._index_call(facts)
        elif isinstance(facts, TaskFacts):
            self._index_task(facts)
        return facts

    def apply_row(
        self,
        system: str,
        event_type: str,
        entity_id: str,
        origin: str,
        user: str,
        status: str,
        at: float,
        raw: str | bytes | None,
    ) -> CallFacts | TaskFacts | None:
        """Fold one event from the history's columns (the ledger's `apply_row`: the JSON only
        where the columns lack what the event changes); the same facts as `apply`."""
        if system in _NOT_OPERATIONS:
            return None
        facts = self.ledger.apply_row(system, event_type, entity_id, origin, user, status, at, raw)
        if isinstance(facts, CallFacts):
            self._index_call(facts)
        elif isinstance(facts, TaskFacts):
            self._index_task(facts)
        return facts

    def _index_task(self, facts: TaskFacts) -> None:
        key = facts.key
        was = self._task_due.pop(key, None)
        if was is not None:
            left = self.tasks_by_due[was] - 1
            if left:
                self.tasks_by_due[was] = left
            else:
                del self.tasks_by_due[was]
        if not facts.completed and not facts.deleted and facts.due is not None:
            self._task_due[key] = facts.due
            self.tasks_by_due[facts.due] = self.tasks_by_due.get(facts.due, 0) + 1

    def _index_call(self, facts: CallFacts) -> None:
        key = facts.key
        if facts.is_open:
            self.open_calls[key] = facts
        else:
            self.open_calls.pop(key, None)
        resolved = facts.resolved_at
        if resolved is None:
            self._resolved_at.pop(key, None)
        elif self._resolved_at.get(key) != resolved:
            self._resolved_at[key] = resolved
            bisect.insort(self.resolutions, (resolved, facts.assignee or facts.resolved_by))

    # -- reading ------------------------------------------------------------------------------

    def first_action_queue(self) -> list[CallFacts]:
        """Open calls nobody has acted on yet, oldest first."""
        waiting = [f for f in self.open_calls.values() if f.first_action_at is None]
        waiting.sort(key=lambda f: (f.created_at, f.key))
        return waiting

    def figures(self, now: float) -> BoardFigures:
        """The tiles and the operators' cells at `now`; O(open calls + distinct due dates)."""
        waiting_first = over_sla = due_soon = 0
        oldest_unassigned: float | None = None
        desks: dict[str, list[int]] = {}
        for facts in self.open_calls.values():
            if facts.first_action_at is None:
                waiting_first += 1
            due = facts.sla_due_at
            # A paused clock (waiting on the caller) neither breaches nor comes due.
            if due is not None and not facts.sla_paused:
                if due < now:
                    over_sla += 1
                elif due < now + DUE_SOON_SECONDS:
                    due_soon += 1
            if not facts.assignee:
                age = now - facts.created_at
                if oldest_unassigned is None or age > oldest_unassigned:
                    oldest_unassigned = age
            else:
                desk = desks.setdefault(facts.assignee, [0, 0, 0])
                desk[0] += 1
                if facts.status == "in_progress":
                    desk[1] += 1
                elif facts.status == "waiting":
                    desk[2] += 1
        today = date.fromtimestamp(now)
        overdue_tasks = sum(count for due, count in self.tasks_by_due.items() if due < today)
        midnight = day_start(now)
        start_today = bisect.bisect_left(self.resolutions, (midnight,))
        resolved_today = self._count_between(midnight, now)
        yesterday = same_time_yesterday(now)
        resolved_yesterday = self._count_between(day_start(yesterday), yesterday)
        by_operator: dict[str, int] = {}
        for at, user in self.resolutions[start_today:]:
            if at <= now and user:
                by_operator[user] = by_operator.get(user, 0) + 1
        operators = []
        for user, op in self.ledger.operators.items():
            desk = desks.get(user, [0, 0, 0])
            active_today = op.last_activity_at is not None and op.last_activity_at >= midnight
            if not user or not (desk[0] or active_today or by_operator.get(user)):
                continue
            operators.append(
                OperatorRow(user, desk[0], desk[1], desk[2], by_operator.get(user, 0), op.last_activity_at)
            )
        operators.sort(key=lambda row: row.user.casefold())
        ratio = None if resolved_yesterday == 0 else 100.0 * resolved_today / resolved_yesterday
        values: dict[Tile, float | None] = {
            Tile.WAITING_FIRST_ACTION: waiting_first,
            Tile.OVER_SLA: over_sla,
            Tile.DUE_SOON: due_soon,
            Tile.OLDEST_UNASSIGNED: None if oldest_unassigned is None else oldest_unassigned / 60.0,
            Tile.RESOLVED_TODAY: ratio,
            Tile.TASKS_OVERDUE: overdue_tasks,
        }
        return BoardFigures(
            at=now,
            values=values,
            resolved_today=resolved_today,
            resolved_yesterday=resolved_yesterday,
            oldest_unassigned_seconds=oldest_unassigned,
            operators=tuple(operators),
            open_calls=len(self.open_calls),
            events=self.ledger.events_applied,
        )

    def _count_between(self, start: float, end: float) -> int:
        """Resolutions at `start` <= t <= `end`."""
        return bisect.bisect_right(self.resolutions, (end, "\U0010ffff")) - bisect.bisect_left(
            self.resolutions, (start,)
        )

    # -- keeping it small ---------------------------------------------------------------------

    def prune(self, now: float) -> int:
        """Forget what no tile reads again: calls and tasks closed before yesterday, and older
        resolution times. A forgotten call that comes back (reopened) is rebuilt from that
        event's snapshot, which holds the whole call. Returns how many entities were dropped."""
        horizon = day_start(day_start(now) - 1)  # yesterday's midnight
        calls, tasks = self.ledger.calls, self.ledger.tasks
        stale_calls = [k for k, f in calls.items() if not f.is_open and f.last_event_at < horizon]
        for key in stale_calls:
            del calls[key]
            self._resolved_at.pop(key, None)
        # Every task untouched since before yesterday: an open one stays counted under its due
        # date, and its next event (a snapshot of the whole task) brings its facts back.
        stale_tasks = [k for k, t in tasks.items() if t.last_event_at < horizon]
        for key in stale_tasks:
            del tasks[key]
        cut = bisect.bisect_left(self.resolutions, (horizon,))
        if cut:
            del self.resolutions[:cut]
        for op in self.ledger.operators.values():
            if op.resolutions and op.resolutions[0] < horizon:
                op.resolutions[:] = [t for t in op.resolutions if t >= horizon]
        return len(stale_calls) + len(stale_tasks)
