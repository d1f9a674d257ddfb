"""The keyboard shortcuts sheet (F1) every app shows: built from the window's own actions, so it
is never out of date, plus the keys no action carries."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget


class ShortcutSheet(QDialog):
    """F1: every keyboard shortcut of the window, built from its actions (never out of date)."""

    def __init__(
        self, actions: Sequence[QAction], extra: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows: list[tuple[str, str]] = []
        for action in dict.fromkeys(a for a in actions if not a.isSeparator()):  # each once, in order
            keys = ", ".join(s.toString(s.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty())
            if keys:
                rows.append((keys, action.text().replace("&", "")))
        rows.extend(extra)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutTable")
        # A screen reader reads a table by its name ("table with 24 rows" otherwise).
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        # Arrows move in the table; Tab goes on to the Close button, as everywhere else.
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for i, (keys, text) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(keys))
            self.table.setItem(i, 1, QTableWidgetItem(text))
        if rows:
            self.table.setCurrentCell(0, 0)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)


def open_shortcut_sheet(parent: QWidget, actions: Sequence[QAction], extra: Sequence[tuple[str, str]]) -> ShortcutSheet:
    """F1: the sheet over `parent`, open (window-modal) and deleted once closed; `actions` may
    repeat and hold separators."""
    sheet = ShortcutSheet(actions, extra, parent)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    sheet.open()
    return sheet
