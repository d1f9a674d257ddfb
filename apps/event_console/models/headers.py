"""The event table's columns as the window's first frame shows them, before any event is held.

`ColumnHeaders` is a model with the event table's columns, their titles and no row: the window
is built and painted on it (its header restores the saved widths, order and sort) while numpy
and the column store are still being imported; `EventTableModel` is the same columns with the
events in them. No numpy here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from event_console.columns.layout import COLUMN_COUNT, LATENCY
from integrado.events.system import System

_Index = QModelIndex | QPersistentModelIndex

SOURCE_LABELS: dict[str, str] = {System.CALLSYSTEM: "CallSystem", System.TASKMANAGER: "TaskManager"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def column_titles() -> list[str]:
    """The columns' titles in the window's language, in column order."""
    # Literal translate() calls: the catalogue tool reads only those.
    return [
        QCoreApplication.translate("EventTableModel", "Received"),
        QCoreApplication.translate("EventTableModel", "Occurred"),
        QCoreApplication.translate("EventTableModel", "Source"),
        QCoreApplication.translate("EventTableModel", "Type"),
        QCoreApplication.translate("EventTableModel", "Entity"),
        QCoreApplication.translate("EventTableModel", "Summary"),
        QCoreApplication.translate("EventTableModel", "Operator"),
        QCoreApplication.translate("EventTableModel", "Host"),
        QCoreApplication.translate("EventTableModel", "Latency"),
        QCoreApplication.translate("EventTableModel", "Type (code)"),
    ]


class ColumnHeaders(QAbstractTableModel):
    """The event table's columns with no row: what the table shows until its events are loaded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = column_titles()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return column_header(self._headers, section, role)
        return None


def column_header(titles: list[str], section: int, role: int) -> Any:
    """A column's horizontal header, as both the first frame's model and the events' show it."""
    if 0 <= section < COLUMN_COUNT:
        if role == Qt.ItemDataRole.DisplayRole:
            return titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == LATENCY:
            return _RIGHT
    return None
