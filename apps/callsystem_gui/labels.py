"""Human-readable, translatable names for the domain's values (statuses, priorities, ...) and
the formatting of SLA countdowns and timestamps, shared by the models and the views."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtGui import QColor

from callsystem_gui.domain import Channel, Level, Priority, Status


def _t(text: str) -> str:
    return QCoreApplication.translate("CallSystem", text)


def status_label(status: Status) -> str:
    return {
        Status.NEW: _t("New"),
        Status.IN_PROGRESS: _t("In progress"),
        Status.WAITING: _t("Waiting on caller"),
        Status.RESOLVED: _t("Resolved"),
        Status.CLOSED: _t("Closed"),
    }[status]


def priority_label(priority: Priority) -> str:
    return {
        Priority.CRITICAL: _t("Critical"),
        Priority.HIGH: _t("High"),
        Priority.MEDIUM: _t("Medium"),
        Priority.LOW: _t("Low"),
    }[priority]


def level_label(level: Level) -> str:
    return {Level.LOW: _t("Low"), Level.MEDIUM: _t("Medium"), Level.HIGH: _t("High")}[level]


def channel_label(channel: Channel) -> str:
    return {Channel.PHONE: _t("Phone"), Channel.EMAIL: _t("E-mail"), Channel.WALK_IN: _t("Walk-in")}[channel]


def field_label(name: str) -> str:
    # Literal _t() calls so that lupdate finds every field name.
    labels = {
        "caller_name": _t("Caller"),
        "phone": _t("Phone"),
        "subject": _t("Subject"),
        "description": _t("Description"),
        "category": _t("Category"),
        "channel": _t("Channel"),
        "urgency": _t("Urgency"),
        "impact": _t("Impact"),
        "resolution": _t("Resolution"),
        "note": _t("Note"),
        "assignee": _t("Operator"),
        "event": _t("Event"),
    }
    return labels.get(name, name)


def error_text(message: str) -> str:
    """Domain messages are English sentences; they go through the translator as they are."""
    return QCoreApplication.translate("CallErrors", message)


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
        return _t("%1d %2h").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {secs:02d}s"


def format_sla(status: Status, remaining: float) -> str:
    if status in (Status.RESOLVED, Status.CLOSED):
        return _t("met") if remaining >= 0 else _t("breached")
    if status == Status.WAITING:
        return _t("paused · %1").replace("%1", format_duration(remaining))
    if remaining < 0:
        return _t("overdue %1").replace("%1", format_duration(remaining))
    return format_duration(remaining)


def format_time(epoch: float) -> str:
    locale = QLocale()
    moment = QDateTime.fromSecsSinceEpoch(int(epoch))
    if locale.language() == QLocale.Language.C:
        # The C locale's short format ("25 11 2026") reads badly; offices get day/month/year.
        return moment.toString("dd/MM/yyyy HH:mm")
    return locale.toString(moment, QLocale.FormatType.ShortFormat)
