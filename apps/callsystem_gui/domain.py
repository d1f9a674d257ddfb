"""CallSystem's domain: statuses and their transitions, the priority matrix, SLA arithmetic,
phone and name normalisation, input validation and the plain dataclasses services return.

Pure Python (no Qt, no SQLAlchemy) so every rule here is unit-tested on its own. The words it
speaks (statuses, priorities, limits, errors) are in `callsystem_gui.vocabulary`, which the
window's first frame imports alone; they are all importable from here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from callsystem_gui.vocabulary import (
    ACTIVE_STATUSES,
    DEFAULT_SLA_MINUTES,
    FIELD_NAMES,
    MAX_CATEGORY,
    MAX_NAME,
    MAX_OPERATOR,
    MAX_SUBJECT,
    MAX_TEXT,
    OPEN_STATUSES,
    PRIORITY_MATRIX,
    QT_TRANSLATE_NOOP,
    SLA_STOPPED,
    TRANSITIONS,
    AccessRemovedError,
    CallError,
    CallNotFoundError,
    Channel,
    ConflictError,
    InvalidTransitionError,
    Level,
    NotAllowedError,
    Priority,
    Status,
    StorageUnavailableError,
    Timestamp,
    ValidationError,
    check_transition,
    fold,
    priority_for,
)
from integrado.calendar import BusinessCalendar, always_open
from integrado.events.text import forbidden_text

__all__ = [
    "ACTIVE_STATUSES",
    "DEFAULT_SLA_MINUTES",
    "FIELD_NAMES",
    "MAX_CATEGORY",
    "MAX_NAME",
    "MAX_OPERATOR",
    "MAX_PHONE",
    "MAX_SUBJECT",
    "MAX_TEXT",
    "OPEN_STATUSES",
    "PHONE_DIGITS",
    "PHONE_TAIL_DIGITS",
    "PRIORITY_MATRIX",
    "QT_TRANSLATE_NOOP",
    "SLA_STOPPED",
    "TRANSITIONS",
    "AccessRemovedError",
    "CallDetail",
    "CallDraft",
    "CallError",
    "CallNotFoundError",
    "CallSummary",
    "CallView",
    "Channel",
    "ConflictError",
    "InvalidTransitionError",
    "Level",
    "NotAllowedError",
    "NoteView",
    "Priority",
    "SlaClock",
    "SlaPolicy",
    "Status",
    "StorageUnavailableError",
    "TimelineEntry",
    "Timestamp",
    "ValidationError",
    "check_transition",
    "clean_phone",
    "clean_text",
    "fold",
    "format_phone",
    "normalize_phone",
    "phone_tail",
    "priority_for",
]


@dataclass(frozen=True)
class SlaPolicy:
    """Minutes allowed per priority (`[callsystem.sla_minutes]` in settings), counted in the
    office's business hours (`[callsystem.calendar]`; around the clock without that section)."""

    minutes: Mapping[Priority, int] = field(default_factory=lambda: dict(DEFAULT_SLA_MINUTES))
    calendar: BusinessCalendar = field(default_factory=always_open)

    def seconds(self, priority: Priority) -> float:
        return float(self.minutes[priority]) * 60.0

    def due_at(self, opened_at: float, priority: Priority) -> float:
        """When a call opened at `opened_at` is due: its minutes counted in office hours only."""
        return self.calendar.add(opened_at, self.seconds(priority))

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any]) -> SlaPolicy:
        section = raw.get("callsystem", {})
        table = section.get("sla_minutes", {}) if isinstance(section, Mapping) else {}
        minutes = dict(DEFAULT_SLA_MINUTES)
        if isinstance(table, Mapping):
            for name, value in table.items():
                try:
                    prio = Priority[str(name).upper()]
                except KeyError:
                    continue
                if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                    minutes[prio] = int(value)
        return cls(minutes, BusinessCalendar.from_settings(raw))


