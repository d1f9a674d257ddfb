"""Event Console charts: `charts.compute()` time at 100k, 500k and 1M rows, old and new side by side.

    .venv/bin/python bench/charts_bench.py            # about 30 s on 2 cores
    .venv/bin/python bench/charts_bench.py --quick    # 100k rows only, fewer repeats

The charts panel calls compute() on the GUI thread every 500 ms while events arrive, so its time
is a freeze of the window. The rows are synthetic, written straight into an EventColumns (as a
history load leaves it): a day of history (received spread over the last 25 hours, slightly out
of order), two sources, a dozen types, 40,000 calls and 40,000 tasks, 2 % legacy rows without
an occurred time. Figures, each the best of several runs (the machine is shared):
  - first: the first call on a freshly loaded EventColumns (the new code builds its state);
  - steady: a call after 500 more rows were appended and `end` moved on 0.5 s (live), the new
    code's best and median over the steps;
  - minute / hour: a steady call whose window moved into a new minute / a new hour;
  - dense: 1M rows all received in the last hour (a worst case: every row is in the minute
    window, whose latency percentiles are recomputed over all its rows on each call).
"old" is the implementation before the running totals (tests/helpers/charts_reference.py),
"new" is event_console.charts.compute; each run also checks that both give the same result.
Writes bench/results/charts.json.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import ROOT, write_results

sys.path.insert(0, str(ROOT / "tests"))

from event_console import charts
from event_console.charts import ChartData
from event_console.columns.store import EventColumns
from helpers.charts_reference import compute_reference

SOURCES = ("callsystem", "taskmanager")
TYPES = (
    ("call.created", "call.status_changed", "call.assigned", "call.commented", "call.closed", "call.completed"),
    ("task.created", "task.updated", "task.assigned", "task.completed", "task.deleted", "task.commented"),
)
STATUSES = ("new", "in_progress", "waiting", "assigned", "concluida", "closed", "done", "")
ENTITIES = 40_000
NOW = 1_790_000_000.0 + 1234.5


class Generator:
    def __init__(self, seed: int = 1) -> None:
        self.rng = np.random.default_rng(seed)
        self._codes: dict[int, tuple] = {}

    def codes(self, cols: EventColumns) -> tuple:
        found = self._codes.get(id(cols))
        if found is None or found[0] is not cols:
            v = cols.vocab
            found = (
                cols,
                np.array([v["source"].code(s) for s in SOURCES]),
                [np.array([v["type"].code(t) for t in names]) for names in TYPES],
                np.array([v["entity"].code(f"call #{i}") for i in range(ENTITIES)]),
                np.array([v["entity"].code(f"task #{i}") for i in range(ENTITIES)]),
                np.array([v["status"].code(s) for s in STATUSES]),
            )
            self._codes[id(cols)] = found
        return found

    def append(self, cols: EventColumns, count: int, t0: float, t1: float) -> None:
        """`count` rows received between t0 and t1, in order but for ~50 ms of jitter."""
        rng = self.rng
        _, sources, types, calls, tasks, statuses = self.codes(cols)
        start, end = cols.size, cols.size + count
        cols._grow(end)
        received = np.sort(rng.uniform(t0, t1, count)) + rng.normal(0, 0.05, count)
        occurred = received - rng.exponential(0.03, count)
        occurred[rng.random(count) < 0.02] = np.nan
        task = rng.random(count) < 0.4
        ids = rng.integers(0, ENTITIES, count)
        cols.received[start:end] = received
        cols.occurred[start:end] = occurred
        cols.source[start:end] = sources[task.astype(np.int64)]
        cols.type[start:end] = np.where(
            task, types[1][rng.integers(0, len(types[1]), count)], types[0][rng.integers(0, len(types[0]), count)]
        )
        cols.entity[start:end] = np.where(task, tasks[ids], calls[ids])
        cols.status[start:end] = statuses[rng.integers(0, len(statuses), count)]
        cols.size = end


def best_ms(fn: Callable[[], object], repeats: int) -> float:
    best = math.inf
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000.0


def same(a: ChartData, b: ChartData) -> bool:
    arrays = (
        "minute_starts",
        "hour_starts",
        "calls_opened_per_hour",
        "calls_closed_per_hour",
        "tasks_completed_per_hour",
        "latency_median_ms",
        "latency_p95_ms",
    )
    return (
        all(np.array_equal(getattr(a, k), getattr(b, k), equal_nan=True) for k in arrays)
        and a.per_minute_by_source.keys() == b.per_minute_by_source.keys()
        and all(np.array_equal(v, b.per_minute_by_source[k]) for k, v in a.per_minute_by_source.items())
        and a.by_type == b.by_type
        and a.open_calls_by_status == b.open_calls_by_status
        and np.array_equal(np.array(a.latency_overall), np.array(b.latency_overall), equal_nan=True)
    )


def measure(rows: int, span: float, repeats: int, steps: int, label: str) -> dict[str, float]:
    gen = Generator()
    cols = EventColumns(rows + 1024)
    end = NOW
    gen.append(cols, rows, end - span, end)
    figures: dict[str, float] = {}
    figures["old_first"] = best_ms(lambda: compute_reference(cols, end), repeats)

    def fresh() -> None:
        charts._states.pop(cols, None)
        charts.compute(cols, end)

    figures["new_first"] = best_ms(fresh, repeats)
    ok = same(charts.compute(cols, end), compute_reference(cols, end))

    # Live: 500 rows per 0.5 s tick; `end` stays inside one minute for these steps.
    end = math.floor(end / 60) * 60 + 1.0
    charts.compute(cols, end)
    new_steady: list[float] = []
    old_steady: list[float] = []
    for step in range(steps):
        gen.append(cols, 500, end - 0.5, end)
        t = time.perf_counter()
        data = charts.compute(cols, end)
        new_steady.append((time.perf_counter() - t) * 1000.0)
        if step < repeats:
            t = time.perf_counter()
            reference = compute_reference(cols, end)
            old_steady.append((time.perf_counter() - t) * 1000.0)
            ok = ok and same(data, reference)
        end += 0.5 * 58 / steps
    figures["old_steady"] = min(old_steady)
    figures["new_steady"] = min(new_steady)
    figures["new_steady_median"] = statistics.median(new_steady)

    # The window moves into a new minute (live "now"), then into a new hour: the rows up to
    # just before the boundary arrive first (at the history's rate, untimed), then 500 more
    # across it and the timed call.
    rate = rows / span
    for key, unit in (("new_minute", 60.0), ("new_hour", 3600.0)):
        times = []
        for _ in range(repeats):
            boundary = math.floor(end / unit) * unit + unit
            gen.append(cols, max(1, int(rate * (boundary - 0.25 - end))), end, boundary - 0.25)
            charts.compute(cols, boundary - 0.25)
            end = boundary + 0.25
            gen.append(cols, 500, end - 0.5, end)
            t = time.perf_counter()
            data = charts.compute(cols, end)
            times.append((time.perf_counter() - t) * 1000.0)
        figures[key] = min(times)
        ok = ok and same(data, compute_reference(cols, end))
    if not ok:
        raise SystemExit(f"{label}: the new compute() differs from the reference")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100k rows only, fewer repeats")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    repeats = 2 if args.quick else args.repeats
    cases = [("100k", 100_000, 25 * 3600.0), ("500k", 500_000, 25 * 3600.0), ("1M", 1_000_000, 25 * 3600.0)]
    cases.append(("1M_dense", 1_000_000, 3500.0))
    if args.quick:
        cases = cases[:1]
    header = (
        f"{'rows':<9} {'old first':>9} {'new first':>9} {'old steady':>10} {'new steady':>10} "
        f"{'(median)':>8} {'new minute':>10} {'new hour':>8}   ms"
    )
    print(header)
    print("-" * len(header))
    results: dict[str, float] = {}
    for label, rows, span in cases:
        f = measure(rows, span, repeats, 40 if args.quick else 60, label)
        print(
            f"{label:<9} {f['old_first']:9.1f} {f['new_first']:9.1f} {f['old_steady']:10.1f} {f['new_steady']:10.2f} "
            f"{f['new_steady_median']:8.2f} {f['new_minute']:10.2f} {f['new_hour']:8.2f}",
            flush=True,
        )
        for key, value in f.items():
            results[f"charts_{key}_ms_{label}"] = round(value, 3)
    print("(a day of history = received over 25 h; 1M_dense = 1M rows in the last hour; best of runs)")
    path = write_results("charts", results)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
