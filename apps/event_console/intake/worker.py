"""The Event Console's intake process: bus consumer, decoding and history writes, off the GUI.

In one process, decoding (~20 µs an event) and storing (~20 µs) shared the GUI thread's time
and its GIL with painting: intake topped out near 11,500 events/s with 66 ms stalls, and a
thread did worse (GIL hand-offs made every Qt call wait). Here a child process runs the bus
consumer with the console's HistoryStore as its sink, so the events and their stream cursor
are still stored in one transaction by one writer, and hands the GUI finished table rows as
`RowBatch`es (`event_console.intake.batch`).

The child is started by `IntakeProcess` (`event_console.intake.client`), or before the
console's window is built (`event_console.intake.launch`), over a socket pair it inherits, and
talks to it in frames (`event_console.intake.wire`). It imports what it runs on before it reads
its configuration, so that an early start spends that time beside the console's. It stops when
the parent sends STOP or goes away (end of file on the socket), so it never outlives the console.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sys
from collections.abc import Sequence
from typing import Any, cast

# Imported before the configuration is read: the child is started early (see
# event_console.intake.launch) and does this while the console builds its window.
from event_console.intake.batch import RowBatch, view_rows
from event_console.intake.launch import WORKER_FLAG, worker_command, worker_env
from event_console.intake.storage import QuietWhileBlocked, WatchedHistory, blocked_state, events_waiting
from event_console.intake.wire import (
    CONFIG,
    EVENTS,
    FATAL,
    GAP,
    REJECTED,
    STATE,
    WorkerConfig,
    frame,
    recv_frame_blocking,
    send_blocking,
)
from integrado.bus import BusTuning, Gap
from integrado.db import WalCheckpointer, make_engine
from integrado.events.codec import ReceivedEvent, Rejection
from integrado.history import HistoryStore
from integrado.logs import setup_logging
from integrado.pipeline import create_consumer
from integrado.states import ConnectionState
from integrado.storage import StorageProblem

log = logging.getLogger(__name__)

__all__ = ["WORKER_FLAG", "worker_command", "worker_env", "worker_main"]


def worker_main(argv: Sequence[str]) -> int:
    """Entry point of the child: `... --fd N` (the inherited end of the socket pair)."""
    try:
        fd = int(argv[list(argv).index("--fd") + 1])
    except (ValueError, IndexError):
        print("intake worker: --fd N is required", file=sys.stderr)
        return 2
    sock = socket.socket(fileno=fd)
    try:
        kind, payload = recv_frame_blocking(sock)
    except EOFError:
        # Started early and not needed after all (the console did not open, or is ending).
        return 0
    except Exception as exc:  # noqa: BLE001 - anything but a configuration: say so, exit 2
        print(f"intake worker: no configuration ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    if kind != CONFIG or not isinstance(payload, dict) or "settings" not in payload:
        print("intake worker: the first frame must be the configuration", file=sys.stderr)
        return 2
    config = cast(WorkerConfig, payload)
    settings = config["settings"]
    with contextlib.suppress(OSError):
        setup_logging(settings.log_dir, "event-console-intake", secrets=settings.known_secrets())
    try:
        if os.environ.get("INTEGRADO_INTAKE_PROFILE"):
            import cProfile

            prof = cProfile.Profile()
            try:
                return prof.runcall(asyncio.run, _run_worker(sock, config))
            finally:
                prof.dump_stats(os.environ["INTEGRADO_INTAKE_PROFILE"] + f".{os.getpid()}")
        return asyncio.run(_run_worker(sock, config))
    except KeyboardInterrupt:
        return 0
    except Exception as exc:
        log.exception("the intake process failed")
        with contextlib.suppress(OSError):
            send_blocking(sock, frame(FATAL, f"{type(exc).__name__}: {exc}"))
        return 1


async def _run_worker(sock: socket.socket, config: WorkerConfig) -> int:
    settings = config["settings"]
    sock.setblocking(False)
    engine = make_engine(settings.console_db, synchronous="NORMAL", auto_checkpoint=False)
    store = HistoryStore(engine)
    checkpointer = None
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        checkpointer = WalCheckpointer(str(engine.url.database)).start()
    tuning = BusTuning(
        batch_size=int(config.get("batch_size", 500)),
        max_busy=float(config.get("max_busy", 0.05)),
        burst_size=int(config.get("burst_size", 64)),
    )
    name = config.get("client_name", "integrado-console")
    watched = WatchedHistory(store)
    consumer = create_consumer(settings, watched, name=name, tuning=tuning)
    quiet = QuietWhileBlocked(watched)
    logging.getLogger("integrado.bus.consumer").addFilter(quiet)
    counting: list[asyncio.Task[None]] = []
    lost = False

    def send(kind: int, payload: Any) -> None:
        nonlocal lost
        if lost:
            return
        try:
            send_blocking(sock, frame(kind, payload))
        except OSError:
            # The console went away: nothing to show events to (they are stored; its next start
            # shows them from the history).
            lost = True
            consumer.stop()

    def on_events(events: list[ReceivedEvent]) -> None:
        send(EVENTS, RowBatch.from_rows(view_rows(events, store.view_extras)))

    lowered: list[bool] = []

    def on_state(state: str, detail: str) -> None:
        if state == ConnectionState.LIVE and not lowered:
            lowered.append(True)
            _lower_priority(int(config.get("nice", 10)))
        if watched.problem is None:  # else the history's state stands until it can write again
            send(STATE, (state, detail, _stats(consumer)))

    async def count_waiting(problem: StorageProblem) -> None:
        # The status bar's "N events waiting", refreshed while the history cannot write.
        from integrado.redis_conn import redis_client

        client = redis_client(settings.redis, name=f"{name}-waiting")
        streams = [s.stream for s in consumer.sources]
        try:
            while watched.problem == problem:
                try:
                    waiting = await events_waiting(client, streams, store.load_positions())
                except Exception as exc:  # noqa: BLE001 - only a figure for the status bar
                    log.debug("cannot count the events waiting: %s", exc)
                else:
                    send(STATE, (blocked_state(problem), str(waiting), _stats(consumer)))
                await asyncio.sleep(2.0)
        finally:
            await client.aclose()

    def on_storage(problem: StorageProblem | None) -> None:
        for task in counting:
            task.cancel()
        counting.clear()
        if problem is None:
            send(STATE, (consumer.state, consumer.state_detail, _stats(consumer)))
            return
        send(STATE, (blocked_state(problem), "", _stats(consumer)))
        counting.append(asyncio.get_running_loop().create_task(count_waiting(problem)))

    watched.on_change = on_storage

    def on_rejected(rejections: list[Rejection]) -> None:
        send(REJECTED, rejections)

    def on_gap(gap: Gap) -> None:
        send(GAP, gap)

    consumer.on_events, consumer.on_state, consumer.on_rejected, consumer.on_gap = (
        on_events,
        on_state,
        on_rejected,
        on_gap,
    )
    loop = asyncio.get_running_loop()

    def control() -> None:
        # The parent sends nothing after the configuration but STOP; STOP or end of file (the
        # console closed or died) ends the consumer.
        try:
            sock.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            pass
        loop.remove_reader(sock.fileno())
        consumer.stop()

    loop.add_reader(sock.fileno(), control)
    try:
        await consumer.run()
    finally:
        for task in counting:
            task.cancel()
        logging.getLogger("integrado.bus.consumer").removeFilter(quiet)
        with contextlib.suppress(Exception):
            loop.remove_reader(sock.fileno())
        store.engine.dispose()
        if checkpointer is not None:
            checkpointer.stop()
        sock.close()
    return 0


def _lower_priority(nice: int) -> None:
    """Below the window in the scheduler's eyes, once live (until then the console waits for
    this process: a busy PC would hold its connection back for up to a second): on a busy 2-core
    PC the GUI thread gets the CPU when it needs it (painting, clicks) and intake takes the rest.
    Measured under a flood, alternating: nice 10 gave 34-47 ms longest GUI stalls, nice 3 gave
    41-92 ms, at the same intake rate (a full-window table repaint alone is 12-14 ms of text
    layout)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(nice)


def _stats(consumer: Any) -> dict[str, int]:
    return {
        "delivered_total": consumer.delivered_total,
        "duplicates_total": consumer.duplicates_total,
        "rejected_total": consumer.rejected_total,
        "caught_up_total": consumer.caught_up_total,
    }
