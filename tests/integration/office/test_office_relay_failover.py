"""The office relay service's hot standby, with real processes: `integrado relay` twice on one
PostgreSQL database and one Redis, operators committing all along. The active instance is
killed (SIGKILL), frozen (SIGSTOP, then woken after the takeover), or cut off from Redis or from
PostgreSQL (a proxy that stops forwarding, like a pulled cable). The standby must take over
within 15 s; at the end every committed event is on its stream exactly once, in seq order."""

from __future__ import annotations

import itertools
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select
from sqlalchemy.engine import make_url

from helpers.pipeline import MiniApp
from helpers.relay_service import RelayProcess, TcpProxy, wait_until
from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings

pytestmark = pytest.mark.integration

FAILOVER_LIMIT_S = 15.0


def _pc(settings: Settings, url: str, system: str) -> MiniApp:
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    pipeline = ProducerPipeline.create(settings, system=system, metadata=metadata, db_url=url)
    return MiniApp(pipeline, things, system)


@dataclass
class Operators:
    """Both apps' actions from a thread, about 40 a second, until stopped."""

    apps: list[MiniApp]
    committed: int = 0
    errors: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        i = 0
        while not self._stop.is_set():
            try:
                self.apps[i % 2].act(f"action {i}")
                self.committed += 1
            except Exception as exc:
                self.errors.append(repr(exc))
            i += 1
            time.sleep(0.025)


@pytest.fixture
def office(redis_server_factory, postgres_url, monkeypatch, tmp_path) -> Iterator[dict]:
    server = redis_server_factory()
    monkeypatch.setenv("REDIS_URL", server.url)
    settings = Settings.load()
    apps = [_pc(settings, postgres_url, "callsystem"), _pc(settings, postgres_url, "taskmanager")]
    yield {"server": server, "settings": settings, "apps": apps, "url": postgres_url, "home": tmp_path}
    for app in apps:
        app.pipeline.engine.dispose()


def _check_streams(server, settings: Settings, apps: list[MiniApp]) -> dict[str, int]:
    client = redis.Redis.from_url(server.url)
    counts = {}
    for app, stream in zip(apps, (settings.redis.calls_stream, settings.redis.tasks_stream), strict=True):
        seqs = [int(f[b"seq"]) for _, f in client.xrange(stream)]
        with app.pipeline.engine.connect() as conn:
            t = app.pipeline.outbox.table
            committed = conn.execute(select(func.count()).where(t.c.stream == stream)).scalar_one()
        assert seqs == list(range(1, committed + 1)), (
            f"{stream}: {len(seqs)} entries for {committed} rows; duplicates "
            f"{len(seqs) - len(set(seqs))}, out of order {sum(1 for a, b in itertools.pairwise(seqs) if b <= a)}"
        )
        counts[stream] = committed
    return counts


@pytest.mark.parametrize("fault", ["sigkill", "sigstop", "redis-cut", "postgres-cut"])
def test_standby_takes_over_within_15_s(office, fault: str) -> None:
    server, settings, apps, url, home = (office[k] for k in ("server", "settings", "apps", "url", "home"))
    redis_proxy = TcpProxy(server.port) if fault == "redis-cut" else None
    pg_port = make_url(url).port
    pg_proxy = TcpProxy(pg_port) if fault == "postgres-cut" else None
    url_a = make_url(url).set(port=pg_proxy.port).render_as_string(False) if pg_proxy else url
    redis_a = redis_proxy.url_for(server.url, server.port) if redis_proxy else server.url
    operators = Operators(apps)
    relay_a = RelayProcess(url_a, redis_a, "relay-a", home=home / "a")
    relay_b: RelayProcess | None = None
    try:
        relay_a.wait_for("relay relay-a: active", timeout=30)
        relay_b = RelayProcess(url, server.url, "relay-b", home=home / "b")
        relay_b.wait_for("relay relay-b: started as standby", timeout=30)
        operators.start()
        time.sleep(2.0)
        before = len(relay_b.output.lines)
        fault_at = time.monotonic()
        if fault == "sigkill":
            relay_a.signal(signal.SIGKILL)
        elif fault == "sigstop":
            relay_a.signal(signal.SIGSTOP)
        elif redis_proxy:
            redis_proxy.cut()
        elif pg_proxy:
            pg_proxy.cut()
        took_over_at = relay_b.wait_for("relay relay-b: active", timeout=FAILOVER_LIMIT_S + 10, after=before)
        failover = took_over_at - fault_at
        # The former active one comes back (woken, or its cable plugged in again): it must find
        # itself fenced or without the lease, and publish nothing.
        time.sleep(2.0)
        a_lines = len(relay_a.output.lines)
        if fault == "sigstop":
            relay_a.signal(signal.SIGCONT)
        for proxy in (redis_proxy, pg_proxy):
            if proxy:
                proxy.restore()
        if fault != "sigkill":
            relay_a.wait_for("relay relay-a: standby", timeout=20, after=a_lines)
        time.sleep(2.0)
        operators.stop()
        wait_until(
            lambda: all(a.pipeline.outbox.count(a.pipeline.engine) == 0 for a in apps),
            30,
            "the new active relay did not publish everything",
        )
        assert relay_b.active
        counts = _check_streams(server, settings, apps)
        print(
            f"\n[relay failover: {fault}] standby active after {failover:.1f} s; committed {operators.committed} "
            f"({counts}); every row on its stream once, in seq order; the former active one: "
            f"{(relay_a.lines_with('relay relay-a: standby (') or ['(killed)'])[-1].split(' ', 3)[-1]}; "
            f"{relay_b.lines_with('relay relay-b: active (token')[-1].split(' ', 3)[-1]}"
        )
        assert not operators.errors
        assert failover <= FAILOVER_LIMIT_S, f"failover took {failover:.1f} s"
        for app in apps:
            assert app.pipeline.outbox.count(app.pipeline.engine, "dead") == 0
    finally:
        operators.stop()
        codes = [relay.stop() for relay in (relay_a, relay_b) if relay is not None]
        for proxy in (redis_proxy, pg_proxy):
            if proxy:
                proxy.close()
    if fault != "sigkill":
        assert codes == [0, 0], f"exit codes {codes}:\n" + "\n".join(relay_a.output.lines[-20:])
