"""The call list: a `QAbstractTableModel` that sorts and filters its own data.

No `QSortFilterProxyModel`: a proxy calls back into Python for every comparison (about 19 s to
re-sort 100,000 rows); here one `list.sort(key=...)` over plain dataclasses does it in tens of
milliseconds, and filtering is one list comprehension. Rows are `CallSummary` dataclasses, never
live ORM objects. Live updates (`upsert`) insert, move or remove single rows so the selection
and scroll position survive another operator's changes.
"""

from __future__ import annotations

import bisect
import enum
import functools
import time
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor

from callsystem_gui.labels import (
    PRIORITY_COLOURS,
    STATUS_COLOURS,
    format_sla,
    format_time,
    priority_label,
    status_label,
)
from callsystem_gui.vocabulary import ACTIVE_STATUSES, OPEN_STATUSES, Priority, Status, fold
from integrado.qt.tooltip import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

    from callsystem_gui.domain import CallSummary

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    ID = 0
    CALLER = 1
    PHONE = 2
    SUBJECT = 3
    STATUS = 4
    PRIORITY = 5
    SLA = 6
    OPERATOR = 7
    UPDATED = 8


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_STATUS_ORDER = {s: i for i, s in enumerate(Status)}
_ID = attrgetter("id")
_OVERDUE_BG = "#fde0dc"
_OVERDUE_FG = "#b3261e"
# The overdue background is light in any theme, so its text must be dark too (in a dark
# palette the default text colour is near-white: invisible on the pink).
_OVERDUE_TEXT = "#2b1210"
_CLOSED_FG = "#7a7a7a"


@functools.cache
def _brush(colour: str) -> QBrush:
    """The list's brushes, made when a row first needs one: not before the window's first
    paint (PySide6's first QBrush takes ~2 ms)."""
    return QBrush(QColor(colour))


@functools.cache
def _bold() -> QFont:
    from PySide6.QtGui import QFont  # its enumerations (~1 ms) wait for the first row

    font = QFont()
    font.setBold(True)
    return font


class CallFilter(NamedTuple):
    """What the list shows. `statuses=None` means every status; deleted calls only in the bin.
    (A named tuple, as `LoadedCalls`: a dataclass's generated methods cost the first frame
    ~0.6 ms each.)"""

    statuses: frozenset[Status] | None = ACTIVE_STATUSES
    priority: Priority | None = None
    operator: str | None = None
    text: str = ""
    deleted: bool = False

    def with_text(self, text: str) -> CallFilter:
        return self._replace(text=text)


def _sla_key(now: float) -> Callable[[CallSummary], Any]:
    def key(r: CallSummary) -> float:
        # One float per row (no tuples): running clocks first, most urgent on top, then paused
        # ones, then finished calls.
        stopped = r.sla_stopped_at
        if stopped is None:
            return r.sla_due_at - now
        return (1e12 if r.status == Status.WAITING else 2e12) + (r.sla_due_at - stopped)

    return key


def _key_for(column: Column, now: float) -> Callable[[CallSummary], Any]:
    # attrgetter and int/float keys keep the per-row cost in C: 100,000 rows sort in tens of ms.
    if column == Column.ID:
        return attrgetter("id")
    if column == Column.CALLER:
        return lambda r: r.caller_name.casefold()
    if column == Column.PHONE:
        return attrgetter("phone_digits")
    if column == Column.SUBJECT:
        return lambda r: r.subject.casefold()
    if column == Column.STATUS:
        return lambda r: _STATUS_ORDER[r.status]
    if column == Column.PRIORITY:
        return attrgetter("priority")
    if column == Column.SLA:
        return _sla_key(now)
    if column == Column.OPERATOR:
        return lambda r: r.assignee.casefold()
    return attrgetter("updated_at")


class _Reversed:
    """Wraps a key so that bisect (ascending only) works on a descending list."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return other.key < self.key


class LoadedCalls(NamedTuple):
    """Every call of a first load, merged, filtered and sorted in a worker thread."""

    state: tuple[object, ...]
    calls: list[CallSummary]
    merged: dict[int, CallSummary]
    rows: list[CallSummary]
    pos: dict[int, int]
    next_crossing: float


def _merged(known: dict[int, CallSummary], calls: Iterable[CallSummary]) -> dict[int, CallSummary]:
    """Every call read, in the order read (as `set_calls` keeps them: equal sort keys end up in
    the same order), each the newer of the one read and the one known; then those registered
    since the read."""
    merged: dict[int, CallSummary] = {}
    for call in calls:
        have = known.get(call.id)
        newer = have is None or (call.version, call.updated_at) > (have.version, have.updated_at)
        merged[call.id] = call if newer or have is None else have
    for call_id, call in known.items():
        merged.setdefault(call_id, call)
    return merged


def _next_crossing(rows: Iterable[CallSummary], now: float) -> float:
    """The next moment an open call's SLA runs out (when its row must be redrawn)."""
    upcoming = [
        r.sla_due_at for r in rows if r.sla_stopped_at is None and r.sla_due_at > now and r.status in OPEN_STATUSES
    ]
    return min(upcoming, default=float("inf"))


