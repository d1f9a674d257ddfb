"""The office relay service under the office's real rules: `integrado relay` (a real process:
PostgreSQL lease, Lua fence) signed in as the ACL `relay` user of `resources/redis/users.acl`,
against a replicated Redis (primary, replica, 3 sentinels) with that ACL loaded on both servers
and the replica and the sentinels signed in as users of their own.

With Sentinel the relay WAITs for the replica after each batch and asks the primary how many
it has (`ROLE`): a relay user without `+wait +role` is refused every batch (NOPERM), and nothing
is published. The primary is SIGKILLed under load: the relay must follow the new primary, and a
console (the Event Console's consumer, as the ACL `console` user) must store every committed
event once, with no gap reported.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table

from helpers.fixtures import QLoop
from helpers.history_check import check, committed_events, reported_gaps, stored_events
from helpers.pipeline import MiniApp
from helpers.relay_service import OperatorLoad, RelayProcess, write_acl
from helpers.sentinel import REPLICA_USER, SENTINEL_USER, SERVICE, GroupAcl, SentinelGroup
from integrado.db import make_engine
from integrado.history import HistoryStore
from integrado.pipeline import ProducerPipeline, create_consumer
from integrado.settings import Settings

pytestmark = pytest.mark.integration

# The test's own eyes on the servers (INFO commandstats, ACL LOG); no component uses it.
ADMIN_USER = "user admin on #" + "0" * 64 + " ~* &* +@all"


@pytest.fixture
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SentinelGroup]:
    root = tmp_path_factory.mktemp("sentinel-acl")
    path, passwords = write_acl(root, extra=(REPLICA_USER, SENTINEL_USER, ADMIN_USER))
    sentinels = SentinelGroup(root, acl=GroupAcl(path, passwords))
    try:
        sentinels.start()
        yield sentinels
    finally:
        sentinels.stop()


def _sentinel_env(group: SentinelGroup) -> dict[str, str]:
    return {"REDIS_SENTINELS": group.addresses, "REDIS_SENTINEL_SERVICE": SERVICE}


def _settings_as(group: SentinelGroup, user: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    assert group.acl is not None
    # The host and port are the sentinels' answer; the user and the database still count.
    monkeypatch.setenv("REDIS_URL", f"redis://{user}@127.0.0.1:1/0")
    monkeypatch.setenv("REDIS_PASSWORD", group.acl.passwords[user])
    for key, value in _sentinel_env(group).items():
        monkeypatch.setenv(key, value)
    return Settings.load()


def _admin(group: SentinelGroup, port: int) -> redis.Redis:
    assert group.acl is not None
    return redis.Redis(port=port, username="admin", password=group.acl.passwords["admin"], socket_timeout=2)


def _refusals(group: SentinelGroup, port: int) -> list[str]:
    """What the server's ACL LOG holds, one line each (who was refused what)."""
    with _admin(group, port) as admin:
        return [f"{e['username']}: {e['reason']} {e['object']}" for e in admin.acl_log()]


def _calls(group: SentinelGroup, port: int, command: str) -> int:
    with _admin(group, port) as admin:
        return int(admin.info("commandstats").get(f"cmdstat_{command}", {}).get("calls", 0))


def _pc(settings: Settings, url: str, system: str) -> MiniApp:
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    return MiniApp(ProducerPipeline.create(settings, system=system, metadata=metadata, db_url=url), things, system)


