"""Start-up of each app beside the floor (a bare PySide6 window), all measured the same way.

    python bench/startup_bench.py                        # floor, 3 apps and the suite; empty, then big
    python bench/startup_bench.py --apps console --runs 1 --no-big

Each figure is a fresh Python process (QT_QPA_PLATFORM=offscreen), timed by wall clock from just
before it is spawned (interpreter start and imports included, as a user waits for them):

- floor: `packaging/startup_floor.py`, a process that imports PySide6 alone and shows an empty
  `QMainWindow`; to its first Paint.
- first paint: `bench/startup_child.py` (nothing of this harness imported), the app as its
  `main()` runs it: its `show_first(settings)` paints the window
  before asyncio and qasync are imported, then its `start(settings)` (the contract `integrado
  run` uses) runs on a qasync loop; to the first Paint of its window.
- ready: `start()` has returned (the data is in the window) and the live connection reports
  `live` (the console: its intake); for the suite, all three.
- stall: a 5 ms QTimer heartbeat runs from the first paint to ready; the longest gap between two
  beats is the longest the window could not answer.
- settled (the console): what its start goes on with once it is ready (charts, wallboard and
  alerts, reports: `ConsoleHandle.settled`) is done; `settle_stall`: the longest gap between
  beats from ready to then (the heartbeat runs on until then).

Empty databases (made by a warm-up run, as on a second start), then big ones: 100,000 calls,
10,000 tasks (8 levels), 1,000,000 console events (60 days of a synthetic office, as
bench/wallboard_bench.py makes them: the last day's ~17,000 in the table). The first start over
a big database (its wallboard's cold start, for the console) is reported apart
(`startup_first_run_<app>_big`); the runs measured after it start as a second start does.
A private redis-server runs so the live connections are made as usual.
Each run of an app follows a run of the floor, and the app's ratio is to the median of those
floors (`startup_floor_ms_<app>`): the machine's speed may drift over the minutes a bench takes.
Median of the runs. Writes bench/results/startup.json: `startup_floor_ms` (all floor runs),
`startup_first_paint_ms_<app>`, `startup_ready_ms_<app>`, `startup_ratio_<app>` (first paint /
floor), `startup_stall_ms_<app>`, `startup_settled_ms_<app>` and `startup_settle_stall_ms_<app>`
where the app has them, and `..._big` for the big databases.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


from bench_common import isolated_env, redis_server, write_results

APPS = ("callsystem", "taskmanager", "console", "suite")
FLOOR = str(Path(__file__).resolve().parents[1] / "packaging" / "startup_floor.py")
CHILD = str(Path(__file__).resolve().parent / "startup_child.py")
BIG = {"callsystem": 100_000, "taskmanager": 10_000, "console": 1_000_000}


def seed_child(app: str) -> None:
    """Fill the app's database as the app's own bench does (the current schema, many rows)."""
    if app == "callsystem":
        from callsystem_bench import make_database

        make_database(BIG["callsystem"])
    elif app == "console":
        from wallboard_bench import Office, fill

        from event_console.service import open_history
        from integrado.settings import Settings

        store = open_history(Settings.load(read_keyring=False))
        fill(store, Office(7, time.time(), 60).events(BIG["console"]))
        store.engine.dispose()
    else:
        from taskmanager_bench import make_rows

        from integrado.settings import Settings
        from taskmanager_gui.service import create_pipeline
        from taskmanager_gui.tables import TASKS

        pipeline = create_pipeline(Settings.load(read_keyring=False))
        with pipeline.engine.begin() as conn:
            conn.execute(TASKS.insert(), make_rows(BIG["taskmanager"], 8))
        pipeline.engine.dispose()


def measure(kind: str, env: dict[str, str], where: bool = False) -> dict[str, float]:
    t0 = time.time()
    if where:
        env = dict(env, STARTUP_BENCH_WHERE="1")
    # The floor is the one bare window every start-up figure is measured against; an app runs
    # in `startup_child.py`, which imports nothing of this harness before the app.
    command = [FLOOR] if kind == "floor" else [CHILD, kind]
    out = subprocess.run(
        [sys.executable, *command, repr(t0)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{kind} start-up harness failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    lines = out.stdout.strip().splitlines()
    if where and len(lines) > 1:
        for ms, samples, frames in json.loads(lines[-2]).get("where", []):
            print(f"  {kind}: stall {ms} ms ({samples} samples)", file=sys.stderr)
            for frame, count in frames:
                print(f"      {count:3d} {frame}", file=sys.stderr)
    return json.loads(lines[-1])


def source_label(folder: Path) -> str:
    """The release measured with --source: its commit when the folder is in a git checkout
    (no path of this machine goes into the results), else the folder's name."""
    done = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return f"commit {done.stdout.strip()}" if done.returncode == 0 and done.stdout.strip() else folder.name


