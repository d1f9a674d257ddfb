"""The report as one flat CSV table: a row for the whole period, one per day, per operator and
per category, with the same columns, so that a spreadsheet filters it by its first column.

Durations in minutes of business time, rates in percent, both with one decimal; an empty cell
where a figure has no data (no call closed: no SLA rate). Names are data: a cell that starts
like a formula is quoted, as the event export does."""

from __future__ import annotations

import csv
from typing import TextIO

from event_console.export import csv_safe
from event_console.reports.figures import Day, Group, Report

CSV_HEADER = (
    "section",
    "name",
    "opened",
    "closed",
    "sla_met_pct",
    "first_action_median_min",
    "first_action_p90_min",
    "resolution_median_min",
    "resolution_p90_min",
    "reopen_rate_pct",
    "tasks_completed",
)


def _num(value: float | None, scale: float = 1.0) -> str:
    return "" if value is None else f"{value / scale:.1f}"


def _group_row(section: str, group: Group, name: str, tasks: str = "") -> list[str]:
    return [
        section,
        csv_safe(name),
        str(group.opened),
        str(group.closed),
        _num(group.sla_met_pct),
        _num(group.first_action.median, 60),
        _num(group.first_action.p90, 60),
        _num(group.resolution.median, 60),
        _num(group.resolution.p90, 60),
        _num(group.reopen_rate_pct),
        tasks,
    ]


def _day_row(day: Day) -> list[str]:
    return (
        ["day", day.day.isoformat(), str(day.opened), str(day.closed), _num(day.sla_met_pct)]
        + [""] * 5
        + [str(day.tasks_completed)]
    )


def write_csv(report: Report, out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    period = f"{report.first_day.isoformat()}..{report.last_day.isoformat()}"
    writer.writerow(_group_row("total", report.total, period, str(report.tasks_completed)))
    for day in report.days:
        writer.writerow(_day_row(day))
    for group in report.operators:
        writer.writerow(_group_row("operator", group, group.name))
    for group in report.categories:
        writer.writerow(_group_row("category", group, group.name))