@dataclass(frozen=True, slots=True)
class SlaClock:
    """The SLA state stored on a call: a due time, shifted forward by every pause.

    The due time is a wall-clock moment; with a business calendar it is where the call's office
    time runs out, so a pause carries the office time that was left over to the resumption."""

    due_at: float
    stopped_at: float | None

    def remaining(self, now: float) -> float:
        """Seconds left (negative once overdue); frozen while the clock is stopped."""
        return self.due_at - (self.stopped_at if self.stopped_at is not None else now)

    def on_status(self, old: Status, new: Status, now: float, calendar: BusinessCalendar | None = None) -> SlaClock:
        calendar = always_open() if calendar is None else calendar
        was_stopped, stops = old in SLA_STOPPED, new in SLA_STOPPED
        if not was_stopped and stops:
            return SlaClock(self.due_at, now)
        if was_stopped and not stops:
            stopped = self.stopped_at if self.stopped_at is not None else now
            # The office time that was left when the clock stopped (negative once overdue) runs
            # on from now; a clock that reads earlier than the stop (skew) resumes at the stop.
            left = calendar.between(stopped, self.due_at)
            return SlaClock(calendar.add(max(now, stopped), left), None)
        return self

    def on_priority(self, old_seconds: float, new_seconds: float, calendar: BusinessCalendar | None = None) -> SlaClock:
        if new_seconds == old_seconds:
            return self
        calendar = always_open() if calendar is None else calendar
        return SlaClock(calendar.add(self.due_at, new_seconds - old_seconds), self.stopped_at)


# -- normalisation --------------------------------------------------------------------------

_PHONE_ALLOWED = re.compile(r"^[0-9\s()+\-./]*$")
PHONE_TAIL_DIGITS = 8


def format_phone(text: str) -> str:
    """A phone as it is stored and listed, however it was typed: Brazilian numbers as
    "(51) 99999-0000" / "(51) 3333-0000" (with "+55 " when the country code was given); any
    other number (0800, carrier prefixes, abroad) is kept as typed."""
    digits = normalize_phone(text)
    country = ""
    if len(digits) in (12, 13) and digits.startswith("55"):
        country, digits = "+55 ", digits[2:]
    if digits.startswith("0"):
        return text.strip()  # 0800 numbers and carrier prefixes: as typed
    if len(digits) == 11:
        return f"{country}({digits[:2]}) {digits[2:7]}-{digits[7:]}"
    if len(digits) == 10:
        return f"{country}({digits[:2]}) {digits[2:6]}-{digits[6:]}"
    if not country and len(digits) in (8, 9):
        return f"{digits[:-4]}-{digits[-4:]}"
    return text.strip()


def normalize_phone(text: str) -> str:
    """Digits only: "(51) 9999-0000" and "51 99990000" are the same number."""
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())


def phone_tail(digits: str) -> str:
    """The subscriber part used to match a caller whether or not they gave the area/country code."""
    return digits[-PHONE_TAIL_DIGITS:] if len(digits) >= PHONE_TAIL_DIGITS else digits


# -- validation -----------------------------------------------------------------------------


def clean_text(field_name: str, value: str, *, required: bool, max_len: int, single_line: bool = True) -> str:
    """Strip, check length and forbidden characters; emoji, HTML and SQL-looking text are legal."""
    text = value.strip()
    if required and not text:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("CallError", "{field} is required."))
    if len(text) > max_len:
        raise ValidationError(
            field_name,
            QT_TRANSLATE_NOOP("CallError", "{field} is too long ({length} characters, at most {limit})."),
            length=len(text),
            limit=max_len,
        )
    if forbidden_text(text) or (single_line and ("\n" in text or "\r" in text or "\t" in text)):
        raise ValidationError(
            field_name, QT_TRANSLATE_NOOP("CallError", "{field} contains control or invisible formatting characters.")
        )
    return text


MAX_PHONE = 40
PHONE_DIGITS = (8, 15)


def clean_phone(value: str) -> tuple[str, str]:
    """(as typed, trimmed; digits only) or ValidationError."""
    text = value.strip()
    if not _PHONE_ALLOWED.match(text):
        raise ValidationError(
            "phone", QT_TRANSLATE_NOOP("CallError", "{field} may only contain digits, spaces and ( ) + - . /")
        )
    digits = normalize_phone(text)
    low, high = PHONE_DIGITS
    if text and not low <= len(digits) <= high:
        raise ValidationError(
            "phone",
            QT_TRANSLATE_NOOP("CallError", "{field} must have between {min} and {max} digits."),
            min=low,
            max=high,
        )
    if len(text) > MAX_PHONE:
        raise ValidationError(
            "phone",
            QT_TRANSLATE_NOOP("CallError", "{field} is too long ({length} characters, at most {limit})."),
            length=len(text),
            limit=MAX_PHONE,
        )
    return text, digits


_V = TypeVar("_V")


def _level(field_name: str, value: int) -> Level:
    try:
        return Level(int(value))
    except ValueError:
        raise ValidationError(
            field_name, QT_TRANSLATE_NOOP("CallError", "{field} must be Low, Medium or High.")
        ) from None


