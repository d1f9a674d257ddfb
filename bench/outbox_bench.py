"""Outbox drain after a Redis outage: how fast a backlog of queued events goes out once Redis is back.

    python bench/outbox_bench.py            # 3,000 actions of backlog, 5 rounds (~1 minute on 2 cores)
    python bench/outbox_bench.py --quick    # 300 actions, 1 round

Assumption (stated, not measured): a busy office is 10 operators doing 5 actions/s together,
so a 10-minute outage leaves 3,000 actions queued (a few more events: a completed or removed
subtree is one event per task). The backlog is made by the simulator (`integrado simulate`'s
office) through CallService and TaskService, so the rows, their sizes and the per-source seq
numbers are the real ones, in the apps' own SQLite files.

Each round: the two relays (CallSystem's and TaskManager's, one process, one asyncio loop, as in
`integrado run`) run against a stopped server long enough for their backoff to reach its cap, as
it would during a 10-minute outage; then redis-server is started on the same port and the clock
runs from the moment it answers PING until both outboxes are empty. Figures (median of rounds):
- outbox_drain_events_per_s: backlog / (Redis answering -> queue empty), reconnect delay included;
- outbox_drain_s, outbox_reconnect_ms (Redis answering -> first event published; the relay's
  jittered backoff, up to 5 s, decides most of it), outbox_send_events_per_s (first -> last).
Then, Redis up: the simulated office at 20 actions/s for 15 s with the relays running, and the
commit -> in-Redis latency of every event from the outbox's own timestamps
(outbox_latency_ms_p50/p99/max): the half of "action committed -> row in the console" that the
console's publish -> row latency does not cover.
Writes bench/results/outbox.json.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import apply_env, isolated_env, redis_server, write_results

OFFICE_OPERATORS = 10
OFFICE_RATE = 5.0  # actions per second, whole office
OUTAGE_S = 600


def build_backlog(actions: int) -> int:
    """Run the simulated office with Redis down; return how many events it queued."""
    from sqlalchemy.orm import sessionmaker

    from callsystem_gui.tables import Base as CallBase
    from integrado.db import make_engine
    from integrado.outbox import Outbox
    from integrado.pipeline import ProducerPipeline
    from integrado.settings import Settings
    from integrado_suite.simulate import Office, SimConfig
    from taskmanager_gui.tables import Base as TaskBase

    settings = Settings.load()
    pipelines = []
    for system, metadata, url in (
        ("callsystem", CallBase.metadata, settings.callsystem_db),
        ("taskmanager", TaskBase.metadata, settings.taskmanager_db),
    ):
        # Building the backlog is not what is measured: skip the per-commit fsync here only.
        # The drain below uses the apps' own pipeline (synchronous=FULL), as in production.
        engine = make_engine(url, synchronous="OFF")
        channel = settings.redis.calls_channel if system == "callsystem" else settings.redis.tasks_channel
        stream = settings.redis.calls_stream if system == "callsystem" else settings.redis.tasks_stream
        outbox = Outbox(metadata, channel=channel, stream=stream)
        metadata.create_all(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        pipelines.append(ProducerPipeline(engine, factory, outbox, relay=None))  # type: ignore[arg-type]
    office = Office(SimConfig(operators=OFFICE_OPERATORS, seed=2026), pipelines[0], pipelines[1])
    failed = 0
    for _ in range(actions):
        if office.step() is None:
            failed += 1
    if failed:
        print(f"outbox bench: {failed} simulated actions were refused (counted, not queued)", file=sys.stderr)
    for p in pipelines:
        p.engine.dispose()
    return office.events_queued


def _reset_to_pending(pipelines: list[Any]) -> None:
    from sqlalchemy import update

    for p in pipelines:
        with p.engine.begin() as conn:
            conn.execute(update(p.outbox.table).values(status="pending", published_at=None, attempts=0))


async def drain_round(server: Any, backlog: int, outage_s: float) -> dict[str, float]:
    """Relays up against a stopped server, then Redis back: time until both outboxes are empty."""
    import redis

    from callsystem_gui.tables import Base as CallBase
    from integrado.pipeline import ProducerPipeline
    from integrado.settings import Settings
    from taskmanager_gui.service import create_pipeline

    settings = Settings.load()
    calls = ProducerPipeline.create(settings, system="callsystem", metadata=CallBase.metadata)
    tasks = create_pipeline(settings)
    pipelines = [calls, tasks]
    _reset_to_pending(pipelines)
    queued = sum(p.relay.queued() for p in pipelines)
    if queued != backlog:
        raise RuntimeError(f"backlog is {queued} rows, expected {backlog}")
    runs = [asyncio.ensure_future(p.relay.run()) for p in pipelines]
    try:
        await asyncio.sleep(outage_s)  # the relays retry with backoff, as during a long outage
        if any(p.relay.published_total for p in pipelines):
            raise RuntimeError("events were published while Redis was down")
        await asyncio.to_thread(server.start)
        back = time.perf_counter()
        first = None
        deadline = back + 300
        while time.perf_counter() < deadline:
            sent = sum(p.relay.published_total for p in pipelines)
            if first is None and sent:
                first = time.perf_counter()
            if sent >= backlog:
                break
            await asyncio.sleep(0.002)
        empty = time.perf_counter()
        left = sum(p.relay.queued() for p in pipelines)
        if left or first is None:
            raise RuntimeError(f"{left} events still queued after 300 s")
    finally:
        for p in pipelines:
            p.relay.stop()
        await asyncio.gather(*runs, return_exceptions=True)
        for p in pipelines:
            p.engine.dispose()
    client = redis.Redis.from_url(server.url)
    in_streams = client.xlen(settings.redis.calls_stream) + client.xlen(settings.redis.tasks_stream)
    client.flushall()
    client.close()
    server.stop()
    if in_streams != backlog:
        raise RuntimeError(f"{in_streams} events reached the streams, expected {backlog}")
    drain = empty - back
    return {
        "drain_s": drain,
        "drain_events_per_s": backlog / drain,
        "reconnect_ms": (first - back) * 1000,
        "send_events_per_s": backlog / max(empty - first, 1e-9),
    }


def live_latency(root: Path, url: str, rate: float, seconds: float) -> dict[str, float]:
    """Redis up, relays running: commit -> event in Redis, from the outbox's own timestamps.

    `created_at` is stamped inside the action's transaction just before commit, `published_at`
    after MULTI/EXEC returned: the interval covers commit, wake-up, fetch, send and the
    relay's bookkeeping (a slight overestimate of commit -> visible in Redis).
    """
    import math

    from sqlalchemy import create_engine, text

    from integrado.settings import Settings
    from integrado_suite.simulate import SimConfig, Simulation

    with apply_env(isolated_env(root / "live", url)):
        settings = Settings.load()
        config = SimConfig(operators=OFFICE_OPERATORS, rate=rate, duration=seconds, seed=7)
        summary = asyncio.run(Simulation(settings, config, drain_timeout=30).run())
        latencies: list[float] = []
        for db in (settings.callsystem_db, settings.taskmanager_db):
            engine = create_engine(db)
            with engine.connect() as conn:
                rows = conn.execute(
                    text("select (published_at - created_at) * 1000 from integrado_outbox where status = 'published'")
                )
                latencies.extend(r[0] for r in rows)
            engine.dispose()
    if summary.left_queued or not latencies:
        raise RuntimeError(f"live phase: {summary.left_queued} events left queued")
    latencies.sort()

    def pct(p: float) -> float:
        # Nearest rank: every figure is one that was observed.
        return latencies[max(1, math.ceil(p / 100 * len(latencies))) - 1]

    return {
        "outbox_live_rate_actions_per_s": round(summary.total_actions / (summary.acting or seconds), 1),
        "outbox_live_events": len(latencies),
        "outbox_latency_ms_p50": round(pct(50), 1),
        "outbox_latency_ms_p99": round(pct(99), 1),
        "outbox_latency_ms_max": round(latencies[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actions", type=int, default=int(OFFICE_RATE * OUTAGE_S), help="backlog size in actions")
    # The relay's jittered reconnect backoff (0-5 s) spreads single rounds widely: take the median of 5.
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--outage", type=float, default=8.0, help="seconds the relays retry before Redis is back")
    parser.add_argument("--live-rate", type=float, default=20.0, help="actions/s for the live latency phase")
    parser.add_argument("--live-seconds", type=float, default=15.0)
    parser.add_argument("--quick", action="store_true", help="300 actions, 1 round, 2 s outage, 5 s live")
    args = parser.parse_args()
    if args.quick:
        args.actions, args.rounds, args.outage, args.live_seconds = 300, 1, 2.0, 5.0
    # The relays' "disconnected" warnings during the staged outage are expected, not news.
    logging.getLogger("integrado.outbox").setLevel(logging.ERROR)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="integrado-outbox-bench-") as tmp:
        root = Path(tmp)
        with redis_server(root / "redis") as server:
            server.stop()  # the outage starts before the first action
            with apply_env(isolated_env(root, server.url)):
                t = time.perf_counter()
                backlog = build_backlog(args.actions)
                build_s = time.perf_counter() - t
                rounds = [asyncio.run(drain_round(server, backlog, args.outage)) for _ in range(args.rounds)]
            server.start()
            live = live_latency(root, server.url, args.live_rate, args.live_seconds)
    figures: dict[str, Any] = {
        "outbox_drain_events_per_s": round(statistics.median(r["drain_events_per_s"] for r in rounds)),
        "outbox_drain_s": round(statistics.median(r["drain_s"] for r in rounds), 3),
        "outbox_reconnect_ms": round(statistics.median(r["reconnect_ms"] for r in rounds), 1),
        "outbox_send_events_per_s": round(statistics.median(r["send_events_per_s"] for r in rounds)),
        **live,
        "outbox_backlog_events": backlog,
        "outbox_backlog_actions": args.actions,
        "outbox_backlog_assumption": f"{OFFICE_OPERATORS} operators x {OFFICE_RATE:g} actions/s x {OUTAGE_S} s"
        if args.actions == int(OFFICE_RATE * OUTAGE_S)
        else f"{args.actions} actions (not the 10-minute office)",
        "outbox_rounds": [{k: round(v, 3) for k, v in r.items()} for r in rounds],
        "outbox_build_backlog_s": round(build_s, 1),
        "bench_seconds": round(time.perf_counter() - started, 1),
    }
    path = write_results("outbox", figures)
    print(f"backlog: {backlog} events from {args.actions} simulated actions (built in {build_s:.1f} s)")
    for key in (
        "outbox_drain_events_per_s",
        "outbox_drain_s",
        "outbox_reconnect_ms",
        "outbox_send_events_per_s",
        "outbox_live_rate_actions_per_s",
        "outbox_latency_ms_p50",
        "outbox_latency_ms_p99",
        "outbox_latency_ms_max",
    ):
        print(f"{key:<28} {figures[key]}")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
