"""The wallboard's feed: rows after the last folded, the checkpoint and when it is not used."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import orjson

from event_console.alerts.engine import AlertEngine
from event_console.alerts.rules import DEFAULT_RULES
from event_console.wallboard.board import OperationsBoard
from event_console.wallboard.feed import HistoryFeed, load_checkpoint, save_checkpoint
from event_console.wallboard.targets import Tile
from integrado.db import make_engine
from integrado.history import HistoryStore

NOW = time.time()


def insert(store: HistoryStore, ident: int, at: float, **data: Any) -> None:
    event_id = str(uuid.uuid4())
    snapshot = {"id": ident, "status": "new", "assignee": "", "created_at": at, **data}
    raw = orjson.dumps(
        {
            "system": "callsystem",
            "type": "call.created",
            "id": ident,
            "actor": {"user": "ana", "host": "pc"},
            "data": snapshot,
        }
    ).decode()
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            'INSERT INTO events (event_id, system, type, action, entity_id, occurred_at, received_at, "user", host,'
            " legacy, channel, raw, summary, status, origin) VALUES (?, 'callsystem', 'call.created', 'created', ?,"
            " ?, ?, 'ana', 'pc', 0, 'calls_channel', ?, '', 'new', 'db1')",
            (event_id, str(ident), at, at, raw),
        )


def test_fold_and_checkpoint(tmp_path: Path) -> None:
    store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    feed = HistoryFeed(store.engine)
    for ident in range(1, 4):
        insert(store, ident, NOW - 600, sla_due_at=NOW - 60)
    board, alerts = OperationsBoard(), AlertEngine(DEFAULT_RULES, me="sup")
    assert feed.fold_new(board, alerts.apply) == 3 and board.last_row_id == 3
    assert feed.fold_new(board, alerts.apply) == 0  # nothing new: nothing folded twice
    raised = alerts.evaluate(board, NOW).raised
    path = tmp_path / "wallboard.checkpoint"
    save_checkpoint(path, feed.identity(), board, list(alerts.alerts.values()))

    insert(store, 4, NOW - 10)  # stored while the console was closed
    restored = load_checkpoint(path, feed.identity(), feed.last_row_id())
    assert restored is not None
    again, kept = restored
    assert {a.alert_id for a in kept} == {a.alert_id for a in raised}
    assert feed.fold_new(again, lambda *_: None) == 1
    assert again.figures(NOW).values[Tile.WAITING_FIRST_ACTION] == 4

    assert load_checkpoint(path, "another database", feed.last_row_id()) is None
    assert load_checkpoint(path, feed.identity(), 2) is None  # the database lost rows since
    path.write_bytes(b"not a checkpoint")
    assert load_checkpoint(path, feed.identity(), feed.last_row_id()) is None
    assert load_checkpoint(tmp_path / "missing", feed.identity(), 4) is None
    store.engine.dispose()
