"""Event Console benchmark: intake, latency, big tables, GUI stalls, start-up.

    .venv/bin/python bench/console_bench.py            # ~2-3 minutes on 2 cores
    .venv/bin/python bench/console_bench.py --quick    # smaller counts, for a smoke run

Starts its own redis-server (integrado.embedded.RedisServerProcess) on a free port. Intake is
measured side by side in one run, against the same publisher (a separate process that writes
pre-built XADD + PUBLISH commands straight to the socket, so it is never the bottleneck):
  - console: the real console (event_console.app.start: its intake process decodes and stores,
    the window appends the rows), window shown, table sorted newest first; rate from the first
    to the last event in the model; CPU time per event of the window and of the intake process;
  - bare: a redis.asyncio + hiredis subscriber on a qasync loop that only decodes JSON;
  - seed consumer: the older system's style, blocking redis-py listen() printing a line per
    event to /dev/null (in its own process, as it ran).
Writes bench/results/console.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "apps"))
sys.path.insert(0, str(ROOT / "tests"))
RESULTS = ROOT / "bench" / "results" / "console.json"
CHANNELS = {"callsystem": ("calls_channel", "calls_channel:stream"), "taskmanager": ("tasks", "tasks:stream")}


# -- publisher (own process) -------------------------------------------------------------------


def _resp(*parts: bytes | str | int) -> bytes:
    out = [b"*%d\r\n" % len(parts)]
    for p in parts:
        b = p if isinstance(p, bytes) else str(p).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


def _commands(envs: list[dict[str, Any]]) -> bytes:
    from integrado.events import encode

    chunks = []
    for env in envs:
        channel, stream = CHANNELS[env["system"]]
        body = encode(env).encode()
        chunks.append(
            _resp(
                "XADD",
                stream,
                "MAXLEN",
                "~",
                200000,
                "*",
                "event",
                body,
                "event_id",
                env["event_id"],
                "source",
                env["system"],
                "origin",
                "bench",
                "seq",
                env["seq"],
            )
        )
        chunks.append(_resp("PUBLISH", channel, body))
    return b"".join(chunks)


def _many(traffic: Any, count: int, now: float) -> list[dict[str, Any]]:
    """`count` envelopes: 5,000 made by DemoTraffic, the rest copies with their own id and seq."""
    import uuid

    base = [traffic.envelope(now) for _ in range(min(count, 5000))]
    envs = list(base)
    seq = dict(traffic.seq)
    for i in range(count - len(base)):
        env = dict(base[i % len(base)])
        seq[env["system"]] += 1
        env["seq"] = seq[env["system"]]
        env["event_id"] = str(uuid.uuid4())
        envs.append(env)
    return envs


def role_publish(port: int, count: int, rate: float) -> None:
    from helpers.demo.console import DemoTraffic

    traffic = DemoTraffic(seed=int(time.time()))
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    stop = threading.Event()

    def drain() -> None:  # replies are not needed; keep the socket buffer empty
        sock.settimeout(0.5)
        while not stop.is_set():
            try:
                if not sock.recv(1 << 20):
                    return
            except TimeoutError:
                continue
            except OSError:
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    started = time.perf_counter()
    if rate <= 0:
        # As fast as possible: everything pre-built (occurred_at = build time).
        now = time.time()
        envs = _many(traffic, count, now)
        blob_parts = [_commands(envs[i : i + 1000]) for i in range(0, count, 1000)]
        started = time.perf_counter()
        for part in blob_parts:
            sock.sendall(part)
    else:
        # Paced: a small batch every 10 ms, stamped when sent (latency = row visible - stamp).
        per_tick = max(1, round(rate / 100))
        sent = 0
        next_tick = time.perf_counter()
        while sent < count:
            n = min(per_tick, count - sent)
            envs = [traffic.envelope(time.time()) for _ in range(n)]
            sock.sendall(_commands(envs))
            sent += n
            next_tick += n / rate
            delay = next_tick - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
    elapsed = time.perf_counter() - started
    time.sleep(0.5)
    stop.set()
    sock.close()
    print(json.dumps({"published": count, "seconds": elapsed}), flush=True)


def spawn_publisher(port: int, count: int, rate: float = 0.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--role",
            "publish",
            "--port",
            str(port),
            "--count",
            str(count),
            "--rate",
            str(rate),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


# -- the older system's consumer (own process) ----------------------------------------------------


def role_seed(port: int, count: int) -> None:
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    pubsub = client.pubsub()
    pubsub.subscribe("calls_channel", "tasks")
    print("ready", flush=True)
    got = 0
    first = last = 0.0
    with open(os.devnull, "w") as out:
        for message in pubsub.listen():
            if message["type"] != "message":
                continue
            data = json.loads(message["data"])
            action = str(data.get("action", "")).upper()
            if data.get("system") == "callsystem":
                print(
                    f"[CALL] {action}: {data.get('cliente')} - {data.get('descricao')} ({data.get('status')})", file=out
                )
            else:
                print(f"[TASK] {action}: {data.get('title')} (completed={data.get('completed')})", file=out)
            got += 1
            if got == 1:
                first = time.perf_counter()
            if got == count:
                last = time.perf_counter()
                break
    print(json.dumps({"received": got, "seconds": last - first}), flush=True)


# -- the big table (own process: memory above an empty console) -----------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class _NoHistory:
    """An empty history: the table measurements fill the window themselves."""

    def load_view_rows(
        self, since: float | None = None, until: float | None = None, limit: int | None = None
    ) -> list[tuple[Any, ...]]:
        return []

    def count_range(self, since: float | None = None, until: float | None = None) -> int:
        return 0

    def raw_by_event_id(self, event_ids: Sequence[str]) -> dict[str, str]:
        return {}

    def rejection_counts(self) -> dict[str, int]:
        return {}

    def recent_rejections(self, limit: int = 500) -> list[tuple[float, str, str, str, int, str]]:
        return []

    def recent_gaps(self, limit: int = 100) -> list[Any]:
        return []


def role_table(rows: int) -> None:
    import gc
    import random
    import uuid

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from event_console.columns.layout import COLUMN_COUNT, RECEIVED, SUMMARY, RowData
    from event_console.controller import ConsoleController
    from event_console.filters import EventFilter
    from event_console.models.event_table import EventTableModel
    from event_console.models.rejections import RejectionCountModel
    from event_console.service import ConsoleService
    from event_console.views.main_window import ConsoleWindow

    app = QApplication.instance() or QApplication([])
    prefs = QSettings(str(Path(tempfile.mkdtemp()) / "p.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(EventTableModel(), RejectionCountModel())
    controller = ConsoleController(ConsoleService(_NoHistory()), window, prefs=prefs)
    window.charts.timer.stop()
    window.show()
    app.processEvents()
    gc.collect()
    base = _rss_mb()
    model = controller.model
    rnd = random.Random(1)
    types = ["call.created", "call.status_changed", "call.note_added", "call.closed", "task.created", "task.completed"]
    users = ["ana", "bruno", "carla", "diego", "elisa", "fabio"]
    names = ["Maria Souza", "João Pereira", "Ana Lima", "Carlos Nunes", "Fernanda Rocha"]
    t0 = 1_790_000_000.0
    append_s = 0.0
    batch = 1000
    for start in range(0, rows, batch):
        chunk = []
        for i in range(start, min(rows, start + batch)):
            t = types[i % 6]
            system = "callsystem" if t[0] == "c" else "taskmanager"
            num = rnd.randint(1, 50_000)
            chunk.append(
                RowData(
                    str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                    t0 + i * 0.01,
                    t0 + i * 0.01 - rnd.random() * 0.05,
                    system,
                    t,
                    str(num),
                    f"{'Call' if system == 'callsystem' else 'Task'} #{num} {names[i % 5]}: in progress → waiting",
                    users[i % 6],
                    f"pc-{i % 9:02d}",
                    False,
                    "in_progress",
                )
            )
        s = time.perf_counter()
        model.append_rows(chunk)
        append_s += time.perf_counter() - s
    app.processEvents()
    gc.collect()
    mem = _rss_mb() - base
    sorts = {}
    for column in [*list(range(COLUMN_COUNT)), RECEIVED]:
        s = time.perf_counter()
        model.sort(column, Qt.SortOrder.DescendingOrder if column == RECEIVED else Qt.SortOrder.AscendingOrder)
        sorts[column] = (time.perf_counter() - s) * 1000
    # Clicking the sorted header again (summary, the costliest column): a reversal, no sort.
    model.sort(SUMMARY, Qt.SortOrder.AscendingOrder)
    s = time.perf_counter()
    model.sort(SUMMARY, Qt.SortOrder.DescendingOrder)
    flip_ms = (time.perf_counter() - s) * 1000
    model.sort(RECEIVED, Qt.SortOrder.DescendingOrder)
    # Sorting by summary again later (the ranks of the first sort are kept and extended).
    s = time.perf_counter()
    model.sort(SUMMARY, Qt.SortOrder.AscendingOrder)
    again_ms = (time.perf_counter() - s) * 1000
    model.sort(RECEIVED, Qt.SortOrder.DescendingOrder)
    filters = {
        "type": EventFilter(types=frozenset({"call.closed"})),
        "source+operator": EventFilter(sources=frozenset({"taskmanager"}), operators=frozenset({"ana"})),
        "text": EventFilter(text="fernanda"),
        "cleared": EventFilter(),
    }
    filter_ms = {}
    for name, flt in filters.items():
        s = time.perf_counter()
        model.set_filter(flt)
        filter_ms[name] = (time.perf_counter() - s) * 1000
    app.processEvents()
    print(
        json.dumps(
            {
                "rows": rows,
                "append_s": append_s,
                "append_rows_per_s": rows / append_s,
                "sort_received_ms": sorts[RECEIVED],
                "sort_max_ms": max(sorts.values()),
                "sort_ms_by_column": {str(k): round(v, 1) for k, v in sorts.items()},
                "sort_flip_summary_ms": round(flip_ms, 1),
                "sort_summary_again_ms": round(again_ms, 1),
                "filter_ms": {k: round(v, 1) for k, v in filter_ms.items()},
                "filter_max_ms": max(filter_ms.values()),
                "mem_mb": mem,
            }
        ),
        flush=True,
    )


# -- start-up (own process) ------------------------------------------------------------------------


def role_startup(url: str, t0: float) -> None:
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from event_console.app import start
    from integrado.settings import Settings

    app = QApplication.instance() or QApplication([])
    shown: dict[str, float] = {}

    async def main() -> None:
        handle = await start(Settings.load())
        QTimer.singleShot(0, lambda: shown.setdefault("t", time.time()))
        while "t" not in shown:
            await asyncio.sleep(0.005)
        await handle.shutdown()

    os.environ["REDIS_URL"] = url
    qasync.run(main())
    print(json.dumps({"startup_ms": (shown["t"] - t0) * 1000}), flush=True)
    del app


# -- in-process measurements on a qasync loop ------------------------------------------------------


class Heartbeat:
    """A 5 ms QTimer on the GUI thread; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.max_gap = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.max_gap = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        return max(0.0, self.max_gap * 1000 - 5)


