"""TaskTreeModel: the task tree as a QAbstractItemModel (after PySide6's editabletreemodel).

The model adapts a pure `TaskTree`: `internalPointer()` is the `TaskNode`, the invisible root
stands for the invalid index, parents are always at column 0. It never writes the database:
edits, checkbox toggles and drops are handed to callbacks (the controller's, which go
through the service and the undo stack) and the service's `ChangeSet` comes back through
`apply()`, which wraps each insert/remove/move in its begin*/end* pair.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QDate,
    QDateTime,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from taskmanager_gui.domain import Priority, TaskNode, TaskTree, node_from_data

if TYPE_CHECKING:
    from taskmanager_gui.records import ChangeSet, TaskData, TreeSnapshot

MIME_TYPE = "application/x-integrado-task-ids"

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    TITLE = 0
    PROGRESS = 1
    PRIORITY = 2
    DUE = 3
    UPDATED = 4


TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2  # (done, total) for the progress bar delegate
NODE_ROLE = Qt.ItemDataRole.UserRole + 3
MATCH_PATH_ROLE = Qt.ItemDataRole.UserRole + 4  # "A › B" beside a search match (filter model only)
# setData with (title, version): a rename typed in an editor opened when the task had that version.
TITLE_EDIT_ROLE = Qt.ItemDataRole.UserRole + 5

_DONE_COLOUR = QColor("#7a7f87")
_OVERDUE_COLOUR = QColor("#b3261e")
_PRIORITY_COLOURS = {
    Priority.HIGH: QColor("#b3261e"),
    Priority.MEDIUM: QColor("#a15c00"),
    Priority.LOW: QColor("#3d6fb6"),
}

_COLUMNS = len(Column)
_CELL_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
_TITLE_FLAGS = _CELL_FLAGS | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable

MoveHandler = Callable[[int, int | None, int], bool]
# Task id, new title, the version the title was edited from (None: the one shown now).
RenameHandler = Callable[[int, str, int | None], bool]
ToggleHandler = Callable[[int, bool], bool]


class TaskTreeModel(QAbstractItemModel):
    """The tree of tasks, five columns, editable titles, drag and drop of task ids."""

    # Emitted after `apply()` changed the tree (the window refreshes its detail pane and counts).
    tasks_changed = Signal()

    def __init__(self, tree: TaskTree | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tree = tree or TaskTree()
        self.move_handler: MoveHandler | None = None
        self.rename_handler: RenameHandler | None = None
        self.toggle_handler: ToggleHandler | None = None
        self._headers = [
            self.tr("Task"),
            self.tr("Progress"),
            self.tr("Priority"),
            self.tr("Due"),
            self.tr("Updated"),
        ]
        self._priority_text = {
            Priority.NONE: "",
            Priority.LOW: self.tr("Low"),
            Priority.MEDIUM: self.tr("Medium"),
            Priority.HIGH: self.tr("High"),
        }
        self._locale = QLocale()
        # The "C" locale's short format ("d M yyyy") reads badly; use the Brazilian order there.
        self._date_format = (
            "dd/MM/yyyy"
            if self._locale.language() == QLocale.Language.C
            else self._locale.dateFormat(QLocale.FormatType.ShortFormat)
        )
        self._today = date.today()
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    # -- structure ------------------------------------------------------------------------

    # The view calls index(), parent() and rowCount() tens of thousands of times per layout of a
    # big expanded tree: they are kept to the bare minimum of Python work.

    def node(self, index: AnyIndex) -> TaskNode:
        """The node of an index of this model; the invisible root for the invalid index."""
        if index.isValid():
            return index.internalPointer()
        return self.tree.root

    def index_of(self, node: TaskNode, column: int = 0) -> QModelIndex:
        if node is self.tree.root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.position, column, node)

    def index_for_id(self, task_id: int, column: int = 0) -> QModelIndex:
        node = self.tree.nodes.get(task_id)
        return QModelIndex() if node is None else self.index_of(node, column)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            children = parent.internalPointer().children
        else:
            children = self.tree.root.children
        if 0 <= row < len(children) and 0 <= column < _COLUMNS:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self.tree.root:
            return QModelIndex()
        return self.createIndex(parent.position, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(parent.internalPointer().children)
        return len(self.tree.root.children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return _COLUMNS

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    # -- data -----------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        # Precomputed: the view asks for every visible cell, and enum arithmetic is not free.
        return _TITLE_FLAGS if index.column() == Column.TITLE else _CELL_FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == Qt.ItemDataRole.EditRole:
            return node.title if column == Column.TITLE else self._display(node, column)
        if role == TASK_ID_ROLE:
            return node.id
        if role == NODE_ROLE:
            return node
        if role == PROGRESS_ROLE and column == Column.PROGRESS:
            return node.progress
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.TITLE:
            return Qt.CheckState.Checked if node.completed else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.ForegroundRole:
            if node.completed:
                return QBrush(_DONE_COLOUR)
            if column == Column.DUE and node.due is not None and node.due < self._today:
                return QBrush(_OVERDUE_COLOUR)
            if column == Column.PRIORITY and node.priority in _PRIORITY_COLOURS:
                return QBrush(_PRIORITY_COLOURS[Priority(node.priority)])
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.TITLE and node.completed:
            return self._strike
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.TITLE:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.TITLE and node.completed:
            return self.tr("%1, done").replace("%1", node.title)  # a screen reader does not see the tick
        return None

    def _display(self, node: TaskNode, column: int) -> str:
        if column == Column.TITLE:
            return node.title
        if column == Column.PROGRESS:
            return self.progress_text(node)
        if column == Column.PRIORITY:
            return self._priority_text.get(Priority(node.priority), "")
        if column == Column.DUE:
            if node.due is None:
                return ""
            return self._locale.toString(QDate(node.due.year, node.due.month, node.due.day), self._date_format)
        if column == Column.UPDATED:
            local = QDateTime.fromSecsSinceEpoch(int(node.updated_at.timestamp())).toLocalTime()
            if local.date() == QDate.currentDate():
                return self.tr("today %1").replace("%1", self._locale.toString(local.time(), "HH:mm"))
            return self._locale.toString(local, self._date_format + " HH:mm")
        return ""

    def progress_text(self, node: TaskNode) -> str:
        done, total = node.progress
        if total == 0:
            return ""
        return (
            self.tr("%1/%2 · %3%")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", str(round(100 * done / total)))
        )

    def _tooltip(self, node: TaskNode) -> str:
        return " › ".join(self.tree.path(node))

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != Column.TITLE:
            return False
        node = self.node(index)
        if role == TITLE_EDIT_ROLE:
            value, version = value
            return self._rename(node, value, version)
        if role == Qt.ItemDataRole.EditRole:
            return self._rename(node, value, None)
        if role == Qt.ItemDataRole.CheckStateRole:
            if self.toggle_handler is None:
                return False
            wanted = Qt.CheckState(value) == Qt.CheckState.Checked
            if wanted == node.completed:
                return False
            return self.toggle_handler(node.id, wanted)
        return False

    def _rename(self, node: TaskNode, title: object, version: int | None) -> bool:
        if self.rename_handler is None or not isinstance(title, str) or title == node.title:
            return False
        return self.rename_handler(node.id, title, version)

    # -- drag and drop --------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        nodes: list[TaskNode] = []
        for index in indexes:
            node = self.node(index)
            if index.isValid() and node not in nodes:
                nodes.append(node)
        # A selected task whose ancestor is also selected moves with it, not on its own.
        chosen = {id(n) for n in nodes}
        tops = [n for n in nodes if not any(id(a) in chosen for a in n.ancestors())]
        import json  # with the first drag: ~1.5 ms that the first frame does not need

        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(json.dumps([n.id for n in tops]).encode("ascii")))
        return mime

    @staticmethod
    def ids_from_mime(data: QMimeData) -> list[int]:
        if not data.hasFormat(MIME_TYPE):
            return []
        import json

        try:
            ids = json.loads(bytes(data.data(MIME_TYPE).data()).decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            return []
        return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        if action != Qt.DropAction.MoveAction or self.move_handler is None:
            return False
        ids = self.ids_from_mime(data)
        if not ids:
            return False
        target = self.node(parent)
        for task_id in ids:
            node = self.tree.nodes.get(task_id)
            if node is None or self.tree.is_in_subtree(target, node):
                return False  # a task cannot go into its own subtree
        return True

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.node(parent)
        position = len(target.children) if row < 0 else row
        moved_any = False
        for task_id in self.ids_from_mime(data):
            node = self.tree.nodes[task_id]
            new_position = position
            if node.parent is target and node.position < position:
                new_position -= 1  # Qt's row counts the dragged row itself, which leaves first
            assert self.move_handler is not None
            if self.move_handler(task_id, target.id if target is not self.tree.root else None, new_position):
                moved_any = True
                position = node.position + 1
        # True tells the view the drop was handled; the view's follow-up removeRows() is refused
        # by the base class, so the move is never applied twice.
        return moved_any

    # -- applying the service's changes ----------------------------------------------------

    def load(self, rows: Iterable[TaskData]) -> None:
        """Replace everything (first load, or a reload after a conflict)."""
        self.load_tree(TaskTree.from_data(rows))

    def load_tree(self, tree: TaskTree) -> None:
        """Replace everything with a tree built elsewhere (at start-up, in a worker thread)."""
        self.beginResetModel()
        self.tree = tree
        self._today = date.today()
        self.endResetModel()
        self.tasks_changed.emit()

    def apply(self, changes: ChangeSet) -> None:
        """Apply one action's changes, each in its begin*/end* pair (never a reset)."""
        touched: set[int] = set()  # ids whose ancestors' progress may have changed
        for data in changes.removed:
            node = self.tree.nodes.get(data.id)
            if node is None:
                continue  # already gone with its removed ancestor
            parent = node.parent
            assert parent is not None
            self.beginRemoveRows(self.index_of(parent), node.position, node.position)
            self.tree.detach(node)
            self.endRemoveRows()
            if parent is not self.tree.root:
                touched.add(parent.id)
        for data in (*changes.created, *changes.restored):
            if data.id in self.tree.nodes:
                continue
            parent = self.tree.nodes.get(data.parent_id) if data.parent_id is not None else self.tree.root
            if parent is None:
                continue
            position = max(0, min(data.position, len(parent.children)))
            self.beginInsertRows(self.index_of(parent), position, position)
            self.tree.insert(node_from_data(data), parent, position)
            self.endInsertRows()
            touched.add(data.id)
        for data in changes.moved:
            self._move(data, touched)
        for data in (*changes.updated, *changes.moved, *changes.restored, *changes.created):
            node = self.tree.nodes.get(data.id)
            if node is None:
                continue
            self.tree.apply_fields(node, data)
            self.dataChanged.emit(self.index_of(node, 0), self.index_of(node, len(Column) - 1))
            touched.add(data.id)
        self.tree.renumbered.clear()
        self._refresh_progress(touched)
        self.tasks_changed.emit()

    def sync(self, snapshot: TreeSnapshot) -> bool:
        """Take in changes made elsewhere (another operator's, read back from the database),
        each in its begin*/end* pair, never a reset: the view keeps its selection, expansion,
        scroll position and any open editor, which follow their rows.

        Returns False, having changed what it could, when the snapshot does not fit this tree
        (a parent neither here nor read, a move into its own subtree): reload then.
        """
        tree = self.tree
        touched: set[int] = set()
        fits = True

        def parent_of(data: TaskData) -> TaskNode | None:
            return tree.root if data.parent_id is None else tree.nodes.get(data.parent_id)

        # New tasks, parents before their subtasks; at the end for now, put in place below.
        pending = [t for t in snapshot.tasks if t.id not in tree.nodes]
        while pending:
            waiting = []
            for data in pending:
                parent = parent_of(data)
                if parent is None:
                    waiting.append(data)
                    continue
                row = len(parent.children)
                self.beginInsertRows(self.index_of(parent), row, row)
                tree.insert(node_from_data(data), parent, row)
                self.endInsertRows()
                touched.add(data.id)
            if len(waiting) == len(pending):
                fits = False
                break
            pending = waiting
        # Tasks that changed parent (at the end of the new one for now).
        for data in snapshot.tasks:
            node = tree.nodes.get(data.id)
            new_parent = parent_of(data)
            if node is None or node.parent is None or node.parent_id == data.parent_id:
                continue
            if new_parent is None or tree.is_in_subtree(new_parent, node):
                fits = False
                continue
            old_parent = node.parent
            row = len(new_parent.children)
            self.beginMoveRows(self.index_of(old_parent), node.position, node.position, self.index_of(new_parent), row)
            tree.relocate(node, new_parent, row)
            self.endMoveRows()
            touched.update((old_parent.id, node.id))
        # Removed tasks (with whatever is still below them here).
        for task_id in sorted(snapshot.gone):
            node = tree.nodes.get(task_id)
            if node is None or node.parent is None:
                continue
            parent = node.parent
            self.beginRemoveRows(self.index_of(parent), node.position, node.position)
            tree.detach(node)
            self.endRemoveRows()
            touched.add(parent.id)
        # Each parent read gets its subtasks in the database's order.
        for parent_id, order in snapshot.children.items():
            parent = tree.root if parent_id is None else tree.nodes.get(parent_id)
            if parent is None:
                continue
            wanted = [i for i in order if i in tree.nodes and tree.nodes[i].parent is parent]
            for row, task_id in enumerate(wanted):
                node = tree.nodes[task_id]
                if node.position == row:
                    continue
                # Rows before `row` are settled, so the node comes from further down: moving up,
                # Qt's destination row is the target row itself.
                index = self.index_of(parent)
                self.beginMoveRows(index, node.position, node.position, index, row)
                tree.relocate(node, parent, row)
                self.endMoveRows()
                touched.add(task_id)
            if len(wanted) != len(parent.children):
                fits = False  # subtasks here the database has elsewhere, and nobody said where
        # Changed fields (title, completion, notes, ...).
        for data in snapshot.tasks:
            node = tree.nodes.get(data.id)
            if node is None or node.to_data() == replace(data, parent_id=node.parent_id, position=node.position):
                continue
            tree.apply_fields(node, data)
            self.dataChanged.emit(self.index_of(node, 0), self.index_of(node, len(Column) - 1))
            touched.add(data.id)
        tree.renumbered.clear()
        if touched:
            self._today = date.today()
            self._refresh_progress(touched)
            self.tasks_changed.emit()
        return fits

    def _move(self, data: TaskData, touched: set[int]) -> None:
        node = self.tree.nodes.get(data.id)
        if node is None or node.parent is None:
            return
        new_parent = self.tree.nodes.get(data.parent_id) if data.parent_id is not None else self.tree.root
        if new_parent is None:
            return
        old_parent = node.parent
        position = max(0, min(data.position, len(new_parent.children) - (1 if old_parent is new_parent else 0)))
        if old_parent is new_parent and position == node.position:
            return
        # Qt counts the destination row before the moved row leaves: moving down inside the same
        # parent needs one more.
        destination = position + 1 if old_parent is new_parent and position > node.position else position
        if not self.beginMoveRows(
            self.index_of(old_parent), node.position, node.position, self.index_of(new_parent), destination
        ):
            return
        self.tree.relocate(node, new_parent, position)
        self.endMoveRows()
        if old_parent is not self.tree.root:
            touched.add(old_parent.id)
        touched.add(node.id)

    def _refresh_progress(self, touched: Iterable[int]) -> None:
        seen: set[int] = set()
        for task_id in touched:
            node = self.tree.nodes.get(task_id)
            if node is None:
                continue
            for ancestor in (node, *node.ancestors()):
                if ancestor.id in seen:
                    break
                seen.add(ancestor.id)
                index = self.index_of(ancestor, Column.PROGRESS)
                self.dataChanged.emit(index, index)

    # -- helpers for views -----------------------------------------------------------------

    def task_id(self, index: AnyIndex) -> int | None:
        return self.node(index).id if index.isValid() else None
