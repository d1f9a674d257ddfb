"""Versioned database schemas: one Alembic migration history per database, run at start-up.

    from integrado.migrations import upgrade
    upgrade(engine, "callsystem")     # before anything reads or writes the database

No alembic.ini and no env.py are needed at run time (the scripts live beside this file and are
shipped as data files in the PyInstaller bundle). Each database keeps its revision in its own
version table (`integrado_schema_<name>`), so the three databases may even share one PostgreSQL
database without their histories mixing (the outbox tables, common to both producers, are
created by whichever history runs first).

Rules that keep an office's data safe across upgrades:
- the whole upgrade runs in ONE transaction (SQLite and PostgreSQL both have transactional DDL;
  on SQLite the engine's BEGIN IMMEDIATE also keeps a second program out meanwhile);
- a database stamped with a revision this program does not know was written by a newer
  release: it is refused with `DatabaseTooNew` before anything is written;
- a database made before migrations existed (tables created directly from the models) is
  recognised by its tables and stamped with the first revision, then upgraded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect

if TYPE_CHECKING:
    # Alembic is imported only when a database is behind (about 0.2 s at every start otherwise).
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
DATABASES = ("callsystem", "taskmanager", "console")
_DESCRIPTIONS = {"callsystem": "CallSystem", "taskmanager": "TaskManager", "console": "Event Console"}
# A table each database's first revision creates and no other database has: how a database made
# before migrations existed is recognised (other tables may be there when databases share one
# PostgreSQL database).
_OWN_TABLE = {"callsystem": "calls", "taskmanager": "tasks", "console": "events"}
# The newest revision of each history, known without reading the scripts: a start-up whose
# database is already there compares its stored revision with this and never imports Alembic.
# A test checks these against the scripts; a new revision changes its database's entry.
HEADS = {"callsystem": "callsystem_0003", "taskmanager": "taskmanager_0002", "console": "console_0003"}
# One lock for all three histories: the producers' shared outbox tables belong to two of them.
_PG_LOCK_KEY = 0x1A7E_6AD0_5C4E_3A01


class MigrationError(RuntimeError):
    """The database cannot be brought to this program's schema; the message says why and what to do."""


class DatabaseTooNew(MigrationError):
    """The database was written by a newer release of Integrado; it was left untouched."""


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    database: str
    before: str | None  # None: a new (empty) database
    after: str
    stamped_legacy: bool = False  # made before migrations existed

    @property
    def changed(self) -> bool:
        return self.before != self.after


def version_table(name: str) -> str:
    return f"integrado_schema_{name}"


def _config(name: str) -> Config:
    from alembic.config import Config

    if name not in DATABASES:
        raise ValueError(f"unknown database {name!r} (expected one of {', '.join(DATABASES)})")
    config = Config()
    config.set_main_option("script_location", str(HERE / name))
    return config


def script_directory(name: str) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config(name))


def head_revision(name: str) -> str:
    head = script_directory(name).get_current_head()
    if head is None:
        raise MigrationError(f"no migration scripts for the {name} database in {HERE / name}")
    return head


def base_revision(name: str) -> str:
    bases = script_directory(name).get_bases()
    if len(bases) != 1:
        raise MigrationError(f"the {name} migration history must have exactly one first revision, not {bases}")
    return bases[0]


def current_revision(connection: Connection, name: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": version_table(name)})
    return context.get_current_revision()


def stored_revision(connection: Connection, name: str) -> str | None:
    """The revision in the database's version table, read with plain SQL (None: no table, no row).

    Several rows (branches) are never written by these linear histories; any but exactly one row
    reads as None, which sends the start through Alembic's own checks."""
    table = version_table(name)
    if not inspect(connection).has_table(table):
        connection.rollback()
        return None
    rows = connection.exec_driver_sql(f"SELECT version_num FROM {table}").fetchall()
    connection.rollback()
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(engine: Engine, name: str, *, target: str = "head") -> UpgradeResult:
    """Bring the database to this program's schema (or refuse, changing nothing).

    A database already at this program's head revision is recognised by one plain query of its
    version table; only a database that is behind (or new, or unknown) goes through Alembic."""
    if target == "head" and name in HEADS:
        with engine.connect() as connection:
            stored = stored_revision(connection, name)
        if stored == HEADS[name]:
            return UpgradeResult(name, stored, stored)
    from alembic.script import ScriptDirectory

    config = _config(name)
    script = ScriptDirectory.from_config(config)
    what = _DESCRIPTIONS[name]
    url = engine.url.render_as_string(hide_password=True)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # A later revision that changes a table copies it on SQLite ("batch" mode): dropping the
            # old copy would cascade-delete child rows (notes of calls, subtasks) if foreign keys
            # stayed on. The pragma only works outside a transaction, hence before BEGIN.
            _sqlite_pragma(connection, "foreign_keys=OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Several PCs start at once on a shared database: one migrates, the others wait
                    # here and then find it done (the lock ends with the transaction).
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
                before, stamped_legacy = _check_and_adopt(connection, script, name, url)
                _run(config, script, connection, name, target=target)
                after = current_revision(connection, name)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(
                            f"migrating the {what} database ({url}) would break {len(broken)} reference(s) "
                            f"between rows (first: {tuple(broken[0])}); nothing was changed"
                        )
        finally:
            if sqlite:
                _sqlite_pragma(connection, "foreign_keys=ON")
    if after is None:
        raise MigrationError(f"the {what} database ({url}) has no schema revision after the upgrade")
    if before != after:
        log.info("%s database %s migrated from %s to %s", what, url, before or "empty", after)
    return UpgradeResult(name, before, after, stamped_legacy)


def _check_and_adopt(connection: Connection, script: ScriptDirectory, name: str, url: str) -> tuple[str | None, bool]:
    """The revision the database is at; refuse a newer one; stamp one made before migrations."""
    from alembic.runtime.migration import MigrationContext

    what = _DESCRIPTIONS[name]
    before = current_revision(connection, name)
    if before is not None and _unknown(script, before):
        from integrado import __version__

        raise DatabaseTooNew(
            f"The {what} database ({url}) was written by a newer version of Integrado "
            f"(schema revision {before!r}); this is version {__version__}, which knows revisions up to "
            f"{script.get_current_head()!r}. Install the newer version on this computer. "
            "The database was not changed."
        )
    if before is None and _has_tables(connection, name):
        # Made by a build from before migrations existed: its tables are the first revision's.
        before = base_revision(name)
        context = MigrationContext.configure(connection, opts={"version_table": version_table(name)})
        context.stamp(script, before)
        log.info("%s database %s had no schema version: stamped as revision %s", what, url, before)
        return before, True
    return before, False


def _sqlite_pragma(connection: Connection, pragma: str) -> None:
    # Through the DB-API connection: a SQLAlchemy execute would begin a transaction first.
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _unknown(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return True


def _has_tables(connection: Connection, name: str) -> bool:
    return bool(inspect(connection).has_table(_OWN_TABLE[name]))


def _run(config: Config, script: ScriptDirectory, connection: Connection, name: str, *, target: str) -> None:
    from alembic.runtime.environment import EnvironmentContext

    def steps(revision: Any, _context: MigrationContext) -> Any:
        return script._upgrade_revs(target, revision)  # alembic's own `upgrade` path

    with EnvironmentContext(config, script, fn=steps, destination_rev=target) as env:
        env.configure(
            connection=connection,
            version_table=version_table(name),
            # Later revisions alter tables; SQLite can only do that by copying them ("batch").
            render_as_batch=True,
            transactional_ddl=True,
        )
        with env.begin_transaction():
            env.run_migrations()
