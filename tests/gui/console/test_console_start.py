"""The console's start against a real redis-server: its module imports nothing its first frame
does not need, the window says it is loading before its history is there, then shows it, and
the events that arrive while it starts are all shown, once; the intake process started before
the window is the one that runs."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from event_console import app
from event_console.columns.layout import TYPE, TYPE_CODE
from event_console.intake import launch
from event_console.intake.launch import LaunchedIntake
from event_console.models.event_table import EventTableModel
from event_console.service import ConsoleService, open_history
from event_console.views.main_window import ConsoleWindow
from helpers.demo.console import DemoTraffic, publish_sync, seed_history
from helpers.fixtures import QLoop
from helpers.process import python_json
from integrado.embedded import RedisServerProcess
from integrado.qt.empty_hint import EmptyHint
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LOADING = "Loading the event history…"


@pytest.fixture
def client(redis_server: RedisServerProcess) -> Iterator[redis.Redis]:
    c = redis.Redis.from_url(redis_server.url)
    yield c
    c.close()


def _shown_console() -> ConsoleWindow:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConsoleWindow) and w.isVisible()]
    assert len(shown) == 1, shown
    return shown[0]


def _event_ids(window: ConsoleWindow) -> list[str]:
    return [window.model.event_id_at(row) for row in range(window.model.rowCount())]


def test_importing_the_console_imports_nothing_its_first_frame_does_not_need() -> None:
    heavy = ("numpy", "pyqtgraph", "sqlalchemy", "redis", "asyncio", "qasync")
    code = f"import sys, event_console.app; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


def test_the_window_says_it_is_loading_then_shows_its_history(
    qloop: QLoop, qtbot: QtBot, settings: Settings, redis_server: RedisServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = time.time()
    store = open_history(settings)
    seed_history(store, DemoTraffic(seed=5), 30, now - 600, now - 60)
    store.engine.dispose()
    launched: list[LaunchedIntake] = []
    real_launch = launch.launch

    def launch_recorded() -> LaunchedIntake | None:
        child = real_launch()
        if child is not None:
            launched.append(child)
        return child

    monkeypatch.setattr(launch, "launch", launch_recorded)

    app.show_first(settings)
    window = _shown_console()
    qtbot.addWidget(window)
    # The first frame: the layout, no event held, and it says so.
    assert not window.has_model
    hint = window.findChild(EmptyHint)
    assert hint is not None and hint.isVisible() and hint.text() == LOADING
    assert window.statusBar().currentMessage() == LOADING
    assert window.charts.placeholder is not None and not window.charts.plots_ready
    assert len(launched) == 1, "the intake process is started before the window is built"

    assert gc.isenabled()
    handle = qloop.run(app.start(settings))
    try:
        assert handle.window is window
        assert window.model.rowCount() == 30
        # No cyclic collection while the rest of the start is built; then it collects again.
        assert not gc.isenabled()
        assert not hint.isVisible()
        assert window.statusBar().currentMessage() != LOADING
        # The child started first is the one that runs (adopted, not a second one).
        assert handle.bus.process is launched[0].process
        qloop.wait_until(lambda: handle.bus.state == "live", message="console never went live")
        assert handle.settled is not None
        qloop.run(handle.settled, timeout=30)
        assert gc.isenabled()
        assert window.charts.plots_shown
        assert handle.desk is not None and handle.desk.ready
        texts = [a.text() for a in window.menuBar().actions()]
        assert "&View" in texts  # the desk's menu, added once the table was ready
    finally:
        qloop.run(handle.shutdown())
    assert launched[0].process.poll() is not None


def test_events_that_arrive_while_the_console_starts_are_shown_once(
    qloop: QLoop,
    qtbot: QtBot,
    settings: Settings,
    redis_server: RedisServerProcess,
    client: redis.Redis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    traffic = DemoTraffic(seed=9)
    before = list(traffic.many(20))  # in the streams already: caught up
    while_connecting = list(traffic.many(15))  # while the table's part is imported
    while_loading = list(traffic.many(15))  # while the history is read: stored, and sent live
    publish_sync(client, settings.redis, before, origin="start-test")
    real_import = app.import_table_part

    def import_table_part() -> None:
        publish_sync(client, settings.redis, while_connecting, origin="start-test")
        real_import()

    monkeypatch.setattr(app, "import_table_part", import_table_part)
    real_read = ConsoleService.read_range

    def read_range(self: ConsoleService, since: float | None, until: float | None) -> Any:
        publish_sync(client, settings.redis, while_loading, origin="start-test")
        # The read is made once the intake has stored them: they are in the rows read and come
        # in live meanwhile, held by the controller; shown once all the same.
        deadline = time.monotonic() + 20
        while self.history.count_range(since, until) < 50 and time.monotonic() < deadline:
            time.sleep(0.02)
        return real_read(self, since, until)

    monkeypatch.setattr(ConsoleService, "read_range", read_range)

    app.show_first(settings)
    qtbot.addWidget(_shown_console())
    handle = qloop.run(app.start(settings))
    try:
        sent = sorted(e["event_id"] for e in before + while_connecting + while_loading)
        qloop.wait_until(lambda: handle.window.model.rowCount() >= 50, timeout=20, message="events missing")
        qloop.sleep(0.3)  # anything shown twice would have come by now
        assert sorted(_event_ids(handle.window)) == sent
        if handle.settled is not None:
            qloop.run(handle.settled, timeout=30)
        assert sorted(_event_ids(handle.window)) == sent
    finally:
        qloop.run(handle.shutdown())


def test_the_window_keeps_the_sort_filters_and_columns_it_restored_before_its_events_came(
    qtbot: QtBot, settings: Settings
) -> None:
    window = app.first_window(settings)
    qtbot.addWidget(window)
    window.table.setColumnHidden(TYPE_CODE, False)
    window.table.sortByColumn(TYPE, Qt.SortOrder.AscendingOrder)
    window.filter_bar.text_filter.setText("souza")
    window.pause_action.setChecked(True)
    saved = window.view_state()
    assert saved["sort_column"] == TYPE and saved["sort_descending"] is False

    later = app.first_window(settings)
    qtbot.addWidget(later)
    later.restore_view_state(saved)
    model = EventTableModel(later)
    later.attach_model(model)
    assert model.sort_column == TYPE and not model.sort_descending
    assert later.table.horizontalHeader().sortIndicatorSection() == TYPE
    assert not later.table.isColumnHidden(TYPE_CODE)
    assert model.current_filter.text == "souza"
    assert later.view_state()["header"] == saved["header"]
    # The pause chosen before the events came holds for them.
    window.attach_model(EventTableModel(window))
    assert window.model.paused


def test_an_intake_process_started_early_and_not_needed_ends_at_once() -> None:
    launched = LaunchedIntake.start()
    launched.close()
    assert launched.process.returncode == 0


QT_CLASSES = """
import asyncio, json
from PySide6 import QtCore, QtGui, QtWidgets
from event_console.app import create_qt_classes

