"""A database written before priorities ran "higher = more important" keeps every call's priority."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, select

from callsystem_gui.domain import Priority
from callsystem_gui.tables import CallRow
from helpers.callsystem import make_harness
from helpers.demo.callsystem import bulk_rows
from integrado import migrations
from integrado.db import make_engine
from integrado.settings import Settings

# How the first release stored them: 1 = critical ... 4 = low.
FIRST_RELEASE = {1: Priority.CRITICAL, 2: Priority.HIGH, 3: Priority.MEDIUM, 4: Priority.LOW}


def test_calls_stored_by_the_first_release_keep_their_priority(settings: Settings, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'calls.db'}")
    migrations.upgrade(engine, "callsystem", target="callsystem_0001")
    rows = list(bulk_rows(len(FIRST_RELEASE), now=1_767_000_000.0))
    for row, stored in zip(rows, FIRST_RELEASE, strict=True):
        row["priority"] = stored
    with engine.begin() as conn:
        conn.execute(insert(CallRow), rows)
    engine.dispose()

    # The app upgrades the database as it opens it.
    h = make_harness(settings, tmp_path, name="calls.db")

    assert {row["id"]: h.service.get(row["id"]).priority for row in rows} == {
        row["id"]: FIRST_RELEASE[row["priority"]] for row in rows
    }
    with h.pipeline.engine.connect() as conn:
        column = conn.execute(select(CallRow.priority).order_by(CallRow.priority.desc())).scalars().all()
    assert column == [4, 3, 2, 1]  # critical first, by value
    assert [c.priority for c in sorted(h.service.summaries(), key=lambda c: c.priority, reverse=True)] == [
        Priority.CRITICAL,
        Priority.HIGH,
        Priority.MEDIUM,
        Priority.LOW,
    ]
    h.pipeline.engine.dispose()
