"""The office relay service: publishes every app's outbox of one shared PostgreSQL database.

Run as `integrado relay` on the office server, twice (the second on another machine) for a hot
standby. Exactly one instance is active, the holder of the lease (`RelayLease`); it publishes
each stream with a `FencedRelay`, woken by LISTEN/NOTIFY and polling as a fallback. A standby
checks the lease every second and takes it once it has expired, raises the Redis fences (the old
leader can no longer write), skips what the old leader already appended, and publishes the rest
in `seq` order. Nothing is held across Redis I/O: the lease is renewed by single statements.

The active instance steps down by itself when it cannot renew the lease within its TTL
(database cut off), when Redis has been unreachable for a few seconds (so a standby that can
reach Redis takes over), or when a fence says another instance took over. A standby only takes
the lease when it can reach Redis itself.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from redis import exceptions as redis_errors
from redis.asyncio import Redis
from sqlalchemy import Engine, MetaData, func, select
from sqlalchemy.exc import SQLAlchemyError

from integrado.bus import StreamSource
from integrado.outbox import PENDING, Outbox
from integrado.relay.fence import Fenced, FencedRelay
from integrado.relay.lease import RelayLease
from integrado.relay.listener import OutboxListener, conninfo
from integrado.states import ConnectionState
from integrado.supervise import supervise

log = logging.getLogger("integrado.relay")


class RelayRole(StrEnum):
    """What an instance of the relay service is doing."""

    STARTING = "starting"
    STANDBY = "standby"
    ACTIVE = "active"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class RelayTiming:
    """How fast the service notices trouble. Failover takes about `lease_ttl` + `standby_poll`."""

    lease_ttl: float = 8.0
    renew_interval: float = 2.0
    standby_poll: float = 1.0
    # Fallback poll of each stream's outbox (LISTEN/NOTIFY wakes the relay at once).
    poll_interval: float = 2.0
    # The active instance gives the lease up after Redis failed for this long.
    redis_grace: float = 4.0
    health_interval: float = 10.0
    # Redis operations that take longer count as a failure (a hung or unreachable server).
    redis_timeout: float = 3.0


def default_name() -> str:
    return socket.gethostname()


class RelayService:
    """One database's relay: active (holds the lease, publishes) or standby (waits for it)."""

    def __init__(
        self,
        engine: Engine,
        redis_factory: Callable[[], Redis],
        sources: Sequence[StreamSource],
        *,
        name: str | None = None,
        maxlen: int = 100_000,
        timing: RelayTiming | None = None,
        listen: bool = True,
        batch_size: int = 200,
    ) -> None:
        self.engine = engine
        self._redis_factory = redis_factory
        self.sources = list(sources)
        self.name = name or default_name()
        self.maxlen = maxlen
        self.timing = timing or RelayTiming()
        self.batch_size = batch_size
        # Unique per run: a restarted instance is a new holder (its old lease is not "its own").
        self.holder = f"{self.name} pid {os.getpid()} {secrets.token_hex(3)}"
        self.lease = RelayLease(engine, self.holder, ttl=self.timing.lease_ttl)
        metadata = MetaData()
        self.outboxes = {s.stream: Outbox(metadata, channel=s.channel, stream=s.stream) for s in self.sources}
        self.role = RelayRole.STARTING
        self.token: int | None = None
        self.relays: dict[str, FencedRelay] = {}
        self._relay_tasks: dict[str, asyncio.Task[None]] = {}
        self._lease_deadline = 0.0
        self._redis_bad_since: float | None = None
        self._cooldown_until = 0.0
        self._stopping = False
        self._stop_event = asyncio.Event()
        self._problem = ""
        self._listener = OutboxListener(conninfo(engine.url), self._on_notify, self._wake_all) if listen else None
        self.takeovers = 0
        self._relay_failures = 0
        self.published_before = 0  # by this instance's earlier terms as the active one

    # -- lifecycle ---------------------------------------------------------------------------

    def stop(self) -> None:
        """Finish the current batch, give the lease back (a standby takes over at once), end."""
        self._stopping = True
        self._stop_event.set()

    @property
    def published_total(self) -> int:
        return self.published_before + sum(r.published_total for r in self.relays.values())

    async def run(self) -> None:
        helpers: list[asyncio.Task[None]] = []
        try:
            await self._prepare()
            # Supervised: a listener that died on a bug would leave the service on its poll alone.
            if self._listener is not None:
                listen = supervise(self._listener.run, "relay-listen", stop=self._stop_event)
                helpers.append(asyncio.create_task(listen, name="relay-listen"))
            health = supervise(self._health, "relay-health", stop=self._stop_event)
            helpers.append(asyncio.create_task(health, name="relay-health"))
            while not self._stopping:
                if self.role is RelayRole.ACTIVE:
                    await self._active_step()
                else:
                    await self._standby_step()
        finally:
            await self._step_down("stopping: lease handed over", release=True, quiet=self.role is not RelayRole.ACTIVE)
            for task in helpers:
                task.cancel()
            await asyncio.gather(*helpers, return_exceptions=True)
            self.role = RelayRole.STOPPED
            log.info("relay %s: stopped (%d events published)", self.name, self.published_total)

    async def _prepare(self) -> None:
        """Create the lease table (idempotent); wait for the database as long as it takes."""
        while not self._stopping:
            try:
                self.lease.ensure_table()
            except SQLAlchemyError as exc:
                self._note(f"database unavailable, waiting: {_describe(exc)}")
                await self._sleep(self.timing.standby_poll * 2)
                continue
            self._note("")
            self.role = RelayRole.STANDBY
            log.info(
                "relay %s: started as standby on %s, streams %s",
                self.name,
                self.engine.url.render_as_string(hide_password=True),
                ", ".join(self.outboxes),
            )
            return

    # -- standby -------------------------------------------------------------------------------

    async def _standby_step(self) -> None:
        if time.monotonic() >= self._cooldown_until:
            try:
                previous = self.lease.current()
                if await self._redis_reachable():
                    token = self.lease.try_acquire()
                    if token is not None:
                        await self._become_active(token, previous.holder if previous else "")
                        return
                    # Both servers answered; a refused takeover stays reported until one works.
                    if self._problem.startswith(("database unavailable", "Redis unreachable")):
                        self._note("")
            except SQLAlchemyError as exc:
                self._note(f"database unavailable, waiting: {_describe(exc)}")
        await self._sleep(self.timing.standby_poll)

    async def _redis_reachable(self) -> bool:
        client = self._redis_factory()
        try:
            await asyncio.wait_for(client.ping(), self.timing.redis_timeout)
            return True
        except (redis_errors.RedisError, OSError, TimeoutError) as exc:
            self._note(f"Redis unreachable, not taking over: {_describe(exc)}")
            return False
        finally:
            await _close(client)

    async def _become_active(self, token: int, previous: str) -> None:
        self.token = token
        self._lease_deadline = time.monotonic() + self.timing.lease_ttl - self.timing.renew_interval / 2
        self._redis_bad_since = None
        relays = {
            stream: FencedRelay(
                self.engine,
                outbox,
                self._redis_factory,
                token=token,
                lease_valid=self._lease_valid,
                maxlen=self.maxlen,
                batch_size=self.batch_size,
                poll_interval=self.timing.poll_interval,
                on_state_changed=self._on_relay_state,
            )
            for stream, outbox in self.outboxes.items()
        }
        marked = 0
        try:
            for relay in relays.values():
                marked += await asyncio.wait_for(relay.take_over(), self.timing.redis_timeout * 2)
        except Fenced as exc:
            self._note(
                f"{exc}; staying standby. Does another database publish this stream? If this "
                "database replaced the one that did, delete that fence key in Redis."
            )
            await _close_relays(relays.values())
            self.token = None
            return
        except (redis_errors.RedisError, OSError, TimeoutError, SQLAlchemyError) as exc:
            self._note(f"could not take over: {_describe(exc)}")
            await _close_relays(relays.values())
            self._release(token)
            self.token = None
            self._cooldown_until = time.monotonic() + self.timing.standby_poll * 2
            return
        self._note("")
        self.relays = relays
        self._relay_tasks = {s: asyncio.create_task(r.run(), name=f"relay {s}") for s, r in relays.items()}
        self.role = RelayRole.ACTIVE
        self.takeovers += 1
        if previous == self.holder:
            taken = "took its expired lease again"
        else:
            taken = f"took over from {previous.split(' pid ')[0]}" if previous else "first holder"
        log.log(
            logging.WARNING if previous else logging.INFO,
            "relay %s: active (token %d, %s; %d row(s) the previous holder had already appended marked published)",
            self.name,
            token,
            taken,
            marked,
        )

    # -- active --------------------------------------------------------------------------------

    async def _active_step(self) -> None:
        tasks = list(self._relay_tasks.values())
        stop = asyncio.ensure_future(self._stop_event.wait())
        try:
            done, _ = await asyncio.wait(
                [*tasks, stop], timeout=self.timing.renew_interval, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            stop.cancel()
        if self._stopping:
            return
        for task in done:
            if task in tasks:
                exc = task.exception()
                if isinstance(exc, Fenced):
                    await self._step_down(f"fenced: another relay took over ({exc})", release=False)
                else:
                    # The relay retries its own failures; reaching here is a bug. Give the lease
                    # back and take it again after a growing pause (a standby may take it first).
                    self._relay_failures += 1
                    pause = min(60.0, self.timing.standby_poll * 2**self._relay_failures)
                    log.error("relay %s: a stream's relay ended; again in %.0f s", self.name, pause, exc_info=exc)
                    await self._step_down("a stream's relay ended", release=True)
                    self._cooldown_until = time.monotonic() + pause
                return
        started = time.monotonic()
        try:
            renewed = self.lease.renew(self.token or 0)
        except SQLAlchemyError as exc:
            self._note(f"cannot renew the lease: {_describe(exc)}")
            if time.monotonic() > self._lease_deadline:
                await self._step_down("the lease expired while the database was unreachable", release=False)
            return
        if not renewed:
            await self._step_down("the lease was lost (it expired or another relay took it)", release=False)
            return
        self._note("")
        self._lease_deadline = started + self.timing.lease_ttl - self.timing.renew_interval / 2
        bad = self._redis_bad_since
        if bad is not None and time.monotonic() - bad > self.timing.redis_grace:
            # Two standby polls give a standby that reaches Redis its chance at the released
            # lease. Not longer: when nobody reaches it (a Sentinel failover outlasting the
            # grace) this instance is the one that takes the lease again once Redis is back,
            # and a lease TTL here kept events waiting 8 s past the failover.
            self._cooldown_until = time.monotonic() + 2 * self.timing.standby_poll
            await self._step_down("Redis unreachable; letting a standby that reaches it take over", release=True)

    def _lease_valid(self) -> bool:
        return not self._stopping and time.monotonic() < self._lease_deadline

    def _on_relay_state(self, state: str, _detail: str) -> None:
        if state == ConnectionState.DISCONNECTED:
            if self._redis_bad_since is None:
                self._redis_bad_since = time.monotonic()
        elif state == ConnectionState.CONNECTED:
            self._redis_bad_since = None

    async def _step_down(self, reason: str, *, release: bool, quiet: bool = False) -> None:
        relays, tasks = self.relays, self._relay_tasks
        self.published_before += sum(r.published_total for r in relays.values())
        self.relays, self._relay_tasks = {}, {}
        for relay in relays.values():
            relay.stop()
        if tasks:
            _done, pending = await asyncio.wait(tasks.values(), timeout=self.timing.redis_timeout + 2)
            for task in pending:
                task.cancel()
            await asyncio.gather(*tasks.values(), return_exceptions=True)
        token, self.token = self.token, None
        if release and token is not None:
            self._release(token)
        if self.role is RelayRole.ACTIVE:
            self.role = RelayRole.STANDBY
        if not quiet:
            log.log(logging.INFO if self._stopping else logging.WARNING, "relay %s: standby (%s)", self.name, reason)

    def _release(self, token: int) -> None:
        try:
            self.lease.release(token)
        except SQLAlchemyError:
            pass  # it expires by itself

    # -- wake-ups and health -------------------------------------------------------------------

    def _on_notify(self, stream: str) -> None:
        relay = self.relays.get(stream)
        if relay is not None:
            relay.wake()

    def _wake_all(self) -> None:
        for relay in self.relays.values():
            relay.wake()

    def queued(self) -> dict[str, int]:
        """Pending rows per stream, including streams no configured app publishes to."""
        counts = {stream: 0 for stream in self.outboxes}
        table = next(iter(self.outboxes.values())).table
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(table.c.stream, func.count()).where(table.c.status == PENDING).group_by(table.c.stream)
            )
            counts.update({str(stream): int(n) for stream, n in rows})
        return counts

    def health(self) -> str:
        """One line for the log: role, queue per stream, published, LISTEN state."""
        try:
            counts = self.queued()
        except SQLAlchemyError as exc:
            queue = f"unknown ({_describe(exc)})"
        else:
            queue = ", ".join(f"{s}={n}" for s, n in counts.items())
            unknown = sorted(s for s, n in counts.items() if n and s not in self.outboxes)
            if unknown:
                queue += f" (no configured source publishes {', '.join(unknown)}: check the streams' names)"
        listen = "" if self._listener is None or self._listener.listening else "; not listening (polling)"
        return f"relay {self.name}: {self.role}; queued {queue}; published {self.published_total}{listen}"

    async def _health(self) -> None:
        while True:
            await asyncio.sleep(self.timing.health_interval)
            log.info("%s", self.health())

    def _note(self, problem: str) -> None:
        """Log a problem once when it starts and once when it ends, not every second."""
        if problem == self._problem:
            return
        if problem:
            log.warning("relay %s: %s", self.name, problem)
        elif self._problem:
            log.warning("relay %s: resolved (%s)", self.name, self._problem.split(":")[0])
        self._problem = problem

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop_event.wait(), seconds)
        except TimeoutError:
            pass


async def _close_relays(relays: Iterable[FencedRelay]) -> None:
    for relay in relays:
        await relay.aclose()


async def _close(client: Redis) -> None:
    try:
        await client.aclose()
    except Exception:  # noqa: BLE001 - closing a dead connection may fail; nothing to do
        pass


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]
