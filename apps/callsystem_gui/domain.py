"""CallSystem's domain: statuses and their transitions, the priority matrix, SLA arithmetic,
phone and name normalisation, input validation and the plain dataclasses services return.

Pure Python (no Qt, no SQLAlchemy) so every rule here is unit-tested on its own.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from integrado.calendar import BusinessCalendar, always_open
from integrado.events.text import forbidden_text


class Status(enum.StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATUSES = frozenset({Status.NEW, Status.IN_PROGRESS, Status.WAITING})
# What the list shows by default: everything still on the desk (resolved calls wait to be closed).
ACTIVE_STATUSES = OPEN_STATUSES | {Status.RESOLVED}

# Which moves are allowed. Closing and reopening have their own verbs (and events); the table
# is the single source of truth for all of them.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.RESOLVED, Status.CLOSED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
}

# The SLA clock only runs while the call is on us.
SLA_STOPPED = frozenset({Status.WAITING, Status.RESOLVED, Status.CLOSED})


class Level(enum.IntEnum):
    """Urgency and impact: how soon it hurts, and how many it hurts."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Priority(enum.IntEnum):
    """Higher value = more important, as TaskManager's priorities: a descending sort puts critical
    calls first. The value is what the `calls.priority` column stores; events carry the name."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


class Channel(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    WALK_IN = "walk_in"


# ITIL-style matrix: (urgency, impact) -> priority.
PRIORITY_MATRIX: dict[tuple[Level, Level], Priority] = {
    (Level.HIGH, Level.HIGH): Priority.CRITICAL,
    (Level.HIGH, Level.MEDIUM): Priority.HIGH,
    (Level.MEDIUM, Level.HIGH): Priority.HIGH,
    (Level.HIGH, Level.LOW): Priority.MEDIUM,
    (Level.LOW, Level.HIGH): Priority.MEDIUM,
    (Level.MEDIUM, Level.MEDIUM): Priority.MEDIUM,
    (Level.MEDIUM, Level.LOW): Priority.LOW,
    (Level.LOW, Level.MEDIUM): Priority.LOW,
    (Level.LOW, Level.LOW): Priority.LOW,
}


def priority_for(urgency: Level | int, impact: Level | int) -> Priority:
    return PRIORITY_MATRIX[(Level(urgency), Level(impact))]


DEFAULT_SLA_MINUTES: dict[Priority, int] = {
    Priority.CRITICAL: 60,
    Priority.HIGH: 4 * 60,
    Priority.MEDIUM: 8 * 60,
    Priority.LOW: 24 * 60,
}


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


_COMBINING_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive key for matching names and searching ("João" ~ "joao")."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # One regex pass (not a per-character loop): 100,000 names fold in a fraction of a second.
    return " ".join(_COMBINING_MARKS.sub("", decomposed).split())


# -- validation -----------------------------------------------------------------------------

MAX_NAME = 200
MAX_SUBJECT = 200
# Long texts appear up to five times in one event (data, descricao, changes old/new): 2,000
# characters keep even an all-emoji call under the 64 KiB message cap.
MAX_TEXT = 2000
MAX_CATEGORY = 80
MAX_OPERATOR = 200


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a message for Qt's translation tools without importing Qt here (the domain stays
    Qt-free); the window translates `CallError.template` in context "CallError"."""
    del context
    return text


# The English names of the fields an error can name; the window shows them translated, as the
# form's labels (context "CallSystem").
FIELD_NAMES: dict[str, str] = {
    "caller_name": QT_TRANSLATE_NOOP("CallSystem", "Caller"),
    "phone": QT_TRANSLATE_NOOP("CallSystem", "Phone"),
    "subject": QT_TRANSLATE_NOOP("CallSystem", "Subject"),
    "description": QT_TRANSLATE_NOOP("CallSystem", "Description"),
    "category": QT_TRANSLATE_NOOP("CallSystem", "Category"),
    "channel": QT_TRANSLATE_NOOP("CallSystem", "Channel"),
    "urgency": QT_TRANSLATE_NOOP("CallSystem", "Urgency"),
    "impact": QT_TRANSLATE_NOOP("CallSystem", "Impact"),
    "resolution": QT_TRANSLATE_NOOP("CallSystem", "Resolution"),
    "note": QT_TRANSLATE_NOOP("CallSystem", "Note"),
    "assignee": QT_TRANSLATE_NOOP("CallSystem", "Operator"),
    "event": QT_TRANSLATE_NOOP("CallSystem", "Event"),
}


class Timestamp(float):
    """UTC epoch seconds in an error's parameters: the window shows a local date and time."""

    def __str__(self) -> str:
        return datetime.fromtimestamp(self, UTC).strftime("%Y-%m-%d %H:%M UTC")