async def bare_intake(url: str, port: int, count: int) -> dict[str, Any]:
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe("calls_channel", "tasks")
    publisher = spawn_publisher(port, count)
    got = 0
    first = last = 0.0
    deadline = time.perf_counter() + 60
    while got < count and time.perf_counter() < deadline:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
        if message is None or message.get("type") != "message":
            continue  # subscribe confirmations come back as None here
        json.loads(message["data"])
        got += 1
        if got == 1:
            first = time.perf_counter()
    last = time.perf_counter()
    await pubsub.aclose()
    await client.aclose()
    publisher.wait()
    pub = json.loads(publisher.stdout.read().strip().splitlines()[-1]) if publisher.stdout else {}
    return {"received": got, "events_per_s": (got - 1) / (last - first), "publisher_per_s": count / pub["seconds"]}


async def console_session(settings: Any, data_dir: Path) -> Any:
    from event_console.app import start

    handle = await start(settings)
    handle.window.resize(1400, 900)
    while handle.bus.state != "live":
        await asyncio.sleep(0.01)
    return handle


async def console_intake(settings: Any, port: int, count: int, data_dir: Path) -> dict[str, Any]:
    handle = await console_session(settings, data_dir)
    model = handle.controller.model
    assert model.sort_column == 0 and model.sort_descending
    stamps: dict[str, float] = {}

    def appended(_n: int) -> None:
        size = model.cols.size
        if "first" not in stamps:
            stamps["first"] = time.perf_counter()
        if size >= count:
            stamps.setdefault("last", time.perf_counter())

    model.rows_appended.connect(appended)
    heartbeat = Heartbeat()
    heartbeat.start()
    child = handle.bus.process.pid
    cpu_gui, cpu_child = time.process_time(), _cpu_seconds(child)
    publisher = spawn_publisher(port, count)
    deadline = time.perf_counter() + 120
    while "last" not in stamps and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    stall = heartbeat.stop()
    cpu_gui, cpu_child = time.process_time() - cpu_gui, _cpu_seconds(child) - cpu_child
    child_rss_mb = _rss_mb_of(child)
    publisher.wait()
    pub = json.loads(publisher.stdout.read().strip().splitlines()[-1]) if publisher.stdout else {}
    shown, stored = model.rowCount(), handle.store.count()
    await handle.shutdown()
    first, last = stamps.get("first", 0.0), stamps.get("last", float("nan"))
    # The first appended batch may hold several events: count from its end.
    return {
        "shown": shown,
        "stored": stored,
        "events_per_s": count / (last - first) if last == last else 0.0,
        "max_gui_stall_ms": stall,
        "publisher_per_s": count / pub["seconds"],
        "cpu_us_per_event_window": cpu_gui / count * 1e6,
        "cpu_us_per_event_intake_process": cpu_child / count * 1e6,
        "intake_process_rss_mb": child_rss_mb,
    }


