"""Running an office in time: `Simulation` acts at the configured rate on the running asyncio
loop, runs or leaves the outbox relays, shows progress, and sums a run up in a `Summary`."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import func, select

from integrado.outbox import PUBLISHED
from integrado.settings import Settings
from integrado_suite.simulate.actions import ActionRecord
from integrado_suite.simulate.office import Office, SimConfig
from integrado_suite.simulate.units import format_clock

if TYPE_CHECKING:
    from integrado.pipeline import ProducerPipeline


@dataclass
class Summary:
    """What a run did: actions by kind, events queued and published, errors, what is left queued."""

    actions: Counter[str]
    errors: Counter[str]
    events_queued: int
    events_published: int
    left_queued: int
    elapsed: float
    interrupted: bool
    acting: float = 0.0  # seconds spent acting (the elapsed time also counts the final drain)
    pending_before: int = 0  # rows already queued when the run began (the relays send them too)
    # On an office's shared database the relay service publishes: the events this run queued
    # that it published, counted in the outbox (nothing here sent anything).
    by_relay_service: bool = False

    @property
    def total_actions(self) -> int:
        return sum(self.actions.values())

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.actions.items())) or "none"
        errors = ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items())) or "none"
        span = self.acting or self.elapsed
        rate = self.total_actions / span if span > 0 else 0.0
        state = "stopped early (interrupted)" if self.interrupted else "done"
        if self.by_relay_service:
            published = f"{self.events_published} published by the relay service"
            waiting = "queued on the server (sent once `integrado relay` runs)"
        else:
            published = f"{self.events_published} published"
            waiting = "queued in the outbox (sent by the next relay that runs)"
        left = "all sent" if self.left_queued == 0 else f"{self.left_queued} still {waiting}"
        return [
            f"simulate: {state} after {format_clock(self.elapsed)}: {self.total_actions} actions ({rate:.1f}/s)",
            f"  actions: {kinds}",
            f"  events:  {self.events_queued} queued, {published}, {left}"
            + (f" ({self.pending_before} were queued before this run)" if self.pending_before else ""),
            f"  errors:  {errors}",
        ]


class Simulation:
    """Runs an `Office` at the configured rate on the running asyncio loop.

    With `relays=True` (the `simulate` command) it runs the two outbox relays itself and drains
    them at the end. With `relays=False` (`integrado run --demo`) it only writes: the apps'
    own relays, already running in the suite on the same databases, publish the events; two
    relays on one outbox would send rows twice.
    """

    def __init__(
        self,
        settings: Settings,
        config: SimConfig,
        *,
        relays: bool = True,
        progress: TextIO | None = None,
        on_record: Callable[[ActionRecord], None] | None = None,
        drain_timeout: float = 30.0,
        poll_interval: float = 1.0,
        calls_pipeline: ProducerPipeline | None = None,
        tasks_pipeline: ProducerPipeline | None = None,
    ) -> None:
        # The apps' services are loaded when a simulation is built, not when `integrado` starts.
        self.config = config
        self.relays = relays
        self.progress = progress
        self.on_record = on_record
        self.drain_timeout = drain_timeout
        self.calls: ProducerPipeline | None = None
        self.tasks: ProducerPipeline | None = None
        # Pipelines handed in belong to running apps: used (their commit hooks wake the apps'
        # relays at once), never disposed here.
        self._owned: list[ProducerPipeline] = []
        if config.calls:
            from callsystem_gui.service import create_pipeline as create_calls_pipeline

            self.calls = calls_pipeline or create_calls_pipeline(settings, poll_interval=poll_interval)
            if calls_pipeline is None:
                self._owned.append(self.calls)
        if config.tasks:
            from taskmanager_gui.service import create_pipeline as create_tasks_pipeline

            self.tasks = tasks_pipeline or create_tasks_pipeline(settings, poll_interval=poll_interval)
            if tasks_pipeline is None:
                self._owned.append(self.tasks)
        self.office = Office(config, self.calls, self.tasks)
        self._stop = asyncio.Event()
        self._abort = asyncio.Event()
        self.interrupted = False
        self._started = 0.0
        self._pending_before = 0
        # The outbox's highest row id per pipeline when the run began (shared database only).
        self._first_row: list[int] = []
        self._acting = 0.0
        self._last_logged = -1e9

    @property
    def pipelines(self) -> list[ProducerPipeline]:
        return [p for p in (self.calls, self.tasks) if p is not None]

    def stop(self) -> None:
        """First call: stop acting and drain the relays. Second call: stop draining too."""
        if self._stop.is_set():
            self._abort.set()
        self.interrupted = True
        self._stop.set()

    def queued(self) -> int:
        return sum(p.relay.queued() for p in self.pipelines)

    @property
    def by_relay_service(self) -> bool:
        """True on a shared database, where `integrado relay` publishes and these relays only count."""
        return any(p.shared for p in self.pipelines)

    def published(self) -> int:
        if not self.by_relay_service:
            return sum(p.relay.published_total for p in self.pipelines)
        return sum(self._published_since(p, first) for p, first in zip(self.pipelines, self._first_row, strict=True))

    def _last_row(self, p: ProducerPipeline) -> int:
        t = p.outbox.table
        with p.engine.connect() as conn:
            return int(conn.execute(select(func.max(t.c.id)).where(t.c.stream == p.outbox.stream)).scalar() or 0)

    def _published_since(self, p: ProducerPipeline, first: int) -> int:
        t = p.outbox.table
        query = select(func.count()).where(t.c.stream == p.outbox.stream, t.c.id > first, t.c.status == PUBLISHED)
        with p.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    async def run(self) -> Summary:
        relay_tasks = [asyncio.ensure_future(p.relay.run()) for p in self.pipelines] if self.relays else []
        self._pending_before = self.queued()
        if self.by_relay_service:
            self._first_row = [self._last_row(p) for p in self.pipelines]
        self._started = time.monotonic()
        try:
            await self._act()
            self._acting = time.monotonic() - self._started
            if self.relays:
                await self._drain()
        finally:
            # Only the relays this run started: handed-in pipelines' relays belong to the apps.
            for p in self.pipelines if self.relays else []:
                p.relay.stop()
            if relay_tasks:
                await asyncio.gather(*relay_tasks, return_exceptions=True)
            self._show_progress(final=True)
            left = self.queued()
            published = self.published()
            for p in self._owned:
                p.engine.dispose()
        return Summary(
            actions=Counter(self.office.counts),
            errors=Counter(self.office.errors),
            events_queued=self.office.events_queued,
            events_published=published,
            left_queued=left,
            elapsed=time.monotonic() - self._started,
            interrupted=self.interrupted,
            acting=self._acting,
            pending_before=self._pending_before,
            by_relay_service=self.by_relay_service,
        )

    async def _act(self) -> None:
        cfg = self.config
        # Arrivals are a Poisson process (operators do not act on a metronome); a separate
        # generator keeps the sequence of actions the same whatever the timing.
        timing = random.Random(None if cfg.seed is None else cfg.seed + 1)
        next_at = self._started
        last_shown = 0.0
        done = 0
        while not self._stop.is_set():
            now = time.monotonic()
            if cfg.duration is not None and now - self._started >= cfg.duration:
                break
            if cfg.max_actions is not None and done >= cfg.max_actions:
                break
            if next_at > now:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=min(next_at - now, 0.25))
                if now - last_shown >= 0.25:
                    self._show_progress()
                    last_shown = now
                continue
            record = self.office.step()
            done += 1
            if record is not None and self.on_record is not None:
                self.on_record(record)
            next_at += timing.expovariate(cfg.rate)
            if now - next_at > 1.0:
                # Fell more than a second behind (a slow disk): carry on from now, no burst.
                next_at = now
            if now - last_shown >= 0.25:
                self._show_progress()
                last_shown = now
            # Let the relays (and, in the suite, the windows) run between actions.
            await asyncio.sleep(0)

    async def _drain(self) -> None:
        deadline = time.monotonic() + self.drain_timeout
        for p in self.pipelines:
            p.relay.wake()
        while not self._abort.is_set() and time.monotonic() < deadline:
            if self.queued() == 0:
                return
            self._show_progress(draining=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._abort.wait(), timeout=0.2)

    def _show_progress(self, *, final: bool = False, draining: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        tty = self.progress.isatty()
        # Into a log file (not a terminal), a line every 10 s instead of a redrawn bar.
        if not tty and not final and now - self._last_logged < 10.0:
            return
        self._last_logged = now
        elapsed = now - self._started
        cfg = self.config
        if cfg.max_actions is not None:
            fraction = sum(self.office.counts.values()) / cfg.max_actions
        elif cfg.duration:
            fraction = elapsed / cfg.duration
        else:
            fraction = -1.0
        if fraction >= 0:
            fraction = min(1.0, fraction)
            filled = int(fraction * 24)
            bar = f"[{'#' * filled}{'-' * (24 - filled)}] {fraction * 100:3.0f}%"
        else:
            bar = "[running until stopped]"
        total = f"/{format_clock(cfg.duration)}" if cfg.duration else ""
        queued = self.queued() if self.relays else 0
        state = "  draining" if draining else ""
        line = (
            f"\r{bar} {format_clock(elapsed)}{total}  {sum(self.office.counts.values())} actions  "
            f"{self.office.events_queued} events  {self.published()} published  {queued} queued  "
            f"{sum(self.office.errors.values())} errors{state}"
        )
        if tty:
            self.progress.write(line.ljust(110))
            if final:
                self.progress.write("\n")
        else:
            self.progress.write(line[1:] + "\n")
        self.progress.flush()
