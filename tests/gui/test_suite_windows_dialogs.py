"""The suite's save dialogs open in the user's documents folder, not the program's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from integrado.qt.file_dialogs import documents_folder, save_dialog


def test_a_save_dialog_starts_in_the_documents_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documentos"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _location: str(documents))
    monkeypatch.chdir(tmp_path)  # the program's folder: not where the dialog opens
    assert documents_folder() == documents
    dialog = save_dialog(None, "Export", "calls.csv", ["CSV (*.csv)"])
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == documents
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave


def test_without_a_documents_folder_the_home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _location: str(tmp_path / "missing"))
    assert documents_folder() == Path.home()
