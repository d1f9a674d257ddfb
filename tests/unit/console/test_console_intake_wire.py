"""The wire between the console window and its intake process: frames survive any split of the
byte stream, a frame too large is refused from its header alone, and the child's environment
can import the console from a source checkout."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

import event_console
from event_console.intake.wire import (
    EVENTS,
    FRAME,
    MAX_FRAME,
    STATE,
    STOP,
    FrameTooLarge,
    frame,
    recv_frame_blocking,
    send_blocking,
    stop_frame,
    take_frame,
)
from event_console.intake.worker import worker_env


def test_frames_come_out_whole_whatever_the_reads_split() -> None:
    stream = frame(EVENTS, {"rows": list(range(1000))}) + frame(STATE, ("live", "", {})) + frame(EVENTS, [])
    for step in (1, 3, 7, 4096, len(stream)):
        buffer = bytearray()
        got = []
        for i in range(0, len(stream), step):
            buffer.extend(stream[i : i + step])
            while (taken := take_frame(buffer)) is not None:
                got.append(taken)
        assert got == [(EVENTS, {"rows": list(range(1000))}), (STATE, ("live", "", {})), (EVENTS, [])], step
        assert not buffer


def test_stop_is_a_bare_header() -> None:
    # The child reads it as "anything arrived" (STOP or end of file both end it): no payload.
    assert stop_frame() == FRAME.pack(0, STOP)


def test_a_frame_too_large_is_refused_before_its_payload_arrives() -> None:
    buffer = bytearray(FRAME.pack(MAX_FRAME + 1, EVENTS))
    with pytest.raises(FrameTooLarge) as caught:
        take_frame(buffer)
    assert caught.value.size == MAX_FRAME + 1
    assert isinstance(caught.value, ValueError)


def test_blocking_send_and_receive_over_a_socket_pair() -> None:
    parent, child = socket.socketpair()
    try:
        parent.setblocking(False)
        payload = b"x" * (3 << 20)  # more than a socket buffer holds: send waits, never drops
        sent = frame(EVENTS, payload)
        child.settimeout(10)
        writer = threading.Thread(target=send_blocking, args=(parent, sent))
        writer.start()
        assert recv_frame_blocking(child) == (EVENTS, payload)
        writer.join(10)
        parent.close()
        with pytest.raises(EOFError):
            recv_frame_blocking(child)
    finally:
        parent.close()
        child.close()


def test_the_childs_environment_can_import_the_console_from_a_source_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", "elsewhere")
    paths = worker_env()["PYTHONPATH"].split(os.pathsep)
    assert paths[1:] == ["elsewhere"]
    assert Path(paths[0]) == Path(event_console.__file__).resolve().parent.parent
