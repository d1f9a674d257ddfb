"""Start-up time to the first shown window, frozen and from source (median of N runs).

    python packaging/measure_startup.py [--runs 5] [--bundle dist/Integrado]

Each run is a fresh user (empty config and data folders) against a real redis-server started
here, offscreen; the time is what `--smoke-test` reports: process creation -> first window shown.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "apps"))

PROGRAMS = ("CallSystem", "TaskManager", "EventConsole")
SHOWN = re.compile(r"first window shown ([0-9.]+) s")


def one_run(command: list[str], redis_url: str) -> float:
    with tempfile.TemporaryDirectory(prefix="startup-") as home:
        env = dict(
            os.environ,
            HOME=home,
            INTEGRADO_CONFIG_DIR=f"{home}/config",
            INTEGRADO_DATA_DIR=f"{home}/data",
            REDIS_URL=redis_url,
            QT_QPA_PLATFORM="offscreen",
        )
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    found = SHOWN.search(done.stdout)
    if done.returncode != 0 or not found:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return float(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "Integrado")
    args = parser.parse_args()

    from integrado.embedded import RedisServerProcess, find_server_binary

    with tempfile.TemporaryDirectory() as tmp:
        server = RedisServerProcess(Path(tmp), binary=find_server_binary(), appendonly=False)
        server.start()
        try:
            print(f"{'program':<14}{'frozen (s)':>12}{'source (s)':>12}   median of {args.runs} runs")
            for program in PROGRAMS:
                frozen = [one_run([str(args.bundle / program), "--smoke-test"], server.url) for _ in range(args.runs)]
                source_cmd = [sys.executable, str(ROOT / "packaging" / "launcher.py"), "--as", program, "--smoke-test"]
                source = [one_run(source_cmd, server.url) for _ in range(args.runs)]
                print(f"{program:<14}{statistics.median(frozen):>12.2f}{statistics.median(source):>12.2f}")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
