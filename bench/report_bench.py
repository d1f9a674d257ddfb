"""Operations report: a weekly report over a history of 1,000,000 events, end to end.

    .venv/bin/python bench/report_bench.py            # 1M events: about a minute to build, then the report
    .venv/bin/python bench/report_bench.py --quick    # 100k events

The history is a console database (SQLite) holding eight weeks of simulated operation in office
hours (calls created, worked, waiting, resolved and closed, tasks created and completed, four
operators; every call's snapshot carries its category and SLA due time as CallSystem's does),
written straight into the events table. The report is of the last week. Measured, best of
--runs (the machine is shared):
  - report_weekly_1m_s: the whole `integrado report` work for that week: read the events of the
    calls and tasks it counts, fold them into the operations ledger, compute the figures on an
    office calendar (Mon-Fri 08:00-18:00, São Paulo, national holidays) and write the PDF;
  - report_fold_all_1m_s: the worst case, as if every one of the 1M events were of the week's
    calls and tasks: all of them read and folded (what a week holding the whole history costs);
  - report_weekly_1m_cpu_s: the CPU time of the same (both threads), which the machine's other
    load does not lengthen as it does the wall time;
  - report_fold_1m_s: the week's read and fold alone; report_pdf_s, report_csv_s: the outputs.
Writes bench/results/report.json.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import orjson
from bench_common import write_results

from event_console.reports.csv_report import write_csv
from event_console.reports.figures import compute
from event_console.reports.reader import fold_history
from integrado.calendar import BusinessCalendar
from integrado.db import make_engine
from integrado.events.system import System
from integrado.history import HistoryStore, entity_status

FIRST_DAY = date(2026, 10, 5)  # a Monday: the history's first day
WEEKS = 8
REPORT_DAY = FIRST_DAY + timedelta(weeks=WEEKS - 1)  # the Monday of the week reported
SLA_MINUTES = {"critical": 30, "high": 60, "medium": 120, "low": 240}
CATEGORIES = ("internet", "billing", "tv", "phone", "moving")
OPERATORS = ("ana", "bruno", "carla", "diego")
# Next status -> the choices, as CallSystem allows them (weighted by repetition).
FLOW = {
    "new": ("in_progress", "in_progress", "waiting"),
    "in_progress": ("waiting", "resolved", "resolved", "closed"),
    "waiting": ("in_progress", "in_progress", "resolved"),
    "resolved": ("closed", "closed", "in_progress"),
}
STOPPED = ("waiting", "resolved", "closed")


class WeekTraffic:
    """Envelopes as CallSystem and TaskManager send them, in constant time per event (the
    demo traffic of the console's tests picks among recent calls by copying its whole list: fine
    for thousands of events, hours for a million)."""

    def __init__(self, calendar: BusinessCalendar, seed: int = 11) -> None:
        self.rnd = random.Random(seed)
        self.calendar = calendar
        self.origin = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"
        self.seq = {"callsystem": 0, "taskmanager": 0}
        self.open_calls: list[dict[str, Any]] = []
        self.open_tasks: list[dict[str, Any]] = []
        self.stopped: dict[int, float] = {}
        self.next_call = self.next_task = 0
        self.count = 0

    def envelope(self, at: float) -> dict[str, Any]:
        rnd = self.rnd
        self.count += 1
        user = OPERATORS[rnd.randrange(4)]
        if rnd.random() < 0.6:
            system, event_type, entity, changes = "callsystem", *self._call(rnd, user, at)
            body = {
                "cliente": entity["caller_name"],
                "descricao": entity["subject"],
                "status": "concluida" if entity["status"] == "closed" else "pendente",
            }
            action = {"call.created": "created", "call.closed": "completed", "call.reopened": "reopened"}.get(
                event_type, "updated"
            )
        else:
            system, event_type, entity, changes = "taskmanager", *self._task(rnd, at)
            body = {"title": entity["title"], "completed": entity["completed"]}
            action = {"task.created": "created", "task.completed": "completed"}.get(event_type, "updated")
        self.seq[system] += 1
        env: dict[str, Any] = {
            "system": system,
            "action": action,
            "id": entity["id"],
            **body,
            "schema": 1,
            "event_id": f"00000000-0000-4000-8000-{self.count:012x}",
            "type": event_type,
            "seq": self.seq[system],
            "occurred_at": datetime.fromtimestamp(at, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "actor": {"user": user, "host": f"pc-{OPERATORS.index(user) + 1:02d}"},
            "correlation_id": f"00000000-0000-4000-9000-{self.count:012x}",
            "data": dict(entity),
            "origin": self.origin,
        }
        if changes:
            env["changes"] = changes
        return env

    def _call(self, rnd: random.Random, user: str, at: float) -> tuple[str, dict[str, Any], Any]:
        calls = self.open_calls
        if not calls or rnd.random() < 0.18:
            self.next_call += 1
            priority = ("low", "medium", "high", "critical")[rnd.randrange(4)]
            call = {
                "id": self.next_call,
                "caller_name": f"Cliente {self.next_call}",
                "subject": "Internet caiu",
                "category": CATEGORIES[self.next_call % len(CATEGORIES)],
                "priority": priority,
                "status": "new",
                "assignee": user,
                "created_at": at,
                "sla_due_at": self.calendar.add(at, SLA_MINUTES[priority] * 60),
                "sla_paused": False,
                "deleted": False,
            }
            calls.append(call)
            if len(calls) > 60:
                calls.pop(0)  # the oldest open call is left as it is: not every call gets closed
            return "call.created", call, None
        call = calls[rnd.randrange(len(calls))]
        if rnd.random() < 0.25:
            return "call.note_added", call, None
        old = call["status"]
        new = FLOW[old][rnd.randrange(len(FLOW[old]))]
        if old not in STOPPED and new in STOPPED:
            self.stopped[call["id"]] = at
        elif old in STOPPED and new not in STOPPED:
            paused_at = self.stopped.pop(call["id"], at)
            call["sla_due_at"] = self.calendar.add(at, self.calendar.between(paused_at, call["sla_due_at"]))
        call["status"] = new
        call["sla_paused"] = new == "waiting"
        if new == "closed":
            calls.remove(call)
            return "call.closed", call, {"status": [old, new]}
        return ("call.reopened" if old == "resolved" else "call.status_changed"), call, {"status": [old, new]}

    def _task(self, rnd: random.Random, at: float) -> tuple[str, dict[str, Any], Any]:
        tasks = self.open_tasks
        if not tasks or rnd.random() < 0.4:
            self.next_task += 1
            task = {"id": self.next_task, "title": f"Tarefa {self.next_task}", "completed": False, "due": None}
            tasks.append(task)
            if len(tasks) > 60:
                tasks.pop(0)
            return "task.created", task, None
        task = tasks.pop(rnd.randrange(len(tasks)))
        task["completed"] = True
        return "task.completed", task, {"completed": [False, True]}


def office_times(calendar: BusinessCalendar, count: int) -> list[float]:
    """`count` moments spread evenly over the weeks' office hours (a call center's weeks)."""
    spans = [span for i in range(7 * WEEKS) for span in calendar.open_spans(FIRST_DAY + timedelta(days=i))]
    total = sum(b - a for a, b in spans)
    times: list[float] = []
    index, passed = 0, 0.0
    for i in range(count):
        offset = total * i / count
        while offset - passed >= spans[index][1] - spans[index][0]:
            passed += spans[index][1] - spans[index][0]
            index += 1
        times.append(spans[index][0] + offset - passed)
    return times


def build_history(path: Path, count: int, calendar: BusinessCalendar) -> None:
    """`count` events over the week's office hours, inserted in batches straight into the
    events table (the codec and the intake are measured elsewhere)."""
    store = HistoryStore(make_engine(f"sqlite:///{path}"))
    traffic = WeekTraffic(calendar)
    columns = (
        "event_id, system, type, action, entity_id, seq, occurred_at, received_at, user, host, "
        "correlation_id, legacy, channel, raw, summary, status, origin"
    )
    sql = f"INSERT INTO events ({columns}) VALUES ({', '.join('?' * 17)})"
    batch: list[tuple[object, ...]] = []
    with store.engine.begin() as conn:
        for at in office_times(calendar, count):
            env = traffic.envelope(at)
            system = System(env["system"])
            batch.append(
                (
                    env["event_id"],
                    env["system"],
                    env["type"],
                    env["action"],
                    str(env["id"]),
                    env["seq"],
                    at,
                    at + 0.01,
                    env["actor"]["user"],
                    env["actor"]["host"],
                    env["correlation_id"],
                    False,
                    "calls_channel" if system == System.CALLSYSTEM else "tasks",
                    orjson.dumps(env).decode(),
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
    first_day, last_day = REPORT_DAY, REPORT_DAY + timedelta(days=6)
    start, end = calendar.day_start(first_day), calendar.day_start(last_day + timedelta(days=1))
    with tempfile.TemporaryDirectory(prefix="integrado-report-bench-") as tmp:
        db = Path(tmp) / "console.db"
        t0 = time.perf_counter()
        build_history(db, count, calendar)
        print(f"history of {count:,} events built in {time.perf_counter() - t0:.1f} s", flush=True)
        engine = make_engine(f"sqlite:///{db}")
        whole, fold_times, pdf_times, csv_times, all_times, cpu_times = [], [], [], [], [], []
        report = None
        for run in range(args.runs):
            c0 = time.process_time()
            t0 = time.perf_counter()
            ledger = fold_history(engine, end, start=start, progress=lambda done, total: None)
            t1 = time.perf_counter()
            report = compute(ledger, calendar, first_day, last_day, events_read=ledger.events_applied)
            t2 = time.perf_counter()
            write_pdf(report, Path(tmp) / "week.pdf")
            t3 = time.perf_counter()
            cpu_times.append(time.process_time() - c0)
            write_csv(report, io.StringIO())
            t4 = time.perf_counter()
            whole.append(t3 - t0)
            fold_times.append(t1 - t0)
            pdf_times.append(t3 - t2)
            csv_times.append(t4 - t3)
            everything = fold_history(engine, end)
            t5 = time.perf_counter()
            all_times.append(t5 - t4)
            assert everything.events_applied == count, (everything.events_applied, count)
            print(
                f"run {run + 1}: weekly report {t3 - t0:.2f} s (read+fold {t1 - t0:.2f} for "
                f"{ledger.events_applied:,} events, figures {t2 - t1:.2f}, pdf {t3 - t2:.2f}; csv {t4 - t3:.3f}; "
                f"CPU {cpu_times[-1]:.2f} s); "
                f"all {count:,} events read and folded {t5 - t4:.2f} s",
                flush=True,
            )
        engine.dispose()
        assert report is not None
        print(
            f"{report.total.opened} calls opened, {report.total.closed} closed, "
            f"SLA met {report.total.sla_met_pct:.1f} %, {report.tasks_completed} tasks completed"
        )
    del app
    size = "1m" if count == 1_000_000 else "quick"
    figures = {
        f"report_weekly_{size}_s": min(whole),
        # CPU time of the same work (both threads): what the report costs without the machine's
        # other load, which the wall time includes.
        f"report_weekly_{size}_cpu_s": min(cpu_times),
        f"report_fold_{size}_s": min(fold_times),
        f"report_fold_all_{size}_s": min(all_times),
        "report_week_events": report.events_read,
        "report_pdf_s": min(pdf_times),
        "report_csv_s": min(csv_times),
        "report_events": count,
    }
    print(write_results("report", figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
