"""TaskController: between the window and the service, and the owner of the undo stack.

Every user action goes: window signal (`*_requested`) -> controller slot -> `TaskService` (one
transaction, events in the outbox) -> `TaskTreeModel.apply(changes)` -> an undo command on the
`QUndoStack`. Undo and redo call the service too, so they publish the compensating events
(`task.reopened` for an undone completion, `task.restored` for an undone removal, ...) and
consumers stay consistent.

Other operators' changes arrive live: the tasks source of the bus (`on_events`) names the tasks
that changed, the service reads them (and their siblings' order) back from the database, and the
model folds them in row by row (`TaskTreeModel.sync`), so the operator keeps their selection,
expansion, scroll position and any title being typed. Events of this window's own actions are
recognised by their correlation id and not applied twice. While the bus is not live, a timer
asks the database instead.

The controller knows the window and drives it; the window knows nothing of the controller.
Edits made in the tree itself (inline rename, check box, drag and drop) reach the controller
through the model's handlers, because Qt needs their answer at once (`setData` returns it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from integrado.access.identity import SignedIn
from integrado.access.rights import Role
from integrado.events import SYSTEM_TASKS, ReceivedEvent
from integrado.qt.hover_hold import HoverHold
from integrado.states import ConnectionState
from taskmanager_gui.domain import ParentRule, StorageUnavailableError, TaskError
from taskmanager_gui.models.tree_model import TaskTreeModel
from taskmanager_gui.records import ChangeSet, TaskData, TreeSnapshot
from taskmanager_gui.service import ConflictError, NotFoundError, TaskService
from taskmanager_gui.views.main_window import TaskMainWindow

log = logging.getLogger(__name__)

# While live updates are down, other operators' changes (a shared database) still show up within
# a few seconds: a cheap count/sum check each tick, and a read only when something changed.
REFRESH_INTERVAL_MS = 5000
# Correlation ids of this window's recent actions, to know their events when they come back.
OWN_ACTIONS_KEPT = 1000
# Other operators' changes wait while the operator drags a task, and while the pointer rests on
# the tree, up to this long; then they are shown.


def translate_error(exc: TaskError) -> str:
    """The error's message in the user's language (its template is marked for lupdate)."""
    template = QCoreApplication.translate("TaskError", exc.template)
    try:
        return template.format(**exc.params)
    except (KeyError, IndexError, ValueError):
        return str(exc)  # a broken translation must not hide the message


class TaskController(QObject):
    """Runs the window's requests through the service, applies them to the model, records undo
    steps and keeps the window's state (messages, undo actions, parent rule, layout).

    A child of the window: it lives as long as the window it drives.
    """

    def __init__(
        self,
        service: TaskService,
        model: TaskTreeModel,
        window: TaskMainWindow,
        *,
        prefs: QSettings,
        refresh_interval_ms: int = REFRESH_INTERVAL_MS,
    ) -> None:
        super().__init__(window)
        self.service = service
        self.model = model
        self.window = window
        self.prefs = prefs
        self.signed_in: SignedIn | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        model.rename_handler = self.rename
        model.toggle_handler = self._toggle_from_tree
        model.move_handler = self.move

        window.create_requested.connect(self._create_requested)
        window.toggle_requested.connect(self.toggle)
        window.indent_requested.connect(self._indent_requested)
        window.outdent_requested.connect(self._outdent_requested)
        window.shift_requested.connect(self._shift_requested)
        window.remove_requested.connect(self.remove)
        window.parent_rule_requested.connect(self.set_rule)
        window.undo_requested.connect(self.undo_stack.undo)
        window.redo_requested.connect(self.undo_stack.redo)
        window.closing.connect(self.save_state)
        window.detail.notes_edited.connect(self._notes_edited)
        window.detail.priority_edited.connect(self._priority_edited)
        window.detail.due_edited.connect(self._due_edited)
        stack = self.undo_stack
        for changed in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
            changed.connect(self._show_undo_state)
        stack.indexChanged.connect(self._undo_index_changed)

        self.live_state = ConnectionState.CONNECTING
        self.live_updates = 0  # event batches folded into the tree (for tests and the status)
        self._own_actions: dict[str, None] = {}
        # The versions this window's own actions gave each task: an edit kept through an outage
        # and started before them is not a conflict with ourselves.
        self._own_versions: dict[int, set[int]] = {}
        # Whether the last action failed because the database could not be reached.
        self._last_outage = False
        # Set when live changes could not be read or folded in: the next tick reads the database.
        self._stale = False
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(refresh_interval_ms)
        self.refresh_timer.timeout.connect(self._refresh_tick)
        # Live changes held back while rows must not move (see `holding_live_changes`).
        self._held: list[ReceivedEvent] = []
        self._hold = HoverHold(window.tree, self._release_held)
        self.restore_state()
        self._show_undo_state()
        self.refresh_timer.start()

    # -- state kept between sessions ------------------------------------------------------

    def restore_state(self) -> None:
        """The window's layout and the parent rule, as the operator left them."""
        self.window.restore_layout(self.prefs)
        try:
            rule = ParentRule(str(self.prefs.value("tasks/parent_rule", ParentRule.MANUAL.value)))
        except ValueError:
            rule = ParentRule.MANUAL
        self.set_rule(rule)

    def save_state(self) -> None:
        """Unsaved notes to the database, the layout to `prefs` (on close and on shutdown)."""
        self.window.detail.commit_notes()
        self.window.save_layout(self.prefs)
        self.prefs.sync()

    def stop(self) -> None:
        self.refresh_timer.stop()
        self.save_state()

    # -- who is signed in -----------------------------------------------------------------

    def set_access(self, signed_in: SignedIn | None) -> None:
        """Mirror the signed-in user's role (None: a single PC, every right)."""
        self.signed_in = signed_in
        self.window.set_role(Role.OWNER if signed_in is None else signed_in.role)

    def use_service(self, service: TaskService, signed_in: SignedIn | None) -> None:
        """Work as another user from now on (a switch of user), in the same window: notes being
        typed are saved first, by the user who typed them; the undo history is theirs and goes;
        the tree is read again as the new login."""
        self.window.detail.commit_notes()
        service.rule = self.service.rule
        self.service = service
        self.undo_stack.clear()
        self.set_access(signed_in)
        self._reload_or_report()

    # -- plumbing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the database as it is now, in place: rows move, nothing is reset unless the tree
        on screen cannot take the changes (then everything is reloaded)."""
        rows = self.service.load_all()
        if not self.model.sync(TreeSnapshot.whole(rows, self.model.tree.nodes)):
            log.warning("the task tree was reloaded: changes did not fit the tree on screen")
            self.model.load(rows)

    def run(self, call: Callable[[], ChangeSet]) -> ChangeSet | None:
        """Call the service; apply its changes or tell the user why nothing changed."""
        self._last_outage = False
        try:
            changes = call()
        except TaskError as exc:
            self._last_outage = isinstance(exc, StorageUnavailableError)
            if isinstance(exc, ConflictError | NotFoundError):
                # Someone else changed the tree: show what is really there now.
                self._reload_or_report()
            self.window.show_message(translate_error(exc))
            return None
        except ValueError as exc:  # the outbox refused an event that consumers would reject
            log.warning("action refused: %s", exc)
            self.window.show_message(self.tr("The change was not saved: %1").replace("%1", str(exc)))
            return None
        self._own_actions[changes.correlation_id] = None
        for task in (*changes.created, *changes.updated, *changes.moved, *changes.restored):
            self._own_versions.setdefault(task.id, set()).add(task.version)
        if len(self._own_actions) > OWN_ACTIONS_KEPT:
            del self._own_actions[next(iter(self._own_actions))]
        if self.service.take_external_change():
            # Someone else changed tasks since our tree was loaded: applying only our changes
            # would leave theirs out (and counts wrong), so show the database as it is now.
            self._reload_or_report()
        else:
            self.model.apply(changes)
        return changes

    def _reload_or_report(self) -> None:
        """`reload()` from a slot: while the database is away, say so instead of raising (that
        would end in a crash dialog); the next tick reads it again."""
        try:
            self.reload()
        except StorageUnavailableError as exc:
            self._stale = True
            self.window.show_message(translate_error(exc))

    def refresh_if_changed(self) -> bool:
        """Fold in what other operators changed, when they changed anything (a cheap check)."""
        if self._stale or self.service.changed_elsewhere():
            self._stale = False
            self.reload()
            return True
        return False

    def refresh_from_database(self) -> bool:
        """What the timer does while live updates are down: True when the tree was refreshed."""
        if self.holding_live_changes():
            # Rows moving under a drag or the pointer would make a click or F2 hit another task;
            # the next tick looks again.
            return False
        self._hold.reset()
        try:
            return self.refresh_if_changed()
        except StorageUnavailableError as exc:
            self._stale = True  # read everything again once the database is back
            self.window.show_message(translate_error(exc))
            return False
        except SQLAlchemyError as exc:
            log.warning("could not read other operators' changes: %s", exc)
            return False

    def _refresh_tick(self) -> None:
        if self.live_state != ConnectionState.LIVE or self._stale:
            self.refresh_from_database()

    # -- live updates ---------------------------------------------------------------------

    def holding_live_changes(self) -> bool:
        """True while other operators' changes must wait: a task is being dragged, or the pointer
        rests on the tree (for a few seconds at most), where a row moving between aiming and
        clicking would make the click, then F2 or Space, hit another task. A title being typed
        needs no wait: its editor stays on its task while rows are folded in around it."""
        tree = self.window.tree
        if tree.state() == tree.State.DraggingState:
            return True
        return self._hold.holding()

    def _release_held(self) -> None:
        if self._held:
            self.on_events([])

    def on_events(self, events: Sequence[ReceivedEvent]) -> None:
        """Tasks changed (by anyone): fold other operators' changes into the tree, or hold them
        (and say so) while the operator is dragging or pointing at the rows."""
        if self.holding_live_changes():
            self._held.extend(e for e in events if e.correlation_id not in self._own_actions)
            if self._held:
                self.window.show_held_changes(len(self._held))
                self._hold.retry_later()
            return
        if self._held:
            events = [*self._held, *events]
            self._held.clear()
            self.window.show_held_changes(0)
        self._hold.reset()
        tree = self.model.tree
        ids: set[int] = set()
        parents: set[int | None] = set()
        for event in events:
            if event.system != SYSTEM_TASKS or event.legacy or event.correlation_id in self._own_actions:
                continue
            try:
                task_id = int(event.entity_id)
            except ValueError:
                continue
            node = tree.nodes.get(task_id)
            data = event.payload.get("data")
            data = data if isinstance(data, dict) else {}
            version = data.get("version")
            if node is None and event.type == "task.deleted":
                continue  # never shown here, or already gone
            seen = node is not None and isinstance(version, int) and version <= node.version
            if seen and event.type != "task.deleted":
                continue  # already shown (a reload got there first)
            ids.add(task_id)
            parents.update(_parent_ids(data, event.payload.get("changes")))
            if node is not None:
                parents.add(node.parent_id)
        if not ids:
            return
        # The subtasks shown under those parents: the database may have moved or removed some.
        for parent_id in parents:
            parent = tree.root if parent_id is None else tree.nodes.get(parent_id)
            if parent is not None:
                ids.update(child.id for child in parent.children)
        try:
            snapshot = self.service.snapshot(ids, parents)
        except StorageUnavailableError as exc:
            self._stale = True
            self.window.show_message(translate_error(exc))
            return
        except SQLAlchemyError as exc:
            log.warning("could not read the tasks other operators changed: %s", exc)
            self._stale = True
            return
        self.live_updates += 1
        if not self.model.sync(snapshot):
            log.info("live changes did not fit the tree on screen: reading it all")
            self._reload_or_report()

    def set_live_state(self, state: str, _detail: str = "") -> None:
        """The live connection's state: the timer asks the database only while it is not live."""
        was_live = self.live_state == ConnectionState.LIVE
        self.live_state = ConnectionState(state)
        if self.live_state == ConnectionState.LIVE and not was_live:
            # Whatever other operators did while we were not listening.
            self.refresh_from_database()

    def _since_own(self, task_id: int, version: int) -> int:
        """The version an edit started from `version` may be saved against: the shown one when
        only this window's own actions changed the task since (else `version`, a conflict)."""
        node = self.model.tree.nodes.get(task_id)
        own = self._own_versions.get(task_id, set())
        if node is not None and all(v in own for v in range(version + 1, node.version + 1)):
            return node.version
        return version

    def version(self, task_id: int) -> int | None:
        node = self.model.tree.nodes.get(task_id)
        return None if node is None else node.version

    @property
    def rule(self) -> ParentRule:
        return self.service.rule

    def set_rule(self, rule: ParentRule) -> None:
        """What completing subtasks means for their parent; remembered in `prefs`."""
        rule = ParentRule(rule)
        self.service.rule = rule
        self.window.show_parent_rule(rule)
        self.prefs.setValue("tasks/parent_rule", rule.value)

    def _show_undo_state(self) -> None:
        stack = self.undo_stack
        self.window.show_undo_state(stack.canUndo(), stack.undoText(), stack.canRedo(), stack.redoText())

    def _undo_index_changed(self, _index: int) -> None:
        self._show_undo_state()
        self.window.show_current_task()

    # -- the window's requests ------------------------------------------------------------

    def _create_requested(self, title: str, parent_id: int | None, position: int | None) -> None:
        task_id = self.create(title, parent_id, position)
        if task_id is not None:
            self.window.select_task(task_id, edit=True)

    def _indent_requested(self, task_id: int) -> None:
        if self.indent(task_id):
            self.window.select_task(task_id)

    def _outdent_requested(self, task_id: int) -> None:
        if self.outdent(task_id):
            self.window.select_task(task_id)

    def _shift_requested(self, task_id: int, delta: int) -> None:
        if self.shift(task_id, delta):
            self.window.select_task(task_id)

    def _notes_edited(self, task_id: int, notes: str, version: int) -> None:
        self.update_details(task_id, version=self._since_own(task_id, version), notes=notes)
        if self._last_outage:
            # The notes stay in their box and are offered again at the next save.
            self.window.detail.notes_not_saved(task_id)

    def _priority_edited(self, task_id: int, priority: int) -> None:
        self.update_details(task_id, priority=priority)

    def _due_edited(self, task_id: int, due: date | None) -> None:
        if not self.set_due(task_id, due):
            self.window.show_current_task()  # show the date that is really saved

    # -- actions (each one undo step) -----------------------------------------------------

    def create(self, title: str, parent_id: int | None = None, position: int | None = None) -> int | None:
        changes = self.run(lambda: self.service.create(title, parent_id, position))
        if changes is None:
            return None
        created = changes.created[0]
        self.undo_stack.push(_CreateCommand(self, created))
        self.window.hide_message()
        return created.id

    def rename(self, task_id: int, title: str, version: int | None = None) -> bool:
        """`version`: the one the title was edited from (an inline editor's); else the shown one."""
        old = self.model.tree.nodes[task_id].title if task_id in self.model.tree.nodes else None
        expected = self.version(task_id) if version is None else self._since_own(task_id, version)
        changes = self.run(lambda: self.service.update(task_id, expected, title=title))
        if changes is None and self._last_outage:
            # The editor closes on a refused title: open it again with what was typed.
            self.window.keep_typed_title(task_id, title)
        if changes is None or old is None:
            return False
        if not changes.empty:
            top = self.undo_stack.command(self.undo_stack.index() - 1) if self.undo_stack.index() else None
            if isinstance(top, _CreateCommand) and top.task_id == task_id and top.open_for_title:
                # Typing the title of a task just created is part of creating it: one undo step
                # (undo removes the task; redo restores it with the typed title).
                top.open_for_title = False
                top.setText(
                    QCoreApplication.translate("TaskController", "Create “%1”").replace(
                        "%1", changes.updated[0].title[:40]
                    )
                )
                self._show_undo_state()  # the stack does not notice a step's new text
            else:
                self.undo_stack.push(_RenameCommand(self, task_id, old, changes.updated[0].title))
            self.window.hide_message()
        return True

    def update_details(self, task_id: int, *, version: int | None = None, **fields: Any) -> bool:
        """Notes, priority and due date from the detail pane (saved at once, not undo steps);
        `version`: the one the edit started from, when it is not the one shown now."""
        expected = self.version(task_id) if version is None else version
        changes = self.run(lambda: self.service.update(task_id, expected, **fields))
        if changes is not None:
            self.window.hide_message()
        return changes is not None

    def set_due(self, task_id: int, due: date | None) -> bool:
        return self.update_details(task_id, due=due)

    def set_completed(self, task_id: int, completed: bool) -> bool:
        changes = self.run(lambda: self.service.set_completed(task_id, self.version(task_id), completed))
        if changes is None:
            return False
        if not changes.empty:
            after = {t.id: t.completed for t in changes.updated}
            self.undo_stack.push(_CompletionCommand(self, changes.completion_before(), after, completed))
            self.window.hide_message()
        return True

    def toggle(self, task_id: int) -> bool:
        node = self.model.tree.nodes.get(task_id)
        if node is None:
            return False
        if not node.completed and self._ask_cascade(task_id):
            return False
        return self.set_completed(task_id, not node.completed)

    def _toggle_from_tree(self, task_id: int, completed: bool) -> bool:
        if completed and self._ask_cascade(task_id):
            return False
        return self.set_completed(task_id, completed)

    def _ask_cascade(self, task_id: int) -> bool:
        """Completing a task with open subtasks completes them too: ask first (once, unless the
        operator said not to, or the rule refuses it anyway). True when the question is open; the
        completion then happens on its answer."""
        node = self.model.tree.nodes.get(task_id)
        if node is None or node.completed or self.rule is ParentRule.BLOCK:
            return False
        open_subtasks = node.total - node.done
        if open_subtasks <= 0 or not self.window.act_confirm_cascade.isChecked():
            return False
        self.window.confirm_cascade(node.title, open_subtasks, lambda: self._complete_after_question(task_id))
        return True

    def _complete_after_question(self, task_id: int) -> None:
        if self.set_completed(task_id, True):
            self.window.select_task(task_id)

    def move(self, task_id: int, parent_id: int | None, position: int) -> bool:
        node = self.model.tree.nodes.get(task_id)
        if node is None:
            return False
        old = (node.parent_id, node.position)
        changes = self.run(lambda: self.service.move(task_id, node.version, parent_id, position))
        if changes is None:
            return False
        if changes.moved:
            new = (changes.moved[0].parent_id, changes.moved[0].position)
            self.undo_stack.push(_MoveCommand(self, task_id, old, new))
            self.window.hide_message()
        return True

    def remove(self, task_id: int) -> bool:
        changes = self.run(lambda: self.service.remove(task_id, self.version(task_id)))
        if changes is None:
            return False
        self.undo_stack.push(_RemoveCommand(self, changes.removed))
        self.window.hide_message()
        return True

    # -- keyboard moves -------------------------------------------------------------------

    def indent(self, task_id: int) -> bool:
        """Become the last subtask of the previous sibling."""
        node = self.model.tree.nodes.get(task_id)
        if node is None or node.parent is None or node.position == 0:
            return False
        new_parent = node.parent.children[node.position - 1]
        return self.move(task_id, new_parent.id, len(new_parent.children))

    def outdent(self, task_id: int) -> bool:
        """Become the next sibling of the current parent."""
        node = self.model.tree.nodes.get(task_id)
        if node is None or node.parent_id is None:
            return False
        parent = node.parent
        assert parent is not None
        return self.move(task_id, parent.parent_id, parent.position + 1)

    def shift(self, task_id: int, delta: int) -> bool:
        """Move up (-1) or down (+1) among the siblings."""
        node = self.model.tree.nodes.get(task_id)
        if node is None or node.parent is None:
            return False
        position = node.position + delta
        if not 0 <= position < len(node.parent.children):
            return False
        return self.move(task_id, node.parent_id, position)


