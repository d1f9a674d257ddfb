"""CallSystem against a real redis-server: what the window does arrives on `calls_channel` and the
stream field by field; with Redis down the operator keeps working and the queue drains in order;
another operator's change shows up in the list by itself."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterator

import pytest
import redis
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from redis.client import PubSub

from callsystem_gui.app import CallSystemHandle, start
from callsystem_gui.domain import Status
from helpers.fixtures import QLoop
from helpers.relay_service import start_in_process_relay
from integrado.embedded import RedisServerProcess
from integrado.settings import Settings

pytestmark = [
    pytest.mark.integration,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
CTRL = Qt.KeyboardModifier.ControlModifier


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _activate(qtbot: QtBot, handle: CallSystemHandle) -> None:
    handle.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is handle.window)


def _press(
    qtbot: QtBot, handle: CallSystemHandle, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(QApplication.focusWidget() or handle.window, key, modifiers)


def _register(qtbot: QtBot, handle: CallSystemHandle, name: str, phone: str, subject: str) -> int:
    form = handle.window.form
    _activate(qtbot, handle)
    _press(qtbot, handle, Qt.Key.Key_N, CTRL)
    _type(qtbot, form.caller_name, name)
    _type(qtbot, form.phone, phone)
    _type(qtbot, form.subject, subject)
    before = handle.window.model.total_count()
    _press(qtbot, handle, Qt.Key.Key_Return, CTRL)
    assert handle.window.model.total_count() == before + 1, handle.controller.last_message
    return handle.window.current_call_id


def _close_current(qtbot: QtBot, handle: CallSystemHandle, resolution: str) -> None:
    _activate(qtbot, handle)
    handle.window.focus_list()
    _press(qtbot, handle, Qt.Key.Key_4, CTRL)
    dialog = handle.controller.pending_dialog
    _type(qtbot, dialog.text, resolution)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


@pytest.fixture
def launch(qloop: QLoop, qtbot: QtBot) -> Iterator[Callable[..., CallSystemHandle]]:
    handles: list[CallSystemHandle] = []

    def launch_(settings: Settings, operator: str, db_url: str | None = None) -> CallSystemHandle:
        handle = qloop.run(start(dataclasses.replace(settings, operator=operator), db_url=db_url))
        qtbot.addWidget(handle.window)
        handle.window.resize(1400, 860)
        qtbot.waitExposed(handle.window)
        handles.append(handle)
        return handle

    yield launch_
    for handle in handles:
        qloop.run(handle.shutdown())


def _messages(pubsub: PubSub, count: int, timeout: float = 10.0) -> list[dict]:
    got: list[dict] = []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        message = pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
        if message and message["type"] == "message":
            got.append(json.loads(message["data"]))
    return got


def test_window_actions_arrive_on_the_channel_and_stream_field_by_field(
    qloop: QLoop,
    qtbot: QtBot,
    settings: Settings,
    redis_server: RedisServerProcess,
    launch: Callable[..., CallSystemHandle],
) -> None:
    client = redis.Redis.from_url(redis_server.url)
    pubsub = client.pubsub()
    pubsub.subscribe("calls_channel")
    assert pubsub.get_message(timeout=2)["type"] == "subscribe"
    app = launch(settings, "ana")
    qloop.wait_until(lambda: app.window.indicator.state == "connected")

    call_id = _register(qtbot, app, "Maria Souza", "(51) 9999-0000", "Internet caiu no escritório")
    app.window.focus_list()
    _press(qtbot, app, Qt.Key.Key_1, CTRL)
    _close_current(qtbot, app, "Roteador reiniciado")
    qloop.wait_until(lambda: app.pipeline.relay.published_total == 3, message="3 events published")

    created, started, closed = _messages(pubsub, 3)
    # What the older consumer reads, at top level.
    assert {k: created[k] for k in ("system", "action", "id", "cliente", "descricao", "status")} == {
        "system": "callsystem",
        "action": "created",
        "id": call_id,
        "cliente": "Maria Souza",
        "descricao": "Internet caiu no escritório",
        "status": "pendente",
    }
    assert (closed["action"], closed["status"], closed["cliente"]) == ("completed", "concluida", "Maria Souza")
    # The envelope.
    assert [m["type"] for m in (created, started, closed)] == ["call.created", "call.status_changed", "call.closed"]
    assert [m["seq"] for m in (created, started, closed)] == [1, 2, 3]
    assert created["schema"] == 1
    assert created["actor"]["user"] == "ana"
    assert created["occurred_at"].endswith("Z")
    assert len({m["event_id"] for m in (created, started, closed)}) == 3
    assert "changes" not in created
    assert started["changes"] == {"status": ["new", "in_progress"]}
    assert closed["changes"] == {"status": ["in_progress", "closed"], "resolution": ["", "Roteador reiniciado"]}
    assert created["data"]["phone_digits"] == "5199990000"
    assert created["data"]["status"] == "new" and closed["data"]["status"] == "closed"
    assert closed["data"]["resolution"] == "Roteador reiniciado"
    assert started["data"]["version"] == 2

    entries = client.xrange("calls_channel:stream")
    assert [json.loads(f[b"event"]) for _, f in entries] == [created, started, closed]
    assert [int(f[b"seq"]) for _, f in entries] == [1, 2, 3]
    assert {f[b"source"] for _, f in entries} == {b"callsystem"}
    assert [f[b"event_id"].decode() for _, f in entries] == [m["event_id"] for m in (created, started, closed)]
    pubsub.close()
    client.close()


def test_redis_down_operator_keeps_working_and_queue_drains_in_order(
    qloop: QLoop,
    qtbot: QtBot,
    settings: Settings,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
    launch: Callable[..., CallSystemHandle],
) -> None:
    server = redis_server_factory()
    monkeypatch.setenv("REDIS_URL", server.url)
    app = launch(Settings.load(), "ana")
    indicator = app.window.indicator
    qloop.wait_until(lambda: indicator.state == "connected")
    port = server.port
    server.kill()

    first = _register(qtbot, app, "Maria Souza", "(51) 9999-0000", "Internet caiu")
    qloop.wait_until(lambda: indicator.state == "disconnected", timeout=15)
    assert indicator.queued == 1 and indicator.queue_label.isVisibleTo(app.window)
    second = _register(qtbot, app, "João Pereira", "(11) 98888-7777", "Impressora não imprime")
    qloop.wait_until(lambda: indicator.queued == 2, timeout=15)
    app.window.select_call(first)
    _close_current(qtbot, app, "Resolvido por telefone")
    assert app.service.get(first).status == Status.CLOSED  # saved although Redis is down
    qloop.wait_until(lambda: indicator.queued == 3, timeout=15)
    assert "3 queued" in indicator.queue_label.text()

    server.port = port
    server.start()
    qloop.wait_until(lambda: indicator.queued == 0, timeout=20, message="queue drained after restart")
    assert indicator.state == "connected"
    assert not indicator.queue_label.isVisibleTo(app.window)
    client = redis.Redis.from_url(server.url)
    sent = [json.loads(f[b"event"]) for _, f in client.xrange("calls_channel:stream")]
    assert [(e["seq"], e["type"], e["id"]) for e in sent] == [
        (1, "call.created", first),
        (2, "call.created", second),
        (3, "call.closed", first),
    ]
    client.close()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_another_operators_change_shows_up_by_itself(
    qloop: QLoop,
    qtbot: QtBot,
    settings: Settings,
    redis_server: RedisServerProcess,
    launch: Callable[..., CallSystemHandle],
    database: str,
    request: pytest.FixtureRequest,
) -> None:
    # Two PCs on one database, each with its own live bus. On a shared PostgreSQL the office's relay
    # service publishes (a PC's own relay only counts what waits on the server).
    db_url = request.getfixturevalue("postgres_url") if database == "postgresql" else None
    ana = launch(settings, "ana", db_url)
    bruno = launch(settings, "bruno", db_url)
    if db_url is not None:
        relay = start_in_process_relay(qloop, settings, db_url)
        request.addfinalizer(lambda: relay.stop(qloop))
    qloop.wait_until(lambda: ana.bus.consumer.state == "live" and bruno.bus.consumer.state == "live")
    qloop.wait_until(lambda: ana.window.live_label.text() == "Live")

    call_id = _register(qtbot, bruno, "Carlos Lima", "(48) 98888-1234", "Ramal mudo")
    started = time.monotonic()  # committed: from here on it is relay -> Redis -> Ana's bus -> her list
    qloop.wait_until(lambda: ana.window.model.row_of(call_id) is not None, timeout=5)
    latency = time.monotonic() - started
    assert latency < 1.0, f"took {latency:.2f} s"
    assert ana.window.model.get(call_id).caller_name == "Carlos Lima"

    # Ana looks at it while Bruno starts it: her detail pane follows.
    ana.window.select_call(call_id)
    bruno.window.focus_list()
    _activate(qtbot, bruno)
    _press(qtbot, bruno, Qt.Key.Key_1, CTRL)
    qloop.wait_until(lambda: ana.window.detail.call.status == Status.IN_PROGRESS, timeout=5)
    assert ana.window.model.get(call_id).status == Status.IN_PROGRESS

    # Ana starts editing; Bruno changes the call meanwhile: she is warned before she saves...
    _activate(qtbot, ana)
    ana.window.detail.subject.setFocus()
    ana.window.detail.subject.selectAll()
    _type(qtbot, ana.window.detail.subject, "Ramal 204 mudo")
    _activate(qtbot, bruno)
    _press(qtbot, bruno, Qt.Key.Key_2, CTRL)
    qloop.wait_until(lambda: ana.window.detail.banner.isVisible(), timeout=5)
    assert "bruno changed this call" in ana.window.detail.banner_text.text()
    assert ana.window.detail.subject.text() == "Ramal 204 mudo"  # her edit is kept
    # ... and her save is refused, not an overwrite.
    _activate(qtbot, ana)
    qtbot.mouseClick(ana.window.detail.save_button, Qt.MouseButton.LeftButton)
    assert "Not saved" in ana.window.detail.banner_text.text()
    assert ana.service.get(call_id).subject == "Ramal mudo"
    assert ana.service.get(call_id).status == Status.WAITING


def test_every_kind_of_action_reaches_redis_in_order(
    qloop: QLoop,
    qtbot: QtBot,
    settings: Settings,
    redis_server: RedisServerProcess,
    launch: Callable[..., CallSystemHandle],
) -> None:
    client = redis.Redis.from_url(redis_server.url)
    pubsub = client.pubsub()
    pubsub.subscribe("calls_channel")
    assert pubsub.get_message(timeout=2)["type"] == "subscribe"
    app = launch(settings, "ana")
    window, pane = app.window, app.window.detail
    call_id = _register(qtbot, app, "Maria Souza", "(51) 9999-0000", "Internet caiu")
    window.focus_list()
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):  # start, wait on caller, resolve
        _press(qtbot, app, key, CTRL)
    _close_current(qtbot, app, "Cabo trocado")
    window.status_filter.setCurrentIndex(window.status_filter.findData("all"))
    window.select_call(call_id)
    _press(qtbot, app, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)  # reopen
    _press(qtbot, app, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)  # note
    _type(qtbot, pane.note_edit, "Voltou a cair às 15h")
    qtbot.keyClick(pane.note_edit, Qt.Key.Key_Return, CTRL)
    pane.assignee.setFocus()
    pane.assignee.lineEdit().selectAll()
    _type(qtbot, pane.assignee.lineEdit(), "bruno")
    qtbot.keyClick(pane.assignee.lineEdit(), Qt.Key.Key_Return)
    pane.urgency.setFocus()
    qtbot.keyClick(pane.urgency, Qt.Key.Key_Down)  # medium -> high: priority changes
    _press(qtbot, app, Qt.Key.Key_S, CTRL)
    qtbot.mouseClick(pane.delete_button, Qt.MouseButton.LeftButton)
    box = app.controller.pending_dialog
    qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
    window.focus_list()
    _press(qtbot, app, Qt.Key.Key_Z, CTRL)  # undo the delete

    expected = [
        ("call.created", "created", "pendente", None),
        ("call.status_changed", "updated", "pendente", {"status": ["new", "in_progress"]}),
        ("call.status_changed", "updated", "pendente", {"status": ["in_progress", "waiting"]}),
        ("call.status_changed", "updated", "pendente", {"status": ["waiting", "resolved"]}),
        (
            "call.closed",
            "completed",
            "concluida",
            {"status": ["resolved", "closed"], "resolution": ["", "Cabo trocado"]},
        ),
        ("call.reopened", "reopened", "pendente", {"status": ["closed", "in_progress"]}),
        ("call.note_added", "updated", "pendente", None),
        ("call.assigned", "updated", "pendente", {"assignee": ["ana", "bruno"]}),
        ("call.updated", "updated", "pendente", {"urgency": ["medium", "high"], "priority": ["medium", "high"]}),
        ("call.deleted", "deleted", "pendente", {"deleted": [False, True]}),
        ("call.restored", "restored", "pendente", {"deleted": [True, False]}),
    ]
    qloop.wait_until(lambda: app.pipeline.relay.published_total == len(expected), message="all published")
    got = _messages(pubsub, len(expected))
    assert [(m["type"], m["action"], m["status"], m.get("changes")) for m in got] == expected
    assert [m["seq"] for m in got] == list(range(1, len(expected) + 1))
    assert {m["id"] for m in got} == {call_id}
    assert {m["cliente"] for m in got} == {"Maria Souza"}
    assert got[6]["data"]["note"]["text"] == "Voltou a cair às 15h"
    assert got[7]["data"]["assignee"] == "bruno"
    stream = [json.loads(f[b"event"]) for _, f in client.xrange("calls_channel:stream")]
    assert stream == got
    assert app.window.indicator.queued == 0
    pubsub.close()
    client.close()
