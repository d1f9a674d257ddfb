"""The wallboard window and the supervisors' desk in a running console: tiles that keep their
place, colours by target, and an SLA breach that reaches the tiles, the Alerts panel and the
consoles' stream within a couple of seconds."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from event_console.alerts.rules import RuleKind
from event_console.app import ConsoleHandle, start
from event_console.wallboard.board import BoardFigures, OperatorRow
from event_console.wallboard.targets import DEFAULT_TARGETS, Level, Tile
from event_console.wallboard.view import LEVEL_COLOURS, WallboardWindow
from helpers.demo.console import publish_sync
from helpers.fixtures import QLoop
from integrado.embedded import RedisServerProcess
from integrado.events import Actor, call_event
from integrado.settings import Settings

# The offscreen platform says so for every top-level window with a menu bar or shown full screen.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def figures(values: dict[Tile, float | None], operators: tuple[OperatorRow, ...] = ()) -> BoardFigures:
    oldest = values[Tile.OLDEST_UNASSIGNED]
    return BoardFigures(
        at=time.time(),
        values=values,
        resolved_today=7,
        resolved_yesterday=10,
        oldest_unassigned_seconds=None if oldest is None else oldest * 60,
        operators=operators,
        open_calls=12,
        events=3456,
    )


CALM: dict[Tile, float | None] = {
    Tile.WAITING_FIRST_ACTION: 0,
    Tile.OVER_SLA: 0,
    Tile.DUE_SOON: 1,
    Tile.OLDEST_UNASSIGNED: None,
    Tile.RESOLVED_TODAY: 95.0,
    Tile.TASKS_OVERDUE: 0,
}
BUSY: dict[Tile, float | None] = {
    Tile.WAITING_FIRST_ACTION: 12345,
    Tile.OVER_SLA: 2,
    Tile.DUE_SOON: 40,
    Tile.OLDEST_UNASSIGNED: 185.0,
    Tile.RESOLVED_TODAY: 50.0,
    Tile.TASKS_OVERDUE: 1,
}


def test_tiles_keep_their_place_and_take_their_targets_colour(qtbot: QtBot, qtmodeltester: Any) -> None:
    window = WallboardWindow(DEFAULT_TARGETS)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    rows = (OperatorRow("ana", 3, 1, 1, 4, time.time() - 300), OperatorRow("rui", 0, 0, 0, 9, None))
    window.show_figures(figures(CALM, rows))
    window.show_alerts([])
    qtbot.wait(10)
    before = {tile: w.geometry() for tile, w in window.tiles.items()}
    table_before = window.table.geometry()
    assert {w.level for w in window.tiles.values()} == {Level.GREEN}
    window.show_figures(figures(BUSY, rows * 5))
    window.show_alerts(["Call #1: SLA breached 3 min ago", "another"])
    qtbot.wait(10)
    assert {tile: w.geometry() for tile, w in window.tiles.items()} == before
    assert window.table.geometry() == table_before
    assert window.tiles[Tile.WAITING_FIRST_ACTION].value.text().replace(",", "").replace(".", "") == "12345"
    assert window.tiles[Tile.OVER_SLA].level is Level.AMBER
    assert window.tiles[Tile.DUE_SOON].level is Level.RED
    assert window.tiles[Tile.OLDEST_UNASSIGNED].value.text() == "3h05"
    assert window.tiles[Tile.RESOLVED_TODAY].level is Level.RED  # half of yesterday's by now
    assert LEVEL_COLOURS[Level.RED][0] in window.tiles[Tile.DUE_SOON].styleSheet()
    assert window.banner.text().startswith("⚠ Call #1") and "(+1 more)" in window.banner.text()
    qtmodeltester.check(window.operators)


@pytest.fixture
def console(
    qloop: QLoop, qtbot: QtBot, settings: Settings, redis_server: RedisServerProcess
) -> Iterator[ConsoleHandle]:
    handle = qloop.run(start(settings))
    qtbot.addWidget(handle.window)
    qloop.wait_until(lambda: handle.bus.state == "live", message="console never went live")
    # The desk is built once the table is ready (`ConsoleHandle.settled`).
    qloop.wait_until(lambda: handle.desk is not None and handle.desk.ready, message="the board was never built")
    yield handle
    qloop.run(handle.shutdown())


def test_an_sla_breach_reaches_the_wallboard_the_panel_and_the_stream(
    qloop: QLoop, console: ConsoleHandle, settings: Settings, redis_server: RedisServerProcess
) -> None:
    desk = console.desk
    assert desk is not None
    desk.show_wallboard(full_screen=False)
    client = redis.Redis.from_url(redis_server.url)
    now = time.time()
    env = call_event(
        "call.created",
        77,
        cliente="Maria Souza",
        descricao="Internet caiu",
        closed=False,
        data={"id": 77, "status": "new", "assignee": "", "created_at": now - 1800, "sla_due_at": now - 60},
        actor=Actor("ana", "pc-07"),
    )
    env.update(
        seq=1, occurred_at=time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now)), event_id=str(uuid.uuid4())
    )
    sent = time.monotonic()
    publish_sync(client, settings.redis, [env], origin="wallboard-test")
    tiles = desk.wallboard.tiles
    qloop.wait_until(
        lambda: tiles[Tile.OVER_SLA].value.text() == "1", timeout=5, message="tile never showed the breach"
    )
    assert time.monotonic() - sent < 2.0
    assert tiles[Tile.WAITING_FIRST_ACTION].value.text() == "1"
    assert tiles[Tile.OLDEST_UNASSIGNED].value.text() == "30 min"
    qloop.wait_until(lambda: len(desk.engine.attention(time.time())) == 2, message="no alerts raised")
    # Breached, and unassigned for 30 minutes (over the default 10).
    rules = {a.rule: a for a in desk.engine.attention(time.time())}
    assert set(rules) == {RuleKind.SLA_BREACHED, RuleKind.UNASSIGNED}
    assert rules[RuleKind.SLA_BREACHED].subject.startswith("#77")
    assert len(desk.notifier.shown) == 2 and any("SLA breached" in line for line in desk.notifier.shown)
    assert desk.wallboard.banner.text().startswith("⚠ Call #77")
    # The alerts went out on the consoles' stream (through the outbox and its relay) and came
    # back through the intake into the history, but not into the operations table.
    until(qloop, lambda: client.xlen(settings.redis.console_stream) == 2, "alerts never published")
    until(qloop, lambda: console.store.count() == 3, "alerts never stored")
    assert console.window.model.rowCount() == 1
    # Acknowledged from the panel: another event, and who did it in the history.
    desk.dock.show()
    breach = rules[RuleKind.SLA_BREACHED].alert_id
    row = next(
        i for i in range(desk.panel.list.count()) if desk.panel.list.item(i).data(Qt.ItemDataRole.UserRole) == breach
    )
    desk.panel.list.setCurrentRow(row)
    desk.panel.acknowledge_button.click()
    until(qloop, lambda: client.xlen(settings.redis.console_stream) == 3, "acknowledgement never published")
    assert [a.rule for a in desk.engine.attention(time.time())] == [RuleKind.UNASSIGNED]
    history = desk.panel.history.toPlainText()
    assert "acknowledged" in history and desk.actor.user in history
    client.close()


def until(qloop: QLoop, predicate: Callable[[], bool], message: str) -> None:
    """Wait while the asyncio side runs (the alerts' relay is an asyncio task)."""

    async def poll() -> None:
        while not predicate():
            await asyncio.sleep(0.05)

    try:
        qloop.run(poll(), timeout=10)
    except AssertionError:
        raise AssertionError(message) from None


def _publish_call(client: redis.Redis, settings: Settings, call_id: int) -> None:
    now = time.time()
    env = call_event(
        "call.created",
        call_id,
        cliente="Rui Lima",
        descricao="Sem sinal",
        closed=False,
        data={"id": call_id, "status": "new", "assignee": "", "created_at": now - 60, "sla_due_at": now + 3600},
        actor=Actor("ana", "pc-07"),
    )
    env.update(
        seq=call_id,
        occurred_at=time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now)),
        event_id=str(uuid.uuid4()),
    )
    publish_sync(client, settings.redis, [env], origin="checkpoint-test")


