"""The supervisors' audit of one entity: every event the history database holds for it, oldest
first, and its audit trail written to CSV or JSON Lines in one go.

An entity is `(system, origin, id)`: call #13 of one database is not call #13 of another, nor the
older web system's. Its history is read from the database (not from the table, which holds one
range of time), so it is whole whatever range is on screen.

Plain data and files here; `event_console.audit_reader` reads the database (in a worker thread),
`event_console.audit_presenter` wires both to the window and `views/entity_history.py` shows them.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from event_console.columns.layout import entity_parts
from event_console.export import csv_safe, iso_utc

AUDIT_FORMATS = ("csv", "jsonl")
AUDIT_CSV_HEADER = (
    "occurred_at",
    "received_at",
    "type",
    "action",
    "user",
    "host",
    "changes",
    "status",
    "summary",
    "system",
    "origin",
    "entity_id",
    "seq",
    "correlation_id",
    "event_id",
    "legacy",
)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity's identity (system, origin, id) and the label the table shows for it."""

    system: str
    origin: str
    entity_id: str
    label: str

    @classmethod
    def from_key(cls, system: str, key: str) -> EntityRef:
        """From the table's entity key ("call #13" + origin) and the row's source."""
        label, origin = entity_parts(key)
        return cls(system, origin, label.partition(" #")[2], label)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One event of an entity's history: who, from which PC, when, what, and what changed."""

    event_id: str
    occurred_at: float | None
    received_at: float
    type: str
    action: str
    user: str
    host: str
    seq: int | None
    correlation_id: str | None
    legacy: bool
    summary: str
    status: str
    changes: dict[str, Any] = field(default_factory=dict)
    raw: str = ""

    @property
    def when(self) -> float:
        """When it happened (a legacy event has no time of its own: when it arrived)."""
        return self.received_at if self.occurred_at is None else self.occurred_at


def changes_of(raw: str) -> dict[str, Any]:
    """The event's `changes` ({field: [old, new]}); {} when it carries none."""
    try:
        changes = json.loads(raw).get("changes")
    except (ValueError, AttributeError):
        return {}
    return changes if isinstance(changes, dict) else {}


def describe_changes(changes: dict[str, Any]) -> str:
    """ "status: open → closed; assignee: ana → rui", for the history table."""
    parts = []
    for name, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            parts.append(f"{name}: {_short(value[0])} → {_short(value[1])}")
        else:
            parts.append(f"{name}: {_short(value)}")
    return "; ".join(parts)


def _short(value: object, limit: int = 60) -> str:
    text = "—" if value is None or value == "" else value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def audit_record(ref: EntityRef, entry: AuditEntry) -> dict[str, Any]:
    """One line of the audit trail (the CSV's columns; JSON Lines adds the event as received)."""
    return {
        "occurred_at": iso_utc(entry.occurred_at),
        "received_at": iso_utc(entry.received_at),
        "type": entry.type,
        "action": entry.action,
        "user": entry.user,
        "host": entry.host,
        "changes": entry.changes,
        "status": entry.status,
        "summary": entry.summary,
        "system": ref.system,
        "origin": ref.origin,
        "entity_id": ref.entity_id,
        "seq": entry.seq,
        "correlation_id": entry.correlation_id or "",
        "event_id": entry.event_id,
        "legacy": entry.legacy,
    }


def format_audit_trail(ref: EntityRef, entries: Sequence[AuditEntry], fmt: str) -> str:
    """The whole trail as text in `fmt` ("csv" or "jsonl")."""
    if fmt not in AUDIT_FORMATS:
        raise ValueError(f"unknown audit format {fmt!r}")
    out = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(AUDIT_CSV_HEADER)
        for entry in entries:
            record = audit_record(ref, entry)
            record["changes"] = json.dumps(record["changes"], ensure_ascii=False, sort_keys=True)
            writer.writerow([_csv_cell(record[key]) for key in AUDIT_CSV_HEADER])
    else:
        for entry in entries:
            record = audit_record(ref, entry)
            record["event"] = _parsed(entry.raw)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_safe(str(value))


def _parsed(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def write_audit_trail(path: Path, ref: EntityRef, entries: Iterable[AuditEntry], fmt: str) -> int:
    """Write the trail to `path` whole or not at all (a temporary file renamed over it).
    Returns the number of events written."""
    listed = list(entries)
    text = format_audit_trail(ref, listed, fmt)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(listed)
