"""The figures of an operations report, computed from the operations ledger over a period.

Pure Python (no Qt, no database). Every figure is defined here once; `docs/supervisors.md`
explains them in words:

- opened: calls created in the period (deleted calls count nowhere);
- closed: calls whose resolution (status `resolved` or `closed`, the last one after a reopen)
  falls in the period;
- SLA met %: of the calls closed in the period with a due time, those resolved by it;
- time to first action: from creation to the first status change, note, assignment or close, for
  calls created in the period that have one; time to resolution: from creation to resolution,
  for calls closed in the period; both counted in the office's business hours (the calendar),
  as median and 90th percentile (linear interpolation between the nearest ranks);
- reopen rate: of the calls closed in the period, those that had been reopened at least once;
- tasks completed: tasks whose completion falls in the period (deleted ones not counted);
  tasks overdue: not completed at the end of the period with a due date before its last day.

Per operator, a call counts for its assignee when it was resolved (else for whoever resolved
it), an opened call for whoever registered it, a first action for whoever took it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from event_console.operations import CallFacts, OperationsLedger
from integrado.calendar import BusinessCalendar


def quantile(values: list[float], q: float) -> float | None:
    """The q-quantile of `values` by linear interpolation between the nearest ranks (numpy's
    default, Excel's PERCENTILE.INC); None for no values. Sorts `values` in place."""
    if not values:
        return None
    values.sort()
    rank = q * (len(values) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (rank - low)


@dataclass
class Durations:
    """Seconds (business time) collected for one figure; summarised as median and p90."""

    values: list[float] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float | None:
        return quantile(self.values, 0.5)

    @property
    def p90(self) -> float | None:
        return quantile(self.values, 0.9)


@dataclass
class Group:
    """The call figures of the whole operation, one operator or one category."""

    name: str
    opened: int = 0
    closed: int = 0
    sla_known: int = 0
    sla_met: int = 0
    reopened: int = 0
    first_action: Durations = field(default_factory=Durations)
    resolution: Durations = field(default_factory=Durations)

    @property
    def sla_met_pct(self) -> float | None:
        return 100.0 * self.sla_met / self.sla_known if self.sla_known else None

    @property
    def reopen_rate_pct(self) -> float | None:
        return 100.0 * self.reopened / self.closed if self.closed else None


@dataclass
class Day:
    """One calendar day of the period."""

    day: date
    opened: int = 0
    closed: int = 0
    sla_known: int = 0
    sla_met: int = 0
    tasks_completed: int = 0

    @property
    def sla_met_pct(self) -> float | None:
        return 100.0 * self.sla_met / self.sla_known if self.sla_known else None


@dataclass
class Report:
    """A period's figures: the totals, each day, each operator and each category."""

    first_day: date
    last_day: date
    start: float
    end: float
    zone: str
    business_hours: bool
    total: Group
    days: list[Day]
    operators: list[Group]
    categories: list[Group]
    awaiting_first_action: int = 0
    tasks_created: int = 0
    tasks_completed: int = 0
    tasks_overdue: int = 0
    events_read: int = 0

    @property
    def is_daily(self) -> bool:
        return self.first_day == self.last_day


def period(calendar: BusinessCalendar, first_day: date, last_day: date) -> tuple[float, float]:
    """[start, end) in epoch seconds of the days first_day..last_day in the calendar's zone."""
    return calendar.day_start(first_day), calendar.day_start(last_day + timedelta(days=1))


def compute(
    ledger: OperationsLedger, calendar: BusinessCalendar, first_day: date, last_day: date, *, events_read: int = 0
) -> Report:
    """The report of the days first_day..last_day (inclusive) from a ledger that holds every
    event up to the end of the period."""
    start, end = period(calendar, first_day, last_day)
    days = {
        first_day + timedelta(days=i): Day(first_day + timedelta(days=i))
        for i in range((last_day - first_day).days + 1)
    }
    total = Group("")
    operators: dict[str, Group] = {}
    categories: dict[str, Group] = {}
    awaiting = 0

    def groups(*names: tuple[dict[str, Group], str]) -> Iterable[Group]:
        yield total
        for table, name in names:
            group = table.get(name)
            if group is None:
                group = table[name] = Group(name)
            yield group

    def day_of(at: float) -> Day | None:
        return days.get(calendar.local_date(at))

    for call in ledger.calls.values():
        if call.deleted:
            continue
        category = call.category or "—"
        if start <= call.created_at < end:
            for g in groups((categories, category), (operators, call.created_by or "—")):
                g.opened += 1
            if (d := day_of(call.created_at)) is not None:
                d.opened += 1
            if call.first_action_at is not None:
                waited = calendar.between(call.created_at, call.first_action_at)
                for g in groups((categories, category), (operators, call.first_action_by or "—")):
                    g.first_action.values.append(waited)
            elif call.is_open:
                awaiting += 1
        if call.resolved_at is not None and start <= call.resolved_at < end:
            _count_resolution(call, calendar, groups((categories, category), (operators, _credited(call))))
            if (d := day_of(call.resolved_at)) is not None:
                d.closed += 1
                if call.sla_met is not None:
                    d.sla_known += 1
                    d.sla_met += call.sla_met

    tasks_created = tasks_completed = overdue = 0
    for task in ledger.tasks.values():
        if task.deleted:
            continue
        if start <= task.created_at < end:
            tasks_created += 1
        if task.completed and task.completed_at is not None and start <= task.completed_at < end:
            tasks_completed += 1
            if (d := day_of(task.completed_at)) is not None:
                d.tasks_completed += 1
        if not task.completed and task.due is not None and task.due < last_day and task.created_at < end:
            overdue += 1

    def ordered(table: dict[str, Group]) -> list[Group]:
        return sorted(table.values(), key=lambda g: (-g.closed, -g.opened, g.name))

    return Report(
        first_day=first_day,
        last_day=last_day,
        start=start,
        end=end,
        zone=str(calendar.zone),
        business_hours=not calendar.always_open,
        total=total,
        days=list(days.values()),
        operators=ordered(operators),
        categories=ordered(categories),
        awaiting_first_action=awaiting,
        tasks_created=tasks_created,
        tasks_completed=tasks_completed,
        tasks_overdue=overdue,
        events_read=events_read,
    )


def _credited(call: CallFacts) -> str:
    return call.assignee or call.resolved_by or "—"


def _count_resolution(call: CallFacts, calendar: BusinessCalendar, groups: Iterable[Group]) -> None:
    assert call.resolved_at is not None
    took = calendar.between(call.created_at, call.resolved_at)
    for g in groups:
        g.closed += 1
        g.resolution.values.append(took)
        if call.sla_met is not None:
            g.sla_known += 1
            g.sla_met += call.sla_met
        if call.reopen_count:
            g.reopened += 1
