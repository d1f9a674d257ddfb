"""TaskService: every user action on tasks as ONE database transaction with its events.

Each method validates its input first (nothing is written for bad input), then, inside one
transaction, loads the current tree, applies the domain rules, writes the rows that changed
(each update checks the row's `version`) and adds one outbox row per task that changed, all
sharing the action's correlation id. It never touches Redis or Qt and returns plain
dataclasses (`ChangeSet`), never live ORM rows.

Loading the whole tree per action costs a few tens of milliseconds for 10,000 tasks and means
the rules are always checked against what is in the database now, including what other
operators changed since this window loaded.

On PostgreSQL several PCs write at once, and reading the tree then writing what the rules say
is a read-then-write race: two operators completing the last two open subtasks would each see
the other's still open, and the parent would stay open under the AUTO rule (or a parent be
completed while a subtask is being reopened under BLOCK). So each action first locks the
top-level task of every tree it touches (`SELECT ... FOR UPDATE`) and only then reads the tree:
writers of one tree take turns, writers of different trees do not wait for each other. Actions
that change the top level itself (and renumber the top-level rows of other trees) also take one
transaction-level advisory lock first, so two of them never wait on each other's rows.

A database that cannot be reached is a `StorageUnavailableError`: the transaction was rolled back
by the server (or never began), so nothing of the action is written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, bindparam, func, literal, select, type_coerce, update
from sqlalchemy.orm import Session

from integrado.access.identity import SignedIn, database_actor
from integrado.access.refusals import access_guard
from integrado.db import storage_guard
from integrado.events import Actor, new_correlation_id, task_event
from integrado.events.system import System
from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings
from taskmanager_gui.domain import (
    QT_TRANSLATE_NOOP,
    AccessRemovedError,
    NotAllowedError,
    ParentRule,
    StorageUnavailableError,
    TaskError,
    TaskNode,
    TaskTree,
    ValidationError,
    build_subtree,
    clean_notes,
    clean_priority,
    clean_title,
    utc_now,
)
from taskmanager_gui.records import ChangeSet, TaskData, TreeSnapshot
from taskmanager_gui.tables import TASKS, Base, TaskRow

log = logging.getLogger(__name__)

_UNSET: Any = object()

# pg_advisory_xact_lock(class, key): the two-integer key space, apart from the relay's bigint keys.
_LOCK_CLASS = 0x7461736B  # "task"
_TOP_LEVEL_KEY = 1
# Deeper than any tree an operator builds; stops the ancestor walk on a corrupted parent cycle.
_MAX_DEPTH = 10_000


class ConflictError(TaskError):
    """Someone else changed the task since it was shown; nothing was saved."""


class NotFoundError(TaskError):
    """The task is gone (removed by someone else meanwhile); nothing was saved."""


class DiskFullError(StorageUnavailableError):
    """The disk that holds the tasks database is full: nothing was written, what the user typed
    is kept, and the same action succeeds once some space is freed (no restart)."""

    def __init__(self) -> None:
        super().__init__(saving=True)
        self.template = QT_TRANSLATE_NOOP(
            "TaskError", "The disk is full: the task was not saved. Free some space and try again."
        )
        self.args = (self.template,)


class ReadOnlyStorageError(StorageUnavailableError):
    """The tasks database (its file, its folder or the server) accepts no writes."""

    def __init__(self) -> None:
        super().__init__(saving=True)
        self.template = QT_TRANSLATE_NOOP(
            "TaskError",
            "Not saved: the tasks database is read-only (its file or folder cannot be written). Nothing "
            "was written and what you typed is kept; tell the office's administrator.",
        )
        self.args = (self.template,)


_action = storage_guard(
    "tasks database",
    lambda: StorageUnavailableError(saving=True),
    full=DiskFullError,
    read_only=ReadOnlyStorageError,
)
_query = storage_guard("tasks database", lambda: StorageUnavailableError(saving=False))
# The database's refusals (a role without the right, a login removed while signed in); inside the
# storage guard, to which a login refused at connect looks like a server that cannot be reached.
_refused = access_guard("tasks database", NotAllowedError, AccessRemovedError)


def _now(session: Session) -> datetime:
    """The time an action writes (`updated_at`, `completed_at`): on a shared PostgreSQL the
    server's clock, so a PC whose clock is minutes off does not sort its changes out of order
    among the other PCs'; a local database has only this PC's clock."""
    if session.get_bind().dialect.name == "postgresql":
        stamp = session.execute(select(func.clock_timestamp())).scalar_one()
        return stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    return utc_now()


def _naive(dt: datetime | None) -> datetime | None:
    return None if dt is None else dt.astimezone(UTC).replace(tzinfo=None)


def _when(value: str | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class _Action:
    """Collects the writes and events of one action inside its transaction."""

    def __init__(self, service: TaskService, session: Session, tree: TaskTree) -> None:
        self.service = service
        self.session = session
        self.tree = tree
        self.correlation_id = new_correlation_id()
        self.now = _now(session)
        self._events: list[tuple[str, TaskNode, dict[str, list[Any]] | None]] = []
        self.created: list[TaskNode] = []
        self.updated: list[TaskNode] = []
        self.moved: list[TaskNode] = []
        self.removed: list[TaskData] = []
        self.restored: list[TaskNode] = []
        self._bumps: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        self._titles: dict[int, str] = {}

    def event(self, event_type: str, node: TaskNode, changes: dict[str, list[Any]] | None = None) -> None:
        self._events.append((event_type, node, changes))

    def bump(self, node: TaskNode, **values: Any) -> None:
        """Queue a changed task's row; `finish()` writes them, checking nobody else wrote them."""
        old_version = node.version
        node.version = old_version + 1
        node.updated_at = self.now
        params = {"b_id": node.id, "b_old": old_version, "b_version": node.version, "b_updated_at": _naive(self.now)}
        params.update({f"b_{key}": value for key, value in values.items()})
        self._bumps.setdefault(tuple(sorted(values)), []).append(params)
        self._titles[node.id] = node.title

    def _write(self) -> None:
        # One executemany per kind of change: a cascade over thousands of tasks is a few
        # statements, not thousands of compiled ones.
        t = TASKS
        multi_rowcount = self.session.get_bind().dialect.supports_sane_multi_rowcount
        for keys, rows in self._bumps.items():
            stmt = (
                update(t)
                .where(t.c.id == bindparam("b_id"), t.c.version == bindparam("b_old"))
                .values(
                    version=bindparam("b_version"),
                    updated_at=bindparam("b_updated_at"),
                    **{key: bindparam(f"b_{key}") for key in keys},
                )
            )
            batches = [rows] if multi_rowcount else [[row] for row in rows]
            for batch in batches:
                result = self.session.execute(stmt, batch)
                if result.rowcount != len(batch):  # type: ignore[attr-defined]
                    title = self._titles.get(batch[0]["b_id"], "")
                    raise ConflictError(
                        QT_TRANSLATE_NOOP(
                            "TaskError", "“{title}” was changed by someone else meanwhile; nothing was saved."
                        ),
                        title=title,
                    )
        self._bumps.clear()
        moved = [
            {"b_id": task_id, "b_position": self.tree.nodes[task_id].position}
            for task_id in sorted(self.tree.renumbered)
            if task_id in self.tree.nodes
        ]
        if moved:
            self.session.execute(
                update(t).where(t.c.id == bindparam("b_id")).values(position=bindparam("b_position")), moved
            )

    def finish(self) -> ChangeSet:
        self._write()
        self.tree.renumbered.clear()
        pending = []
        for event_type, node, changes in self._events:
            envelope = task_event(
                event_type,
                node.id,
                title=node.title,
                completed=node.completed,
                data=node.data if isinstance(node, _Frozen) else self.service.event_data(self.tree, node),
                actor=self.service.actor,
                correlation_id=self.correlation_id,
                changes=changes,
            )
            pending.append(envelope)
        # One counter update and one insert for the whole action (a cascade may be thousands).
        envelopes = self.service.pipeline.outbox.add_many(self.session, pending)
        return ChangeSet(
            correlation_id=self.correlation_id,
            created=tuple(n.to_data() for n in self.created),
            updated=tuple(_unique(n.to_data() for n in self.updated)),
            moved=tuple(n.to_data() for n in self.moved),
            removed=tuple(self.removed),
            restored=tuple(n.to_data() for n in self.restored),
            events=tuple(envelopes),
        )


