"""The history stores each event's origin, and a history of the previous schema upgrades to it."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text

from helpers.demo.console import DemoTraffic
from integrado import migrations
from integrado.db import make_engine
from integrado.events import Codec, ReceivedEvent, encode
from integrado.history import HistoryStore

ORIGIN_A = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"


def _old_row(n: int, system: str, channel: str, *, legacy: bool = False) -> dict[str, object]:
    return {
        "event_id": f"00000000-0000-4000-8000-{n:012d}",
        "system": system,
        "type": "call.created" if system == "callsystem" else "task.created",
        "action": "created",
        "entity_id": "1",
        "seq": None if legacy else n,
        "occurred_at": None if legacy else 1_790_000_000.0 + n,
        "received_at": 1_790_000_000.5 + n,
        "user": "",
        "host": "",
        "correlation_id": None,
        "legacy": legacy,
        "channel": channel,
        "raw": "{}",
        "summary": f"#{n}",
        "status": "new",
    }


def _previous_schema(path: Path) -> Engine:
    """A history written by the release before origins: revision console_0001, with rows."""
    engine = make_engine(f"sqlite:///{path}")
    migrations.upgrade(engine, "console", target="console_0001")
    rows = [
        _old_row(1, "callsystem", "calls_channel:stream"),  # read from the stream
        _old_row(2, "callsystem", "calls_channel"),  # the same publisher, live
        _old_row(3, "callsystem", "calls_channel", legacy=True),  # the older web system
        _old_row(4, "taskmanager", "tasks:stream"),  # its stream carried two origins
    ]
    names = list(rows[0])
    with engine.begin() as conn:
        conn.execute(
            text(f"INSERT INTO events ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"), rows
        )
        cursors = [
            ("calls_channel:stream", {ORIGIN_A: 2}),
            ("tasks:stream", {"b" * 36: 3, "c" * 36: 9}),
        ]
        for stream, seqs in cursors:
            conn.execute(
                text("INSERT INTO stream_cursors (stream, last_id, seqs, updated_at) VALUES (:s, '1-0', :q, 0)"),
                {"s": stream, "q": json.dumps(seqs)},
            )
    return engine


def test_a_history_of_the_previous_schema_upgrades_and_keeps_its_rows(tmp_path: Path) -> None:
    engine = _previous_schema(tmp_path / "console.db")

    store = HistoryStore(engine)  # upgrades, as the console and `integrado consume` do at start

    with engine.connect() as conn:
        assert migrations.current_revision(conn, "console") == migrations.head_revision("console")
    rows = {row[0][-1]: dict(zip(HistoryStore.VIEW_COLUMNS, row, strict=True)) for row in store.load_view_rows()}
    assert {n: (r["summary"], r["origin"]) for n, r in rows.items()} == {
        "1": ("#1", ORIGIN_A),  # the stream's one origin
        "2": ("#2", ORIGIN_A),  # the live copy of that publisher's events: the same origin
        "3": ("#3", "legacy"),  # the older system is its own origin
        "4": ("#4", "unknown"),  # two origins on the stream: which one is not known
    }
    engine.dispose()


def test_new_events_are_stored_with_their_origin(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'console.db'}")
    store = HistoryStore(engine)
    codec = Codec({"calls_channel": "callsystem", "tasks": "taskmanager"})
    env = DemoTraffic(seed=2, origin=ORIGIN_A).envelope()
    without = dict(env, event_id="0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21")
    del without["origin"]
    channel = "calls_channel" if env["system"] == "callsystem" else "tasks"
    events = [codec.decode(encode(e).encode(), channel) for e in (env, without)]
    events.append(codec.decode(b'{"action": "created", "id": 1}', "calls_channel"))
    assert all(isinstance(ev, ReceivedEvent) for ev in events)

    store.store(events, None)  # type: ignore[arg-type]

    origins = {row[0]: row[-1] for row in store.load_view_rows()}
    assert [origins[ev.event_id] for ev in events] == [ORIGIN_A, "unknown", "legacy"]  # type: ignore[union-attr]
    engine.dispose()