def median(runs: list[dict[str, float]], key: str) -> float | None:
    values = [r[key] for r in runs if key in r]
    return round(statistics.median(values), 1) if len(values) == len(runs) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", nargs="+", choices=APPS, default=list(APPS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-big", action="store_true", help="empty databases only")
    parser.add_argument(
        "--source",
        type=Path,
        help="measure the apps in this folder instead (an older release's apps/, for a before/after)",
    )
    parser.add_argument("--results", default="", help="the results file's name under bench/results (default: startup)")
    parser.add_argument(
        "--where",
        action="store_true",
        help="say what the GUI thread was doing in each stall over 30 ms (to find a stall, not for figures: its "
        "sampling thread lengthens stalls, and has crashed the measured console now and then)",
    )
    parser.add_argument("--seed", choices=sorted(BIG), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed_child(args.seed)
        return 0

    started = time.perf_counter()
    figures: dict[str, Any] = {"startup_runs": args.runs}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="integrado-startup-bench-") as tmp:
        root = Path(tmp)
        with redis_server(root / "redis") as server:
            floor_env = isolated_env(root / "floor", server.url)
            if args.source:
                figures["startup_source"] = source_label(args.source)
            measure("floor", floor_env)
            # Each app's run comes right after a floor run, and its ratio is to those floors:
            # this machine's speed drifts (a shared host), and a ratio to floors measured minutes
            # earlier would carry the drift.
            floors: list[dict[str, float]] = []
            plan = [(app, "") for app in args.apps]
            if not args.no_big:
                plan += [(app, "_big") for app in args.apps if app in BIG]
            for app, suffix in plan:
                env = isolated_env(root / f"{app}{suffix}", server.url)
                if args.source:
                    env["PYTHONPATH"] = os.pathsep.join((str(args.source.resolve()), env["PYTHONPATH"]))
                try:
                    measure(app, env)  # warm-up: creates the database, warms the file cache
                    if suffix:
                        subprocess.run([sys.executable, __file__, "--seed", app], env=env, check=True, timeout=600)
                        first = measure(app, env, args.where)
                        figures[f"startup_first_run_{app}{suffix}"] = {k: round(v, 1) for k, v in first.items()}
                    runs, beside = [], []
                    for _ in range(args.runs):
                        beside.append(measure("floor", floor_env))
                        runs.append(measure(app, env, args.where))
                    floors += beside
                except (RuntimeError, subprocess.SubprocessError, json.JSONDecodeError, IndexError) as exc:
                    # Said without the commands' paths: the results are kept in the repository.
                    why = f"exit status {exc.returncode}" if isinstance(exc, subprocess.CalledProcessError) else exc
                    failures.append(f"{app}{suffix}: {why}")
                    print(f"startup bench: {app}{suffix}: FAILED: {exc}", file=sys.stderr)
                    continue
                painted, ready = median(runs, "painted"), median(runs, "ready")
                if painted is None or ready is None:
                    failures.append(f"{app}{suffix}: no paint or no ready seen in some run")
                figures[f"startup_first_paint_ms_{app}{suffix}"] = painted
                figures[f"startup_ready_ms_{app}{suffix}"] = ready
                figures[f"startup_stall_ms_{app}{suffix}"] = median(runs, "stall")
                for key in ("settled", "settle_stall"):
                    if all(key in r for r in runs):
                        figures[f"startup_{key}_ms_{app}{suffix}"] = median(runs, key)
                floor = median(beside, "painted")
                figures[f"startup_floor_ms_{app}{suffix}"] = floor
                if painted is not None and floor:
                    figures[f"startup_ratio_{app}{suffix}"] = round(painted / floor, 2)
                figures[f"startup_runs_{app}{suffix}"] = [{k: round(v, 1) for k, v in r.items()} for r in runs]
            figures["startup_floor_ms"] = median(floors, "painted") if floors else None
    figures["startup_failures"] = failures
    figures["bench_seconds"] = round(time.perf_counter() - started, 1)
    path = write_results(args.results or ("startup_before" if args.source else "startup"), figures)
    for key, value in figures.items():
        if not key.startswith("startup_runs_"):
            print(f"{key:<40} {value}")
    print(f"wrote {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
