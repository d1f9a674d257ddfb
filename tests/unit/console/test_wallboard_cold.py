"""The wallboard's start without a checkpoint: built from the rows its figures depend on, it
shows what a fold of the whole history shows (tiles, operators' cells, alerts)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from event_console.alerts import wire
from event_console.alerts.engine import AlertEngine
from event_console.alerts.rules import DEFAULT_RULES
from event_console.wallboard.board import BoardFigures, OperationsBoard
from event_console.wallboard.feed import HistoryFeed
from event_console.wallboard.targets import Tile
from helpers.demo.operations_day import DAY, OpsBuilder, local, operations_day, rfc3339
from integrado.db import make_engine
from integrado.events import Actor, Codec, ReceivedEvent, encode
from integrado.history import HistoryStore

NOW = local(DAY, "17:45")
CHANNELS = {"callsystem": "calls_channel", "taskmanager": "tasks", "console": "console_alerts"}


def older_days() -> OpsBuilder:
    """Another database's calls and tasks over the days before the seeded one: some over long
    ago, some still open from then, some touched yesterday or today."""
    b = OpsBuilder(origin="branch-db")
    # Over long ago: counts nowhere now.
    b.created(local("2026-11-18", "09:00"), 1, "dora")
    b.status(local("2026-11-18", "09:30"), 1, "dora", "resolved")
    b.created(local("2026-11-18", "10:00"), 2, "dora")
    b.deleted(local("2026-11-18", "10:05"), 2, "dora")
    b.task_created(local("2026-11-18", "11:00"), 1, "dora", due="2026-11-19")
    b.task_completed(local("2026-11-19", "11:00"), 1, "dora")
    # Open since days: over its SLA, assigned to someone not seen since (their last activity
    # is an event of another call), and one nobody has acted on yet.
    b.created(local("2026-11-19", "09:00"), 3, "dora", assignee="edu")
    b.status(local("2026-11-19", "09:20"), 3, "edu", "in_progress")
    b.status(local("2026-11-19", "10:00"), 3, "edu", "waiting")
    b.created(local("2026-11-19", "11:00"), 4, "dora", assignee="")
    b.note(local("2026-11-20", "16:00"), 1, "edu")  # a note on a resolved call: edu's last activity
    b.created(local("2026-11-20", "08:00"), 5, "dora", assignee="")
    # An old open task past its due date, and one due later.
    b.task_created(local("2026-11-19", "12:00"), 2, "dora", due="2026-11-20")
    b.task_created(local("2026-11-20", "12:00"), 3, "dora", due="2026-12-20")
    # Resolved yesterday (yesterday's count), resolved long ago and reopened today (needs its
    # whole history: its first action, its earlier resolution).
    b.created(local("2026-11-21", "09:00"), 6, "dora", assignee="fabi")
    b.status(local("2026-11-22", "10:00"), 6, "fabi", "resolved")
    b.created(local("2026-11-17", "09:00"), 7, "dora", assignee="fabi")
    b.status(local("2026-11-17", "09:10"), 7, "fabi", "in_progress")
    b.status(local("2026-11-17", "12:00"), 7, "fabi", "resolved")
    b.status(local("2026-11-23", "10:00"), 7, "fabi", "in_progress")
    b.status(local("2026-11-23", "11:00"), 7, "fabi", "resolved")
    # Worked through yesterday and today, still open.
    b.created(local("2026-11-22", "15:00"), 8, "dora", assignee="fabi")
    b.status(local("2026-11-23", "09:00"), 8, "fabi", "in_progress")
    return b


def legacy(action: str, ident: int, status: str) -> dict[str, Any]:
    return {
        "system": "callsystem",
        "action": action,
        "id": ident,
        "cliente": "Maria",
        "descricao": "x",
        "status": status,
    }


def alert_events() -> list[dict[str, Any]]:
    """Another console's alert, raised and acknowledged, as the history stores them."""
    facts = wire.AlertFacts(wire.RAISED, wire.alert_id("x"), "sla_breached", "#3", 10.0, 0, NOW - 3600, "", "")
    out = []
    for seq, (kind, at) in enumerate(((wire.RAISED, NOW - 3600), (wire.ACKNOWLEDGED, NOW - 1800)), start=1):
        env = wire.envelope(kind, facts, Actor("sup2", "pc-9"))
        env.update(seq=seq, occurred_at=rfc3339(at), origin="console-2")
        out.append(env)
    return out


def history(url: str) -> HistoryStore:
    """The older days, the seeded day and the alerts, stored through the codec in time order."""
    codec = Codec()
    timed: list[tuple[float, ReceivedEvent]] = []
    for env in [*older_days().events, *operations_day().events, *alert_events()]:
        decoded = codec.decode(encode(env), CHANNELS[env["system"]])
        assert isinstance(decoded, ReceivedEvent), decoded
        decoded.received_at = datetime.fromisoformat(env["occurred_at"]).timestamp() + 0.5
        timed.append((decoded.received_at, decoded))
    # The older system's messages (no time of their own: their arrival stands for it): one
    # call still open, one closed long ago.
    for at, message in (
        (local("2026-11-16", "09:00"), legacy("created", 501, "pendente")),
        (local("2026-11-16", "09:05"), legacy("created", 502, "pendente")),
        (local("2026-11-16", "10:00"), legacy("completed", 502, "concluida")),
    ):
        decoded = codec.decode(orjson.dumps(message), "calls_channel")
        assert isinstance(decoded, ReceivedEvent) and decoded.legacy
        decoded.received_at = at
        timed.append((at, decoded))
    timed.sort(key=lambda item: item[0])
    store = HistoryStore(make_engine(url))
    store.store([ev for _at, ev in timed], None)
    return store


