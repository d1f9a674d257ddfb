"""The Event Console's intake process: bus consumer, decoding and history writes, off the GUI.

In one process, decoding (~20 µs an event) and storing (~20 µs) shared the GUI thread's time
and its GIL with painting: intake topped out near 11,500 events/s with 66 ms stalls, and a
thread did worse (GIL hand-offs made every Qt call wait). Here a child process runs the bus
consumer with the console's HistoryStore as its sink, so the events and their stream cursor
are still stored in one transaction by one writer, and hands the GUI finished table rows in
column form (a few numpy buffers and short string tables per batch), which the GUI appends
with numpy in microseconds per batch.

The child is started by `IntakeProcess` (see `event_console.intake.client`) over a socket pair it
inherits: the parent sends one CONFIG frame (settings, pickled: the Redis password never shows
in a process listing), then the child sends frames until it stops. It stops when the parent
sends STOP or goes away (end of file on the socket), so it never outlives the console.

Frames: 4-byte little-endian payload length, one kind byte, the payload (pickled). The socket
pair is private to the two processes; nothing from Redis is ever unpickled (the child decodes
Redis messages with the strict codec and pickles only what it built).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import pickle
import select
import socket
import struct
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

FRAME = struct.Struct("<IB")
MAX_FRAME = 256 * 1024 * 1024

# parent -> child
CONFIG = ord("c")
STOP = ord("q")
# child -> parent
EVENTS = ord("e")
STATE = ord("s")
REJECTED = ord("r")
GAP = ord("g")
FATAL = ord("x")

# The table's text columns, in RowBatch.strings (each: distinct values + an index per row).
STRING_COLUMNS = ("system", "type", "entity_id", "user", "host", "status")
WORKER_FLAG = "--intake-worker"


def id_bytes(event_id: str) -> bytes:
    """16 bytes per event id: the UUID's bytes (every valid event), else a stable digest."""
    if len(event_id) == 36:
        try:
            return bytes.fromhex(event_id.replace("-", ""))  # = uuid.UUID(event_id).bytes, 5x faster
        except ValueError:
            pass
    try:
        return uuid.UUID(event_id).bytes
    except ValueError:
        return hashlib.blake2b(event_id.encode("utf-8", "replace"), digest_size=16).digest()


