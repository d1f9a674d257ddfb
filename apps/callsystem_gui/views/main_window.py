"""CallSystem's main window: filter bar, call list, detail pane, the registration dock, keyboard
shortcuts (F1 lists them) and the status bar with the Redis connection and queued events."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from callsystem_gui.labels import priority_label, status_label
from callsystem_gui.models.call_table import CallFilter, CallTableModel, Column
from callsystem_gui.views.call_form import CallForm
from callsystem_gui.views.detail_pane import CallDetailPane
from callsystem_gui.vocabulary import ACTIVE_STATUSES, Priority, Status
from integrado.qt.status import ConnectionIndicator
from integrado.qt.text_style import style_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QMessageBox

    from integrado.qt.shortcut_sheet import ShortcutSheet

_LAYOUT_VERSION = 1
# Priorities once ran "lower = more important": a layout saved then (no scale key) that sorts by
# priority keeps showing what the operator chose, with the order flipped to the new scale.
_PRIORITY_SCALE = 2


class CallTableView(QTableView):
    """The call list. Tab leaves it for the next control (the arrows move in it); Enter and
    Return ask for the call's pane; arriving by Tab or Shift+Tab with no current row asks for
    one first, so that a screen reader reads a call, not only "table with N rows"."""

    open_requested = Signal()
    entered_without_current = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Before the view's own handling: it tells assistive technologies which cell has the focus.
        by_tab = event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if by_tab and not self.currentIndex().isValid():
            self.entered_without_current.emit()
        super().focusInEvent(event)


class CallMainWindow(QMainWindow):
    """The operator's window. Owns widgets and the list model; the controller does the work."""

    current_call_changed = Signal(object)  # int | None
    closing = Signal()
    reload_requested = Signal()

    def __init__(
        self, model: CallTableModel, operator: str, parent: QWidget | None = None, *, first_frame_only: bool = False
    ) -> None:
        """`first_frame_only`: what the first frame shows, no more (the detail pane's placeholder,
        the menus' titles); `finish_building()` adds the rest once that frame is on screen."""
        super().__init__(parent)
        self.setObjectName("callSystemWindow")
        self.model = model
        self.operator = operator
        self.setWindowTitle(self.tr("CallSystem — %1").replace("%1", operator))
        self._current_id: int | None = None
        # Leaving a call with unsaved edits asks first: the question open now, whether the list
        # is being put back while it is asked, and the filter to go back to on "Cancel".
        self.pending_prompt: QMessageBox | None = None
        self._holding = False
        self._filter_state: tuple[str, int, int, int] = ("", 0, 0, 0)

        # Filter bar ------------------------------------------------------------------------
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setAccessibleName(self.tr("Search calls"))
        self.search.setAccessibleDescription(self.tr("Caller, phone, subject or #number; Ctrl+F comes back here."))
        self.search.setPlaceholderText(self.tr("Search caller, phone, subject, #number  (Ctrl+F)"))
        self.search.setMinimumWidth(280)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        # On Linux a combo box's accessible name is its value: the description says what it filters.
        self.status_filter.setAccessibleDescription(self.tr("Which calls to list, by status"))
        self.status_filter.addItem(self.tr("Not closed"), "open")
        self.status_filter.addItem(self.tr("All calls"), "all")
        for status in Status:
            self.status_filter.addItem(status_label(status), status.value)
        self.status_filter.addItem(self.tr("Deleted (bin)"), "deleted")
        self.priority_filter = QComboBox(self)
        self.priority_filter.setObjectName("priorityFilter")
        self.priority_filter.setAccessibleDescription(self.tr("Which calls to list, by priority"))
        self.priority_filter.addItem(self.tr("Any priority"), 0)
        for prio in sorted(Priority, reverse=True):  # most important first
            self.priority_filter.addItem(priority_label(prio), int(prio))
        self.operator_filter = QComboBox(self)
        self.operator_filter.setObjectName("operatorFilter")
        self.operator_filter.setAccessibleDescription(self.tr("Which calls to list, by assigned operator"))
        self.operator_filter.setMinimumWidth(130)
        self.operator_filter.addItem(self.tr("Any operator"), "")
        self.mine_button = QToolButton(self)
        self.mine_button.setObjectName("myCalls")
        self.mine_button.setCheckable(True)
        self.mine_button.setText(self.tr("My calls"))
        self.mine_button.setToolTip(self.tr("Only calls assigned to me (Ctrl+M)"))

        toolbar = QToolBar(self.tr("Filters"), self)
        toolbar.setObjectName("filterBar")
        toolbar.setMovable(False)
        # Built empty, then given their text: PySide6 weighs a (text, parent) call against the
        # (icon, text, parent) overload by building QIcon's type (~2 ms before the first frame).
        self.new_call_button = QPushButton(self)
        self.new_call_button.setText(self.tr("New call"))
        self.new_call_button.setObjectName("newCallButton")
        self.new_call_button.setToolTip(self.tr("Register a new call (Ctrl+N)"))
        toolbar.addWidget(self.new_call_button)
        toolbar.addSeparator()
        toolbar.addWidget(self.search)
        toolbar.addWidget(self.status_filter)
        toolbar.addWidget(self.priority_filter)
        toolbar.addWidget(self.operator_filter)
        toolbar.addWidget(self.mine_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        # List and detail -------------------------------------------------------------------
        self.table = CallTableView(self)
        self.table.setObjectName("callTable")
        self.table.setAccessibleName(self.tr("Calls"))
        self.table.setAccessibleDescription(self.tr("One row per call; Enter opens it in the detail pane."))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (Column.ID, 50),
            (Column.CALLER, 170),
            (Column.PHONE, 125),
            (Column.SUBJECT, 300),
            (Column.STATUS, 130),
            (Column.PRIORITY, 95),
            (Column.SLA, 130),
            (Column.OPERATOR, 105),
            (Column.UPDATED, 125),
        ):
            header.resizeSection(column, width)
        # setSortingEnabled() sorts by the header's indicator at once: re-apply the model's order.
        column, order = model.sort_column, model.sort_order
        self.table.setSortingEnabled(True)
        self.sort_by(column, order)

        self.detail = CallDetailPane(self, build_fields=not first_frame_only)
        # List on top, the selected call below: the list keeps the full width for its 9 columns.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 440])
        self.setCentralWidget(self.splitter)

        self.form = CallForm(self)
        self.form_dock = QDockWidget(self.tr("New call"), self)
        self.form_dock.setObjectName("newCallDock")
        self.form_dock.setWidget(self.form)
        self.form_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.form_dock)
        # Floating the dock and docking it again puts its fields at the end of the focus chain.
        self.form_dock.topLevelChanged.connect(lambda _floating: self.apply_tab_order())

        # Status bar ------------------------------------------------------------------------
        self.indicator = ConnectionIndicator(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self)
        self.undo_button.setText(self.tr("Undo delete"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.live_label = QLabel(self)
        self.live_label.setObjectName("liveLabel")
        self.live_label.setTextFormat(Qt.TextFormat.PlainText)
        self.set_live(False)
        self.held_label = QLabel(self)
        self.held_label.setObjectName("heldChanges")
        self.held_label.setTextFormat(Qt.TextFormat.PlainText)
        style_text(self.held_label, "#8a6d00")
        self.held_label.hide()
        self.statusBar().addPermanentWidget(self.held_label)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.live_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.indicator)

        # The menus' titles; their actions (and every keyboard shortcut) come with finish_building().
        menu = self.menuBar()
        self.menus: dict[str, QMenu] = {
            "call": menu.addMenu(self.tr("&Call")),
            "view": menu.addMenu(self.tr("&View")),
            "help": menu.addMenu(self.tr("&Help")),
        }

        # Wiring ----------------------------------------------------------------------------
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        # Keyboard flow: type, Enter goes to the results (Esc and Down: `_search_keys`).
        self.search.returnPressed.connect(self._search_done)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.priority_filter.currentIndexChanged.connect(self.apply_filter)
        self.operator_filter.currentIndexChanged.connect(self._operator_changed)
        self.mine_button.toggled.connect(self._mine_toggled)
        self.new_call_button.clicked.connect(self.start_new_call)
        # The list's current row is followed from `finish_building()`: the list has no rows before.
        self.table.open_requested.connect(self.open_current_call)
        self.table.entered_without_current.connect(self._list_entered)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update_count)
        model.modelReset.connect(self._reselect)
        self._update_count()
        self._finished = False
        if not first_frame_only:
            self.finish_building()

    def finish_building(self) -> None:
        """What the first frame does not show (once; see `first_frame_only`), built right after
        it is on screen: the detail pane's fields and the whole Tab order; the menus' actions and
        every keyboard shortcut (PySide6 builds QKeySequence's type, ~0.9 ms, and the 19 actions
        take ~1.5 ms); the search field's clear button (Qt loads its icon, ~0.8 ms)
        and the list's current-row signal (PySide6 builds the selection model's type, ~1 ms)."""
        if self._finished:
            return
        self._finished = True
        self.detail.build_fields()
        self._build_actions()
        self._search_keys()
        self.form.add_shortcuts()
        self.apply_tab_order()
        self.search.setClearButtonEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    def _search_keys(self) -> None:
        """Esc empties the search; Down goes into the list, as in any search field with results below."""
        from PySide6.QtGui import QKeySequence, QShortcut

        clear_search = QShortcut(QKeySequence("Esc"), self.search, context=Qt.ShortcutContext.WidgetShortcut)
        clear_search.activated.connect(self.search.clear)
        into_list = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, context=Qt.ShortcutContext.WidgetShortcut)
        into_list.activated.connect(self._search_done)

    # -- actions ------------------------------------------------------------------------------

    def _action(self, text: str, keys: str | list[str], slot: object, name: str) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(self)  # as the buttons: no (icon, text) overload weighed
        action.setText(text)
        action.setObjectName(name)
        sequences = [keys] if isinstance(keys, str) else keys
        action.setShortcuts([QKeySequence(k) for k in sequences])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        d = self.detail
        self.act_new = self._action(self.tr("&New call"), "Ctrl+N", self.start_new_call, "actNew")
        self.act_search = self._action(self.tr("&Search"), "Ctrl+F", self.focus_search, "actSearch")
        self.act_list = self._action(self.tr("Go to the &list"), "Ctrl+L", self.focus_list, "actList")
        self.act_next = self._action(self.tr("Ne&xt call"), "Alt+Down", lambda: self.move_selection(1), "actNext")
        self.act_prev = self._action(
            self.tr("&Previous call"), "Alt+Up", lambda: self.move_selection(-1), "actPrevious"
        )
        self.act_mine = self._action(self.tr("&My calls"), "Ctrl+M", self.mine_button.toggle, "actMine")
        self.act_start = self._action(
            self.tr("S&tart (in progress)"), "Ctrl+1", lambda: d.start_button.click(), "actStart"
        )
        self.act_wait = self._action(self.tr("&Wait on caller"), "Ctrl+2", lambda: d.wait_button.click(), "actWait")
        self.act_resolve = self._action(self.tr("&Resolve"), "Ctrl+3", lambda: d.resolve_button.click(), "actResolve")
        self.act_close = self._action(self.tr("&Close call…"), "Ctrl+4", lambda: d.close_button.click(), "actClose")
        self.act_reopen = self._action(self.tr("Re&open"), "Ctrl+Shift+R", lambda: d.reopen_button.click(), "actReopen")
        self.act_assign = self._action(
            self.tr("&Assign to me"), "Ctrl+Shift+A", lambda: d.assign_button.click(), "actAssign"
        )
        self.act_note = self._action(self.tr("Add &note"), "Ctrl+Shift+N", lambda: d.focus_note(), "actNote")
        self.act_save = self._action(self.tr("&Save changes"), "Ctrl+S", lambda: d.request_save(), "actSave")
        self.act_delete = self._action(
            self.tr("&Delete call…"), "Ctrl+Del", lambda: d.delete_button.click(), "actDelete"
        )
        self.act_undo = self._action(self.tr("&Undo delete"), "Ctrl+Z", self.undo_button.click, "actUndo")
        self.act_reload = self._action(self.tr("Re&load"), "F5", self.reload_requested.emit, "actReload")
        self.act_help = self._action(self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts, "actHelp")
        self.act_quit = self._action(self.tr("&Quit"), "Ctrl+Q", self.close, "actQuit")

        calls = self.menus["call"]
        for action in (self.act_new, self.act_save, self.act_note, self.act_assign):
            calls.addAction(action)
        calls.addSeparator()
        for action in (self.act_start, self.act_wait, self.act_resolve, self.act_close, self.act_reopen):
            calls.addAction(action)
        calls.addSeparator()
        calls.addAction(self.act_delete)
        calls.addAction(self.act_undo)
        calls.addSeparator()
        calls.addAction(self.act_quit)
        view = self.menus["view"]
        for action in (self.act_search, self.act_list, self.act_next, self.act_prev, self.act_mine, self.act_reload):
            view.addAction(action)
        view.addAction(self.form_dock.toggleViewAction())
        self.menus["help"].addAction(self.act_help)

    def set_operator(self, name: str) -> None:
        """Who works in this window (after a switch of user): the title and "My calls" follow."""
        mine = self.mine_button.isChecked()
        if mine:
            self.mine_button.setChecked(False)
        self.operator = name
        self.setWindowTitle(self.tr("CallSystem — %1").replace("%1", name))
        if mine:
            self.mine_button.setChecked(True)

    def all_actions(self) -> list[QAction]:
        return [a for a in self.actions() if a.objectName().startswith("act")]

    def show_shortcuts(self) -> ShortcutSheet:
        from integrado.qt.shortcut_sheet import open_shortcut_sheet  # a dialog: not for the first frame

        sheet = open_shortcut_sheet(
            self,
            self.all_actions(),
            [
                (
                    "Ctrl+Enter",
                    self.tr("Register the call (in the form) / add the note / close the call (in its dialog)"),
                ),
                ("Enter", self.tr("In the form: next field; in its last fields (category to impact): register")),
                ("Tab, Shift+Tab", self.tr("Next / previous field")),
                ("Enter", self.tr("In the list: go to the call's fields below")),
                ("Enter, ↓, Esc", self.tr("In the search box: go to the results / empty the search")),
                ("↑ ↓, PgUp, PgDown", self.tr("Move in the list")),
            ],
        )
        self.shortcut_sheet = sheet
        return sheet

    # -- navigation -----------------------------------------------------------------------------

    def tab_order(self) -> list[QWidget]:
        """The window's Tab stops in reading order: the filter bar, the New call form on the left,
        then the list, the call's pane below it and the status bar."""
        return [
            self.new_call_button,
            self.search,
            self.status_filter,
            self.priority_filter,
            self.operator_filter,
            self.mine_button,
            *self.form.tab_order(),
            self.table,
            *self.detail.tab_order(),
            self.undo_button,
        ]

    def apply_tab_order(self) -> None:
        order = self.tab_order()
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def open_current_call(self) -> None:
        """Enter in the list: to the call's fields in the pane below (the list keeps its row)."""
        if self.detail.call is not None and self.detail.call.id == self._current_id:
            self.detail.focus_first_field()

    def _list_entered(self) -> None:
        if self._current_id is not None or not self.model.rowCount():
            return  # a call shown but filtered out of the list stays shown
        selected = self.table.selectionModel().selectedRows()
        self.select_row(selected[0].row() if selected else 0)

    def start_new_call(self) -> None:
        self.form_dock.show()
        self.form_dock.raise_()
        self.form.focus_first()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.select_row(0)

    def _search_done(self) -> None:
        self._search_timer.stop()
        self.apply_filter()
        self.focus_list()

    def move_selection(self, step: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        self.select_row(max(0, min(count - 1, row)))

    def select_row(self, row: int) -> None:
        index = self.model.index(row, Column.CALLER)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def select_call(self, call_id: int) -> bool:
        row = self.model.row_of(call_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    @property
    def current_call_id(self) -> int | None:
        return self._current_id

    def _row_changed(self) -> None:
        if self._holding:
            return
        call = self.model.call_at(self.table.currentIndex().row())
        new_id = call.id if call is not None else None
        if new_id == self._current_id:
            return
        if self.detail.dirty and self.detail.call is not None:
            self._hold_edited_call(new_id)
            return
        self._current_id = new_id
        self.current_call_changed.emit(new_id)

    def _hold_edited_call(self, target: int | None) -> None:
        """The list moved away from a call with unsaved edits (another row, a search, a filter):
        go back to it and ask; the move happens once the edits are saved or discarded."""
        self._holding = True
        try:
            edited = self._current_id
            if edited is None or not self.select_call(edited):
                self.table.selectionModel().clearCurrentIndex()
        finally:
            self._holding = False
        self.confirm_leave(lambda: self._go_to(target), cancelled=self._restore_filter)

    def _go_to(self, target: int | None) -> None:
        self._remember_filter()
        if target is None or not self.select_call(target):
            self._holding = True
            try:
                self.table.selectionModel().clearCurrentIndex()
            finally:
                self._holding = False
        self._row_changed()

    def confirm_leave(self, then: Callable[[], object], cancelled: Callable[[], object] | None = None) -> None:
        """Run `then` once the edits of the call shown are saved or discarded (at once when there
        are none); the operator may also cancel, and stay on the call with the edits as typed."""
        call = self.detail.call
        if not self.detail.dirty or call is None:
            then()
            return
        if self.pending_prompt is not None:
            return  # one question at a time
        from PySide6.QtWidgets import QMessageBox  # its enumerations cost the first frame ~1.5 ms

        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("Call #%1 (%2) has changes that are not saved.")
            .replace("%1", str(call.id))
            .replace("%2", call.caller_name),
            buttons.Save | buttons.Discard | buttons.Cancel,
            self,
        )
        box.setObjectName("unsavedEdits")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("Save them before leaving the call?"))
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            self.pending_prompt = None
            choice = box.standardButton(box.clickedButton())
            if choice == buttons.Save:
                self.detail.request_save()
                if self.detail.dirty:
                    return  # refused: the reason is at its field, the edits stay
                then()
            elif choice == buttons.Discard:
                self.detail.discard_edits()
                then()
            elif cancelled is not None:
                cancelled()

        box.finished.connect(finished)
        self.pending_prompt = box
        box.open()

    def _filter_widgets(self) -> tuple[str, int, int, int]:
        return (
            self.search.text(),
            self.status_filter.currentIndex(),
            self.priority_filter.currentIndex(),
            self.operator_filter.currentIndex(),
        )

    def _remember_filter(self) -> None:
        self._filter_state = self._filter_widgets()

    def _restore_filter(self) -> None:
        """Back to the filter that showed the edited call (its change was cancelled)."""
        text, status, priority, operator = self._filter_state
        widgets = (self.search, self.status_filter, self.priority_filter, self.operator_filter, self.mine_button)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.setText(text)
            self.status_filter.setCurrentIndex(status)
            self.priority_filter.setCurrentIndex(priority)
            self.operator_filter.setCurrentIndex(operator)
            self.mine_button.setChecked(bool(self.operator) and self.operator_filter.currentData() == self.operator)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._search_timer.stop()
        self.model.set_filter(self.build_filter())
        if self._current_id is not None:
            self.select_call(self._current_id)

    def _reselect(self) -> None:
        # A filter change resets the model: keep the operator on the same call if still shown.
        if self._current_id is not None and self.select_call(self._current_id):
            return
        self._row_changed()

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sort once, as a header click does (QTableView.sortByColumn sorts twice when sorting is on)."""
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() == column and header.sortIndicatorOrder() == order:
            self.model.sort(column, order)
        else:
            header.setSortIndicator(column, order)  # the view sorts the model on this signal

    # -- filters --------------------------------------------------------------------------------

    def build_filter(self) -> CallFilter:
        choice = self.status_filter.currentData()
        statuses: frozenset[Status] | None
        deleted = False
        if choice == "open":
            statuses = ACTIVE_STATUSES
        elif choice == "all":
            statuses = None
        elif choice == "deleted":
            statuses, deleted = None, True
        else:
            statuses = frozenset({Status(choice)})
        prio = int(self.priority_filter.currentData() or 0)
        operator = self.operator_filter.currentData() or None
        return CallFilter(
            statuses=statuses,
            priority=Priority(prio) if prio else None,
            operator=operator,
            text=self.search.text(),
            deleted=deleted,
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.build_filter())
        if self.pending_prompt is None:
            self._remember_filter()

    def set_operators(self, names: list[str]) -> None:
        current = self.operator_filter.currentData()
        self.operator_filter.blockSignals(True)
        while self.operator_filter.count() > 1:
            self.operator_filter.removeItem(1)
        for name in names:
            self.operator_filter.addItem(name, name)
        index = self.operator_filter.findData(current)
        self.operator_filter.setCurrentIndex(max(0, index))
        self.operator_filter.blockSignals(False)

    def _operator_changed(self) -> None:
        mine = self.operator_filter.currentData() == self.operator
        if self.mine_button.isChecked() != mine:
            self.mine_button.blockSignals(True)
            self.mine_button.setChecked(mine)
            self.mine_button.blockSignals(False)
        self.apply_filter()

    def _mine_toggled(self, checked: bool) -> None:
        if checked and self.operator_filter.findData(self.operator) < 0:
            self.operator_filter.addItem(self.operator, self.operator)
        self.operator_filter.setCurrentIndex(max(0, self.operator_filter.findData(self.operator)) if checked else 0)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        self.count_label.setText(self.tr("%1 of %2 calls").replace("%1", f"{shown:n}").replace("%2", f"{total:n}"))

    def show_held_changes(self, count: int) -> None:
        """Calls changed by others, waiting while the pointer rests on the list (0: none)."""
        if count:
            self.held_label.setText(
                self.tr("%1 call(s) changed by others: shown when the pointer leaves the list").replace(
                    "%1", str(count)
                )
            )
        self.held_label.setVisible(bool(count))

    def set_live(self, live: bool) -> None:
        """Whether other operators' changes arrive live (else the list polls the database)."""
        if live:
            self.live_label.setText(self.tr("Live"))
            self.live_label.setToolTip(self.tr("Changes by other operators appear as they happen."))
            style_text(self.live_label, "#1b7f3b")
        else:
            self.live_label.setText(self.tr("Live updates paused"))
            self.live_label.setToolTip(
                self.tr(
                    "Redis is unreachable: the list checks the database for other operators' changes every few seconds."
                )
            )
            style_text(self.live_label, "#8a6d00")

    # -- layout memory ----------------------------------------------------------------------

    def save_layout(self, prefs: QSettings) -> None:
        prefs.setValue("layout/version", _LAYOUT_VERSION)
        prefs.setValue("window/geometry", self.saveGeometry())
        prefs.setValue("window/state", self.saveState(_LAYOUT_VERSION))
        prefs.setValue("window/splitter", self.splitter.saveState())
        prefs.setValue("table/header", self.table.horizontalHeader().saveState())
        prefs.setValue("table/sort_column", int(self.model.sort_column))
        prefs.setValue("table/sort_order", 1 if self.model.sort_order == Qt.SortOrder.DescendingOrder else 0)
        prefs.setValue("table/priority_scale", _PRIORITY_SCALE)
        prefs.setValue("filter/status", self.status_filter.currentData())
        prefs.sync()

    def restore_layout(self, prefs: QSettings) -> None:
        if _as_int(prefs.value("layout/version", 0)) != _LAYOUT_VERSION:
            return
        for key, apply in (
            ("window/geometry", self.restoreGeometry),
            ("window/splitter", self.splitter.restoreState),
            ("table/header", self.table.horizontalHeader().restoreState),
        ):
            value = prefs.value(key)
            if isinstance(value, QByteArray):
                apply(value)
        state = prefs.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state, _LAYOUT_VERSION)
        column = _as_int(prefs.value("table/sort_column", int(Column.UPDATED)), -1)
        order = _as_int(prefs.value("table/sort_order", 1), 1)
        if column == Column.PRIORITY and _as_int(prefs.value("table/priority_scale", 1), 1) < _PRIORITY_SCALE:
            order = 0 if order == 1 else 1
        if 0 <= column < len(Column):
            self.sort_by(column, Qt.SortOrder.DescendingOrder if order == 1 else Qt.SortOrder.AscendingOrder)
        index = self.status_filter.findData(prefs.value("filter/status", "open"))
        if index >= 0:
            self.status_filter.setCurrentIndex(index)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.detail.dirty and self.detail.call is not None:
            # Closing (or quitting) with unsaved edits asks first; the window closes once answered.
            event.ignore()
            self.confirm_leave(self.close)
            return
        self.closing.emit()
        super().closeEvent(event)


def _as_int(value: object, default: int = 0) -> int:
    """QSettings hands back strings from INI files (and anything from a hand-edited one)."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
