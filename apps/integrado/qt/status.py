"""The status-bar indicator every app shows: Redis connection state and queued events."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

# Marked for lupdate here, translated when shown (the language is chosen after import).
_STATE_TEXT = {
    "starting": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Connecting…"), "#8a6d00"),
    "connecting": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Connecting…"), "#8a6d00"),
    "connected": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Redis connected"), "#1b7f3b"),
    "live": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Live"), "#1b7f3b"),
    "catching_up": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Catching up…"), "#1f5fbf"),
    "reconnecting": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Reconnecting…"), "#b3261e"),
    "disconnected": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Redis unreachable"), "#b3261e"),
    "refused": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Redis refused"), "#b3261e"),
    # The relay cannot read its own outbox (database locked, disk full, server gone).
    "database": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Database unavailable"), "#b3261e"),
    "stopped": (QT_TRANSLATE_NOOP("ConnectionIndicator", "Stopped"), "#666666"),
}


class ConnectionIndicator(QWidget):
    """A coloured dot with the connection state, and a badge of events waiting to be sent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel("●", self)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.queue_label = QLabel(self)
        self.queue_label.setTextFormat(Qt.TextFormat.PlainText)
        self.queue_label.setObjectName("queueBadge")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.label)
        layout.addWidget(self.queue_label)
        self.queued = 0
        self.state = "starting"
        self.set_state("starting", "")
        self.set_queued(0)

    def set_state(self, state: str, detail: str) -> None:
        self.state = state
        text, colour = _STATE_TEXT.get(state, (state, "#666666"))
        text = QCoreApplication.translate("ConnectionIndicator", str(text))
        self.dot.setStyleSheet(f"color: {colour};")
        self.label.setText(text)
        self.setToolTip(detail or text)

    def set_queued(self, count: int) -> None:
        self.queued = count
        self.queue_label.setVisible(count > 0)
        self.queue_label.setText(QCoreApplication.translate("ConnectionIndicator", "%n queued", "", count))
        self.queue_label.setStyleSheet(
            "background: #b3261e; color: white; border-radius: 7px; padding: 0 6px;" if count else ""
        )
