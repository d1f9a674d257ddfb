"""Dialogs of CallSystem. All are shown with `open()` (never `exec()`: we run on a qasync loop)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ResolutionDialog(QDialog):
    """Asks how the call was resolved; OK stays disabled until something is written."""

    def __init__(self, call_label: str, resolution: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolutionDialog")
        self.setWindowTitle(self.tr("Close call"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        intro = QLabel(self.tr("How was %1 resolved?").replace("%1", call_label), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("resolutionText")
        self.text.setTabChangesFocus(True)
        self.text.setPlainText(resolution)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Close call"))
        ok.setToolTip(self.tr("Close the call with this resolution (Ctrl+Enter)"))
        self.text.setPlaceholderText(self.tr("What was done… (Ctrl+Enter closes the call)"))
        # The resolution box is multi-line (Enter is a new line): Ctrl+Enter closes the call, as it
        # adds a note in the note box.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._accept_if_written)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._update)
        self._update()
        self.resize(420, 220)

    def _accept_if_written(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()

    def resolution(self) -> str:
        return self.text.toPlainText()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text.toPlainText().strip()))


class ShortcutSheet(QDialog):
    """F1: every keyboard shortcut of the window, built from its actions (never out of date)."""

    def __init__(
        self, actions: Sequence[QAction], extra: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows: list[tuple[str, str]] = []
        for action in actions:
            keys = ", ".join(s.toString(s.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty())
            if keys:
                rows.append((keys, action.text().replace("&", "")))
        rows.extend(extra)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (keys, text) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(keys))
            self.table.setItem(i, 1, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)
