"""Human-readable, translatable names for the domain's values (statuses, priorities, ...) and
the formatting of SLA countdowns and timestamps, shared by the models and the views."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtGui import QColor

from callsystem_gui.vocabulary import (
    FIELD_NAMES,
    CallError,
    Channel,
    Level,
    Priority,
    Status,
    Timestamp,
    ValidationError,
)


def status_label(status: Status) -> str:
    return {
        Status.NEW: QCoreApplication.translate("CallSystem", "New"),
        Status.IN_PROGRESS: QCoreApplication.translate("CallSystem", "In progress"),
        Status.WAITING: QCoreApplication.translate("CallSystem", "Waiting on caller"),
        Status.RESOLVED: QCoreApplication.translate("CallSystem", "Resolved"),
        Status.CLOSED: QCoreApplication.translate("CallSystem", "Closed"),
    }[status]


def priority_label(priority: Priority) -> str:
    return {
        Priority.CRITICAL: QCoreApplication.translate("CallSystem", "Critical"),
        Priority.HIGH: QCoreApplication.translate("CallSystem", "High"),
        Priority.MEDIUM: QCoreApplication.translate("CallSystem", "Medium"),
        Priority.LOW: QCoreApplication.translate("CallSystem", "Low"),
    }[priority]


def level_label(level: Level) -> str:
    return {
        Level.LOW: QCoreApplication.translate("CallSystem", "Low"),
        Level.MEDIUM: QCoreApplication.translate("CallSystem", "Medium"),
        Level.HIGH: QCoreApplication.translate("CallSystem", "High"),
    }[level]


def channel_label(channel: Channel) -> str:
    return {
        Channel.PHONE: QCoreApplication.translate("CallSystem", "Phone"),
        Channel.EMAIL: QCoreApplication.translate("CallSystem", "E-mail"),
        Channel.WALK_IN: QCoreApplication.translate("CallSystem", "Walk-in"),
    }[channel]


def field_label(name: str) -> str:
    """A field's name as the form labels it (the English names are marked in the domain)."""
    return QCoreApplication.translate("CallSystem", FIELD_NAMES.get(name, name))


def error_text(error: CallError) -> str:
    """The error in the operator's language: its template translated (context "CallError"), its
    values shown as the window shows them: fields by label, statuses by name, times in local time."""
    template = QCoreApplication.translate("CallError", error.template)
    params = {name: _shown(value) for name, value in error.params.items()}
    if isinstance(error, ValidationError):
        params["field"] = field_label(error.field)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return str(error)  # a broken translation must not hide the message


def _shown(value: object) -> object:
    if isinstance(value, Status):
        return status_label(value)
    if isinstance(value, Timestamp):
        return format_time(value)
    return value


PRIORITY_COLOURS = {
    Priority.CRITICAL: QColor("#c62828"),
    Priority.HIGH: QColor("#ef6c00"),
    Priority.MEDIUM: QColor("#f9a825"),
    Priority.LOW: QColor("#2e7d32"),
}
STATUS_COLOURS = {
    Status.NEW: QColor("#1565c0"),
    Status.IN_PROGRESS: QColor("#6a1b9a"),
    Status.WAITING: QColor("#8d6e63"),
    Status.RESOLVED: QColor("#2e7d32"),
    Status.CLOSED: QColor("#757575"),
}


def format_duration(seconds: float) -> str:
    """A compact countdown: "2h 05m", "12m 30s", "3d 4h"."""
    total = int(abs(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("CallSystem", "%1d %2h").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {secs:02d}s"


def format_sla(status: Status, remaining: float) -> str:
    if status in (Status.RESOLVED, Status.CLOSED):
        return (
            QCoreApplication.translate("CallSystem", "met")
            if remaining >= 0
            else QCoreApplication.translate("CallSystem", "breached")
        )
    if status == Status.WAITING:
        return QCoreApplication.translate("CallSystem", "paused · %1").replace("%1", format_duration(remaining))
    if remaining < 0:
        return QCoreApplication.translate("CallSystem", "overdue %1").replace("%1", format_duration(remaining))
    return format_duration(remaining)


def format_time(epoch: float) -> str:
    locale = QLocale()
    moment = QDateTime.fromSecsSinceEpoch(int(epoch))
    if locale.language() == QLocale.Language.C:
        # The C locale's short format ("25 11 2026") reads badly; offices get day/month/year.
        return moment.toString("dd/MM/yyyy HH:mm")
    return locale.toString(moment, QLocale.FormatType.ShortFormat)
