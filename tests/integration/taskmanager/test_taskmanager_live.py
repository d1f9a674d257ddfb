"""Two operators' PCs on one database: what Bruno's PC does reaches Ana's tree through Redis, with
her window's poll switched off, row by row: her selection, expansion, scroll position and the
title she is typing stay where they were; her rename of a task Bruno renamed meanwhile is refused
with the conflict message instead of overwriting his."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from helpers.fixtures import QLoop
from helpers.relay_service import start_in_process_relay
from integrado.embedded import RedisServerProcess
from integrado.events import Actor
from integrado.settings import Settings
from integrado.states import ConnectionState
from taskmanager_gui.app import TaskManagerHandle, build
from taskmanager_gui.service import TaskService, create_pipeline

pytestmark = [
    pytest.mark.integration,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

NEVER_MS = 10**9  # the poll's interval: it must not be what brings the changes


@dataclasses.dataclass
class Office:
    ana: TaskManagerHandle
    bruno: TaskService


@pytest.fixture(params=["sqlite", "postgresql"])
def office(
    request: pytest.FixtureRequest, qtbot: QtBot, qloop: QLoop, settings: Settings, redis_server: RedisServerProcess
) -> Iterator[Office]:
    db_url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    ana = build(
        dataclasses.replace(settings, operator="ana"), db_url=db_url, poll_interval=0.1, refresh_interval_ms=NEVER_MS
    )
    # On SQLite Ana's own relay publishes everything in the shared file; on PostgreSQL the
    # office's relay service does, woken by LISTEN/NOTIFY.
    relay = start_in_process_relay(qloop, settings, db_url) if db_url else None
    bruno = TaskService(create_pipeline(settings, db_url=db_url), Actor("bruno", "pc-02"))
    qtbot.addWidget(ana.window)
    ana.window.resize(1200, 500)
    ana.window.show()
    qtbot.waitExposed(ana.window)
    ana.relay.start()
    ana.bus.start()
    qloop.wait_until(lambda: ana.controller.live_state == ConnectionState.LIVE, message="the live bus never went live")
    try:
        yield Office(ana, bruno)
    finally:
        qloop.run(ana.shutdown())
        if relay is not None:
            relay.stop(qloop)
        bruno.pipeline.engine.dispose()


def open_editor(handle: TaskManagerHandle) -> QLineEdit:
    editors = [e for e in handle.window.tree.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, f"expected one open inline editor, found {len(editors)}"
    return editors[0]


def shown(handle: TaskManagerHandle) -> list[tuple[int, int | None, int, str, bool]]:
    return [(n.id, n.parent_id, n.position, n.title, n.completed) for n in handle.controller.model.tree.walk()]


def in_database(service: TaskService) -> list[tuple[int, int | None, int, str, bool]]:
    return [(n.id, n.parent_id, n.position, n.title, n.completed) for n in service.load_tree().walk()]


def test_another_pcs_changes_arrive_live_and_keep_what_the_operator_is_doing(
    qtbot: QtBot, qloop: QLoop, office: Office
) -> None:
    ana, bruno = office.ana, office.bruno
    window, controller = ana.window, ana.controller
    ids: dict[str, int] = {}
    ids["campanha"] = bruno.create("Campanha de retenção").created[0].id
    for i in range(40):  # enough rows to scroll
        ids[f"filler{i}"] = bruno.create(f"Rotina {i:02}").created[0].id
    ids["escala"] = bruno.create("Escala de fim de semana").created[0].id
    ids["sabado"] = bruno.create("Confirmar plantão de sábado", ids["escala"]).created[0].id
    ids["domingo"] = bruno.create("Confirmar plantão de domingo", ids["escala"]).created[0].id
    ids["lista"] = bruno.create("Montar lista de clientes", ids["campanha"]).created[0].id
    ids["roteiro"] = bruno.create("Roteiro de ligação", ids["campanha"]).created[0].id
    qloop.wait_until(lambda: ids["roteiro"] in controller.model.tree.nodes, timeout=10)
    assert shown(ana) == in_database(bruno)
    batches = controller.live_updates
    assert batches > 0

    # Ana: "Escala" expanded, scrolled to the bottom, typing a new title for "Confirmar plantão
    # de domingo" (not yet confirmed with Enter).
    window.select_task(ids["domingo"])
    window.tree.scrollToBottom()
    qtbot.wait(50)
    scroll = window.tree.verticalScrollBar().value()
    assert scroll > 0
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.rename_current()
    editor = open_editor(ana)
    editor.selectAll()
    qtbot.keyClicks(editor, "Plantao de domingo: Ana")

    # Bruno, meanwhile: a task above everything, a subtask completed, a move, a removal, a rename.
    ids["urgente"] = bruno.create("Urgente: queda do PABX", None, 0).created[0].id
    bruno.set_completed(ids["sabado"], None, True)
    bruno.move(ids["roteiro"], None, ids["campanha"], 0)
    bruno.remove(ids["filler3"], None)
    bruno.update(ids["lista"], None, title="Montar lista de clientes inativos")
    final = in_database(bruno)
    qloop.wait_until(lambda: shown(ana) == final, timeout=10, message="Bruno's changes did not arrive")
    assert controller.live_updates > batches

    # Everything Ana was doing is where she left it.
    assert open_editor(ana) is editor and editor.text() == "Plantao de domingo: Ana"
    current = window.current_node()
    assert current is not None and current.id == ids["domingo"]
    assert window.tree.isExpanded(window.index_for_id(ids["escala"]))
    assert window.tree.visualRect(window.index_for_id(ids["domingo"])).top() == editor.geometry().top()
    assert window.tree.verticalScrollBar().value() == scroll
    assert window.index_for_id(ids["escala"], 1).data() == "1/2 · 50%"

    # She confirms: her title is saved on her task, and Bruno sees it on his PC.
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(
        lambda: next(t for t in bruno.load_all() if t.id == ids["domingo"]).title == "Plantao de domingo: Ana"
    )
    assert not window.message_bar.isVisible()


def test_a_rename_colliding_with_another_pcs_change_ends_in_the_conflict_message(
    qtbot: QtBot, qloop: QLoop, office: Office
) -> None:
    ana, bruno = office.ana, office.bruno
    window, controller = ana.window, ana.controller
    task = bruno.create("Revisar metas do trimestre").created[0].id
    qloop.wait_until(lambda: task in controller.model.tree.nodes, timeout=10)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.select_task(task, edit=True)
    editor = open_editor(ana)
    editor.selectAll()
    qtbot.keyClicks(editor, "Revisar metas (Ana)")

    bruno.update(task, None, title="Revisar metas e bônus")
    qloop.wait_until(lambda: controller.model.tree.nodes[task].title == "Revisar metas e bônus", timeout=10)
    assert editor.text() == "Revisar metas (Ana)"  # the live change did not overwrite her typing

    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message_bar.isVisible())
    assert "was changed by someone else" in window.last_message
    assert next(t for t in bruno.load_all() if t.id == task).title == "Revisar metas e bônus"  # his stands
    assert controller.model.tree.nodes[task].title == "Revisar metas e bônus"


def test_without_the_live_connection_the_poll_brings_the_changes(
    qtbot: QtBot, qloop: QLoop, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, bruno = office.ana, office.bruno
    controller = ana.controller
    ticks: list[bool] = []
    poll: Callable[[], bool] = controller.refresh_from_database

    def counted_poll() -> bool:
        ticks.append(poll())
        return ticks[-1]

    monkeypatch.setattr(controller, "refresh_from_database", counted_poll)
    controller._refresh_tick()
    assert ticks == []  # live: the timer does not ask the database
    qloop.run(ana.bus.stop())
    assert controller.live_state != ConnectionState.LIVE
    task = bruno.create("Chamado sem Redis").created[0].id
    controller._refresh_tick()
    assert ticks == [True] and task in controller.model.tree.nodes
