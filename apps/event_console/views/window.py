"""The Event Console's main window: filters and live controls above the event table, the
details / rejected / gaps panes beside it, the charts below, the connection in the status bar."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from event_console.columns.layout import ENTITY, HOST, LATENCY, OCCURRED, OPERATOR, RECEIVED, SOURCE, SUMMARY, TYPE
from event_console.controller import ConsoleController
from event_console.export import ExportJob
from event_console.filters import EventFilter
from event_console.models.event_table import SOURCE_LABELS
from event_console.views.charts_panel import ChartsPanel
from integrado.qt.status import ConnectionIndicator

# Marked for lupdate here, translated where the combo boxes are filled.
_RANGES = [
    (3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last hour")),
    (24 * 3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 24 hours")),
    (7 * 24 * 3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 7 days")),
    (0.0, QT_TRANSLATE_NOOP("ConsoleWindow", "All")),
]
_RECENT = [
    (0.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Any time")),
    (300.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 5 min")),
    (900.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 15 min")),
    (3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last hour")),
]
PRESETS_GROUP = "filter_presets"


class ConsoleWindow(QMainWindow):
    """The supervisors' window onto every event (see the module doc for its layout)."""

    export_finished = Signal(str)

    def __init__(self, controller: ConsoleController, prefs: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = controller.model
        self.prefs = prefs
        self._tasks: set[asyncio.Task[Any]] = set()
        self._export: ExportJob | None = None
        # Replaced in tests: asks where to save (None: cancelled); called with a format.
        self.ask_export_path: Callable[[str, bool], None] = self._ask_export_path
        self.ask_preset_name: Callable[[Callable[[str], None]], None] = self._ask_preset_name
        self.setWindowTitle(self.tr("Integrado — Event Console"))
        self.resize(1400, 900)
        self._build_toolbar()
        self._build_filters()
        self._build_table()
        self._build_side()
        self.charts = ChartsPanel(self.model, self)
        self._build_layout()
        self._build_status()
        self._connect()
        self._reload_presets()
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
        bar.addAction(self.follow_action)
        self.clear_action = QAction(self.tr("Clear view"), self)
        self.clear_action.setToolTip(self.tr("Empty the table; the history stays in the database"))
        bar.addAction(self.clear_action)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr("History:"), self))
        self.range_combo = QComboBox(self)
        for seconds, label in _RANGES:
            self.range_combo.addItem(QCoreApplication.translate("ConsoleWindow", str(label)), seconds)
        self.range_combo.addItem(self.tr("Custom range"), -1.0)
        self.range_combo.setCurrentIndex(1)
        bar.addWidget(self.range_combo)
        now = QDateTime.currentDateTime()
        self.range_from = QDateTimeEdit(now.addDays(-1), self)
        self.range_to = QDateTimeEdit(now, self)
        for edit in (self.range_from, self.range_to):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            bar.addWidget(edit)
        self.range_show = QPushButton(self.tr("Show"), self)
        self.range_show.setEnabled(False)
        bar.addWidget(self.range_show)
        bar.addSeparator()
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_csv_action = menu.addAction(self.tr("View as CSV…"))
        self.export_jsonl_action = menu.addAction(self.tr("View as JSON Lines…"))
        menu.addSeparator()
        self.export_sel_csv_action = menu.addAction(self.tr("Selection as CSV…"))
        self.export_sel_jsonl_action = menu.addAction(self.tr("Selection as JSON Lines…"))
        self.export_button.setMenu(menu)
        bar.addWidget(self.export_button)

    def _build_filters(self) -> None:
        self.filter_bar = QWidget(self)
        row = QHBoxLayout(self.filter_bar)
        row.setContentsMargins(6, 2, 6, 2)

        def combo(label: str, all_text: str) -> QComboBox:
            row.addWidget(QLabel(label, self))
            box = QComboBox(self)
            box.setMinimumContentsLength(12)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.addItem(all_text, "")
            row.addWidget(box)
            return box

        self.source_filter = combo(self.tr("Source"), self.tr("All sources"))
        self.type_filter = combo(self.tr("Type"), self.tr("All types"))
        self.operator_filter = combo(self.tr("Operator"), self.tr("All operators"))
        self.recent_filter = combo(self.tr("Received"), self.tr("Any time"))
        self.recent_filter.clear()
        for seconds, label in _RECENT:
            self.recent_filter.addItem(QCoreApplication.translate("ConsoleWindow", str(label)), seconds)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText(self.tr("Search summary, type, entity, operator…"))
        self.text_filter.setClearButtonEnabled(True)
        row.addWidget(self.text_filter, 1)
        self.entity_chip = QPushButton(self)
        self.entity_chip.setVisible(False)
        self.entity_chip.setToolTip(self.tr("Click to stop filtering by this entity"))
        row.addWidget(self.entity_chip)
        self.clear_filters_button = QPushButton(self.tr("Clear filters"), self)
        row.addWidget(self.clear_filters_button)
        row.addWidget(QLabel(self.tr("Preset"), self))
        self.preset_combo = QComboBox(self)
        self.preset_combo.setMinimumContentsLength(10)
        row.addWidget(self.preset_combo)
        self.save_preset_button = QPushButton(self.tr("Save…"), self)
        self.delete_preset_button = QPushButton(self.tr("Delete"), self)
        row.addWidget(self.save_preset_button)
        row.addWidget(self.delete_preset_button)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(150)
        self._entity = ""

    def _build_table(self) -> None:
        table = QTableView(self)
        table.setModel(self.model)
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
        widths = {RECEIVED: 100, OCCURRED: 100, SOURCE: 105, TYPE: 140, ENTITY: 80, SUMMARY: 360}
        widths.update({OPERATOR: 90, HOST: 80, LATENCY: 72})
        for column, width in widths.items():
            table.setColumnWidth(column, width)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table = table

    def _build_side(self) -> None:
        self.side_tabs = QTabWidget(self)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setPlaceholderText(self.tr("Select an event to see all of it"))
        font = QGuiApplication.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.details.setFont(font)
        self.side_tabs.addTab(self.details, self.tr("Details"))
        rejected = QWidget(self)
        layout = QVBoxLayout(rejected)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rejected_table = QTableView(self)
        self.rejected_table.setModel(self.controller.rejections)
        self.rejected_table.verticalHeader().setVisible(False)
        self.rejected_table.horizontalHeader().setStretchLastSection(True)
        self.rejected_log = QPlainTextEdit(self)
        self.rejected_log.setReadOnly(True)
        self.rejected_log.setMaximumBlockCount(500)
        self.rejected_log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.rejected_table, 1)
        layout.addWidget(QLabel(self.tr("Latest rejected messages"), self))
        layout.addWidget(self.rejected_log, 2)
        self.side_tabs.addTab(rejected, self.tr("Rejected (0)"))
        self.gaps_log = QPlainTextEdit(self)
        self.gaps_log.setReadOnly(True)
        self.gaps_log.setPlaceholderText(self.tr("No gaps: every event is accounted for"))
        self.side_tabs.addTab(self.gaps_log, self.tr("Gaps"))

    def _build_layout(self) -> None:
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
        layout.addWidget(self.filter_bar)
        layout.addWidget(vertical, 1)
        self.setCentralWidget(central)

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
        self.export_progress = QProgressBar(self)
        self.export_progress.setMaximumWidth(220)
        self.export_progress.setFormat(self.tr("Export %p%"))
        self.export_progress.setVisible(False)
        status.addPermanentWidget(self.export_progress)
        self.counts_label = QLabel(self)
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        status.addPermanentWidget(self.counts_label)
        self._counts_timer = QTimer(self)
        self._counts_timer.setInterval(500)
        self._counts_timer.timeout.connect(self._update_counts)
        self._counts_timer.start()

    def _connect(self) -> None:
        self.pause_action.toggled.connect(self._set_paused)
        self.clear_action.triggered.connect(self.model.clear_view)
        self.model.pending_changed.connect(self._show_pending)
        self.model.rows_appended.connect(self._follow)
        self.model.rowsInserted.connect(self._keep_position)
        self.range_combo.currentIndexChanged.connect(self._range_chosen)
        self.range_show.clicked.connect(self._show_custom_range)
        self.export_csv_action.triggered.connect(lambda: self.ask_export_path("csv", False))
        self.export_jsonl_action.triggered.connect(lambda: self.ask_export_path("jsonl", False))
        self.export_sel_csv_action.triggered.connect(lambda: self.ask_export_path("csv", True))
        self.export_sel_jsonl_action.triggered.connect(lambda: self.ask_export_path("jsonl", True))
        for box in (self.source_filter, self.type_filter, self.operator_filter, self.recent_filter):
            box.currentIndexChanged.connect(self._apply_filters)
        self.text_filter.textChanged.connect(lambda _t: self._text_timer.start())
        self._text_timer.timeout.connect(self._apply_filters)
        self.entity_chip.clicked.connect(lambda: self.set_entity_filter(""))
        self.clear_filters_button.clicked.connect(lambda: self.set_filter(EventFilter()))
        self.preset_combo.activated.connect(self._preset_chosen)
        self.save_preset_button.clicked.connect(lambda: self.ask_preset_name(self.save_preset))
        self.delete_preset_button.clicked.connect(self._delete_preset)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.controller.rejections.rowsInserted.connect(self._update_rejected_title)
        self.controller.rejections.dataChanged.connect(self._update_rejected_title)
        self.controller.rejections.modelReset.connect(self._update_rejected_title)
        self.controller.history_loaded.connect(self._history_loaded)
        self.model.rowsInserted.connect(self._maybe_refresh_choices)

    # -- bus news ----------------------------------------------------------------------------

    def set_connection_state(self, state: str, detail: str) -> None:
        self.indicator.set_state(state, detail)
        self.state_detail.setText(detail)

    def show_gap(self, gap: Any) -> None:
        text = gap.describe()
        self.gap_label.setText(self.tr("Gap detected: {0}").format(text))
        self.gap_label.setToolTip(text)
        self.gap_label.setVisible(True)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(gap.detected_at))
        self.gaps_log.appendPlainText(f"{stamp}  {text}")

    def show_rejected(self, rejections: list[Any]) -> None:
        lines = []
        for r in rejections[-200:]:
            stamp = time.strftime("%H:%M:%S", time.localtime(r.received_at))
            lines.append(f"{stamp}  {r.reason}  {r.channel}  {r.size} B  {r.detail}  | {r.preview}")
        self.rejected_log.appendPlainText("\n".join(lines))

    def _update_rejected_title(self, *_args: object) -> None:
        self.side_tabs.setTabText(1, self.tr("Rejected ({0})").format(self.controller.rejections.total))

    # -- live control ------------------------------------------------------------------------

    def _set_paused(self, paused: bool) -> None:
        self.pause_action.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.model.set_paused(paused)

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
        shown, stored = self.model.rowCount(), self.model.cols.size
        self.counts_label.setText(self.tr("{0} shown · {1} loaded").format(f"{shown:,}", f"{stored:,}"))

    # -- filters -----------------------------------------------------------------------------

    def current_filter(self) -> EventFilter:
        def chosen(box: QComboBox) -> frozenset[str]:
            value = box.currentData()
            return frozenset({value}) if value else frozenset()

        recent = float(self.recent_filter.currentData() or 0.0)
        return EventFilter(
            sources=chosen(self.source_filter),
            types=chosen(self.type_filter),
            operators=chosen(self.operator_filter),
            entity=self._entity,
            since=time.time() - recent if recent else None,
            text=self.text_filter.text(),
        )

    def _apply_filters(self, *_args: object) -> None:
        self._text_timer.stop()
        self.model.set_filter(self.current_filter())
        self._restore_current()

    def set_filter(self, flt: EventFilter) -> None:
        """Put a filter into the widgets (quick filters, presets) and apply it."""
        widgets = (self.source_filter, self.type_filter, self.operator_filter, self.recent_filter, self.text_filter)
        for w in widgets:
            w.blockSignals(True)
        try:
            self._select(self.source_filter, next(iter(flt.sources), ""))
            self._select(self.type_filter, next(iter(flt.types), ""))
            self._select(self.operator_filter, next(iter(flt.operators), ""))
            self.recent_filter.setCurrentIndex(0)
            self.text_filter.setText(flt.text)
            self._set_entity(flt.entity)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.model.set_filter(flt.with_(since=self.current_filter().since) if flt.since is None else flt)
        self._restore_current()

    def set_entity_filter(self, entity: str) -> None:
        self._set_entity(entity)
        self._apply_filters()

    def _set_entity(self, entity: str) -> None:
        self._entity = entity
        self.entity_chip.setText(self.tr("Entity: {0} ✕").format(entity))
        self.entity_chip.setVisible(bool(entity))

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        at = box.findData(value)
        if at < 0:
            box.addItem(value, value)
            at = box.count() - 1
        box.setCurrentIndex(at)

    def _maybe_refresh_choices(self, *_args: object) -> None:
        vocab = self.model.cols.vocab
        sizes = (len(vocab["source"]), len(vocab["type"]), len(vocab["operator"]))
        if sizes != getattr(self, "_choice_sizes", None):
            self._refresh_choices()

    def _refresh_choices(self) -> None:
        vocab = self.model.cols.vocab
        self._choice_sizes = (len(vocab["source"]), len(vocab["type"]), len(vocab["operator"]))
        for box, name, labels in (
            (self.source_filter, "source", SOURCE_LABELS),
            (self.type_filter, "type", {}),
            (self.operator_filter, "operator", {}),
        ):
            present = {box.itemData(i) for i in range(box.count())}
            box.blockSignals(True)
            for value in sorted(v for v in vocab[name].values if v and v not in present):
                box.addItem(labels.get(value, value), value)
            box.blockSignals(False)

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
        entity = cols.text("entity", storage)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        flt = self.model.current_filter
        menu.addAction(self.tr("Only this type: {0}").format(event_type)).triggered.connect(
            lambda: self.set_filter(flt.with_(types=frozenset({event_type})))
        )
        only_operator = menu.addAction(self.tr("Only this operator: {0}").format(operator or "—"))
        only_operator.setEnabled(bool(operator))
        only_operator.triggered.connect(lambda: self.set_filter(flt.with_(operators=frozenset({operator}))))
        menu.addAction(self.tr("Only this entity: {0}").format(entity)).triggered.connect(
            lambda: self.set_filter(flt.with_(entity=entity))
        )
        menu.addSeparator()
        menu.addAction(self.tr("Clear filters")).triggered.connect(lambda: self.set_filter(EventFilter()))
        text = self.model.display_text(storage, index.column())
        menu.addAction(self.tr("Copy cell")).triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
        return menu

    # -- presets -----------------------------------------------------------------------------

    def preset_names(self) -> list[str]:
        self.prefs.beginGroup(PRESETS_GROUP)
        try:
            return sorted(self.prefs.childKeys())
        finally:
            self.prefs.endGroup()

    def save_preset(self, name: str) -> None:
        name = name.strip().replace("/", " ").replace("\\", " ")
        if not name:
            return
        self.prefs.setValue(f"{PRESETS_GROUP}/{name}", self.current_filter().with_(since=None).to_json())
        self.prefs.setValue(f"{PRESETS_GROUP}_recent/{name}", float(self.recent_filter.currentData() or 0.0))
        self.prefs.sync()
        self._reload_presets(select=name)

    def load_preset(self, name: str) -> None:
        text = self.prefs.value(f"{PRESETS_GROUP}/{name}", "")
        flt = EventFilter.from_json(str(text))
        self.set_filter(flt)
        try:  # an ini file gives the number back as text; a hand-edited one may give anything
            recent = float(str(self.prefs.value(f"{PRESETS_GROUP}_recent/{name}", 0.0) or 0.0))
        except ValueError:
            recent = 0.0
        at = self.recent_filter.findData(recent)
        if at > 0:
            self.recent_filter.setCurrentIndex(at)

    def _reload_presets(self, select: str = "") -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("(choose)"), "")
        for name in self.preset_names():
            self.preset_combo.addItem(name, name)
        if select:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(select))
        self.preset_combo.blockSignals(False)

    def _preset_chosen(self, at: int) -> None:
        name = self.preset_combo.itemData(at)
        if name:
            self.load_preset(str(name))

    def _delete_preset(self) -> None:
        name = self.preset_combo.currentData()
        if name:
            self.prefs.remove(f"{PRESETS_GROUP}/{name}")
            self.prefs.remove(f"{PRESETS_GROUP}_recent/{name}")
            self.prefs.sync()
            self._reload_presets()

    def _ask_preset_name(self, done: Callable[[str], None]) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save filter preset"))
        dialog.setLabelText(self.tr("Name of the preset:"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(done)
        dialog.open()

    # -- details -----------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self.show_details(self.model.event_id_at(current.row()))

    def show_details(self, event_id: str) -> None:
        raw = self.controller.history.raw_by_event_id([event_id]).get(event_id)
        if raw is None:
            self.details.setPlainText(self.tr("Event {0} is not in the database.").format(event_id))
            return
        try:
            text = json.dumps(json.loads(raw), indent=2, ensure_ascii=False, sort_keys=False)
        except ValueError:
            text = raw
        self.details.setPlainText(text)

    def _restore_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.scrollTo(index)

    def select_view_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    # -- history range -----------------------------------------------------------------------

    def _range_chosen(self, at: int) -> None:
        seconds = float(self.range_combo.itemData(at))
        custom = seconds < 0
        for w in (self.range_from, self.range_to, self.range_show):
            w.setEnabled(custom)
        if custom:
            return
        since = time.time() - seconds if seconds else None
        self.charts.set_range_end(None)
        self._run(self.controller.load_range(since, None))

    def _show_custom_range(self) -> None:
        since = self.range_from.dateTime().toSecsSinceEpoch()
        until = self.range_to.dateTime().toSecsSinceEpoch()
        if until <= since:
            self.statusBar().showMessage(self.tr("The range ends before it starts"), 5000)
            return
        self.charts.set_range_end(float(until))
        self._run(self.controller.load_range(float(since), float(until)))

    def _history_loaded(self, shown: int, total: int) -> None:
        if total > shown:
            self.statusBar().showMessage(
                self.tr("Showing the newest {0} of {1} events in this range").format(f"{shown:,}", f"{total:,}"), 10000
            )
        self._refresh_choices()

    def _run(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            self.statusBar().showMessage(self.tr("Could not load the history: {0}").format(exc), 10000)

    # -- export ------------------------------------------------------------------------------

    def _ask_export_path(self, fmt: str, selection: bool = False) -> None:
        dialog = QFileDialog(self, self.tr("Export events"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        dialog.setNameFilter(self.tr("CSV (*.csv)") if fmt == "csv" else self.tr("JSON Lines (*.jsonl)"))
        dialog.selectFile(time.strftime(f"events-%Y%m%d-%H%M%S.{fmt}"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export(Path(path), fmt, selection=selection))
        dialog.open()

    def export(self, path: Path, fmt: str, *, selection: bool = False) -> ExportJob | None:
        """Export the rows of the view (filters and sort applied) or of the selection."""
        if self._export is not None:
            self.statusBar().showMessage(self.tr("An export is already running"), 5000)
            return None
        if selection:
            rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
            order = self.model.visible_storage()
            storage = order[rows] if rows else order[:0]
        else:
            storage = self.model.visible_storage()
        job = ExportJob(self.model.cols, storage, path, fmt, self.controller.history.raw_by_event_id, self)
        self._export = job
        self.export_progress.setRange(0, max(1, job.total))
        self.export_progress.setValue(0)
        self.export_progress.setVisible(True)
        job.progressed.connect(lambda done, _total: self.export_progress.setValue(done))
        job.finished.connect(self._export_done)
        job.failed.connect(self._export_failed)
        job.start()
        return job

    def _export_done(self, path: str) -> None:
        assert self._export is not None
        total = self._export.total
        self._export.deleteLater()
        self._export = None
        self.export_progress.setVisible(False)
        self.statusBar().showMessage(self.tr("Exported {0} events to {1}").format(f"{total:,}", path), 10000)
        self.export_finished.emit(path)

    def _export_failed(self, reason: str) -> None:
        if self._export is not None:
            self._export.deleteLater()
        self._export = None
        self.export_progress.setVisible(False)
        self.statusBar().showMessage(self.tr("Export failed: {0}").format(reason), 10000)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.prefs.setValue("window/geometry", self.saveGeometry())
        self.prefs.sync()
        super().closeEvent(event)
