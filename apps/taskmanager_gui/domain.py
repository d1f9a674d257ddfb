"""The task tree: plain Python, no Qt, no database.

`TaskTree` holds `TaskNode`s under an invisible root. Siblings are kept in order and each
node's `position` is its index among them (contiguous 0..n-1), which is also what the
database stores. Every node caches how many descendants it has and how many are done, so
progress is O(1) to read and O(depth) to keep up to date: 10,000 tasks stay cheap.

The rules live here so the service (which writes the database) and the Qt model (which shows
the tree) can never disagree about them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from integrado.events.text import forbidden_text

if TYPE_CHECKING:
    from taskmanager_gui.records import TaskData

MAX_TITLE_CHARS = 500
MAX_NOTES_CHARS = 4000
# Ancestor titles in an event's `path` are shortened so a deep tree of long titles still fits
# in one message (consumers cap messages at 64 KiB).
PATH_TITLE_CHARS = 120
PATH_MAX_ENTRIES = 12


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a message for Qt's translation tools without importing Qt here (the domain stays
    Qt-free); the window translates `TaskError.template` in context "TaskError"."""
    del context
    return text


class TaskError(Exception):
    """A user action that cannot be done; the message is meant for the person who tried.

    `template` is the English text with `{name}` placeholders (a translation source string),
    `params` fills them; `str(error)` is the English message.
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class ValidationError(TaskError):
    """Bad input: nothing was changed."""


class CycleError(ValidationError):
    """A task cannot move into its own subtree."""


class BlockedError(TaskError):
    """The parent rule forbids completing a task while subtasks are open."""


class StorageUnavailableError(TaskError):
    """The tasks database could not be reached (the office's PostgreSQL stopped or cut off, a
    local file locked or unreadable). An action that fails this way wrote nothing.

    `saving` tells an action (nothing saved; what the user typed is kept for a retry) from a
    read (the tree on screen may be out of date)."""

    def __init__(self, *, saving: bool) -> None:
        if saving:
            template = QT_TRANSLATE_NOOP(
                "TaskError",
                "Not saved: the tasks database cannot be reached. Nothing was written and what you typed "
                "is kept; try again in a moment. If this goes on, tell the office's administrator.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "TaskError",
                "The tasks database cannot be reached: the tree may be out of date until it is back.",
            )
        super().__init__(template)
        self.saving = saving


class NotAllowedError(TaskError):
    """The database refused the action: the signed-in role may not do it. Nothing was written.

    `action` is the `integrado.access.Action` value the database named (None: a grant refused
    it without saying which rule)."""

    def __init__(self, action: str | None) -> None:
        if action == "delete_task_subtree":
            template = QT_TRANSLATE_NOOP(
                "TaskError", "You may not do this: only a supervisor may remove a task that has subtasks."
            )
        else:
            template = QT_TRANSLATE_NOOP("TaskError", "You may not do this: your role does not allow it.")
        super().__init__(template)
        self.action = action


class AccessRemovedError(TaskError):
    """The login was disabled or removed while signed in: the action wrote nothing, and what the
    user typed is kept."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "TaskError",
                "Your access was removed: this login may no longer use the tasks database. Nothing was "
                "saved and what you typed is kept. Ask the office's administrator.",
            )
        )


