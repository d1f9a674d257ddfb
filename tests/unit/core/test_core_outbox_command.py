"""`integrado outbox list-dead` and `requeue`: dead letters are visible and can be sent again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import MetaData, select, update

from integrado.db import make_engine, make_session_factory
from integrado.events import Actor, call_event
from integrado.outbox import DEAD, PENDING, PUBLISHED, Outbox
from integrado_suite.cli import main


def _database(path: Path, dead: list[int]) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    metadata = MetaData()
    outbox = Outbox(metadata, channel="calls_channel", stream="calls_channel:stream")
    metadata.create_all(engine)
    envelopes = [
        call_event("call.created", i, cliente="c", descricao="d", closed=False, data={"id": i}, actor=Actor("a", "h"))
        for i in range(1, 5)
    ]
    with make_session_factory(engine).begin() as session:
        outbox.add_many(session, envelopes)
    t = outbox.table
    with engine.begin() as conn:
        conn.execute(update(t).values(status=PUBLISHED))
        conn.execute(update(t).where(t.c.id.in_(dead)).values(status=DEAD, attempts=5, last_error="too large"))
    engine.dispose()
    return url


def _statuses(url: str) -> list[str]:
    t = Outbox(MetaData(), channel="", stream="").table
    engine = make_engine(url)
    with engine.connect() as conn:
        result = [str(s) for (s,) in conn.execute(select(t.c.status).order_by(t.c.id))]
    engine.dispose()
    return result


def test_list_dead_shows_each_dead_letter_and_requeue_puts_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _database(tmp_path / "a.db", dead=[2, 3])
    assert main(["outbox", "list-dead", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "2\tcallsystem #2\tcalls_channel:stream\t5 attempt(s)\ttoo large" in out
    assert "2 dead letter(s)" in out
    assert main(["outbox", "requeue", "3", "--db", url]) == 0
    assert _statuses(url) == [PUBLISHED, DEAD, PENDING, PUBLISHED]
    assert main(["outbox", "requeue", "--all", "--db", url]) == 0
    assert _statuses(url) == [PUBLISHED, PENDING, PENDING, PUBLISHED]
    assert "1 event(s) back in the queue" in capsys.readouterr().out
    assert main(["outbox", "list-dead", "--db", url]) == 0
    assert "no dead letters" in capsys.readouterr().out


def test_an_id_dead_in_two_databases_needs_the_database_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _database(tmp_path / "a.db", dead=[1]), _database(tmp_path / "b.db", dead=[1, 4])
    assert main(["outbox", "requeue", "1", "--db", first, "--db", second]) == 2
    assert "several databases" in capsys.readouterr().err
    assert main(["outbox", "requeue", "4", "--db", first, "--db", second]) == 0
    assert _statuses(second)[3] == PENDING and _statuses(first)[0] == DEAD


def test_requeue_wants_ids_or_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = _database(tmp_path / "a.db", dead=[])
    assert main(["outbox", "requeue", "--db", url]) == 2
    assert main(["outbox", "list-dead", "--db", f"sqlite:///{tmp_path / 'empty.db'}"]) == 0
    assert "no dead letters" in capsys.readouterr().out
