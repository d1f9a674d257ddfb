"""File dialogs of the suite start in the operator's documents folder, not in the folder the
program was started from (for an installed program that is `/` or the program's own folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """The user's documents folder (their home when the desktop names none or it is missing)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def save_dialog(parent: QWidget | None, caption: str, file_name: str, name_filters: list[str]) -> QFileDialog:
    """A "save as" dialog opened in the documents folder with `file_name` suggested; show it with
    `open()` (the suite runs on an asyncio loop) and read `selectedFiles()` when accepted."""
    dialog = QFileDialog(parent, caption, str(documents_folder() / file_name))
    dialog.setObjectName("saveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters(name_filters)
    dialog.selectFile(file_name)
    return dialog
