"""Composition helpers: what a producing app (CallSystem, TaskManager, the simulator) and a
consuming one (Event Console, `integrado consume`) need, built from settings in one call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session, sessionmaker

from integrado.access.identity import SignedIn, who_am_i
from integrado.bus import DEFAULT_TUNING, BusConsumer, BusTuning, EventSink, LiveOnlySink, StreamSource
from integrado.db import make_engine, make_session_factory
from integrado.events.codec import SYSTEM_CALLS, SYSTEM_CONSOLE, SYSTEM_TASKS, Codec
from integrado.migrations import upgrade
from integrado.outbox import Outbox, OutboxRelay
from integrado.redis_conn import redis_client
from integrado.settings import RedisSettings, Settings

# How often an operator PC on a shared database counts its stream's rows waiting on the server.
SERVER_QUEUE_INTERVAL = 2.0


def is_shared(engine: Engine) -> bool:
    """A database that several PCs write (PostgreSQL): published by the relay service."""
    return engine.dialect.name == "postgresql"


def stream_sources(redis: RedisSettings) -> list[StreamSource]:
    return [
        StreamSource(SYSTEM_CALLS, redis.calls_channel, redis.calls_stream),
        StreamSource(SYSTEM_TASKS, redis.tasks_channel, redis.tasks_stream),
        StreamSource(SYSTEM_CONSOLE, redis.console_channel, redis.console_stream),
    ]


def channel_and_stream(redis: RedisSettings, system: str) -> tuple[str, str]:
    if system == SYSTEM_CALLS:
        return redis.calls_channel, redis.calls_stream
    if system == SYSTEM_TASKS:
        return redis.tasks_channel, redis.tasks_stream
    if system == SYSTEM_CONSOLE:
        return redis.console_channel, redis.console_stream
    raise ValueError(f"unknown system {system!r}")


def db_url_for(settings: Settings, system: str) -> str:
    urls: dict[str, str] = {
        SYSTEM_CALLS: settings.callsystem_db,
        SYSTEM_TASKS: settings.taskmanager_db,
        SYSTEM_CONSOLE: alerts_db_url(settings),
    }
    return urls[system]


def alerts_db_url(settings: Settings) -> str:
    """Where the consoles queue their alerts: the setting, else the office's shared CallSystem
    database (whose relay service then publishes them with the calls), else a file of its own."""
    if settings.alerts_db:
        return settings.alerts_db
    if settings.callsystem_db.startswith("postgresql"):
        return settings.callsystem_db
    return f"sqlite:///{settings.data_dir / 'alerts.db'}"


@dataclass
class ProducerPipeline:
    """An app's database (business tables + outbox) and the relay that publishes its events
    (on a shared database: the relay only reports what waits for the relay service)."""

    engine: Engine
    session_factory: sessionmaker[Session]
    outbox: Outbox
    relay: OutboxRelay

    @property
    def shared(self) -> bool:
        """True on an office's PostgreSQL database: `integrado relay` publishes, not this app."""
        return is_shared(self.engine)

    def signed_in(self) -> SignedIn | None:
        """Who the shared database says this app is connected as, and the role it holds now
        (asked afresh each time); None on a single PC (the OS login, every right)."""
        if not self.shared:
            return None
        with self.engine.connect() as connection:
            return who_am_i(connection)

    @classmethod
    def create(
        cls,
        settings: Settings,
        *,
        system: str,
        metadata: MetaData,
        db_url: str | None = None,
        poll_interval: float = 2.0,
    ) -> ProducerPipeline:
        channel, stream = channel_and_stream(settings.redis, system)
        engine = make_engine(db_url or db_url_for(settings, system))
        outbox = Outbox(metadata, channel=channel, stream=stream)
        # Migrations first (an older database is upgraded, a newer one refused untouched); then
        # create_all only adds what no revision knows yet (a development checkout).
        upgrade(engine, system)
        metadata.create_all(engine)
        session_factory = make_session_factory(engine)
        # On a shared PostgreSQL database the office's relay service publishes (woken by
        # LISTEN/NOTIFY); the PC only shows what waits on the server, counted every couple of
        # seconds and after each of its own commits.
        publishes = not is_shared(engine)
        relay = OutboxRelay(
            engine,
            outbox,
            lambda: redis_client(settings.redis, name=f"integrado-{system}-relay"),
            maxlen=settings.redis.stream_maxlen,
            poll_interval=poll_interval if publishes else max(poll_interval, SERVER_QUEUE_INTERVAL),
            publishes=publishes,
        )
        outbox.install_wake_hook(session_factory, relay.wake)
        return cls(engine, session_factory, outbox, relay)


def create_consumer(
    settings: Settings,
    sink: EventSink,
    *,
    name: str = "integrado-consumer",
    tuning: BusTuning = DEFAULT_TUNING,
    sources: Sequence[StreamSource] | None = None,
) -> BusConsumer:
    """A bus consumer of `sources` (both apps' by default); a hung server is noticed within the
    XREAD wait plus 5 s, the socket timeout derived from the tuning."""
    return BusConsumer(
        lambda: redis_client(settings.redis, name=name, socket_timeout=tuning.block_ms / 1000 + 5.0),
        stream_sources(settings.redis) if sources is None else sources,
        sink,
        Codec(settings.redis.channel_systems()),
        tuning=tuning,
    )


def create_live_consumer(settings: Settings, system: str, *, name: str) -> BusConsumer:
    """One app's source, from now on: a live view needs to know what changed, not the history."""
    sources = [s for s in stream_sources(settings.redis) if s.system == system]
    return create_consumer(settings, LiveOnlySink([s.stream for s in sources]), name=name, sources=sources)
