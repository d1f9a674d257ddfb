"""The history range picker in the toolbar: the last hour, day or week, everything, or a custom
range between two dates."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QPushButton, QWidget

# Marked for lupdate here, translated where the combo box is filled.
_RANGES = [
    (3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last hour")),
    (24 * 3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 24 hours")),
    (7 * 24 * 3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 7 days")),
    (0.0, QT_TRANSLATE_NOOP("ConsoleWindow", "All")),
]
CUSTOM = -1.0


class HistoryRangePicker(QWidget):
    """Says which received-time range the supervisor wants to see; it loads nothing itself."""

    range_requested = Signal(object, object)  # since, until: epoch seconds or None (open)
    empty_range_chosen = Signal()  # a custom range that ends before it starts

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(QCoreApplication.translate("ConsoleWindow", "History:"), self)
        row.addWidget(caption)
        self.combo = QComboBox(self)
        caption.setBuddy(self.combo)  # what a screen reader says the combo box is
        for seconds, label in _RANGES:
            self.combo.addItem(QCoreApplication.translate("ConsoleWindow", str(label)), seconds)
        self.combo.addItem(QCoreApplication.translate("ConsoleWindow", "Custom range"), CUSTOM)
        self.combo.setCurrentIndex(1)
        row.addWidget(self.combo)
        now = QDateTime.currentDateTime()
        self.range_from = QDateTimeEdit(now.addDays(-1), self)
        self.range_to = QDateTimeEdit(now, self)
        self.range_from.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "History from"))
        self.range_to.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "History to"))
        for edit in (self.range_from, self.range_to):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            row.addWidget(edit)
        self.show_button = QPushButton(QCoreApplication.translate("ConsoleWindow", "Show"), self)
        self.show_button.setEnabled(False)
        row.addWidget(self.show_button)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.show_button.clicked.connect(self._show_custom)

    def _chosen(self, at: int) -> None:
        seconds = float(self.combo.itemData(at))
        custom = seconds < 0
        for w in (self.range_from, self.range_to, self.show_button):
            w.setEnabled(custom)
        if custom:
            return  # loaded once the supervisor has picked the dates and pressed Show
        self.range_requested.emit(time.time() - seconds if seconds else None, None)

    def _show_custom(self) -> None:
        since = self.range_from.dateTime().toSecsSinceEpoch()
        until = self.range_to.dateTime().toSecsSinceEpoch()
        if until <= since:
            self.empty_range_chosen.emit()
            return
        self.range_requested.emit(float(since), float(until))
