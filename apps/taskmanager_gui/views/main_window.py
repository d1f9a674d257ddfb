"""TaskManager's main window: the tree, its toolbar and filters, the detail pane, the status bar.

The window knows nothing of the service or the controller: what the operator asks for leaves as a
`*_requested` signal carrying task ids, and the controller answers through the window's public
methods (`select_task`, `show_message`, `show_undo_state`, `show_parent_rule`, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from integrado.access.rights import Action, Role, why_not
from integrado.qt.announce import announce
from integrado.qt.desktop import action_icon
from integrado.qt.status import ConnectionIndicator
from integrado.qt.text_style import style_text
from taskmanager_gui.domain import ParentRule, TaskNode
from taskmanager_gui.models import Column, TaskFilterModel, TaskTreeModel, TaskView
from taskmanager_gui.views.detail_pane import TaskDetailPane
from taskmanager_gui.views.tree_view import TaskTreeView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from integrado.qt.shortcut_sheet import ShortcutSheet

# Where a task stands: done or not, its parent's id (None: top level), its place among its siblings.
_Place = tuple[bool, int | None, int]

_DEFAULT_WIDTHS = {Column.TITLE: 440, Column.PROGRESS: 150, Column.PRIORITY: 80, Column.DUE: 100, Column.UPDATED: 140}


class TaskMainWindow(QMainWindow):
    """The window operators organise their work in."""

    # A new task: its title, its parent's id (None: top level), its position (None: last).
    create_requested = Signal(str, object, object)
    toggle_requested = Signal(int)
    indent_requested = Signal(int)
    outdent_requested = Signal(int)
    shift_requested = Signal(int, int)  # task id, -1 up / +1 down
    # Emitted only once the operator confirmed the removal.
    remove_requested = Signal(int)
    parent_rule_requested = Signal(object)  # ParentRule
    # Whether completing a task with open subtasks asks first (Options, and the question's box).
    confirm_cascade_changed = Signal(bool)
    undo_requested = Signal()
    redo_requested = Signal()
    closing = Signal()

    def __init__(self, model: TaskTreeModel, parent: QWidget | None = None, *, first_frame_only: bool = False) -> None:
        """`first_frame_only`: what the first frame shows, no more (the detail pane's title and
        hint, actions without their keys); `finish_building()` adds the rest once that frame is
        on screen."""
        super().__init__(parent)
        self.setObjectName("taskManagerWindow")
        self.setWindowTitle(self.tr("TaskManager — Integrado"))
        self.model = model
        self.proxy = TaskFilterModel(self.model, self)
        self.expanded_ids: set[int] = set()
        # The signed-in user's office role: removing a task with subtasks may be a supervisor's.
        self.role = Role.OWNER
        self._restoring_expansion = False
        self.last_message = ""

        self.tree = TaskTreeView(self)
        # Unfiltered, the view shows the tree model itself: the proxy's bookkeeping would double
        # the cost of every layout of a big expanded tree. It is put in between while filtering.
        self.tree.setModel(self.model)
        self.detail = TaskDetailPane(self, build_fields=not first_frame_only)
        self.message_bar = QLabel(self)
        self.message_bar.setObjectName("messageBar")
        self.message_bar.setTextFormat(Qt.TextFormat.PlainText)
        self.message_bar.setWordWrap(True)
        self.message_bar.hide()  # styled when first shown: a style sheet costs the first frame

        self.search = QLineEdit(self)
        self.search.setObjectName("searchField")
        self.search.setAccessibleName(self.tr("Search tasks"))
        self.search.setAccessibleDescription(self.tr("Titles and notes; Ctrl+F comes back here."))
        self.search.setPlaceholderText(self.tr("Search titles and notes (Ctrl+F)"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)  # typing fast re-filters once, not per key
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        # Escape, Down and Enter in the search field: `_add_shortcuts`.

        self.view_buttons = QButtonGroup(self)
        filter_row = QHBoxLayout()
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.setSpacing(0)
        for view, text in [
            (TaskView.ALL, self.tr("All")),
            (TaskView.OPEN, self.tr("Open")),
            (TaskView.ACTIONABLE, self.tr("Actionable")),
            (TaskView.DONE, self.tr("Done")),
        ]:
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setObjectName(f"view_{view.value}")
            button.setProperty("taskView", view.value)
            button.setToolTip(
                {
                    TaskView.ALL: self.tr("Every task"),
                    TaskView.OPEN: self.tr("Tasks not done yet"),
                    TaskView.ACTIONABLE: self.tr("Open tasks with no open subtasks: what can be done now"),
                    TaskView.DONE: self.tr("Completed tasks"),
                }[view]
            )
            self.view_buttons.addButton(button)
            filter_row.addWidget(button)
            if view is TaskView.ALL:
                button.setChecked(True)
        filter_row.addSpacing(12)
        filter_row.addWidget(self.search, 1)
        self.view_buttons.buttonClicked.connect(lambda b: self.set_view(TaskView(b.property("taskView"))))

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.message_bar)
        left_layout.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.indicator = ConnectionIndicator(self)
        self.counts_label = QLabel(self)
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.counts_label, 1)
        self.held_label = QLabel(self)
        self.held_label.setObjectName("heldChanges")
        self.held_label.setTextFormat(Qt.TextFormat.PlainText)
        style_text(self.held_label, "#8a6d00")
        self.held_label.hide()
        self.statusBar().addPermanentWidget(self.held_label)
        self.statusBar().addPermanentWidget(self.indicator)
        self._reset_current: int | None = None
        self._reset_focus = False
        self._reset_typing: tuple[int, str] | None = None
        self.pending_question: QMessageBox | None = None

        self._build_actions()
        self._connect()
        self._apply_tab_order()
        self._default_layout()
        self._update_counts()
        self._finished = False
        if not first_frame_only:
            self.finish_building()
        self.show_current_task()

    # -- actions --------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        keys: Sequence[str | Qt.Key] = (),
        icon: str | None = None,
        tree_only: bool = True,
        tooltip: str | None = None,
    ) -> QAction:
        """An action; its `keys` (and the tooltip naming the first, unless `tooltip` is given)
        come with `finish_building()`."""
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(action_icon(icon))
        if tooltip is not None:
            action.setToolTip(tooltip)
        if tree_only:
            # Only while the tree has focus: in the notes or the search field these keys type.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)
        else:
            self.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        if keys:
            self._keys.append((action, keys, text if tooltip is None else None))
        return action

    def _add_shortcuts(self) -> None:
        """Every action's keys, and the search field's: Escape empties it and goes back to the
        tree; Down and Enter go into the tree (to the matches). Not before the first frame:
        PySide6 builds QKeySequence's type then (~0.9 ms)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        for action, keys, named in self._keys:
            sequences = [QKeySequence(k) for k in keys]
            action.setShortcuts(sequences)
            if named is not None:
                action.setToolTip(f"{named} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        self._keys.clear()
        self._search_escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        self._search_escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._search_escape.activated.connect(self._leave_search)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            into_tree = QShortcut(QKeySequence(key), self.search)
            into_tree.setContext(Qt.ShortcutContext.WidgetShortcut)
            into_tree.activated.connect(self._search_into_tree)

    def _build_actions(self) -> None:
        # Each action's keys and the text its tooltip names them after (None: a tooltip of its own).
        self._keys: list[tuple[QAction, Sequence[str | Qt.Key], str | None]] = []
        self.act_new = self._action(
            self.tr("New task"),
            self.new_sibling,
            [Qt.Key.Key_Insert],
            "new",
            tooltip=self.tr("New task (Insert, Ctrl+N)"),
        )
        # Ctrl+N as in CallSystem, from anywhere in the window (Insert only in the tree).
        self.act_new_anywhere = self._action(self.tr("New task"), self.new_sibling, ["Ctrl+N"], tree_only=False)
        self.act_new_child = self._action(self.tr("New subtask"), self.new_child, ["Ctrl+Shift+N"], "new-child")
        self.act_rename = self._action(self.tr("Rename"), self.rename_current, [Qt.Key.Key_F2])
        self.act_toggle = self._action(
            self.tr("Complete / reopen"),
            self.toggle_current,
            [Qt.Key.Key_Space, "Ctrl+Return", "Ctrl+Enter"],
            "complete",
        )
        self.act_indent = self._action(self.tr("Indent"), self.indent_current, icon="indent")
        self.act_indent.setToolTip(self.tr("Make it a subtask of the task above (Tab)"))
        self.act_outdent = self._action(self.tr("Outdent"), self.outdent_current, icon="outdent")
        self.act_outdent.setToolTip(self.tr("Move it up one level (Shift+Tab)"))
        self.act_up = self._action(self.tr("Move up"), lambda: self._shift(-1), ["Ctrl+Up"], "up")
        self.act_down = self._action(self.tr("Move down"), lambda: self._shift(1), ["Ctrl+Down"], "down")
        # Its tooltip fixed now: `_gate_removal` keeps it aside while a role's reason stands in for it.
        self.act_delete = self._action(
            self.tr("Remove…"), self.remove_current, [Qt.Key.Key_Delete], "remove", tooltip=self.tr("Remove… (Del)")
        )
        # Window-wide shortcuts, and no fixed tooltip: it follows the text, which names the step.
        self.act_undo = QAction(action_icon("undo"), self.tr("Undo"), self)
        self._keys.append((self.act_undo, ["Ctrl+Z"], None))
        self.act_undo.triggered.connect(self.undo_requested)
        self.act_redo = QAction(action_icon("redo"), self.tr("Redo"), self)
        self._keys.append((self.act_redo, ["Ctrl+Shift+Z", "Ctrl+Y"], None))
        self.act_redo.triggered.connect(self.redo_requested)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.show_undo_state(False, "", False, "")
        self.act_find = self._action(self.tr("Find"), self._focus_search, ["Ctrl+F"], tree_only=False)
        self.act_expand = self._action(self.tr("Expand all"), self.expand_all, tree_only=False)
        self.act_collapse = self._action(self.tr("Collapse all"), self.collapse_all, tree_only=False)
        self.act_quit = self._action(self.tr("&Quit"), self.close, ["Ctrl+Q"], tree_only=False)
        self.act_quit.setObjectName("actQuit")
        self.act_help = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts, ["F1"], tree_only=False)
        self.act_help.setObjectName("actHelp")

        # Right-click offers the same actions (they are the tree's own actions).
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for before in (self.act_indent, self.act_delete):
            separator = QAction(self)
            separator.setSeparator(True)
            self.tree.insertAction(before, separator)

        toolbar = QToolBar(self.tr("Tasks"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.act_new, self.act_new_child, self.act_toggle):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.act_outdent, self.act_indent, self.act_up, self.act_down):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.act_delete)
        toolbar.addSeparator()
        toolbar.addAction(self.act_undo)
        toolbar.addAction(self.act_redo)
        self.addToolBar(toolbar)

        menu = self.menuBar()
        task_menu = menu.addMenu(self.tr("&Task"))
        for action in (self.act_new, self.act_new_child, self.act_rename, self.act_toggle):
            task_menu.addAction(action)
        task_menu.addSeparator()
        for action in (self.act_indent, self.act_outdent, self.act_up, self.act_down):
            task_menu.addAction(action)
        task_menu.addSeparator()
        task_menu.addAction(self.act_delete)
        task_menu.addSeparator()
        task_menu.addAction(self.act_quit)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.act_expand)
        view_menu.addAction(self.act_collapse)
        options = menu.addMenu(self.tr("&Options"))
        rule_menu = options.addMenu(self.tr("When subtasks are done"))
        self.rule_group = QActionGroup(self)
        self.rule_actions: dict[ParentRule, QAction] = {}
        for rule, text in [
            (ParentRule.MANUAL, self.tr("Leave the parent to me")),
            (ParentRule.AUTO_COMPLETE, self.tr("Complete the parent automatically")),
            (ParentRule.BLOCK, self.tr("Block completing a parent with open subtasks")),
        ]:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setData(rule.value)
            self.rule_group.addAction(action)
            rule_menu.addAction(action)
            self.rule_actions[rule] = action
        self.rule_group.triggered.connect(lambda a: self.parent_rule_requested.emit(ParentRule(a.data())))
        self.act_confirm_cascade = QAction(self.tr("Ask before completing a task with open subtasks"), self)
        self.act_confirm_cascade.setObjectName("actConfirmCascade")
        self.act_confirm_cascade.setCheckable(True)
        self.act_confirm_cascade.setChecked(True)
        self.act_confirm_cascade.toggled.connect(self.confirm_cascade_changed)
        options.addAction(self.act_confirm_cascade)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_help)

    def show_shortcuts(self) -> ShortcutSheet:
        """F1: the window's keys, from its actions, and the tree's keys that no action carries."""
        from integrado.qt.shortcut_sheet import open_shortcut_sheet  # a dialog: not for the first frame

        sheet = open_shortcut_sheet(
            self,
            [*self.tree.actions(), *self.actions(), self.act_undo, self.act_redo],
            [
                ("Tab, Shift+Tab", self.tr("In the list: indent / outdent the task")),
                ("Ctrl+Tab, Ctrl+Shift+Tab", self.tr("In the list: go to the next / previous control")),
                ("Tab, Shift+Tab", self.tr("Elsewhere: next / previous control")),
                ("Enter, ↓, Esc", self.tr("In the search field: go to the matches / empty the search")),
            ],
        )
        self.shortcut_sheet = sheet
        return sheet

    def finish_building(self) -> None:
        """What the first frame does not show (once; see `first_frame_only`), built right after
        it is on screen: the detail pane's fields and the whole Tab order, every keyboard
        shortcut, and the search field's clear button (Qt loads its icon, ~0.8 ms)."""
        if self._finished:
            return
        self._finished = True
        self.detail.build_fields()
        self._add_shortcuts()
        self._apply_tab_order()
        self.search.setClearButtonEnabled(True)

    def tab_order(self) -> list[QWidget]:
        """The window's Tab stops in reading order: the view buttons and the search field above
        the list, the list, then the detail pane on its right."""
        return [*self.view_buttons.buttons(), self.search, self.tree, *self.detail.tab_order()]

    def _apply_tab_order(self) -> None:
        for first, second in pairwise(self.tab_order()):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.tree.indent_requested.connect(self.indent_current)
        self.tree.outdent_requested.connect(self.outdent_current)
        self.tree.expanded.connect(self._expanded)
        self.tree.collapsed.connect(self._collapsed)
        self.tree.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.tasks_changed.connect(self._tasks_changed)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)

    # -- selection helpers ----------------------------------------------------------------

    def current_node(self) -> TaskNode | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self.node_of(index)

    def node_of(self, index: QModelIndex) -> TaskNode:
        """The task of an index of whichever model the view shows now."""
        if index.model() is self.proxy:
            return self.proxy.node(index)
        return self.model.node(index)

    def index_for_id(self, task_id: int, column: int = 0) -> QModelIndex:
        """The task's index in the model the view shows now (invalid when filtered out)."""
        if self.tree.model() is self.proxy:
            return self.proxy.index_for_id(task_id, column)
        return self.model.index_for_id(task_id, column)

    def _attach_view_model(self) -> None:
        wanted = self.proxy if self.proxy.active else self.model
        if self.tree.model() is wanted:
            return
        current = self.current_node()
        header = self.tree.header().saveState()
        old_selection = self.tree.selectionModel()
        self.tree.setModel(wanted)
        old_selection.deleteLater()
        self.tree.header().restoreState(header)
        self.tree.selectionModel().currentRowChanged.connect(self._current_row_changed)
        if current is not None and current.id in self.model.tree.nodes:
            self.select_task(current.id)
        self.show_current_task()

    def _current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_current_task()

    def select_task(self, task_id: int, *, edit: bool = False) -> None:
        """Make the task current (opening its ancestors); `edit` opens its title's editor."""
        index = self.index_for_id(task_id)
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.scrollTo(index)
        if edit:
            self.tree.edit(index)

    def keep_typed_title(self, task_id: int, title: str) -> None:
        """A title that could not be saved goes back into the task's editor for a retry (the
        editor that held it is closing; the new one opens once it has)."""
        QTimer.singleShot(0, self, lambda: self._edit_title(task_id, title))

    def _edit_title(self, task_id: int, title: str) -> None:
        self.select_task(task_id, edit=True)
        editor = self.tree.indexWidget(self.index_for_id(task_id, Column.TITLE))
        if isinstance(editor, QLineEdit):
            editor.setText(title)
            editor.setModified(True)  # kept when the row is refreshed under it

    # -- user actions ---------------------------------------------------------------------

    def new_sibling(self) -> None:
        node = self.current_node()
        if node is None:
            self.create_requested.emit(self.tr("New task"), None, None)
        else:
            self.create_requested.emit(self.tr("New task"), node.parent_id, node.position + 1)

    def new_child(self) -> None:
        node = self.current_node()
        if node is None:
            self.new_sibling()
            return
        self.create_requested.emit(self.tr("New subtask"), node.id, None)

    def rename_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(Column.TITLE))

    def toggle_current(self) -> None:
        node = self.current_node()
        if node is not None:
            self._telling(node.id, lambda task_id: self.toggle_requested.emit(task_id))

    def indent_current(self) -> None:
        node = self.current_node()
        if node is not None:
            self._telling(node.id, lambda task_id: self.indent_requested.emit(task_id))

    def outdent_current(self) -> None:
        node = self.current_node()
        if node is not None:
            self._telling(node.id, lambda task_id: self.outdent_requested.emit(task_id))

    def _shift(self, delta: int) -> None:
        node = self.current_node()
        if node is not None:
            self._telling(node.id, lambda task_id: self.shift_requested.emit(task_id, delta))

    # -- what a change did, said out loud ---------------------------------------------------

    def _place(self, task_id: int) -> _Place | None:
        node = self.model.tree.nodes.get(task_id)
        return None if node is None else (node.completed, node.parent_id, node.position)

    def _telling(self, task_id: int, request: Callable[[int], object]) -> None:
        """Make the request (the controller carries it out before the signal returns) and say
        what it did to the task: a ticked box or a row that moved is seen, not heard. A refusal
        says nothing here: its message is announced where it is shown."""
        before = self._place(task_id)
        request(task_id)
        self._tell(task_id, before)

    def _tell(self, task_id: int, before: _Place | None) -> None:
        node = self.model.tree.nodes.get(task_id)
        if node is None or before is None:
            return
        completed, parent_id, position = before
        parent_title = ""
        if node.completed != completed:
            text = self.tr("Task “%1” completed.") if node.completed else self.tr("Task “%1” reopened.")
        elif node.parent_id != parent_id:
            parent = self.model.tree.nodes.get(node.parent_id) if node.parent_id is not None else None
            if parent is None:
                text = self.tr("Task “%1” moved to the top level.")
            else:
                text, parent_title = self.tr("Task “%1” moved under “%2”."), parent.title
        elif node.position != position:
            text = self.tr("Task “%1” moved up.") if node.position < position else self.tr("Task “%1” moved down.")
        else:
            return
        announce(self, _fill(text, node.title, parent_title))

    def remove_current(self) -> None:
        node = self.current_node()
        if node is None:
            return
        task_id, count = node.id, 1 + node.total
        self.confirm_removal(node.title, count, lambda: self.remove_requested.emit(task_id))

    def confirm_cascade(self, title: str, open_subtasks: int, accepted: Callable[[], object]) -> None:
        """Completing a task also completes its open subtasks: say so once, with a way to stop
        asking (also in Options). Non-modal (`open()`), like every question of this window."""
        from PySide6.QtWidgets import QCheckBox, QMessageBox  # its enumerations cost the first frame ~1.5 ms

        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Complete task"),
            self.tr("Complete “%1” and its %2 open subtasks?").replace("%1", title).replace("%2", str(open_subtasks)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmCascade")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("You can undo this with Ctrl+Z."))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Complete all"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setCheckBox(QCheckBox(self.tr("Don't ask again"), box))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pending_question = box
        # The question is about the current task (the one Space or a click on its box asked for).
        asked = self.current_node()
        asked_id = asked.id if asked is not None and asked.title == title else None

        def finished(_result: int) -> None:
            self.pending_question = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                if box.checkBox().isChecked():
                    self.act_confirm_cascade.setChecked(False)
                if asked_id is None:
                    accepted()
                else:
                    self._telling(asked_id, lambda _task_id: accepted())
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

        box.finished.connect(finished)
        box.open()

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Nothing typed here waits for an answer (notes are saved as the window closes)."""
        then()

    def confirm_removal(self, title: str, count: int, accepted: Callable[[], object]) -> None:
        """Ask before removing; non-modal (`open()`), so it is safe inside the asyncio loop."""
        if count == 1:
            text = self.tr("Remove “%1”?").replace("%1", title)
        else:
            text = (
                self.tr("Remove “%1” and its subtasks? %2 tasks will be removed.")
                .replace("%2", str(count))
                .replace("%1", title)
            )
        from PySide6.QtWidgets import QMessageBox  # its enumerations cost the first frame ~1.5 ms

        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove task"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmRemoval")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("You can undo this with Ctrl+Z."))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Remove"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                accepted()

        box.finished.connect(finished)
        box.open()

    def show_parent_rule(self, rule: ParentRule) -> None:
        self.rule_actions[rule].setChecked(True)

    def show_undo_state(self, can_undo: bool, undo_text: str, can_redo: bool, redo_text: str) -> None:
        """Undo/Redo enabled and named after the step they would take ("Undo Move")."""
        for action, prefix, enabled, text in (
            (self.act_undo, self.tr("Undo"), can_undo, undo_text),
            (self.act_redo, self.tr("Redo"), can_redo, redo_text),
        ):
            action.setEnabled(enabled)
            action.setText(f"{prefix} {text}" if text else prefix)

    def editing(self) -> bool:
        """True while the operator is in the middle of an edit or a drag (no reload then)."""
        return self.tree.state() != TaskTreeView.State.NoState or self.detail.notes_have_focus()

    def _before_reset(self) -> None:
        node = self.current_node()
        self._reset_current = node.id if node is not None else None
        # A reset destroys an open title editor: Qt would hand the focus to the next widget (the
        # detail pane's priority, where Up/Down then change it) and drop what was typed.
        focus = QApplication.focusWidget()
        self._reset_focus = focus is not None and (focus is self.tree or self.tree.isAncestorOf(focus))
        self._reset_typing = None
        if node is not None and self.tree.state() == TaskTreeView.State.EditingState:
            editor = self.tree.indexWidget(self.index_for_id(node.id, Column.TITLE))
            if isinstance(editor, QLineEdit):
                if editor.isModified():
                    self._reset_typing = (node.id, editor.text())
                # The editor goes with the reset: its losing focus must not commit into the new rows.
                editor.removeEventFilter(self.tree.itemDelegateForColumn(Column.TITLE))

    def _after_reset(self) -> None:
        self._restore_expansion()
        if self._reset_current is not None and self._reset_current in self.model.tree.nodes:
            self.select_task(self._reset_current)
        self._reset_current = None
        if self._reset_focus:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        typing, self._reset_typing = self._reset_typing, None
        if typing is not None and typing[0] in self.model.tree.nodes:
            self.keep_typed_title(*typing)

    def show_held_changes(self, count: int) -> None:
        """Other operators' changes waiting until the rows may move (0: none waiting)."""
        if count:
            self.held_label.setText(
                self.tr("%1 change(s) by others waiting: shown when the pointer leaves the list").replace(
                    "%1", str(count)
                )
            )
        self.held_label.setVisible(bool(count))

    def hide_message(self) -> None:
        self.message_bar.hide()

    def show_message(self, text: str) -> None:
        self.last_message = text
        self.message_bar.setText(text)
        if not self.message_bar.styleSheet():
            self.message_bar.setStyleSheet(
                "#messageBar { background: #fdecea; color: #8c1d18; border: 1px solid #f1b8b3;"
                " border-radius: 4px; padding: 6px 10px; }"
            )
        self.message_bar.show()
        self.statusBar().showMessage(text, 8000)
        announce(self, text)

    # -- filters --------------------------------------------------------------------------

    def set_view(self, view: TaskView) -> None:
        for button in self.view_buttons.buttons():
            button.setChecked(button.property("taskView") == view.value)
        self.proxy.set_view(view)
        self._attach_view_model()
        self._after_filter()

    def _apply_search(self) -> None:
        self.proxy.set_text(self.search.text())
        self._attach_view_model()
        self._after_filter()

    def _after_filter(self) -> None:
        if self.proxy.text:
            # Matches are found wherever they are: open the way to them.
            self.tree.expandAll()
        else:
            self._restore_expansion()
        self._update_counts()

    def _search_into_tree(self) -> None:
        self._search_timer.stop()
        self._apply_search()
        if not self.tree.currentIndex().isValid():
            first = self.tree.model().index(0, 0)
            if first.isValid():
                self.tree.setCurrentIndex(first)
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _leave_search(self) -> None:
        self.search.clear()
        self._search_timer.stop()
        self._apply_search()
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- expansion and layout memory --------------------------------------------------------

    def _expanded(self, index: QModelIndex) -> None:
        if not self._restoring_expansion and not self.proxy.text:
            self.expanded_ids.add(self.node_of(index).id)
        if self.proxy.text:
            self._update_counts()

    def _collapsed(self, index: QModelIndex) -> None:
        if not self._restoring_expansion and not self.proxy.text:
            self.expanded_ids.discard(self.node_of(index).id)
        if self.proxy.text:
            self._update_counts()

    def _restore_expansion(self) -> None:
        if self.proxy.text:
            return
        self._restoring_expansion = True
        try:
            indexes = [self.index_for_id(task_id) for task_id in self.expanded_ids]
            self.tree.expand_many([i for i in indexes if i.isValid()])
        finally:
            self._restoring_expansion = False

    def expand_all(self) -> None:
        self.tree.expandAll()
        if not self.proxy.text:
            self.expanded_ids = {n.id for n in self.model.tree.walk() if n.children}

    def collapse_all(self) -> None:
        self.tree.collapseAll()
        if not self.proxy.text:
            self.expanded_ids.clear()

    def _default_layout(self) -> None:
        self.resize(1280, 780)
        for column, width in _DEFAULT_WIDTHS.items():
            self.tree.setColumnWidth(column, width)
        self.splitter.setSizes([900, 360])

    def restore_layout(self, prefs: QSettings) -> None:
        """Size, splitter, columns and expanded tasks as the operator left them."""
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("tree/header", self.tree.header().restoreState),
            ("window/splitter", self.splitter.restoreState),
        ):
            state = prefs.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                restore(state)
        raw = prefs.value("tree/expanded", "")
        self.expanded_ids = {int(x) for x in str(raw or "").split(",") if x.strip().isdigit()}
        self._restore_expansion()
        try:
            view = TaskView(str(prefs.value("tree/view", TaskView.ALL.value)))
        except ValueError:
            view = TaskView.ALL
        if view is not TaskView.ALL:
            self.set_view(view)
        self.act_confirm_cascade.setChecked(str(prefs.value("tasks/confirm_cascade", "true")).lower() != "false")

    def save_layout(self, prefs: QSettings) -> None:
        prefs.setValue("window/geometry", self.saveGeometry())
        prefs.setValue("window/splitter", self.splitter.saveState())
        prefs.setValue("tree/header", self.tree.header().saveState())
        alive = [i for i in sorted(self.expanded_ids) if i in self.model.tree.nodes]
        prefs.setValue("tree/expanded", ",".join(map(str, alive)))
        prefs.setValue("tree/view", self.proxy.view.value)
        prefs.setValue("tasks/confirm_cascade", "true" if self.act_confirm_cascade.isChecked() else "false")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    # -- refreshing -----------------------------------------------------------------------

    def _tasks_changed(self) -> None:
        self._update_counts()
        self.show_current_task()

    def set_role(self, role: Role) -> None:
        """Mirror what the signed-in role may do (Role.OWNER: a single PC, everything)."""
        self.role = role
        self.show_current_task()

    def show_current_task(self) -> None:
        """The detail pane and the actions follow the current task."""
        node = self.current_node()
        if node is not None:
            self.finish_building()  # a task chosen before the window built the pane's fields
        self.detail.show_task(self.model.tree if node else None, node)
        has = node is not None
        for action in (
            self.act_new_child,
            self.act_rename,
            self.act_toggle,
            self.act_indent,
            self.act_outdent,
            self.act_up,
            self.act_down,
            self.act_delete,
        ):
            action.setEnabled(has)
        if node is not None:
            self.act_toggle.setText(self.tr("Reopen") if node.completed else self.tr("Complete"))
            self.act_indent.setEnabled(node.position > 0)
            self.act_outdent.setEnabled(node.parent_id is not None)
            self.act_up.setEnabled(node.position > 0)
            self.act_down.setEnabled(node.parent is not None and node.position < len(node.parent.children) - 1)
        else:
            self.act_toggle.setText(self.tr("Complete"))
        self._gate_removal(node)

    def _gate_removal(self, node: TaskNode | None) -> None:
        if self.act_delete.property("ownTip") is None:
            self.act_delete.setProperty("ownTip", self.act_delete.toolTip())
        reason = why_not(self.role, Action.DELETE_TASK_SUBTREE) if node is not None and node.children else ""
        if reason:
            self.act_delete.setEnabled(False)
            self.act_delete.setToolTip(QCoreApplication.translate("access", reason))
        else:
            self.act_delete.setToolTip(str(self.act_delete.property("ownTip")))

    def _collapsed_matches(self) -> int:
        """How many search matches sit under a collapsed task (counted for a few hundred at most:
        beyond that the figure is not read, and walking 10,000 matches would slow each key)."""
        matches = self.proxy.matches if self.proxy.text else frozenset()
        if not matches or len(matches) > 500 or self.tree.model() is not self.proxy:
            return 0
        hidden = 0
        for task_id in matches:
            parent = self.proxy.index_for_id(task_id).parent()
            while parent.isValid():
                if not self.tree.isExpanded(parent):
                    hidden += 1
                    break
                parent = parent.parent()
        return hidden

    def _update_counts(self) -> None:
        tree = self.model.tree
        total = len(tree)
        done = tree.root.done
        today = date.today()
        overdue = sum(1 for n in tree.nodes.values() if not n.completed and n.due is not None and n.due < today)
        text = self.tr("%1 tasks · %2 open · %3 done").replace("%1", str(total)).replace("%2", str(total - done))
        text = text.replace("%3", str(done))
        if overdue:
            text += " · " + self.tr("%1 overdue").replace("%1", str(overdue))
        if self.proxy.active:
            count = self.proxy.match_count
            hidden = self._collapsed_matches()
            if hidden:
                # The operator folded a parent away: say where the rest are, not "shown".
                shown = (
                    self.tr("%1 matches, %2 inside collapsed tasks")
                    .replace("%1", str(count))
                    .replace("%2", str(hidden))
                )
            elif count == 1:
                shown = self.tr("1 match shown")
            else:
                shown = self.tr("%1 matches shown").replace("%1", str(count))
            text += "   —   " + shown
        self.counts_label.setText(text)


def _fill(text: str, *values: str) -> str:
    """Put the values in for %1, %2…, in one pass: a title holding "%2" stays as it was typed."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return values[number - 1] if 0 < number <= len(values) else match.group(0)

    return re.sub(r"%(\d)", value, text)
