"""Who did it is the database's to say, and who may changes while signed in, on a real
PostgreSQL with logins that sign in with their passwords: authors forged by raw SQL become the
session user, a login disabled while signed in gets "your access was removed" with nothing
written, a role changed while signed in counts from the next action, ten wrong passwords break
nothing, and the relay service's login may do its job and nothing else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, text

from callsystem_gui.domain import AccessRemovedError as CallAccessRemoved
from callsystem_gui.domain import NotAllowedError as CallNotAllowed
from callsystem_gui.service import CallService
from callsystem_gui.service import create_pipeline as create_call_pipeline
from helpers.callsystem import draft
from helpers.postgres import PostgresServer
from integrado.access import Role
from integrado.access.identity import OPERATOR_ROLE, SUPERVISOR_ROLE
from integrado.access.schema import RELAY_ROLE
from integrado.events import Actor
from integrado.relay.lease import RelayLease
from integrado.settings import RedisSettings, Settings
from integrado_suite.cli import main as cli
from taskmanager_gui.domain import AccessRemovedError as TaskAccessRemoved
from taskmanager_gui.service import TaskService
from taskmanager_gui.service import create_pipeline as create_task_pipeline

DATABASE = "identity"
PASSWORD = "s3cret: ' \" % @ / ?"
ODD_NAME = 'Ana "Nina" D\'Ávila'


def _settings(root: Path) -> Settings:
    return Settings(
        config_dir=root, data_dir=root, redis=RedisSettings(), callsystem_db="", taskmanager_db="", console_db=""
    )


class Office:
    """One database on a password-checking server, its owner's engine and a way to sign in."""

    def __init__(self, server: PostgresServer, root: Path) -> None:
        self.server = server
        self.settings = _settings(root)
        self.owner_url = server.owner_url(DATABASE)
        self.owner_calls = CallService(
            create_call_pipeline(self.settings, db_url=self.owner_url), Actor("admin", "srv")
        )
        TaskService(create_task_pipeline(self.settings, db_url=self.owner_url), Actor("admin", "srv"))
        self.owner: Engine = self.owner_calls.pipeline.engine
        self._services: list[CallService | TaskService] = []

    def url(self, user: str, password: str = PASSWORD) -> str:
        return self.server.login_url(DATABASE, user, password)

    def calls(self, user: str) -> CallService:
        service = CallService(
            create_call_pipeline(self.settings, db_url=self.url(user)), Actor("someone-else", "pc-07")
        )
        self._services.append(service)
        return service

    def tasks(self, user: str) -> TaskService:
        service = TaskService(
            create_task_pipeline(self.settings, db_url=self.url(user)), Actor("someone-else", "pc-07")
        )
        self._services.append(service)
        return service

    def raw(self, user: str) -> psycopg.Connection[Any]:
        return self.server.connect_as(DATABASE, user, PASSWORD)

    def one(self, sql: str, **params: Any) -> Any:
        with self.owner.connect() as conn:
            return conn.execute(text(sql), params).one()

    def close(self) -> None:
        for service in [self.owner_calls, *self._services]:
            service.pipeline.engine.dispose()


