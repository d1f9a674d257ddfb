"""Chart series computed from the column store (so they work on history as on live events)."""

from __future__ import annotations

import uuid

import numpy as np

from event_console.charts import compute
from event_console.columns.layout import RowData
from event_console.columns.store import EventColumns

END = 1_790_000_000.0 - (1_790_000_000.0 % 3600) + 1845  # 30:45 past some hour


def row(t: float, event_type: str, entity: str, status: str, latency_ms: float | None = 10.0) -> RowData:
    system = "callsystem" if event_type.startswith("call") else "taskmanager"
    occurred = None if latency_ms is None else t - latency_ms / 1000
    return RowData(
        str(uuid.uuid4()), t, occurred, system, event_type, entity, "s", "ana", "pc", latency_ms is None, status
    )


def test_series_from_stored_events() -> None:
    cols = EventColumns()
    cols.extend(
        [
            row(END - 30, "call.created", "1", "new", 10),
            row(END - 20, "call.status_changed", "1", "in_progress", 20),
            row(END - 90, "call.created", "2", "new", 30),
            row(END - 80, "call.closed", "2", "closed", 40),
            row(END - 70, "call.created", "3", "waiting", None),  # legacy: no latency
            row(END - 3 * 3600, "task.completed", "7", "done", 50),
            row(END - 10, "task.completed", "8", "done", 60),
        ]
    )
    data = compute(cols, END)
    assert data.per_minute_by_source["callsystem"][-1] == 2  # the last minute: two call events
    assert data.per_minute_by_source["callsystem"].sum() == 5
    assert data.per_minute_by_source["taskmanager"].sum() == 1  # the other task is 3 h old
    assert dict(data.by_type)["call.created"] == 3
    # Call 1 is in progress, call 2 closed, call 3 waiting.
    assert dict(data.open_calls_by_status) == {"in progress": 1, "waiting": 1}
    assert data.calls_opened_per_hour.sum() == 3 and data.calls_closed_per_hour.sum() == 1
    assert data.tasks_completed_per_hour.sum() == 2 and data.tasks_completed_per_hour[-4] == 1
    median, p95 = data.latency_overall
    assert abs(median - 30.0) < 0.01  # float epoch arithmetic: microseconds of error
    assert 40 < p95 <= 60


def test_empty_store_gives_empty_series() -> None:
    data = compute(EventColumns(), END)
    assert data.by_type == [] and data.open_calls_by_status == []
    assert np.isnan(data.latency_overall[0])
