"""Operations report: a weekly report over a history of 1,000,000 events, end to end.

    .venv/bin/python bench/report_bench.py            # 1M events: about a minute to build, then the report
    .venv/bin/python bench/report_bench.py --quick    # 100k events

The history is a console database (SQLite) holding a week of simulated operation in office hours (calls created,
worked, waiting, resolved and closed, tasks created and completed, four operators; every call's
snapshot carries its category and SLA due time as CallSystem's does), written straight into the
events table. Measured, best of --runs (the machine is shared):
  - report_weekly_1m_s: the whole `integrado report` work for that week: read every event from the
    database, fold it into the operations ledger, compute the figures on an office calendar
    (Mon-Fri 08:00-18:00, São Paulo, national holidays) and write the PDF with its charts;
  - report_fold_1m_s: the read and fold alone; report_pdf_s: the PDF alone; report_csv_s: the CSV.
Writes bench/results/report.json.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import orjson
from bench_common import write_results

from event_console.reports.csv_report import write_csv
from event_console.reports.figures import compute
from event_console.reports.reader import fold_history
from helpers.demo.console import DemoTraffic
from integrado.calendar import BusinessCalendar
from integrado.db import make_engine
from integrado.events.system import System
from integrado.history import HistoryStore, entity_status

FIRST_DAY = date(2026, 11, 23)  # a Monday
SLA_MINUTES = {"critical": 30, "high": 60, "medium": 120, "low": 240}
CATEGORIES = ("internet", "billing", "tv", "phone", "moving")


def build_history(path: Path, count: int, calendar: BusinessCalendar) -> None:
    """`count` events spread over the week, inserted in batches straight into the events table."""
    store = HistoryStore(make_engine(f"sqlite:///{path}"))
    traffic = DemoTraffic(seed=11, origin=str(uuid.uuid4()))
    start = calendar.day_start(FIRST_DAY)
    # A call center's week: the events fall within office hours (the calendar's), Monday to Friday.
    span = calendar.between(start, calendar.day_start(FIRST_DAY + timedelta(days=7)))
    created: dict[int, float] = {}
    columns = (
        "event_id, system, type, action, entity_id, seq, occurred_at, received_at, user, host, "
        "correlation_id, legacy, channel, raw, summary, status, origin"
    )
    sql = f"INSERT INTO events ({columns}) VALUES ({', '.join('?' * 17)})"
    batch: list[tuple[object, ...]] = []
    with store.engine.begin() as conn:
        for i in range(count):
            at = calendar.add(start, span * i / count)
            env = traffic.envelope(at)
            data = env["data"]
            if env["system"] == "callsystem":
                call_id = int(env["id"])
                opened = created.setdefault(call_id, at)
                data.update(
                    created_at=opened,
                    sla_due_at=calendar.add(opened, SLA_MINUTES[data["priority"]] * 60),
                    category=CATEGORIES[call_id % len(CATEGORIES)],
                    sla_paused=data["status"] == "waiting",
                )
            raw = orjson.dumps(env).decode()
            system = System(env["system"])
            entity = str(env["id"])
            batch.append(
                (
                    env["event_id"],
                    env["system"],
                    env["type"],
                    env["action"],
                    entity,
                    env["seq"],
                    at,
                    at + 0.01,
                    env["actor"]["user"],
                    env["actor"]["host"],
                    env["correlation_id"],
                    False,
                    "calls_channel" if system == System.CALLSYSTEM else "tasks",
                    raw,
                    "",  # the summary: the report never reads it
                    entity_status(env, system),
                    env["origin"],
                )
            )
            if len(batch) >= 20_000:
                conn.exec_driver_sql(sql, batch)
                batch = []
        if batch:
            conn.exec_driver_sql(sql, batch)
    store.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100,000 events")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    count = 100_000 if args.quick else args.events
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from event_console.reports.pdf import write_pdf

    app = QGuiApplication.instance() or QGuiApplication([])
    calendar = BusinessCalendar.office("America/Sao_Paulo")
    last_day = FIRST_DAY + timedelta(days=6)
    _, end = calendar.day_start(FIRST_DAY), calendar.day_start(last_day + timedelta(days=1))
    with tempfile.TemporaryDirectory(prefix="integrado-report-bench-") as tmp:
        db = Path(tmp) / "console.db"
        t0 = time.perf_counter()
        build_history(db, count, calendar)
        print(f"history of {count:,} events built in {time.perf_counter() - t0:.1f} s", flush=True)
        engine = make_engine(f"sqlite:///{db}")
        whole, fold_times, pdf_times, csv_times = [], [], [], []
        report = None
        for run in range(args.runs):
            t0 = time.perf_counter()
            ledger = fold_history(engine, end, progress=lambda done, total: None)
            t1 = time.perf_counter()
            report = compute(ledger, calendar, FIRST_DAY, last_day, events_read=ledger.events_applied)
            t2 = time.perf_counter()
            write_pdf(report, Path(tmp) / "week.pdf")
            t3 = time.perf_counter()
            write_csv(report, io.StringIO())
            t4 = time.perf_counter()
            whole.append(t3 - t0)
            fold_times.append(t1 - t0)
            pdf_times.append(t3 - t2)
            csv_times.append(t4 - t3)
            print(
                f"run {run + 1}: weekly report {t3 - t0:.2f} s (read+fold {t1 - t0:.2f}, figures {t2 - t1:.2f}, "
                f"pdf {t3 - t2:.2f}; csv {t4 - t3:.3f})",
                flush=True,
            )
        engine.dispose()
        assert report is not None and report.events_read == count, (report and report.events_read, count)
        print(
            f"{report.total.opened} calls opened, {report.total.closed} closed, "
            f"SLA met {report.total.sla_met_pct:.1f} %, {report.tasks_completed} tasks completed"
        )
    del app
    key = "report_weekly_1m_s" if count == 1_000_000 else "report_weekly_quick_s"
    figures = {
        key: min(whole),
        "report_fold_1m_s" if count == 1_000_000 else "report_fold_quick_s": min(fold_times),
        "report_pdf_s": min(pdf_times),
        "report_csv_s": min(csv_times),
        "report_events": count,
    }
    print(write_results("report", figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
