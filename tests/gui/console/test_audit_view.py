"""The supervisors' audit in the console, on a real history database: the operator filter is the
envelope's actor.user; "History of call #13…" shows that entity's whole history (system, origin,
id: not another database's call #13, not the older system's) from the database, even events the
table's range does not hold; "Export audit trail…" writes it, with who, when, what and the
changes, as CSV or JSON Lines in one action."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from event_console.audit import EntityRef
from event_console.controller import ConsoleController
from event_console.intake.batch import RowBatch, view_rows
from event_console.models.audit_trail import CHANGES, HOST, TYPE, USER
from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.service import ConsoleService
from event_console.views.entity_history import EntityHistoryDialog
from event_console.views.main_window import ConsoleWindow
from helpers.fixtures import QLoop
from integrado.db import make_engine
from integrado.events import Actor, Codec, ReceivedEvent, call_event, encode
from integrado.history import HistoryStore
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ORIGIN_A = "a1b2c3d4-0000-4000-8000-00000000000a"
ORIGIN_B = "b5e6f7a8-0000-4000-8000-00000000000b"
CODEC = Codec({"calls_channel": "callsystem", "tasks": "taskmanager"})


def _call(
    event_type: str,
    call_id: int,
    origin: str,
    seq: int,
    who: Actor,
    at: str,
    changes: dict[str, list[Any]] | None = None,
) -> bytes:
    env = call_event(
        event_type,
        call_id,
        cliente="Maria Souza",
        descricao="Internet caiu",
        closed=event_type == "call.closed",
        data={"id": call_id, "status": "new"},
        actor=who,
        changes=changes,
    )
    env.update(seq=seq, occurred_at=at, origin=origin)
    return encode(env).encode()


ANA, RUI, SUP, BEA = Actor("ana", "pc-01"), Actor("rui", "pc-02"), Actor("marta", "pc-09"), Actor("bea", "pc-07")


class Console:
    """A console window on a real history database, fed the way its intake feeds it."""

    def __init__(self, qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
        from event_console.app import prefs

        self.store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
        self.window = ConsoleWindow(EventTableModel(), RejectionCountModel())
        self.controller = ConsoleController(ConsoleService(self.store), self.window, prefs=prefs(settings))
        qtbot.addWidget(self.window)
        self.window.charts.timer.stop()
        self.model = self.window.model

    def receive(self, *messages: bytes, show: bool = True) -> None:
        events = [CODEC.decode(m, "calls_channel") for m in messages]
        assert all(isinstance(ev, ReceivedEvent) for ev in events), events
        new = self.store.store(events, None)  # type: ignore[arg-type]
        if show:
            self.model.append_batch(RowBatch.from_rows(view_rows(new, self.store.view_extras)))

    def view_row_of(self, user: str, call_id: int, origin: str) -> int:
        cols = self.model.cols
        for row in range(self.model.rowCount()):
            storage = self.model.storage_row(row)
            label = cols.text("entity", storage)
            if (cols.text("operator", storage) == user and label.startswith(f"call #{call_id}\x1f")
                    and cols.text("origin", storage) == origin):  # fmt: skip
                return row
        raise AssertionError(f"no row of {user} for call #{call_id}")


@pytest.fixture
def console(qtbot: QtBot, settings: Settings, tmp_path: Path) -> Console:
    c = Console(qtbot, settings, tmp_path)
    # Call #13 of database A, before the range the table shows: in the database only.
    c.receive(_call("call.created", 13, ORIGIN_A, 1, ANA, "2026-11-30T08:00:00.000001Z"), show=False)
    c.receive(
        _call(
            "call.status_changed",
            13,
            ORIGIN_A,
            2,
            RUI,
            "2026-11-30T08:05:00.000001Z",
            {"status": ["new", "in_progress"]},
        ),
        _call("call.created", 14, ORIGIN_A, 3, RUI, "2026-11-30T08:06:00.000001Z"),
        # Another database's call #13: another call.
        _call("call.created", 13, ORIGIN_B, 1, BEA, "2026-11-30T08:07:00.000001Z"),
        _call("call.assigned", 13, ORIGIN_A, 4, SUP, "2026-11-30T08:10:00.000001Z", {"assignee": ["rui", "ana"]}),
        # The older system's call #13 (no envelope: its own origin).
        json.dumps(
            {"action": "created", "id": 13, "cliente": "Antigo", "descricao": "x", "status": "pendente"}
        ).encode(),
    )
    return c


def _open_history(console: Console, qloop: QLoop, user: str, call_id: int, origin: str) -> EntityHistoryDialog:
    row = console.view_row_of(user, call_id, origin)
    menu = console.window.build_context_menu(console.model.index(row, 0))
    action = next(a for a in menu.actions() if a.text().startswith("History of"))
    assert action.text() == f"History of call #{call_id} · {origin[:6]}…"
    action.trigger()
    dialog = console.controller.audit.last_dialog
    assert dialog is not None
    qloop.wait_until(lambda: dialog.export_button.isEnabled(), message="the history never loaded")
    return dialog


def test_the_operator_filter_is_the_envelopes_actor(console: Console, qtbot: QtBot) -> None:
    box = console.window.filter_bar.operator_filter
    offered = {box.itemData(i) for i in range(box.count())}
    assert {"rui", "marta", "bea"} <= offered
    box.setCurrentIndex(box.findData("rui"))
    shown = {console.model.cols.text("operator", console.model.storage_row(r)) for r in range(console.model.rowCount())}
    assert shown == {"rui"} and console.model.rowCount() == 2


def test_history_of_an_entity_is_its_own_and_whole(
    console: Console, qloop: QLoop, qtbot: QtBot, qtmodeltester: Any
) -> None:
    dialog = _open_history(console, qloop, "marta", 13, ORIGIN_A)
    assert dialog.windowTitle() == f"History of call #13 · {ORIGIN_A[:6]}"
    assert dialog.ref == EntityRef("callsystem", ORIGIN_A, "13", "call #13")
    model = dialog.model
    qtmodeltester.check(model)
    rows = [(model.text(r, TYPE), model.text(r, USER), model.text(r, HOST)) for r in range(model.rowCount())]
    # The created event is not in the table's range, but it is in the history, first.
    assert rows == [
        ("call.created", "ana", "pc-01"),
        ("call.status_changed", "rui", "pc-02"),
        ("call.assigned", "marta", "pc-09"),
    ]
    assert model.text(1, CHANGES) == "status: new → in_progress"
    assert model.text(2, CHANGES) == "assignee: rui → ana"
    assert dialog.status.text() == "3 event(s) · by ana, marta, rui"
    # Another database's call #13 has a history of its own.
    other = _open_history(console, qloop, "bea", 13, ORIGIN_B)
    assert [other.model.text(r, USER) for r in range(other.model.rowCount())] == ["bea"]


def test_export_audit_trail_writes_who_when_what_and_the_changes(
    console: Console, qloop: QLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _open_history(console, qloop, "rui", 13, ORIGIN_A)
    exports: list[tuple[Path, str]] = []
    dialog.ask_export_path = lambda chosen: chosen(*exports[-1])

    exports.append((tmp_path / "call-13.csv", "csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qloop.wait_until(lambda: "written" in dialog.status.text(), message=dialog.status.text())
    assert dialog.status.text() == f"Audit trail written: 3 event(s) to {tmp_path / 'call-13.csv'}"
    with open(tmp_path / "call-13.csv", newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    assert [(r["user"], r["host"], r["type"]) for r in records] == [
        ("ana", "pc-01", "call.created"),
        ("rui", "pc-02", "call.status_changed"),
        ("marta", "pc-09", "call.assigned"),
    ]
    assert records[0]["occurred_at"] == "2026-11-30T08:00:00.000001Z"
    assert json.loads(records[1]["changes"]) == {"status": ["new", "in_progress"]}
    assert {r["origin"] for r in records} == {ORIGIN_A} and {r["entity_id"] for r in records} == {"13"}

    # An event that arrives meanwhile is in the next export: the trail is read again when written.
    console.receive(
        _call("call.closed", 13, ORIGIN_A, 5, SUP, "2026-11-30T09:00:00.000001Z", {"status": ["in_progress", "closed"]})
    )
    exports.append((tmp_path / "call-13.jsonl", "jsonl"))
    dialog.export_button.click()
    qloop.wait_until(lambda: "4 event(s) to" in dialog.status.text(), message=dialog.status.text())
    lines = [json.loads(line) for line in (tmp_path / "call-13.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["user"], r["host"], r["type"]) for r in lines][-1] == ("marta", "pc-09", "call.closed")
    assert lines[-1]["changes"] == {"status": ["in_progress", "closed"]}
    assert lines[-1]["event"]["actor"] == {"user": "marta", "host": "pc-09"}
    assert dialog.model.rowCount() == 4
