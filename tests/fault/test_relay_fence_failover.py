"""A Redis failover may hand the relay service a primary whose fence holds an OLDER token than
the active relay's: the replica it promoted had not yet received the newest raise (the takeover
happened while the replica lagged). That is no takeover by another relay. Before, the publish
script refused anything but its own token ("FENCED"): the active relay stepped down, nobody
published until its lease expired (8 s), and the log blamed another relay. Now an older token is
raised again and publishing goes on; a newer one still stops the relay.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table

from helpers.fixtures import QLoop
from helpers.pipeline import MiniApp
from helpers.sentinel import SERVICE, SentinelGroup
from integrado.embedded import RedisServerProcess
from integrado.pipeline import ProducerPipeline, stream_sources
from integrado.redis_conn import redis_client
from integrado.relay import RelayService, RelayTiming, fence_key
from integrado.settings import Settings

pytestmark = pytest.mark.integration

TIMING = RelayTiming(poll_interval=0.2, health_interval=60)


def _pc(settings: Settings, url: str) -> MiniApp:
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    return MiniApp(
        ProducerPipeline.create(settings, system="callsystem", metadata=metadata, db_url=url), things, "callsystem"
    )


def _service(settings: Settings, pc: MiniApp, name: str) -> RelayService:
    return RelayService(
        pc.pipeline.engine,
        lambda: redis_client(settings.redis, name=name),
        stream_sources(settings.redis),
        name=name,
        timing=TIMING,
        listen=False,
    )


def _seqs(client: redis.Redis, stream: str) -> list[int]:
    entries: list[tuple[bytes, dict[bytes, bytes]]] = client.xrange(stream)  # type: ignore[assignment]
    return [int(fields[b"seq"]) for _, fields in entries]


def _published(pc: MiniApp) -> int:
    return pc.pipeline.outbox.counts(pc.pipeline.engine).get("published", 0)


@pytest.fixture
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SentinelGroup]:
    sentinels = SentinelGroup(tmp_path_factory.mktemp("sentinel"))
    try:
        sentinels.start()
        yield sentinels
    finally:
        sentinels.stop()


def test_a_failover_to_a_replica_with_an_older_fence_does_not_stop_publishing(
    qloop: QLoop, group: SentinelGroup, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("REDIS_SENTINELS", group.addresses)
    monkeypatch.setenv("REDIS_SENTINEL_SERVICE", SERVICE)
    monkeypatch.setenv("INTEGRADO_REDIS_WAIT_TIMEOUT_MS", "200")
    settings = Settings.load()
    pc = _pc(settings, postgres_url)
    stream = settings.redis.calls_stream
    replica = group.replica.process
    assert replica is not None
    first = _service(settings, pc, "relay-a")
    running = qloop.create_task(first.run())
    qloop.wait_until(lambda: first.role == "active", 15, "the first relay never became active")
    for i in range(5):
        pc.act(f"before {i}")
    qloop.wait_until(lambda: _published(pc) == 5, 15, first.health())  # WAITed: the replica has fence A
    first.stop()
    qloop.run(running, timeout=15)

    # The second relay takes over while the replica is cut off (hung, its link dropped): its
    # raise reaches the primary only.
    replica.send_signal(signal.SIGSTOP)
    with redis.Redis(port=group.primary.port) as primary:
        primary.client_kill_filter(_type="replica")
    second = _service(settings, pc, "relay-b")
    running = qloop.create_task(second.run())
    try:
        qloop.wait_until(lambda: second.role == "active", 15, "the second relay never became active")
        token = second.token
        assert token is not None and first.takeovers == 1
        old_port = group.kill_primary()
        killed = time.monotonic()
        replica.send_signal(signal.SIGCONT)
        group.wait_failover(old_port)
        promoted = time.monotonic()
        with redis.Redis(port=group.replica.port) as new_primary:
            held_on_promotion = int(new_primary.get(fence_key(stream)) or 0)
        for i in range(5):
            pc.act(f"after {i}")
        qloop.wait_until(lambda: _published(pc) == 10, 15, second.health())
        recovered = time.monotonic()
        with redis.Redis(port=group.replica.port) as new_primary:
            entries = _seqs(new_primary, stream)
            fence_now = int(new_primary.get(fence_key(stream)) or 0)
        role, takeovers = second.role, second.takeovers
        assert (role, takeovers) == ("active", 1), "the active relay stepped down (fenced) after a Redis failover"
        raised = second.relays[stream].fence_raised_again
    finally:
        replica.send_signal(signal.SIGCONT)
        second.stop()
        qloop.run(running, timeout=15)
        pc.pipeline.engine.dispose()
    print(
        f"\n[relay fence after failover] the new primary's fence held the former relay's token "
        f"({held_on_promotion} < {token}); failover {promoted - killed:.1f} s, the 5 events committed "
        f"then published {recovered - promoted:.2f} s after the promotion, the active relay stayed active "
        f"({takeovers} takeover)"
    )
    assert held_on_promotion < token, "the scenario did not happen: the replica had the newer token"
    assert raised >= 1 and fence_now == token
    assert entries == list(range(1, 11))


def test_an_older_token_on_the_fence_is_raised_again_and_a_newer_one_still_fences(
    qloop: QLoop, redis_server: RedisServerProcess, settings: Settings, postgres_url: str
) -> None:
    """The same two cases on one server, set by hand: an older token (what a failover leaves) and
    a newer one (another relay took over)."""
    pc = _pc(settings, postgres_url)
    stream = settings.redis.calls_stream
    admin = redis.Redis.from_url(redis_server.url)
    service = _service(settings, pc, "relay-a")
    running = qloop.create_task(service.run())
    try:
        qloop.wait_until(lambda: service.role == "active", 15, "the relay never became active")
        token = service.token
        assert token is not None
        pc.act("first")
        qloop.wait_until(lambda: _published(pc) == 1, 10, service.health())
        admin.set(fence_key(stream), token - 5)
        pc.act("after a failover")
        qloop.wait_until(lambda: _published(pc) == 2, 10, service.health())
        assert service.role == "active" and int(admin.get(fence_key(stream)) or 0) == token
        admin.delete(fence_key(stream))  # a primary that never had the fence
        pc.act("on an empty primary")
        qloop.wait_until(lambda: _published(pc) == 3, 10, service.health())
        assert service.role == "active" and service.takeovers == 1
        admin.set(fence_key(stream), token + 1)  # a newer relay took over
        pc.act("after a takeover")
        qloop.wait_until(lambda: service.role == "standby", 10, "a newer token did not stop the relay")
        qloop.run(asyncio.sleep(0.5))
        assert _published(pc) == 3
    finally:
        service.stop()
        qloop.run(running, timeout=15)
        pc.pipeline.engine.dispose()
    assert _seqs(admin, stream) == [1, 2, 3]


def test_a_single_relay_publishes_again_soon_after_a_failover_longer_than_its_redis_grace(
    qloop: QLoop, group: SentinelGroup, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failover outlasting the relay's Redis grace (here 1 s against a 2-3 s failover; in an
    office 4 s against `down-after-milliseconds 5000`) makes the active relay give the lease up,
    in case a standby reaches Redis. Before, it then waited a whole lease TTL (8 s) before it
    would take the lease again, though nobody else had: 13.7 s from the kill to events flowing
    again where the failover took 6.3 s. It now waits two standby polls."""
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("REDIS_SENTINELS", group.addresses)
    monkeypatch.setenv("REDIS_SENTINEL_SERVICE", SERVICE)
    settings = Settings.load()
    pc = _pc(settings, postgres_url)
    service = RelayService(
        pc.pipeline.engine,
        lambda: redis_client(settings.redis, name="relay-a"),
        stream_sources(settings.redis),
        name="relay-a",
        timing=RelayTiming(poll_interval=0.2, health_interval=60, redis_grace=1.0),
        listen=False,
    )
    running = qloop.create_task(service.run())
    try:
        qloop.wait_until(lambda: service.role == "active", 15, "the relay never became active")
        pc.act("before")
        qloop.wait_until(lambda: _published(pc) == 1, 10, service.health())
        old_port = group.kill_primary()
        killed = time.monotonic()
        qloop.wait_until(lambda: service.role == "standby", 10, "the relay kept the lease through the outage")
        group.wait_failover(old_port)
        promoted = time.monotonic()
        pc.act("after")
        qloop.wait_until(lambda: _published(pc) == 2, 15, service.health())
        flowing = time.monotonic()
    finally:
        service.stop()
        qloop.run(running, timeout=15)
        pc.pipeline.engine.dispose()
    print(
        f"\n[relay after a failover past its grace] failover {promoted - killed:.1f} s; publishing again "
        f"{flowing - promoted:.1f} s after the promotion ({flowing - killed:.1f} s after the kill), "
        f"{service.takeovers} takeovers"
    )
    assert service.takeovers == 2
    assert flowing - promoted < 4.0, "the relay sat out a whole lease after giving it up"


