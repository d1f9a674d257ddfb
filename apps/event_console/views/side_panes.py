"""The tabs beside the event table: the selected event in full, the rejected messages, the gaps.

Everything here came from the wire: it is shown as plain text only, never as rich text.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableView, QTabWidget, QVBoxLayout, QWidget

REJECTED_TAB = 1
# The log pane keeps the latest lines only: a flood of junk must not grow the window's memory.
REJECTED_LOG_LINES = 500
REJECTED_SHOWN_PER_BATCH = 200


class SidePanes(QTabWidget):
    """Details, Rejected (counts by reason and the latest messages) and Gaps."""

    def __init__(self, rejections: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = QPlainTextEdit(self)
        self.details.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Event details"))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setPlaceholderText(QCoreApplication.translate("ConsoleWindow", "Select an event to see all of it"))
        font = QGuiApplication.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.details.setFont(font)
        # Which entity the event is about, origin included: the JSON of an event published
        # before envelopes carried their origin (or of the older system) does not say.
        self.details_identity = QLabel(self)
        self.details_identity.setTextFormat(Qt.TextFormat.PlainText)
        self.details_identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_identity.setVisible(False)
        details = QWidget(self)
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.details_identity)
        details_layout.addWidget(self.details, 1)
        self.addTab(details, QCoreApplication.translate("ConsoleWindow", "Details"))
        rejected = QWidget(self)
        layout = QVBoxLayout(rejected)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rejected_table = QTableView(self)
        self.rejected_table.setAccessibleName(
            QCoreApplication.translate("ConsoleWindow", "Rejected messages by reason")
        )
        self.rejected_table.setModel(rejections)
        self.rejected_table.verticalHeader().setVisible(False)
        self.rejected_table.horizontalHeader().setStretchLastSection(True)
        self.rejected_log = QPlainTextEdit(self)
        self.rejected_log.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Latest rejected messages"))
        self.rejected_log.setReadOnly(True)
        self.rejected_log.setMaximumBlockCount(REJECTED_LOG_LINES)
        self.rejected_log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.rejected_table, 1)
        layout.addWidget(QLabel(QCoreApplication.translate("ConsoleWindow", "Latest rejected messages"), self))
        layout.addWidget(self.rejected_log, 2)
        self.addTab(rejected, QCoreApplication.translate("ConsoleWindow", "Rejected (0)"))
        self.gaps_log = QPlainTextEdit(self)
        self.gaps_log.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Gaps"))
        self.gaps_log.setReadOnly(True)
        self.gaps_log.setPlaceholderText(
            QCoreApplication.translate("ConsoleWindow", "No gaps: every event is accounted for")
        )
        self.addTab(self.gaps_log, QCoreApplication.translate("ConsoleWindow", "Gaps"))

    def show_event(self, event_id: str, raw: str | None, entity: str = "", origin: str = "") -> None:
        """The stored JSON of one event, pretty-printed (as stored if it is not JSON), under the
        entity it is about and its origin (when the table holds the event)."""
        self.details_identity.setText(
            QCoreApplication.translate("ConsoleWindow", "{0} · origin {1}").format(entity, origin) if entity else ""
        )
        self.details_identity.setVisible(bool(entity))
        if raw is None:
            self.details.setPlainText(
                QCoreApplication.translate("ConsoleWindow", "Event {0} is not in the database.").format(event_id)
            )
            return
        try:
            text = json.dumps(json.loads(raw), indent=2, ensure_ascii=False, sort_keys=False)
        except ValueError:
            text = raw
        self.details.setPlainText(text)

    def show_rejected(self, rejections: Sequence[Any]) -> None:
        """Log the latest of these rejections (each has received_at, reason, channel, size,
        detail and preview)."""
        lines = []
        for r in rejections[-REJECTED_SHOWN_PER_BATCH:]:
            stamp = time.strftime("%H:%M:%S", time.localtime(r.received_at))
            lines.append(f"{stamp}  {r.reason}  {r.channel}  {r.size} B  {r.detail}  | {r.preview}")
        self.rejected_log.appendPlainText("\n".join(lines))

    def set_rejected_total(self, total: int) -> None:
        self.setTabText(REJECTED_TAB, QCoreApplication.translate("ConsoleWindow", "Rejected ({0})").format(total))

    def add_gap(self, detected_at: float, text: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(detected_at))
        self.gaps_log.appendPlainText(f"{stamp}  {text}")

    def add_stored_gaps(self, descriptions: Iterable[str]) -> None:
        """Gaps found before this start (from the history database), oldest first."""
        for text in descriptions:
            self.gaps_log.appendPlainText(text)