def test_relay_service_as_the_acl_relay_user_waits_and_survives_a_primary_kill(
    qloop: QLoop, group: SentinelGroup, postgres_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _kill_primary_under_load(qloop, group, postgres_url, monkeypatch, tmp_path, rate=100, seconds=6, kill_at=2.5)


@pytest.mark.slow
def test_relay_service_as_the_acl_relay_user_survives_a_primary_kill_long(
    qloop: QLoop, group: SentinelGroup, postgres_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _kill_primary_under_load(qloop, group, postgres_url, monkeypatch, tmp_path, rate=200, seconds=12, kill_at=5)


def _kill_primary_under_load(
    qloop: QLoop,
    group: SentinelGroup,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    *,
    rate: int,
    seconds: float,
    kill_at: float,
) -> None:
    """Operators act at `rate` a second for `seconds`; the primary is SIGKILLed `kill_at` in."""
    assert group.acl is not None
    console_settings = _settings_as(group, "console", monkeypatch)
    # Operator PCs on the shared database never publish: their Redis user is irrelevant here.
    apps = [_pc(console_settings, postgres_url, "callsystem"), _pc(console_settings, postgres_url, "taskmanager")]
    history = make_engine(f"sqlite:///{tmp_path / 'console.db'}", synchronous="NORMAL")
    store = HistoryStore(history)
    consumer = create_consumer(console_settings, store, name="console-under-acl")
    delivered: list[str] = []
    consumer.on_events = lambda events: delivered.extend(e.event_id for e in events)
    consuming = qloop.create_task(consumer.run())
    relay = RelayProcess(
        postgres_url,
        "redis://relay@127.0.0.1:1/0",
        "relay-a",
        password=group.acl.passwords["relay"],
        home=tmp_path / "relay",
        env=_sentinel_env(group),
    )
    load = OperatorLoad(apps, rate)
    marks: dict[str, float] = {}
    try:
        relay.wait_for("relay relay-a: active", timeout=30)
        qloop.wait_until(lambda: consumer.state == "live", 15, "the console never went live")
        started = time.monotonic()
        load.start()
        qloop.sleep(kill_at)
        old_port = group.primary.port
        # Published with WAIT, under the shipped ACL, and the server refused nothing.
        qloop.wait_until(lambda: store.count() > 0, 10, f"nothing published: {relay.output.lines[-5:]}")
        waits, roles = _calls(group, old_port, "wait"), _calls(group, old_port, "role")
        refused_before = _refusals(group, old_port)
        committed_before = load.committed
        group.kill_primary()
        marks["killed"] = time.monotonic()

        async def watch() -> None:
            while group.primary_port() in (old_port, None):
                await asyncio.sleep(0.05)
            marks["promoted"] = time.monotonic()
            while store.count() <= committed_before:
                await asyncio.sleep(0.05)
            marks["recovered"] = time.monotonic()

        qloop.run(watch(), timeout=30)
        qloop.sleep(max(0.0, seconds - (time.monotonic() - started)))
        load.stop()
        produced_at = time.monotonic()
        qloop.wait_until(lambda: store.count() >= load.committed, 20, f"stored {store.count()} of {load.committed}")
        converged_at = time.monotonic()
        new_port = group.primary_port()
        assert new_port is not None and new_port != old_port
        refused_after = _refusals(group, new_port)
        stepped_down = relay.lines_with("standby (")
    finally:
        load.stop()
        relay_code = relay.stop()
        consumer.stop()
        qloop.run(consuming, timeout=15)
        for app in apps:
            app.pipeline.engine.dispose()
    committed = committed_events(apps[0].pipeline.engine, apps[0].pipeline.outbox)
    report = check(committed, stored_events(history), gaps=reported_gaps(history), delivered=delivered)
    history.dispose()
    report.print(
        f"relay service, ACL relay user, Sentinel: primary SIGKILLed ({seconds:g} s at {rate}/s)",
        offered_rate=rate,
        held_rate=round(load.committed / (produced_at - started)),
        waits_before_kill=waits,
        failover_s=round(marks["promoted"] - marks["killed"], 2),
        recover_s=round(marks["recovered"] - marks["killed"], 2),
        converge_after_last_event_s=round(converged_at - produced_at, 2),
    )
    assert not load.errors, load.errors[:3]
    assert waits > 0 and roles > 0, "the relay did not WAIT for the replica"
    assert refused_before == [] and refused_after == [], (refused_before, refused_after)
    assert report.committed == load.committed
    assert report.ok, report.figures()
    assert report.gaps == 0, "a gap reported where nothing was lost"
    assert not stepped_down, f"the relay stepped down during the failover: {stepped_down}"
    assert relay_code == 0
