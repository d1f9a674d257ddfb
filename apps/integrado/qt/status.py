"""The status-bar indicator every app shows: Redis connection state and queued events."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from integrado.qt.announce import announce
from integrado.qt.text_style import style_text
from integrado.states import ConnectionState

# Marked for lupdate here, translated when shown (the language is chosen after import).
_STATE_TEXT: dict[ConnectionState, tuple[object, str]] = {
    ConnectionState.STARTING: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Connecting…"), "#8a6d00"),
    ConnectionState.CONNECTING: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Connecting…"), "#8a6d00"),
    ConnectionState.CONNECTED: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Redis connected"), "#1b7f3b"),
    ConnectionState.LIVE: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Live"), "#1b7f3b"),
    ConnectionState.CATCHING_UP: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Catching up…"), "#1f5fbf"),
    ConnectionState.RECONNECTING: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Reconnecting…"), "#b3261e"),
    ConnectionState.DISCONNECTED: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Redis unreachable"), "#b3261e"),
    # {reason}: the server's own words ("MISCONF ...", "NOREPLICAS ..."), filled in when shown.
    ConnectionState.REFUSED: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Redis refuses writes: {reason}"), "#b3261e"),
    ConnectionState.DATABASE: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Database unavailable"), "#b3261e"),
    # %n: events waiting in the streams, not lost: stored once the history can write again.
    ConnectionState.HISTORY_FULL: (
        QT_TRANSLATE_NOOP("ConnectionIndicator", "History disk full: %n event(s) waiting"),
        "#b3261e",
    ),
    ConnectionState.HISTORY_READ_ONLY: (
        QT_TRANSLATE_NOOP("ConnectionIndicator", "History read-only: %n event(s) waiting"),
        "#b3261e",
    ),
    ConnectionState.ERROR: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Error, retrying…"), "#b3261e"),
    ConnectionState.STOPPED: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Stopped"), "#666666"),
    ConnectionState.ON_SERVER: (QT_TRANSLATE_NOOP("ConnectionIndicator", "Published by the office server"), "#1b7f3b"),
}
_UNKNOWN_COLOUR = "#666666"

# Why a message was rejected (`RejectReason` values), in words for a supervisor.
_REASON_TEXT: dict[str, object] = {
    "too_large": QT_TRANSLATE_NOOP("ConnectionIndicator", "Too large"),
    "not_utf8": QT_TRANSLATE_NOOP("ConnectionIndicator", "Not UTF-8 text"),
    "not_json": QT_TRANSLATE_NOOP("ConnectionIndicator", "Not JSON"),
    "too_deep": QT_TRANSLATE_NOOP("ConnectionIndicator", "Nested too deeply"),
    "non_finite_number": QT_TRANSLATE_NOOP("ConnectionIndicator", "A number that is not finite"),
    "duplicate_key": QT_TRANSLATE_NOOP("ConnectionIndicator", "A key given twice"),
    "not_object": QT_TRANSLATE_NOOP("ConnectionIndicator", "Not a JSON object"),
    "control_characters": QT_TRANSLATE_NOOP("ConnectionIndicator", "Hidden control characters"),
    "unknown_schema_version": QT_TRANSLATE_NOOP("ConnectionIndicator", "Unknown envelope version"),
    "schema_violation": QT_TRANSLATE_NOOP("ConnectionIndicator", "Not a valid event"),
    "wrong_channel": QT_TRANSLATE_NOOP("ConnectionIndicator", "Sent on the other app's channel"),
    "unstorable": QT_TRANSLATE_NOOP(
        "ConnectionIndicator", "Valid, but the history cannot store it (a value out of range)"
    ),
}


def reason_label(reason: str) -> str:
    """A rejection reason code in the user's language; an unknown code is shown as it is."""
    text = _REASON_TEXT.get(str(reason))
    return QCoreApplication.translate("ConnectionIndicator", str(text)) if text else str(reason)