@dataclass(frozen=True, slots=True)
class CallDraft:
    """What the registration form sends; validated by `validated()`."""

    caller_name: str
    phone: str = ""
    subject: str = ""
    description: str = ""
    category: str = ""
    channel: str = Channel.PHONE.value
    urgency: int = Level.MEDIUM
    impact: int = Level.MEDIUM

    def validated(self) -> CallDraft:
        # Every field is checked, so the operator sees all that is wrong at once (in form order).
        errors: list[ValidationError] = []

        def check(clean: Callable[[], _V], fallback: _V) -> _V:
            try:
                return clean()
            except ValidationError as exc:
                errors.append(exc)
                return fallback

        caller_name = check(lambda: clean_text("caller_name", self.caller_name, required=True, max_len=MAX_NAME), "")
        phone = check(lambda: format_phone(clean_phone(self.phone)[0]), "")
        subject = check(lambda: clean_text("subject", self.subject, required=True, max_len=MAX_SUBJECT), "")
        description = check(
            lambda: clean_text("description", self.description, required=False, max_len=MAX_TEXT, single_line=False),
            "",
        )
        category = check(lambda: clean_text("category", self.category, required=False, max_len=MAX_CATEGORY), "")
        channel = check(lambda: _channel(self.channel), Channel.PHONE.value)
        urgency = check(lambda: _level("urgency", self.urgency), Level.MEDIUM)
        impact = check(lambda: _level("impact", self.impact), Level.MEDIUM)
        if errors:
            first = errors[0]
            first.others = tuple(errors[1:])
            raise first
        return CallDraft(
            caller_name=caller_name,
            phone=phone,
            subject=subject,
            description=description,
            category=category,
            channel=channel,
            urgency=urgency,
            impact=impact,
        )


def _channel(value: str) -> str:
    try:
        return Channel(value).value
    except ValueError:
        raise ValidationError(
            "channel", QT_TRANSLATE_NOOP("CallError", "“{value}” is not a known channel."), value=value
        ) from None


# -- what services return -------------------------------------------------------------------


@dataclass(slots=True)
class CallSummary:
    """One row of the call list (no long texts), loaded in bulk."""

    id: int
    caller_name: str
    phone: str
    phone_digits: str
    subject: str
    category: str
    status: Status
    priority: Priority
    assignee: str
    created_at: float
    updated_at: float
    sla_due_at: float
    sla_stopped_at: float | None
    deleted: bool
    version: int

    def sla_remaining(self, now: float) -> float:
        return SlaClock(self.sla_due_at, self.sla_stopped_at).remaining(now)

    def is_overdue(self, now: float) -> bool:
        return self.status in OPEN_STATUSES and self.sla_remaining(now) < 0


@dataclass(slots=True)
class CallView:
    """A call in full, as the detail pane and events show it."""

    id: int
    caller_name: str
    phone: str
    phone_digits: str
    subject: str
    description: str
    category: str
    channel: Channel
    urgency: Level
    impact: Level
    priority: Priority
    status: Status
    assignee: str
    resolution: str
    created_at: float
    created_by: str
    updated_at: float
    updated_by: str
    sla_due_at: float
    sla_stopped_at: float | None
    deleted: bool
    version: int

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def sla_remaining(self, now: float) -> float:
        return SlaClock(self.sla_due_at, self.sla_stopped_at).remaining(now)

    def snapshot(self) -> dict[str, Any]:
        """The event's `data`: the whole call after the action, in JSON types."""
        return {
            "id": self.id,
            "caller_name": self.caller_name,
            "phone": self.phone,
            "phone_digits": self.phone_digits,
            "subject": self.subject,
            "description": self.description,
            "category": self.category,
            "channel": self.channel.value,
            "urgency": self.urgency.name.lower(),
            "impact": self.impact.name.lower(),
            "priority": self.priority.name.lower(),
            "status": self.status.value,
            "assignee": self.assignee,
            "resolution": self.resolution,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "sla_due_at": self.sla_due_at,
            "sla_paused": self.sla_stopped_at is not None and self.status == Status.WAITING,
            "deleted": self.deleted,
            "version": self.version,
        }


@dataclass(frozen=True, slots=True)
class NoteView:
    id: int
    call_id: int
    at: float
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: float
    actor: str
    kind: str  # created, status, note, assigned, updated, closed, reopened, deleted, restored
    detail: str


@dataclass(frozen=True, slots=True)
class CallDetail:
    call: CallView
    notes: list[NoteView]
    timeline: list[TimelineEntry]
