"""File → Report…: the supervisor picks the days and the format, the console writes the report
while the dialog shows its progress (the work runs off the GUI thread; the window stays live).

The dialog only asks and shows: it emits `report_requested` and is told `set_progress`,
`show_done` and `show_failed` by the presenter (event_console.reports.presenter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ReportDialog(QDialog):
    """Days (from, to: both included), format, and a progress bar while the report is written."""

    report_requested = Signal(object, object, str, str)  # first day, last day, "pdf"/"csv", path
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Operations report"))
        self.today = today or date.today()
        # Replaceable (tests): ask where to save; called with the format and a suggested name.
        self.ask_path: Callable[[str, str], str] = self._ask_path
        self.period = QComboBox(self)
        self.period.setObjectName("reportPeriod")
        for label, key in (
            (self.tr("Yesterday"), "yesterday"),
            (self.tr("Today so far"), "today"),
            (self.tr("Last week (Monday to Sunday)"), "last_week"),
            (self.tr("This week so far"), "this_week"),
            (self.tr("Chosen days"), "custom"),
        ):
            self.period.addItem(label, key)
        self.first = QDateEdit(self)
        self.last = QDateEdit(self)
        for edit, name in ((self.first, "reportFrom"), (self.last, "reportTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.dateChanged.connect(self._dates_edited)
        self.format = QComboBox(self)
        self.format.setObjectName("reportFormat")
        self.format.addItem(self.tr("PDF with charts"), "pdf")
        self.format.addItem(self.tr("CSV for a spreadsheet"), "csv")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("reportProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.generate_button = QPushButton(self.tr("Save report…"), self)
        self.generate_button.setObjectName("reportGenerate")
        self.generate_button.setDefault(True)
        self.buttons.addButton(self.generate_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.generate_button.clicked.connect(self._generate)
        self.close_button.clicked.connect(self._close_or_cancel)

        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period)
        days = QHBoxLayout()
        days.addWidget(self.first)
        days.addWidget(QLabel(self.tr("to"), self))
        days.addWidget(self.last)
        form.addRow(self.tr("Days"), days)
        form.addRow(self.tr("Format"), self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._busy = False
        self._setting = False
        self.period.currentIndexChanged.connect(self._period_chosen)
        self._period_chosen()

    # -- what the supervisor does ----------------------------------------------------------------

    def days(self) -> tuple[date, date]:
        return _pydate(self.first.date()), _pydate(self.last.date())

    def _period_chosen(self) -> None:
        key = self.period.currentData()
        today = self.today
        monday = today - timedelta(days=today.weekday())
        spans = {
            "yesterday": (today - timedelta(days=1), today - timedelta(days=1)),
            "today": (today, today),
            "last_week": (monday - timedelta(days=7), monday - timedelta(days=1)),
            "this_week": (monday, today),
        }
        if key in spans:
            first, last = spans[key]
            self._setting = True
            self.first.setDate(_qdate(first))
            self.last.setDate(_qdate(last))
            self._setting = False

    def _dates_edited(self) -> None:
        if not self._setting:
            self.period.setCurrentIndex(self.period.findData("custom"))

    def _generate(self) -> None:
        first, last = self.days()
        if last < first:
            self.show_failed(self.tr("The last day is before the first."))
            return
        fmt = str(self.format.currentData())
        suggested = f"report-{first.isoformat()}" + ("" if first == last else f"-{last.isoformat()}") + f".{fmt}"
        path = self.ask_path(fmt, suggested)
        if not path:
            return
        self.set_busy(True)
        self.status.setText(self.tr("Reading the history…"))
        self.report_requested.emit(first, last, fmt, path)

    def _ask_path(self, fmt: str, suggested: str) -> str:
        pattern = self.tr("PDF documents (*.pdf)") if fmt == "pdf" else self.tr("CSV files (*.csv)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), suggested, pattern)
        return path

    def _close_or_cancel(self) -> None:
        if self._busy:
            self.cancel_requested.emit()
        else:
            self.close()

    # -- what the presenter tells it --------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        for widget in (self.period, self.first, self.last, self.format, self.generate_button):
            widget.setEnabled(not busy)
        self.close_button.setText(self.tr("Cancel") if busy else self.tr("Close"))

    def set_progress(self, read: int, percent: int) -> None:
        """`read` events folded so far, `percent` of the history gone through."""
        self.progress.setValue(percent)
        self.status.setText(self.tr("Read %1 events…").replace("%1", QLocale().toString(read)))

    def show_done(self, path: str) -> None:
        self.set_busy(False)
        self.status.setText(self.tr("Report saved: %1").replace("%1", path))

    def show_failed(self, reason: str) -> None:
        self.set_busy(False)
        self.status.setText(reason)
