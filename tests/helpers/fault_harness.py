"""A two-producer, one-consumer pipeline the fault tests drive against a real redis-server.

Producers are `make_mini_app` (the core's ProducerPipeline: one business table + the outbox in
a real SQLite file, relay included); the consumer is `create_consumer` + `HistoryStore`, the
same code the Event Console and `integrado consume` run.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from helpers.fixtures import QLoop
from helpers.history_check import HistoryReport, check, committed_events, reported_gaps, stored_events
from helpers.pipeline import MiniApp, make_mini_app
from integrado.bus import BusConsumer, Gap
from integrado.db import make_engine
from integrado.embedded import RedisServerProcess
from integrado.history import HistoryStore
from integrado.pipeline import create_consumer
from integrado.settings import Settings


def settings_for(server: RedisServerProcess, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("REDIS_URL", server.url)
    return Settings.load()


@dataclass
class ProducerStats:
    committed: int = 0
    max_act_seconds: float = 0.0
    total_act_seconds: float = 0.0

    def figures(self) -> dict[str, object]:
        return {
            "max_action_ms": round(self.max_act_seconds * 1000, 1),
            "mean_action_ms": round(self.total_act_seconds * 1000 / max(1, self.committed), 2),
        }


@dataclass
class PipelineHarness:
    """Both producers, their relays and one consumer on one qasync loop."""

    qloop: QLoop
    settings: Settings
    tmp: Path
    relay_poll: float = 0.2
    calls: MiniApp = field(init=False)
    tasks: MiniApp = field(init=False)
    store: HistoryStore = field(init=False)
    consumer: BusConsumer | None = field(init=False, default=None)
    delivered: list[str] = field(init=False, default_factory=list)
    gaps: list[Gap] = field(init=False, default_factory=list)
    states: list[tuple[float, str, str]] = field(init=False, default_factory=list)
    stats: ProducerStats = field(init=False, default_factory=ProducerStats)
    _relay_tasks: list[asyncio.Task[Any]] = field(init=False, default_factory=list)
    _consumer_task: asyncio.Task[Any] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.calls = make_mini_app(self.settings, self.tmp, "callsystem", poll_interval=self.relay_poll)
        self.tasks = make_mini_app(self.settings, self.tmp, "taskmanager", poll_interval=self.relay_poll)
        self.console_engine = make_engine(f"sqlite:///{self.tmp / 'console.db'}", synchronous="NORMAL")
        self.store = HistoryStore(self.console_engine)

    @property
    def apps(self) -> tuple[MiniApp, MiniApp]:
        return (self.calls, self.tasks)

    # -- lifecycle ---------------------------------------------------------------------------

    def start_relays(self) -> None:
        for app in self.apps:
            self._relay_tasks.append(self.qloop.create_task(app.pipeline.relay.run()))

    def start_consumer(self, *, wait_live: bool = True, timeout: float = 15.0) -> BusConsumer:
        consumer = create_consumer(self.settings, self.store)
        consumer.on_events = lambda events: self.delivered.extend(e.event_id for e in events)
        consumer.on_gap = self.gaps.append
        consumer.on_state = lambda state, detail: self.states.append((time.monotonic(), state, detail))
        self.consumer = consumer
        self._consumer_task = self.qloop.create_task(consumer.run())
        if wait_live:
            self.qloop.wait_until(lambda: consumer.state == "live", timeout, "consumer never went live")
        return consumer

    def stop_consumer(self) -> None:
        if self.consumer is not None and self._consumer_task is not None:
            self.consumer.stop()
            self.qloop.run(self._consumer_task, timeout=15)
        self.consumer, self._consumer_task = None, None

    def stop(self) -> None:
        self.stop_consumer()
        for app in self.apps:
            app.pipeline.relay.stop()
        if self._relay_tasks:
            self.qloop.run(asyncio.gather(*self._relay_tasks), timeout=15)
        else:
            # Relays driven by drain_relays_once(): close their connections.
            self.qloop.run(asyncio.gather(*(a.pipeline.relay._close_redis() for a in self.apps)), timeout=15)
        self._relay_tasks.clear()

    def drain_relays_once(self) -> None:
        """One relay pass per app (the relays' own code, driven step by step)."""
        self.qloop.run(asyncio.gather(*(a.pipeline.relay.drain_once() for a in self.apps)), timeout=15)

    # -- producing ---------------------------------------------------------------------------

    def act(self, index: int) -> None:
        app = self.apps[index % 2]
        started = time.perf_counter()
        app.act(f"event {index}")
        took = time.perf_counter() - started
        self.stats.committed += 1
        self.stats.total_act_seconds += took
        self.stats.max_act_seconds = max(self.stats.max_act_seconds, took)

    async def produce(self, count: int, rate: float, start_index: int = 0) -> None:
        """`count` actions alternating between the two apps at about `rate` per second."""
        interval = 1.0 / rate
        next_at = time.monotonic()
        for i in range(start_index, start_index + count):
            self.act(i)
            next_at += interval
            delay = next_at - time.monotonic()
            # A paced loop that never falls behind by more than a second (a stalled loop must
            # not turn into a burst that measures something else).
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                next_at = max(next_at, time.monotonic() - 1.0)
                await asyncio.sleep(0)

    def produce_burst(self, count: int, start_index: int = 0) -> None:
        for i in range(start_index, start_index + count):
            self.act(i)

    # -- observing ---------------------------------------------------------------------------

    def committed_count(self) -> int:
        return sum(len(committed_events(a.pipeline.engine, a.pipeline.outbox)) for a in self.apps)

    def queued(self) -> int:
        return sum(a.pipeline.relay.queued() for a in self.apps)

    def converged(self) -> bool:
        return self.queued() == 0 and self.store.count() >= self.stats.committed

    def wait_converged(self, timeout: float) -> float:
        """Seconds until every committed event is in the history (raises after `timeout`)."""
        started = time.monotonic()
        self.qloop.wait_until(
            self.converged,
            timeout,
            f"not converged within {timeout} s: stored {self.store.count()} of {self.stats.committed}, "
            f"queued {self.queued()}, consumer {self.consumer.state if self.consumer else None}",
        )
        return time.monotonic() - started

    def report(self) -> HistoryReport:
        committed = [e for a in self.apps for e in committed_events(a.pipeline.engine, a.pipeline.outbox)]
        return check(
            committed,
            stored_events(self.console_engine),
            gaps=reported_gaps(self.console_engine),
            delivered=self.delivered,
        )
