"""The event table: a QAbstractTableModel over compact columns that sorts and filters itself.

No QSortFilterProxyModel: a proxy compares rows through Python calls (about 20 s to re-sort
100,000 rows). Here the visible rows are one numpy permutation index (`_order`, storage rows in
display order) computed with `numpy.argsort` over a column; a batch of new events is merged
into it at `searchsorted` positions, one `beginInsertRows` per contiguous block.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from event_console.columns.layout import (
    COLUMN_COUNT,
    ENTITY,
    HOST,
    LATENCY,
    OCCURRED,
    OPERATOR,
    RECEIVED,
    SOURCE,
    SUMMARY,
    TYPE,
    TYPE_CODE,
    RowData,
)
from event_console.columns.store import EventColumns
from event_console.filters import EventFilter
from event_console.intake.batch import RowBatch
from event_console.models.headers import SOURCE_LABELS, column_header, column_titles
from event_console.wording import Wording
from integrado.events.system import System
from integrado.qt.tooltip import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex

# Colours per source (text) and a tint for legacy rows; readable on light and dark palettes.
SOURCE_COLOURS: dict[str, QColor] = {System.CALLSYSTEM: QColor("#1f5fbf"), System.TASKMANAGER: QColor("#1b7f3b")}
OTHER_SOURCE_COLOUR = QColor("#8a6d00")
LEGACY_BACKGROUND = QColor(255, 243, 205, 110)

# Beyond this many insert positions in one batch, one insert at the end plus a layout change
# is cheaper than a beginInsertRows per block (each moves the whole index once).
MAX_INSERT_BLOCKS = 8

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def format_time(epoch: float, today: float | None = None) -> str:
    """Local time with milliseconds; the date too when it is not today."""
    if math.isnan(epoch):
        return ""
    moment = datetime.fromtimestamp(epoch)
    if today is not None and epoch >= today:
        return moment.strftime("%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def format_latency(ms: float) -> str:
    if math.isnan(ms):
        return ""
    if abs(ms) >= 10_000:
        return f"{ms / 1000:.1f} s"
    return f"{ms:.1f} ms"


class EventTableModel(QAbstractTableModel):
    """Every event as a row; sorted and filtered by its own column data (see module doc)."""

    pending_changed = Signal(int)  # events stored while paused, not yet shown
    rows_appended = Signal(int)  # new rows shown (for follow-newest)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.cols = EventColumns()
        self._order: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._keys: npt.NDArray[Any] | None = None  # sort keys in display order, ascending space
        self._sort_column = RECEIVED
        self._descending = True
        self._vocab_sizes: dict[str, int] = {}
        self._filter = EventFilter()
        self._floor = 0  # "clear view": rows stored before this are not shown
        self._shown_upto = 0  # rows stored from here on wait for "resume"
        self._paused = False
        self._today = _start_of_today()
        self._keys = self._keys_of(self._order)
        self._summary_rank: npt.NDArray[np.int64] | None = None
        self._summary_rank_upto = 0
        self._summary_rank_cols: EventColumns | None = None
        # (storage row, column) -> display text; a stored event never changes.
        self._text_cache: dict[tuple[int, int], str] = {}
        self._many_origins = self.cols.many_origins  # what the cached entity texts were made for
        self._headers = column_titles()
        # The composed texts in the window's language, their templates translated once.
        self.wording = Wording(QCoreApplication.translate)
        self._type_ranks: npt.NDArray[np.int32] | None = None  # per type code: its name's place
        self._legacy_label = self.tr("legacy")
        self._italic = QFont()
        self._italic.setItalic(True)
        self._source_brushes = {k: QBrush(v) for k, v in SOURCE_COLOURS.items()}
        self._other_brush = QBrush(OTHER_SOURCE_COLOUR)
        self._legacy_brush = QBrush(LEGACY_BACKGROUND)

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._order)) or not (0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return column_header(self._headers, section, role)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and section >= 0:
            return str(section + 1) if section < len(self._order) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each repaint: plain int comparisons
        # and a cache of formatted strings keep a full repaint in the low milliseconds.
        if role == _TOOLTIP:
            # A tooltip that looks like markup is rendered as rich text: event text is escaped
            # (an "<img src=...>" in a caller's name must show as typed, never load or format).
            text = self.data(index, _DISPLAY)
            return plain_tooltip(text) if text else None
        if role == _DISPLAY:
            row = index.row()
            if not index.isValid() or row >= len(self._order):
                return None
            key = (int(self._order[row]), index.column())
            text = self._text_cache.get(key)
            if text is None:
                if len(self._text_cache) > 20_000:
                    self._text_cache.clear()
                text = self._text_cache[key] = self._display(*key)
            return text
        if role == _FOREGROUND:
            if index.column() != SOURCE or not index.isValid() or index.row() >= len(self._order):
                return None
            storage = int(self._order[index.row()])
            return self._source_brushes.get(self.cols.text("source", storage), self._other_brush)
        if role in (_BACKGROUND, _FONT):
            if not index.isValid() or index.row() >= len(self._order):
                return None
            if not self.cols.legacy[self._order[index.row()]]:
                return None
            return self._legacy_brush if role == _BACKGROUND else self._italic
        if role == _ALIGNMENT:
            return _RIGHT if index.column() == LATENCY and index.isValid() else None
        if role == SORT_ROLE and index.isValid() and index.row() < len(self._order):
            return self._sort_value(int(self._order[index.row()]), index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < COLUMN_COUNT):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        old = self._order
        if column == self._sort_column and descending != self._descending:
            # The same column the other way round: descending is exactly ascending reversed
            # (ties included), so no comparison is needed, even for the summary text.
            self._descending = descending
            self._order = old[::-1].copy()
            self._keys = self._keys_of(self._order)
        else:
            self._sort_column, self._descending = column, descending
            self._order = self._sorted(np.sort(old))
        self._remap_persistent(old, self._order)
        self.layoutChanged.emit()

    # -- cells -------------------------------------------------------------------------------

    def _display(self, storage: int, column: int) -> str:
        cols = self.cols
        if column == RECEIVED:
            return format_time(float(cols.received[storage]), self._today)
        if column == OCCURRED:
            return format_time(float(cols.occurred[storage]), self._today)
        if column == SOURCE:
            system = cols.text("source", storage)
            label = SOURCE_LABELS.get(system, system)
            return f"{label} · {self._legacy_label}" if cols.legacy[storage] else label
        if column == TYPE:
            return self.wording.type_name(cols.text("type", storage))
        if column == TYPE_CODE:
            return cols.text("type", storage)
        if column == ENTITY:
            return self.wording.entity(cols.entity_text(storage))
        if column == SUMMARY:
            return self.wording.summary(cols.summary[storage])
        if column == OPERATOR:
            return cols.text("operator", storage)
        if column == HOST:
            return cols.text("host", storage)
        return format_latency(float((cols.received[storage] - cols.occurred[storage]) * 1000.0))

    def _sort_value(self, storage: int, column: int) -> Any:
        cols = self.cols
        if column == RECEIVED:
            return float(cols.received[storage])
        if column == OCCURRED:
            return float(cols.occurred[storage])
        if column == LATENCY:
            return float((cols.received[storage] - cols.occurred[storage]) * 1000.0)
        if column == SOURCE:
            return cols.text("source", storage)
        # What the column sorts by: the type's name (TYPE) or code, the summary as stored.
        if column == TYPE_CODE:
            return cols.text("type", storage)
        if column == SUMMARY:
            return cols.summary[storage]
        return self._display(storage, column)

    # -- public API for the window -------------------------------------------------------------

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_descending(self) -> bool:
        return self._descending

    @property
    def current_filter(self) -> EventFilter:
        return self._filter

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def pending(self) -> int:
        return self.cols.size - self._shown_upto

    def storage_row(self, view_row: int) -> int:
        return int(self._order[view_row])

    def view_row_of_storage(self, storage: int) -> int | None:
        hits = np.flatnonzero(self._order == storage)
        return int(hits[0]) if len(hits) else None

    def visible_storage(self) -> npt.NDArray[np.int64]:
        """Storage rows in display order (a copy: exports read it while intake goes on)."""
        return self._order.copy()

    def event_id_at(self, view_row: int) -> str:
        return self.cols.event_id_of(self.storage_row(view_row))

    def display_text(self, storage: int, column: int) -> str:
        return self._display(storage, column)

    def append_rows(self, rows: Sequence[RowData]) -> None:
        """Store rows; show them now unless paused (then they wait, counted by `pending`)."""
        if rows:
            self.cols.extend(rows)
            self._appended()

    def append_batch(self, batch: RowBatch) -> None:
        """Like append_rows, for rows that arrive from the intake process in column form."""
        if batch.size:
            self.cols.extend_batch(batch)
            self._appended()

    def _appended(self) -> None:
        if self.cols.many_origins != self._many_origins:
            # A second origin of a source arrived: its entities now show an origin label.
            self._many_origins = self.cols.many_origins
            self._text_cache = {key: text for key, text in self._text_cache.items() if key[1] != ENTITY}
            if len(self._order):
                self.dataChanged.emit(self.index(0, ENTITY), self.index(len(self._order) - 1, ENTITY))
        if self._paused:
            self.pending_changed.emit(self.pending)
        else:
            self._show_new()

    def set_paused(self, paused: bool) -> None:
        if paused == self._paused:
            return
        self._paused = paused
        if not paused:
            self._show_new()
        self.pending_changed.emit(self.pending)

    def clear_view(self) -> None:
        """Hide what is shown (the history stays in the database); new events keep coming."""
        self.beginResetModel()
        self._floor = self._shown_upto
        self._order = np.zeros(0, dtype=np.int64)
        self._keys = self._keys_of(self._order)
        self.endResetModel()

    def replace_rows(self, rows: Sequence[RowData]) -> None:
        """Show exactly these rows (a history range), dropping what the view held."""
        cols = EventColumns(max(1024, len(rows)))
        for start in range(0, len(rows), 50_000):
            cols.extend(rows[start : start + 50_000])
        self.replace_columns(cols)

    def replace_columns(self, cols: EventColumns) -> None:
        """Show exactly the rows of `cols` (a history range, built off the GUI thread: the
        column store is plain numpy and Python, no Qt object), dropping what the view held."""
        self.beginResetModel()
        self._text_cache.clear()
        self.cols = cols
        self._type_ranks = None
        self._many_origins = cols.many_origins
        self._floor = 0
        # A history range the supervisor asked for shows even while live events are paused.
        self._shown_upto = self.cols.size
        self._today = _start_of_today()
        self._order = self._sorted(self._filtered(0, self._shown_upto))
        self.endResetModel()
        self.pending_changed.emit(self.pending)

    def set_filter(self, flt: EventFilter) -> None:
        if flt == self._filter:
            return
        self.beginResetModel()
        self._filter = flt
        self._order = self._sorted(self._filtered(self._floor, self._shown_upto))
        self.endResetModel()

    # -- sorting and merging -------------------------------------------------------------------

    def _filtered(self, start: int, stop: int) -> npt.NDArray[np.int64]:
        if stop <= start:
            return np.zeros(0, dtype=np.int64)
        if self._filter.is_empty:
            return np.arange(start, stop, dtype=np.int64)
        return np.flatnonzero(self._filter.mask(self.cols, start, stop, self.wording)).astype(np.int64) + start

    def _sort_key(self, column: int) -> npt.NDArray[Any] | None:
        """The column's numeric sort keys over all rows (None for the summary). Types sort by
        the name the table shows, in the window's language, not by their code."""
        if column != TYPE:
            return self.cols.sort_key(column)
        vocab = self.cols.vocab["type"]
        if self._type_ranks is None or len(self._type_ranks) != len(vocab):
            names = [self.wording.type_name(v) for v in vocab.values]
            order = sorted(range(len(names)), key=lambda c: (names[c].casefold(), names[c]))
            ranks = np.empty(len(names), dtype=np.int32)
            ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(names), dtype=np.int32)
            self._type_ranks = ranks
        return self._type_ranks[self.cols.type[: self.cols.size]]

    def _ascending_keys(self, storage: npt.NDArray[np.int64]) -> npt.NDArray[Any] | None:
        key = self._sort_key(self._sort_column)
        if key is None:
            return None
        values = key[storage]
        return -values if self._descending else values

    def _keys_of(self, order: npt.NDArray[np.int64]) -> npt.NDArray[Any] | None:
        self._vocab_sizes = {name: len(v) for name, v in self.cols.vocab.items()}
        return self._ascending_keys(order)

    def _sorted(self, storage: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """`storage` (ascending storage rows) in display order; sets the cached keys.

        Display order is ascending by (key, arrival) or, descending, its exact reverse, so that
        merging new rows agrees with a full sort."""
        if self._sort_column == SUMMARY:
            rank = self._summary_ranks()
            # Ranks never tie (ties are already broken by arrival), so the faster unstable sort
            # gives the same order: 1M rows ~40 ms instead of ~116 ms.
            ordered = storage[np.argsort(rank[storage])]
        else:
            key = self._sort_key(self._sort_column)
            assert key is not None
            ordered = storage[np.argsort(key[storage], kind="stable")]
        if self._descending:
            ordered = ordered[::-1].copy()
        self._keys = self._keys_of(ordered)
        return ordered

    def _summary_ranks(self) -> npt.NDArray[np.int64]:
        """rank[row] = place of the row's summary among all stored rows (ties: arrival order).

        Text is the one column without a numpy sort key: SummaryColumn.places orders the UTF-8
        buffer with numpy the first time (about 0.3 s for a million rows); rows stored since are
        then ordered alone and merged in at their binary-search positions (or, when they are
        many, all rows are placed afresh), so sorting by summary again (after other columns,
        filters, new events) is a numpy argsort of the ranks."""
        n = self.cols.size
        summary = self.cols.summary
        known = self._summary_rank_upto
        if self._summary_rank is None or self._summary_rank_cols is not self.cols or (n - known) * 32 > n:
            rank = summary.places(np.arange(n, dtype=np.int64))
        elif known < n:
            by_rank = np.empty(known, dtype=np.int64)
            by_rank[self._summary_rank[:known]] = np.arange(known, dtype=np.int64)
            new = summary.ordered(np.arange(known, n, dtype=np.int64))
            # New rows are newer than the ranked ones: among equal texts they go after them.
            order = np.insert(by_rank, summary.bisect_right(by_rank, new), new)
            rank = np.empty(n, dtype=np.int64)
            rank[order] = np.arange(n, dtype=np.int64)
        else:
            return self._summary_rank
        self._summary_rank, self._summary_rank_upto, self._summary_rank_cols = rank, n, self.cols
        return rank

    def _show_new(self) -> None:
        start, stop = self._shown_upto, self.cols.size
        self._shown_upto = stop
        new = self._filtered(max(start, self._floor), stop)
        if len(new):
            self._merge(new)
            self.rows_appended.emit(len(new))

    def _ranks_changed(self) -> bool:
        names = {
            SOURCE: ("source",),
            TYPE: ("type",),
            TYPE_CODE: ("type",),
            OPERATOR: ("operator",),
            HOST: ("host",),
            ENTITY: ("source", "origin"),
        }.get(self._sort_column, ())
        return any(len(self.cols.vocab[name]) != self._vocab_sizes.get(name) for name in names)

    def _merge(self, new: npt.NDArray[np.int64]) -> None:
        """Insert new storage rows (all newer than those shown) at their sorted positions."""
        if self._ranks_changed():
            # A new source/type/operator/host text changes the ranks of the others: append, re-sort.
            self._append_then_relayout(new, None)
            return
        if self._sort_column == SUMMARY:
            new_sorted, positions = self._summary_positions(new)
        else:
            new_keys = self._ascending_keys(new)
            assert new_keys is not None and self._keys is not None
            if self._descending:
                # Ties: newer rows come first in a descending view.
                rev = new[::-1]
                rev_keys = new_keys[::-1]
                o = np.argsort(rev_keys, kind="stable")
                new_sorted, sorted_keys = rev[o], rev_keys[o]
                positions = np.searchsorted(self._keys, sorted_keys, side="left")
            else:
                o = np.argsort(new_keys, kind="stable")
                new_sorted, sorted_keys = new[o], new_keys[o]
                positions = np.searchsorted(self._keys, sorted_keys, side="right")
        blocks = np.flatnonzero(np.diff(positions)) + 1
        if len(blocks) + 1 > MAX_INSERT_BLOCKS:
            self._append_then_relayout(new_sorted, positions)
            return
        offset = 0
        for chunk_rows, chunk_pos in zip(np.split(new_sorted, blocks), np.split(positions, blocks), strict=True):
            at = int(chunk_pos[0]) + offset
            self.beginInsertRows(QModelIndex(), at, at + len(chunk_rows) - 1)
            self._order = np.concatenate((self._order[:at], chunk_rows, self._order[at:]))
            if self._keys is not None:
                self._keys = np.concatenate((self._keys[:at], self._ascending_keys(chunk_rows), self._keys[at:]))  # type: ignore[arg-type]
            self.endInsertRows()
            offset += len(chunk_rows)

    def _summary_positions(self, new: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The new rows (newer than every shown row) in insertion order, and where each goes in
        the view sorted by summary: all of them binary-search the view together, in numpy."""
        summary = self.cols.summary
        rows = summary.ordered(new)
        if not self._descending:
            return rows, summary.bisect_right(self._order, rows)
        # Descending is ascending reversed: newer rows first among equal texts, and a row goes
        # after the shown rows with a greater text (those not <= it in ascending order).
        rows = rows[::-1].copy()
        return rows, len(self._order) - summary.bisect_right(self._order[::-1], rows)

    def _append_then_relayout(self, new_sorted: npt.NDArray[np.int64], positions: npt.NDArray[np.int64] | None) -> None:
        n = len(self._order)
        self.beginInsertRows(QModelIndex(), n, n + len(new_sorted) - 1)
        self._order = np.concatenate((self._order, new_sorted))
        self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        old = self._order
        if positions is None:
            self._order = self._sorted(np.sort(old))
        else:
            self._order = np.insert(old[:n], positions, new_sorted)
            self._keys = self._keys_of(self._order)
        self._remap_persistent(old, self._order)
        self.layoutChanged.emit()

    def _remap_persistent(self, old: npt.NDArray[np.int64], new: npt.NDArray[np.int64]) -> None:
        persistent = self.persistentIndexList()
        if not persistent:
            return
        where = np.empty(self.cols.size, dtype=np.int64)
        where[new] = np.arange(len(new), dtype=np.int64)
        from_list, to_list = [], []
        for index in persistent:
            from_list.append(index)
            row = index.row()
            if 0 <= row < len(old):
                to_list.append(self.createIndex(int(where[old[row]]), index.column()))
            else:
                to_list.append(QModelIndex())
        self.changePersistentIndexList(from_list, to_list)


def _start_of_today() -> float:
    now = datetime.now()
    return datetime(now.year, now.month, now.day).timestamp()