@dataclass(slots=True)
class RowBatch:
    """Table rows in column form: what the GUI appends to its column store with numpy.

    Row fields are those of HistoryStore.VIEW_COLUMNS: event_id, received_at, occurred_at (NaN
    for legacy events), system, type, entity_id, summary, user, host, legacy, status.
    """

    size: int
    event_id: bytes  # 16 bytes a row (id_bytes)
    received: bytes  # float64 a row
    occurred: bytes  # float64 a row
    legacy: bytes  # one byte a row
    strings: dict[str, tuple[list[str], bytes]]  # column -> (distinct values, uint32 index a row)
    summary: bytes  # UTF-8, each row's text followed by a NUL (no event text holds one)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]]) -> RowBatch:
        """Column form of VIEW_COLUMNS tuples; about 1.5 µs a row (transposed once, then whole
        columns at a time)."""
        n = len(rows)
        if not n:
            return cls(0, b"", b"", b"", b"", {name: ([], b"") for name in STRING_COLUMNS}, b"")
        event_id, received, occurred, system, type_, entity_id, summary, user, host, legacy, status = zip(
            *rows, strict=True
        )
        nan = float("nan")
        strings = {}
        for name, column in zip(STRING_COLUMNS, (system, type_, entity_id, user, host, status), strict=True):
            table: dict[str, int] = {}
            index = [table.setdefault(value, len(table)) for value in column]
            strings[name] = (list(table), np.asarray(index, dtype=np.uint32).tobytes())
        text = "\x00".join(summary)
        if text.count("\x00") != n - 1:  # no event text holds a NUL; be robust anyway
            text = "\x00".join(t.replace("\x00", "") for t in summary)
        return cls(
            size=n,
            event_id=b"".join(map(id_bytes, event_id)),
            received=np.asarray(received, dtype=np.float64).tobytes(),
            occurred=np.asarray([nan if t is None else t for t in occurred], dtype=np.float64).tobytes(),
            legacy=np.asarray(legacy, dtype=np.bool_).tobytes(),
            strings=strings,
            summary=(text + "\x00").encode("utf-8", "replace"),
        )

    # -- reading (GUI side) --------------------------------------------------------------------

    def received_array(self) -> npt.NDArray[np.float64]:
        return np.frombuffer(self.received, dtype=np.float64)

    def occurred_array(self) -> npt.NDArray[np.float64]:
        return np.frombuffer(self.occurred, dtype=np.float64)

    def legacy_array(self) -> npt.NDArray[np.bool_]:
        return np.frombuffer(self.legacy, dtype=np.bool_)

    def id_array(self) -> npt.NDArray[np.uint8]:
        return np.frombuffer(self.event_id, dtype=np.uint8).reshape(self.size, 16)

    def codes(self, column: str) -> tuple[list[str], npt.NDArray[np.uint32]]:
        values, index = self.strings[column]
        return values, np.frombuffer(index, dtype=np.uint32)

    def summary_lengths(self) -> npt.NDArray[np.int64]:
        """Bytes of each row's summary, its NUL included."""
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        ends = np.flatnonzero(np.frombuffer(self.summary, dtype=np.uint8) == 0)
        return np.diff(ends, prepend=-1).astype(np.int64)

    def event_ids(self) -> list[str]:
        return [str(uuid.UUID(bytes=self.event_id[i * 16 : i * 16 + 16])) for i in range(self.size)]

    def select(self, keep: npt.NDArray[np.bool_]) -> RowBatch:
        """The rows where `keep` is true, as a batch of their own."""
        if keep.all():
            return self
        rows = np.flatnonzero(keep)
        starts = np.concatenate(([0], np.cumsum(self.summary_lengths())))
        blob = self.summary
        return RowBatch(
            size=len(rows),
            event_id=self.id_array()[rows].tobytes(),
            received=self.received_array()[rows].tobytes(),
            occurred=self.occurred_array()[rows].tobytes(),
            legacy=self.legacy_array()[rows].tobytes(),
            strings={
                name: (values, np.frombuffer(index, dtype=np.uint32)[rows].tobytes())
                for name, (values, index) in self.strings.items()
            },
            summary=b"".join(blob[starts[r] : starts[r + 1]] for r in rows),
        )

    def rows(self) -> list[tuple[Any, ...]]:
        """Back to VIEW_COLUMNS tuples (tests and small batches)."""
        ids = self.event_ids()
        received, occurred, legacy = self.received_array(), self.occurred_array(), self.legacy_array()
        text = {name: self.codes(name) for name in STRING_COLUMNS}
        summaries = self.summary.split(b"\x00")
        out = []
        for i in range(self.size):
            s = {name: values[int(index[i])] for name, (values, index) in text.items()}
            occ = float(occurred[i])
            out.append(
                (
                    ids[i],
                    float(received[i]),
                    None if occ != occ else occ,
                    s["system"],
                    s["type"],
                    s["entity_id"],
                    summaries[i].decode("utf-8", "replace"),
                    s["user"],
                    s["host"],
                    bool(legacy[i]),
                    s["status"],
                )
            )
        return out


def view_rows(events: Sequence[Any], extras: dict[str, tuple[float | None, str, str]]) -> list[tuple[Any, ...]]:
    """VIEW_COLUMNS tuples of events the HistoryStore just stored (`extras`: its view_extras,
    the occurred epoch, summary and status it computed for them)."""
    rows = []
    for ev in events:
        occurred, summary, status = extras[ev.event_id]
        rows.append(
            (
                ev.event_id,
                ev.received_at,
                occurred,
                ev.system,
                ev.type,
                ev.entity_id,
                summary,
                ev.user,
                ev.host,
                ev.legacy,
                status,
            )
        )
    return rows


# -- framing ---------------------------------------------------------------------------------------


def frame(kind: int, payload: Any) -> bytes:
    body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return FRAME.pack(len(body), kind) + body


