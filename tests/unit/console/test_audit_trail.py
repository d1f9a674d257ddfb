"""The audit trail's formats: who, when, what and the changes in every line; CSV cells that a
spreadsheet would run are quoted; a file is written whole or not at all."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from event_console.audit import (
    AUDIT_CSV_HEADER,
    AuditEntry,
    EntityRef,
    changes_of,
    describe_changes,
    format_audit_trail,
    write_audit_trail,
)
from event_console.columns.layout import entity_key

REF = EntityRef("callsystem", "a1b2c3d4", "13", "call #13")


def _entry(user: str = "ana", summary: str = "Call #13", changes: dict | None = None) -> AuditEntry:
    raw = json.dumps({"type": "call.updated", "actor": {"user": user, "host": "pc-01"}, "changes": changes or {}})
    return AuditEntry("e1", 1764489600.000001, 1764489600.5, "call.updated", "updated", user, "pc-01", 7, "c1",
                      False, summary, "open", changes_of(raw), raw)  # fmt: skip


def test_the_entity_ref_comes_from_the_tables_identity() -> None:
    assert EntityRef.from_key("callsystem", entity_key("callsystem", "call.created", "13", "a1b2c3d4")) == REF


def test_changes_read_as_old_and_new() -> None:
    assert describe_changes({"status": ["new", "closed"], "assignee": [None, "rui"]}) == (
        "status: new → closed; assignee: — → rui"
    )
    assert changes_of("not json") == {} and changes_of('{"changes": [1]}') == {}


def test_csv_holds_who_when_what_and_changes_and_no_formula() -> None:
    text = format_audit_trail(REF, [_entry("=cmd|' /C calc'!A0", "@SUM(1)", {"status": ["a", "b"]})], "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == AUDIT_CSV_HEADER
    row = rows[0]
    assert row["user"] == "'=cmd|' /C calc'!A0" and row["summary"] == "'@SUM(1)"
    assert row["host"] == "pc-01" and row["occurred_at"] == "2025-11-30T08:00:00.000001Z"
    assert row["type"] == "call.updated" and json.loads(row["changes"]) == {"status": ["a", "b"]}
    assert (row["system"], row["origin"], row["entity_id"]) == ("callsystem", "a1b2c3d4", "13")


def test_jsonl_carries_the_event_as_received() -> None:
    (line,) = format_audit_trail(REF, [_entry(changes={"title": ["x", "y"]})], "jsonl").splitlines()
    record = json.loads(line)
    assert record["user"] == "ana" and record["changes"] == {"title": ["x", "y"]}
    assert record["event"]["actor"] == {"user": "ana", "host": "pc-01"}
    with pytest.raises(ValueError, match="unknown audit format"):
        format_audit_trail(REF, [], "xml")


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "trail.csv"
    assert write_audit_trail(path, REF, [_entry(), _entry("rui")], "csv") == 2
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3
    with pytest.raises(ValueError):
        write_audit_trail(tmp_path / "bad.xml", REF, [_entry()], "xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trail.csv"]
