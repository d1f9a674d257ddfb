"""The same migration guarantees on a real PostgreSQL server (the shared office deployment)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from integrado import migrations
from integrado.db import make_engine

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pg_engine(postgres_url: str) -> Iterator[Engine]:
    # postgres_url: an empty database of its own on the suite's PostgreSQL server (tests/helpers).
    engine = make_engine(postgres_url)
    yield engine
    engine.dispose()


def _tool() -> Any:
    return _load(ROOT / "packaging" / "migrations_tool.py", "migrations_tool_pg")


def _diffs(engine: Engine, name: str) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        found = compare_metadata(context, _tool().target_metadata(name))
    # Tables of the other databases (when they share one) are not this history's business.
    return [d for d in found if d[0] not in ("remove_table", "remove_index")]


@pytest.mark.parametrize("name", list(migrations.DATABASES))
def test_postgres_gets_the_models_schema_and_keeps_rows_across_upgrades(pg_engine: Engine, name: str) -> None:
    migrations.upgrade(pg_engine, name, target=migrations.base_revision(name))
    table = {"callsystem": "integrado_outbox_source", "taskmanager": "integrado_outbox_source", "console": "gaps"}[name]
    with pg_engine.begin() as conn:
        if name == "console":
            conn.execute(
                text(
                    "INSERT INTO gaps (detected_at, stream, source, origin, first_missing, last_missing, reason) "
                    "VALUES (1.5, 's', 'callsystem', 'o', 3, 9, 'missing')"
                )
            )
        else:
            conn.execute(text(f"INSERT INTO {table} (source, last_seq, origin) VALUES ('callsystem', 41, 'o')"))

    result = migrations.upgrade(pg_engine, name)

    assert result.after == migrations.head_revision(name)
    assert _diffs(pg_engine, name) == []
    with pg_engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 1


def test_postgres_refuses_a_newer_database_without_touching_it(pg_engine: Engine) -> None:
    migrations.upgrade(pg_engine, "console")
    with pg_engine.begin() as conn:
        conn.execute(text("UPDATE integrado_schema_console SET version_num = 'console_9999'"))
        conn.execute(
            text(
                "INSERT INTO rejections (received_at, channel, reason, detail, size, preview) "
                "VALUES (1.0, 'tasks', 'json', 'bad', 3, 'x{')"
            )
        )

    with pytest.raises(migrations.DatabaseTooNew, match="newer version"):
        migrations.upgrade(pg_engine, "console")

    with pg_engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM integrado_schema_console")).scalar() == "console_9999"
        assert conn.execute(text("SELECT count(*) FROM rejections")).scalar() == 1


def test_one_postgres_database_for_all_three(pg_engine: Engine) -> None:
    for name in migrations.DATABASES:
        result = migrations.upgrade(pg_engine, name)
        assert (result.before, result.stamped_legacy) == (None, False), name
    for name in migrations.DATABASES:
        assert _diffs(pg_engine, name) == [], name


def test_pcs_starting_together_on_an_empty_shared_database_all_succeed(pg_engine: Engine) -> None:
    import threading

    results: list[Any] = []
    errors: list[BaseException] = []
    url = pg_engine.url

    def start_one() -> None:
        engine = make_engine(url.render_as_string(hide_password=False))
        try:
            results.append(migrations.upgrade(engine, "callsystem"))
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    # Exactly one PC created the schema; the others waited and found it current.
    assert sorted(r.before is None for r in results) == [False, False, False, True]
