"""Chart series computed from the column store with numpy (Qt-free, so they are unit-testable and
work the same on live events and loaded history).

`compute()` runs on the GUI thread every 500 ms while events arrive, so it never walks all rows
again: what covers everything loaded (counts by type, the last event of each call, calls and
tasks per absolute hour) is kept per `EventColumns` object and folded forward over the rows
appended since the previous call; the minute charts only read the rows whose block of
`BLOCK` rows can hold a time in the window (per-block maxima of `received`, which is nearly but
not strictly increasing in storage order). A history load is a new `EventColumns` object, so it
starts a fresh state. At 1,000,000 rows (a day of history) a call after 500 new rows takes
about 2 ms instead of 95-110 ms, the first call after a load about 20 ms (bench/charts_bench.py).
What still grows with the rows is the minute window itself: with all 1,000,000 rows in the last
hour a call takes about 27 ms (was 145), mostly the latency median/p95 over the window's rows.
The results are the same, to the bit, as recomputing from all rows
(tests/unit/console/test_console_charts_incremental.py compares the two on random histories).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from event_console.columns.store import EventColumns
from integrado.events.system import System

MINUTE = 60.0
HOUR = 3600.0
CLOSED_TYPES = ("call.closed", "call.deleted", "call.completed")
DONE_STATUSES = ("concluida", "closed", "resolved", "done")
# The hourly bars: calls opened, calls closed, tasks completed.
HOURLY_TYPES = (("call.created",), ("call.closed", "call.completed"), ("task.completed",))
BLOCK = 4096  # rows per block of the `received` maxima that bound where a time window can start


@dataclass
class ChartData:
    """Everything the charts panel draws, for the window ending at `end` (epoch seconds)."""

    end: float = 0.0
    minute_starts: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    per_minute_by_source: dict[str, npt.NDArray[np.int64]] = field(default_factory=dict)
    by_type: list[tuple[str, int]] = field(default_factory=list)
    open_calls_by_status: list[tuple[str, int]] = field(default_factory=list)
    hour_starts: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    calls_opened_per_hour: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    calls_closed_per_hour: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    tasks_completed_per_hour: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    latency_median_ms: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    latency_p95_ms: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    latency_overall: tuple[float, float] = (float("nan"), float("nan"))


def compute(cols: EventColumns, end: float, minutes: int = 60, hours: int = 24) -> ChartData:
    """The series for the window ending at `end`. Relies on what EventColumns promises: rows
    are only appended (a history load builds a new object); the running totals of `cols` are
    dropped with it (weak keys)."""
    n = cols.size
    result = ChartData(end=end)
    minute_end = (np.floor(end / MINUTE) + 1) * MINUTE
    result.minute_starts = minute_end - MINUTE * np.arange(minutes, 0, -1, dtype=np.float64)
    hour_end = (np.floor(end / HOUR) + 1) * HOUR
    result.hour_starts = hour_end - HOUR * np.arange(hours, 0, -1, dtype=np.float64)
    with _lock:
        state = _states.get(cols)
        if state is None or state.done > n:
            state = _states[cols] = _State()
        state.fold(cols, n)
        _by_type(cols, state, result)
        _open_calls(cols, state, result)
        _per_hour(cols, state, result, hours)
        _per_minute(cols, state, result, minutes)
    return result


# -- what is kept between calls ------------------------------------------------------------------


class _State:
    """Everything `compute()` keeps for one `EventColumns` object, up to row `done`."""

    def __init__(self) -> None:
        self.done = 0
        self.block_max = np.zeros(0)  # per block of BLOCK rows: the largest `received` (NaN: none)
        self.type_counts = np.zeros(0, dtype=np.int64)  # per type code
        self.last_call_row = np.zeros(0, dtype=np.int64)  # per entity code: its last callsystem row, or -1
        self.open_by_status = np.zeros(0, dtype=np.int64)  # per status code: calls whose last row says it
        # Absolute hour (floor(received / 3600), exact) -> [calls opened, calls closed, tasks completed].
        self.hourly: dict[int, npt.NDArray[np.int64]] = {}
        # Latency (median, p95) per minute, from the rows before `latency_rows`: keyed by the
        # absolute minute (floor(received / 60)) when the window is exact (see `_exact_window`),
        # else by the minute's index in the window `latency_key` names.
        self.latency_key: tuple[float, ...] | None = None
        self.latency_rows = 0
        self.latency_stats: dict[int, tuple[float, float]] = {}
        self.latency_window: tuple[float, ...] | None = None  # the window `latency_overall` is for
        self.latency_overall = (float("nan"), float("nan"))

    def fold(self, cols: EventColumns, n: int) -> None:
        """Take rows [done, n) into the running totals."""
        start = self.done
        if start >= n:
            return
        received = cols.received
        # Block maxima: recompute from the block the new rows start in (it may have been partial).
        first = start // BLOCK * BLOCK
        tail = np.fmax.reduceat(received[first:n], np.arange(0, n - first, BLOCK))
        self.block_max = np.concatenate((self.block_max[: first // BLOCK], tail))

        types = cols.type[start:n]
        self.type_counts = _grown(self.type_counts, len(cols.vocab["type"]))
        self.type_counts += np.bincount(types, minlength=len(self.type_counts))

        self._fold_calls(cols, start, n)

        # Calls and tasks per absolute hour: only rows of the three kinds, with a usable time
        # (|received| < 2**40 s; NaN and infinities fail the test and are never in a window).
        group = np.full(len(cols.vocab["type"]), -1, dtype=np.int64)
        for g, names in enumerate(HOURLY_TYPES):
            group[cols.codes_for("type", names)] = g
        groups = group[types]
        times = received[start:n]
        rows = np.flatnonzero((groups >= 0) & (np.abs(times) < _TIME_LIMIT))
        if len(rows):
            keys = _floor_hours(times[rows]) * 3 + groups[rows]
            low = int(keys.min())
            span = int(keys.max()) - low + 1
            if span <= 4 * len(keys) + 4096:
                counts = np.bincount(keys - low, minlength=span)
                distinct = np.flatnonzero(counts)
                pairs = zip((distinct + low).tolist(), counts[distinct].tolist(), strict=True)
            else:  # far-apart times (a clock far off): count the distinct keys only
                values, counted = np.unique(keys, return_counts=True)
                pairs = zip(values.tolist(), counted.tolist(), strict=True)
            for key, count in pairs:
                hour, g = divmod(key, 3)
                totals = self.hourly.get(hour)
                if totals is None:
                    totals = self.hourly[hour] = np.zeros(3, dtype=np.int64)
                totals[g] += count
        self.done = n

    def _fold_calls(self, cols: EventColumns, start: int, n: int) -> None:
        """Open calls by status: each call's last event counts for its status unless it closed
        the call or its status is a final one; a call's new last event replaces its old one."""
        calls = cols.vocab["source"].lookup(System.CALLSYSTEM)
        if calls is None:
            return
        rows = np.flatnonzero(cols.source[start:n] == calls) + start
        if not len(rows):
            return
        self.last_call_row = _grown(self.last_call_row, len(cols.vocab["entity"]), fill=-1)
        self.open_by_status = _grown(self.open_by_status, len(cols.vocab["status"]))
        entities, last = _last_row_per_key(cols.entity[rows], rows, len(self.last_call_row))
        previous = self.last_call_row[entities]
        self.last_call_row[entities] = last
        previous = previous[previous >= 0]
        closed = np.zeros(len(cols.vocab["type"]), dtype=np.bool_)
        closed[cols.codes_for("type", CLOSED_TYPES)] = True
        final = np.zeros(len(cols.vocab["status"]), dtype=np.bool_)
        final[cols.codes_for("status", DONE_STATUSES)] = True
        size = len(self.open_by_status)
        for sign, which in ((-1, previous), (1, last)):
            status = cols.status[which]
            status = status[~closed[cols.type[which]] & ~final[status]]
            if len(status):
                self.open_by_status += sign * np.bincount(status, minlength=size)


