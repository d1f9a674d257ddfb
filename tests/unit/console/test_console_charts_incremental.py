"""`charts.compute` keeps running totals between calls; these tests compare it, call after call,
with the implementation that recomputed everything from all rows (helpers.charts_reference) on
random append sequences: late rows, rows on and a hair off minute and hour boundaries, legacy
rows without an occurred time, vocabularies that grow between calls, a history load (a new
EventColumns object), windows that move with `end`, stand still or go back."""

from __future__ import annotations

import math
import uuid

import numpy as np
import pytest

from event_console import charts
from event_console.charts import ChartData, compute
from event_console.columns.layout import RowData
from event_console.columns.store import EventColumns
from helpers.charts_reference import compute_reference

EPOCH = 1_790_000_000.0 - (1_790_000_000.0 % 3600) + 1845

CALL_TYPES = ["call.created", "call.status_changed", "call.assigned", "call.closed", "call.completed", "call.deleted"]
TASK_TYPES = ["task.created", "task.updated", "task.completed", "task.deleted"]
STATUSES = ["new", "in_progress", "waiting", "em_andamento", "concluida", "closed", "resolved", "done", ""]


def assert_same(new: ChartData, old: ChartData) -> None:
    assert new.end == old.end
    for name in (
        "minute_starts",
        "hour_starts",
        "calls_opened_per_hour",
        "calls_closed_per_hour",
        "tasks_completed_per_hour",
        "latency_median_ms",
        "latency_p95_ms",
    ):
        a, b = getattr(new, name), getattr(old, name)
        assert a.dtype == b.dtype and a.shape == b.shape, name
        assert np.array_equal(a, b, equal_nan=True), name
    assert list(new.per_minute_by_source) == list(old.per_minute_by_source)
    for source, counts in old.per_minute_by_source.items():
        mine = new.per_minute_by_source[source]
        assert mine.dtype == counts.dtype and np.array_equal(mine, counts), source
    assert new.by_type == old.by_type
    assert new.open_calls_by_status == old.open_calls_by_status
    for a, b in zip(new.latency_overall, old.latency_overall, strict=True):
        assert (math.isnan(a) and math.isnan(b)) or a == b


class History:
    """Random events around a moving "now": mostly in order, some late, some on boundaries."""

    def __init__(self, rng: np.random.Generator, now: float, vocab_growth: bool = True) -> None:
        self.rng = rng
        self.now = now
        self.entities = 1
        # New kinds show up later in the run when vocab_growth is on.
        self.systems = ["taskmanager"] if vocab_growth else ["taskmanager", "callsystem", "sla"]
        self.call_types = CALL_TYPES[:2] if vocab_growth else CALL_TYPES[:]
        self.statuses = STATUSES[:3] if vocab_growth else STATUSES[:]

    def grow_vocab(self) -> None:
        rng = self.rng
        if rng.random() < 0.4 and len(self.systems) < 3:
            self.systems.append(["callsystem", "sla"][len(self.systems) - 1])
        if rng.random() < 0.5 and len(self.call_types) < len(CALL_TYPES):
            self.call_types.append(CALL_TYPES[len(self.call_types)])
        if rng.random() < 0.5 and len(self.statuses) < len(STATUSES):
            self.statuses.append(STATUSES[len(self.statuses)])

    def received(self) -> float:
        rng = self.rng
        kind = rng.random()
        if kind < 0.70:  # about now, a little out of order
            return self.now - abs(rng.normal(0, 2.0))
        if kind < 0.80:  # late: minutes to a day old
            return self.now - rng.uniform(60, 26 * 3600)
        if kind < 0.95:  # on a minute or hour boundary, or one ulp either side of it
            step = 60.0 if rng.random() < 0.6 else 3600.0
            boundary = (math.floor(self.now / step) - int(rng.integers(0, 30))) * step
            return float(np.nextafter(boundary, boundary + rng.choice([-1.0, 0.0, 1.0])))
        if kind < 0.97:  # from the future (a clock ahead)
            return self.now + rng.uniform(1, 7200)
        return self.now - rng.uniform(0, 40 * 86400)  # very old

    def rows(self, count: int) -> list[RowData]:
        rng = self.rng
        out = []
        for _ in range(count):
            self.now += rng.exponential(0.5)
            system = self.systems[int(rng.integers(0, len(self.systems)))]
            if system == "callsystem":
                event_type = self.call_types[int(rng.integers(0, len(self.call_types)))]
            elif system == "taskmanager":
                event_type = TASK_TYPES[int(rng.integers(0, len(TASK_TYPES)))]
            else:
                event_type = "sla.breached"
            if rng.random() < 0.1:
                self.entities += 1
            entity = str(int(rng.integers(1, self.entities + 1)))
            t = self.received()
            legacy = rng.random() < 0.1
            occurred = None if legacy else t - rng.exponential(0.05)
            status = self.statuses[int(rng.integers(0, len(self.statuses)))]
            out.append(
                RowData(str(uuid.uuid4()), t, occurred, system, event_type, entity, "s", "ana", "pc", legacy, status)
            )
        return out


