"""Qt adapters: the relay and the bus are plain asyncio objects; these forward their news to Qt
signals (past-tense names) and own the asyncio tasks that run them.

States travel as `ConnectionState` values. The signals declare them `str` (a StrEnum member is
one), so a slot receives the plain text, equal to its member: compare with `ConnectionState.LIVE`,
or turn it back with `ConnectionState(state)`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from integrado.bus import BusConsumer, Gap
from integrado.outbox import OutboxRelay
from integrado.states import ConnectionState
from integrado.supervise import supervise

log = logging.getLogger(__name__)


class _TaskOwner(QObject):
    """Keeps a strong reference to its task (asyncio only keeps weak ones) and supervises it: an
    unexpected exception is logged, reported by `_crashed` and the loop started again with
    backoff, until `stop`."""

    backoff_base = 0.5
    backoff_cap = 30.0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: asyncio.Task[None] | None = None
        self._stop_event = asyncio.Event()
        self.restarts = 0

    def _start(self, run: Callable[[], Coroutine[Any, Any, None]], name: str) -> None:
        if self._task is not None and not self._task.done():
            return
        self._stop_event = asyncio.Event()
        coro = supervise(
            run,
            name,
            on_error=self._on_error,
            stop=self._stop_event,
            backoff_base=self.backoff_base,
            backoff_cap=self.backoff_cap,
        )
        self._task = asyncio.get_running_loop().create_task(coro, name=name)
        self._task.add_done_callback(self._finished)

    def _on_error(self, exc: BaseException) -> None:
        self.restarts += 1
        self._crashed(_describe(exc))

    def _crashed(self, detail: str) -> None:
        """Show that the task failed and is being restarted (overridden per adapter)."""

    @staticmethod
    def _finished(task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("%s stopped with an error", task.get_name(), exc_info=task.exception())

    async def _wait(self, timeout: float) -> None:
        self._stop_event.set()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout)
        except TimeoutError:
            self._task.cancel()
        except Exception:  # noqa: BLE001 - already logged by _finished
            pass


class QtRelay(_TaskOwner):
    """The outbox relay of one producing app. `queue_changed` feeds the status-bar badge."""

    queue_changed = Signal(int)
    state_changed = Signal(str, str)  # ConnectionState, detail
    dead_letters_changed = Signal(int)  # events that can never be sent, of this app's stream

    def __init__(self, relay: OutboxRelay, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.relay = relay
        relay.on_queue_changed = self.queue_changed.emit
        relay.on_state_changed = self.state_changed.emit
        relay.on_dead_letters_changed = self.dead_letters_changed.emit

    def start(self) -> None:
        self._start(self.relay.run, "outbox-relay")

    def _crashed(self, detail: str) -> None:
        self.state_changed.emit(ConnectionState.ERROR, detail)

    def wake(self) -> None:
        self.relay.wake()

    async def stop(self, timeout: float = 3.0) -> None:
        self.relay.stop()
        await self._wait(timeout)


class QtBus(_TaskOwner):
    """A bus consumer whose news arrive as Qt signals."""

    events_received = Signal(list)  # list[ReceivedEvent], new ones only, in arrival order
    rejected = Signal(list)  # list[Rejection]
    gap_detected = Signal(object)  # Gap
    connection_state_changed = Signal(str, str)  # ConnectionState, detail

    def __init__(self, consumer: BusConsumer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.consumer = consumer
        consumer.on_events = self.events_received.emit
        consumer.on_rejected = self.rejected.emit
        consumer.on_gap = self._emit_gap
        consumer.on_state = self.connection_state_changed.emit

    def _emit_gap(self, gap: Gap) -> None:
        self.gap_detected.emit(gap)

    def start(self) -> None:
        self._start(self.consumer.run, "bus-consumer")

    def _crashed(self, detail: str) -> None:
        self.connection_state_changed.emit(ConnectionState.ERROR, detail)

    async def stop(self, timeout: float = 3.0) -> None:
        self.consumer.stop()
        await self._wait(timeout)


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


class _Indicator(Protocol):
    def set_queued(self, count: int) -> None: ...
    def set_dead_letters(self, count: int) -> None: ...
    def set_state(self, state: str, detail: str) -> None: ...


def indicated_relay(relay: OutboxRelay, indicator: _Indicator, parent: QObject) -> QtRelay:
    """A producer app's relay, its queue, dead letters and state shown by the window's status
    indicator."""
    qt_relay = QtRelay(relay, parent)
    qt_relay.queue_changed.connect(indicator.set_queued)
    qt_relay.dead_letters_changed.connect(indicator.set_dead_letters)
    qt_relay.state_changed.connect(indicator.set_state)
    return qt_relay
