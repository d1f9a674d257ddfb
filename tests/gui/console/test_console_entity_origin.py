"""Entities are (system, origin, id): call #1 of two databases and the older system's call #1
are three calls in the table, the entity filter, the details, the charts and the exports."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from event_console import charts
from event_console.columns.layout import ENTITY
from event_console.controller import ConsoleController
from event_console.export import CSV_HEADER
from event_console.export_cli import write_export
from event_console.intake.batch import RowBatch, view_rows
from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.service import ConsoleService
from event_console.views.main_window import ConsoleWindow
from integrado.db import make_engine
from integrado.events import Actor, Codec, ReceivedEvent, call_event, encode
from integrado.events.envelope import utc_now_rfc3339
from integrado.history import HistoryStore
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ORIGIN_A = "a1b2c3d4-0000-4000-8000-00000000000a"
ORIGIN_B = "b5e6f7a8-0000-4000-8000-00000000000b"
CODEC = Codec({"calls_channel": "callsystem", "tasks": "taskmanager"})


def _call(event_type: str, origin: str, seq: int, *, status: str = "new") -> bytes:
    """Call #1's event as the outbox of database `origin` publishes it."""
    env = call_event(
        event_type,
        1,
        cliente=f"Cliente de {origin[:4]}",
        descricao="Internet caiu",
        closed=event_type == "call.closed",
        data={"id": 1, "status": status},
        actor=Actor("ana", "pc-01"),
    )
    env.update(seq=seq, occurred_at=utc_now_rfc3339(), origin=origin)
    return encode(env).encode()


LEGACY_CALL_1 = json.dumps(
    {"action": "created", "id": 1, "cliente": "Sistema antigo", "descricao": "x", "status": "pendente"}
).encode()


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

    def receive(self, *messages: bytes) -> list[ReceivedEvent]:
        events = [CODEC.decode(m, "calls_channel") for m in messages]
        assert all(isinstance(ev, ReceivedEvent) for ev in events), events
        new = self.store.store(events, None)  # type: ignore[arg-type]
        self.model.append_batch(RowBatch.from_rows(view_rows(new, self.store.view_extras)))
        return new

    def entity_column(self) -> list[str]:
        return sorted(self.model.data(self.model.index(r, ENTITY)) for r in range(self.model.rowCount()))

    def open_calls(self) -> dict[str, int]:
        return dict(charts.compute(self.model.cols, time.time()).open_calls_by_status)


@pytest.fixture
def console(qtbot: QtBot, settings: Settings, tmp_path: Path) -> Any:
    console = Console(qtbot, settings, tmp_path)
    yield console
    console.store.engine.dispose()


def test_one_origin_looks_as_before(console: Console) -> None:
    console.receive(_call("call.created", ORIGIN_A, 1), _call("call.status_changed", ORIGIN_A, 2, status="waiting"))
    assert console.entity_column() == ["call #1", "call #1"]


def test_call_1_of_two_databases_and_of_the_older_system_are_three_calls(console: Console) -> None:
    console.receive(_call("call.created", ORIGIN_A, 1))
    assert console.entity_column() == ["call #1"]
    console.receive(_call("call.created", ORIGIN_B, 1), LEGACY_CALL_1)

    # The label appears once a second origin is loaded, on the rows already shown too.
    assert console.entity_column() == ["call #1 · a1b2c3", "call #1 · b5e6f7", "call #1 · legacy"]
    assert len(set(console.model.cols.entity[: console.model.cols.size].tolist())) == 3
    assert console.open_calls() == {"new": 2, "pendente": 1}


def test_a_close_in_one_database_leaves_the_others_open(console: Console) -> None:
    console.receive(_call("call.created", ORIGIN_A, 1), _call("call.created", ORIGIN_B, 1), LEGACY_CALL_1)
    console.receive(_call("call.closed", ORIGIN_A, 2, status="closed"))

    assert console.open_calls() == {"new": 1, "pendente": 1}  # B's call #1 and the older system's
    console.receive(_call("call.closed", ORIGIN_B, 2, status="closed"))
    assert console.open_calls() == {"pendente": 1}


def test_the_entity_filter_and_the_details_name_one_of_the_three(console: Console) -> None:
    console.receive(_call("call.created", ORIGIN_A, 1), _call("call.created", ORIGIN_B, 1), LEGACY_CALL_1)
    console.receive(_call("call.status_changed", ORIGIN_B, 2, status="waiting"))
    window, model = console.window, console.model
    view_row = next(r for r in range(model.rowCount()) if model.data(model.index(r, ENTITY)) == "call #1 · b5e6f7")

    menu = window.build_context_menu(model.index(view_row, ENTITY))
    only = next(a for a in menu.actions() if a.text().startswith("Only this entity"))
    assert only.text() == "Only this entity: call #1 · b5e6f7"
    only.trigger()

    assert model.rowCount() == 2 and console.entity_column() == ["call #1 · b5e6f7"] * 2
    assert window.filter_bar.entity_chip.text() == "Entity: call #1 · b5e6f7 ✕"
    window.select_view_row(0)
    assert window.side_tabs.details_identity.text() == f"call #1 · b5e6f7 · origin {ORIGIN_B}"
    assert json.loads(window.details.toPlainText())["origin"] == ORIGIN_B

    window.set_filter(model.current_filter.with_(entity=""))
    legacy_row = next(r for r in range(model.rowCount()) if model.data(model.index(r, ENTITY)).endswith("legacy"))
    window.select_view_row(legacy_row)
    assert window.side_tabs.details_identity.text() == "call #1 · legacy · origin legacy"


def test_a_filter_saved_before_origins_matches_the_id_in_every_origin(console: Console) -> None:
    console.receive(_call("call.created", ORIGIN_A, 1), _call("call.created", ORIGIN_B, 1), LEGACY_CALL_1)
    console.window.set_filter(console.model.current_filter.with_(entity="call #1"))
    assert console.model.rowCount() == 3


def test_exports_carry_the_origin(console: Console, qtbot: QtBot, tmp_path: Path) -> None:
    console.receive(_call("call.created", ORIGIN_A, 1), _call("call.created", ORIGIN_B, 1), LEGACY_CALL_1)
    window = console.window
    for fmt in ("csv", "jsonl"):
        path = tmp_path / f"events.{fmt}"
        with qtbot.waitSignal(window.export_finished, timeout=5000):
            window.export_requested.emit(path, fmt, console.model.visible_storage())
        text = path.read_text(encoding="utf-8")
        if fmt == "csv":
            rows = list(csv.DictReader(text.splitlines()))
            assert list(rows[0]) == list(CSV_HEADER)
            assert sorted((r["entity"], r["origin"]) for r in rows) == [
                ("call #1", ORIGIN_A),
                ("call #1", ORIGIN_B),
                ("call #1", "legacy"),
            ]
        else:
            assert sorted(json.loads(line)["origin"] for line in text.splitlines()) == [ORIGIN_A, ORIGIN_B, "legacy"]

    out = tmp_path / "cli.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        assert write_export(console.store, fh, "csv") == 3
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert sorted(r["origin"] for r in rows) == [ORIGIN_A, ORIGIN_B, "legacy"]
