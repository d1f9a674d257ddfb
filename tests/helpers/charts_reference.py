"""The chart computation as it was before `event_console.charts` became incremental: the
reference the differential test and bench/charts_bench.py compare the new one against. Every
call recomputes everything from all rows (about 100 ms at 1,000,000 rows)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from event_console.charts import CLOSED_TYPES, HOUR, MINUTE, ChartData
from event_console.columns.store import EventColumns


def compute_reference(cols: EventColumns, end: float, minutes: int = 60, hours: int = 24) -> ChartData:
    """The implementation before the incremental one (commit d9a4781), verbatim."""
    n = cols.size
    result = ChartData(end=end)
    minute_end = (np.floor(end / MINUTE) + 1) * MINUTE
    result.minute_starts = minute_end - MINUTE * np.arange(minutes, 0, -1, dtype=np.float64)
    hour_end = (np.floor(end / HOUR) + 1) * HOUR
    result.hour_starts = hour_end - HOUR * np.arange(hours, 0, -1, dtype=np.float64)
    received = cols.received[:n]
    source, types = cols.source[:n], cols.type[:n]

    # Events per minute, stacked by source.
    m_index = np.floor((received - result.minute_starts[0]) / MINUTE).astype(np.int64) if n else np.zeros(0, np.int64)
    in_minutes = (m_index >= 0) & (m_index < minutes)
    for code, name in enumerate(cols.vocab["source"].values):
        sel = in_minutes & (source == code)
        result.per_minute_by_source[name] = np.bincount(m_index[sel], minlength=minutes)[:minutes]

    # Events by type (everything loaded).
    type_counts = np.bincount(types, minlength=len(cols.vocab["type"]))
    result.by_type = sorted(
        ((cols.vocab["type"].values[c], int(k)) for c, k in enumerate(type_counts) if k),
        key=lambda item: -item[1],
    )

    # Open calls by status: the last event of each call says its status, unless it closed it.
    calls = cols.vocab["source"].lookup("callsystem")
    if calls is not None and n:
        rows = np.flatnonzero(source == calls)
        if len(rows):
            entity = cols.entity[rows]
            # The last occurrence of each entity: unique over the reversed rows.
            _, first_in_reversed = np.unique(entity[::-1], return_index=True)
            last_rows = rows[::-1][first_in_reversed]
            closed_codes = cols.codes_for("type", CLOSED_TYPES)
            still_open = last_rows[~np.isin(types[last_rows], closed_codes)]
            status_codes = cols.status[still_open]
            done = cols.codes_for("status", ("concluida", "closed", "resolved", "done"))
            status_codes = status_codes[~np.isin(status_codes, done)]
            counts = np.bincount(status_codes, minlength=len(cols.vocab["status"]))
            result.open_calls_by_status = sorted(
                ((cols.vocab["status"].values[c].replace("_", " ") or "?", int(k)) for c, k in enumerate(counts) if k),
                key=lambda item: -item[1],
            )

    # Per hour: calls opened vs closed, tasks completed.
    h_index = np.floor((received - result.hour_starts[0]) / HOUR).astype(np.int64) if n else np.zeros(0, np.int64)
    in_hours = (h_index >= 0) & (h_index < hours)

    def per_hour(type_names: tuple[str, ...]) -> npt.NDArray[np.int64]:
        sel = in_hours & np.isin(types, cols.codes_for("type", type_names))
        return np.bincount(h_index[sel], minlength=hours)[:hours]

    result.calls_opened_per_hour = per_hour(("call.created",))
    result.calls_closed_per_hour = per_hour(("call.closed", "call.completed"))
    result.tasks_completed_per_hour = per_hour(("task.completed",))

    # End-to-end latency (occurred -> received) per minute: median and p95.
    latency = (received - cols.occurred[:n]) * 1000.0
    valid = in_minutes & ~np.isnan(latency)
    med = np.full(minutes, np.nan)
    p95 = np.full(minutes, np.nan)
    if valid.any():
        idx, lat = m_index[valid], latency[valid]
        order = np.argsort(idx, kind="stable")
        idx, lat = idx[order], lat[order]
        bounds = np.searchsorted(idx, np.arange(minutes + 1))
        for minute in range(minutes):
            chunk = lat[bounds[minute] : bounds[minute + 1]]
            if len(chunk):
                med[minute], p95[minute] = np.percentile(chunk, (50, 95))
        result.latency_overall = tuple(float(x) for x in np.percentile(latency[valid], (50, 95)))  # type: ignore[assignment]
    result.latency_median_ms, result.latency_p95_ms = med, p95
    return result