class CallError(Exception):
    """Base of the errors a call action reports to the operator.

    `template` is the English message with `{name}` placeholders (a translation source in context
    "CallError"); `params` fill it. Statuses and `Timestamp`s are shown the way the window shows
    them; `str(error)` is the English message.
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class ValidationError(CallError):
    """Bad input, reported at the field it came from; nothing was written.

    The template's `{field}` is the field's name (English here, translated by the window).
    """

    def __init__(self, field_name: str, template: str, **params: object) -> None:
        super().__init__(template, field=FIELD_NAMES.get(field_name, field_name), **params)
        self.field = field_name
        # The form's other bad fields, found in the same check: all are shown at once.
        self.others: tuple[ValidationError, ...] = ()

    @property
    def every(self) -> tuple[ValidationError, ...]:
        """This error and the others found with it, in the form's order."""
        return (self, *self.others)


class ConflictError(CallError):
    """Someone else changed the call since it was loaded: nothing was written."""

    def __init__(self, call_id: int, expected_version: int, current: CallView | None) -> None:
        if current is not None and current.updated_by:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "CallError",
                    "Not saved: {user} changed call #{id} at {time}, after you opened it. Reload to see the "
                    "current version, then apply your change again.",
                ),
                id=call_id,
                user=current.updated_by,
                time=Timestamp(current.updated_at),
            )
        else:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "CallError",
                    "Not saved: another operator changed call #{id} after you opened it. Reload to see the "
                    "current version, then apply your change again.",
                ),
                id=call_id,
            )
        self.call_id = call_id
        self.expected_version = expected_version
        self.current = current


class InvalidTransitionError(CallError):
    """The lifecycle does not allow this move (see TRANSITIONS)."""

    def __init__(self, old: Status, new: Status) -> None:
        super().__init__(QT_TRANSLATE_NOOP("CallError", "A call cannot go from {old} to {new}."), old=old, new=new)
        self.old = old
        self.new = new


class CallNotFoundError(CallError):
    """The call does not exist, or was deleted meanwhile."""

    def __init__(self, call_id: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP("CallError", "Call #{id} no longer exists."), id=call_id)
        self.call_id = call_id


class StorageUnavailableError(CallError):
    """The calls database could not be reached (the office's PostgreSQL stopped or cut off, a
    local file locked or unreadable). An action that fails this way wrote nothing.

    `saving` tells an action (nothing saved; what the operator typed is kept for a retry) from a
    read (the list may be out of date)."""

    def __init__(self, *, saving: bool, template: str | None = None) -> None:
        # A subclass may name a more precise reason (a full disk, a read-only file).
        if template is None and saving:
            template = QT_TRANSLATE_NOOP(
                "CallError",
                "Not saved: the calls database cannot be reached. Nothing was written and what you typed "
                "is kept; try again in a moment. If this goes on, tell the office's administrator.",
            )
        elif template is None:
            template = QT_TRANSLATE_NOOP(
                "CallError",
                "The calls database cannot be reached: the list may be out of date until it is back.",
            )
        super().__init__(template)
        self.saving = saving


# Keyed by `integrado.access.Action` values (this module stays free of the core's imports).
_NOT_ALLOWED: dict[str, str] = {
    "delete_call": QT_TRANSLATE_NOOP("CallError", "You may not do this: only a supervisor may delete calls."),
    "restore_call": QT_TRANSLATE_NOOP("CallError", "You may not do this: only a supervisor may restore deleted calls."),
    "reopen_call": QT_TRANSLATE_NOOP("CallError", "You may not do this: only a supervisor may reopen a closed call."),
    "reassign_call": QT_TRANSLATE_NOOP(
        "CallError", "You may not do this: only a supervisor may give a call that is not yours to another operator."
    ),
    "update_call": QT_TRANSLATE_NOOP(
        "CallError",
        "You may not do this: only the operator the call is assigned to, or a supervisor, may change it.",
    ),
    "change_sla": QT_TRANSLATE_NOOP("CallError", "You may not do this: only a supervisor may change the SLA settings."),
}


class NotAllowedError(CallError):
    """The database refused the action: the signed-in role may not do it. Nothing was written.

    `action` is the `integrado.access.Action` value the database named (None: a grant refused
    it without saying which rule)."""

    def __init__(self, action: str | None) -> None:
        template = _NOT_ALLOWED.get(action or "") or QT_TRANSLATE_NOOP(
            "CallError", "You may not do this: your role does not allow it. Nothing was saved."
        )
        super().__init__(template)
        self.action = action


class AccessRemovedError(CallError):
    """The login was disabled or removed while signed in: the action wrote nothing, and what the
    operator typed is kept (they may hand it to a colleague or sign in again)."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "CallError",
                "Your access was removed: this login may no longer use the calls database. Nothing was "
                "saved and what you typed is kept. Ask the office's administrator.",
            )
        )


def check_transition(old: Status, new: Status) -> None:
    if new not in TRANSITIONS[old]:
        raise InvalidTransitionError(old, new)


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
