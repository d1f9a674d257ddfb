"""`integrado simulate`: its options, and the command that runs a simulated office until its
time is up or it is interrupted, then prints what it did."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from integrado.command_line import load_settings
from integrado_suite.simulate.units import format_clock, parse_duration, parse_rate

if TYPE_CHECKING:
    # The simulator (SQLAlchemy, asyncio) comes when it runs, not with its arguments.
    from integrado_suite.simulate.runner import Summary


def positive_int(text: str) -> int:
    """A count of at least 1, for argparse."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def operators_count(text: str) -> int:
    """How many operators: at most as many as the office has names for."""
    from integrado_suite.simulate.people import OPERATORS

    value = positive_int(text)
    if value > len(OPERATORS):
        raise argparse.ArgumentTypeError(f"at most {len(OPERATORS)} operators (the office has that many names)")
    return value


def seed_number(text: str) -> int:
    """A seed: any whole number, negative ones too."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid seed {text!r}: a whole number") from None


def register(subparsers: Any) -> None:
    """Adds `integrado simulate` (called by integrado_suite.cli)."""
    sim = subparsers.add_parser(
        "simulate",
        help="simulated operators working calls and tasks through the apps (training, load, demos)",
        description="Simulated operators work calls and task trees through the apps' services; every "
        "action is committed to the apps' databases and published through the outbox relays (on an "
        "office's shared PostgreSQL database, by the relay service: run `integrado relay` beside it).",
    )
    sim.add_argument(
        "--operators", metavar="N", type=operators_count, default=10, help="how many operators (default 10)"
    )
    sim.add_argument(
        "--rate",
        metavar="R",
        type=parse_rate,
        default=5.0,
        help="actions per second, whole office: 5/s, 300/min (default 5/s)",
    )
    sim.add_argument(
        "--duration", metavar="D", type=parse_duration, default=600.0, help="10m, 90s, 1h30m or forever (default 10m)"
    )
    sim.add_argument(
        "--seed", metavar="N", type=seed_number, default=None, help="same seed, same office (default: random)"
    )
    sim.add_argument("--actions", metavar="N", type=positive_int, default=None, help="stop after this many actions")
    only = sim.add_mutually_exclusive_group()
    only.add_argument("--calls-only", action="store_true", help="only CallSystem work")
    only.add_argument("--tasks-only", action="store_true", help="only TaskManager work")
    sim.add_argument("--quiet", action="store_true", help="no progress bar (the summary is still printed)")
    sim.add_argument(
        "--drain-timeout",
        metavar="D",
        type=parse_duration,
        default=30.0,
        help="how long to wait at the end for queued events to be sent (default 30s)",
    )
    sim.set_defaults(func=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    import asyncio
    import logging
    import signal

    from integrado_suite.redis_server import resolve_redis
    from integrado_suite.simulate.office import SimConfig
    from integrado_suite.simulate.runner import Simulation

    logging.basicConfig(level=logging.WARNING, format="\nintegrado simulate: %(message)s")
    settings, stop_server = resolve_redis(load_settings(args))
    config = SimConfig(
        operators=args.operators,
        rate=args.rate,
        duration=args.duration,
        seed=args.seed,
        calls=not args.tasks_only,
        tasks=not args.calls_only,
        max_actions=args.actions,
    )
    seed = "random" if args.seed is None else str(args.seed)
    length = "until stopped" if args.duration is None else format_clock(args.duration)
    print(
        f"integrado simulate: {config.operators} operators, {config.rate:g} actions/s, {length}, seed {seed}, "
        f"Redis {settings.redis.redacted_url()}",
        file=sys.stderr,
    )

    async def main() -> Summary:
        sim = Simulation(
            settings,
            config,
            progress=None if args.quiet else sys.stderr,
            drain_timeout=args.drain_timeout if args.drain_timeout is not None else 3600.0,
        )
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, sim.stop)
        return await sim.run()

    try:
        summary = asyncio.run(main())
    finally:
        if stop_server:
            stop_server()
    for line in summary.lines():
        print(line, file=sys.stderr)
    return 0
