"""An entity's history as a table: when, type, operator, host, what changed, summary."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from event_console.audit import AuditEntry, describe_changes
from integrado.qt.tooltip import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex
WHEN, TYPE, USER, HOST, CHANGES, SUMMARY = range(6)
_COLUMNS = 6


class AuditTrailModel(QAbstractTableModel):
    """One row per event of an entity, oldest first; every cell plain text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []
        self._changes: list[str] = []
        self._headers = [
            QCoreApplication.translate("AuditTrailModel", "When"),
            QCoreApplication.translate("AuditTrailModel", "Type"),
            QCoreApplication.translate("AuditTrailModel", "Operator"),
            QCoreApplication.translate("AuditTrailModel", "Host"),
            QCoreApplication.translate("AuditTrailModel", "Changes"),
            QCoreApplication.translate("AuditTrailModel", "Summary"),
        ]

    @property
    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._changes = [describe_changes(e.changes) for e in self._entries]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._entries)) or not (0 <= column < _COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < _COLUMNS:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self.text(index.row(), index.column())
        # Event content is hostile until shown: a tooltip would render it as rich text.
        return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole and text else text

    def text(self, row: int, column: int) -> str:
        entry = self._entries[row]
        if column == WHEN:
            return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.when))
        if column == TYPE:
            return entry.type
        if column == USER:
            return entry.user
        if column == HOST:
            return entry.host
        if column == CHANGES:
            return self._changes[row]
        return entry.summary
