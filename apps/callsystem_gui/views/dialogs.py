"""Dialogs of CallSystem. All are shown with `open()` (never `exec()`: we run on a qasync loop)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
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
