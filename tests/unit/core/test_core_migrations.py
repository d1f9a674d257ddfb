"""Upgrades keep data: each database's Alembic history, run as the apps run it at start-up."""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Text,
    select,
    text,
)

from integrado import migrations
from integrado.db import make_engine

ROOT = Path(__file__).resolve().parents[3]
DATABASES = list(migrations.DATABASES)


def _tool() -> Any:
    # The maintainers' tool owns "which tables each database must have" (app models + outbox).
    spec = importlib.util.spec_from_file_location("migrations_tool", ROOT / "packaging" / "migrations_tool.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    yield engine
    engine.dispose()


def _value(column: Any, n: int) -> Any:
    kind = column.type
    if isinstance(kind, Boolean):
        return n % 2 == 0
    if isinstance(kind, BigInteger | Integer):
        # Foreign keys point at row 1, which every table gets first.
        return 1 if column.foreign_keys else n
    if isinstance(kind, Float):
        return 1_700_000_000.25 + n
    if isinstance(kind, DateTime):
        return datetime(2026, 1, n, 12, 30, 15)
    if isinstance(kind, Date):
        return date(2026, 2, n)
    if isinstance(kind, String | Text):
        return f"{column.name}-{n} Conceição ✓"
    raise AssertionError(f"no sample value for {column.table.name}.{column.name} ({kind!r})")


def _fill(engine: Engine, rows_per_table: int = 3) -> dict[str, list[tuple[Any, ...]]]:
    """Insert rows into every table the database has (as reflected, so: the old schema)."""
    reflected = MetaData()
    reflected.reflect(engine)
    with engine.begin() as conn:
        for table in reflected.sorted_tables:
            if table.name.startswith("integrado_schema_"):
                continue
            for n in range(1, rows_per_table + 1):
                conn.execute(table.insert().values({c.name: _value(c, n) for c in table.columns}))
    return _dump(engine)


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    reflected = MetaData()
    reflected.reflect(engine)
    with engine.connect() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
            for t in reflected.sorted_tables
        }


# Values a later revision rewrites on purpose, by (table, column): old value -> new value.
# callsystem_0002: a call's priority runs 1 = low ... 4 = critical (it ran 1 = critical ... 4 = low).
REWRITES: dict[tuple[str, str], Callable[[Any], Any]] = {("calls", "priority"): lambda old: 5 - old}


