"""Rejected messages counted by reason (a small exact table model)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from integrado.qt.status import reason_label
from integrado.qt.tooltip import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex


class RejectionCountModel(QAbstractTableModel):
    """One row per rejection reason: reason, count, the latest detail (plain text)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._reasons: list[str] = []
        self._counts: dict[str, int] = {}
        self._details: dict[str, str] = {}
        self._headers = [self.tr("Reason"), self.tr("Count"), self.tr("Latest detail")]

    @property
    def total(self) -> int:
        return sum(self._counts.values())

    def count(self, reason: str) -> int:
        return self._counts.get(reason, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._reasons)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._reasons)) or not (0 <= column < 3):
            return QModelIndex()
        return self.createIndex(row, column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._reasons)):
            return None
        reason = self._reasons[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                # The code as stored (and as `integrado` commands print it); its meaning on hover.
                text = reason if role == Qt.ItemDataRole.DisplayRole else f"{reason_label(reason)} ({reason})"
            elif index.column() == 1:
                text = str(self._counts[reason])
            else:
                text = self._details.get(reason, "")
            # The detail quotes what the hostile message held: Qt would render it as rich text.
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole and text else text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_counts(self, counts: dict[str, int]) -> None:
        self.beginResetModel()
        self._reasons = sorted(counts)
        self._counts = dict(counts)
        self._details = {}
        self.endResetModel()

    def add(self, rejections: Iterable[Any]) -> None:
        """Count Rejection objects (reason, detail); new reasons become rows in sorted place."""
        changed: set[str] = set()
        for rejection in rejections:
            reason = str(rejection.reason)
            if reason not in self._counts:
                at = sum(1 for r in self._reasons if r < reason)
                self.beginInsertRows(QModelIndex(), at, at)
                self._reasons.insert(at, reason)
                self._counts[reason] = 0
                self.endInsertRows()
            self._counts[reason] += 1
            self._details[reason] = str(rejection.detail)
            changed.add(reason)
        for reason in changed:
            row = self._reasons.index(reason)
            self.dataChanged.emit(self.index(row, 1), self.index(row, 2))
