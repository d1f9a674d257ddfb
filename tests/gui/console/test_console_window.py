"""The Event Console's real window against a real redis-server: live events, sort, filter,
pause, export, details, restart without duplicates, hostile input."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from event_console.app import ConsoleHandle, start
from event_console.columns.layout import RECEIVED, SUMMARY, TYPE, TYPE_CODE
from event_console.models.event_table import SORT_ROLE
from event_console.views.main_window import ConsoleWindow
from helpers.demo.console import DemoTraffic, publish_sync
from helpers.fixtures import QLoop
from integrado.embedded import RedisServerProcess
from integrado.events import MAX_MESSAGE_BYTES, Actor, call_event
from integrado.settings import Settings

# The offscreen platform plugin (tests only) cannot resize native windows and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def open_console(
    qloop: QLoop, qtbot: QtBot, settings: Settings, redis_server: RedisServerProcess
) -> Iterator[Callable[[], ConsoleHandle]]:
    handles: list[ConsoleHandle] = []

    def opener() -> ConsoleHandle:
        handle = qloop.run(start(settings))
        qtbot.addWidget(handle.window)
        handles.append(handle)
        qloop.wait_until(lambda: handle.bus.state == "live", message="console never went live")
        return handle

    yield opener
    for handle in handles:
        if handle.bus.state != "stopped":
            qloop.run(handle.shutdown())


@pytest.fixture
def client(redis_server: RedisServerProcess) -> Iterator[redis.Redis]:
    c = redis.Redis.from_url(redis_server.url)
    yield c
    c.close()


def _publish(client: redis.Redis, settings: Settings, traffic: DemoTraffic, count: int) -> list[dict[str, Any]]:
    sent = list(traffic.many(count))
    publish_sync(client, settings.redis, sent, origin="test-origin")
    return sent


def _column(window: ConsoleWindow, column: int) -> list[Any]:
    model = window.model
    return [model.data(model.index(r, column), SORT_ROLE) for r in range(model.rowCount())]


def test_live_events_appear_sort_filter_and_details(
    qloop: QLoop, qtbot: QtBot, open_console: Callable[[], ConsoleHandle], client: redis.Redis, settings: Settings
) -> None:
    handle = open_console()
    window = handle.window
    traffic = DemoTraffic(seed=3)
    sent = _publish(client, settings, traffic, 120)
    qloop.wait_until(lambda: window.model.rowCount() == 120, message="events did not appear")
    # Newest first by default.
    received = _column(window, RECEIVED)
    assert received == sorted(received, reverse=True)
    assert {window.model.event_id_at(r) for r in range(120)} == {e["event_id"] for e in sent}

    # Sort by clicking the Type header: ascending by value.
    header = window.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_header_pos(header, TYPE))
    types = _column(window, TYPE)
    assert types == sorted(types, key=str.casefold) or types == sorted(types, key=str.casefold, reverse=True)
    assert window.model.sort_column == TYPE

    # Filter by typing: only rows whose text matches remain.
    qtbot.keyClicks(window.text_filter, "task #")
    qtbot.waitUntil(lambda: window.model.rowCount() == sum(1 for e in sent if e["system"] == "taskmanager"))
    window.text_filter.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 120)

    # Quick filter from a cell's context menu: this type.
    wanted = window.model.data(window.model.index(0, TYPE_CODE))
    menu = window.build_context_menu(window.model.index(0, TYPE))
    menu.actions()[0].trigger()
    assert window.model.rowCount() == sum(1 for e in sent if e["type"] == wanted)
    assert window.type_filter.currentData() == wanted
    window.clear_filters_button.click()
    assert window.model.rowCount() == 120

    # Details pane: click a row, see the whole event pretty-printed.
    rect = window.table.visualRect(window.model.index(3, SUMMARY))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    event_id = window.model.event_id_at(3)
    event = next(e for e in sent if e["event_id"] == event_id)
    assert json.loads(window.details.toPlainText()) == event
    assert '\n  "event_id"' in window.details.toPlainText()


def _header_pos(header: QHeaderView, column: int) -> QPoint:
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_pause_badge_resume_and_export(
    qloop: QLoop,
    qtbot: QtBot,
    open_console: Callable[[], ConsoleHandle],
    client: redis.Redis,
    settings: Settings,
    tmp_path: Path,
) -> None:
    handle = open_console()
    window = handle.window
    traffic = DemoTraffic(seed=5)
    _publish(client, settings, traffic, 10)
    qloop.wait_until(lambda: window.model.rowCount() == 10)

    window.pause_action.trigger()
    _publish(client, settings, traffic, 37)
    qloop.wait_until(lambda: handle.store.count() == 47, message="paused events were not stored")
    qloop.wait_until(lambda: window.badge.text() == "37 new", message=f"badge: {window.badge.text()!r}")
    assert window.model.rowCount() == 10 and window.badge.isVisible()
    window.pause_action.trigger()
    assert window.model.rowCount() == 47 and not window.badge_action.isVisible()
    qtbot.waitUntil(lambda: not window.badge.isVisible())  # the toolbar re-lays itself out later

    # Export the filtered view as CSV and as JSON Lines (the save dialog replaced).
    window.set_filter(window.current_filter().with_(sources=frozenset({"callsystem"})))
    shown = window.model.rowCount()
    assert 0 < shown < 47
    window.ask_export_path = lambda fmt, selection: window.export(tmp_path / f"view.{fmt}", fmt, selection=selection)
    window.export_csv_action.trigger()
    with qtbot.waitSignal(window.export_finished, timeout=10_000):
        pass
    with (tmp_path / "view.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == shown and {r["source"] for r in rows} == {"callsystem"}
    assert [r["event_id"] for r in rows] == [window.model.event_id_at(i) for i in range(shown)]
    window.export_jsonl_action.trigger()
    with qtbot.waitSignal(window.export_finished, timeout=10_000):
        pass
    lines = (tmp_path / "view.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == shown
    assert all(json.loads(line)["event"]["system"] == "callsystem" for line in lines)

    # Clear view: the table empties, the history stays, new events appear.
    window.clear_action.trigger()
    assert window.model.rowCount() == 0 and handle.store.count() == 47
    _publish(client, settings, traffic, 5)
    qloop.wait_until(lambda: handle.store.count() == 52)
    qloop.wait_until(lambda: window.model.cols.size == 52)


def test_restart_shows_what_was_missed_without_duplicates(
    qloop: QLoop, open_console: Callable[[], ConsoleHandle], client: redis.Redis, settings: Settings
) -> None:
    traffic = DemoTraffic(seed=9)
    first = open_console()
    sent = _publish(client, settings, traffic, 30)
    qloop.wait_until(lambda: first.window.model.rowCount() == 30)
    qloop.run(first.shutdown())

    sent += _publish(client, settings, traffic, 20)  # while the console is closed
    second = open_console()
    model = second.window.model
    qloop.wait_until(lambda: model.rowCount() == 50, message=f"{model.rowCount()} rows after restart")
    sent += _publish(client, settings, traffic, 5)
    qloop.wait_until(lambda: model.rowCount() == 55)
    ids = [model.event_id_at(r) for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids) == 55
    assert set(ids) == {e["event_id"] for e in sent}
    assert second.store.count() == 55


def test_hostile_messages_are_counted_and_html_stays_text(
    qloop: QLoop, open_console: Callable[[], ConsoleHandle], client: redis.Redis, settings: Settings
) -> None:
    handle = open_console()
    window = handle.window
    pipe = client.pipeline(transaction=False)
    for i in range(250):
        pipe.publish("calls_channel", b"\xff\xfe\xfa bad utf-8 " + str(i).encode())
        pipe.publish("tasks", "{not json " + str(i))
        pipe.publish("calls_channel", "x" * (MAX_MESSAGE_BYTES + 10))
        pipe.publish("tasks", json.dumps([1, 2, i]))
    pipe.execute()
    html = "<b>Maria</b> <img src=x onerror=alert(1)>"
    env = call_event(
        "call.created",
        4242,
        cliente=html,
        descricao="<i>desc</i>",
        closed=False,
        data={"id": 4242, "caller_name": html, "status": "new"},
        actor=Actor("<u>ana</u>", "pc-01"),
    )
    env.update(seq=1, occurred_at="2026-01-01T00:00:00.000000Z", event_id=str(uuid.uuid4()))
    publish_sync(client, settings.redis, [env], origin="hostile-test")
    qloop.wait_until(lambda: handle.controller.rejections.total == 1000, message="rejections not all counted")
    qloop.wait_until(lambda: window.model.rowCount() == 1)
    counts = handle.controller.rejections
    assert counts.count("not_utf8") == 250
    assert counts.count("not_json") == 250
    assert counts.count("too_large") == 250
    assert counts.count("not_object") == 250
    assert handle.store.rejection_counts() == {"not_utf8": 250, "not_json": 250, "too_large": 250, "not_object": 250}
    assert window.side_tabs.tabText(1) == "Rejected (1000)"
    # The HTML is shown as its literal characters: in the model, the details and the status.
    summary = window.model.data(window.model.index(0, SUMMARY))
    assert summary.startswith("Call #4242 <b>Maria</b> <img")
    assert window.model.data(window.model.index(0, 6)) == "<u>ana</u>"
    window.select_view_row(0)
    assert "<b>Maria</b> <img src=x onerror=alert(1)>" in window.details.toPlainText()
    assert "bad utf-8" not in window.details.toPlainText()
    # Still alive: a normal event after the storm arrives.
    _publish(client, settings, DemoTraffic(seed=1), 3)
    qloop.wait_until(lambda: window.model.rowCount() == 4)


def test_connection_state_and_gap_details_are_shown(
    qloop: QLoop, open_console: Callable[[], ConsoleHandle], client: redis.Redis, settings: Settings
) -> None:
    handle = open_console()
    window = handle.window
    assert window.indicator.label.text() == "Live"
    traffic = DemoTraffic(seed=21)
    envs = [traffic.envelope() for _ in range(6)]
    calls = [e for e in envs if e["system"] == "callsystem"]
    for i, env in enumerate(calls):
        env["seq"] = 1 if i == 0 else i + 4  # seq 2-4 never reach the stream
    publish_sync(client, settings.redis, calls, origin="gap-origin")
    qloop.wait_until(lambda: window.gap_label.isVisible(), message="no gap shown")
    assert "3 event(s) missing, seq 2–4" in window.gap_label.text()
    assert "seq 2–4" in window.gaps_log.toPlainText()


def test_the_intake_runs_in_a_child_process_by_default(qloop: QLoop, open_console: Callable[[], ConsoleHandle]) -> None:
    from event_console.intake.client import IntakeProcess

    handle = open_console()
    assert isinstance(handle.bus, IntakeProcess)
    assert handle.bus.process is not None and handle.bus.process.poll() is None


def test_in_process_intake_fallback_shows_live_events(
    qloop: QLoop,
    open_console: Callable[[], ConsoleHandle],
    client: redis.Redis,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where a child cannot inherit its socket (Windows), the same consumer runs in the window."""
    from event_console.intake.client import InProcessIntake

    monkeypatch.setenv("INTEGRADO_INTAKE", "inprocess")
    handle = open_console()
    assert isinstance(handle.bus, InProcessIntake)
    sent = _publish(client, settings, DemoTraffic(seed=9), 40)
    qloop.wait_until(lambda: handle.window.model.rowCount() == 40, message="events did not appear")
    assert {handle.window.model.event_id_at(r) for r in range(40)} == {e["event_id"] for e in sent}
    assert handle.store.count() == 40


def test_file_menu_ends_in_quit_with_ctrl_q(qloop: QLoop, open_console: Callable[[], ConsoleHandle]) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu

    handle = open_console()
    window = handle.window
    first = window.menuBar().actions()[0].menu()
    assert isinstance(first, QMenu) and first.objectName() == "fileMenu"
    actions = [a for a in first.actions() if not a.isSeparator()]
    assert [a.objectName() for a in actions][-1] == "actQuit"
    assert "reportAction" in [a.objectName() for a in actions[:-1]]
    assert actions[-1].shortcut() == QKeySequence("Ctrl+Q")
    actions[-1].trigger()
    qloop.wait_until(lambda: not window.isVisible(), message="Quit left the console open")
