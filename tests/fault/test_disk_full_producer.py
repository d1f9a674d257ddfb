"""A producer's SQLite file on a full disk (a real tmpfs filled to the last byte): the action fails
with "the disk is full", nothing of it is written (no business row without its outbox row), the
form keeps what was typed, and once space is back the same window saves it, without a restart.
The relay meanwhile waits quietly: one log line when the disk fills, none while it stays full."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from callsystem_gui.app import CallSystemHandle
from callsystem_gui.app import build as build_calls
from callsystem_gui.domain import CallDraft
from callsystem_gui.labels import error_text
from callsystem_gui.service import DiskFullError as CallDiskFull
from callsystem_gui.tables import CallRow
from helpers.fixtures import QLoop
from helpers.small_disk import SmallDisk, small_disk
from integrado.embedded import RedisServerProcess
from integrado.settings import Settings
from integrado.states import ConnectionState
from taskmanager_gui.app import TaskManagerHandle
from taskmanager_gui.app import build as build_tasks
from taskmanager_gui.controller import translate_error
from taskmanager_gui.service import DiskFullError as TaskDiskFull
from taskmanager_gui.tables import TASKS


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk", size_mb=16) as mounted:
        yield mounted


def _counts(engine: Engine, business: object, outbox: object) -> tuple[int, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(business)).scalar_one()  # type: ignore[arg-type]
        events = conn.execute(select(func.count()).select_from(outbox)).scalar_one()  # type: ignore[arg-type]
    return int(rows), int(events)


@pytest.fixture
def calls(qtbot: QtBot, settings: Settings, disk: SmallDisk) -> Iterator[CallSystemHandle]:
    handle = build_calls(dataclasses.replace(settings, operator="ana"), db_url=f"sqlite:///{disk.path}/calls.db")
    qtbot.addWidget(handle.window)
    handle.window.resize(1200, 800)
    handle.window.show()
    qtbot.waitExposed(handle.window)
    handle.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is handle.window)
    yield handle
    handle.controller.stop()
    handle.pipeline.engine.dispose()


# The offscreen platform warns when a status message changes the window's size hints.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_callsystem_on_a_full_disk(calls: CallSystemHandle, disk: SmallDisk) -> None:
    handle, form = calls, calls.window.form
    bar = handle.window.statusBar()
    engine, outbox = handle.pipeline.engine, handle.pipeline.outbox.table
    form.caller_name.setText("Maria Souza")
    form.subject.setText("Sem sinal")
    form.submit()
    assert _counts(engine, CallRow.__table__, outbox) == (1, 1)

    disk.fill()
    assert disk.available() == 0
    form.caller_name.setText("João Lima")
    form.phone.setText("(51) 3333-4444")
    form.subject.setText("Fatura em dobro")
    form.description.setPlainText("Cobrado duas vezes em novembro " * 40)
    for _ in range(3):  # again and again: the same answer, never a crash dialog
        form.submit()
        assert bar.currentMessage() == error_text(CallDiskFull())
        assert bar.currentMessage() == "The disk is full: the call was not saved. Free some space and try again."
    assert (form.caller_name.text(), form.phone.text(), form.subject.text()) == (
        "João Lima",
        "(51) 3333-4444",
        "Fatura em dobro",
    )
    assert form.description.toPlainText().startswith("Cobrado duas vezes")
    assert _counts(engine, CallRow.__table__, outbox) == (1, 1)  # nothing half-written

    disk.free()
    form.submit()
    assert bar.currentMessage() == "Call #2 registered for João Lima."
    assert form.caller_name.text() == ""
    assert _counts(engine, CallRow.__table__, outbox) == (2, 2)
    with engine.connect() as conn:
        integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
    assert integrity == "ok"


@pytest.fixture
def tasks(qtbot: QtBot, settings: Settings, disk: SmallDisk) -> Iterator[TaskManagerHandle]:
    handle = build_tasks(dataclasses.replace(settings, operator="ana"), db_url=f"sqlite:///{disk.path}/tasks.db")
    qtbot.addWidget(handle.window)
    handle.window.resize(1200, 800)
    handle.window.show()
    qtbot.waitExposed(handle.window)
    handle.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is handle.window)
    yield handle
    handle.controller.refresh_timer.stop()
    handle.pipeline.engine.dispose()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_taskmanager_on_a_full_disk(tasks: TaskManagerHandle, disk: SmallDisk) -> None:
    handle, bar = tasks, tasks.window.statusBar()
    engine, outbox = handle.pipeline.engine, handle.pipeline.outbox.table
    first = handle.controller.create("Escala de fim de semana")
    assert first is not None
    before = _counts(engine, TASKS, outbox)
    full = translate_error(TaskDiskFull())
    assert full == "The disk is full: the task was not saved. Free some space and try again."

    disk.fill()
    assert handle.controller.create("Ligar para o fornecedor") is None
    assert bar.currentMessage() == full
    handle.window.detail.notes.setPlainText("Confirmar com a Joana às 15h")
    assert not handle.controller.rename(first, "Escala de dezembro")
    assert bar.currentMessage() == full
    assert _counts(engine, TASKS, outbox) == before

    disk.free()
    created = handle.controller.create("Ligar para o fornecedor")
    assert created is not None
    assert handle.controller.rename(first, "Escala de dezembro")
    rows, events = _counts(engine, TASKS, outbox)
    assert (rows, events) == (before[0] + 1, before[1] + 2)


def test_the_relay_waits_quietly_on_a_full_disk(
    qloop: QLoop,
    settings: Settings,
    redis_server: RedisServerProcess,
    disk: SmallDisk,
    caplog: pytest.LogCaptureFixture,
) -> None:
    handle = build_calls(dataclasses.replace(settings, operator="ana"), db_url=f"sqlite:///{disk.path}/calls.db")
    relay = handle.pipeline.relay
    relay.backoff_cap = 0.5  # many retries within the test's few seconds
    try:
        for n in range(5):
            handle.controller.service.register(_draft(n))
        disk.fill()
        caplog.clear()
        with caplog.at_level(logging.INFO):
            task = qloop.create_task(relay.run())
            qloop.wait_until(lambda: relay.state == ConnectionState.DATABASE, timeout=10)
            full_at = time.monotonic()
            qloop.sleep(3.0)
            assert not task.done()
            noisy = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert len(noisy) <= 2, [r.getMessage() for r in noisy]
            disk.free()
            freed = time.monotonic()
            qloop.wait_until(lambda: relay.queued() == 0 and relay.state == ConnectionState.CONNECTED, timeout=10)
            recovered = time.monotonic() - freed
        print(
            f"\nrelay on a full disk: {len(noisy)} warning line(s) in {freed - full_at:.1f} s full, "
            f"all 5 sent {recovered:.1f} s after space was back"
        )
        relay.stop()
        qloop.run(asyncio.wait_for(task, 10))
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def _draft(n: int) -> CallDraft:
    return CallDraft(caller_name=f"Caller {n}", subject=f"Subject {n}")