# States whose detail is a count, shown with the text's plural form.
_COUNTED = (ConnectionState.HISTORY_FULL, ConnectionState.HISTORY_READ_ONLY)
# Read out by screen readers when the indicator changes to them: losing the connection (urgent),
# and having it back after a loss.
_LOST = (ConnectionState.RECONNECTING, ConnectionState.DISCONNECTED, ConnectionState.DATABASE, ConnectionState.ERROR)
_SPOKEN = (*_LOST, ConnectionState.LIVE, ConnectionState.CONNECTED)


class ConnectionIndicator(QWidget):
    """A coloured dot with the connection state, and a badge of events waiting to be sent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel("●", self)
        # Its colour is what it says, and the state's text follows it: named, it is read
        # "Connection: Live" rather than "black circle".
        self.dot.setAccessibleName(QCoreApplication.translate("ConnectionIndicator", "Connection:"))
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
        self.dead_label = QLabel(self)
        self.dead_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dead_label.setObjectName("deadLetterBadge")
        self.dead_label.setVisible(False)
        layout.addWidget(self.dead_label)
        self.dead_letters = 0
        self.queued = 0
        self.state: ConnectionState | str = ConnectionState.STARTING
        self.set_state(ConnectionState.STARTING, "")
        self.set_queued(0)

    def set_state(self, state: str, detail: str) -> None:
        """Show `state` (a ConnectionState, or its text as a Qt signal delivers it); a state this
        table does not know is shown as it is rather than hidden."""
        before = self.state
        try:
            self.state = ConnectionState(state)
        except ValueError:
            self.state = state
        entry = _STATE_TEXT.get(self.state) if isinstance(self.state, ConnectionState) else None
        if entry is None:
            text, colour = str(state), _UNKNOWN_COLOUR
        elif self.state in _COUNTED:
            waiting = int(detail) if detail.isdigit() else 0
            text, colour = QCoreApplication.translate("ConnectionIndicator", str(entry[0]), "", waiting), entry[1]
            detail = QCoreApplication.translate(
                "ConnectionIndicator",
                "The console stores no events until its history can be written again (free some "
                "space, or restore write access); it then catches up by itself, losing nothing.",
            )
        else:
            text, colour = QCoreApplication.translate("ConnectionIndicator", str(entry[0])), entry[1]
            reason = detail if len(detail) <= 80 else detail[:79] + "…"
            text = text.replace("{reason}", reason)
        style_text(self.dot, colour)
        self.label.setText(text)
        self.setToolTip(detail or text)
        if self.state != before and (self.state in _LOST or (self.state in _SPOKEN and before in _LOST)):
            # A screen reader user does not see the dot turn red: say that Redis went away
            # (or came back), once per change.
            announce(self, text, urgent=self.state in _LOST)
        self._show_queued()

    def set_dead_letters(self, count: int) -> None:
        """Events that can never be sent (shown until someone requeues or clears them)."""
        self.dead_letters = count
        self.dead_label.setVisible(count > 0)
        self.dead_label.setText(QCoreApplication.translate("ConnectionIndicator", "%n dead letter(s)", "", count))
        self.dead_label.setToolTip(
            QCoreApplication.translate(
                "ConnectionIndicator",
                "Events that could not be sent. List them with 'integrado outbox list-dead'; "
                "send them again with 'integrado outbox requeue'.",
            )
        )
        self.dead_label.setStyleSheet(
            "background: #5f2120; color: white; border-radius: 7px; padding: 0 6px;" if count else ""
        )

    def set_queued(self, count: int) -> None:
        self.queued = count
        self._show_queued()

    def _show_queued(self) -> None:
        count = self.queued
        self.queue_label.setVisible(count > 0)
        if self.state == ConnectionState.ON_SERVER:
            # The PC does not publish: these rows wait for the office's relay service, not for us.
            text = QCoreApplication.translate("ConnectionIndicator", "events queued on the server: %n", "", count)
        else:
            text = QCoreApplication.translate("ConnectionIndicator", "%n queued", "", count)
        self.queue_label.setText(text)
        self.queue_label.setStyleSheet(
            "background: #b3261e; color: white; border-radius: 7px; padding: 0 6px;" if count else ""
        )
