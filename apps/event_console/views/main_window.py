"""The Event Console's main window: live controls, history range and export in the toolbar, the
filter bar and presets above the event table, the side panes beside it, the charts below, the
connection in the status bar.

The window knows its models and its parts, never the controller or the history database: it
says what the supervisor asked for with signals and shows what it is given (see controller.py).

It can be built before its events' model exists (`ConsoleWindow(None, …)`): the first frame
needs neither numpy nor the column store, so the table shows its columns (`ColumnHeaders`, with
the saved widths, order and sort) and a loading text until `attach_model` puts the events in.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from event_console.columns.layout import (
    ENTITY,
    HOST,
    LATENCY,
    OCCURRED,
    OPERATOR,
    RECEIVED,
    SOURCE,
    SUMMARY,
    TYPE,
    TYPE_CODE,
    entity_text,
)
from event_console.filters import EventFilter
from event_console.models.headers import SOURCE_LABELS, ColumnHeaders
from event_console.models.rejections import RejectionCountModel
from event_console.views.charts_panel import ChartsPanel
from event_console.views.event_table_view import EventTableView
from event_console.views.export_controls import (
    STATUS_LONG_MS,
    STATUS_SHORT_MS,
    ExportMenuButton,
    ExportStatus,
    open_export_dialog,
)
from event_console.views.filter_bar import FilterBar, FilterRow
from event_console.views.history_range import HistoryRangePicker
from event_console.views.presets import PresetBar
from event_console.views.side_panes import SidePanes
from event_console.wording import Wording
from integrado.qt.announce import announce
from integrado.qt.status import ConnectionIndicator
from integrado.states import ConnectionState

if TYPE_CHECKING:
    from event_console.models.event_table import EventTableModel
    from integrado.qt.shortcut_sheet import ShortcutSheet

COUNTS_INTERVAL_MS = 500


class ConsoleWindow(QMainWindow):
    """The supervisors' window onto every event (see the module doc for its layout)."""

    history_range_requested = Signal(object, object)  # since, until: epoch seconds or None
    current_event_changed = Signal(str)  # event id of the row now current
    export_requested = Signal(object, str, object)  # path, format, storage rows (view order)
    preset_save_requested = Signal(str, object, float)  # name, EventFilter, "received within" s
    preset_load_requested = Signal(str)
    preset_delete_requested = Signal(str)
    export_finished = Signal(str)  # path
    entity_history_requested = Signal(object, str)  # EntityRef, the entity as the table names it

    # The events: set by `attach_model` (at once when the window is given them).
    model: EventTableModel

    def __init__(
        self,
        model: EventTableModel | None,
        rejections: RejectionCountModel,
        parent: QWidget | None = None,
        *,
        lazy_charts: bool = False,
    ) -> None:
        """`model` None: the window shows its columns and a loading text until `attach_model`
        (the charts are then lazy: "Loading charts…" until they are created)."""
        super().__init__(parent)
        self.has_model = False
        self.wording = model.wording if model is not None else Wording(QCoreApplication.translate)
        self.rejections = rejections
        self._connection: tuple[str, str] = (ConnectionState.STARTING, "")  # the last state shown
        # Replaceable (tests): ask where to save, then call export(); ask a preset's name.
        self.ask_export_path: Callable[[str, bool], None] = self._ask_export_path
        self.ask_preset_name: Callable[[Callable[[str], None]], None] = self._ask_preset_name
        self.setWindowTitle(self.tr("Integrado — Event Console"))
        self.resize(1400, 900)
        self._build_toolbar()
        self.filter_bar = FilterBar(self)
        # The entity chip names the entity as the table does (an origin label only when needed).
        self.filter_bar.describe_entity = lambda key: self.wording.entity(
            self.model.cols.describe_entity(key) if self.has_model else entity_text(key, False)
        )
        self.filter_bar.types_of = lambda source: self.model.cols.types_of_source(source) if self.has_model else []
        self.filter_bar.type_name = self.wording.type_name
        self.preset_bar = PresetBar(self)
        self._build_table()
        self.side_tabs = SidePanes(rejections, self, wording=self.wording)
        # lazy_charts: "Loading charts…" in their place until `charts.create_plots()`.
        self.charts = ChartsPanel(model, self, lazy=lazy_charts or model is None)
        self._build_layout()
        self._build_status()
        self._expose_parts()
        self._build_menus()
        self._connect()
        self.apply_tab_order()
        if model is not None:
            self.attach_model(model)

    def attach_model(self, model: EventTableModel) -> None:
        """Show `model`'s events: it takes the sort, filters and pause the window holds (restored
        or chosen meanwhile); the header keeps its widths and order."""
        if self.has_model:
            raise RuntimeError("the window already shows its events")
        header = self.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        self.model = model
        self.has_model = True
        model.wording = self.wording
        headers = self.table.model()
        old_selection = self.table.selectionModel()
        self.table.setModel(model)
        if isinstance(headers, ColumnHeaders):
            headers.deleteLater()
            old_selection.deleteLater()
        self.table.sortByColumn(column, order)
        model.set_paused(self.pause_action.isChecked())
        model.set_filter(self.current_filter())
        self.charts.set_model(model)
        self._connect_model()
        if model.cols.size:
            # Else once events come: offering the (empty) choices now would drop a restored
            # type filter that the source's types do not list yet.
            self._refresh_choices()

    # -- construction ------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Live"), self)
        bar.setObjectName("liveToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.pause_action = QAction(self.tr("Pause"), self)
        self.pause_action.setCheckable(True)
        self.pause_action.setShortcut(QKeySequence(Qt.Key.Key_F8))
        self.pause_action.setToolTip(self.tr("Pause the table (events are still received and stored)"))
        bar.addAction(self.pause_action)
        self.badge = QLabel(self)
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setObjectName("newBadge")
        self.badge.setStyleSheet("background: #b3261e; color: white; border-radius: 8px; padding: 1px 8px;")
        # A toolbar shows or hides its widgets through their actions (QToolBar.addWidget docs).
        self.badge_action = bar.addWidget(self.badge)
        self.badge_action.setVisible(False)
        self.follow_action = QAction(self.tr("Follow newest"), self)
        self.follow_action.setCheckable(True)
        self.follow_action.setChecked(True)
        self.follow_action.setToolTip(self.tr("Keep the newest event in sight"))
        # Beside Pause (F8): the two live controls on neighbouring keys.
        self.follow_action.setShortcut(QKeySequence(Qt.Key.Key_F7))
        bar.addAction(self.follow_action)
        self.clear_action = QAction(self.tr("Clear view"), self)
        self.clear_action.setToolTip(self.tr("Empty the table; the history stays in the database"))
        # Not Ctrl+K: the search field deletes to the end of its line with it on Linux and macOS.
        self.clear_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        bar.addAction(self.clear_action)
        bar.addSeparator()
        self.history_range = HistoryRangePicker(self)
        bar.addWidget(self.history_range)
        bar.addSeparator()
        self.export_button = ExportMenuButton(self)
        bar.addWidget(self.export_button)

    def _build_table(self) -> None:
        table = EventTableView(self)
        table.setAccessibleName(self.tr("Events"))
        table.setAccessibleDescription(self.tr("One row per event; Enter goes to the event's details."))
        table.setModel(ColumnHeaders(self))
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(RECEIVED, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setWordWrap(False)
        # Per-row scrolling: "follow newest" off keeps the rows in sight by whole rows.
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        table.setAlternatingRowColors(True)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures rows (1,000,000 rows scroll as fast as 100).
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(22)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widths = {RECEIVED: 100, OCCURRED: 100, SOURCE: 105, TYPE: 140, ENTITY: 100, SUMMARY: 360}
        widths.update({OPERATOR: 90, HOST: 80, LATENCY: 72, TYPE_CODE: 130})
        for column, width in widths.items():
            table.setColumnWidth(column, width)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        # The raw type is for the technical reader: offered in the header's menu, hidden at first.
        table.setColumnHidden(TYPE_CODE, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.columns_menu().popup(header.mapToGlobal(pos)))
        self.table = table

    def _build_layout(self) -> None:
        self.filter_row = FilterRow(
            (self.filter_bar.choices, self.filter_bar.search, self.preset_bar), self.filter_bar.search, self
        )
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.table)
        top.addWidget(self.side_tabs)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setSizes([1020, 360])
        vertical = QSplitter(Qt.Orientation.Vertical, self)
        vertical.addWidget(top)
        vertical.addWidget(self.charts)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 2)
        vertical.setSizes([480, 330])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_row)
        layout.addWidget(vertical, 1)
        self.setCentralWidget(central)
        self.table_splitter, self.charts_splitter = top, vertical

    def _build_status(self) -> None:
        status = self.statusBar()
        self.indicator = ConnectionIndicator(self)
        status.addWidget(self.indicator)
        self.state_detail = QLabel(self)
        self.state_detail.setTextFormat(Qt.TextFormat.PlainText)
        status.addWidget(self.state_detail)
        self.gap_label = QLabel(self)
        self.gap_label.setTextFormat(Qt.TextFormat.PlainText)
        self.gap_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.gap_label.setVisible(False)
        status.addWidget(self.gap_label)
        self.export_status = ExportStatus(status, self)
        self.counts_label = QLabel(self)
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        status.addPermanentWidget(self.counts_label)
        self._counts_timer = QTimer(self)
        self._counts_timer.setInterval(COUNTS_INTERVAL_MS)
        self._counts_timer.timeout.connect(self._update_counts)
        self._counts_timer.start()

    def _build_menus(self) -> None:
        """View (the live controls; the desk adds the wallboard and alerts there) and Help
        (F1; About is added there later), and the keys that go to the search field and the
        table: every action has a key and a menu entry or a Tab stop."""
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        for action in (self.pause_action, self.follow_action, self.clear_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.find_action = QAction(self.tr("Search events"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        self.go_to_table_action = QAction(self.tr("Go to the events"), self)
        self.go_to_table_action.setShortcut(QKeySequence("Ctrl+L"))
        self.go_to_table_action.triggered.connect(self.focus_table)
        for action in (self.find_action, self.go_to_table_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.act_help = QAction(self.tr("&Keyboard shortcuts"), self)
        self.act_help.setObjectName("actHelp")
        self.act_help.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.act_help.triggered.connect(self.show_shortcuts)
        self.help_menu.addAction(self.act_help)
        self.shortcut_sheet: ShortcutSheet | None = None

    def _expose_parts(self) -> None:
        # The parts' widgets that tests (and screenshot scripts) drive, by the names they had
        # before the window was split into parts.
        self.text_filter = self.filter_bar.text_filter
        self.type_filter = self.filter_bar.type_filter
        self.clear_filters_button = self.filter_bar.clear_filters_button
        self.preset_combo = self.preset_bar.combo
        self.save_preset_button = self.preset_bar.save_button
        self.delete_preset_button = self.preset_bar.delete_button
        self.range_combo = self.history_range.combo
        self.range_from = self.history_range.range_from
        self.range_to = self.history_range.range_to
        self.range_show = self.history_range.show_button
        self.export_csv_action = self.export_button.csv_action
        self.export_jsonl_action = self.export_button.jsonl_action
        self.details = self.side_tabs.details
        self.gaps_log = self.side_tabs.gaps_log

    def _connect(self) -> None:
        self.pause_action.toggled.connect(self._set_paused)
        # A toolbar button changing state is seen, not heard: what a live control's key did is said.
        self.pause_action.triggered.connect(self._tell_paused)
        self.follow_action.triggered.connect(self._tell_following)
        self.clear_action.triggered.connect(self._tell_cleared)
        self.history_range.range_requested.connect(self._range_requested)
        self.history_range.empty_range_chosen.connect(
            lambda: self.statusBar().showMessage(self.tr("The range ends before it starts"), STATUS_SHORT_MS)
        )
        self.export_status.finished.connect(self.export_finished)
        self.export_button.export_chosen.connect(lambda fmt, selection: self.ask_export_path(fmt, selection))
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self.preset_bar.preset_chosen.connect(self.preset_load_requested)
        self.preset_bar.save_requested.connect(lambda: self.ask_preset_name(self._save_preset_named))
        self.preset_bar.delete_requested.connect(self.preset_delete_requested)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.open_requested.connect(self.open_current_event)
        # The plots come after the window (see ChartsPanel): their stops go after the panes'.
        self.charts.plots_created.connect(self.apply_tab_order)
        for signal in (self.rejections.rowsInserted, self.rejections.dataChanged, self.rejections.modelReset):
            signal.connect(self._update_rejected_title)

    def _connect_model(self) -> None:
        self.clear_action.triggered.connect(self.model.clear_view)
        self.model.pending_changed.connect(self._show_pending)
        self.model.rows_appended.connect(self._follow)
        self.model.rowsInserted.connect(self._keep_position)
        self.model.rowsInserted.connect(self._maybe_refresh_choices)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # A filter, a cleared view or a history range drops the selection (a model reset says
        # nothing to the selection's signals): the details pane must not show an event gone.
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

    # -- the view kept across restarts ----------------------------------------------------------

    def view_state(self) -> dict[str, Any]:
        """What the supervisor arranged, to be restored at the next start: filters (and the
        "received within" choice), sort, column widths and order, splitters."""
        header = self.table.horizontalHeader()
        return {
            "filter": self.current_filter().with_(since=None).to_json(),
            "recent": self.filter_bar.recent_seconds(),
            "sort_column": self.model.sort_column if self.has_model else header.sortIndicatorSection(),
            "sort_descending": (
                self.model.sort_descending
                if self.has_model
                else header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            ),
            "header": self.table.horizontalHeader().saveState(),
            "table_splitter": self.table_splitter.saveState(),
            "charts_splitter": self.charts_splitter.saveState(),
        }

    def restore_view_state(self, state: dict[str, Any]) -> None:
        """Put back a `view_state()`; a missing or damaged part keeps its default."""
        header = self.table.horizontalHeader()
        if isinstance(state.get("header"), QByteArray):
            header.restoreState(state["header"])
        for splitter, key in ((self.table_splitter, "table_splitter"), (self.charts_splitter, "charts_splitter")):
            if isinstance(state.get(key), QByteArray):
                splitter.restoreState(state[key])
        try:
            column = int(state.get("sort_column", RECEIVED))
            descending = str(state.get("sort_descending", True)).lower() in ("true", "1")
        except (TypeError, ValueError):
            column, descending = RECEIVED, True
        if 0 <= column < self.table.model().columnCount():
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            self.table.sortByColumn(column, order)
        text = state.get("filter")
        if isinstance(text, str) and text:
            flt = EventFilter.from_json(text)
            self.set_filter(flt)
            try:
                recent = float(state.get("recent") or 0.0)
            except (TypeError, ValueError):
                recent = 0.0
            if recent:
                self.filter_bar.set_recent_seconds(recent)

    # -- what the controller shows -------------------------------------------------------------

    def set_connection_state(self, state: str, detail: str) -> None:
        self._connection = (state, detail)
        detail = self.wording.connection_detail(detail)
        paused = self.model.paused if self.has_model else self.pause_action.isChecked()
        if paused and state == ConnectionState.LIVE:
            # Events still arrive and are stored, but the table stands still: "live" would
            # tell the supervisor that what they read is current.
            self.indicator.set_state(self.tr("Paused"), self.tr("Paused: events are received and stored, not shown"))
        else:
            self.indicator.set_state(state, detail)
        self.state_detail.setText(detail)

    def show_gap(self, gap: Any) -> None:
        """A gap the intake found just now (an `integrado.bus.streams.Gap`)."""
        text = self.describe_gap(gap)
        self.gap_label.setText(self.tr("Gap detected: {0}").format(text))
        self.gap_label.setToolTip(text)
        self.gap_label.setVisible(True)
        self.side_tabs.add_gap(gap.detected_at, text)

    def describe_gap(self, gap: Any) -> str:
        """A gap in the window's language."""
        # Imported here: integrado.bus brings the redis client, which the first frame does not need.
        from integrado.bus.streams import GapReason

        return self.wording.gap(
            gap.source, gap.stream, gap.first_missing, gap.last_missing, gap.reason == GapReason.RESET
        )

    def show_history_loaded(self, shown: int, total: int) -> None:
        if total > shown:
            self.statusBar().showMessage(
                self.tr("Showing the newest {0} of {1} events in this range").format(f"{shown:,}", f"{total:,}"),
                STATUS_LONG_MS,
            )
        self._refresh_choices()

    def show_history_failed(self, reason: str) -> None:
        self.statusBar().showMessage(self.tr("Could not load the history: {0}").format(reason), STATUS_LONG_MS)

    def apply_preset(self, flt: EventFilter, recent_seconds: float) -> None:
        """Show and apply a preset's filter with its "received within" choice."""
        self.set_filter(flt)
        self.filter_bar.set_recent_seconds(recent_seconds)

    # -- live control ------------------------------------------------------------------------

    def _set_paused(self, paused: bool) -> None:
        self.pause_action.setText(self.tr("Resume") if paused else self.tr("Pause"))
        if self.has_model:
            self.model.set_paused(paused)
        self.set_connection_state(*self._connection)

    def _tell_paused(self, paused: bool) -> None:
        announce(
            self,
            self.tr("Paused: events are received and stored, not shown")
            if paused
            else self.tr("Resumed: the table shows the events again"),
        )

    def _tell_following(self, following: bool) -> None:
        announce(
            self,
            self.tr("Following the newest event")
            if following
            else self.tr("Not following the newest event: the rows you read stay put"),
        )

    def _tell_cleared(self) -> None:
        if self.has_model:
            announce(self, self.tr("View cleared; the history stays in the database"))

    def _show_pending(self, count: int) -> None:
        self.badge_action.setVisible(count > 0)
        self.badge.setText(self.tr("{0} new").format(count))

    def _follow(self, _count: int) -> None:
        if not self.follow_action.isChecked() or self.model.sort_column != RECEIVED:
            return
        if self.model.sort_descending:
            self.table.scrollToTop()
        else:
            self.table.scrollToBottom()

    def _keep_position(self, _parent: QModelIndex, first: int, last: int) -> None:
        # Not following: rows inserted above what the supervisor reads must not push it away.
        if self.follow_action.isChecked():
            return
        bar = self.table.verticalScrollBar()
        top = bar.value()  # per-item scrolling: the first visible row
        if top > 0 and first <= top:
            bar.setValue(top + (last - first + 1))

    def _update_counts(self) -> None:
        if not self.has_model:
            return
        shown, stored = self.model.rowCount(), self.model.cols.size
        self.counts_label.setText(self.tr("{0} shown · {1} loaded").format(f"{shown:,}", f"{stored:,}"))

    def _update_rejected_title(self, *_args: object) -> None:
        self.side_tabs.set_rejected_total(self.rejections.total)

    # -- filters -----------------------------------------------------------------------------

    def current_filter(self) -> EventFilter:
        return self.filter_bar.current_filter()

    def set_filter(self, flt: EventFilter) -> None:
        """Put a filter into the widgets (quick filters, presets) and apply it."""
        self.filter_bar.set_filter(flt)

    def _apply_filter(self, flt: EventFilter) -> None:
        if not self.has_model:
            return  # `attach_model` applies it
        self.model.set_filter(flt)
        index = self.table.currentIndex()
        if index.isValid():
            self.table.scrollTo(index)

    def _maybe_refresh_choices(self, *_args: object) -> None:
        if self.filter_bar.choices_outdated(self.model.cols.vocab):
            self._refresh_choices()

    def _refresh_choices(self) -> None:
        if not self.has_model:
            return
        self.filter_bar.refresh_choices(self.model.cols.vocab, SOURCE_LABELS)

    def columns_menu(self) -> QMenu:
        """The header's menu: each column, ticked when shown (the Summary always is)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        columns = self.table.model()
        for column in range(columns.columnCount()):
            action = menu.addAction(str(columns.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column != SUMMARY)
            action.toggled.connect(lambda shown, c=column: self.table.setColumnHidden(c, not shown))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        menu = self.build_context_menu(index)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def build_context_menu(self, index: QModelIndex) -> QMenu:
        """The quick filters for the row under the mouse (also used by the tests)."""
        storage = self.model.storage_row(index.row())
        cols = self.model.cols
        event_type = cols.text("type", storage)
        operator = cols.text("operator", storage)
        entity = cols.text("entity", storage)  # its identity: system, origin, id
        entity_shown = self.wording.entity(cols.entity_text(storage))
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        flt = self.model.current_filter
        menu.addAction(self.tr("Only this type: {0}").format(self.wording.type_name(event_type))).triggered.connect(
            lambda: self.set_filter(flt.with_(types=frozenset({event_type})))
        )
        only_operator = menu.addAction(self.tr("Only this operator: {0}").format(operator or "—"))
        only_operator.setEnabled(bool(operator))
        only_operator.triggered.connect(lambda: self.set_filter(flt.with_(operators=frozenset({operator}))))
        menu.addAction(self.tr("Only this entity: {0}").format(entity_shown)).triggered.connect(
            lambda: self.set_filter(flt.with_(entity=entity))
        )
        menu.addAction(self.tr("History of {0}…").format(entity_shown)).triggered.connect(
            lambda: self.request_entity_history(storage)
        )
        menu.addSeparator()
        menu.addAction(self.tr("Clear filters")).triggered.connect(lambda: self.set_filter(EventFilter()))
        text = self.model.display_text(storage, index.column())
        menu.addAction(self.tr("Copy cell")).triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
        return menu

    def request_entity_history(self, storage: int) -> None:
        """Ask for the whole history of the entity of a storage row (system, origin, id)."""
        from event_console.audit import EntityRef  # the audit module is not needed to show the window

        cols = self.model.cols
        ref = EntityRef.from_key(cols.text("source", storage), cols.text("entity", storage))
        self.entity_history_requested.emit(ref, self.wording.entity(cols.entity_text(storage)))

    # -- presets -----------------------------------------------------------------------------

    def preset_names(self) -> list[str]:
        """The presets the window lists."""
        return self.preset_bar.names()

    def _save_preset_named(self, name: str) -> None:
        self.preset_save_requested.emit(name, self.current_filter(), self.filter_bar.recent_seconds())

    def _ask_preset_name(self, done: Callable[[str], None]) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save filter preset"))
        dialog.setLabelText(self.tr("Name of the preset:"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(done)
        dialog.open()

    # -- the keyboard ------------------------------------------------------------------------

    def tab_order(self) -> list[QWidget]:
        """The window's Tab stops in reading order: the toolbar's history range and export, the
        filters and presets above the table, the table, the panes on its right, the charts
        below (once they exist). Hidden and disabled ones are passed over."""
        picker, bar, presets = self.history_range, self.filter_bar, self.preset_bar
        return [
            picker.combo,
            picker.range_from,
            picker.range_to,
            picker.show_button,
            self.export_button,
            bar.source_filter,
            bar.type_filter,
            bar.operator_filter,
            bar.recent_filter,
            bar.text_filter,
            bar.entity_chip,
            bar.clear_filters_button,
            presets.combo,
            presets.save_button,
            presets.delete_button,
            self.table,
            *self.side_tabs.tab_order(),
            *self.charts.views,
        ]

    def apply_tab_order(self) -> None:
        for first, second in pairwise(self.tab_order()):
            QWidget.setTabOrder(first, second)

    def open_current_event(self) -> None:
        """Enter in the table: to the current event in the details pane (the table keeps its row)."""
        if not self.table.currentIndex().isValid():
            return
        self.side_tabs.setCurrentWidget(self.side_tabs.event_details)
        self.side_tabs.event_details.focus_shown()

    def focus_search(self) -> None:
        """Ctrl+F: to the search field, its text selected (typing replaces it)."""
        self.text_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_filter.selectAll()

    def focus_table(self) -> None:
        """Ctrl+L: to the event table."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_shortcuts(self) -> ShortcutSheet:
        """F1: the window's keys, from the actions of its menus (the desk's and the reports'
        too, whenever they came) and its own, and the keys no action carries."""
        from integrado.qt.shortcut_sheet import open_shortcut_sheet  # not needed for the first frame

        def walk(actions: list[QAction]) -> list[QAction]:
            found: list[QAction] = []
            for action in actions:
                menu = action.menu()
                found += walk(menu.actions()) if isinstance(menu, QMenu) else [action]
            return found

        sheet = open_shortcut_sheet(
            self,
            walk([*self.menuBar().actions(), *self.actions()]),
            [
                ("Tab, Shift+Tab", self.tr("Next / previous control (the arrows move in the table)")),
                ("Enter", self.tr("In the table: go to the event's details")),
                ("↑, ↓", self.tr("In the event's details: read it line by line")),
            ],
        )
        sheet.destroyed.connect(self._sheet_closed)
        self.shortcut_sheet = sheet
        return sheet

    def _sheet_closed(self, *_args: object) -> None:
        self.shortcut_sheet = None

    # -- current row -------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_event_changed.emit(self.model.event_id_at(current.row()))
        else:
            self.side_tabs.clear_event()

    def _selection_changed(self, *_args: object) -> None:
        if not self.table.selectionModel().hasSelection():
            self.side_tabs.clear_event()

    def select_view_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    # -- history range -----------------------------------------------------------------------

    def _range_requested(self, since: float | None, until: float | None) -> None:
        # A range in the past ends the charts at its end; an open one keeps them ending "now".
        self.charts.set_range_end(until)
        self.history_range_requested.emit(since, until)

    # -- export ------------------------------------------------------------------------------

    def _ask_export_path(self, fmt: str, selection: bool = False) -> None:
        open_export_dialog(self, fmt, lambda path: self.export(path, fmt, selection=selection))

    def export(self, path: Path, fmt: str, *, selection: bool = False) -> None:
        """Ask for the rows of the view (filters and sort applied) or of the selection to be
        written to `path`."""
        if not self.has_model:
            return  # no event held yet: nothing to write
        if selection:
            rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
            order = self.model.visible_storage()
            storage = order[rows] if rows else order[:0]
        else:
            storage = self.model.visible_storage()
        self.export_requested.emit(path, fmt, storage)
