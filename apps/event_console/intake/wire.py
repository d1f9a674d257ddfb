"""The wire between the console window and its intake process: frames over a private socket pair.

A frame is a 4-byte little-endian payload length, one kind byte, then the payload, pickled.
The parent sends one CONFIG frame (settings included, so the Redis password never shows in a
process listing) and later, perhaps, STOP; the child sends EVENTS, STATE, REJECTED, GAP and, if
it fails, FATAL. The socket pair is private to the two processes; nothing from Redis is ever
unpickled (the child decodes Redis messages with the strict codec and pickles only what it built).
"""

from __future__ import annotations

import pickle
import select
import socket
import struct
from typing import Any, NotRequired, TypedDict

from integrado.settings import Settings

FRAME = struct.Struct("<IB")
MAX_FRAME = 256 * 1024 * 1024

# parent -> child
CONFIG = ord("c")
STOP = ord("q")
# child -> parent
EVENTS = ord("e")  # a RowBatch of rows just stored
STATE = ord("s")  # (state, detail, consumer counters)
REJECTED = ord("r")  # list[Rejection]
GAP = ord("g")  # Gap
FATAL = ord("x")  # why the child is ending, as text


class WorkerConfig(TypedDict):
    """The CONFIG frame's payload: what the child needs to run the bus consumer."""

    settings: Settings
    client_name: NotRequired[str]
    batch_size: NotRequired[int]
    max_busy: NotRequired[float]
    burst_size: NotRequired[int]
    nice: NotRequired[int]


def worker_config(
    settings: Settings, *, client_name: str = "integrado-console", batch_size: int = 500, max_busy: float = 0.05
) -> WorkerConfig:
    """The CONFIG frame's payload for these settings (the console's intake as it runs by default)."""
    return {"settings": settings, "client_name": client_name, "batch_size": batch_size, "max_busy": max_busy}


class FrameTooLarge(ValueError):
    """A frame header announced more than MAX_FRAME bytes: the stream cannot be trusted."""

    def __init__(self, size: int) -> None:
        super().__init__(f"frame of {size} bytes")
        self.size = size


def frame(kind: int, payload: Any) -> bytes:
    """One frame of `kind` carrying `payload`."""
    body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return FRAME.pack(len(body), kind) + body


def stop_frame() -> bytes:
    """The STOP frame (no payload): the child finishes its transaction and exits."""
    return FRAME.pack(0, STOP)


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
    """The next frame from a blocking socket, as (kind, payload)."""
    header = _recv_exactly(sock, FRAME.size)
    size, kind = FRAME.unpack(header)
    if size > MAX_FRAME:
        raise FrameTooLarge(size)
    return kind, pickle.loads(_recv_exactly(sock, size))  # noqa: S301 - our own parent


def take_frame(buffer: bytearray) -> tuple[int, Any] | None:
    """The first whole frame in `buffer` as (kind, payload), removed from it; None while the
    frame is still incomplete. Raises FrameTooLarge as soon as its header says so."""
    if len(buffer) < FRAME.size:
        return None
    size, kind = FRAME.unpack_from(buffer)
    if size > MAX_FRAME:
        raise FrameTooLarge(size)
    if len(buffer) < FRAME.size + size:
        return None
    payload = pickle.loads(memoryview(buffer)[FRAME.size : FRAME.size + size])  # noqa: S301 - our child
    del buffer[: FRAME.size + size]
    return kind, payload


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the intake socket")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