def test_a_takeover_does_not_mark_what_the_replica_has_not_confirmed(
    qloop: QLoop, group: SentinelGroup, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The active relay appended a batch but the replica never confirmed it (hung: NOREPLICAS),
    then the relay stopped. Its successor finds the batch on the primary's stream; marking it
    published there would lose it if the primary died before the replica caught up. The rows stay
    queued until the replica has them."""
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("REDIS_SENTINELS", group.addresses)
    monkeypatch.setenv("REDIS_SENTINEL_SERVICE", SERVICE)
    monkeypatch.setenv("INTEGRADO_REDIS_WAIT_TIMEOUT_MS", "200")
    settings = Settings.load()
    pc = _pc(settings, postgres_url)
    stream = settings.redis.calls_stream
    replica = group.replica.process
    assert replica is not None
    first = _service(settings, pc, "relay-a")
    running = qloop.create_task(first.run())
    second: RelayService | None = None
    try:
        qloop.wait_until(lambda: first.role == "active", 15, "the first relay never became active")
        replica.send_signal(signal.SIGSTOP)
        for i in range(5):
            pc.act(f"unconfirmed {i}")
        relay = first.relays[stream]
        qloop.wait_until(lambda: relay.state == "refused", 10, f"not refused as NOREPLICAS: {relay.state}")
        first.stop()
        qloop.run(running, timeout=15)
        with redis.Redis(port=group.primary.port) as primary:
            assert _seqs(primary, stream)[:5] == [1, 2, 3, 4, 5]  # on the primary, not confirmed
        second = _service(settings, pc, "relay-b")
        running = qloop.create_task(second.run())
        qloop.wait_until(lambda: second.role == "active", 15, "the second relay never became active")
        qloop.sleep(1.0)
        published_while_hung = _published(pc)
        replica.send_signal(signal.SIGCONT)
        qloop.wait_until(lambda: _published(pc) == 5, 15, second.health())
    finally:
        replica.send_signal(signal.SIGCONT)
        if second is not None:
            second.stop()
        qloop.run(running, timeout=15)
        pc.pipeline.engine.dispose()
    assert published_while_hung == 0, "the takeover marked rows the replica never confirmed"
