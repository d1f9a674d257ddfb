"""The plain records the task service returns and the tree model applies: one task as stored
(`TaskData`), what one action changed (`ChangeSet`) and part of the tree as the database holds it
(`TreeSnapshot`). Their own module: the window's first frame needs the tree's rules
(`taskmanager_gui.domain`), not these, and a dataclass costs 0.5-1 ms to define.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class TaskData:
    """A plain snapshot of one task (what services return and the model applies)."""

    id: int
    parent_id: int | None
    position: int
    title: str
    notes: str = ""
    priority: int = 0
    due: date | None = None
    completed: bool = False
    completed_at: datetime | None = None
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    version: int = 1


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What one action changed, for the model to apply and the undo stack to reverse.

    `removed` holds the tasks as they were before removal (display order, top first), so they
    can be restored exactly. `updated` holds the new state of tasks whose fields or completion
    changed; `moved` the new state of tasks that changed parent or position.
    """

    correlation_id: str
    created: tuple[TaskData, ...] = ()
    updated: tuple[TaskData, ...] = ()
    moved: tuple[TaskData, ...] = ()
    removed: tuple[TaskData, ...] = ()
    restored: tuple[TaskData, ...] = ()
    events: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    @property
    def empty(self) -> bool:
        return not (self.created or self.updated or self.moved or self.removed or self.restored)

    def completion_before(self) -> dict[int, bool]:
        """For undo of a completion change: each changed task's previous state."""
        return {t.id: not t.completed for t in self.updated}


@dataclass(frozen=True, slots=True)
class TreeSnapshot:
    """Part of the tree as the database holds it now, for folding changes made elsewhere into a
    tree shown on screen (see `TaskTreeModel.sync`).

    `tasks` are the live tasks read; `gone` the ids read that are removed (or never existed);
    `children` gives, for each parent read (`None`: the top level), all its live subtasks in
    order. Every parent of a task in `tasks` has its entry in `children`.
    """

    tasks: tuple[TaskData, ...]
    gone: frozenset[int] = frozenset()
    children: Mapping[int | None, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def whole(cls, rows: Iterable[TaskData], known: Iterable[int] = ()) -> TreeSnapshot:
        """The whole tree (every live task); ids in `known` that are not among them are gone."""
        tasks = tuple(rows)
        by_parent: dict[int | None, list[TaskData]] = {None: []}
        for task in tasks:
            by_parent.setdefault(task.parent_id, []).append(task)
        alive = {t.id for t in tasks}
        children = {
            parent: tuple(t.id for t in sorted(kids, key=lambda t: (t.position, t.id)))
            for parent, kids in by_parent.items()
        }
        for task in tasks:
            children.setdefault(task.id, ())
        return cls(tasks, frozenset(set(known) - alive), children)
