"""The console's controller: feeds the table from the bus and from the history database.

A history range is read in a worker thread (the window stays live); events that arrive while it
loads are held back and added afterwards unless the loaded rows already hold them, so a row is
never shown twice."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from event_console.columns.store import EventColumns
from event_console.intake.batch import RowBatch
from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.services import ConsoleHistory

DEFAULT_HISTORY_SECONDS = 24 * 3600.0
DEFAULT_HISTORY_CAP = 500_000
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


class ConsoleController(QObject):
    """Owns what the window shows: the event model, the rejection counts and the history range."""

    history_loaded = Signal(int, int)  # rows shown, rows in the range (more than shown: capped)
    loading_changed = Signal(bool)
    events_outside_range = Signal(int)  # live events not shown because a past range is on screen

    def __init__(
        self, history: ConsoleHistory, *, cap: int = DEFAULT_HISTORY_CAP, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.cap = cap
        self.model = EventTableModel(self)
        self.rejections = RejectionCountModel(self)
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

    @property
    def loading(self) -> bool:
        return self._loading

    def on_events(self, batch: RowBatch) -> None:
        """Slot for IntakeProcess.events_received (new events, already stored)."""
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

    def load_rejection_counts(self) -> None:
        self.rejections.set_counts(self.history.rejection_counts())

    async def load_range(self, since: float | None, until: float | None = None) -> None:
        """Show the events received in [since, until) from the database (newest `cap` of them)."""
        self.apply_queued()
        self._loading = True
        self.loading_changed.emit(True)
        try:
            loop = asyncio.get_running_loop()
            cols, total = await loop.run_in_executor(None, self._read, since, until)
            self.since, self.until = since, until
            self._outside = 0
            self.model.replace_columns(cols)
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
            self.history_loaded.emit(cols.size, total)
        finally:
            self._loading = False
            self.loading_changed.emit(False)

    def _read(self, since: float | None, until: float | None) -> tuple[EventColumns, int]:
        """In a worker thread: the rows of the range, already in column form, so the GUI thread
        only swaps the store in (building 200,000 rows there stalled it 140-280 ms)."""
        rows = self.history.load_view_rows(since, until, self.cap)
        total = len(rows) if len(rows) < self.cap else self.history.count_range(since, until)
        cols = EventColumns(max(1024, len(rows)))
        for start in range(0, len(rows), 50_000):
            cols.extend_batch(RowBatch.from_rows(rows[start : start + 50_000]))
        return cols, total

    async def load_recent(self, seconds: float = DEFAULT_HISTORY_SECONDS) -> None:
        await self.load_range(time.time() - seconds, None)
