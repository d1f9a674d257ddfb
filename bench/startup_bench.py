"""Start-up time of each app to its first shown window, all three measured the same way.

    python bench/startup_bench.py                       # all three apps, 1 warm-up + 3 runs each
    python bench/startup_bench.py --apps console --runs 1

The apps offer no "first shown" hook of their own, so a small harness does what their `main()`
does: a fresh Python process (QT_QPA_PLATFORM=offscreen) imports the app module, calls its
`start(settings)` (the app contract `integrado run` uses) on a qasync loop, and an event filter
on the QApplication notes the first Show of a top-level window and the first Paint inside it.
The figure is wall-clock time from just before the process is spawned (interpreter start and
imports included, as a user waits for them) to that first Paint; the first Show is recorded too.
Databases are empty (created by the warm-up run, as on a second start); a private redis-server
runs so the live connections are made as usual. Median of the runs.
Writes bench/results/startup.json (`startup_ms_<app>_harness`, `startup_ms_<app>_shown_harness`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import isolated_env, redis_server, write_results

APPS = {
    "callsystem": "callsystem_gui.app",
    "taskmanager": "taskmanager_gui.app",
    "console": "event_console.app",
}


def child(app: str, t0: float) -> None:
    """Runs in the spawned process: start the app, wait for its first paint, print the times."""
    import asyncio
    import importlib

    import qasync
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from integrado.settings import Settings

    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    seen: dict[str, float] = {}

    class FirstShow(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            kind = event.type()
            if isinstance(obj, QWidget):
                if kind == QEvent.Type.Show and obj.isWindow():
                    seen.setdefault("shown", time.time())
                elif kind == QEvent.Type.Paint and obj.window().isVisible():
                    seen.setdefault("painted", time.time())
            return False

    watcher = FirstShow()
    qapp.installEventFilter(watcher)
    module = importlib.import_module(APPS[app])

    async def main() -> None:
        handle = await module.start(Settings.load())
        deadline = time.monotonic() + 60
        while "painted" not in seen and time.monotonic() < deadline:
            await asyncio.sleep(0.001)
        await handle.shutdown()

    qasync.run(main())
    qapp.removeEventFilter(watcher)
    print(json.dumps({k: (v - t0) * 1000 for k, v in seen.items()}), flush=True)


def measure(app: str, env: dict[str, str]) -> dict[str, float]:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", app, "--t0", repr(t0)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{app} start-up harness failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", nargs="+", choices=sorted(APPS), default=list(APPS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=sorted(APPS), help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.t0)
        return 0

    started = time.perf_counter()
    figures: dict[str, Any] = {"startup_runs": args.runs}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="integrado-startup-bench-") as tmp:
        root = Path(tmp)
        with redis_server(root / "redis") as server:
            for app in args.apps:
                env = isolated_env(root / app, server.url)
                try:
                    measure(app, env)  # warm-up: creates the database, warms the file cache
                    runs = [measure(app, env) for _ in range(args.runs)]
                except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError, IndexError) as exc:
                    failures.append(f"{app}: {exc}")
                    print(f"startup bench: {app}: FAILED: {exc}", file=sys.stderr)
                    continue
                painted = [r["painted"] for r in runs if "painted" in r]
                shown = [r["shown"] for r in runs if "shown" in r]
                if len(painted) == len(runs):
                    figures[f"startup_ms_{app}_harness"] = round(statistics.median(painted), 1)
                else:
                    failures.append(f"{app}: no paint seen in {len(runs) - len(painted)} run(s)")
                if shown:
                    figures[f"startup_ms_{app}_shown_harness"] = round(statistics.median(shown), 1)
                figures[f"startup_ms_{app}_runs"] = [round(r.get("painted", float("nan")), 1) for r in runs]
    figures["startup_failures"] = failures
    figures["bench_seconds"] = round(time.perf_counter() - started, 1)
    path = write_results("startup", figures)
    for key, value in figures.items():
        print(f"{key:<36} {value}")
    print(f"wrote {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
