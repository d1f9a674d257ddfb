"""Start-up and first run: the window is on screen before the database is opened, a first run
fits the screen, empty views say what to do, and chart axes that count show whole numbers from
zero. (What the first frame imports: `test_startup_first_paint.py`.)"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from helpers.fixtures import QLoop
from integrado.qt.empty_hint import EmptyHint
from integrado.qt.runner import fit_to_screen
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize("package", ["callsystem_gui", "taskmanager_gui"])
def test_the_window_paints_before_the_database_is_opened(
    package: str, qtbot: QtBot, qloop: QLoop, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    app = importlib.import_module(f"{package}.app")
    service = importlib.import_module(f"{package}.service")
    seen: list[tuple[bool, str]] = []
    real = service.create_pipeline

    def create_pipeline(*args: Any, **kwargs: Any) -> Any:
        shown = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
        seen.append((bool(shown), shown[0].title() if shown else ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "create_pipeline", create_pipeline)
    handle = qloop.run(app.start(settings))
    qtbot.addWidget(handle.window)
    try:
        assert seen and seen[0][0], "the database was opened before any window was shown"
        assert seen[0][1] == handle.window.windowTitle()  # the title it keeps, from the first frame
        hint = handle.window.findChild(EmptyHint)
        assert hint is not None and hint.isVisible() and "yet" in hint.text()
    finally:
        qloop.run(handle.shutdown())


def test_the_task_manager_keeps_the_controllers_refresh_interval() -> None:
    from taskmanager_gui import app, controller

    assert app.REFRESH_INTERVAL_MS == controller.REFRESH_INTERVAL_MS


def test_a_first_run_window_takes_a_share_of_the_screen(qtbot: QtBot) -> None:
    window = QTableView()
    qtbot.addWidget(window)
    fit_to_screen(window, 0.8)
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    assert (window.width(), window.height()) == (int(area.width() * 0.8), int(area.height() * 0.8))
    assert area.contains(window.geometry())


def test_an_empty_view_says_what_to_do_and_steps_aside_for_rows(qtbot: QtBot) -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    view = QTableView()
    model = QStandardItemModel(0, 1, view)
    view.setModel(model)
    qtbot.addWidget(view)
    hint = EmptyHint(view, lambda: "Nothing here yet")
    view.show()
    assert hint.isVisible() and hint.text() == "Nothing here yet"
    model.appendRow(QStandardItem("a row"))
    assert not hint.isVisible()
    model.removeRow(0)
    assert hint.isVisible()


def test_chart_axes_that_count_show_whole_numbers_from_zero(qtbot: QtBot) -> None:
    from event_console.views.charts_panel import CountAxis

    axis = CountAxis(orientation="left")
    for top in (1.1, 3.3, 57.0):
        levels = axis.tickValues(0.0, top, 200)
        values = [v for _, ticks in levels for v in ticks]
        assert values and all(float(v).is_integer() and v >= 0 for v in values), (top, levels)
    assert axis.tickStrings([0.0, 1.0, 2.0], 1.0, 1.0) == ["0", "1", "2"]