@pytest.fixture(scope="module")
def office(office_postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    office_postgres.execute(f"CREATE DATABASE {DATABASE}")
    office = Office(office_postgres, tmp_path_factory.mktemp("identity"))
    for name, group in [
        ("ana", OPERATOR_ROLE),
        ("carla", SUPERVISOR_ROLE),
        (ODD_NAME, OPERATOR_ROLE),
        ("relay-a", RELAY_ROLE),
        ("relay-b", RELAY_ROLE),
    ]:
        office_postgres.create_login(name, PASSWORD, group)
    yield office
    office.close()


def _admin(office: Office, *args: str) -> int:
    return cli(["admin", *args, "--db", office.owner_url])


def _payloads(office: Office, after_id: int) -> list[dict[str, Any]]:
    with office.owner.connect() as conn:
        rows = conn.execute(text("SELECT payload FROM integrado_outbox WHERE id > :i ORDER BY id"), {"i": after_id})
        return [json.loads(r[0]) for r in rows]


def _last_outbox_id(office: Office) -> int:
    return int(office.one("SELECT COALESCE(max(id), 0) AS m FROM integrado_outbox").m)


@pytest.mark.parametrize("user", ["ana", "carla", ODD_NAME])
def test_the_service_acts_as_the_session_user(office: Office, user: str) -> None:
    """Built with another name, the service shows and writes the login's; so does every event."""
    service = office.calls(user)
    assert service.actor == Actor(user, "pc-07")
    assert service.operator == user
    signed = service.signed_in()
    assert signed is not None and signed.user == user
    assert signed.role is (Role.SUPERVISOR if user == "carla" else Role.OPERATOR)
    start = _last_outbox_id(office)
    call = service.register(draft())
    note = service.add_note(call.id, "Called back.")
    assert (call.created_by, call.updated_by, call.assignee, note.author) == (user, user, user, user)
    row = office.one("SELECT created_by, updated_by FROM calls WHERE id = :id", id=call.id)
    assert tuple(row) == (user, user)
    events = _payloads(office, start)
    assert [e["actor"] for e in events] == [{"user": user, "host": "pc-07"}] * 2


def test_an_honest_event_is_stored_as_sent(office: Office) -> None:
    """The outbox trigger rewrites only a lying actor: an honest payload keeps its exact text."""
    service = office.calls("ana")
    start = _last_outbox_id(office)
    service.register(draft(caller_name="Zé  \u00e9 \u2603"))
    with office.owner.connect() as conn:
        payload = conn.execute(text("SELECT payload FROM integrado_outbox WHERE id > :i"), {"i": start}).scalar_one()
    assert json.loads(payload)["actor"]["user"] == "ana"
    # The codec's compact text in the codec's key order, not PostgreSQL's jsonb rendering.
    assert payload == json.dumps(json.loads(payload), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("user", ["ana", "carla"])
def test_authors_forged_by_raw_sql_become_the_session_user(office: Office, user: str) -> None:
    start = _last_outbox_id(office)
    envelope = {"system": "callsystem", "type": "call.created", "actor": {"user": "the-boss", "host": "pc-99"}}
    with office.raw(user) as conn:
        call_id = conn.execute(
            "INSERT INTO calls (caller_name, caller_key, phone, phone_digits, phone_tail, subject, description,"
            " category, channel, urgency, impact, priority, status, assignee, resolution, created_at, created_by,"
            " updated_at, updated_by, sla_due_at, deleted, version) VALUES ('R', 'r', '', '', '', 'R', '', '',"
            " 'phone', 2, 2, 2, 'new', session_user, '', 0, 'the-boss', 0, 'the-boss', 0, false, 1) RETURNING id"
        ).fetchone()[0]  # type: ignore[index]
        conn.execute("INSERT INTO call_notes (call_id, at, author, text) VALUES (%s, 0, 'the-boss', 'x')", (call_id,))
        conn.execute(
            "INSERT INTO call_timeline (call_id, at, actor, kind, detail) VALUES (%s, 0, 'the-boss', 'note', '')",
            (call_id,),
        )
        conn.execute("UPDATE calls SET created_by = 'the-boss', updated_by = 'the-boss' WHERE id = %s", (call_id,))
        for forged in (
            envelope,
            {**envelope, "actor": "the-boss"},
            {k: v for k, v in envelope.items() if k != "actor"},
        ):
            conn.execute(
                "INSERT INTO integrado_outbox (source, seq, event_id, channel, stream, payload, status, attempts,"
                " created_at) VALUES ('forged', nextval('integrado_outbox_id_seq') + 1000000, gen_random_uuid(),"
                " 'c', 's', %s, 'pending', 0, 0)",
                (json.dumps(forged),),
            )
    call = office.one("SELECT created_by, updated_by FROM calls WHERE id = :id", id=call_id)
    assert tuple(call) == (user, user)
    assert office.one("SELECT author FROM call_notes WHERE call_id = :id", id=call_id).author == user
    assert office.one("SELECT actor FROM call_timeline WHERE call_id = :id", id=call_id).actor == user
    actors = [e["actor"] for e in _payloads(office, start)]
    assert actors == [{"user": user, "host": "pc-99"}, {"user": user}, {"user": user}]
    with office.owner.begin() as conn:
        conn.execute(text("DELETE FROM integrado_outbox WHERE source = 'forged'"))


def test_a_login_disabled_while_signed_in_is_told_its_access_was_removed(office: Office) -> None:
    office.server.create_login("dora", PASSWORD, OPERATOR_ROLE)
    calls, tasks = office.calls("dora"), office.tasks("dora")
    call = calls.register(draft())
    tasks.create("Before")
    counts = office.one("SELECT (SELECT count(*) FROM calls) AS c, (SELECT count(*) FROM integrado_outbox) AS o")

    assert _admin(office, "disable", "dora") == 0

    with pytest.raises(CallAccessRemoved) as removed:
        calls.add_note(call.id, "A note typed while the administrator disabled the login.")
    assert "access was removed" in str(removed.value)
    with pytest.raises(CallAccessRemoved):
        calls.register(draft())
    with pytest.raises(CallAccessRemoved):
        calls.summaries()
    with pytest.raises(TaskAccessRemoved):
        tasks.create("After")
    assert (
        office.one("SELECT (SELECT count(*) FROM calls) AS c, (SELECT count(*) FROM integrado_outbox) AS o") == counts
    )
    # Enabled again (with a new password), the same login works once more.
    assert _admin(office, "add-user", "dora", "--role", "operator") == 0


def test_a_role_changed_while_signed_in_counts_from_the_next_action(office: Office) -> None:
    office.server.create_login("edu", PASSWORD, OPERATOR_ROLE)
    service = office.calls("edu")
    first, second = service.register(draft()), service.register(draft())
    with pytest.raises(CallNotAllowed):
        service.delete(first.id, first.version)

    assert _admin(office, "set-role", "edu", "--role", "supervisor") == 0
    signed = service.signed_in()
    assert signed is not None and signed.role is Role.SUPERVISOR
    deleted = service.delete(first.id, first.version)
    assert deleted.deleted

    assert _admin(office, "set-role", "edu", "--role", "operator") == 0
    with pytest.raises(CallNotAllowed):
        service.restore(first.id)
    with pytest.raises(CallNotAllowed):
        service.delete(second.id, second.version)
    assert office.one("SELECT deleted FROM calls WHERE id = :id", id=second.id).deleted is False


def test_ten_wrong_passwords_in_a_row_break_nothing(office: Office) -> None:
    office.server.create_login("fabio", PASSWORD, OPERATOR_ROLE)
    for attempt in range(10):
        with pytest.raises(psycopg.OperationalError) as refused:
            office.server.connect_as(DATABASE, "fabio", f"wrong-{attempt}")
        assert "password authentication failed" in str(refused.value)
    # The server keeps no lockout of its own: the right password still signs in, others too.
    service = office.calls("fabio")
    assert service.register(draft()).created_by == "fabio"
    assert office.calls("ana").register(draft()).created_by == "ana"


def test_the_relay_login_does_its_job_and_nothing_else(office: Office) -> None:
    office.calls("ana").register(draft())
    for name in ("relay-a", "relay-b"):
        with office.raw(name) as conn:
            pending = conn.execute("SELECT id FROM integrado_outbox WHERE status = 'pending' LIMIT 1").fetchone()
            assert pending is not None
            conn.execute(
                "UPDATE integrado_outbox SET status = 'pending', attempts = attempts, last_error = NULL,"
                " published_at = NULL WHERE id = %s",
                (pending[0],),
            )
            for statement in (
                "UPDATE integrado_outbox SET payload = '{}' WHERE id = %s",
                "INSERT INTO integrado_outbox (source, seq, event_id, channel, stream, payload, status, attempts,"
                " created_at) VALUES ('x', %s, 'x', 'c', 's', '{}', 'pending', 0, 0)",
                "SELECT count(*) FROM calls WHERE id = %s",
                "SELECT count(*) FROM tasks WHERE id = %s",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement, (pending[0],))
    # Both relay logins share the lease (a standby must be able to take it over).
    from integrado.db import make_engine

    engines = [make_engine(office.url(name)) for name in ("relay-a", "relay-b")]
    try:
        leases = [RelayLease(engine, holder=f"holder-{i}", ttl=0.0) for i, engine in enumerate(engines)]
        for lease in leases:
            lease.ensure_table()
        tokens = [lease.try_acquire() for lease in leases]
        assert all(token is not None for token in tokens)
    finally:
        for engine in engines:
            engine.dispose()


def test_task_events_carry_the_session_user(office: Office) -> None:
    service = office.tasks("ana")
    assert service.actor == Actor("ana", "pc-07")
    changes = service.create("Order toner")
    assert [event["actor"] for event in changes.events] == [{"user": "ana", "host": "pc-07"}]
    start = _last_outbox_id(office) - 1
    assert [e["actor"]["user"] for e in _payloads(office, start)] == ["ana"]


def test_a_password_with_every_printable_character_signs_in(office: Office) -> None:
    password = "".join(chr(code) for code in range(0x20, 0x7F)) + "çã€"
    office.server.create_login("gabi", password, OPERATOR_ROLE)
    service = CallService(
        create_call_pipeline(office.settings, db_url=office.url("gabi", password)), Actor("someone-else", "pc-07")
    )
    try:
        assert service.register(draft()).created_by == "gabi"
    finally:
        service.pipeline.engine.dispose()
