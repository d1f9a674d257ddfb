"""A database in a read-only folder at start, or one that stops accepting writes while the app
runs: a clear message that names the problem, no traceback, nothing half-written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from callsystem_gui.app import build as build_calls
from callsystem_gui.app import start as start_calls
from callsystem_gui.domain import CallDraft, StorageUnavailableError
from callsystem_gui.labels import error_text
from callsystem_gui.service import ReadOnlyStorageError
from helpers.fixtures import QLoop
from helpers.small_disk import read_only_view
from integrado.db import limit_sqlite_file
from integrado.qt.storage_recovery import StorageRecoveryDialog, start_with_recovery
from integrado.settings import Settings
from integrado.storage import StorageProblem

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_read_only_folder_at_start(qloop: QLoop, qtbot: object, settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    first = build_calls(settings, db_url=f"sqlite:///{folder}/calls.db")
    first.service.register(CallDraft(caller_name="Maria Souza", subject="Sem sinal"))
    first.controller.stop()
    first.pipeline.engine.dispose()
    before = (folder / "calls.db").read_bytes()
    with read_only_view(folder, tmp_path / "view") as view:
        read_only = dataclasses.replace(settings, callsystem_db=f"sqlite:///{view}/calls.db")
        task = qloop.create_task(start_with_recovery(start_calls, read_only))
        found: list[StorageRecoveryDialog] = []

        def shown() -> bool:
            found[:] = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, StorageRecoveryDialog) and w.isVisible()
            ]
            return bool(found)

        qloop.wait_until(shown, timeout=15, message="no dialog")
        dialog = found[0]
        assert dialog.failure.problem == StorageProblem.READ_ONLY
        assert "read-only" in dialog.text() and str(view / "calls.db") in dialog.text()
        assert dialog.move_button is None  # nothing to move: the file is fine
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        assert qloop.run(task) is None
    assert (folder / "calls.db").read_bytes() == before


def test_writes_refused_while_running(settings: Settings, tmp_path: Path) -> None:
    handle = build_calls(settings, db_url=f"sqlite:///{tmp_path}/calls.db")
    try:
        handle.service.register(CallDraft(caller_name="Maria Souza", subject="Sem sinal"))
        limit_sqlite_file(handle.pipeline.engine, read_only=True)
        with pytest.raises(ReadOnlyStorageError) as refused:
            handle.service.register(CallDraft(caller_name="João Lima", subject="Fatura"))
        assert isinstance(refused.value, StorageUnavailableError)  # the window keeps the form
        assert "read-only" in error_text(refused.value)
        # Reads take the write lock up front (BEGIN IMMEDIATE): refused too, as a message.
        with pytest.raises(StorageUnavailableError):
            handle.service.summaries()
        limit_sqlite_file(handle.pipeline.engine)
        handle.service.register(CallDraft(caller_name="João Lima", subject="Fatura"))
        assert handle.pipeline.outbox.count(handle.pipeline.engine) == 2
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()