class Priority(enum.IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class ParentRule(enum.StrEnum):
    """What completing subtasks means for their parent."""

    MANUAL = "manual"  # the parent is completed by hand (completing it still completes its subtasks)
    AUTO_COMPLETE = "auto"  # the parent completes itself when its last open subtask is done
    BLOCK = "block"  # a parent cannot be completed while a subtask is open


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(eq=False, slots=True)
class TaskNode:
    """One task in the tree. `parent` is the invisible root for top-level tasks."""

    id: int
    title: str
    notes: str = ""
    priority: int = 0
    due: date | None = None
    completed: bool = False
    completed_at: datetime | None = None
    updated_at: datetime = field(default_factory=utc_now)
    version: int = 1
    parent: TaskNode | None = None
    position: int = 0
    children: list[TaskNode] = field(default_factory=list)
    # Descendants (not counting the node itself): how many, and how many are completed.
    total: int = 0
    done: int = 0

    @property
    def parent_id(self) -> int | None:
        if self.parent is None or self.parent.id == ROOT_ID:
            return None
        return self.parent.id

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def progress(self) -> tuple[int, int]:
        return self.done, self.total

    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None and node.id != ROOT_ID:
            depth += 1
            node = node.parent
        return depth

    def ancestors(self) -> Iterator[TaskNode]:
        """Parent first, up to (not including) the invisible root."""
        node = self.parent
        while node is not None and node.id != ROOT_ID:
            yield node
            node = node.parent

    def walk(self) -> Iterator[TaskNode]:
        """This node and its descendants, depth first, in display order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def descendants(self) -> Iterator[TaskNode]:
        it = self.walk()
        next(it)
        return it

    def to_data(self) -> TaskData:
        from taskmanager_gui.records import TaskData  # not needed by the window's first frame

        return TaskData(
            id=self.id,
            parent_id=self.parent_id,
            position=self.position,
            title=self.title,
            notes=self.notes,
            priority=self.priority,
            due=self.due,
            completed=self.completed,
            completed_at=self.completed_at,
            updated_at=self.updated_at,
            version=self.version,
        )


ROOT_ID = 0


def clean_title(title: str) -> str:
    """The title as stored, or ValidationError with a message for the person typing it."""
    text = " ".join(title.split()) if isinstance(title, str) else ""
    if not text:
        raise ValidationError(QT_TRANSLATE_NOOP("TaskError", "A task needs a title."))
    if len(text) > MAX_TITLE_CHARS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("TaskError", "A title can have at most {limit} characters (this one has {length})."),
            limit=MAX_TITLE_CHARS,
            length=len(text),
        )
    if forbidden_text(title):
        raise ValidationError(
            QT_TRANSLATE_NOOP("TaskError", "The title contains control or text-direction characters; please retype it.")
        )
    return text


def clean_notes(notes: str) -> str:
    if len(notes) > MAX_NOTES_CHARS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("TaskError", "Notes can have at most {limit} characters (these have {length})."),
            limit=MAX_NOTES_CHARS,
            length=len(notes),
        )
    if forbidden_text(notes):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "TaskError", "The notes contain control or text-direction characters; please retype them."
            )
        )
    return notes


def clean_priority(priority: int) -> int:
    try:
        return int(Priority(priority))
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("TaskError", "Unknown priority {priority}."), priority=priority
        ) from None


class TaskTree:
    """All tasks of one database, in order, with the rules that keep them consistent."""

    def __init__(self) -> None:
        self.root = TaskNode(id=ROOT_ID, title="")
        self.nodes: dict[int, TaskNode] = {}
        # Nodes whose position changed as a side effect (siblings renumbered); the service
        # writes them and clears this.
        self.renumbered: set[int] = set()

    # -- building -----------------------------------------------------------------------

    @classmethod
    def from_data(cls, rows: Iterable[TaskData]) -> TaskTree:
        """Build from snapshots in any order; positions are normalised to 0..n-1."""
        tree = cls()
        rows = list(rows)
        by_parent: dict[int | None, list[TaskData]] = {}
        for row in rows:
            tree.nodes[row.id] = _node_from(row)
            by_parent.setdefault(row.parent_id, []).append(row)
        for parent_id, kids in by_parent.items():
            parent = tree.root if parent_id is None else tree.nodes.get(parent_id)
            if parent is None:
                # An orphan (its parent vanished): show it at top level rather than lose it.
                parent = tree.root
            kids.sort(key=lambda r: (r.position, r.id))
            for kid in kids:
                node = tree.nodes[kid.id]
                node.parent = parent
                parent.children.append(node)
        for parent in [tree.root, *tree.nodes.values()]:
            for i, child in enumerate(parent.children):
                child.position = i
        # A corrupted parent chain (a cycle) would hide nodes from the root: re-attach them.
        reachable = {n.id for n in tree.root.descendants()}
        for node in tree.nodes.values():
            if node.id not in reachable:
                node.parent.children.remove(node)  # type: ignore[union-attr]
                node.parent = tree.root
                tree.root.children.append(node)
                reachable.update(n.id for n in node.walk())
        for i, child in enumerate(tree.root.children):
            child.position = i
        tree._recount_all()
        return tree

    def _recount_all(self) -> None:
        # Post-order without recursion (8+ levels, 10,000 nodes).
        order = list(self.root.walk())
        for node in reversed(order):
            total = done = 0
            for child in node.children:
                total += 1 + child.total
                done += child.done + (1 if child.completed else 0)
            node.total, node.done = total, done

    # -- queries ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, task_id: object) -> bool:
        return task_id in self.nodes

    def get(self, task_id: int) -> TaskNode:
        try:
            return self.nodes[task_id]
        except KeyError:
            raise TaskError(QT_TRANSLATE_NOOP("TaskError", "Task #{id} no longer exists."), id=task_id) from None

    def parent_node(self, parent_id: int | None) -> TaskNode:
        return self.root if parent_id is None else self.get(parent_id)

    def path(self, node: TaskNode) -> list[str]:
        """Titles from the top-level ancestor down to the node itself."""
        titles = [node.title]
        titles.extend(a.title for a in node.ancestors())
        titles.reverse()
        return titles

    def event_path(self, node: TaskNode) -> list[str]:
        """The path for an event: bounded in size however deep and wordy the tree is."""
        titles = [t if len(t) <= PATH_TITLE_CHARS else t[: PATH_TITLE_CHARS - 1] + "…" for t in self.path(node)]
        titles[-1] = node.title
        if len(titles) > PATH_MAX_ENTRIES:
            titles = [titles[0], "…", *titles[-(PATH_MAX_ENTRIES - 2) :]]
        return titles

    def is_in_subtree(self, node: TaskNode, top: TaskNode) -> bool:
        """True when `node` is `top` or one of its descendants."""
        current: TaskNode | None = node
        while current is not None:
            if current is top:
                return True
            current = current.parent
        return False

    def effective_due_limit(self, parent: TaskNode) -> date | None:
        """The latest due date a child of `parent` may have (the nearest ancestor's due)."""
        node: TaskNode | None = parent
        while node is not None and node.id != ROOT_ID:
            if node.due is not None:
                return node.due
            node = node.parent
        return None

    def latest_due_below(self, node: TaskNode) -> date | None:
        dues = [d.due for d in node.descendants() if d.due is not None]
        return max(dues) if dues else None

    # -- checks (raise before anything changes) -------------------------------------------

    def check_due(self, node: TaskNode | None, parent: TaskNode, due: date | None) -> None:
        """A subtask is never due after its parent (nor its parent due before a subtask)."""
        if due is None:
            return
        limit = self.effective_due_limit(parent)
        if limit is not None and due > limit:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "TaskError", "A subtask cannot be due after its parent: the parent is due on {date}."
                ),
                date=limit.isoformat(),
            )
        if node is not None:
            latest = self.latest_due_below(node)
            if latest is not None and latest > due:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("TaskError", "A subtask of this task is due later, on {date}."),
                    date=latest.isoformat(),
                )

    def check_move(self, node: TaskNode, new_parent: TaskNode) -> None:
        if self.is_in_subtree(new_parent, node):
            raise CycleError(
                QT_TRANSLATE_NOOP("TaskError", "A task cannot be moved into itself or one of its own subtasks.")
            )
        own_due = node.due if node.due is not None else self.latest_due_below(node)
        limit = self.effective_due_limit(new_parent)
        if own_due is not None and limit is not None and own_due > limit:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "TaskError", "This task (or a subtask) is due after {date}, the new parent's due date."
                ),
                date=limit.isoformat(),
            )

    # -- structural changes -----------------------------------------------------------------

    def insert(self, node: TaskNode, parent: TaskNode, position: int | None = None) -> None:
        """Attach a detached node (and its subtree) under `parent` at `position`."""
        if node.id in self.nodes:
            raise ValidationError(QT_TRANSLATE_NOOP("TaskError", "Task #{id} already exists."), id=node.id)
        position = len(parent.children) if position is None else max(0, min(position, len(parent.children)))
        parent.children.insert(position, node)
        node.parent = parent
        for n in node.walk():
            self.nodes[n.id] = n
        self._renumber(parent, position, skip=node)
        node.position = position
        self._adjust_counts(parent, 1 + node.total, node.done + (1 if node.completed else 0))

    def detach(self, node: TaskNode) -> list[TaskNode]:
        """Remove a node and its subtree; returns them in display order (node first)."""
        parent = node.parent
        assert parent is not None
        removed = list(node.walk())
        del parent.children[node.position]
        self._renumber(parent, node.position)
        for n in removed:
            del self.nodes[n.id]
        self._adjust_counts(parent, -(1 + node.total), -(node.done + (1 if node.completed else 0)))
        return removed

    def move(self, node: TaskNode, new_parent: TaskNode, position: int) -> None:
        """Re-parent or reorder; `position` is the index among the new siblings after the move."""
        self.check_move(node, new_parent)
        self.relocate(node, new_parent, position)

    def relocate(self, node: TaskNode, new_parent: TaskNode, position: int) -> None:
        """Move without the rule checks: for mirrors of a tree whose changes were already checked."""
        if self.is_in_subtree(new_parent, node):
            raise CycleError(
                QT_TRANSLATE_NOOP("TaskError", "A task cannot be moved into itself or one of its own subtasks.")
            )
        old_parent = node.parent
        assert old_parent is not None
        del old_parent.children[node.position]
        self._renumber(old_parent, node.position)
        weight = 1 + node.total
        done = node.done + (1 if node.completed else 0)
        self._adjust_counts(old_parent, -weight, -done)
        position = max(0, min(position, len(new_parent.children)))
        new_parent.children.insert(position, node)
        node.parent = new_parent
        self._renumber(new_parent, position, skip=node)
        node.position = position
        self._adjust_counts(new_parent, weight, done)

    def _renumber(self, parent: TaskNode, start: int, skip: TaskNode | None = None) -> None:
        for i in range(start, len(parent.children)):
            child = parent.children[i]
            if child.position != i and child is not skip:
                child.position = i
                self.renumbered.add(child.id)

    def _adjust_counts(self, start: TaskNode, d_total: int, d_done: int) -> None:
        node: TaskNode | None = start
        while node is not None:
            node.total += d_total
            node.done += d_done
            node = node.parent

    def _set_completed_flag(self, node: TaskNode, completed: bool, now: datetime) -> None:
        if node.completed == completed:
            return
        node.completed = completed
        node.completed_at = now if completed else None
        if node.parent is not None:
            self._adjust_counts(node.parent, 0, 1 if completed else -1)

    def apply_fields(self, node: TaskNode, data: TaskData) -> None:
        """Copy a snapshot's fields (not its place in the tree) onto a node, keeping counts right."""
        node.title = data.title
        node.notes = data.notes
        node.priority = data.priority
        node.due = data.due
        node.updated_at = data.updated_at
        node.version = data.version
        self._set_completed_flag(node, data.completed, data.completed_at or utc_now())
        node.completed_at = data.completed_at

    # -- completion -------------------------------------------------------------------------

    def complete(self, node: TaskNode, rule: ParentRule, now: datetime | None = None) -> list[TaskNode]:
        """Complete a task and its open descendants; returns every task that changed, in order."""
        now = now or utc_now()
        if rule is ParentRule.BLOCK and node.done < node.total:
            open_count = node.total - node.done
            raise BlockedError(
                QT_TRANSLATE_NOOP(
                    "TaskError",
                    "This task has {count} open subtask(s). Complete them first "
                    "(the parent rule is set to block completing a parent with open subtasks).",
                ),
                count=open_count,
            )
        changed = [n for n in node.walk() if not n.completed]
        for n in changed:
            self._set_completed_flag(n, True, now)
        changed.extend(self.settle_ancestors(node.parent, rule, now))
        return changed

    def reopen(self, node: TaskNode, rule: ParentRule, now: datetime | None = None) -> list[TaskNode]:
        """Reopen one task (its subtasks keep their state); ancestors follow the parent rule."""
        now = now or utc_now()
        if not node.completed:
            return []
        self._set_completed_flag(node, False, now)
        return [node, *self.settle_ancestors(node.parent, rule, now)]

    def set_exact(self, states: dict[int, bool], now: datetime | None = None) -> list[TaskNode]:
        """Set completion flags exactly as given (undo/redo): no cascade, no parent rule."""
        now = now or utc_now()
        changed = []
        for task_id, completed in states.items():
            node = self.get(task_id)
            if node.completed != completed:
                self._set_completed_flag(node, completed, now)
                changed.append(node)
        return changed

    def settle_ancestors(self, start: TaskNode | None, rule: ParentRule, now: datetime) -> list[TaskNode]:
        """Make ancestors agree with the parent rule after their subtasks changed.

        AUTO: a parent is done exactly when all its children are (so reopening a subtask reopens
        its parent). BLOCK: a done parent with an open subtask is reopened. MANUAL: nothing.
        """
        changed: list[TaskNode] = []
        if rule is ParentRule.MANUAL:
            return changed
        node = start
        while node is not None and node.id != ROOT_ID:
            if not node.children:
                break
            all_done = all(c.completed for c in node.children)
            if rule is ParentRule.AUTO_COMPLETE and all_done and not node.completed:
                self._set_completed_flag(node, True, now)
                changed.append(node)
            elif not all_done and node.completed:
                self._set_completed_flag(node, False, now)
                changed.append(node)
            else:
                break
            node = node.parent
        return changed

    # -- iteration ----------------------------------------------------------------------------

    def walk(self) -> Iterator[TaskNode]:
        """Every task in display order."""
        it = self.root.walk()
        next(it)
        return it


