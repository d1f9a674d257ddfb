"""The export controls: the toolbar's Export menu, the save dialog, and the progress and outcome
of an export in the status bar."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressBar, QStatusBar, QToolButton, QWidget

from integrado.qt.file_dialogs import documents_folder

STATUS_SHORT_MS = 5000
STATUS_LONG_MS = 10000


class ExportMenuButton(QToolButton):
    """Export the view or the selection, as CSV or JSON Lines: `export_chosen(format, selection)`."""

    export_chosen = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(QCoreApplication.translate("ConsoleWindow", "Export"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.csv_action = menu.addAction(QCoreApplication.translate("ConsoleWindow", "View as CSV…"))
        self.jsonl_action = menu.addAction(QCoreApplication.translate("ConsoleWindow", "View as JSON Lines…"))
        menu.addSeparator()
        self.selection_csv_action = menu.addAction(QCoreApplication.translate("ConsoleWindow", "Selection as CSV…"))
        self.selection_jsonl_action = menu.addAction(
            QCoreApplication.translate("ConsoleWindow", "Selection as JSON Lines…")
        )
        self.setMenu(menu)
        self.csv_action.triggered.connect(lambda: self.export_chosen.emit("csv", False))
        self.jsonl_action.triggered.connect(lambda: self.export_chosen.emit("jsonl", False))
        self.selection_csv_action.triggered.connect(lambda: self.export_chosen.emit("csv", True))
        self.selection_jsonl_action.triggered.connect(lambda: self.export_chosen.emit("jsonl", True))


class ExportStatus(QObject):
    """How an export is going, in the status bar: a progress bar while it runs, then one line
    saying how it ended. `finished(path)` once it is written."""

    finished = Signal(str)

    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status_bar = status_bar
        self.progress = QProgressBar(status_bar)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(QCoreApplication.translate("ConsoleWindow", "Export %p%"))
        self.progress.setVisible(False)
        status_bar.addPermanentWidget(self.progress)

    def show_busy(self) -> None:
        self.status_bar.showMessage(
            QCoreApplication.translate("ConsoleWindow", "An export is already running"), STATUS_SHORT_MS
        )

    def show_started(self, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(0)
        self.progress.setVisible(True)

    def show_progress(self, done: int) -> None:
        self.progress.setValue(done)

    def show_done(self, path: str, total: int) -> None:
        self.progress.setVisible(False)
        self.status_bar.showMessage(
            QCoreApplication.translate("ConsoleWindow", "Exported {0} events to {1}").format(f"{total:,}", path),
            STATUS_LONG_MS,
        )
        self.finished.emit(path)

    def show_failed(self, reason: str) -> None:
        self.progress.setVisible(False)
        self.status_bar.showMessage(
            QCoreApplication.translate("ConsoleWindow", "Export failed: {0}").format(reason), STATUS_LONG_MS
        )


def open_export_dialog(parent: QWidget, fmt: str, chosen: Callable[[Path], None]) -> QFileDialog:
    """Open the save dialog (window-modal, never a nested event loop) in the documents folder;
    `chosen` gets the path."""
    dialog = QFileDialog(parent, QCoreApplication.translate("ConsoleWindow", "Export events"))
    dialog.setDirectory(str(documents_folder()))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(fmt)
    dialog.setNameFilter(
        QCoreApplication.translate("ConsoleWindow", "CSV (*.csv)")
        if fmt == "csv"
        else QCoreApplication.translate("ConsoleWindow", "JSON Lines (*.jsonl)")
    )
    dialog.selectFile(time.strftime(f"events-%Y%m%d-%H%M%S.{fmt}"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda path: chosen(Path(path)))
    dialog.open()
    return dialog
