"""The GUI side of the console's intake process (see `event_console.intake.worker`): starts the
child, turns its frames (`event_console.intake.wire`) into Qt signals, restarts it if it dies,
and stops it with the window.

Same signals as `QtBus`, except that `events_received` carries a `RowBatch` (rows already
stored, in column form) instead of decoded events.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import subprocess
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from event_console.intake.batch import RowBatch, view_rows
from event_console.intake.launch import LaunchedIntake, in_process
from event_console.intake.storage import WatchedHistory, blocked_state
from event_console.intake.wire import (
    CONFIG,
    EVENTS,
    FATAL,
    GAP,
    REJECTED,
    STATE,
    FrameTooLarge,
    WorkerConfig,
    frame,
    send_blocking,
    stop_frame,
    take_frame,
    worker_config,
)
from integrado.settings import Settings
from integrado.states import ConnectionState
from integrado.storage import StorageProblem

log = logging.getLogger(__name__)

READ_CHUNK = 1 << 20


class IntakeProcess(QObject):
    """Runs the intake child for as long as the console runs."""

    events_received = Signal(object)  # RowBatch, new events only (already stored), arrival order
    rejected = Signal(list)  # list[Rejection]
    gap_detected = Signal(object)  # Gap
    connection_state_changed = Signal(str, str)  # state, detail

    def __init__(
        self,
        settings: Settings,
        parent: QObject | None = None,
        *,
        client_name: str = "integrado-console",
        batch_size: int = 500,
        max_busy: float = 0.05,
        restart_cap: float = 5.0,
        launched: LaunchedIntake | None = None,
    ) -> None:
        """`launched`: a child started before the window was built (its first run), which
        gets its configuration when `start()` is called unless it was given one already."""
        super().__init__(parent)
        self._config: WorkerConfig = worker_config(
            settings, client_name=client_name, batch_size=batch_size, max_busy=max_busy
        )
        self.restart_cap = restart_cap
        self.state: str = ConnectionState.CONNECTING
        self.state_detail = ""
        self.stats: dict[str, int] = {}
        self.restarts = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._launched = launched
        self._sock: socket.socket | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._task is not None and not self._task.done():
            return
        self._stopping = False
        self._task = asyncio.get_running_loop().create_task(self._supervise(), name="console-intake")
        self._task.add_done_callback(_log_end)

    async def stop(self, timeout: float = 5.0) -> None:
        """Ask the child to stop (it finishes its transaction) and wait for it; kill it if it
        does not stop within `timeout`."""
        self._stopping = True
        if self._launched is not None:  # never started: its child has had no configuration
            self._launched.close()
            self._launched = None
        self._ask_to_stop()
        process = self.process
        if process is not None:
            deadline = asyncio.get_running_loop().time() + timeout
            while process.poll() is None and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.02)
            if process.poll() is None:
                log.warning("the intake process did not stop in %.0f s: killing it", timeout)
                process.kill()
                await asyncio.sleep(0)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(1.0)
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), 2.0)
            except (TimeoutError, Exception):  # noqa: BLE001 - logged by _log_end
                self._task.cancel()
        self._set_state(ConnectionState.STOPPED, "")

    def _ask_to_stop(self) -> None:
        sock = self._sock
        if sock is None:
            return
        with contextlib.suppress(OSError):
            sock.send(stop_frame())

    # -- the child -----------------------------------------------------------------------------

    async def _supervise(self) -> None:
        failures = 0
        while not self._stopping:
            started = asyncio.get_running_loop().time()
            reason = await self._run_child()
            if self._stopping:
                break
            # A child that ran a while before dying restarts at once; one that keeps dying
            # (say, a database it cannot open) backs off, so it never spins.
            failures = 1 if asyncio.get_running_loop().time() - started > 30 else failures + 1
            self.restarts += 1
            delay = random.uniform(0.2, min(self.restart_cap, 0.25 * 2**failures))
            self._set_state(ConnectionState.RECONNECTING, f"{reason}; restarting")
            log.warning("intake process ended (%s); restarting in %.1f s", reason, delay)
            await asyncio.sleep(delay)

    async def _run_child(self) -> str:
        launched, self._launched = self._launched, None
        if launched is None:
            try:
                launched = LaunchedIntake.start()
            except OSError as exc:
                return f"cannot start the intake process: {exc}"
        self.process = process = launched.process
        self._sock = parent = launched.sock
        fatal = ""
        try:
            if not launched.configured:
                send_blocking(parent, frame(CONFIG, self._config))
            if self._stopping:
                self._ask_to_stop()
            fatal = await self._read_frames(parent)
        except OSError as exc:
            fatal = str(exc)
        finally:
            self._sock = None
            parent.close()
        # The socket closed: the child is ending (or ended).
        for _ in range(100):
            if process.poll() is not None:
                break
            await asyncio.sleep(0.02)
        if process.poll() is None:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(1.0)
        code = process.returncode
        return fatal or f"the intake process stopped (exit status {code})"

    async def _read_frames(self, sock: socket.socket) -> str:
        """Read frames until the child closes its end; "" or the reason it failed.

        A QSocketNotifier of our own rather than an asyncio transport: under qasync the
        transport's reads were woken late while the window painted (frames waited up to 2 s in
        the socket); Qt's notifier fires from the GUI loop's own poll.
        """
        sock.setblocking(False)
        buffer = bytearray()
        ended: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)

        def finish(reason: str) -> None:
            notifier.setEnabled(False)
            if not ended.done():
                ended.set_result(reason)

        def readable() -> None:
            try:
                while True:
                    chunk = sock.recv(READ_CHUNK)
                    if not chunk:
                        finish("")
                        break
                    buffer.extend(chunk)
                    if len(chunk) < READ_CHUNK:
                        break
            except BlockingIOError:
                pass
            except OSError as exc:
                finish(str(exc))
            while not ended.done():
                try:
                    got = take_frame(buffer)
                except FrameTooLarge as exc:
                    finish(f"the intake process sent a frame of {exc.size} bytes")
                    break
                if got is None:
                    break
                reason = self._dispatch(*got)
                if reason:
                    finish(reason)

        notifier.activated.connect(readable)
        try:
            return await ended
        finally:
            notifier.setEnabled(False)
            notifier.activated.disconnect(readable)
            notifier.deleteLater()

    def _dispatch(self, kind: int, payload: Any) -> str:
        if kind == EVENTS:
            self._emit(self.events_received, payload)
        elif kind == STATE:
            state, detail, self.stats = payload
            self._set_state(state, detail)
        elif kind == REJECTED:
            self._emit(self.rejected, payload)
        elif kind == GAP:
            self._emit(self.gap_detected, payload)
        elif kind == FATAL:
            return str(payload)
        return ""

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except Exception:  # a slot's bug must not stop intake (the rows are stored)
            log.exception("an intake handler failed")

    def _set_state(self, state: str, detail: str) -> None:
        if (state, detail) == (self.state, self.state_detail):
            return
        self.state, self.state_detail = state, detail
        self._emit(self.connection_state_changed, state, detail)


def _log_end(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the console intake stopped with an error", exc_info=task.exception())


class InProcessIntake(QObject):
    """The same signals with the bus consumer on the GUI thread, rows converted to RowBatch.

    For platforms where the child cannot inherit its socket (Windows has no `pass_fds`), and
    for `INTEGRADO_INTAKE=inprocess`. Slower (decoding and storing share the GUI thread), never
    wrong: the same consumer and store, in one process.
    """

    events_received = Signal(object)  # RowBatch
    rejected = Signal(list)
    gap_detected = Signal(object)
    connection_state_changed = Signal(str, str)

    def __init__(
        self, settings: Settings, parent: QObject | None = None, *, client_name: str = "integrado-console"
    ) -> None:
        from integrado.bus import BusTuning
        from integrado.db import make_engine
        from integrado.history import HistoryStore
        from integrado.pipeline import create_consumer
        from integrado.qt.adapters import QtBus

        super().__init__(parent)
        self.store = HistoryStore(make_engine(settings.console_db, synchronous="NORMAL"))
        # A full or read-only history disk is shown as such (not as reconnecting) until it heals.
        self.watched = WatchedHistory(self.store, self._storage_changed)
        # Small batches: each is decoded and stored in one go on the GUI thread.
        tuning = BusTuning(batch_size=100, max_busy=0.008)
        consumer = create_consumer(settings, self.watched, name=client_name, tuning=tuning)
        self.bus = QtBus(consumer, self)
        consumer.on_events = self._to_rows
        self.bus.rejected.connect(self.rejected)
        self.bus.gap_detected.connect(self.gap_detected)
        self.bus.connection_state_changed.connect(self._bus_state)
        self.restarts = 0
        self.process: subprocess.Popen[bytes] | None = None

    def _to_rows(self, events: list[Any]) -> None:
        self.events_received.emit(RowBatch.from_rows(view_rows(events, self.store.view_extras)))

    def _bus_state(self, state: str, detail: str) -> None:
        if self.watched.problem is None:
            self.connection_state_changed.emit(state, detail)

    def _storage_changed(self, problem: StorageProblem | None) -> None:
        if problem is None:
            self.connection_state_changed.emit(self.state, self.state_detail)
        else:
            self.connection_state_changed.emit(blocked_state(problem), "")

    @property
    def state(self) -> str:
        if self.watched.problem is not None:
            return blocked_state(self.watched.problem)
        return self.bus.consumer.state

    @property
    def state_detail(self) -> str:
        return self.bus.consumer.state_detail

    def start(self) -> None:
        self.bus.start()

    async def stop(self, timeout: float = 3.0) -> None:
        await self.bus.stop(timeout)
        self.store.engine.dispose()


def make_intake(
    settings: Settings, parent: QObject | None = None, *, launched: LaunchedIntake | None = None
) -> IntakeProcess | InProcessIntake:
    """The console's intake: a child process where it can inherit a socket, else in process.
    `launched`: its child, started early (see event_console.intake.launch)."""
    if in_process():
        if launched is not None:
            launched.close()
        return InProcessIntake(settings, parent)
    return IntakeProcess(settings, parent, launched=launched)
