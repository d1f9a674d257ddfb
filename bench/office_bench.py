"""An office on this machine: one PostgreSQL, one Redis (the shipped ACL, a password per user),
two `integrado relay` services (active and hot standby), N operator PCs and two consoles, each
a separate process; one action per PC per second.

    python bench/office_bench.py            # N = 50 PCs for 5 minutes (about 7 minutes in all)
    python bench/office_bench.py --quick    # N = 8 for 1 minute: the CI test's office
    python bench/office_bench.py --pcs 20 --seconds 120 --keep /some/folder   # other sizes, logs kept

Each PC is its own process with its own host name (a UTS namespace where run as root) and
operator login, CallSystem's and TaskManager's services on the shared database and a headless
live view per app (the apps' own `BusConsumer` + `LiveOnlySink`, no Qt). PCs do not relay: the
relay service publishes, woken by LISTEN/NOTIFY. Each console is `integrado consume` into its
own SQLite history. Faults: one PC SIGKILLed at 90 s; the active relay
(the lease holder) SIGSTOPped at 135 s for 30 s, in the middle of the run.

Figures (see tests/helpers/office/analysis.py for how each is computed):
office_pcs, office_actions, office_commit_to_published_ms_p50/p99, office_commit_to_other_pc_ms_p50/p99
(outside the takeover window; the *_all_* figures in the details include it), office_failover_s
(SIGSTOP -> the standby's first publish), office_lost (outbox rows missing from either console),
office_duplicates_stored, office_silent_gaps, office_conflicts_surfaced.

Writes bench/results/office.json; a full run (the defaults) also merges its figures into
bench/results/latest.json, as bench/run files them (unless --no-merge: bench/run passes it).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import RESULTS, clean_number, load_average, write_results

from helpers.office.harness import OfficeConfig, run_office

# The keys bench/run lists in its table, with their targets.
TARGETS: dict[str, tuple[float, str]] = {
    "office_commit_to_other_pc_ms_p99": (250, "<="),
    "office_commit_to_published_ms_p99": (100, "<="),
    "office_failover_s": (15, "<="),
    "office_lost": (0, "<="),
    "office_duplicates_stored": (0, "<="),
    "office_silent_gaps": (0, "<="),
}


def merge_into_latest(figures: dict[str, Any], everything: dict[str, Any], seconds: float) -> Path:
    """Put this run's figures into latest.json the way bench/run files a bench's: the main
    figures at top level, everything under details.office, the status under benches, the
    source of each figure named."""
    path = RESULTS / "latest.json"
    try:
        body: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        body = {}
    for key, value in figures.items():
        body[key] = clean_number(value)
    body.setdefault("details", {})["office"] = everything
    body.setdefault("benches", {})["office"] = {"status": "ok", "seconds": round(seconds, 1)}
    sources = body.setdefault("sources", {})
    sources.update({key: "office" for key in figures})
    body["sources"] = dict(sorted(sources.items()))
    body["office_measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="N = 8 for 60 s, faults scaled (the CI test's office)")
    parser.add_argument("--pcs", type=int, help="operator PCs (default 50)")
    parser.add_argument("--seconds", type=float, help="how long the PCs act (default 300)")
    parser.add_argument("--keep", type=Path, help="keep the logs, histories and Redis data in this folder")
    parser.add_argument("--no-merge", action="store_true", help="write office.json only, not latest.json")
    parser.add_argument(
        "--client-nice",
        type=int,
        help="niceness of the simulated PCs and consoles (default 0: equal to the server processes)",
    )
    args = parser.parse_args()
    config = OfficeConfig.shortened() if args.quick else OfficeConfig.benchmark()
    if args.client_nice is not None:
        config = replace(config, client_nice=args.client_nice)
    if args.pcs or args.seconds:
        seconds = args.seconds or config.seconds
        scale = seconds / config.seconds
        config = replace(
            config,
            pcs=args.pcs or config.pcs,
            seconds=seconds,
            pc_kill_at=None if config.pc_kill_at is None else config.pc_kill_at * scale,
            relay_stop_at=None if config.relay_stop_at is None else config.relay_stop_at * scale,
        )
    # SIGTERM ends the run like Ctrl-C: every process of the office is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda _sig, _frame: sys.exit(143))
    started = time.monotonic()
    load_before = load_average()
    figures = run_office(config, workdir=args.keep, progress=lambda line: print(f"office: {line}", flush=True))
    details = figures.pop("details")
    elapsed = time.monotonic() - started
    body = {**figures, **{k: v for k, v in details.items() if k not in figures}}
    body["office_config"] = {
        "pcs": config.pcs,
        "seconds": config.seconds,
        "rate_per_pc": config.rate,
        "client_nice": config.client_nice,
        "pc_kill_at": config.pc_kill_at,
        "relay_stop_at": config.relay_stop_at,
        "relay_stop_for": config.relay_stop_for,
        "redis_acl": config.acl,
        "one_process_per_pc": True,
    }
    body["load_average_before"] = load_before
    body["bench_seconds"] = round(elapsed, 1)
    path = write_results("office", body)
    print()
    for key in figures:
        target = TARGETS.get(key)
        mark = ""
        if target is not None and isinstance(figures[key], int | float):
            mark = "ok" if figures[key] <= target[0] else "MISSED"
            mark = f"  (target {target[1]}{target[0]:g}: {mark})"
        print(f"{key:<40} {figures[key]}{mark}")
    for key in ("office_events", "office_view_missing", "office_gaps_reported", "office_stream_duplicates"):
        print(f"{key:<40} {details.get(key)}")
    print(f"wrote {path} in {elapsed:.0f} s")
    full = not args.quick and not args.pcs and not args.seconds
    if full and not args.no_merge:
        print(f"merged into {merge_into_latest(figures, body, elapsed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
