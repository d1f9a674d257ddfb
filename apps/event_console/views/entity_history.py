"""The dialog "History of call #13": every event of one entity (system, origin, id) from the
history database, oldest first, with who did it from which PC and what changed, and the action
"Export audit trail…" that writes it to CSV or JSON Lines in one go.

It shows what it is given and says what the supervisor asked for with a signal; reading and
writing are the presenter's (`event_console.audit_presenter`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from event_console.audit import AuditEntry, EntityRef
from event_console.columns.layout import origin_label
from event_console.models.audit_trail import SUMMARY, AuditTrailModel


class EntityHistoryDialog(QDialog):
    """One entity's audit trail; `export_requested(path, format)` when the supervisor exports it."""

    export_requested = Signal(object, str)  # Path, "csv" or "jsonl"

    def __init__(self, ref: EntityRef, shown_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityHistoryDialog")
        self.ref = ref
        # Replaceable (tests): ask where and in which format to write, then call `chosen`.
        self.ask_export_path: Callable[[Callable[[Path, str], None]], None] = self._ask_export_path
        self.setWindowTitle(self.tr("History of %1").replace("%1", shown_label))
        self.resize(1000, 520)

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        origin = origin_label(ref.origin) if ref.origin else "—"
        self.heading.setText(
            self.tr("%1 · source %2 · origin %3")
            .replace("%1", ref.label)
            .replace("%2", ref.system)
            .replace("%3", origin)
        )
        self.heading.setToolTip(ref.origin)
        self.model = AuditTrailModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self.tr("Loading the history…"), self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("auditStatus")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("Export audit trail…"), self)
        self.export_button.setObjectName("exportAuditTrail")
        self.export_button.setToolTip(
            self.tr("Write every event of this entity, with who, when, what and the changes, to CSV or JSON Lines")
        )
        self.export_button.setEnabled(False)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(lambda: self.ask_export_path(self._export_chosen))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    # -- what the presenter shows ---------------------------------------------------------------

    def show_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.model.set_entries(entries)
        users = sorted({e.user for e in entries if e.user})
        self.status.setText(
            self.tr("%n event(s)", "", len(entries))
            + (self.tr(" · by %1").replace("%1", ", ".join(users)) if users else "")
        )
        self.export_button.setEnabled(bool(entries))
        if entries:
            self.table.scrollToBottom()

    def show_failed(self, reason: str) -> None:
        self.status.setText(self.tr("Could not read the history: %1").replace("%1", reason))

    def show_exported(self, path: Path, count: int) -> None:
        self.status.setText(self.tr("Audit trail written: %n event(s) to %1", "", count).replace("%1", str(path)))

    def show_export_failed(self, reason: str) -> None:
        self.status.setText(self.tr("The audit trail was not written: %1").replace("%1", reason))

    # -- export --------------------------------------------------------------------------------

    def _export_chosen(self, path: Path, fmt: str) -> None:
        self.export_requested.emit(path, fmt)

    def _ask_export_path(self, chosen: Callable[[Path, str], None]) -> None:
        """A save dialog offering both formats (window-modal, never a nested event loop)."""
        csv_filter, jsonl_filter = self.tr("CSV (*.csv)"), self.tr("JSON Lines (*.jsonl)")
        dialog = QFileDialog(self, self.tr("Export audit trail"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([csv_filter, jsonl_filter])
        name = f"audit-{self.ref.system}-{self.ref.entity_id}-{time.strftime('%Y%m%d-%H%M%S')}"
        dialog.selectFile(f"{name}.csv")
        dialog.setDefaultSuffix("csv")
        dialog.filterSelected.connect(
            lambda chosen_filter: dialog.setDefaultSuffix("jsonl" if chosen_filter == jsonl_filter else "csv")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def selected(path: str) -> None:
            fmt = "jsonl" if dialog.selectedNameFilter() == jsonl_filter or path.endswith(".jsonl") else "csv"
            chosen(Path(path), fmt)

        dialog.fileSelected.connect(selected)
        dialog.open()
