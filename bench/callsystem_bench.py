"""CallSystem with 100,000 calls in a SQLite database: how fast the list appears, searches,
re-sorts and takes a live update, and how long the app takes to show its window.

    .venv/bin/python bench/callsystem_bench.py [--calls 100000]

Prints a small table and writes bench/results/callsystem.json. Runs offscreen; bounded to well
under 90 s on a 2-core machine (most of it is creating the database).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_common  # noqa: F401  (puts apps/ and tests/ on sys.path)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "callsystem.json"

# Runs in a fresh interpreter: imports, database, window, first paint of the list.
_STARTUP_CHILD = r"""
import os, sys, time
t0 = float(sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from integrado.qt.runner import make_qapplication
from integrado.settings import Settings
from callsystem_gui.app import build

class Painted(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            Painted.done = True
        return False

app = make_qapplication("CallSystem")
handle = build(Settings.load())
watcher = Painted()
handle.window.table.viewport().installEventFilter(watcher)
handle.window.resize(1600, 900)
handle.window.show()
while not Painted.done:
    app.processEvents()
print(f"{(time.time() - t0) * 1000:.1f} {handle.window.model.rowCount()}")
handle.pipeline.engine.dispose()
"""


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def make_database(count: int) -> float:
    from sqlalchemy import insert

    from callsystem_gui.tables import CallRow
    from helpers.demo.callsystem import bulk_rows
    from integrado.db import make_engine
    from integrado.migrations import upgrade

    started = time.perf_counter()
    from integrado.settings import Settings

    engine = make_engine(Settings.load().callsystem_db, synchronous="OFF")
    # The current schema revision, as the app makes it: tables made without one would be taken
    # for a first-release database and have their rows converted on the app's first start.
    upgrade(engine, "callsystem")
    rows = list(bulk_rows(count))
    with engine.begin() as conn:
        for i in range(0, len(rows), 20_000):
            conn.execute(insert(CallRow), rows[i : i + 20_000])
    engine.dispose()
    return _ms(started)


def measure_in_process() -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, Qt

    from callsystem_gui.app import build
    from callsystem_gui.domain import Priority, Status
    from callsystem_gui.models.call_table import CallFilter, Column
    from integrado.qt.runner import make_qapplication
    from integrado.settings import Settings

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.done = True
            return False

    app = make_qapplication("CallSystem")
    out: dict[str, float] = {}
    started = time.perf_counter()
    handle = build(Settings.load())
    out["calls_100k_build_ms"] = _ms(started)
    window, model = handle.window, handle.window.model
    watcher = Painted()
    window.table.viewport().installEventFilter(watcher)
    window.resize(1600, 900)
    window.show()
    while not watcher.done:
        app.processEvents()
    out["calls_100k_first_paint_ms"] = _ms(started)
    out["rows_loaded"] = model.total_count()

    t = time.perf_counter()
    handle.service.summaries()
    out["db_load_100k_ms"] = _ms(t)

    def timed(label: str, action) -> None:
        """`label`: the model's work plus the repaint it causes; `label_model`: the model alone."""
        t = time.perf_counter()
        action()
        out[label.replace("_ms", "_model_ms")] = _ms(t)
        app.processEvents()
        out[label] = _ms(t)

    everything = CallFilter(statuses=None)
    # Cold: the search keys are still being built in idle time right after the first paint.
    timed("search_cold_ms", lambda: model.set_filter(everything.with_text("souza")))
    out["rows_search_souza"] = model.rowCount()
    while model._warm_timer.isActive():
        app.processEvents()
    timed("filter_all_statuses_ms", lambda: model.set_filter(everything))
    out["rows_all_statuses"] = model.rowCount()
    timed("search_souza_ms", lambda: model.set_filter(everything.with_text("souza")))
    timed("search_ms", lambda: model.set_filter(everything.with_text("maria")))
    timed("search_phone_ms", lambda: model.set_filter(everything.with_text("(51) 9")))
    timed("filter_clear_ms", lambda: model.set_filter(everything))
    timed("filter_priority_status_ms", lambda: model.set_filter(CallFilter(priority=Priority.CRITICAL)))
    model.set_filter(everything)
    timed("resort_caller_ms", lambda: window.sort_by(Column.CALLER, Qt.SortOrder.AscendingOrder))
    timed("resort_priority_ms", lambda: window.sort_by(Column.PRIORITY, Qt.SortOrder.DescendingOrder))
    timed("resort_sla_ms", lambda: window.sort_by(Column.SLA, Qt.SortOrder.AscendingOrder))
    timed("resort_updated_desc_ms", lambda: window.sort_by(Column.UPDATED, Qt.SortOrder.DescendingOrder))
    timed("sla_tick_ms", model.tick)
    window.select_row(500)
    call = handle.service.summaries([model.call_at(500).id])[0]
    call.status = Status.IN_PROGRESS
    call.updated_at = time.time()
    timed("live_update_one_row_ms", lambda: model.upsert([call]))
    window.close()
    handle.controller.stop()
    handle.pipeline.engine.dispose()
    return out


def measure_startup(env: dict[str, str]) -> float:
    t0 = time.time()
    result = subprocess.run(
        [sys.executable, "-c", _STARTUP_CHILD, str(t0)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return float(result.stdout.split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=100_000)
    args = parser.parse_args()
    bench_started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="callsystem-bench-"))
    os.environ["INTEGRADO_CONFIG_DIR"] = str(tmp / "config")
    os.environ["INTEGRADO_DATA_DIR"] = str(tmp / "data")
    os.environ["INTEGRADO_OPERATOR"] = "ana.souza"
    os.environ["REDIS_URL"] = "redis://127.0.0.1:1/0"  # never contacted: the relay is not started
    os.environ.pop("INTEGRADO_CALLSYSTEM_DB", None)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "apps"), env.get("PYTHONPATH", "")])

    empty_env = dict(env, INTEGRADO_DATA_DIR=str(tmp / "empty"))
    results: dict[str, float] = {"calls": args.calls}
    results["startup_ms_callsystem_empty_db"] = measure_startup(empty_env)
    results["create_db_ms"] = make_database(args.calls)
    results["startup_ms_callsystem"] = measure_startup(env)
    results.update(measure_in_process())
    results["bench_total_s"] = round(time.perf_counter() - bench_started, 1)

    width = max(len(k) for k in results)
    print(f"CallSystem benchmark, {args.calls:,} calls in SQLite (offscreen, {os.cpu_count()} CPUs)")
    for key, value in results.items():
        print(f"  {key:<{width}}  {value:>10}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
