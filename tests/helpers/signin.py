"""Sign-in test support: an office database the apps sign in to, and a keyring that lives in
memory only. The password-checking server is `office_postgres` (tests/helpers/postgres.py)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from helpers.postgres import PostgresServer
from integrado.access.identity import OPERATOR_ROLE, SUPERVISOR_ROLE
from integrado.settings import Settings


def office_logins(server: PostgresServer, passwords: Mapping[str, str], supervisors: Collection[str] = ()) -> None:
    """The office's roles and a login for each name in `passwords`: the `supervisors` are
    supervisors, everyone else an operator."""
    server.ensure_office_roles()
    for name, password in passwords.items():
        server.create_login(name, password, SUPERVISOR_ROLE if name in supervisors else OPERATOR_ROLE)


def prepare_office_database(server: PostgresServer, name: str, settings: Settings) -> str:
    """A database with both apps' tables (made by the owner, whose migrations make the office
    roles) that the office roles may use; returns its URL as settings name it (no login). The
    grants are broad: these tests are about the interface, the role matrix tests prove what the
    database itself allows."""
    from callsystem_gui.service import create_pipeline as calls_pipeline
    from taskmanager_gui.service import create_pipeline as tasks_pipeline

    owner_url = server.create_database(name)
    for create in (calls_pipeline, tasks_pipeline):
        create(settings, db_url=owner_url).engine.dispose()
    roles = f"{OPERATOR_ROLE}, {SUPERVISOR_ROLE}"
    server.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {roles}", database=name)
    server.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {roles}", database=name)
    return server.server_url(name)


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict: nothing reaches a file or a desktop
    keyring, and the test reads what was stored."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