def _node_from(row: TaskData) -> TaskNode:
    return TaskNode(
        id=row.id,
        title=row.title,
        notes=row.notes,
        priority=row.priority,
        due=row.due,
        completed=row.completed,
        completed_at=row.completed_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def node_from_data(row: TaskData) -> TaskNode:
    """A detached node holding a snapshot's fields (insert it with `TaskTree.insert`)."""
    return _node_from(row)


def build_subtree(rows: list[TaskData]) -> TaskNode:
    """A detached subtree from snapshots whose first row is its top (the others below it)."""
    top = _node_from(rows[0])
    nodes = {top.id: top}
    for row in rows[1:]:
        nodes[row.id] = _node_from(row)
    for row in sorted(rows[1:], key=lambda r: r.position):
        node, parent = nodes[row.id], nodes.get(row.parent_id)  # type: ignore[arg-type]
        if parent is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("TaskError", "Task #{id} is not below task #{top}."), id=row.id, top=top.id
            )
        node.parent = parent
        parent.children.append(node)
    order = list(top.walk())
    for node in reversed(order):
        for i, child in enumerate(node.children):
            child.position = i
        node.total = sum(1 + c.total for c in node.children)
        node.done = sum(c.done + (1 if c.completed else 0) for c in node.children)
    top.position = rows[0].position
    return top