def run_sequence(seed: int, steps: int = 25, vocab_growth: bool = True) -> None:
    rng = np.random.default_rng(seed)
    history = History(rng, EPOCH + rng.uniform(0, 86400), vocab_growth)
    cols = EventColumns(int(rng.integers(1, 64)))
    end = history.now
    for _ in range(steps):
        action = rng.random()
        if action < 0.08:  # a history load: a new object with a batch of rows at once
            cols = EventColumns(1024)
            cols.extend(history.rows(int(rng.integers(0, 1500))))
        elif action < 0.9:
            cols.extend(history.rows(int(rng.integers(0, 400))))
        if vocab_growth and rng.random() < 0.3:
            history.grow_vocab()
        # The window: "now" (live), a fixed time in the past (a history range), or a jump.
        mode = rng.random()
        if mode < 0.6:
            end = history.now + rng.uniform(0, 2)
        elif mode < 0.75:
            pass  # same end as before
        elif mode < 0.9:
            end = history.now - rng.uniform(0, 3 * 86400)
        else:
            end = float(math.floor(history.now / 3600) * 3600 + rng.choice([0.0, -1e-6, 3599.999]))
        minutes, hours = (60, 24) if rng.random() < 0.8 else (int(rng.integers(1, 90)), int(rng.integers(1, 48)))
        assert_same(compute(cols, end, minutes, hours), compute_reference(cols, end, minutes, hours))


@pytest.mark.parametrize("seed", range(30))
def test_incremental_matches_the_full_recompute(seed: int) -> None:
    run_sequence(seed)


@pytest.mark.parametrize("seed", range(10))
def test_incremental_matches_with_small_blocks(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Many blocks of 8 rows: late rows make the minute window read several runs of blocks.
    monkeypatch.setattr(charts, "BLOCK", 8)
    monkeypatch.setattr(charts, "_BIG_FOLD", 16)  # and the sort-free "last row per call" path
    run_sequence(1000 + seed, vocab_growth=seed % 2 == 0)


@pytest.mark.parametrize("epoch", [0.0, 1000.0, 5000.5, 86400.0 * 3, -7200.0, 2.0**37])
def test_toy_and_far_epochs_match(epoch: float) -> None:
    # Windows outside the exact-hour range are counted from the rows directly.
    rng = np.random.default_rng(int(abs(epoch)) % 1000)
    cols = EventColumns()
    history = History(rng, epoch, vocab_growth=False)
    for _ in range(8):
        cols.extend(history.rows(int(rng.integers(1, 200))))
        end = history.now + rng.uniform(-100, 100)
        assert_same(compute(cols, end), compute_reference(cols, end))


def test_rows_exactly_around_boundaries() -> None:
    cols = EventColumns()
    end = EPOCH
    hour = math.floor(end / 3600) * 3600
    times = []
    for k in range(-26, 2):
        for t in (hour + k * 3600.0, hour + k * 3600.0 + 60 * 7):
            times += [t, float(np.nextafter(t, -np.inf)), float(np.nextafter(t, np.inf))]
    rows = [
        RowData(str(uuid.uuid4()), t, t - 0.01, "callsystem", kind, str(i), "s", "u", "h", False, "new")
        for i, t in enumerate(times)
        for kind in ("call.created", "call.closed")
    ]
    rows += [
        RowData(str(uuid.uuid4()), t, t, "taskmanager", "task.completed", "1", "s", "u", "h", False, "done")
        for t in times
    ]
    cols.extend(rows)
    for shift in (0.0, 60.0, 3600.0, -3600.0, 1799.5):
        assert_same(compute(cols, end + shift), compute_reference(cols, end + shift))


def test_a_replaced_column_store_starts_afresh() -> None:
    rng = np.random.default_rng(7)
    history = History(rng, EPOCH, vocab_growth=False)
    first = EventColumns()
    first.extend(history.rows(300))
    compute(first, history.now)
    second = EventColumns()  # a history load: fewer rows than the state of the first one
    second.extend(history.rows(50))
    assert_same(compute(second, history.now), compute_reference(second, history.now))
    first.extend(history.rows(20))
    assert_same(compute(first, history.now), compute_reference(first, history.now))


def test_late_rows_in_an_old_minute_refresh_its_latency() -> None:
    cols = EventColumns()
    end = EPOCH

    def make(t: float, lat: float) -> RowData:
        return RowData(str(uuid.uuid4()), t, t - lat, "taskmanager", "task.updated", "1", "s", "u", "h", False, "new")

    cols.extend([make(end - 1800 + i, 0.010) for i in range(30)] + [make(end - 5, 0.020)])
    assert_same(compute(cols, end), compute_reference(cols, end))
    cols.extend([make(end - 1790, 5.0)])  # a late row, 30 minutes back: that minute's p95 moves
    assert_same(compute(cols, end), compute_reference(cols, end))
    cols.extend([make(end - 3, 0.030)])
    assert_same(compute(cols, end), compute_reference(cols, end))
