"""TaskFilterModel: views (all / open / actionable / done) and text search over the task tree.

Qt's recursive filtering calls a Python `filterAcceptsRow` for every row and again up the
ancestor chain; for 10,000 tasks that is measurable. Instead the accepted set (matches plus
their ancestors, so a match is never hidden under a filtered-out parent) is computed in one
pass over the pure tree, and `filterAcceptsRow` is a set lookup. Tasks created or restored
after the filter was set stay visible until the filter changes, so a new task never vanishes
while its title is being typed.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from taskmanager_gui.domain import TaskNode
from taskmanager_gui.models.tree_model import MATCH_PATH_ROLE, Column, TaskTreeModel

AnyIndex = QModelIndex | QPersistentModelIndex


class TaskView(enum.StrEnum):
    ALL = "all"
    OPEN = "open"
    ACTIONABLE = "actionable"  # open tasks without open subtasks to do first (open leaves)
    DONE = "done"


class TaskFilterModel(QSortFilterProxyModel):
    """Filters the tree by view and text; shows the parent path beside text matches."""

    def __init__(self, source: TaskTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = TaskView.ALL
        self.text = ""
        # None: everything passes (the common case costs nothing).
        self._accepted: set[int] | None = None
        self._matches: set[int] = set()
        self._known: set[int] = set()
        self._bold = QFont()
        self._bold.setBold(True)
        self.setSourceModel(source)
        self.setRecursiveFilteringEnabled(False)  # ancestors are in the accepted set already
        self.setDynamicSortFilter(False)  # manual order; re-filtered explicitly below
        source.tasks_changed.connect(self._source_changed)
        source.modelReset.connect(self._source_changed)

    def source(self) -> TaskTreeModel:
        model = self.sourceModel()
        assert isinstance(model, TaskTreeModel)
        return model

    @property
    def active(self) -> bool:
        return self._accepted is not None

    def set_view(self, view: TaskView) -> None:
        self.view = TaskView(view)
        self.refilter(forget_new=True)

    def set_text(self, text: str) -> None:
        self.text = text.strip()
        self.refilter(forget_new=True)

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def matches(self) -> frozenset[int]:
        """The ids of the tasks the search text found (not their ancestors shown with them)."""
        return frozenset(self._matches)

    def is_match(self, node: TaskNode) -> bool:
        return node.id in self._matches

    def refilter(self, forget_new: bool = False) -> None:
        """Recompute the accepted set and re-filter (one pass, then set lookups).

        `invalidate()` (one layout change) rather than an incremental filter change: with
        thousands of expanded rows, Qt's per-row insert/remove diff makes the view re-lay out
        once per row (quadratic); one layout change costs one pass. Expansion of rows that stay
        visible survives (persistent indexes); the window re-expands the rest from its memory.
        """
        tree = self.source().tree
        if self.view is TaskView.ALL and not self.text:
            self._accepted, self._matches = None, set()
        else:
            needle = self.text.casefold()
            view = self.view
            matches: set[int] = set()
            accepted: set[int] = set()
            for node in tree.walk():
                if view is TaskView.OPEN and node.completed:
                    continue
                if view is TaskView.DONE and not node.completed:
                    continue
                if view is TaskView.ACTIONABLE and (node.completed or node.done < node.total):
                    continue
                if needle and needle not in node.title.casefold() and needle not in node.notes.casefold():
                    continue
                matches.add(node.id)
                if node.id in accepted:
                    continue
                accepted.add(node.id)
                for ancestor in node.ancestors():
                    if ancestor.id in accepted:
                        break
                    accepted.add(ancestor.id)
            if not forget_new and self._accepted is not None:
                # Keep tasks that appeared since the filter was set (see the module docstring).
                accepted.update(i for i in tree.nodes if i not in self._known)
            self._accepted, self._matches = accepted, matches
            if forget_new:
                self._known = set(tree.nodes)
        self.invalidate()

    def _source_changed(self) -> None:
        if self._accepted is not None:
            self.refilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        accepted = self._accepted
        if accepted is None:
            return True
        parent = self.source().node(source_parent)
        if source_row >= len(parent.children):
            return False
        node = parent.children[source_row]
        return node.id in accepted or node.id not in self._known

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            self._accepted is not None
            and index.isValid()
            and index.column() == Column.TITLE
            and role in (Qt.ItemDataRole.FontRole, MATCH_PATH_ROLE)
        ):
            node = self.source().node(self.mapToSource(index))
            if node.id in self._matches:
                if role == Qt.ItemDataRole.FontRole:
                    return self._bold
                if self.text and node.parent_id is not None:
                    # The parent path beside a text match (drawn by the title delegate).
                    return self.match_path(node)
            return None
        return super().data(index, role)

    def match_path(self, node: TaskNode) -> str:
        return " › ".join(self.source().tree.path(node)[:-1])

    def node(self, index: AnyIndex) -> TaskNode:
        return self.source().node(self.mapToSource(index))

    def index_for_id(self, task_id: int, column: int = 0) -> QModelIndex:
        return self.mapFromSource(self.source().index_for_id(task_id, column))