class CallTableModel(QAbstractTableModel):
    """Every call the operator may see, filtered and sorted in Python lists (see module doc)."""

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self._clock = clock
        self._all: dict[int, CallSummary] = {}
        self._hay: dict[int, str] = {}
        self._rows: list[CallSummary] = []
        self._pos: dict[int, int] = {}
        self._filter = CallFilter()
        # Calls the operator acted on here stay listed until the filter changes (see keep_shown).
        self._kept: set[int] = set()
        self._upserts = 0  # upsert() calls: a list prepared in a worker thread is stale after one
        self._needle = ""
        self._sort_column = Column.UPDATED
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._next_crossing = float("inf")
        self._headers = [
            self.tr("#"),
            self.tr("Caller"),
            self.tr("Phone"),
            self.tr("Subject"),
            self.tr("Status"),
            self.tr("Priority"),
            self.tr("SLA"),
            self.tr("Operator"),
            self.tr("Updated"),
        ]
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        # Search keys are built in idle moments after a load, so the first search is as fast as the next.
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm_step)
        self._warm_queue: list[CallSummary] = []

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (Column.ID, Column.SLA):
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if role == Qt.ItemDataRole.InitialSortOrderRole and section == Column.PRIORITY:
                # Higher priority = more important: the first click on the header puts critical first.
                return Qt.SortOrder.DescendingOrder
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(Column):
            return None
        r = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == SORT_ROLE:
            return _key_for(column, self._clock())(r) if column != Column.SLA else r.sla_remaining(self._clock())
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return _brush(_OVERDUE_BG) if r.is_overdue(self._clock()) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.SLA and r.is_overdue(self._clock()):
                return _brush(_OVERDUE_FG)
            if column == Column.STATUS:
                return QBrush(STATUS_COLOURS[r.status])
            if r.status == Status.CLOSED:
                return _brush(_CLOSED_FG)
            if r.is_overdue(self._clock()):
                return _brush(_OVERDUE_TEXT)
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.PRIORITY:
            return PRIORITY_COLOURS[r.priority]
        if role == Qt.ItemDataRole.FontRole and column == Column.SLA and r.is_overdue(self._clock()):
            return _bold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.ID, Column.SLA):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.SUBJECT:
                # Escaped in a rich-text wrapper: a subject that looks like markup shows as typed.
                return plain_tooltip(r.subject)
            if column == Column.SLA:
                return self.tr("Due %1").replace("%1", format_time(r.sla_due_at))
        return None

    def _display(self, r: CallSummary, column: Column) -> str:
        if column == Column.ID:
            return str(r.id)
        if column == Column.CALLER:
            return r.caller_name
        if column == Column.PHONE:
            return r.phone
        if column == Column.SUBJECT:
            return r.subject
        if column == Column.STATUS:
            return status_label(r.status)
        if column == Column.PRIORITY:
            return priority_label(r.priority)
        if column == Column.SLA:
            return format_sla(r.status, r.sla_remaining(self._clock()))
        if column == Column.OPERATOR:
            return r.assignee
        return format_time(r.updated_at)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort_column = Column(column)
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        remembered = [(self._rows[p.row()].id, p.column()) for p in persistent]
        self._sort_rows()
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self._pos[call_id], col) if call_id in self._pos else QModelIndex()
                for call_id, col in remembered
            ],
        )
        self.layoutChanged.emit()

    # -- our interface ------------------------------------------------------------------------

    @property
    def sort_column(self) -> Column:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    @property
    def current_filter(self) -> CallFilter:
        return self._filter

    def total_count(self) -> int:
        """Calls loaded (not deleted), whatever the filter."""
        return sum(1 for r in self._all.values() if not r.deleted)

    def set_calls(self, calls: Iterable[CallSummary]) -> None:
        """Replace everything (first load, manual reload)."""
        self.beginResetModel()
        self._all = {c.id: c for c in calls}
        self._hay = {}
        self._apply_filter()
        self.endResetModel()
        self._recompute_crossing()
        self._warm_queue = list(self._all.values())
        self._warm_timer.start()

    def _state(self) -> tuple[object, ...]:
        """What a list prepared beside the event loop depends on: it is used only if unchanged."""
        return (
            id(self._all),
            self._upserts,
            self._filter,
            self._needle,
            frozenset(self._kept),
            self._sort_column,
            self._sort_order,
        )

    def prepare_loaded(self, calls: list[CallSummary]) -> LoadedCalls:
        """The work of `add_loaded` that touches no Qt object (merge, filter, sort), for a worker
        thread while the window goes on answering; `add_loaded` uses it unless the list changed
        meanwhile (a live change, another filter or order), and then does that work itself."""
        state = self._state()
        known = dict(list(self._all.items()))  # one C-level copy: safe beside the GUI thread
        merged = _merged(known, calls)
        rows = list(filter(self._predicate(), merged.values()))
        now = self._clock()
        rows.sort(key=_key_for(self._sort_column, now), reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        pos = dict(zip(map(_ID, rows), range(len(rows)), strict=True))
        return LoadedCalls(state, calls, merged, rows, pos, _next_crossing(rows, now))

    def add_loaded(self, calls: list[CallSummary], prepared: LoadedCalls | None = None) -> None:
        """The rest of a first load that showed the newest calls first: every call is in the
        list now, in the current filter and order, exactly as `set_calls` would put them. A
        layout change, not a reset: the current call stays selected and in view. A call folded
        in meanwhile (a live change) is kept where it is newer than the one read."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if 0 <= i.row() < len(self._rows) else None for i in persistent]
        before = self._all
        if prepared is not None and prepared.calls is calls and prepared.state == self._state():
            self._all, self._rows, self._pos = prepared.merged, prepared.rows, prepared.pos
            self._next_crossing = prepared.next_crossing
        else:
            self._all = _merged(self._all, calls)
            self._apply_filter()
            self._recompute_crossing()
        # Searches fold each row's text once: what was folded for a call read anew is dropped.
        self._hay = {i: hay for i, hay in self._hay.items() if self._all.get(i) is before.get(i)}
        moved = []
        for index, held in zip(persistent, ids, strict=True):
            row = self._pos.get(held) if held is not None else None
            moved.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self._warm_queue = list(self._all.values())
        self._warm_timer.start()

    def keep_shown(self, call_id: int) -> None:
        """Keep the call in the list until the filter changes, whether it still matches or not:
        a call closed under "Not closed" must not vanish from under the operator who closed it."""
        self._kept.add(call_id)

    def set_filter(self, flt: CallFilter) -> None:
        if flt == self._filter:
            return
        self.beginResetModel()
        self._filter = flt
        self._kept.clear()
        self._apply_filter()
        self.endResetModel()
        self._recompute_crossing()

    def call_at(self, row: int) -> CallSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, call_id: int) -> int | None:
        return self._pos.get(call_id)

    def get(self, call_id: int) -> CallSummary | None:
        return self._all.get(call_id)

    def visible_ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def upsert(self, calls: Iterable[CallSummary]) -> None:
        """Fold changed calls in one by one: insert, move, update or drop each row in place."""
        self._upserts += 1
        for call in calls:
            self._all[call.id] = call
            self._hay.pop(call.id, None)
            pos = self._pos.get(call.id)
            keep = self._matches(call)
            if pos is None and keep:
                self._insert(call)
            elif pos is not None and not keep:
                self.beginRemoveRows(QModelIndex(), pos, pos)
                del self._rows[pos]
                self._pos.pop(call.id)
                self._reindex(pos)
                self.endRemoveRows()
            elif pos is not None:
                self._rows[pos] = call
                self._move_into_place(pos, call)
            if call.sla_stopped_at is None and call.status in OPEN_STATUSES:
                self._next_crossing = min(self._next_crossing, call.sla_due_at)

    def start_ticking(self) -> None:
        self._timer.start()

    def stop_ticking(self) -> None:
        self._timer.stop()

    def tick(self) -> None:
        """Repaint the SLA column (only it) and re-colour rows whose deadline just passed."""
        if not self._rows:
            return
        last = len(self._rows) - 1
        self.dataChanged.emit(
            self.index(0, Column.SLA),
            self.index(last, Column.SLA),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole],
        )
        if self._clock() >= self._next_crossing:
            self.dataChanged.emit(self.index(0, 0), self.index(last, len(Column) - 1), [Qt.ItemDataRole.BackgroundRole])
            self._recompute_crossing()

    # -- internals ----------------------------------------------------------------------------

    def _warm_step(self) -> None:
        batch, self._warm_queue = self._warm_queue[-5000:], self._warm_queue[:-5000]
        for call in batch:
            self._haystack(call)
        if not self._warm_queue:
            self._warm_timer.stop()

    def _recompute_crossing(self) -> None:
        now = self._clock()
        upcoming = [
            r.sla_due_at
            for r in self._rows
            if r.sla_stopped_at is None and r.sla_due_at > now and r.status in OPEN_STATUSES
        ]
        self._next_crossing = min(upcoming, default=float("inf"))

    def _haystack(self, call: CallSummary) -> str:
        hay = self._hay.get(call.id)
        if hay is None:
            # One fold per row (the slow part of the first search); "|" keeps fields apart.
            hay = fold(f"{call.caller_name} | {call.subject} | {call.category} | {call.assignee}")
            hay += f" | {call.phone_digits} | #{call.id} |"
            self._hay[call.id] = hay
        return hay

    def _predicate(self) -> Callable[[CallSummary], bool]:
        """`_matches` with the filter's fields bound once (the hot loop of every filter change)."""
        f, needle, haystack = self._filter, self._needle, self._haystack
        deleted, statuses, priority, operator = f.deleted, f.statuses, f.priority, f.operator
        if statuses is None and priority is None and operator is None and not needle:
            return lambda r: r.deleted == deleted

        def match(r: CallSummary) -> bool:
            return (
                r.deleted == deleted
                and (statuses is None or r.status in statuses)
                and (priority is None or r.priority == priority)
                and (operator is None or r.assignee == operator)
                and (not needle or needle in haystack(r))
            )

        kept = self._kept
        if kept:
            return lambda r: match(r) or (r.id in kept and r.deleted == deleted)
        return match

    def _matches(self, r: CallSummary) -> bool:
        f = self._filter
        if r.deleted != f.deleted:
            return False
        if r.id in self._kept:
            return True
        if f.statuses is not None and r.status not in f.statuses:
            return False
        if f.priority is not None and r.priority != f.priority:
            return False
        if f.operator is not None and r.assignee != f.operator:
            return False
        return not self._needle or self._needle in self._haystack(r)

    def _apply_filter(self) -> None:
        needle = fold(self._filter.text)
        # "#12" finds call 12 and "(51) 9999" finds the number however it was typed.
        if needle and not needle.startswith("#") and any(ch.isdigit() for ch in needle):
            digits = "".join(ch for ch in needle if ch.isdigit())
            if len(digits) == len(needle.replace(" ", "").replace("-", "").replace("(", "").replace(")", "")):
                needle = digits
        self._needle = needle
        self._rows = list(filter(self._predicate(), self._all.values()))
        self._sort_rows()

    def _sort_rows(self) -> None:
        key = _key_for(self._sort_column, self._clock())
        self._rows.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        # zip/map keep the loop in C: a third of the time of a dict comprehension.
        self._pos = dict(zip(map(_ID, self._rows), range(len(self._rows)), strict=True))

    def _reindex(self, start: int, end: int | None = None) -> None:
        stop = len(self._rows) if end is None else end + 1
        for i in range(start, stop):
            self._pos[self._rows[i].id] = i

    def _bisect(self, rows: list[CallSummary], call: CallSummary) -> int:
        key = _key_for(self._sort_column, self._clock())
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            return bisect.bisect_left(rows, _Reversed(key(call)), key=lambda r: _Reversed(key(r)))
        return bisect.bisect_right(rows, key(call), key=key)

    def _insert(self, call: CallSummary) -> None:
        at = self._bisect(self._rows, call)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, call)
        self._reindex(at)
        self.endInsertRows()

    def _move_into_place(self, pos: int, call: CallSummary) -> None:
        others = self._rows[:pos] + self._rows[pos + 1 :]
        target = self._bisect(others, call)
        if target != pos:
            # Qt numbers the destination in the list *before* the move.
            dest = target if target < pos else target + 1
            self.beginMoveRows(QModelIndex(), pos, pos, QModelIndex(), dest)
            self._rows = others
            self._rows.insert(target, call)
            self._reindex(min(pos, target), max(pos, target))
            self.endMoveRows()
        self.dataChanged.emit(self.index(target, 0), self.index(target, len(Column) - 1))
