"""Start-up beside the floor, frozen and from source (median of N runs).

    python packaging/measure_startup.py [--runs 5] [--bundle dist/Integrado] [--json out.json]

Each run is a fresh user (empty config and data folders) against a real redis-server started
here, offscreen. Per program, what `--smoke-test` reports: the first paint of its window and the
moment its start-up returned (window shown, data loaded, relay and bus started), both from process
creation. The floor is a bare PySide6 `QMainWindow` that imports nothing else: from source, and
frozen (the bundle's `integrado --startup-floor`, the same window with the bundle's Python and
Qt); each kind is compared with its own floor, run beside it (a floor run before each run of a
program). Keys as `bench/startup_bench.py` names them:
`startup_floor_ms` (source), `startup_floor_ms_frozen`,
`startup_first_paint_ms_<program>_<frozen|source>`, `startup_ready_ms_<program>_<frozen|source>`,
`startup_ratio_<program>_<frozen|source>` (first paint / floor).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "apps"))

PROGRAMS = ("CallSystem", "TaskManager", "EventConsole", "integrado")  # the last: the whole suite
SHOWN = re.compile(r"first window shown ([0-9.]+) s")
PAINTED = re.compile(r"first paint ([0-9.]+) s")


def _env(home: str, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode
    return dict(
        env,
        HOME=home,
        INTEGRADO_CONFIG_DIR=f"{home}/config",
        INTEGRADO_DATA_DIR=f"{home}/data",
        REDIS_URL=redis_url,
        QT_QPA_PLATFORM="offscreen",
    )


def one_run(command: list[str], redis_url: str) -> tuple[float, float]:
    """(first paint, start-up returned) in seconds after the process was created; the first
    paint is NaN from a build older than its report."""
    with tempfile.TemporaryDirectory(prefix="startup-") as home:
        env = _env(home, redis_url)
        env["INTEGRADO_SPAWNED_AT"] = repr(time.time())  # the clock starts here, as the floor's does
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    shown, painted = SHOWN.search(done.stdout), PAINTED.search(done.stdout)
    if done.returncode != 0 or not shown:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return float(painted.group(1)) if painted else math.nan, float(shown.group(1))


def floor_run(bundle: Path | None = None) -> float:
    """The floor from source, or frozen: the bundle's own program started with `--startup-floor`
    (the same bare window, with the bundle's Python and Qt)."""
    with tempfile.TemporaryDirectory(prefix="startup-floor-") as home:
        started = time.time()
        command = (
            [sys.executable, str(ROOT / "packaging" / "startup_floor.py")]
            if bundle is None
            else [str(bundle / "integrado"), "--startup-floor"]
        )
        done = subprocess.run(
            [*command, repr(started)],
            env=_env(home, ""),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    try:
        return float(json.loads(done.stdout.strip().splitlines()[-1])["painted"]) / 1000
    except (ValueError, KeyError, IndexError):
        raise SystemExit(f"the floor window did not paint:\n{done.stdout}{done.stderr}") from None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "Integrado")
    parser.add_argument("--json", type=Path, help="also write the figures (milliseconds) here")
    args = parser.parse_args()

    from integrado.embedded import RedisServerProcess, find_server_binary

    figures: dict[str, float] = {}
    kinds = {"source": lambda p: [sys.executable, str(ROOT / "packaging" / "launcher.py"), "--as", p, "--smoke-test"]}
    floors = {"source": None}
    if (args.bundle / PROGRAMS[0]).exists():
        kinds = {"frozen": lambda p: [str(args.bundle / p), "--smoke-test"], **kinds}
        floors = {"frozen": args.bundle, **floors}
    # Each program's run comes right after a floor run of its kind, and its ratio is to those
    # floors: the machine's speed may drift over the minutes this takes (a shared host).
    floor_runs: dict[str, list[float]] = {kind: [] for kind in floors}
    for bundle in floors.values():
        floor_run(bundle)  # warm-up
    with tempfile.TemporaryDirectory() as tmp:
        server = RedisServerProcess(Path(tmp), binary=find_server_binary(), appendonly=False)
        server.start()
        try:
            print(f"median of {args.runs} runs; each beside as many runs of the floor (a bare PySide6 window)")
            print(f"{'program':<14}{'kind':<8}{'floor (s)':>10}{'first paint (s)':>16}{'ratio':>7}{'ready (s)':>11}")
            for program in PROGRAMS:
                for kind, command in kinds.items():
                    one_run(command(program), server.url)  # warm-up: the file cache, a second start
                    runs, beside = [], []
                    for _ in range(args.runs):
                        beside.append(floor_run(floors[kind]))
                        runs.append(one_run(command(program), server.url))
                    floor_runs[kind] += beside
                    floor = statistics.median(beside)
                    painted = statistics.median(r[0] for r in runs)
                    ready = statistics.median(r[1] for r in runs)
                    key = f"{program.lower()}_{kind}"
                    figures[f"startup_ready_ms_{key}"] = round(ready * 1000, 1)
                    if not math.isnan(painted):
                        figures[f"startup_first_paint_ms_{key}"] = round(painted * 1000, 1)
                        figures[f"startup_ratio_{key}"] = round(painted / floor, 2)
                    print(f"{program:<14}{kind:<8}{floor:>10.2f}{painted:>16.2f}{painted / floor:>7.2f}{ready:>11.2f}")
        finally:
            server.stop()
    for kind, runs_of_kind in floor_runs.items():
        if runs_of_kind:
            median_ms = round(statistics.median(runs_of_kind) * 1000, 1)
            figures["startup_floor_ms" + ("" if kind == "source" else f"_{kind}")] = median_ms
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
