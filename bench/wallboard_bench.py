"""Wallboard and alerts over a million events of history: the start, and the cost per new event.

    .venv/bin/python bench/wallboard_bench.py                  # 1M events; about 2-3 minutes on 2 cores
    .venv/bin/python bench/wallboard_bench.py --events 100000  # a smoke run

A console history database (SQLite, the console's own schema) is filled with a synthetic office:
40 operators, calls that are created, assigned, worked, noted and resolved or closed over the
last 60 days (about five events each, a few thousand still open, some over their SLA), tasks
with due dates, and the consoles' alert events among them. Figures:
  - rebuild: what a console does the first time, or when its checkpoint is gone (in the worker
    thread at start): the board and the alerts built from the rows their figures depend on
    (`HistoryFeed.fold_cold`); `rebuild_whole` is the same board folded from every stored row,
    as consoles did before, measured in the same run over the same history, and the two are
    checked to show the same tiles, operators and alerts;
  - start: what a console does on every other start: the checkpoint written at its last exit,
    plus the rows stored since (`--tail`, 10,000 by default: events that arrived while it was
    closed), then the first figures; `alerts_start` is the alerts' part of it (their checkpoint
    and the first evaluation of every rule over the open calls);
  - per event: new events at 1,000 a second handled on the console's schedule, divided by the
    events: every 100 ms the rows stored since the last fold are read and folded and the tiles
    recomputed (wallboard), and every second every rule is evaluated over the open calls and
    the tiles recomputed once more (alerts); `refresh` is one recomputation of all the tiles;
  - checkpoint: the periodic save (`save`, on one thread) and, with the save in a worker thread
    as the console does it, the longest the main thread went without the GIL (`save_stall`),
    beside the same board pickled in one `pickle.dumps` call in a worker (`one_dumps_stall`).
Writes bench/results/wallboard.json.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import write_results

from event_console.alerts import wire
from event_console.alerts.engine import AlertEngine
from event_console.alerts.rules import DEFAULT_RULES
from event_console.wallboard.board import OperationsBoard
from event_console.wallboard.feed import HistoryFeed, fold_rows, load_checkpoint, save_checkpoint
from integrado.db import make_engine
from integrado.events import Actor
from integrado.events.system import System
from integrado.history import EVENT_COLUMNS, HistoryStore, entity_status

OPERATORS = [f"op{i:02d}" for i in range(40)]
RATE = 1000  # events a second in the live part
ORIGIN = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"


class Office:
    """Synthetic events in time order: calls and tasks of an office over `days` days."""

    def __init__(self, seed: int, end: float, days: float) -> None:
        self.rnd = random.Random(seed)
        self.end = end
        self.start = end - days * 86400
        self.seq = 0

    def _row(
        self, system: str, event_type: str, ident: int, user: str, at: float, data: dict[str, Any]
    ) -> tuple[Any, ...]:
        self.seq += 1
        event_id = str(uuid.UUID(int=self.rnd.getrandbits(128), version=4))
        envelope: dict[str, Any] = {
            "system": system,
            "action": event_type.partition(".")[2],
            "id": ident,
            "schema": 1,
            "event_id": event_id,
            "type": event_type,
            "seq": self.seq,
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(at)),
            "actor": {"user": user, "host": "pc"},
            "correlation_id": event_id,
            "data": data,
            "origin": ORIGIN,
        }
        if system == "callsystem":
            envelope.update(cliente="Maria Souza", descricao="Internet caiu", status="pendente")
        else:
            envelope.update(title=data.get("title", ""), completed=bool(data.get("completed")))
        raw = orjson.dumps(envelope).decode()
        channel = "calls_channel" if system == "callsystem" else "tasks"
        return (
            event_id,
            system,
            event_type,
            envelope["action"],
            str(ident),
            self.seq,
            at,
            at + 0.01,
            user,
            "pc",
            event_id,
            False,
            channel,
            raw,
            f"#{ident}",
            entity_status(envelope, System(system)),  # as the intake stores it
            ORIGIN,
        )

    def events(self, count: int) -> list[tuple[Any, ...]]:
        """About `count` rows: ~5 per call, one in ten a task event."""
        rnd = self.rnd
        pending: list[tuple[float, int, tuple[Any, ...]]] = []
        n_calls = int(count * 0.9 / 4.95)  # ~5 events a call (a few still to come), then the tasks
        order = 0
        for ident in range(1, n_calls + 1):
            created = self.start + (self.end - self.start) * ident / n_calls
            due = created + rnd.choice((4, 8, 24)) * 3600
            who = rnd.choice(OPERATORS)
            snap = {
                "id": ident,
                "status": "new",
                "assignee": "",
                "created_at": created,
                "sla_due_at": due,
                "sla_paused": False,
            }
            steps = [("call.created", dict(snap), created)]
            t = created + rnd.uniform(60, 1800)
            steps.append(("call.assigned", {**snap, "assignee": who}, t))
            t += rnd.uniform(60, 1800)
            steps.append(("call.status_changed", {**snap, "assignee": who, "status": "in_progress"}, t))
            t += rnd.uniform(60, 3600)
            steps.append(("call.note_added", {**snap, "assignee": who, "status": "in_progress"}, t))
            t += rnd.uniform(600, 20 * 3600)
            steps.append(("call.status_changed", {**snap, "assignee": who, "status": "resolved"}, t))
            for event_type, data, at in steps:
                if at < self.end:
                    order += 1
                    pending.append((at, order, self._row("callsystem", event_type, ident, who, at, data)))
        for ident in range(1, count // 10 + 1):
            at = self.start + (self.end - self.start) * rnd.random()
            due_day = time.strftime("%Y-%m-%d", time.localtime(at + rnd.uniform(-3, 10) * 86400))
            data = {"id": ident, "title": f"task {ident}", "due": due_day, "completed": rnd.random() < 0.7}
            order += 1
            pending.append(
                (at, order, self._row("taskmanager", "task.created", ident, rnd.choice(OPERATORS), at, data))
            )
        pending.sort(key=lambda item: (item[0], item[1]))
        return [row for _at, _order, row in pending]


def fill(store: HistoryStore, rows: list[tuple[Any, ...]]) -> None:
    names = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    sql = f"INSERT INTO events ({names}) VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})"
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for start in range(0, len(rows), 50_000):
            cursor.executemany(sql, rows[start : start + 50_000])
        raw.commit()
    finally:
        raw.close()


def longest_gap_beside(work: Any) -> float:
    """`work()` in a worker thread; the longest this (main) thread waited between two 1 ms
    sleeps meanwhile, in ms: how long a window's thread would have been held off."""
    done = threading.Event()
    worker = threading.Thread(target=lambda: (work(), done.set()))
    gaps, last = [0.0], time.perf_counter()
    worker.start()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    return max(gaps) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--tail", type=int, default=10_000, help="events stored after the checkpoint")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="wallboard-bench-") as tmp:
        now = time.time()
        office = Office(7, now, 60)
        t0 = time.perf_counter()
        rows = office.events(args.events + args.tail)
        history, tail = rows[: len(rows) - args.tail], rows[len(rows) - args.tail :]
        store = HistoryStore(make_engine(f"sqlite:///{Path(tmp) / 'console.db'}", synchronous="OFF"))
        fill(store, history)
        print(f"history: {len(history):,} events written in {time.perf_counter() - t0:.1f} s", flush=True)
        feed = HistoryFeed(store.engine)
        checkpoint = Path(tmp) / "wallboard.checkpoint"

        # Cold, as before: the whole history folded (no checkpoint).
        t0 = time.perf_counter()
        whole = OperationsBoard()
        whole_alerts = AlertEngine(DEFAULT_RULES, me="bench")
        feed.fold_new(whole, whole_alerts.apply)
        whole.prune(now)
        results["wallboard_rebuild_whole_1m_s"] = time.perf_counter() - t0
        print(f"rebuild, whole history: {results['wallboard_rebuild_whole_1m_s']:.2f} s", flush=True)

        # Cold, now: only the rows the figures depend on.
        t0 = time.perf_counter()
        board = OperationsBoard()
        alerts = AlertEngine(DEFAULT_RULES, me="bench")
        results["wallboard_rebuild_rows_read"] = feed.fold_cold(board, alerts.apply, now)
        results["wallboard_rebuild_1m_s"] = time.perf_counter() - t0
        figures = board.figures(now)
        raised_ids = sorted(a.alert_id for a in alerts.evaluate(board, now).raised)
        same = (
            figures == whole.figures(now)
            and raised_ids == sorted(a.alert_id for a in whole_alerts.evaluate(whole, now).raised)
            and [a.alert_id for a in alerts.listed()] == [a.alert_id for a in whole_alerts.listed()]
        )
        if not same:
            raise SystemExit("the cold start and the whole fold disagree")
        del whole, whole_alerts
        print(
            f"rebuild: {results['wallboard_rebuild_1m_s']:.2f} s ({results['wallboard_rebuild_rows_read']:,} rows); "
            f"{figures.open_calls} open calls, {len(figures.operators)} operators, {len(alerts.alerts)} alerts "
            "(the same as the whole fold's)",
            flush=True,
        )
        identity = feed.identity()
        saves = []
        for _ in range(3):
            t0 = time.perf_counter()
            save_checkpoint(checkpoint, identity, board, list(alerts.alerts.values()))
            saves.append(time.perf_counter() - t0)
        # The console saves every few minutes while it runs: what that save takes, and how long
        # it holds the window's thread off from a worker thread (frame by frame, as the console
        # does, beside one pickle.dumps call).
        results["wallboard_checkpoint_save_s"] = min(saves)
        results["wallboard_checkpoint_kb"] = checkpoint.stat().st_size / 1024
        listed = list(alerts.alerts.values())
        results["wallboard_checkpoint_save_stall_ms"] = min(
            longest_gap_beside(lambda: save_checkpoint(checkpoint, identity, board, listed)) for _ in range(3)
        )
        results["wallboard_checkpoint_one_dumps_stall_ms"] = min(
            longest_gap_beside(lambda: pickle.dumps((identity, board, listed), protocol=pickle.HIGHEST_PROTOCOL))
            for _ in range(3)
        )
        print(
            f"checkpoint: {results['wallboard_checkpoint_kb']:,.0f} KB saved in {min(saves) * 1000:.0f} ms; "
            f"from a worker, the main thread held off at most {results['wallboard_checkpoint_save_stall_ms']:.0f} ms "
            f"(one pickle.dumps: {results['wallboard_checkpoint_one_dumps_stall_ms']:.0f} ms)",
            flush=True,
        )

        # Events that arrived while the console was closed, and one alert from another console.
        other = AlertEngine(DEFAULT_RULES, me="other")
        raised = other.evaluate(board, now + 1).raised
        extra = []
        if raised:
            env = wire.envelope(wire.RAISED, raised[0].facts(wire.RAISED), Actor("other", "pc2"))
            env.update(
                seq=1, occurred_at=time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now)), origin="console-2"
            )
            extra.append(
                (
                    env["event_id"],
                    "console",
                    env["type"],
                    "raised",
                    env["id"],
                    1,
                    now,
                    now,
                    "other",
                    "pc2",
                    env["correlation_id"],
                    False,
                    "console_alerts",
                    orjson.dumps(env).decode(),
                    "",
                    "",
                    "console-2",
                )
            )
        live, tail = tail[: args.tail // 2], tail[args.tail // 2 :]
        fill(store, tail[: len(tail)] + extra)

        # Warm start: checkpoint + the rows since + first figures and evaluation.
        t0 = time.perf_counter()
        restored = load_checkpoint(checkpoint, feed.identity(), feed.last_row_id())
        assert restored is not None
        board, saved_alerts = restored
        results["wallboard_start_checkpoint_s"] = time.perf_counter() - t0
        t_alerts = time.perf_counter()
        alerts = AlertEngine(DEFAULT_RULES, me="bench")
        alerts.restore(saved_alerts)
        alerts_part = time.perf_counter() - t_alerts
        t_fold = time.perf_counter()
        read = feed.fold_new(board, alerts.apply)
        results["wallboard_start_fold_s"] = time.perf_counter() - t_fold
        board.figures(now)
        t_eval = time.perf_counter()
        alerts.evaluate(board, now)
        alerts_part += time.perf_counter() - t_eval
        results["wallboard_start_1m_s"] = time.perf_counter() - t0
        results["alerts_start_1m_s"] = alerts_part
        results["wallboard_start_rows_folded"] = read
        print(f"start: {results['wallboard_start_1m_s']:.3f} s ({read:,} rows after the checkpoint)", flush=True)

        # Live: 1,000 events a second; a fold (and the tiles) every 100 ms, the rules every second.
        fill(store, live)
        batch = RATE // 10
        fold_s = evaluate_s = 0.0
        t = now + 2
        batches = 0
        while True:
            t0 = time.perf_counter()
            new_rows = feed.rows_after(board.last_row_id, batch)
            if not new_rows:
                break
            fold_rows(board, new_rows, alerts.apply)
            board.figures(t)
            t1 = time.perf_counter()
            fold_s += t1 - t0
            batches += 1
            t += 0.1
            if batches % 10 == 0:
                alerts.evaluate(board, t)
                board.figures(t)
                evaluate_s += time.perf_counter() - t1
        results["wallboard_bench_rate_per_s"] = RATE
        n = len(live)
        results["wallboard_per_event_ms"] = fold_s / n * 1000
        results["alerts_per_event_ms"] = evaluate_s / n * 1000
        t0 = time.perf_counter()
        final = board.figures(t)
        results["wallboard_refresh_ms"] = (time.perf_counter() - t0) * 1000
        results["wallboard_open_calls"] = final.open_calls
        results["wallboard_history_events"] = len(history)
        store.engine.dispose()
    for key, value in results.items():
        print(f"{key}: {value:.4g}" if isinstance(value, float) else f"{key}: {value}")
    path = write_results("wallboard", results)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
