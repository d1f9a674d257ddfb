"""File → Report… in the console window: the menu entry opens the dialog, the chosen days and
format reach the report job, the dialog shows progress and the saved file, a cancel stops it,
and a wrong office calendar in the settings is said in the dialog."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from event_console.reports.presenter import ReportJob, ReportPresenter
from event_console.views.report_dialog import ReportDialog
from helpers.demo.operations_day import operations_day
from integrado.db import make_engine
from integrado.events import Codec, ReceivedEvent, encode
from integrado.history import HistoryStore

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CALENDAR = {"callsystem": {"calendar": {"time_zone": "America/Sao_Paulo"}}}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    codec = Codec()
    events = []
    for env in operations_day().events:
        decoded = codec.decode(encode(env), "calls_channel" if env["system"] == "callsystem" else "tasks")
        assert isinstance(decoded, ReceivedEvent)
        events.append(decoded)
    store.store(events, None)
    yield store
    store.engine.dispose()


def _window(qtbot: QtBot, store: HistoryStore, raw: object = CALENDAR) -> tuple[QMainWindow, ReportPresenter]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.menuBar().addMenu("&View")  # another part's menu, made first: File still comes first
    presenter = ReportPresenter(store.engine, raw, window)
    return window, presenter


def test_file_menu_comes_first_and_opens_the_dialog(qtbot: QtBot, store: HistoryStore) -> None:
    window, presenter = _window(qtbot, store)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&File" and "&View" in titles
    presenter.report_action.trigger()
    assert isinstance(presenter.dialog, ReportDialog) and presenter.dialog.isVisible()


def test_preset_periods_fill_the_days() -> None:
    dialog = ReportDialog(today=date(2026, 11, 26))  # a Thursday
    assert dialog.days() == (date(2026, 11, 25), date(2026, 11, 25))
    dialog.period.setCurrentIndex(dialog.period.findData("last_week"))
    assert dialog.days() == (date(2026, 11, 16), date(2026, 11, 22))
    dialog.period.setCurrentIndex(dialog.period.findData("this_week"))
    assert dialog.days() == (date(2026, 11, 23), date(2026, 11, 26))
    dialog.first.setDate(dialog.first.date().addDays(-1))
    assert dialog.period.currentData() == "custom"
    dialog.deleteLater()


def test_a_csv_and_a_pdf_written_off_the_gui_thread(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    _, presenter = _window(qtbot, store)
    dialog = presenter.open_dialog()
    dialog.first.setDate(dialog.first.date().fromString("2026-11-23", "yyyy-MM-dd"))
    dialog.last.setDate(dialog.last.date().fromString("2026-11-23", "yyyy-MM-dd"))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    target = tmp_path / "monday.csv"
    asked: list[tuple[str, str]] = []
    dialog.ask_path = lambda fmt, name: asked.append((fmt, name)) or str(target)  # type: ignore[func-returns-value]
    dialog.generate_button.click()
    assert asked == [("csv", "report-2026-11-23.csv")]
    qtbot.waitUntil(lambda: "saved" in dialog.status.text(), timeout=10_000)
    assert dialog.generate_button.isEnabled() and not dialog.progress.isVisible()
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[1][2:5] == ["5", "4", "50.0"]

    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    pdf = tmp_path / "monday.pdf"
    dialog.ask_path = lambda fmt, name: str(pdf)
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    dialog.generate_button.click()
    assert not dialog.generate_button.isEnabled() and dialog.close_button.text() == "Cancel"
    qtbot.waitUntil(lambda: "saved" in dialog.status.text(), timeout=10_000)
    assert pdf.read_bytes().startswith(b"%PDF-") and 100 in progress


def test_cancel_and_a_wrong_calendar_are_told_in_the_dialog(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, presenter = _window(qtbot, store, {"callsystem": {"calendar": {"time_zone": "Mars/Olympus"}}})
    dialog = presenter.open_dialog()
    dialog.ask_path = lambda fmt, name: str(tmp_path / "x.pdf")
    dialog.generate_button.click()
    assert "Mars/Olympus" in dialog.status.text() and dialog.generate_button.isEnabled()

    _, presenter = _window(qtbot, store)
    dialog = presenter.open_dialog()
    dialog.ask_path = lambda fmt, name: str(tmp_path / "y.pdf")
    started: list[ReportJob] = []
    # Hold the job until the supervisor has pressed Cancel (else 26 events are read at once).
    monkeypatch.setattr(ReportJob, "start", lambda self: started.append(self))
    dialog.generate_button.click()
    assert dialog.close_button.text() == "Cancel"
    dialog.close_button.click()
    [job] = started
    assert job.cancelled.is_set()
    job.worker.start()
    qtbot.waitUntil(lambda: dialog.status.text() == "Report cancelled", timeout=10_000)
    assert dialog.generate_button.isEnabled() and not (tmp_path / "y.pdf").exists()