def test_the_periodic_checkpoint_is_written_beside_the_window_and_folding_waits_for_it(
    qloop: QLoop,
    console: ConsoleHandle,
    settings: Settings,
    redis_server: RedisServerProcess,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from event_console.wallboard import presenter
    from event_console.wallboard.feed import load_checkpoint

    desk = console.desk
    assert desk is not None
    client = redis.Redis.from_url(redis_server.url)
    _publish_call(client, settings, 1)
    qloop.wait_until(lambda: len(desk.board.open_calls) == 1, message="the first call never reached the board")
    release, writer = threading.Event(), []
    real_save = presenter.save_checkpoint

    def held_save(*args: Any) -> None:
        writer.append(threading.current_thread())
        release.wait(10)
        real_save(*args)

    monkeypatch.setattr(presenter, "save_checkpoint", held_save)
    desk.save_checkpoint_beside()
    qloop.wait_until(lambda: writer, message="the checkpoint's thread never started")
    assert writer[0] is not threading.main_thread()
    # Stored meanwhile: in the history (the table shows it), not folded into the board being pickled.
    shown = console.window.model.rowCount()
    _publish_call(client, settings, 2)
    qloop.wait_until(lambda: console.window.model.rowCount() > shown, message="the second call was never stored")
    qloop.run(asyncio.sleep(0.3))
    assert len(desk.board.open_calls) == 1
    release.set()
    qloop.wait_until(lambda: len(desk.board.open_calls) == 2, message="the board never folded what waited")
    restored = load_checkpoint(desk.checkpoint, desk.identity, desk.feed.last_row_id())
    assert restored is not None and len(restored[0].open_calls) == 1