def send_blocking(sock: socket.socket, data: bytes) -> None:
    """Write all of `data` to a (possibly non-blocking) socket, waiting while its buffer is full:
    a GUI that reads slowly slows the child down instead of growing its memory."""
    view = memoryview(data)
    while view:
        try:
            sent = sock.send(view)
        except BlockingIOError:
            select.select([], [sock], [], 1.0)
            continue
        view = view[sent:]


def recv_frame_blocking(sock: socket.socket) -> tuple[int, Any]:
    header = _recv_exactly(sock, FRAME.size)
    size, kind = FRAME.unpack(header)
    if size > MAX_FRAME:
        raise ValueError(f"frame of {size} bytes")
    return kind, pickle.loads(_recv_exactly(sock, size))  # noqa: S301 - our own parent


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the intake socket")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# -- the child -------------------------------------------------------------------------------------


def worker_command(fd: int) -> list[str]:
    """How to start the intake child: the frozen program itself with a flag (the launcher
    dispatches it), or this interpreter from source."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG, "--fd", str(fd)]
    code = "import sys; from event_console.intake.worker import worker_main; sys.exit(worker_main(sys.argv[1:]))"
    return [sys.executable, "-c", code, "--fd", str(fd)]


def worker_env() -> dict[str, str]:
    """The child's environment: ours, with the folder holding `integrado` importable (a source
    checkout run without installing) and Qt kept out (the child has no window)."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        env["PYTHONPATH"] = os.pathsep.join([root, *paths])
    return env


def worker_main(argv: Sequence[str]) -> int:
    """Entry point of the child: `... --fd N` (the inherited end of the socket pair)."""
    try:
        fd = int(argv[list(argv).index("--fd") + 1])
    except (ValueError, IndexError):
        print("intake worker: --fd N is required", file=sys.stderr)
        return 2
    sock = socket.socket(fileno=fd)
    try:
        kind, config = recv_frame_blocking(sock)
    except Exception as exc:  # noqa: BLE001 - anything but a configuration: say so, exit 2
        print(f"intake worker: no configuration ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    if kind != CONFIG or not isinstance(config, dict) or "settings" not in config:
        print("intake worker: the first frame must be the configuration", file=sys.stderr)
        return 2
    settings = config["settings"]
    if hasattr(os, "nice"):
        # Below the window in the scheduler's eyes: on a busy 2-core PC the GUI thread gets the
        # CPU when it needs it (painting, clicks) and intake takes the rest. Measured under a
        # flood, alternating: nice 10 gave 34-47 ms longest GUI stalls, nice 3 gave 41-92 ms, at
        # the same intake rate (a full-window table repaint alone is 12-14 ms of text layout).
        with contextlib.suppress(OSError):
            os.nice(int(config.get("nice", 10)))
    from integrado.logs import setup_logging

    with contextlib.suppress(OSError):
        setup_logging(settings.log_dir, "event-console-intake", secrets=[settings.redis.password or ""])
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


async def _run_worker(sock: socket.socket, config: dict[str, Any]) -> int:
    from integrado.bus import BusConsumer, BusTuning, Gap
    from integrado.db import WalCheckpointer, make_engine
    from integrado.events.codec import Codec, ReceivedEvent, Rejection
    from integrado.history import HistoryStore
    from integrado.pipeline import stream_sources
    from integrado.redis_conn import redis_client

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
    consumer = BusConsumer(
        lambda: redis_client(settings.redis, name=name, socket_timeout=tuning.block_ms / 1000 + 5.0),
        stream_sources(settings.redis),
        store,
        Codec(settings.redis.channel_systems()),
        tuning=tuning,
    )
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

    def on_state(state: str, detail: str) -> None:
        send(STATE, (state, detail, _stats(consumer)))

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
        with contextlib.suppress(Exception):
            loop.remove_reader(sock.fileno())
        store.engine.dispose()
        if checkpointer is not None:
            checkpointer.stop()
        sock.close()
    return 0


def _stats(consumer: Any) -> dict[str, int]:
    return {
        "delivered_total": consumer.delivered_total,
        "duplicates_total": consumer.duplicates_total,
        "rejected_total": consumer.rejected_total,
        "caught_up_total": consumer.caught_up_total,
    }


def stop_frame() -> bytes:
    return FRAME.pack(0, STOP)