def _parent_ids(data: dict[str, Any], changes: object) -> set[int | None]:
    """The parents an event names: where the task is now and, for a move, where it was."""
    found: set[int | None] = set()
    candidates: list[object] = [data.get("parent_id")] if "parent_id" in data else []
    if isinstance(changes, dict) and isinstance(changes.get("parent_id"), list):
        candidates.extend(changes["parent_id"])
    for value in candidates:
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            found.add(value)
    return found


class _Command(QUndoCommand):
    """An undo step whose first redo already happened (the action ran before the push)."""

    def __init__(self, controller: TaskController, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._step(self.do_redo, self.selected_after())

    def undo(self) -> None:
        self._step(self.do_undo, self.selected_after())

    def selected_after(self) -> int | None:
        """The task to select once the step is undone or redone (None: leave the selection)."""
        return None

    def _step(self, call: Callable[[], ChangeSet], select: int | None = None) -> None:
        if self.controller.run(call) is None:
            # The tree changed under us (another operator): this step can no longer be replayed.
            self.setObsolete(True)
        elif select is not None and select in self.controller.model.tree.nodes:
            # The operator's eyes stay on the task the step brought back or moved.
            self.controller.window.select_task(select)

    def do_redo(self) -> ChangeSet:
        raise NotImplementedError

    def do_undo(self) -> ChangeSet:
        raise NotImplementedError


class _CreateCommand(_Command):
    def __init__(self, controller: TaskController, created: TaskData) -> None:
        super().__init__(
            controller, QCoreApplication.translate("TaskController", "Create “%1”").replace("%1", created.title[:40])
        )
        self.task_id = created.id
        self.removed: tuple[TaskData, ...] = ()
        # True until the first title is typed (or the step is undone).
        self.open_for_title = True

    def selected_after(self) -> int | None:
        return self.task_id

    def do_undo(self) -> ChangeSet:
        self.open_for_title = False
        changes = self.controller.service.remove(self.task_id, self.controller.version(self.task_id))
        self.removed = changes.removed
        return changes

    def do_redo(self) -> ChangeSet:
        return self.controller.service.restore(self.removed)


class _RenameCommand(_Command):
    def __init__(self, controller: TaskController, task_id: int, old: str, new: str) -> None:
        super().__init__(
            controller, QCoreApplication.translate("TaskController", "Rename “%1”").replace("%1", old[:40])
        )
        self.task_id, self.old, self.new = task_id, old, new

    def selected_after(self) -> int | None:
        return self.task_id

    def do_undo(self) -> ChangeSet:
        return self.controller.service.update(self.task_id, self.controller.version(self.task_id), title=self.old)

    def do_redo(self) -> ChangeSet:
        return self.controller.service.update(self.task_id, self.controller.version(self.task_id), title=self.new)


class _CompletionCommand(_Command):
    def __init__(
        self, controller: TaskController, before: dict[int, bool], after: dict[int, bool], completed: bool
    ) -> None:
        super().__init__(
            controller,
            QCoreApplication.translate("TaskController", "Complete")
            if completed
            else QCoreApplication.translate("TaskController", "Reopen"),
        )
        self.before, self.after = before, after

    def do_undo(self) -> ChangeSet:
        return self.controller.service.set_completion_exact(self.before)

    def do_redo(self) -> ChangeSet:
        return self.controller.service.set_completion_exact(self.after)


class _MoveCommand(_Command):
    def __init__(
        self, controller: TaskController, task_id: int, old: tuple[int | None, int], new: tuple[int | None, int]
    ) -> None:
        super().__init__(controller, QCoreApplication.translate("TaskController", "Move"))
        self.task_id, self.old, self.new = task_id, old, new

    def selected_after(self) -> int | None:
        return self.task_id

    def do_undo(self) -> ChangeSet:
        return self.controller.service.move(self.task_id, self.controller.version(self.task_id), *self.old)

    def do_redo(self) -> ChangeSet:
        return self.controller.service.move(self.task_id, self.controller.version(self.task_id), *self.new)


class _RemoveCommand(_Command):
    def __init__(self, controller: TaskController, removed: tuple[TaskData, ...]) -> None:
        text = (
            QCoreApplication.translate("TaskController", "Remove “%1”").replace("%1", removed[0].title[:40])
            if removed
            else QCoreApplication.translate("TaskController", "Remove")
        )
        super().__init__(controller, text)
        self.removed = removed

    def selected_after(self) -> int | None:
        # After an undone removal, the restored task (a redone one selects nothing gone).
        return self.removed[0].id if self.removed else None

    def do_undo(self) -> ChangeSet:
        return self.controller.service.restore(self.removed)

    def do_redo(self) -> ChangeSet:
        top = self.removed[0].id
        changes = self.controller.service.remove(top, self.controller.version(top))
        self.removed = changes.removed
        return changes
