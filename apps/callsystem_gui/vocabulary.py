"""The words CallSystem's domain speaks: statuses and their moves, urgency, impact and priority,
channels, the fields' limits and names, the case- and accent-free form of a name, and the errors
an action reports.

What the window's first frame needs of the domain, and nothing more: no dataclass, calendar or
validation (`callsystem_gui.domain`, which gives all of this too, has those). Pure Python.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from datetime import UTC, datetime
from typing import Protocol


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


# -- names and search keys ------------------------------------------------------------------

_COMBINING_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive key for matching names and searching ("João" ~ "joao")."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # One regex pass (not a per-character loop): 100,000 names fold in a fraction of a second.
    return " ".join(_COMBINING_MARKS.sub("", decomposed).split())


# -- limits, field names and errors ---------------------------------------------------------

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


class CurrentVersion(Protocol):
    """What a conflict tells of the call as it is now (a `CallView`): who changed it last, when."""

    @property
    def updated_by(self) -> str: ...

    @property
    def updated_at(self) -> float: ...


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

    def __init__(self, call_id: int, expected_version: int, current: CurrentVersion | None) -> None:
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
