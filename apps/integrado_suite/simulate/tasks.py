"""How a simulated operator works task trees: projects broken into steps, steps done, reopened,
reprioritised, moved, and finished projects tidied away, each through TaskManager's own service."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from integrado.events.system import System
from integrado.pipeline import ProducerPipeline
from integrado_suite.simulate.actions import Plan, RecordingOutbox
from integrado_suite.simulate.people import DETAIL_STEPS, NOTES, PROJECTS, operator_actor
from taskmanager_gui.records import ChangeSet
from taskmanager_gui.service import TaskService

SYSTEM = System.TASKMANAGER


@dataclass
class DeskTask:
    """What the office knows of a task it created; `children` keeps sibling order (position = index)."""

    id: int
    parent_id: int | None
    completed: bool
    owner: int  # index of the operator whose project it is
    priority: int = 0
    notes: str = ""
    children: list[int] = field(default_factory=list)


class TaskDesk:
    """The task trees of the simulated operators, and what each one does next.

    Only tasks this office created are touched (an office database may hold real work).
    """

    def __init__(self, pipeline: ProducerPipeline, names: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.outbox = RecordingOutbox(pipeline.outbox)
        self.tasks: dict[int, DeskTask] = {}
        self._titles: dict[int, str] = {}  # project (root task) titles, to pick fitting subtasks
        recorded = replace(pipeline, outbox=self.outbox)  # type: ignore[arg-type]
        self._services = [TaskService(recorded, operator_actor(i, name)) for i, name in enumerate(names)]

    def let_go(self, error: Exception) -> None:
        """After a refused action: nothing to forget (the mirror changes only on success)."""

    def plan(self, who: int) -> Plan:
        """What operator `who` does next in their projects."""
        rng = self.rng
        svc = self._services[who]
        mine = [t for t in self.tasks.values() if t.owner == who]
        roots = [t for t in mine if t.parent_id is None]
        open_roots = [t for t in roots if not t.completed]
        if not open_roots or (len(open_roots) < 3 and rng.random() < 0.08):
            return Plan("task.create", SYSTEM, lambda: self._create_project(svc, who))
        done_roots = [t for t in roots if t.completed]
        if done_roots and rng.random() < 0.15:
            # A finished project is tidied away (its whole subtree: one event per task).
            oldest = min(done_roots, key=lambda t: t.id)
            return Plan("task.delete", SYSTEM, lambda: self._remove(svc, oldest))
        root = rng.choice(open_roots)
        subtree = self._subtree(root.id)
        if not root.children:
            return Plan("task.create", SYSTEM, lambda: self._create(svc, who, root.id))
        open_leaves = [t for t in subtree if not t.children and not t.completed and t.id != root.id]
        done_leaves = [t for t in subtree if not t.children and t.completed and t.id != root.id]
        r = rng.random()
        if not open_leaves:
            # Everything under it is done: complete the project, or tidy it away once done.
            if r < 0.7:
                return Plan("task.complete", SYSTEM, lambda: self._set_completed(svc, root, True))
            return Plan("task.delete", SYSTEM, lambda: self._remove(svc, root))
        if r < 0.20 and len(subtree) < 12:
            parent = rng.choice([t for t in subtree if not t.completed and t.parent_id in (None, root.id)])
            return Plan("task.create", SYSTEM, lambda: self._create(svc, who, parent.id))
        if r < 0.60:
            leaf = rng.choice(open_leaves)
            return Plan("task.complete", SYSTEM, lambda: self._set_completed(svc, leaf, True))
        if r < 0.68 and done_leaves:
            leaf = rng.choice(done_leaves)
            return Plan("task.reopen", SYSTEM, lambda: self._set_completed(svc, leaf, False))
        if r < 0.80:
            task = rng.choice([t for t in subtree if t.id != root.id] or [root])
            return Plan("task.update", SYSTEM, lambda: self._update(svc, task))
        if r < 0.92:
            return Plan("task.move", SYSTEM, lambda: self._move(svc, who, root))
        victim = rng.choice(open_leaves)
        return Plan("task.delete", SYSTEM, lambda: self._remove(svc, victim))

    def _subtree(self, task_id: int) -> list[DeskTask]:
        out, todo = [], [task_id]
        while todo:
            task = self.tasks[todo.pop()]
            out.append(task)
            todo.extend(task.children)
        return out

    def _apply(self, changes: ChangeSet, who: int) -> None:
        """Mirror what the action changed, so the next plan needs no read of the database."""
        for data in changes.created:
            self.tasks[data.id] = DeskTask(data.id, data.parent_id, data.completed, who, data.priority, data.notes)
            if data.parent_id in self.tasks:
                self.tasks[data.parent_id].children.insert(data.position, data.id)
        for data in changes.updated:
            if data.id in self.tasks:
                task = self.tasks[data.id]
                task.completed, task.priority, task.notes = data.completed, data.priority, data.notes
        for data in changes.moved:
            moved = self.tasks.get(data.id)
            if moved is None:
                continue
            moved.completed = data.completed
            if moved.parent_id in self.tasks:
                self.tasks[moved.parent_id].children.remove(moved.id)
            moved.parent_id = data.parent_id
            if data.parent_id in self.tasks:
                self.tasks[data.parent_id].children.insert(data.position, moved.id)
        for data in changes.removed:
            removed = self.tasks.pop(data.id, None)
            if removed is not None and removed.parent_id in self.tasks:
                with contextlib.suppress(ValueError):
                    self.tasks[removed.parent_id].children.remove(removed.id)

    def _create_project(self, svc: TaskService, who: int) -> int:
        title, _steps = self.rng.choice(PROJECTS)
        due = date.today() + timedelta(days=self.rng.randint(3, 30))
        changes = svc.create(title, None, priority=self.rng.randint(1, 3), due=due)
        self._apply(changes, who)
        self._titles[changes.created[0].id] = title
        return changes.created[0].id

    def _create(self, svc: TaskService, who: int, parent_id: int) -> int:
        parent = self.tasks[parent_id]
        if parent.parent_id is None:
            steps = next((s for t, s in PROJECTS if t == self._titles.get(parent_id)), DETAIL_STEPS)
        else:
            steps = DETAIL_STEPS
        changes = svc.create(self.rng.choice(steps), parent_id, priority=self.rng.randint(0, 3))
        self._apply(changes, who)
        return changes.created[0].id

    def _set_completed(self, svc: TaskService, task: DeskTask, completed: bool) -> int:
        changes = svc.set_completed(task.id, None, completed)
        self._apply(changes, task.owner)
        return task.id

    def _update(self, svc: TaskService, task: DeskTask) -> int:
        # Always a real change (an unchanged save sends no event and is not an action).
        if self.rng.random() < 0.5:
            priority = self.rng.choice([p for p in range(4) if p != task.priority])
            changes = svc.update(task.id, None, priority=priority)
        else:
            notes = self.rng.choice([n for n in NOTES if n != task.notes])
            changes = svc.update(task.id, None, notes=notes)
        self._apply(changes, task.owner)
        return task.id

    def _move(self, svc: TaskService, who: int, root: DeskTask) -> int:
        # Reorder a step inside its project, or hand it to another open project of the same operator.
        movable = [t for t in self._subtree(root.id) if t.parent_id == root.id]
        if not movable:
            return self._create(svc, who, root.id)
        task = self.rng.choice(movable)
        other_roots = [t for t in self.tasks.values() if t.owner == who and t.parent_id is None and t.id != root.id]
        if not other_roots and len(root.children) < 2:
            # Nothing to reorder and nowhere to move it: a move would change nothing.
            return self._create(svc, who, root.id)
        if other_roots and (len(root.children) < 2 or self.rng.random() < 0.4):
            target = self.rng.choice(other_roots)
            changes = svc.move(task.id, None, target.id, 0)
        else:
            position = (len(root.children) - 1) if root.children.index(task.id) == 0 else 0
            changes = svc.move(task.id, None, root.id, position)
        self._apply(changes, who)
        return task.id

    def _remove(self, svc: TaskService, task: DeskTask) -> int:
        changes = svc.remove(task.id, None)
        self._apply(changes, task.owner)
        return task.id
