"""The console's controller: feeds the window's table from the intake and from the history
database, and answers what the supervisor asks for in the window (a history range, an event's
details, an export, a filter preset).

It is given the window and drives it: the window only emits signals and shows what it is told.
A history range is read in a worker thread (the window stays live); events that arrive while it
loads are held back and added afterwards unless the loaded rows already hold them, so a row is
never shown twice."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from event_console.alerts.wire import operations_only
from event_console.audit_presenter import AuditPresenter
from event_console.export import ExportJob
from event_console.filters import EventFilter
from event_console.intake.batch import RowBatch
from event_console.presets import FilterPresets
from event_console.service import ConsoleService
from event_console.views.main_window import ConsoleWindow

log = logging.getLogger(__name__)

DEFAULT_HISTORY_SECONDS = 24 * 3600.0
# The preferences group of the view kept across restarts (filters, sort, columns, splitters).
VIEW_GROUP = "view"
# New events reach the table at most this often: each batch costs a repaint (10-20 ms on a slow
# office PC), so a burst of small batches would otherwise spend the GUI thread on painting.
# (Measured at 1,000 events/s: 25 ms gave a worse median, 31-36 ms against 25 ms, because a
# repaint of a full-screen table costs 12-20 ms of text layout here and 40 of them a second left
# the GUI thread too little time.)
APPLY_INTERVAL_MS = 40
# Under a flood (hundreds of events per interval) latency matters less than keeping up: the table
# repaints ~7 times a second and the GUI thread's time goes to intake.
FLOOD_BATCH = 200
FLOOD_APPLY_INTERVAL_MS = 150


class TaskSet:
    """The coroutines the controller started, held until they end (asyncio keeps only weak
    references to tasks), with one place that hears how each failed. No Qt."""

    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_error = on_error

    def __len__(self) -> int:
        return len(self._tasks)

    def run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            self._on_error(exc)


class ConsoleController(QObject):
    """Drives one console window: live events into its table, history ranges, details, exports
    and filter presets. A child of the window: it lives as long as the window it drives."""

    history_loaded = Signal(int, int)  # rows shown, rows in the range (more than shown: capped)
    loading_changed = Signal(bool)
    events_outside_range = Signal(int)  # live events not shown because a past range is on screen

    def __init__(self, service: ConsoleService, window: ConsoleWindow, *, prefs: QSettings) -> None:
        super().__init__(window)
        self.service = service
        self.window = window
        self.model = window.model
        self.rejections = window.rejections
        self.prefs = prefs
        self.presets = FilterPresets(prefs)
        self.tasks = TaskSet(self._task_failed)
        self.since: float | None = None
        self.until: float | None = None  # None: the range runs on to "now" and live events show
        self._loading = False
        self._held: list[RowBatch] = []
        self._outside = 0
        self.received_total = 0
        self._queued: list[RowBatch] = []
        self._queued_rows = 0
        self._last_apply = 0.0
        self._last_applied = 0  # events in the last batch applied: a flood when large
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.timeout.connect(self.apply_queued)
        self._export: ExportJob | None = None

        window.history_range_requested.connect(self.request_range)
        window.current_event_changed.connect(self.show_details)
        window.export_requested.connect(self.export)
        window.preset_save_requested.connect(self.save_preset)
        window.preset_load_requested.connect(self.load_preset)
        window.preset_delete_requested.connect(self.delete_preset)
        window.preset_bar.show_names(self.presets.names())
        # An entity's whole history and its audit trail export (event_console/audit_presenter.py).
        self.audit = AuditPresenter(service.history, window, self.tasks.run)
        self._add_file_menu()

    def _add_file_menu(self) -> None:
        """File, first in the bar, ending in Quit (Ctrl+Q) as in the other two apps; the report
        and audit presenters add their actions above it."""
        bar = self.window.menuBar()
        menu = QMenu(self.tr("&File"), bar)
        menu.setObjectName("fileMenu")
        if bar.actions():
            bar.insertMenu(bar.actions()[0], menu)
        else:
            bar.addMenu(menu)
        menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self.window)
        self.quit_action.setObjectName("actQuit")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.window.close)
        menu.addAction(self.quit_action)

    @property
    def loading(self) -> bool:
        return self._loading

    def load(self) -> None:
        """What the window shows before the first range loads: window geometry, rejection
        counts and the gaps found in earlier runs."""
        geometry = self.prefs.value("window/geometry")
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        self.prefs.beginGroup(VIEW_GROUP)
        view = {key: self.prefs.value(key) for key in self.prefs.childKeys()}
        self.prefs.endGroup()
        if view:
            self.window.restore_view_state(view)
        self.load_rejection_counts()
        self.window.side_tabs.add_stored_gaps(self.window.describe_gap(gap) for gap in self.service.recent_gaps())

    def stop(self) -> None:
        """Before the window closes: remember its geometry; drop the work still under way."""
        self.tasks.cancel_all()
        if self._export is not None:
            self._export.cancel()
        self.prefs.setValue("window/geometry", self.window.saveGeometry())
        self.prefs.beginGroup(VIEW_GROUP)
        for key, value in self.window.view_state().items():
            self.prefs.setValue(key, value)
        self.prefs.endGroup()
        self.prefs.sync()

    # -- from the intake -------------------------------------------------------------------------

    def on_events(self, batch: RowBatch) -> None:
        """Slot for IntakeProcess.events_received (new events, already stored)."""
        batch = operations_only(batch)
        if not batch.size:
            return
        self.received_total += batch.size
        if self._loading:
            self._held.append(batch)
            return
        self._queued.append(batch)
        self._queued_rows += batch.size
        if self._apply_timer.isActive():
            return
        interval = FLOOD_APPLY_INTERVAL_MS if self._last_applied >= FLOOD_BATCH else APPLY_INTERVAL_MS
        wait_ms = interval - (time.monotonic() - self._last_apply) * 1000
        if wait_ms <= 0:
            self.apply_queued()
        else:
            self._apply_timer.start(int(wait_ms) + 1)

    def apply_queued(self) -> None:
        """Put the queued live events into the table now."""
        self._apply_timer.stop()
        self._last_apply = time.monotonic()
        batches, self._queued = self._queued, []
        self._last_applied, self._queued_rows = self._queued_rows, 0
        for batch in batches:
            self._show(batch)

    def _show(self, batch: RowBatch) -> None:
        if self.until is not None:
            inside = batch.received_array() < self.until
            if not inside.all():
                self._outside += int((~inside).sum())
                self.events_outside_range.emit(self._outside)
                batch = batch.select(inside)
        if batch.size:
            self.model.append_batch(batch)

    def on_rejected(self, rejections: list[Any]) -> None:
        self.rejections.add(rejections)
        self.window.side_tabs.show_rejected(rejections)

    def on_gap(self, gap: Any) -> None:
        self.window.show_gap(gap)

    def on_connection_state(self, state: str, detail: str) -> None:
        self.window.set_connection_state(state, detail)

    def load_rejection_counts(self) -> None:
        self.rejections.set_counts(self.service.rejection_counts())

    # -- history ranges --------------------------------------------------------------------------

    def request_range(self, since: float | None, until: float | None) -> None:
        """Slot for the window's range picker: load the range in the background."""
        self.tasks.run(self.load_range(since, until))

    async def load_range(self, since: float | None, until: float | None = None) -> None:
        """Show the events received in [since, until) from the database (the newest of them, up
        to the service's cap)."""
        self.apply_queued()
        self._loading = True
        self.loading_changed.emit(True)
        try:
            loop = asyncio.get_running_loop()
            read = await loop.run_in_executor(None, self.service.read_range, since, until)
            self.since, self.until = since, until
            self._outside = 0
            self.model.replace_columns(read.cols)
            held, self._held = self._held, []
            cols = self.model.cols
            for batch in held:
                # What the loaded rows already hold is not shown twice.
                ids = batch.event_id
                keep = np.fromiter(
                    (cols.find_bytes(ids[i : i + 16]) is None for i in range(0, len(ids), 16)),
                    dtype=np.bool_,
                    count=batch.size,
                )
                if since is not None:
                    keep &= batch.received_array() >= since
                if keep.any():
                    self._show(batch.select(keep))
            self.history_loaded.emit(cols.size, read.total)
            self.window.show_history_loaded(cols.size, read.total)
        finally:
            self._loading = False
            self.loading_changed.emit(False)

    async def load_recent(self, seconds: float = DEFAULT_HISTORY_SECONDS) -> None:
        await self.load_range(time.time() - seconds, None)

    def _task_failed(self, exc: BaseException) -> None:
        log.error("loading the history failed", exc_info=exc)
        self.window.show_history_failed(str(exc))

    # -- details -----------------------------------------------------------------------------

    def show_details(self, event_id: str) -> None:
        """Slot for the window's current row: the event as stored, in the details pane."""
        cols = self.model.cols
        current = self.window.table.currentIndex()
        if current.isValid() and self.model.event_id_at(current.row()) == event_id:
            storage: int | None = self.model.storage_row(current.row())
        else:
            storage = cols.find(event_id)  # builds an index of every row: only when not the current one
        entity, origin = (
            ("", "")
            if storage is None
            else (self.model.wording.entity(cols.entity_text(storage)), cols.text("origin", storage))
        )
        self.window.side_tabs.show_event(event_id, self.service.raw_event(event_id), entity, origin)

    # -- export ------------------------------------------------------------------------------

    def export(self, path: Path, fmt: str, storage: npt.NDArray[np.int64]) -> None:
        """Slot for the window's export: write these storage rows of the table, one export at a
        time, a chunk per event-loop turn."""
        if self._export is not None:
            self.window.export_status.show_busy()
            return
        job = ExportJob(
            self.model.cols, storage, path, fmt, self.service.raw_by_event_id, self, wording=self.model.wording
        )
        self._export = job
        self.window.export_status.show_started(job.total)
        job.progressed.connect(lambda done, _total: self.window.export_status.show_progress(done))
        job.finished.connect(self._export_done)
        job.failed.connect(self._export_failed)
        job.start()

    def _export_done(self, path: str) -> None:
        assert self._export is not None
        total = self._export.total
        self._export.deleteLater()
        self._export = None
        self.window.export_status.show_done(path, total)

    def _export_failed(self, reason: str) -> None:
        if self._export is not None:
            self._export.deleteLater()
        self._export = None
        self.window.export_status.show_failed(reason)

    # -- presets -----------------------------------------------------------------------------

    def save_preset(self, name: str, flt: EventFilter, recent_seconds: float) -> None:
        saved = self.presets.save(name, flt, recent_seconds)
        if saved:
            self.window.preset_bar.show_names(self.presets.names(), select=saved)

    def load_preset(self, name: str) -> None:
        flt, recent = self.presets.load(name)
        self.window.apply_preset(flt, recent)

    def delete_preset(self, name: str) -> None:
        self.presets.delete(name)
        self.window.preset_bar.show_names(self.presets.names())