modules = (QtCore, QtGui, QtWidgets)
before = sum(name in m.__dict__ for m in modules for name in dir(m))
turns = 0

async def other_work():
    global turns
    while True:
        turns += 1
        await asyncio.sleep(0)

async def main():
    beside = asyncio.ensure_future(other_work())
    await create_qt_classes(0.001)
    beside.cancel()

asyncio.run(main())
print(json.dumps({"before": before, "missing": [n for m in modules for n in dir(m) if n not in m.__dict__],
                  "names": sum(len(dir(m)) for m in modules), "turns": turns}))
"""


def test_qt_s_classes_are_made_a_slice_at_a_time_before_pyqtgraph_walks_them() -> None:
    # PySide6 makes a class at its first use (it is then in its module's namespace); pyqtgraph's
    # import touches them all, in a worker thread, where that held the window off.
    result = python_json(QT_CLASSES)
    assert result["missing"] == [] and result["before"] < result["names"] / 2, result
    assert result["turns"] >= 20, "the event loop should run between the slices"


def test_the_read_of_a_range_needs_numpy_only_when_it_runs() -> None:
    code = "import sys, event_console.service; print('numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_what_the_intake_reports_before_the_desk_exists_reaches_its_alerts(
    qloop: QLoop, qtbot: QtBot, settings: Settings
) -> None:
    from integrado.bus.streams import Gap, GapReason
    from integrado.events.codec import Rejection, RejectReason

    app.import_table_part()
    handle = app.build_table(settings, window=app.first_window(settings))
    qtbot.addWidget(handle.window)
    try:
        now = time.time()
        handle.bus.gap_detected.emit(Gap("calls_channel:stream", "callsystem", "o1", 5, 9, GapReason.MISSING, now))
        handle.bus.rejected.emit([Rejection(RejectReason.NOT_JSON, "not JSON", "tasks", 3, "x{")])
        app.import_rest()
        app.build_desk(handle, settings)
        assert handle.desk is not None
        raised = handle.desk.engine.evaluate(handle.desk.board, now).raised
        assert len(raised) == 2, raised
        # Once the desk exists, the intake talks to it directly: nothing is held any more.
        handle.bus.gap_detected.emit(Gap("tasks:stream", "taskmanager", "o1", 2, 2, GapReason.MISSING, now))
        assert handle.notes.gaps == [] and handle.notes.rejected == []
        assert len(handle.desk.engine.evaluate(handle.desk.board, now).raised) == 1
    finally:
        if handle.desk is not None:
            qloop.run(handle.desk.stop())
        handle.controller.stop()
        handle.store.engine.dispose()
