"""What a row of the event table holds: its columns in order, one event as `RowData`, and the
entity label shown for it."""

from __future__ import annotations

from dataclasses import dataclass

from integrado.events.origin import LEGACY_ORIGIN, UNKNOWN_ORIGIN
from integrado.events.system import System

# Column order of the table. TYPE shows the event type as people name it, TYPE_CODE the raw
# type for the technical reader (last: added after the others, whose places tests and saved
# header states know).
RECEIVED, OCCURRED, SOURCE, TYPE, ENTITY, SUMMARY, OPERATOR, HOST, LATENCY, TYPE_CODE = range(10)
COLUMN_COUNT = 10
COLUMN_KEYS = (
    "received",
    "occurred",
    "source",
    "type",
    "entity",
    "summary",
    "operator",
    "host",
    "latency_ms",
    "type_code",
)


@dataclass(frozen=True, slots=True)
class RowData:
    """One event as the table stores it (the input of `EventColumns.extend`)."""

    event_id: str
    received_at: float
    occurred_at: float | None
    system: str
    type: str
    entity_id: str
    summary: str
    user: str
    host: str
    legacy: bool
    status: str = ""
    origin: str = UNKNOWN_ORIGIN


def entity_label(system: str, event_type: str, entity_id: str) -> str:
    """The Entity column's text: the kind of entity (from the event type) and its id."""
    kind = event_type.partition(".")[0] or ("call" if system == System.CALLSYSTEM else "task")
    return f"{kind} #{entity_id}"


# Between an entity's label and its origin in `entity_key`: a control character, which the codec
# refuses in every text that arrives, so no id or origin holds one.
_ORIGIN_SEPARATOR = "\x1f"
ORIGIN_LABEL_LENGTH = 6


def entity_key(system: str, event_type: str, entity_id: str, origin: str) -> str:
    """An entity's identity as one text: (system, origin, id); call #1 of two databases differ."""
    return f"{entity_label(system, event_type, entity_id)}{_ORIGIN_SEPARATOR}{origin}"


def entity_parts(key: str) -> tuple[str, str]:
    """(label, origin) of an `entity_key`; a bare label (a filter saved before origins) has ""."""
    label, _, origin = key.partition(_ORIGIN_SEPARATOR)
    return label, origin


def origin_label(origin: str) -> str:
    """A short name for an origin: the first characters of a database's id; "legacy" as it is."""
    if origin in (LEGACY_ORIGIN, UNKNOWN_ORIGIN):
        return origin
    return origin[:ORIGIN_LABEL_LENGTH]


def entity_text(key: str, with_origin: bool) -> str:
    """The Entity column's text for an `entity_key`: "call #1", or "call #1 · 5b0f8f" where
    more than one origin of its system is loaded (only then does the label tell entities apart)."""
    label, origin = entity_parts(key)
    return f"{label} · {origin_label(origin)}" if with_origin and origin else label


def entity_sort_key(key: str) -> tuple[str, int, str, str]:
    """Order of `entity_key` texts: by kind, then by number ("call #9" before "call #10"), then
    by origin."""
    label, origin = entity_parts(key)
    kind, _, ident = label.partition(" #")
    return (kind, int(ident), "", origin) if ident.isdigit() else (kind, -1, ident, origin)