def _unique(items: Any) -> list[TaskData]:
    seen: dict[int, TaskData] = {}
    for item in items:
        seen[item.id] = item
    return list(seen.values())


class TaskService:
    """The use cases of TaskManager; synchronous, one transaction per call."""

    def __init__(
        self, pipeline: ProducerPipeline, actor: Actor | None = None, rule: ParentRule = ParentRule.MANUAL
    ) -> None:
        self.pipeline = pipeline
        actor = actor or Actor.current()
        # On a shared database an office login's name is the database's (it writes it whatever
        # the client sends): publish that same name.
        self.actor = database_actor(pipeline.engine, actor) or actor
        self.rule = rule
        self._cache: TaskTree | None = None
        self._cache_stamp: tuple[int, int] | None = None
        # The table state the caller's copy of the tree reflects (set by load_all and by each
        # action); a different stamp at the next action means someone else committed meanwhile.
        self._seen_stamp: tuple[int, int] | None = None
        self._external_change = False

    # -- reading ----------------------------------------------------------------------------

    @_query
    @_refused
    def signed_in(self) -> SignedIn | None:
        """Who the database says this app is signed in as, and the role it holds now (asked
        afresh each time: a role changed meanwhile shows at once); None on a single PC."""
        return self.pipeline.signed_in()

    @_query
    @_refused
    def load_all(self) -> list[TaskData]:
        """Every task that is not removed (any order)."""
        with self.pipeline.session_factory() as session:
            self._seen_stamp = self._stamp(session)
            self._external_change = False
            return self._rows(session)

    @_query
    @_refused
    def changed_elsewhere(self) -> bool:
        """True when someone else committed task changes since `load_all()` or our last action."""
        with self.pipeline.session_factory() as session:
            return self._seen_stamp is not None and self._stamp(session) != self._seen_stamp

    def take_external_change(self) -> bool:
        """Whether the last action found changes by someone else (then reload; resets the flag)."""
        seen, self._external_change = self._external_change, False
        return seen

    @_query
    @_refused
    def snapshot(self, ids: Iterable[int], parents: Iterable[int | None] = ()) -> TreeSnapshot:
        """These tasks as they are now (removed ones in `gone`) and the ordered subtasks of these
        parents and of every parent of a task read: what a tree on screen needs to take in
        changes made elsewhere without reloading everything."""
        t = TASKS
        wanted, read_parents = set(ids), set(parents)
        rows: dict[int, TaskData] = {}
        gone: set[int] = set()
        children: dict[int | None, tuple[int, ...]] = {}
        with self.pipeline.session_factory() as session:
            while True:
                missing = sorted(wanted - rows.keys() - gone)
                for chunk in _chunks(missing):
                    found = {r.id: r for r in self._rows(session, t.c.id.in_(chunk))}
                    rows.update(found)
                    gone.update(i for i in chunk if i not in found)
                read_parents.update(r.parent_id for r in rows.values())
                todo = read_parents - children.keys()
                if not todo:
                    break
                conditions = [t.c.parent_id.in_(chunk) for chunk in _chunks(sorted(p for p in todo if p is not None))]
                if None in todo:
                    conditions.append(t.c.parent_id.is_(None))
                by_parent: dict[int | None, list[TaskData]] = {}
                for condition in conditions:
                    for kid in self._rows(session, condition):
                        rows[kid.id] = kid
                        by_parent.setdefault(kid.parent_id, []).append(kid)
                for parent in todo:
                    ordered = sorted(by_parent.get(parent, ()), key=lambda r: (r.position, r.id))
                    children[parent] = tuple(r.id for r in ordered)
            # What the tree on screen reflects from now on (changes still on their way arrive as
            # their own events); an action of ours then needs no reload.
            self._seen_stamp = self._stamp(session)
            self._external_change = False
        return TreeSnapshot(tuple(rows.values()), frozenset(gone), children)

    def load_tree(self) -> TaskTree:
        return TaskTree.from_data(self.load_all())

    def _rows(self, session: Session, where: ColumnElement[bool] | None = None) -> list[TaskData]:
        t = TASKS
        # Dates come back as text from SQLite and are parsed with fromisoformat (C): SQLAlchemy's
        # regex-based SQLite date processing is the larger part of loading 10,000 tasks.
        # PostgreSQL's driver returns date objects, which _when/_day pass through.
        raw = String()
        result = session.execute(
            select(
                t.c.id,
                t.c.parent_id,
                t.c.position,
                t.c.title,
                t.c.notes,
                t.c.priority,
                type_coerce(t.c.due, raw),
                t.c.completed,
                type_coerce(t.c.completed_at, raw),
                type_coerce(t.c.updated_at, raw),
                t.c.version,
            ).where(t.c.deleted_at.is_(None), *(() if where is None else (where,)))
        )
        return [
            TaskData(
                id=r[0],
                parent_id=r[1],
                position=r[2],
                title=r[3],
                notes=r[4],
                priority=r[5],
                due=_day(r[6]),
                completed=bool(r[7]),
                completed_at=_when(r[8]),
                updated_at=_when(r[9]) or utc_now(),
                version=r[10],
            )
            for r in result
        ]

    def event_data(self, tree: TaskTree, node: TaskNode) -> dict[str, Any]:
        """The task's snapshot carried in every event's `data`."""
        done, total = node.progress
        return {
            "id": node.id,
            "parent_id": node.parent_id,
            "position": node.position,
            "title": node.title,
            "notes": node.notes,
            "priority": node.priority,
            "due": node.due.isoformat() if node.due else None,
            "completed": node.completed,
            "completed_at": _iso(node.completed_at),
            "updated_at": _iso(node.updated_at),
            "version": node.version,
            "path": tree.event_path(node),
            "progress": {"done": done, "total": total, "percent": round(100 * done / total) if total else None},
        }

    # -- the transaction template ------------------------------------------------------------

    def _stamp(self, session: Session) -> tuple[int, int]:
        """Changes whenever anyone commits a task change: every change bumps some row's version
        (removed rows included, they are kept) and every new row adds one."""
        t = TASKS
        count, total = session.execute(select(func.count(), func.coalesce(func.sum(t.c.version), 0))).one()
        return int(count), int(total)

    def _tree(self, session: Session) -> TaskTree:
        # Reuse the tree of the previous action while nobody changed the table: for 10,000
        # tasks a reload costs ~200 ms, the check a few.
        stamp = self._stamp(session)
        if self._seen_stamp is not None and stamp != self._seen_stamp:
            self._external_change = True
        if self._cache is None or self._cache_stamp != stamp:
            self._cache = TaskTree.from_data(self._rows(session))
        self._cache_stamp = stamp
        self._cache.renumbered.clear()
        return self._cache

    def _tops(self, session: Session, ids: Collection[int]) -> dict[int, int]:
        """Each task's top-level ancestor (itself when it is top-level), walking up `parent_id`."""
        t = TASKS
        start = select(t.c.id.label("start"), t.c.id, t.c.parent_id, literal(0, Integer).label("depth"))
        up = start.where(t.c.id.in_(sorted(ids))).cte("up", recursive=True)
        up = up.union_all(
            select(up.c.start, t.c.id, t.c.parent_id, up.c.depth + 1)
            .join_from(up, t, t.c.id == up.c.parent_id)
            .where(up.c.depth < _MAX_DEPTH)
        )
        return {
            start_id: top
            for start_id, top in session.execute(select(up.c.start, up.c.id).where(up.c.parent_id.is_(None)))
        }

    def _lock_trees(self, session: Session, touched: Iterable[int | None], leaving: Iterable[int]) -> None:
        """Serialise the writers of the same trees before anything is read (PostgreSQL only:
        SQLite's BEGIN IMMEDIATE already lets one writer at a time in)."""
        if session.get_bind().dialect.name != "postgresql":
            return
        touched = list(touched)
        leaving = set(leaving)
        ids = {i for i in touched if i is not None} | leaving
        tops = self._tops(session, ids) if ids else {}
        if None in touched or any(tops.get(i) == i for i in leaving):
            # The top level changes (its rows are renumbered): one such action at a time, taken
            # before any row lock so two of them never hold each other's rows.
            session.execute(select(func.pg_advisory_xact_lock(_LOCK_CLASS, _TOP_LEVEL_KEY)))
        t = TASKS
        locked: set[int] = set()
        while tops and not set(tops.values()) <= locked:
            wanted = sorted(set(tops.values()) - locked)
            # In id order, so two actions over the same trees never wait on each other crosswise.
            session.execute(select(t.c.id).where(t.c.id.in_(wanted)).order_by(t.c.id).with_for_update())
            locked.update(wanted)
            # A move committed while we waited may have put a task under another top: lock it too.
            tops = self._tops(session, ids)

    @_action
    @_refused
    def _run(
        self, body: Callable[[_Action], None], touched: Iterable[int | None], *, leaving: Iterable[int] = ()
    ) -> ChangeSet:
        """One action in one transaction. `touched`: the tasks whose trees it reads and changes
        (None: a task enters the top level); `leaving`: the tasks it moves or removes."""
        try:
            with self.pipeline.session_factory.begin() as session:
                self._lock_trees(session, touched, leaving)
                action = _Action(self, session, self._tree(session))
                body(action)
                changes = action.finish()
                self._cache_stamp = self._seen_stamp = self._stamp(session)
            return changes
        except BaseException:
            # The cached tree may hold half an action that was rolled back: drop it.
            self._cache = None
            raise

    def _node(self, action: _Action, task_id: int, expected_version: int | None) -> TaskNode:
        node = action.tree.nodes.get(task_id)
        if node is None:
            row = action.session.get(TaskRow, task_id)
            if row is not None:
                raise NotFoundError(
                    QT_TRANSLATE_NOOP(
                        "TaskError", "“{title}” was removed (perhaps by someone else) and cannot be changed."
                    ),
                    title=row.title,
                )
            raise NotFoundError(
                QT_TRANSLATE_NOOP("TaskError", "Task #{id} does not exist (perhaps removed by someone else)."),
                id=task_id,
            )
        if expected_version is not None and node.version != expected_version:
            raise ConflictError(
                QT_TRANSLATE_NOOP(
                    "TaskError",
                    "“{title}” was changed by someone else since it was shown; nothing was saved. "
                    "The tree now shows the latest state.",
                ),
                title=node.title,
            )
        return node

    def _parent(self, action: _Action, parent_id: int | None) -> TaskNode:
        if parent_id is None:
            return action.tree.root
        return self._node(action, parent_id, None)

    def _settle(self, action: _Action, start: TaskNode | None) -> None:
        for node in action.tree.settle_ancestors(start, self.rule, action.now):
            action.bump(node, completed=node.completed, completed_at=_naive(node.completed_at))
            action.updated.append(node)
            action.event("task.completed" if node.completed else "task.reopened", node)

    # -- actions -----------------------------------------------------------------------------

    def create(
        self,
        title: str,
        parent_id: int | None = None,
        position: int | None = None,
        *,
        notes: str = "",
        priority: int = 0,
        due: date | None = None,
    ) -> ChangeSet:
        """A new task (at the end of its siblings unless `position` says where)."""
        title = clean_title(title)
        notes = clean_notes(notes)
        priority = clean_priority(priority)

        def body(a: _Action) -> None:
            parent = self._parent(a, parent_id)
            a.tree.check_due(None, parent, due)
            now = _naive(a.now)
            row = TaskRow(
                parent_id=parent_id,
                position=0,
                title=title,
                notes=notes,
                priority=priority,
                due=due,
                completed=False,
                created_at=now,
                updated_at=now,
                version=1,
            )
            a.session.add(row)
            a.session.flush()
            node = TaskNode(id=row.id, title=title, notes=notes, priority=priority, due=due, updated_at=a.now)
            a.tree.insert(node, parent, position)
            row.position = node.position
            a.created.append(node)
            a.event("task.created", node)  # exactly one message per creation
            self._settle(a, parent)

        return self._run(body, [parent_id])

    def update(
        self,
        task_id: int,
        expected_version: int | None,
        *,
        title: str = _UNSET,
        notes: str = _UNSET,
        priority: int = _UNSET,
        due: date | None = _UNSET,
    ) -> ChangeSet:
        """Change title, notes, priority and/or due date; no event when nothing changed."""
        wanted: dict[str, Any] = {}
        if title is not _UNSET:
            wanted["title"] = clean_title(title)
        if notes is not _UNSET:
            wanted["notes"] = clean_notes(notes)
        if priority is not _UNSET:
            wanted["priority"] = clean_priority(priority)
        if due is not _UNSET:
            if due is not None and not isinstance(due, date):
                raise ValidationError(QT_TRANSLATE_NOOP("TaskError", "The due date is not a date."))
            wanted["due"] = due

        def body(a: _Action) -> None:
            node = self._node(a, task_id, expected_version)
            changes = {k: [getattr(node, k), v] for k, v in wanted.items() if getattr(node, k) != v}
            if not changes:
                return
            if "due" in changes:
                a.tree.check_due(node, node.parent, wanted["due"])  # type: ignore[arg-type]
            for key, (_old, new) in changes.items():
                setattr(node, key, new)
            a.bump(node, **{k: v for k, (_o, v) in changes.items()})
            a.updated.append(node)
            if "due" in changes:
                changes["due"] = [d.isoformat() if d else None for d in changes["due"]]
            if "notes" in changes:
                # The snapshot in `data` has the new notes; the old ones would only bloat the message.
                changes["notes"] = [len(changes["notes"][0]), len(changes["notes"][1])]
            a.event("task.updated", node, changes)

        return self._run(body, [task_id])

    def set_completed(self, task_id: int, expected_version: int | None, completed: bool) -> ChangeSet:
        """Complete (with its open subtasks) or reopen a task, then apply the parent rule."""

        def body(a: _Action) -> None:
            node = self._node(a, task_id, expected_version)
            changed = a.tree.complete(node, self.rule, a.now) if completed else a.tree.reopen(node, self.rule, a.now)
            for n in changed:
                a.bump(n, completed=n.completed, completed_at=_naive(n.completed_at))
                a.updated.append(n)
                a.event("task.completed" if n.completed else "task.reopened", n)

        return self._run(body, [task_id])

    def set_completion_exact(self, states: dict[int, bool]) -> ChangeSet:
        """Undo/redo of a completion: put exactly these tasks back, no cascade, no rule."""

        def body(a: _Action) -> None:
            for task_id in states:
                self._node(a, task_id, None)
            for n in a.tree.set_exact(states, a.now):
                a.bump(n, completed=n.completed, completed_at=_naive(n.completed_at))
                a.updated.append(n)
                a.event("task.completed" if n.completed else "task.reopened", n)

        return self._run(body, list(states))

    def move(self, task_id: int, expected_version: int | None, new_parent_id: int | None, position: int) -> ChangeSet:
        """Re-parent and/or reorder; `position` is the index among the siblings after the move."""

        def body(a: _Action) -> None:
            node = self._node(a, task_id, expected_version)
            new_parent = self._parent(a, new_parent_id)
            old_parent, old_parent_id, old_position = node.parent, node.parent_id, node.position
            a.tree.move(node, new_parent, position)
            if node.parent_id == old_parent_id and node.position == old_position:
                return
            a.bump(node, parent_id=node.parent_id, position=node.position)
            a.moved.append(node)
            a.event(
                "task.moved",
                node,
                {"parent_id": [old_parent_id, node.parent_id], "position": [old_position, node.position]},
            )
            if old_parent is not new_parent:
                self._settle(a, old_parent)
                self._settle(a, new_parent)

        return self._run(body, [task_id, new_parent_id], leaving=[task_id])

    def remove(self, task_id: int, expected_version: int | None) -> ChangeSet:
        """Remove a task and its subtree: one `task.deleted` per task, one correlation id."""

        def body(a: _Action) -> None:
            node = self._node(a, task_id, expected_version)
            parent = node.parent
            before = [n.to_data() for n in node.walk()]
            data = [self.event_data(a.tree, n) for n in node.walk()]
            removed = a.tree.detach(node)
            deleted_at = _naive(a.now)
            for n in removed:
                a.bump(n, deleted_at=deleted_at)
            a.removed.extend(before)
            # The snapshot is taken before the removal: path and progress as the user saw them.
            for n, snapshot in zip(removed, data, strict=True):
                snapshot["version"] = n.version
                snapshot["updated_at"] = _iso(n.updated_at)
                a.event("task.deleted", _Frozen(n, snapshot))  # type: ignore[arg-type]
            self._settle(a, parent)

        return self._run(body, [task_id], leaving=[task_id])

    def restore(self, removed: Sequence[TaskData]) -> ChangeSet:
        """Undo of a removal: the same tasks, same ids, back where they were."""
        if not removed:
            raise ValidationError(QT_TRANSLATE_NOOP("TaskError", "Nothing to restore."))
        rows = list(removed)

        def body(a: _Action) -> None:
            top = rows[0]
            parent = self._parent(a, top.parent_id)
            ids = [r.id for r in rows]
            t = TASKS
            db = {
                r.id: r for r in a.session.execute(select(t.c.id, t.c.version, t.c.deleted_at).where(t.c.id.in_(ids)))
            }
            if any(i not in db for i in ids):
                raise NotFoundError(QT_TRANSLATE_NOOP("TaskError", "These tasks can no longer be restored."))
            if any(db[i].deleted_at is None for i in ids):
                raise ConflictError(
                    QT_TRANSLATE_NOOP("TaskError", "These tasks are no longer removed; nothing was restored.")
                )
            fresh = [_replace_version(r, db[r.id].version) for r in rows]
            subtree = build_subtree(fresh)
            a.tree.check_move(subtree, parent)
            a.tree.insert(subtree, parent, top.position)
            for n in subtree.walk():
                a.bump(n, deleted_at=None, parent_id=n.parent_id, position=n.position)
                a.restored.append(n)
                a.event("task.restored", n)
            self._settle(a, parent)

        return self._run(body, [rows[0].parent_id])


class _Frozen:
    """A removed node whose event data was captured before the removal."""

    def __init__(self, node: TaskNode, data: dict[str, Any]) -> None:
        self.id = node.id
        self.title = node.title
        self.completed = node.completed
        self.data = data


def _replace_version(row: TaskData, version: int) -> TaskData:
    from dataclasses import replace

    return replace(row, version=version)


def _chunks(ids: Sequence[int], size: int = 500) -> list[list[int]]:
    """Bounded IN lists (SQLite allows a few thousand parameters per statement)."""
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def _iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def create_pipeline(settings: Settings, *, db_url: str | None = None, poll_interval: float = 2.0) -> ProducerPipeline:
    """TaskManager's pipeline (tasks table + outbox) from settings."""
    return ProducerPipeline.create(
        settings, system=System.TASKMANAGER, metadata=Base.metadata, db_url=db_url, poll_interval=poll_interval
    )