def _rss_mb_of(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def console_latency(settings: Any, port: int, rate: float, seconds: float, data_dir: Path) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject

    handle = await console_session(settings, data_dir)
    window = handle.window
    model = handle.controller.model
    cols = model.cols
    pending: list[tuple[int, int]] = []  # storage ranges appended, not yet painted
    latencies: list[float] = []
    seen = {"n": 0}

    def appended(_n: int) -> None:
        pending.append((seen["n"], cols.size))
        seen["n"] = cols.size

    class PaintWatch(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and pending:
                now = time.time()
                for start, stop in pending:
                    latencies.extend((now - cols.occurred[start:stop]) * 1000.0)
                pending.clear()
            return False

    watch = PaintWatch()
    window.table.viewport().installEventFilter(watch)
    model.rows_appended.connect(appended)
    heartbeat = Heartbeat()
    heartbeat.start()
    count = int(rate * seconds)
    publisher = spawn_publisher(port, count, rate)
    deadline = time.perf_counter() + seconds + 20
    while len(latencies) < count and time.perf_counter() < deadline:
        await asyncio.sleep(0.02)
    stall = heartbeat.stop()
    publisher.wait()
    window.table.viewport().removeEventFilter(watch)
    await handle.shutdown()
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else float("nan")

    return {
        "rate": rate,
        "events": len(lat),
        "p50_ms": pct(50),
        "p99_ms": pct(99),
        "max_ms": lat[-1] if lat else float("nan"),
        "mean_ms": statistics.fmean(lat) if lat else float("nan"),
        "max_gui_stall_ms": stall,
    }


def progress(text: str) -> None:
    print(f"[console_bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _flush(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    client.flushall()
    client.close()


def _fresh_settings(url: str, root: Path, name: str) -> Any:
    from integrado.settings import Settings

    env = dict(os.environ)
    env.update(
        REDIS_URL=url,
        INTEGRADO_DATA_DIR=str(root / name / "data"),
        INTEGRADO_CONFIG_DIR=str(root / name / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return Settings.load(env, read_keyring=False)


def _child(args: list[str], env: dict[str, str] | None = None, timeout: float = 240) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout, env=env, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main_bench(quick: bool) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from integrado.embedded import RedisServerProcess

    logging_off()
    intake_n = 20_000 if quick else 100_000
    table_sizes = [100_000] if quick else [100_000, 1_000_000]
    root = Path(tempfile.mkdtemp(prefix="console-bench-"))
    server = RedisServerProcess(
        root / "redis",
        appendonly=False,
        # A slow subscriber must not be disconnected mid-measurement (the default pubsub limit).
        extra_args=["--client-output-buffer-limit", "pubsub 0 0 0"],
    )
    url = server.start()
    port = server.port
    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}, "intake_events": intake_n}
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # each console session closes its window
    try:
        t = time.perf_counter()

        async def intake_runs() -> None:
            # Side by side, alternating, best of two each (the machine is shared).
            bare_runs, console_runs = [], []
            for i in range(2):
                _flush(url)
                progress(f"bare subscriber, {intake_n} events, run {i + 1}")
                bare_runs.append(await bare_intake(url, port, intake_n))
                progress(f"  {bare_runs[-1]}")
                _flush(url)
                progress(f"console intake, {intake_n} events, run {i + 1}")
                console_runs.append(
                    await console_intake(_fresh_settings(url, root, f"intake{i}"), port, intake_n, root)
                )
                progress(f"  {console_runs[-1]}")
            results["bare_runs"], results["console_runs"] = bare_runs, console_runs
            _flush(url)
            lat = {}
            for rate, seconds in ((100.0, 5.0), (1000.0, 5.0 if quick else 8.0)):
                _flush(url)
                progress(f"latency at {rate:.0f}/s")
                lat[str(int(rate))] = await console_latency(
                    _fresh_settings(url, root, f"lat{int(rate)}"), port, rate, seconds, root
                )
            results["latency"] = lat

        qasync_loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(qasync_loop)
        with qasync_loop:
            qasync_loop.run_until_complete(intake_runs())
        # The older system's consumer, same publisher, own process.
        seed_runs = []
        progress("seed-style consumer")
        for _ in range(2):
            _flush(url)
            proc = subprocess.Popen(
                [sys.executable, __file__, "--role", "seed", "--port", str(port), "--count", str(intake_n)],
                stdout=subprocess.PIPE,
                text=True,
            )
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
            publisher = spawn_publisher(port, intake_n)
            publisher.wait()
            proc.wait(timeout=120)
            seed = json.loads(proc.stdout.read().strip().splitlines()[-1])
            seed_runs.append({"received": seed["received"], "events_per_s": (seed["received"] - 1) / seed["seconds"]})
        results["seed_runs"] = seed_runs
        results["intake_seconds_total"] = time.perf_counter() - t
        for size in table_sizes:
            progress(f"table with {size} rows")
            results[f"table_{size}"] = _child(["--role", "table", "--rows", str(size)])
        env = dict(os.environ)
        settings = _fresh_settings(url, root, "startup")
        env.update(
            INTEGRADO_DATA_DIR=str(settings.data_dir),
            INTEGRADO_CONFIG_DIR=str(settings.config_dir),
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        )
        progress("start-up")
        startups = [
            _child(["--role", "startup", "--url", url, "--t0", repr(time.time())], env=env)["startup_ms"]
            for _ in range(3)
        ]
        results["startup_ms_runs"] = startups
    finally:
        server.stop()
    report(results, table_sizes)
    return 0


def logging_off() -> None:
    import logging

    logging.basicConfig(level=logging.ERROR)


def report(r: dict[str, Any], table_sizes: list[int]) -> None:
    console = max(run["events_per_s"] for run in r["console_runs"])
    best_run = max(r["console_runs"], key=lambda run: run["events_per_s"])
    bare = max(run["events_per_s"] for run in r["bare_runs"])
    seed = max(run["events_per_s"] for run in r["seed_runs"])
    dropped = any(
        run["shown"] != r["intake_events"] or run["stored"] != r["intake_events"] for run in r["console_runs"]
    )
    t100 = r.get("table_100000", {})
    t1m = r.get("table_1000000", {})
    stall = max(
        [run["max_gui_stall_ms"] for run in r["console_runs"]] + [v["max_gui_stall_ms"] for v in r["latency"].values()]
    )
    summary = {
        "intake_events_per_s": round(console),
        "intake_bare_events_per_s": round(bare),
        "intake_seed_consumer_events_per_s": round(seed),
        "intake_ratio_vs_bare": round(console / bare, 3),
        "intake_ratio_vs_seed_consumer": round(console / seed, 3),
        "intake_dropped": dropped,
        "intake_cpu_us_per_event_window": round(best_run["cpu_us_per_event_window"], 1),
        "intake_cpu_us_per_event_intake_process": round(best_run["cpu_us_per_event_intake_process"], 1),
        "intake_process_rss_mb": round(max(run["intake_process_rss_mb"] for run in r["console_runs"]), 1),
        "latency_ms_p50_at_100": round(r["latency"]["100"]["p50_ms"], 2),
        "latency_ms_p99_at_100": round(r["latency"]["100"]["p99_ms"], 2),
        "latency_ms_max_at_100": round(r["latency"]["100"]["max_ms"], 2),
        "latency_ms_p50_at_1000": round(r["latency"]["1000"]["p50_ms"], 2),
        "latency_ms_p99_at_1000": round(r["latency"]["1000"]["p99_ms"], 2),
        "latency_ms_max_at_1000": round(r["latency"]["1000"]["max_ms"], 2),
        "append_100k_s": round(t100.get("append_s", float("nan")), 3),
        "sort_100k_ms": round(t100.get("sort_received_ms", float("nan")), 1),
        "sort_100k_max_any_column_ms": round(t100.get("sort_max_ms", float("nan")), 1),
        "filter_100k_ms": round(t100.get("filter_max_ms", float("nan")), 1),
        "mem_100k_mb": round(t100.get("mem_mb", float("nan")), 1),
        "append_1m_s": round(t1m.get("append_s", float("nan")), 3),
        "sort_1m_ms": round(t1m.get("sort_received_ms", float("nan")), 1),
        "sort_1m_max_any_column_ms": round(t1m.get("sort_max_ms", float("nan")), 1),
        "filter_1m_ms": round(t1m.get("filter_max_ms", float("nan")), 1),
        "mem_1m_mb": round(t1m.get("mem_mb", float("nan")), 1),
        "max_gui_stall_ms": round(stall, 1),
        "startup_ms_console": round(statistics.median(r["startup_ms_runs"]), 0),
    }
    rows = [
        ("intake, console (events/s)", summary["intake_events_per_s"], ">= 20000"),
        ("intake, bare redis.asyncio+hiredis (events/s)", summary["intake_bare_events_per_s"], ""),
        ("intake, seed-style listen()+print (events/s)", summary["intake_seed_consumer_events_per_s"], ""),
        ("console / bare", summary["intake_ratio_vs_bare"], ">= 0.6"),
        ("console / seed consumer", summary["intake_ratio_vs_seed_consumer"], ""),
        ("events dropped", summary["intake_dropped"], "False"),
        ("CPU per event: window / intake process (µs)", f"{summary['intake_cpu_us_per_event_window']} / {summary['intake_cpu_us_per_event_intake_process']}", ""),
        ("latency p50/p99/max @100/s (ms)", f"{summary['latency_ms_p50_at_100']} / {summary['latency_ms_p99_at_100']} / {summary['latency_ms_max_at_100']}", ""),
        ("latency p50/p99/max @1000/s (ms)", f"{summary['latency_ms_p50_at_1000']} / {summary['latency_ms_p99_at_1000']} / {summary['latency_ms_max_at_1000']}", "p99 <= 50"),
        ("100k: append s / re-sort ms (received, worst col) / filter ms (worst)", f"{summary['append_100k_s']} / {summary['sort_100k_ms']}, {summary['sort_100k_max_any_column_ms']} / {summary['filter_100k_ms']}", "<= 50 ms"),
        ("100k: memory MB above empty console", summary["mem_100k_mb"], ""),
        ("1M: append s / re-sort ms (received, worst col) / filter ms (worst)", f"{summary['append_1m_s']} / {summary['sort_1m_ms']}, {summary['sort_1m_max_any_column_ms']} / {summary['filter_1m_ms']}", "<= 500 ms"),
        ("1M: memory MB above empty console", summary["mem_1m_mb"], "<= 250"),
        ("intake process memory after intake (MB, RSS)", summary["intake_process_rss_mb"], ""),
        ("longest GUI-thread stall during intake (ms)", summary["max_gui_stall_ms"], "<= 50"),
        ("start-up to first shown window (ms)", summary["startup_ms_console"], ""),
    ]  # fmt: skip
    width = max(len(label) for label, _, _ in rows)
    print()
    print(f"{'measure':<{width}}  {'value':>28}  target")
    for label, value, target in rows:
        print(f"{label:<{width}}  {value!s:>28}  {target}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({**summary, "details": r}, indent=2, default=float) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


def main() -> int:
    import signal

    # A terminated benchmark still stops its redis-server and publishers (finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--role", default="main", choices=["main", "publish", "seed", "table", "startup"])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--rate", type=float, default=0.0)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--url", default="")
    parser.add_argument("--t0", type=float, default=0.0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.role == "publish":
        role_publish(args.port, args.count, args.rate)
    elif args.role == "seed":
        role_seed(args.port, args.count)
    elif args.role == "table":
        role_table(args.rows)
    elif args.role == "startup":
        role_startup(args.url, args.t0)
    else:
        return main_bench(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
