"""File → Report… in the console: the menu entry, the dialog, and the report job that reads the
history in a worker thread (the window stays live; progress and cancel go through Qt signals).

The figures are computed in the worker too; only the PDF is drawn on the GUI thread (a few
pages of painting, tens of milliseconds), where Qt wants its paint devices."""

from __future__ import annotations

import logging
import threading
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu
from sqlalchemy import Engine

from event_console.reports.csv_report import write_csv
from event_console.reports.figures import Report, compute, period
from event_console.reports.pdf import write_pdf
from event_console.reports.reader import ReportCancelled, fold_history
from event_console.views.report_dialog import ReportDialog
from integrado.calendar import BusinessCalendar, CalendarError

log = logging.getLogger(__name__)


class ReportJob(QObject):
    """One report: read and fold the history, compute, write; one thread, signals to the GUI."""

    progressed = Signal(int, int)  # events read, events to read
    computed = Signal(object)  # Report (the CSV is already written; the PDF is drawn on receipt)
    failed = Signal(str)

    def __init__(
        self, engine: Engine, calendar: BusinessCalendar, first: date, last: date, fmt: str, path: Path
    ) -> None:
        super().__init__()
        self.engine, self.calendar = engine, calendar
        self.first, self.last, self.fmt, self.path = first, last, fmt, path
        self.cancelled = threading.Event()
        self.worker = threading.Thread(target=self._run, name="integrado-report", daemon=True)

    def start(self) -> None:
        self.worker.start()

    def cancel(self) -> None:
        self.cancelled.set()

    def _run(self) -> None:
        try:
            start, end = period(self.calendar, self.first, self.last)
            ledger = fold_history(
                self.engine, end, start=start, progress=self.progressed.emit, cancelled=self.cancelled.is_set
            )
            report = compute(ledger, self.calendar, self.first, self.last, events_read=ledger.events_applied)
            if self.fmt == "csv":
                with self.path.open("w", encoding="utf-8", newline="") as out:
                    write_csv(report, out)
        except ReportCancelled:
            self.failed.emit(self.tr("Report cancelled"))
            return
        except OSError as exc:
            self.failed.emit(self.tr("The report could not be written: %1").replace("%1", exc.strerror or str(exc)))
            return
        except Exception as exc:  # a database failure reaches the supervisor as one line
            log.exception("report failed")
            self.failed.emit(
                self.tr("The report failed: %1").replace(
                    "%1", str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                )
            )
            return
        self.computed.emit(report)


class ReportPresenter(QObject):
    """Adds File → Report… to the console window and runs the reports it asks for."""

    def __init__(self, engine: Engine, settings_raw: Any, window: QMainWindow) -> None:
        super().__init__(window)
        self.engine = engine
        self.settings_raw = settings_raw
        self.window = window
        self.dialog: ReportDialog | None = None
        self.job: ReportJob | None = None
        self.report_action = QAction(self.tr("&Report…"), window)
        self.report_action.setObjectName("reportAction")
        self.report_action.triggered.connect(self.open_dialog)
        menu = self._file_menu(window)
        # Above what the menu holds already (its Quit comes last).
        if menu.actions():
            menu.insertAction(menu.actions()[0], self.report_action)
        else:
            menu.addAction(self.report_action)

    def _file_menu(self, window: QMainWindow) -> QMenu:
        """The window's File menu, made first in the bar if no one made it yet."""
        bar = window.menuBar()
        title = self.tr("&File")
        for action in bar.actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and (menu.objectName() == "fileMenu" or action.text() == title):
                return menu
        menu = QMenu(title, bar)
        first = bar.actions()[0] if bar.actions() else None
        if first is not None:
            bar.insertMenu(first, menu)
        else:
            bar.addMenu(menu)
        return menu

    def open_dialog(self) -> ReportDialog:
        if self.dialog is None:
            self.dialog = ReportDialog(self.window)
            self.dialog.report_requested.connect(self.start_report)
            self.dialog.cancel_requested.connect(self.cancel)
        # open(), not exec(): the window keeps running the event loop (qasync) meanwhile.
        self.dialog.open()
        return self.dialog

    def start_report(self, first: date, last: date, fmt: str, path: str) -> None:
        assert self.dialog is not None
        try:
            calendar = BusinessCalendar.from_settings(self.settings_raw)
        except CalendarError as exc:
            self.dialog.show_failed(self.tr("The office calendar in the settings is wrong: %1").replace("%1", str(exc)))
            return
        job = ReportJob(self.engine, calendar, first, last, fmt, Path(path))
        job.progressed.connect(self.dialog.set_progress)
        job.failed.connect(self._failed)
        job.computed.connect(self._computed)
        self.job = job
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _release(self) -> ReportJob | None:
        """The finished job, released here in the GUI thread: the worker thread has sent its last
        signal and is returning, so wait for it, or its last reference to the job would be dropped
        (and the QObject destroyed) in that thread."""
        job, self.job = self.job, None
        if job is not None:
            job.worker.join(timeout=5)
        return job

    def _failed(self, reason: str) -> None:
        self._release()
        if self.dialog is not None:
            self.dialog.show_failed(reason)

    def _computed(self, report: Report) -> None:
        job = self._release()
        if job is None or self.dialog is None:
            return
        if job.fmt == "pdf":
            try:
                write_pdf(report, job.path)
            except OSError as exc:
                self.dialog.show_failed(self.tr("The report could not be written: %1").replace("%1", str(exc)))
                return
        self.dialog.show_done(str(job.path))