_states: weakref.WeakKeyDictionary[EventColumns, _State] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_TIME_LIMIT = 2.0**40  # |received| below this: the exact hour arithmetic of `_floor_hours` holds
_SCALE = 2.0**22
_BIG_FOLD = 4096  # call rows in one fold above which the last row per call may be found without a sort


def _floor_hours(times: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """floor(t / 3600) exactly, for |t| < 2**40: t * 2**22 is exact (a power of two), its floor
    fits an int64 and an integer floor division has no rounding (t / 3600 in floating point
    would round up to the next integer for a t a hair below an hour boundary)."""
    return np.floor(times * _SCALE).astype(np.int64) // (3600 * 2**22)


def _grown(values: npt.NDArray[np.int64], size: int, fill: int = 0) -> npt.NDArray[np.int64]:
    if len(values) >= size:
        return values
    grown = np.full(max(size, 2 * len(values)), fill, dtype=values.dtype)
    grown[: len(values)] = values
    return grown


def _last_row_per_key(
    keys: npt.NDArray[np.int32], rows: npt.NDArray[np.int64], key_count: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The distinct keys and the largest row of each (rows ascending)."""
    if len(keys) > _BIG_FOLD and 8 * len(keys) > key_count:  # a big fold (a load): linear, no sort
        last = np.full(key_count, -1, dtype=np.int64)
        np.maximum.at(last, keys, rows)
        distinct = np.flatnonzero(last >= 0)
        return distinct, last[distinct]
    distinct, first_in_reversed = np.unique(keys[::-1], return_index=True)
    return distinct.astype(np.int64), rows[::-1][first_in_reversed]


def _candidate_runs(state: _State, start: float, n: int) -> list[tuple[int, int]]:
    """Row ranges that hold every row with received >= start (whole blocks whose maximum
    reaches it: normally one run at the end, plus a block or two around a late row)."""
    blocks = np.flatnonzero(state.block_max >= start)
    if not len(blocks):
        return []
    breaks = np.flatnonzero(np.diff(blocks) != 1)
    firsts = np.concatenate(([blocks[0]], blocks[breaks + 1]))
    lasts = np.concatenate((blocks[breaks], [blocks[-1]]))
    return [(int(a) * BLOCK, min(n, (int(b) + 1) * BLOCK)) for a, b in zip(firsts, lasts, strict=True)]


def _take(column: npt.NDArray, runs: list[tuple[int, int]]) -> npt.NDArray:
    if len(runs) == 1:
        return column[runs[0][0] : runs[0][1]]
    return np.concatenate([column[a:b] for a, b in runs])


# -- the series ----------------------------------------------------------------------------------


def _by_type(cols: EventColumns, state: _State, result: ChartData) -> None:
    names = cols.vocab["type"].values
    result.by_type = sorted(
        ((names[c], int(k)) for c, k in enumerate(state.type_counts.tolist()) if k),
        key=lambda item: -item[1],
    )


def _open_calls(cols: EventColumns, state: _State, result: ChartData) -> None:
    names = cols.vocab["status"].values
    result.open_calls_by_status = sorted(
        ((names[c].replace("_", " ") or "?", int(k)) for c, k in enumerate(state.open_by_status.tolist()) if k),
        key=lambda item: -item[1],
    )


def _per_hour(cols: EventColumns, state: _State, result: ChartData, hours: int) -> None:
    first = float(result.hour_starts[0]) if hours else 0.0
    series = np.zeros((3, hours), dtype=np.int64)
    # The kept totals per absolute hour answer for an exact window (see `_exact_window`); else
    # (a toy epoch, a window of over 1,000 hours) the window's rows are counted the series' way.
    if _exact_window(first, HOUR, hours):
        base = int(first) // 3600
        for k in range(hours):
            totals = state.hourly.get(base + k)
            if totals is not None:
                series[:, k] = totals
    elif hours:
        runs = _candidate_runs(state, first - HOUR, cols.size)
        if runs:
            index = np.floor((_take(cols.received, runs) - result.hour_starts[0]) / HOUR).astype(np.int64)
            types = _take(cols.type, runs)
            inside = (index >= 0) & (index < hours)
            for g, names in enumerate(HOURLY_TYPES):
                sel = inside & np.isin(types, cols.codes_for("type", names))
                series[g] = np.bincount(index[sel], minlength=hours)[:hours]
    result.calls_opened_per_hour, result.calls_closed_per_hour, result.tasks_completed_per_hour = series


def _per_minute(cols: EventColumns, state: _State, result: ChartData, minutes: int) -> None:
    n = cols.size
    sources = cols.vocab["source"].values
    med = np.full(minutes, np.nan)
    p95 = np.full(minutes, np.nan)
    result.latency_median_ms, result.latency_p95_ms = med, p95
    first = result.minute_starts[0] if minutes else np.float64(0.0)
    # Rows received before the window's first minute minus one can't reach it (rounding is
    # monotone: received - first <= -60 in floating point too).
    runs = _candidate_runs(state, float(first) - MINUTE, n) if minutes else []
    if not runs:
        for name in sources:
            result.per_minute_by_source[name] = np.zeros(minutes, dtype=np.int64)
        return
    received = _take(cols.received, runs)
    index = np.floor((received - first) / MINUTE).astype(np.int64)
    inside = (index >= 0) & (index < minutes)

    # Events per minute, stacked by source: one bincount over (source, minute).
    where = index[inside]
    keys = _take(cols.source, runs)[inside].astype(np.int64) * minutes + where
    counts = np.bincount(keys, minlength=len(sources) * minutes).reshape(len(sources), minutes)
    for code, name in enumerate(sources):
        result.per_minute_by_source[name] = counts[code]

    # End-to-end latency (occurred -> received) per minute: median and p95. A minute's figures
    # are kept until a row lands in it (rows are only appended); when the window is exact, a
    # minute keeps them while the window moves on, so a new minute costs one minute's rows.
    latency = (received - _take(cols.occurred, runs)) * 1000.0
    valid = inside & ~np.isnan(latency)
    key: tuple[float, ...]
    if _exact_window(float(first), MINUTE, minutes):
        base, key = int(first) // 60, (-1.0,)
    else:
        base, key = 0, (float(first), minutes)
    if state.latency_key != key:
        state.latency_key, state.latency_stats, state.latency_rows, state.latency_window = key, {}, 0, None
    # The rows appended since the kept figures were made: the candidates' tail from that row on.
    before = sum(max(0, min(state.latency_rows, b) - a) for a, b in runs)
    stats = state.latency_stats
    for minute in np.unique(index[before:][valid[before:]]).tolist():
        stats.pop(base + minute, None)
    stats = state.latency_stats = {k: v for k, v in stats.items() if base <= k < base + minutes}
    per_minute = np.bincount(index[valid], minlength=minutes)
    missing = [m for m in np.flatnonzero(per_minute).tolist() if base + m not in stats]
    if len(missing) > 4:  # many minutes (a new window): sort the rows by minute once
        idx, lat = index[valid], latency[valid]
        order = np.argsort(idx, kind="stable")
        idx, lat = idx[order], lat[order]
        bounds = np.searchsorted(idx, np.arange(minutes + 1))
        for minute in missing:
            chunk = lat[bounds[minute] : bounds[minute + 1]]
            stats[base + minute] = tuple(float(x) for x in np.percentile(chunk, (50, 95)))  # type: ignore[assignment]
    else:
        for minute in missing:
            chunk = latency[valid & (index == minute)]
            stats[base + minute] = tuple(float(x) for x in np.percentile(chunk, (50, 95)))  # type: ignore[assignment]
    for minute in range(minutes):
        figures = stats.get(base + minute)
        if figures is not None:
            med[minute], p95[minute] = figures
    window = (float(first), minutes)
    if missing or state.latency_window != window:
        state.latency_window = window
        state.latency_overall = (float("nan"), float("nan"))
        if len(per_minute) and per_minute.any():
            state.latency_overall = tuple(float(x) for x in np.percentile(latency[valid], (50, 95)))  # type: ignore[assignment]
    state.latency_rows = n
    result.latency_overall = state.latency_overall


def _exact_window(first: float, width: float, count: int) -> bool:
    """Whether the series' own bucket index, floor((received - first) / width) in floating
    point, is floor(received / width) - first / width exactly for every row that can fall in
    the window, so totals kept per absolute bucket answer for it. It is when the window starts
    at a whole bucket past 2**24 s (1970-07-14), ends before 2**36 s, and has at most 1,000
    buckets: a row near it has received >= 2**23, a multiple of 2**-29 s, so received - first is
    exact (Sterbenz) and lies at least 2**-29 s from any bucket boundary, far more than the
    rounding of a quotient below 1,001 (under 2**-43 * width) could bridge, and rows far from
    it stay far outside in both. Else (a toy epoch) the series count the window's rows."""
    return first >= 2.0**24 and first + (count + 1) * width < 2.0**36 and 0 < count <= 1000 and first % width == 0