def _upgraded(engine: Engine, dump: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows as an upgrade must leave them: unchanged but for REWRITES (reflects the old schema)."""
    reflected = MetaData()
    reflected.reflect(engine)
    expected = {}
    for table, rows in dump.items():
        names = [c.name for c in reflected.tables[table].columns]
        fixes = {i: REWRITES[(table, n)] for i, n in enumerate(names) if (table, n) in REWRITES}
        expected[table] = [tuple(fixes[i](v) if i in fixes else v for i, v in enumerate(r)) for r in rows]
    return expected


def _schema_diffs(engine: Engine, name: str) -> list[Any]:
    metadata = _tool().target_metadata(name)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda n, kind, _p: not (kind == "table" and n == migrations.version_table(name)),
            },
        )
        return list(compare_metadata(context, metadata))


@pytest.mark.parametrize("name", DATABASES)
def test_a_new_database_gets_exactly_the_models_schema(engine: Engine, name: str) -> None:
    result = migrations.upgrade(engine, name)

    assert result.before is None and result.after == migrations.head_revision(name)
    # Fails when an app's models changed without a new migration (packaging/migrations_tool.py revision).
    assert _schema_diffs(engine, name) == []


@pytest.mark.parametrize("name", DATABASES)
def test_a_first_release_database_keeps_every_row_after_the_upgrade(engine: Engine, name: str) -> None:
    first = migrations.base_revision(name)
    migrations.upgrade(engine, name, target=first)
    before = _upgraded(engine, _fill(engine))
    assert all(len(rows) == 3 for table, rows in before.items() if not table.startswith("integrado_schema_"))

    result = migrations.upgrade(engine, name)

    assert result.before == first and result.after == migrations.head_revision(name)
    after = _dump(engine)
    for table, rows in before.items():
        if table.startswith("integrado_schema_"):
            continue
        # Columns may be added by later revisions: the old columns keep their values.
        assert [r[: len(rows[0])] for r in after[table]] == rows, table
    assert _schema_diffs(engine, name) == []


@pytest.mark.parametrize("name", DATABASES)
def test_a_database_made_before_migrations_is_adopted_with_its_rows(engine: Engine, name: str) -> None:
    _tool().target_metadata(name).create_all(engine)  # what the apps did before this release
    before = _upgraded(engine, _fill(engine, rows_per_table=2))

    result = migrations.upgrade(engine, name)

    assert result.stamped_legacy and result.after == migrations.head_revision(name)
    after = _dump(engine)
    assert {t: rows for t, rows in after.items() if not t.startswith("integrado_schema_")} == before


@pytest.mark.parametrize("name", DATABASES)
def test_a_database_from_a_newer_release_is_refused_and_left_untouched(
    engine: Engine, tmp_path: Path, name: str
) -> None:
    migrations.upgrade(engine, name)
    _fill(engine, rows_per_table=1)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {migrations.version_table(name)} SET version_num = '{name}_9999'"))
    engine.dispose()
    path = tmp_path / "app.db"
    # Fold the WAL into the file so that the bytes compared are the whole database.
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()

    with pytest.raises(migrations.DatabaseTooNew, match=rf"newer version of Integrado.*{name}_9999.*not changed"):
        migrations.upgrade(engine, name)

    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_upgrading_twice_changes_nothing_the_second_time(engine: Engine) -> None:
    first = migrations.upgrade(engine, "console")
    again = migrations.upgrade(engine, "console")

    assert first.changed and not again.changed
    assert again.before == again.after == migrations.head_revision("console")


def test_an_unknown_database_name_is_a_programming_error(engine: Engine) -> None:
    with pytest.raises(ValueError, match="unknown database 'calls'"):
        migrations.upgrade(engine, "calls")


def test_each_history_has_one_first_revision_and_one_head() -> None:
    for name in DATABASES:
        script = migrations.script_directory(name)
        assert len(script.get_heads()) == 1, name
        assert migrations.base_revision(name) == f"{name}_0001"


SECOND_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "callsystem_0002"
down_revision = "callsystem_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # What a real second release does on SQLite: a table copy ("batch") to add a NOT NULL column.
    with op.batch_alter_table("calls", recreate="always") as batch:
        batch.add_column(sa.Column("tags", sa.String(200), nullable=False, server_default=""))
        batch.create_index("ix_calls_tags", ["tags"])
"""


def test_a_real_second_revision_copies_tables_without_losing_a_row(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A release history with one more revision than today's, built from the shipped first one.
    history = tmp_path / "history"
    (history / "callsystem" / "versions").mkdir(parents=True)
    for script in (migrations.HERE / "callsystem" / "versions").glob("callsystem_0001_*.py"):
        (history / "callsystem" / "versions" / script.name).write_text(script.read_text())
    monkeypatch.setattr(migrations, "HERE", history)
    migrations.upgrade(engine, "callsystem", target="callsystem_0001")
    before = _fill(engine)
    (history / "callsystem" / "versions" / "callsystem_0002_tags.py").write_text(SECOND_REVISION)

    result = migrations.upgrade(engine, "callsystem")

    assert (result.before, result.after) == ("callsystem_0001", "callsystem_0002")
    after = _dump(engine)
    assert [r[:-1] for r in after["calls"]] == before["calls"]
    assert {r[-1] for r in after["calls"]} == {""}
    for table in ("call_notes", "call_timeline", "integrado_outbox", "integrado_outbox_source"):
        assert after[table] == before[table]
    # Foreign keys survived the copy of the parent table.
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_the_three_databases_can_share_one_database(engine: Engine) -> None:
    # An office may point all three URLs at one PostgreSQL database: the histories must not mix,
    # the outbox (both producers have it) is made once, and nothing is taken for a legacy database.
    results = [migrations.upgrade(engine, name) for name in DATABASES]

    assert [(r.before, r.after, r.stamped_legacy) for r in results] == [
        (None, migrations.head_revision(name), False) for name in DATABASES
    ]
    tool = _tool()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        for name in DATABASES:
            diffs = compare_metadata(context, tool.target_metadata(name))
            # Only "tables of the other databases are there": nothing missing or different.
            assert [d for d in diffs if d[0] != "remove_table" and d[0] != "remove_index"] == [], name
