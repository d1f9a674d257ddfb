"""A database file that is garbage, text or a truncated SQLite file at start: a dialog names the
file; "Quit" leaves it untouched and ends the start, "Move aside and start fresh" keeps it as
`<name>.corrupt-<timestamp>` and starts with an empty database; the next start is clean."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from callsystem_gui.app import CallSystemHandle
from callsystem_gui.app import start as start_calls
from event_console.app import start as start_console
from helpers.fixtures import QLoop
from integrado.qt.storage_recovery import StorageRecoveryDialog, ask_recovery, start_with_recovery
from integrado.settings import Settings
from integrado.storage import StorageFailure, StorageProblem

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _db_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _truncated_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (body TEXT)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 900,) for _ in range(300)])
    conn.commit()
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BROKEN: dict[str, Callable[[Path], object]] = {
    "garbage": lambda p: p.write_bytes(bytes(range(256)) * 40),
    "text": lambda p: p.write_text("calls exported on Monday\nMaria;Sem sinal\n" * 50),
    "truncated": _truncated_sqlite,
}


def _dialog(qloop: QLoop) -> StorageRecoveryDialog:
    found: list[StorageRecoveryDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, StorageRecoveryDialog) and w.isVisible()]
        return bool(found)

    qloop.wait_until(shown, timeout=15, message="no recovery dialog")
    return found[0]


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_quit_leaves_the_file_alone(qloop: QLoop, qtbot: QtBot, settings: Settings, kind: str) -> None:
    path = _db_path(settings.callsystem_db)
    path.parent.mkdir(parents=True, exist_ok=True)
    BROKEN[kind](path)
    before = path.read_bytes()
    task = qloop.create_task(start_with_recovery(start_calls, settings))
    dialog = _dialog(qloop)
    assert str(path.resolve()) in dialog.text()
    assert dialog.failure.problem in (StorageProblem.CORRUPT, StorageProblem.NOT_A_DATABASE)
    assert dialog.move_button is not None
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert qloop.run(task) is None
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name] == []


def test_move_aside_then_a_clean_start(qloop: QLoop, qtbot: QtBot, settings: Settings) -> None:
    path = _db_path(settings.callsystem_db)
    path.parent.mkdir(parents=True, exist_ok=True)
    BROKEN["text"](path)
    before = path.read_bytes()
    task = qloop.create_task(start_with_recovery(start_calls, settings))
    dialog = _dialog(qloop)
    assert dialog.move_button is not None
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    handle = qloop.run(task, timeout=30)
    assert isinstance(handle, CallSystemHandle)
    try:
        kept = [p for p in path.parent.iterdir() if p.name.startswith("callsystem.db.corrupt-")]
        assert len(kept) == 1 and kept[0].read_bytes() == before
        assert handle.window.isVisible()
    finally:
        qloop.run(handle.shutdown())
    # The second start: no dialog, the fresh database opens.
    again = qloop.run(start_with_recovery(start_calls, settings, ask=_never_asked), timeout=30)
    assert again is not None
    qloop.run(again.shutdown())


def test_the_console_history_too(qloop: QLoop, qtbot: QtBot, settings: Settings) -> None:
    path = _db_path(settings.console_db)
    path.parent.mkdir(parents=True, exist_ok=True)
    BROKEN["garbage"](path)
    task = qloop.create_task(start_with_recovery(start_console, settings))
    dialog = _dialog(qloop)
    assert str(path.resolve()) in dialog.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert qloop.run(task) is None


async def _never_asked(failure: object) -> bool:
    raise AssertionError(f"asked after a clean start: {failure}")


def test_dialog_is_answered_without_a_nested_loop(qloop: QLoop) -> None:
    # `ask_recovery` must not block the loop (qasync: no exec() inside a coroutine).
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = qloop.create_task(tick())
    path = Path(QApplication.applicationDirPath())  # any path: the dialog only names it
    answer = qloop.create_task(ask_recovery(StorageFailure(StorageProblem.CORRUPT, path / "x.db", OSError("bad"))))
    dialog = _dialog(qloop)
    qloop.sleep(0.2)
    assert ticks > 5
    dialog.quit_button.click()
    assert qloop.run(answer) is False
    ticker.cancel()


def test_every_rejection_reason_has_a_label(qapp: QApplication) -> None:
    from event_console.models.rejections import RejectionCountModel
    from integrado.events.codec import RejectReason
    from integrado.qt.status import reason_label

    for reason in RejectReason:
        assert reason_label(reason) != str(reason), reason
    assert reason_label("unstorable") == "Valid, but the history cannot store it (a value out of range)"
    model = RejectionCountModel()
    model.set_counts({"unstorable": 2})
    index = model.index(0, 0)
    assert model.data(index) == "unstorable"
    assert "the history cannot store it" in str(model.data(index, Qt.ItemDataRole.ToolTipRole))
