"""The start-up's schema check: a database already at this program's schema is recognised by one
plain query, and Alembic (a fifth of a second to import) is imported only when one is behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from integrado.migrations import DATABASES, HEADS, head_revision, stored_revision, upgrade

CHILD = """
import sys
from sqlalchemy import create_engine
from integrado.migrations import upgrade
result = upgrade(create_engine(sys.argv[1]), sys.argv[2])
print(result.before, result.after, "alembic" in sys.modules)
"""


@pytest.mark.parametrize("name", DATABASES)
def test_the_known_head_is_the_scripts_head(name: str) -> None:
    assert HEADS[name] == head_revision(name), f"a new {name} revision: update HEADS in integrado.migrations"


@pytest.mark.parametrize("name", DATABASES)
def test_an_up_to_date_database_starts_without_alembic(tmp_path: Path, name: str) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = create_engine(url)
    assert upgrade(engine, name).after == HEADS[name]
    with engine.connect() as connection:
        assert stored_revision(connection, name) == HEADS[name]
    engine.dispose()

    def run() -> list[str]:
        done = subprocess.run([sys.executable, "-c", CHILD, url, name], capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert run() == [HEADS[name], HEADS[name], "False"]


def test_a_database_behind_goes_through_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = create_engine(url)
    upgrade(engine, "callsystem", target="callsystem_0002")
    engine.dispose()
    done = subprocess.run([sys.executable, "-c", CHILD, url, "callsystem"], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["callsystem_0002", HEADS["callsystem"], "True"]


def test_a_new_database_has_no_stored_revision(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'new.sqlite'}")
    with engine.connect() as connection:
        assert stored_revision(connection, "console") is None
    engine.dispose()
