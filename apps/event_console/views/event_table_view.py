"""The event table's view: the keys a keyboard user moves through the console with."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EventTableView(QTableView):
    """The event table. Tab and Shift+Tab leave it for the next and previous control (the
    arrows move in it), and so do Ctrl+Tab and Ctrl+Shift+Tab, the keys that leave a widget
    that keeps Tab; Enter and Return ask for the current event's details (`open_requested`)."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventTable")
        # Tab from cell to cell, wrapping round, never left the table: a keyboard user was
        # shut in it with the details and charts out of reach.
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not modifiers and event.key() in _ENTER and self.currentIndex().isValid():
            self.open_requested.emit()
            event.accept()
            return
        control = Qt.KeyboardModifier.ControlModifier
        if modifiers & control and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            forward = event.key() == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier
            self.focusNextPrevChild(forward)
            event.accept()
            return
        super().keyPressEvent(event)
