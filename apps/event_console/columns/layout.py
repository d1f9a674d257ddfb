"""What a row of the event table holds: its columns in order, one event as `RowData`, and the
entity label shown for it."""

from __future__ import annotations

from dataclasses import dataclass

# Column order of the table (and of the CSV export).
RECEIVED, OCCURRED, SOURCE, TYPE, ENTITY, SUMMARY, OPERATOR, HOST, LATENCY = range(9)
COLUMN_COUNT = 9
COLUMN_KEYS = ("received", "occurred", "source", "type", "entity", "summary", "operator", "host", "latency_ms")


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


def entity_label(system: str, event_type: str, entity_id: str) -> str:
    """The Entity column's text: the kind of entity (from the event type) and its id."""
    kind = event_type.partition(".")[0] or ("call" if system == "callsystem" else "task")
    return f"{kind} #{entity_id}"


def entity_sort_key(label: str) -> tuple[str, int, str]:
    """Order of `entity_label` texts: by kind, then by number ("call #9" before "call #10")."""
    kind, _, ident = label.partition(" #")
    return (kind, int(ident), "") if ident.isdigit() else (kind, -1, ident)