def figures_of(board: OperationsBoard) -> dict[str, Any]:
    figures: BoardFigures = board.figures(NOW)
    return asdict(figures)


def alerts_of(engine: AlertEngine, board: OperationsBoard) -> tuple[list[Any], list[Any], list[Any]]:
    outcome = engine.evaluate(board, NOW)
    raised = sorted((a.alert_id, a.rule, a.subject, a.since) for a in outcome.raised)
    return raised, [asdict(a) for a in engine.listed()], [a.alert_id for a in engine.attention(NOW)]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HistoryStore]:
    """The history on a console's own SQLite file, and on an office's PostgreSQL."""
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_server").create_database("t_wallboard_cold")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('cold') / 'console.db'}"
    made = history(url)
    yield made
    made.engine.dispose()


def test_the_cold_start_shows_what_the_whole_fold_shows(store: HistoryStore) -> None:
    feed = HistoryFeed(store.engine)
    whole, whole_alerts = OperationsBoard(), AlertEngine(DEFAULT_RULES, me="sup")
    feed.fold_new(whole, whole_alerts.apply)
    whole.prune(NOW)
    cold, cold_alerts = OperationsBoard(), AlertEngine(DEFAULT_RULES, me="sup")
    read = feed.fold_cold(cold, cold_alerts.apply, NOW)

    assert cold.last_row_id == whole.last_row_id == store.count()
    assert read < store.count()  # the calls over long ago were not read
    assert figures_of(cold) == figures_of(whole)
    assert alerts_of(cold_alerts, cold) == alerts_of(whole_alerts, whole)
    # The indexes behind the tiles, not only the tiles of this moment.
    assert cold.open_calls == whole.open_calls
    assert cold.tasks_by_due == whole.tasks_by_due
    assert cold.resolutions == whole.resolutions
    assert cold.ledger.calls == whole.ledger.calls
    assert cold.ledger.tasks == whole.ledger.tasks


def test_the_history_exercises_what_the_cold_start_must_get_right(store: HistoryStore) -> None:
    """The history above is not trivially easy: each case the cold start handles is in it."""
    board = OperationsBoard()
    HistoryFeed(store.engine).fold_cold(board, lambda *_: None, NOW)
    figures = board.figures(NOW)
    cells = {row.user: row for row in figures.operators}
    # Edu's open call waits since days; his last activity is a note on a call over long ago.
    assert cells["edu"].open == 1 and cells["edu"].waiting == 1
    assert cells["edu"].last_activity_at == local("2026-11-20", "16:00")
    # Yesterday's resolution, and a call resolved long ago, reopened and resolved again today.
    assert figures.resolved_yesterday == 1
    assert board.ledger.calls[("callsystem", "branch-db", "7")].reopen_count == 1
    assert board.ledger.calls[("callsystem", "branch-db", "7")].first_action_at == local("2026-11-17", "09:10")
    # The older system's call still open, and the old overdue task.
    assert ("callsystem", "legacy", "501") in board.open_calls
    assert ("callsystem", "legacy", "502") not in board.open_calls
    assert sum(board.tasks_by_due.values()) >= 2
    assert figures.events == store.count() - 2  # every operations event, not the alerts


def test_rows_stored_after_the_cold_start_are_folded_next(store: HistoryStore) -> None:
    """Last in the module for its store: it stores one more event."""
    feed = HistoryFeed(store.engine)
    board = OperationsBoard()
    feed.fold_cold(board, lambda *_: None, NOW)
    assert feed.fold_new(board, lambda *_: None) == 0  # nothing folded twice
    waiting = board.figures(NOW).values[Tile.WAITING_FIRST_ACTION]
    late = OpsBuilder(origin="late-db")
    late.created(NOW - 60, 1, "gil", assignee="")
    decoded = Codec().decode(encode(late.events[0]), "calls_channel")
    assert isinstance(decoded, ReceivedEvent)
    store.store([decoded], None)
    assert feed.fold_new(board, lambda *_: None) == 1
    assert board.figures(NOW).values[Tile.WAITING_FIRST_ACTION] == (waiting or 0) + 1


def test_an_empty_history(tmp_path: Path) -> None:
    store = HistoryStore(make_engine(f"sqlite:///{tmp_path / 'console.db'}"))
    board = OperationsBoard()
    assert HistoryFeed(store.engine).fold_cold(board, lambda *_: None, NOW) == 0
    assert board.figures(NOW).open_calls == 0 and board.last_row_id == 0
    store.engine.dispose()
