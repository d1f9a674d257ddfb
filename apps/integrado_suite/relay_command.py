"""`integrado relay`: the office relay service, headless, for a shared PostgreSQL database.

    integrado relay [--db URL]... [--name NAME]

Publishes every app's outbox of each database (default: the CallSystem and TaskManager databases
of the settings, once each when they are the same database). Redis comes from the settings as for
every app (`REDIS_URL`, `REDIS_PASSWORD` from the environment, never the command line). Logs go
to stderr (the journal under systemd): role changes, problems when they start and end, and a
health line every `--health-interval` seconds. SIGTERM or SIGINT: finish the batch, hand the
lease to the standby, exit 0.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from integrado.command_line import CliError, load_settings

if TYPE_CHECKING:
    # The relay's modules (SQLAlchemy, psycopg, redis, asyncio) come when it runs, not with its
    # arguments.
    from integrado.bus import StreamSource
    from integrado.settings import Settings


def register(sub: Any) -> None:
    relay = sub.add_parser(
        "relay",
        help="publish a shared PostgreSQL database's events (the office server; run two for a hot standby)",
        description=(
            "Publish every app's events from a shared PostgreSQL database to Redis. Run it on two "
            "machines: one is active, the other takes over within about 10 s. Redis comes from "
            "REDIS_URL / REDIS_PASSWORD (never the command line). Stop with SIGTERM."
        ),
    )
    relay.add_argument(
        "--db",
        action="append",
        metavar="URL",
        help="PostgreSQL URL of a shared database; repeat for several (default: the apps' databases in the settings)",
    )
    relay.add_argument("--name", help="this instance's name in the log and the lease (default: the host name)")
    relay.add_argument(
        "--health-interval", type=float, default=30.0, metavar="S", help="seconds between health lines (default 30)"
    )
    relay.add_argument("--verbose", action="store_true", help="debug logging")
    relay.set_defaults(func=cmd_relay)


def relay_plan(settings: Settings, urls: list[str] | None) -> list[tuple[str, list[StreamSource]]]:
    """Which streams each database's relay publishes; refuses a database that is not shared."""
    from sqlalchemy.engine import make_url

    from integrado.events.system import System
    from integrado.pipeline import alerts_db_url, stream_sources

    sources = stream_sources(settings.redis)
    plan: dict[str, list[StreamSource]] = {}
    if urls:
        for url in urls:
            plan[url] = sources
    else:
        by_system = {
            System.CALLSYSTEM: settings.callsystem_db,
            System.TASKMANAGER: settings.taskmanager_db,
            System.CONSOLE: alerts_db_url(settings),
        }
        for source in sources:
            plan.setdefault(by_system[source.system], []).append(source)
    for url in plan:
        try:
            backend = make_url(url).get_backend_name()
        except Exception as exc:  # noqa: BLE001 - sqlalchemy raises several kinds for a bad URL
            raise CliError(f"integrado relay: not a database URL: {exc}") from None
        if backend != "postgresql":
            raise CliError(
                f"integrado relay: {make_url(url).render_as_string(hide_password=True)} is not PostgreSQL. "
                "The relay service publishes a database shared by an office's PCs; with SQLite each app "
                "publishes its own events. Pass --db postgresql://... or set INTEGRADO_CALLSYSTEM_DB / "
                "INTEGRADO_TASKMANAGER_DB."
            )
    return list(plan.items())


def cmd_relay(args: argparse.Namespace) -> int:
    import asyncio
    import logging
    import signal

    from sqlalchemy.engine import make_url

    from integrado.db import make_engine
    from integrado.redis_conn import redis_client
    from integrado.relay import RelayService, RelayTiming
    from integrado.relay.listener import TCP_OPTIONS
    from integrado.relay.service import default_name

    settings = load_settings(args)
    plan = relay_plan(settings, args.db)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    # redis-py and SQLAlchemy say what they do at INFO; the service's own lines are what matter.
    for noisy in ("sqlalchemy", "redis"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    name = args.name or default_name()
    timing = RelayTiming(health_interval=args.health_interval)
    services = [
        RelayService(
            make_engine(url, connect_args=dict(TCP_OPTIONS)),
            lambda: redis_client(settings.redis, name=f"integrado-relay-{name}", socket_timeout=timing.redis_timeout),
            sources,
            name=name if len(plan) == 1 else f"{name}/{make_url(url).database}",
            maxlen=settings.redis.stream_maxlen,
            timing=timing,
        )
        for url, sources in plan
    ]
    logging.getLogger("integrado.relay").info("relay %s: Redis %s", name, settings.redis.redacted_url())

    async def main() -> None:
        loop = asyncio.get_running_loop()

        def stop() -> None:
            for service in services:
                service.stop()

        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop)
        await asyncio.gather(*(s.run() for s in services))

    try:
        asyncio.run(main())
    finally:
        for service in services:
            service.engine.dispose()
    return 0
