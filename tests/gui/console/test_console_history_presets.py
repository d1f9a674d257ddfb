"""History ranges and filter presets in the real window (no bus: a seeded history database)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from event_console.app import prefs
from event_console.controller import ConsoleController
from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.service import ConsoleService
from event_console.views.main_window import ConsoleWindow
from helpers.demo.console import DemoTraffic, seed_history
from helpers.fixtures import QLoop
from integrado.db import make_engine
from integrado.history import HistoryStore
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def seeded(settings: Settings) -> Iterator[HistoryStore]:
    store = HistoryStore(make_engine(settings.console_db))
    now = time.time()
    traffic = DemoTraffic(seed=8)
    seed_history(store, traffic, 40, now - 3 * 86400 - 600, now - 3 * 86400)  # three days ago
    seed_history(store, traffic, 60, now - 3000, now - 60)  # the last hour
    yield store
    store.engine.dispose()


def _window(qtbot: QtBot, settings: Settings, store: HistoryStore) -> tuple[ConsoleWindow, ConsoleController]:
    window = ConsoleWindow(EventTableModel(), RejectionCountModel())
    controller = ConsoleController(ConsoleService(store), window, prefs=prefs(settings))
    qtbot.addWidget(window)
    window.show()
    return window, controller


def test_history_range_picker_shows_any_range(
    qloop: QLoop, qtbot: QtBot, settings: Settings, seeded: HistoryStore
) -> None:
    window, controller = _window(qtbot, settings, seeded)
    qloop.run(controller.load_recent())
    assert window.model.rowCount() == 60
    window.range_combo.setCurrentIndex(window.range_combo.findData(7 * 24 * 3600.0))
    qloop.wait_until(lambda: window.model.rowCount() == 100, message="7 days not loaded")
    # A custom range around three days ago: only those events.
    window.range_combo.setCurrentIndex(window.range_combo.findData(-1.0))
    assert window.range_show.isEnabled()
    now = time.time()
    window.range_from.setDateTime(window.range_from.dateTime().fromSecsSinceEpoch(int(now - 3 * 86400 - 3600)))
    window.range_to.setDateTime(window.range_to.dateTime().fromSecsSinceEpoch(int(now - 3 * 86400 + 3600)))
    window.range_show.click()
    qloop.wait_until(lambda: window.model.rowCount() == 40, message="custom range not loaded")
    assert controller.until is not None
    assert window.charts.fixed_end == pytest.approx(now - 3 * 86400 + 3600, abs=61)


def test_presets_are_saved_and_reloaded(qloop: QLoop, qtbot: QtBot, settings: Settings, seeded: HistoryStore) -> None:
    window, controller = _window(qtbot, settings, seeded)
    qloop.run(controller.load_recent())
    window.type_filter.setCurrentIndex(window.type_filter.findData("call.created"))
    qtbot.keyClicks(window.text_filter, "maria")
    qtbot.waitUntil(lambda: window.model.current_filter.text == "maria")
    filtered = window.model.rowCount()
    window.ask_preset_name = lambda done: done("New calls from Maria")
    window.save_preset_button.click()
    assert window.preset_names() == ["New calls from Maria"]
    window.clear_filters_button.click()
    assert window.model.rowCount() == 60 and window.text_filter.text() == ""

    # A new window (the console restarted) finds the preset and applies it.
    again, again_controller = _window(qtbot, settings, seeded)
    qloop.run(again_controller.load_recent())
    at = again.preset_combo.findData("New calls from Maria")
    assert at > 0
    again.preset_combo.setCurrentIndex(at)
    again.preset_combo.activated.emit(at)
    assert again.text_filter.text() == "maria"
    assert again.type_filter.currentData() == "call.created"
    assert again.model.rowCount() == filtered
    again.delete_preset_button.click()
    assert again.preset_names() == []


def test_charts_are_computed_from_history(qloop: QLoop, qtbot: QtBot, settings: Settings, seeded: HistoryStore) -> None:
    window, controller = _window(qtbot, settings, seeded)
    qloop.run(controller.load_recent())
    window.charts.refresh()
    data = window.charts.last_data
    assert data is not None
    assert sum(count for _, count in data.by_type) == 60
    assert sum(series.sum() for series in data.per_minute_by_source.values()) == 60


def test_follow_off_keeps_the_rows_in_sight_while_new_ones_arrive(
    qloop: QLoop, qtbot: QtBot, settings: Settings, seeded: HistoryStore
) -> None:
    from event_console.columns.layout import RowData

    window, controller = _window(qtbot, settings, seeded)
    qloop.run(controller.load_recent())
    window.follow_action.setChecked(False)
    bar = window.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() >= 20)  # the view lays itself out after showing
    bar.setValue(20)
    assert bar.value() == 20
    top_event = window.model.event_id_at(bar.value())
    now = time.time()
    rows = [
        RowData(
            f"00000000-0000-4000-8000-{i:012d}",
            now + i,
            now + i,
            "callsystem",
            "call.created",
            str(i),
            "s",
            "ana",
            "pc",
            False,
        )
        for i in range(7)
    ]
    window.model.append_rows(rows)
    assert window.model.event_id_at(bar.value()) == top_event
    window.follow_action.setChecked(True)
    window.model.append_rows(
        [
            RowData(
                "00000000-0000-4000-8000-999999999999",
                now + 99,
                now + 99,
                "callsystem",
                "call.created",
                "9",
                "s",
                "ana",
                "pc",
                False,
            )
        ]
    )
    assert bar.value() == 0 and window.model.event_id_at(0) == "00000000-0000-4000-8000-999999999999"
