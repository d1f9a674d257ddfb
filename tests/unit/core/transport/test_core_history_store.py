"""HistoryStore, the consumers' EventSink, on a SQLite file: each event stored once, the stream
positions in the same transaction, rejections and gaps kept, and the range queries the console
and `integrado export` read."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from integrado import history
from integrado.bus import EventsRefused, Gap, GapReason, StreamPosition
from integrado.db import make_engine
from integrado.events import (
    Actor,
    Codec,
    ReceivedEvent,
    Rejection,
    RejectReason,
    System,
    call_event,
    encode,
    task_event,
)
from integrado.history import HistoryStore

CODEC = Codec({"calls_channel": "callsystem", "tasks": "taskmanager"})
T0 = 1_772_000_000.0  # received_at of the first event in these tests


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))


def received(seq: int, *, task: bool = False, at: float | None = None, name: str = "Maria Souza") -> ReceivedEvent:
    if task:
        env = task_event(
            "task.completed", seq, title=f"task {seq}", completed=True, data={"id": seq}, actor=Actor("bia", "pc-2")
        )
        channel = "tasks"
    else:
        env = call_event(
            "call.status_changed",
            seq,
            cliente=name,
            descricao="no dial tone",
            closed=False,
            data={"id": seq, "status": "waiting"},
            actor=Actor("ana", "pc-1"),
            changes={"status": ["open", "waiting"]},
        )
        channel = "calls_channel"
    env["seq"] = seq
    env["occurred_at"] = "2026-03-02T12:00:00.000000Z"
    event = CODEC.decode(encode(env).encode(), channel)
    assert isinstance(event, ReceivedEvent), event
    return dataclasses.replace(event, received_at=T0 + seq if at is None else at)


def test_store_keeps_each_event_once_and_returns_only_the_new_ones(store: HistoryStore) -> None:
    a, b, c = received(1), received(2), received(3)
    assert store.store([a, b], None) == [a, b]
    # Again, with a new one, and a duplicate inside the same batch.
    assert store.store([b, c, c, a], None) == [c]
    assert store.count() == 3


def test_positions_are_stored_with_the_events_and_loaded_back(store: HistoryStore, tmp_path: Path) -> None:
    positions = {
        "calls_channel:stream": StreamPosition("1700000000005-0", {"db-1": 5, "db-2": 1}),
        "tasks:stream": StreamPosition("1700000000009-2", {}),
    }
    store.store([received(1)], positions)
    reopened = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    assert reopened.load_positions() == positions
    # A later batch moves one cursor; the other stays as it was.
    store.store([], {"tasks:stream": StreamPosition("1700000000010-0", {"db-3": 2})})
    assert store.load_positions()["tasks:stream"] == StreamPosition("1700000000010-0", {"db-3": 2})
    assert store.load_positions()["calls_channel:stream"] == positions["calls_channel:stream"]


def test_events_and_positions_commit_together_or_not_at_all(store: HistoryStore) -> None:
    store.store([received(1)], {"s": StreamPosition("1-0", {"o": 1})})
    # A cursor without an id breaks NOT NULL after the event's insert: the transaction fails.
    broken = {"s": StreamPosition(None, {"o": 2})}  # type: ignore[arg-type]
    with pytest.raises(EventsRefused) as refused:  # what the database refused, not a lost database
        store.store([received(2)], broken)
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert store.count() == 1, "the event of a failed transaction was kept"
    assert store.load_positions() == {"s": StreamPosition("1-0", {"o": 1})}


def test_a_stored_event_keeps_its_envelope_summary_and_status(store: HistoryStore) -> None:
    ev = received(7)
    store.store([ev], None)
    row = dict(zip(HistoryStore.VIEW_COLUMNS, store.load_view_rows()[0], strict=True))
    assert row["event_id"] == ev.event_id
    assert (row["system"], row["type"], row["entity_id"]) == ("callsystem", "call.status_changed", "7")
    assert row["summary"] == "Call #7 Maria Souza: open → waiting"
    assert row["status"] == "waiting"
    assert (row["user"], row["host"], row["legacy"]) == ("ana", "pc-1", False)
    assert row["occurred_at"] == pytest.approx(1772452800.0)
    assert store.raw_by_event_id([ev.event_id]) == {ev.event_id: ev.raw}
    # The console reads these right after store() instead of computing them again.
    assert store.view_extras[ev.event_id] == (row["occurred_at"], row["summary"], "waiting")


def test_summaries_say_what_happened_in_one_plain_line() -> None:
    assert history.summarize({"title": "Printer"}, System.TASKMANAGER, "task.completed", "4", False) == (
        "Task #4 Printer: completed"
    )
    assert history.summarize({"data": {"note": "called back"}}, System.CALLSYSTEM, "call.note_added", "3", False) == (
        "Call #3: note: called back"
    )
    assert history.summarize({"action": "created"}, System.UNKNOWN, "legacy.created", "9", True) == (
        "#9: created (legacy)"
    )
    long = history.summarize({"cliente": "x" * 500}, System.CALLSYSTEM, "call.created", "1", False)
    assert len(long) <= history.SUMMARY_MAX
    assert history.entity_status({"data": {"completed": False}}, System.TASKMANAGER) == "open"
    assert history.entity_status({"status": "concluida"}, System.CALLSYSTEM) == "concluida"


def test_range_queries_follow_arrival_time(store: HistoryStore) -> None:
    events = [received(seq) for seq in range(1, 6)] + [received(6, task=True)]
    store.store(events, None)
    ids = [ev.event_id for ev in events]

    def view_ids(rows: list[tuple[object, ...]]) -> list[object]:
        return [row[0] for row in rows]

    assert view_ids(store.load_view_rows()) == ids
    assert view_ids(store.load_view_rows(since=T0 + 2, until=T0 + 5)) == ids[1:4]  # [since, until)
    assert view_ids(store.load_view_rows(limit=2)) == ids[4:], "the newest `limit`, oldest first"
    assert store.count_range(since=T0 + 2) == 5 and store.count_range(until=T0 + 2) == 1
    assert [raw for _, raw in store.iter_raw(since=T0 + 6)] == [events[5].raw]
    exported = list(store.iter_export(sources=["taskmanager"]))
    assert [row[0] for row in exported] == [ids[5]] and exported[0][-1] == events[5].raw
    assert [row[0] for row in store.iter_export(types=["call.status_changed"], until=T0 + 3)] == ids[:2]


def test_rejections_are_kept_newest_first_and_pruned_to_a_bound(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.store_rejections([Rejection(RejectReason.NOT_JSON, "not JSON", "calls_channel", 8, "garbage", T0)])
    store.store_rejections([Rejection(RejectReason.TOO_LARGE, "70000 bytes", "tasks", 70_000, "{", T0 + 1)])
    assert store.rejection_counts() == {"not_json": 1, "too_large": 1}
    newest = store.recent_rejections()
    assert newest[0] == (T0 + 1, "tasks", "too_large", "70000 bytes", 70_000, "{")
    assert [r[2] for r in newest] == ["too_large", "not_json"]
    # Evidence, not history: past a thousand new ones, only the newest MAX_STORED_REJECTIONS stay.
    monkeypatch.setattr(history, "MAX_STORED_REJECTIONS", 10)
    flood = [Rejection(RejectReason.NOT_OBJECT, f"n{i}", "tasks", 2, "[]", T0 + 2 + i) for i in range(1001)]
    store.store_rejections(flood)
    kept = store.recent_rejections(limit=100)
    assert len(kept) == 10
    assert kept[0][3] == "n1000"


def test_gaps_are_kept_and_read_back_newest_first(store: HistoryStore) -> None:
    missing = Gap("calls_channel:stream", "callsystem", "db-1", 3, 4, GapReason.MISSING, T0)
    reset = Gap("tasks:stream", "taskmanager", "", 0, 0, GapReason.RESET, T0 + 1)
    store.store_gap(missing)
    store.store_gap(reset)
    assert store.recent_gaps() == [reset, missing]
    assert all(isinstance(g.reason, GapReason) for g in store.recent_gaps())


def test_a_legacy_message_is_stored_as_a_legacy_row(store: HistoryStore) -> None:
    legacy = CODEC.decode(json.dumps({"action": "created", "id": 5, "title": "t"}).encode(), "tasks")
    assert isinstance(legacy, ReceivedEvent)
    store.store([legacy], None)
    row = dict(zip(HistoryStore.VIEW_COLUMNS, store.load_view_rows()[0], strict=True))
    assert (row["system"], row["type"], row["legacy"], row["occurred_at"]) == (
        "taskmanager",
        "task.created",
        True,
        None,
    )
    assert row["received_at"] == pytest.approx(time.time(), abs=60)
