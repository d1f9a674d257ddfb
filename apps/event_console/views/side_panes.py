"""The tabs beside the event table: the selected event in full, the rejected messages, the gaps.

Everything here came from the wire: it is shown as plain text only, never as rich text.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from event_console.wording import Wording

REJECTED_TAB = 1
# The log pane keeps the latest lines only: a flood of junk must not grow the window's memory.
REJECTED_LOG_LINES = 500
REJECTED_SHOWN_PER_BATCH = 200
# A value longer than this is cut in the form (the JSON view holds it whole).
FORM_VALUE_CHARS = 600


def _plain(value: Any) -> str:
    """A value of the event as one readable text (nested values as compact JSON)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= FORM_VALUE_CHARS else text[: FORM_VALUE_CHARS - 1] + "…"


def _escaped(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _when(text: Any) -> str:
    """An RFC 3339 time as the window's locale writes a local date and time."""
    moment = QDateTime.fromString(str(text), Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return str(text)
    return QLocale().toString(moment.toLocalTime(), "yyyy-MM-dd HH:mm:ss")


class EventDetails(QWidget):
    """The selected event: its fields as a form with wrapped values (plain text: everything
    came from the wire), and its JSON as stored on demand."""

    def __init__(self, wording: Wording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wording = wording
        self.identity = QLabel(self)
        self.identity.setTextFormat(Qt.TextFormat.PlainText)
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity.setVisible(False)
        self.json_toggle = QCheckBox(QCoreApplication.translate("ConsoleWindow", "Show the JSON"), self)
        self.json_toggle.setToolTip(QCoreApplication.translate("ConsoleWindow", "The event exactly as it arrived"))
        self.placeholder = QLabel(QCoreApplication.translate("ConsoleWindow", "Select an event to see all of it"), self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        # The form as a read-only document: each label above its value (the pane is narrow, a
        # value gets its whole width), wrapped at words or, for a long id, anywhere. A read-only
        # text edit with a caret, not a text browser: a screen reader takes a browser for a
        # label (Orca read "Event fields label" and nothing of the fields) and its arrow keys
        # scroll without a caret to follow; here the arrows move the caret line by line and
        # each line is read.
        self.form_area = QTextEdit(self)
        self.form_area.setObjectName("eventFields")
        self.form_area.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Event fields"))
        self.form_area.setAccessibleDescription(
            QCoreApplication.translate("ConsoleWindow", "Each field's name, then its value; the arrow keys read them")
        )
        self.form_area.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.json = QPlainTextEdit(self)
        self.json.setObjectName("eventJson")
        self.json.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Event details"))
        self.json.setAccessibleDescription(
            QCoreApplication.translate("ConsoleWindow", "The event exactly as it arrived")
        )
        self.json.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QGuiApplication.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.json.setFont(font)
        for view in (self.form_area, self.json):
            view.setReadOnly(True)  # first: it sets the interaction flags of its own
            view.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
            )
            view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            view.setTabChangesFocus(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.form_area)
        self.stack.addWidget(self.json)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.identity)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.json_toggle)
        self.json_toggle.toggled.connect(lambda _on: self._show_page())
        self.fields: list[tuple[str, str]] = []  # (label, value) as the form shows them
        self.clear()

    def tab_order(self) -> list[QWidget]:
        """The pane's Tab stops in reading order: the event (its form or its JSON), then the
        switch between them below it."""
        return [self.form_area, self.json, self.json_toggle]

    def focus_shown(self) -> None:
        """Give the keyboard to what the pane shows of the event (nothing when it shows none)."""
        page = self.stack.currentWidget()
        if page is not None and page is not self.placeholder:
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Nothing selected: no event shown."""
        self.identity.clear()
        self.identity.setVisible(False)
        self.json.clear()
        self._fill([])
        self._show_page()

    def show_event(self, event_id: str, raw: str | None, entity: str = "", origin: str = "") -> None:
        self.identity.setText(
            QCoreApplication.translate("ConsoleWindow", "{0} · origin {1}").format(entity, origin) if entity else ""
        )
        self.identity.setVisible(bool(entity))
        if raw is None:
            missing = QCoreApplication.translate("ConsoleWindow", "Event {0} is not in the database.").format(event_id)
            self.json.setPlainText(missing)
            self._fill([(QCoreApplication.translate("ConsoleWindow", "Event"), missing)])
            self._show_page()
            return
        try:
            event = json.loads(raw)
        except ValueError:
            event = None
        self.json.setPlainText(
            json.dumps(event, indent=2, ensure_ascii=False, sort_keys=False) if event is not None else raw
        )
        self._fill(
            self._rows(event)
            if isinstance(event, dict)
            else [(QCoreApplication.translate("ConsoleWindow", "Event"), _plain(raw))]
        )
        self._show_page()

    def _show_page(self) -> None:
        if not self.fields:
            self.stack.setCurrentWidget(self.placeholder)
        else:
            self.stack.setCurrentWidget(self.json if self.json_toggle.isChecked() else self.form_area)

    def _rows(self, event: dict[str, Any]) -> list[tuple[str, str]]:
        w = self.wording
        rows: list[tuple[str, str]] = []
        event_type = event.get("type")
        if isinstance(event_type, str):
            rows.append(
                (QCoreApplication.translate("ConsoleWindow", "Event"), f"{w.type_name(event_type)} ({event_type})")
            )
        if "occurred_at" in event:
            rows.append((QCoreApplication.translate("ConsoleWindow", "When"), _when(event["occurred_at"])))
        actor = event.get("actor") if isinstance(event.get("actor"), dict) else {}
        assert isinstance(actor, dict)
        for label, value in (
            (QCoreApplication.translate("ConsoleWindow", "Operator"), actor.get("user")),
            (QCoreApplication.translate("ConsoleWindow", "Host"), actor.get("host")),
        ):
            if value:
                rows.append((label, _plain(value)))
        data = event.get("data") if isinstance(event.get("data"), dict) else {}
        assert isinstance(data, dict)
        status = data.get("status", event.get("status"))
        if isinstance(status, str) and status:
            rows.append((QCoreApplication.translate("ConsoleWindow", "Status"), w.status_name(status)))
        changes = event.get("changes")
        if isinstance(changes, dict):
            for name, pair in changes.items():
                if isinstance(pair, list) and len(pair) == 2:
                    old, new = (
                        w.status_name(v) if name == "status" and isinstance(v, str) else _plain(v) for v in pair
                    )
                    rows.append(
                        (
                            QCoreApplication.translate("ConsoleWindow", "Changed: {0}").format(
                                w.fields.get(name, name)
                            ),
                            f"{old} → {new}",
                        )
                    )
        for name, value in data.items():
            if name != "status":
                text = _plain(value)
                rows.append((w.fields.get(str(name), str(name)), w.values.get(text, text)))
        labels = {
            "event_id": QCoreApplication.translate("ConsoleWindow", "Event id"),
            "correlation_id": QCoreApplication.translate("ConsoleWindow", "Correlation id"),
            "seq": QCoreApplication.translate("ConsoleWindow", "Sequence number"),
            "origin": QCoreApplication.translate("ConsoleWindow", "Origin"),
        }
        for name, label in labels.items():
            if name in event:
                rows.append((label, _plain(event[name])))
        # The rest (the older system's keys, which repeat `data`, and the envelope's schema)
        # is in the JSON view.
        return rows

    def _fill(self, rows: list[tuple[str, str]]) -> None:
        self.fields = rows
        # Every value is escaped: the document shows the event's text, never markup of its own.
        self.form_area.setHtml(
            "".join(
                f"<p style='margin:0'><b>{_escaped(label)}</b></p><p style='margin:0 0 6px 0'>{_escaped(value)}</p>"
                for label, value in rows
            )
        )


class SidePanes(QTabWidget):
    """Details, Rejected (counts by reason and the latest messages) and Gaps."""

    def __init__(
        self, rejections: QAbstractItemModel, parent: QWidget | None = None, wording: Wording | None = None
    ) -> None:
        super().__init__(parent)
        self.event_details = EventDetails(wording or Wording(QCoreApplication.translate), self)
        self.details = self.event_details.json  # the JSON as stored
        # Which entity the event is about, origin included: the JSON of an event published
        # before envelopes carried their origin (or of the older system) does not say.
        self.details_identity = self.event_details.identity
        self.addTab(self.event_details, QCoreApplication.translate("ConsoleWindow", "Details"))
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

    def tab_order(self) -> list[QWidget]:
        """The panes' Tab stops in reading order (the tab bar first; a hidden page's are passed
        over). The tab widget itself comes before its bar: it stands for its bar in the chain,
        and left anywhere else it would send Tab back to the bar from there."""
        return [
            self,
            self.tabBar(),
            *self.event_details.tab_order(),
            self.rejected_table,
            self.rejected_log,
            self.gaps_log,
        ]

    def show_event(self, event_id: str, raw: str | None, entity: str = "", origin: str = "") -> None:
        """One event as a form and as its stored JSON, pretty-printed (as stored if it is not
        JSON), under the entity it is about and its origin (when the table holds the event)."""
        self.event_details.show_event(event_id, raw, entity, origin)

    def clear_event(self) -> None:
        """No event selected: the details pane shows none."""
        self.event_details.clear()

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
