"""The controller that drives the console window: what the window asks for reaches it by
signals, and it answers through the window (no bus, no database: a fake history)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from event_console.columns.layout import RowData
from event_console.controller import ConsoleController, TaskSet
from event_console.views.main_window import ConsoleWindow
from helpers.console_window import FakeHistory, console_window
from helpers.fixtures import QLoop
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class _History(FakeHistory):
    """A history whose view query can be made to fail, with three rejected messages."""

    def __init__(self) -> None:
        super().__init__()
        self.fail_with: Exception | None = None

    def load_view_rows(
        self, since: float | None = None, until: float | None = None, limit: int | None = None
    ) -> list[tuple[Any, ...]]:
        if self.fail_with is not None:
            raise self.fail_with
        return []

    def rejection_counts(self) -> dict[str, int]:
        return {"not_json": 3}


def _console(qtbot: QtBot, settings: Settings) -> tuple[ConsoleWindow, ConsoleController, _History]:
    history = _History()
    window, controller, _ = console_window(qtbot, settings, history)
    return window, controller, history


def _rows(n: int) -> list[RowData]:
    t0 = 1_790_000_000.0
    return [
        RowData(
            f"00000000-0000-4000-8000-{i:012d}",
            t0 + i,
            t0 + i,
            "callsystem",
            "call.created",
            str(i),
            "s",
            "ana",
            "pc",
            False,
        )
        for i in range(n)
    ]


def test_a_history_that_cannot_be_read_is_said_in_the_status_bar(
    qloop: QLoop, qtbot: QtBot, settings: Settings
) -> None:
    window, controller, history = _console(qtbot, settings)
    history.fail_with = OSError("disk I/O error")
    window.range_combo.setCurrentIndex(window.range_combo.findData(3600.0))
    qloop.wait_until(lambda: len(controller.tasks) == 0, message="the load never ended")
    assert window.statusBar().currentMessage() == "Could not load the history: disk I/O error"
    assert not controller.loading


def test_the_rejection_counts_and_details_come_from_the_history(qtbot: QtBot, settings: Settings) -> None:
    window, controller, history = _console(qtbot, settings)
    controller.load()
    assert window.side_tabs.tabText(1) == "Rejected (3)"
    window.model.append_rows(_rows(2))
    event_id = window.model.event_id_at(0)
    history.raw[event_id] = json.dumps({"event_id": event_id, "type": "call.created"})
    window.select_view_row(0)
    assert '"type": "call.created"' in window.details.toPlainText()
    window.select_view_row(1)
    assert "is not in the database" in window.details.toPlainText()


def test_one_export_at_a_time(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    window, _controller, _history = _console(qtbot, settings)
    window.model.append_rows(_rows(5))
    window.export(tmp_path / "a.csv", "csv")
    window.export(tmp_path / "b.csv", "csv")
    assert window.statusBar().currentMessage() == "An export is already running"
    with qtbot.waitSignal(window.export_finished, timeout=5_000) as finished:
        pass
    assert finished.args == [str(tmp_path / "a.csv")]
    assert not (tmp_path / "b.csv").exists()
    assert not window.export_status.progress.isVisible()
    window.export(tmp_path / "b.csv", "csv")  # the first has ended: a new one may start
    with qtbot.waitSignal(window.export_finished, timeout=5_000):
        pass
    assert len((tmp_path / "b.csv").read_text(encoding="utf-8").splitlines()) == 6


def test_stop_remembers_the_geometry_and_cancels_loads(qloop: QLoop, qtbot: QtBot, settings: Settings) -> None:
    window, controller, _history = _console(qtbot, settings)
    window.resize(640, 480)  # inside the offscreen screen: restoring does not shrink it
    never = asyncio.Event()
    task = controller.tasks.run(never.wait())
    controller.stop()
    qloop.wait_until(task.done)
    assert task.cancelled()
    again, again_controller, _history = _console(qtbot, settings)
    assert (again.width(), again.height()) != (640, 480)
    again_controller.load()
    assert (again.width(), again.height()) == (640, 480)


def test_the_task_set_holds_tasks_until_they_end_and_reports_failures(qloop: QLoop) -> None:
    failures: list[BaseException] = []
    tasks = TaskSet(failures.append)

    async def fail() -> None:
        raise ValueError("broken")

    async def succeed() -> int:
        return 1

    ok, bad = tasks.run(succeed()), tasks.run(fail())
    assert len(tasks) == 2
    qloop.wait_until(lambda: ok.done() and bad.done())
    qloop.wait_until(lambda: len(tasks) == 0)
    assert [str(e) for e in failures] == ["broken"]
