"""Role × action, against a real PostgreSQL with real logins that sign in with their passwords:
each cell is tried through the service (CallService / TaskService on a pipeline connected as that
login) and by raw SQL as that login, and both must agree with `integrado.access.allowed`.

A refused cell must fail in the database (SQLSTATE 42501; through the service the app's
NotAllowedError naming the rule) and leave the row exactly as it was; an allowed cell must change
the row (a raw UPDATE that silently matched nothing would not count).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, text

from callsystem_gui.domain import NotAllowedError as CallNotAllowed
from callsystem_gui.service import CallService
from callsystem_gui.service import create_pipeline as create_call_pipeline
from helpers.callsystem import draft
from helpers.postgres import PostgresServer
from integrado.access import Action, Role, allowed
from integrado.access.identity import OPERATOR_ROLE, SUPERVISOR_ROLE
from integrado.events import Actor
from integrado.settings import RedisSettings, Settings
from taskmanager_gui.domain import NotAllowedError as TaskNotAllowed
from taskmanager_gui.service import TaskService
from taskmanager_gui.service import create_pipeline as create_task_pipeline

DATABASE = "office"
PASSWORD = "pw-ä €'\" \\ 1"  # every kind of character a password may hold, quoted on the way
USERS = {Role.OPERATOR: ("ana", OPERATOR_ROLE), Role.SUPERVISOR: ("carla", SUPERVISOR_ROLE)}
COLLEAGUE = "bruno"
# Rights that have no object in the database: the SLA minutes live in each PC's settings.
NOT_IN_DATABASE = {Action.CHANGE_SLA}


def _settings(root: Path) -> Settings:
    return Settings(
        config_dir=root, data_dir=root, redis=RedisSettings(), callsystem_db="", taskmanager_db="", console_db=""
    )


@dataclass
class Office:
    server: PostgresServer
    owner: Engine
    owner_calls: CallService
    calls: dict[Role, CallService]
    tasks: dict[Role, TaskService]
    owner_tasks: TaskService

    def raw(self, role: Role) -> psycopg.Connection[Any]:
        user, _ = USERS[role]
        return self.server.connect_as(DATABASE, user, PASSWORD)


@pytest.fixture(scope="module")
def office(office_postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    server = office_postgres
    server.execute(f"CREATE DATABASE {DATABASE}")
    settings = _settings(tmp_path_factory.mktemp("roles"))
    owner_calls = CallService(create_call_pipeline(settings, db_url=server.owner_url(DATABASE)), Actor("admin", "srv"))
    owner_tasks = TaskService(create_task_pipeline(settings, db_url=server.owner_url(DATABASE)), Actor("admin", "srv"))
    for user, group in [*USERS.values(), (COLLEAGUE, OPERATOR_ROLE)]:
        server.create_login(user, PASSWORD, group)
    calls: dict[Role, CallService] = {}
    tasks: dict[Role, TaskService] = {}
    for role, (user, _) in USERS.items():
        url = server.login_url(DATABASE, user, PASSWORD)
        calls[role] = CallService(create_call_pipeline(settings, db_url=url), Actor("forged", "pc-01"))
        tasks[role] = TaskService(create_task_pipeline(settings, db_url=url), Actor("forged", "pc-01"))
    yield Office(server, owner_calls.pipeline.engine, owner_calls, calls, tasks, owner_tasks)
    for service in [owner_calls, *calls.values()]:
        service.pipeline.engine.dispose()
    for task_service in [owner_tasks, *tasks.values()]:
        task_service.pipeline.engine.dispose()


def _call(office: Office, *, assignee: str, status: str = "new", deleted: bool = False) -> int:
    """A call in the given state, made by the owner (whom the rules do not bind)."""
    view = office.owner_calls.register(draft(), assign_to_me=False)
    with office.owner.begin() as conn:
        conn.execute(
            text("UPDATE calls SET assignee = :a, status = :s, deleted = :d, resolution = 'ok' WHERE id = :id"),
            {"a": assignee, "s": status, "d": deleted, "id": view.id},
        )
    return view.id


def _row(office: Office, table: str, row_id: int) -> dict[str, Any]:
    with office.owner.connect() as conn:
        return dict(conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": row_id}).mappings().one())


def _count(office: Office, table: str) -> int:
    with office.owner.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


@dataclass(frozen=True)
class Cell:
    """One action: the state it needs, how the service does it, and the same by raw SQL."""

    action: Action
    own_or_unassigned: bool
    assignee: str  # "me", "" or COLLEAGUE: whose call it acts on
    status: str = "new"
    deleted: bool = False
    table: str = "calls"


CALL_CELLS = {
    "register": Cell(Action.REGISTER_CALL, True, "me"),
    "update_own": Cell(Action.UPDATE_CALL, True, "me"),
    "update_unassigned": Cell(Action.UPDATE_CALL, True, ""),
    "update_another": Cell(Action.UPDATE_CALL, False, COLLEAGUE),
    "add_note": Cell(Action.ADD_NOTE, True, COLLEAGUE, table="call_notes"),
    "take": Cell(Action.TAKE_CALL, True, ""),
    "reassign": Cell(Action.REASSIGN_CALL, False, COLLEAGUE),
    "delete": Cell(Action.DELETE_CALL, True, "me"),
    "restore": Cell(Action.RESTORE_CALL, True, "me", deleted=True),
    "reopen": Cell(Action.REOPEN_CALL, True, "me", status="closed"),
}


def _service_way(name: str, service: CallService, call_id: int) -> Callable[[], object]:
    current = service.get(call_id)
    ways: dict[str, Callable[[], object]] = {
        "register": lambda: service.register(draft()),
        "update_own": lambda: service.update(call_id, current.version, draft(subject="Changed")),
        "update_unassigned": lambda: service.update(call_id, current.version, draft(subject="Changed")),
        "update_another": lambda: service.update(call_id, current.version, draft(subject="Changed")),
        "add_note": lambda: service.add_note(call_id, "Called back."),
        "take": lambda: service.assign(call_id, current.version, service.operator),
        "reassign": lambda: service.assign(call_id, current.version, service.operator),
        "delete": lambda: service.delete(call_id, current.version),
        "restore": lambda: service.restore(call_id),
        "reopen": lambda: service.reopen(call_id, current.version),
    }
    return ways[name]


_INSERT_CALL = """
INSERT INTO calls (caller_name, caller_key, phone, phone_digits, phone_tail, subject, description, category,
                   channel, urgency, impact, priority, status, assignee, resolution, created_at, created_by,
                   updated_at, updated_by, sla_due_at, deleted, version)
VALUES ('Raw', 'raw', '', '', '', 'Raw', '', '', 'phone', 2, 2, 2, 'new', session_user, '', 0, 'x', 0, 'x', 0,
        false, 1)
"""
_RAW = {
    "register": (_INSERT_CALL, ()),
    "update_own": ("UPDATE calls SET subject = 'Raw', version = version + 1 WHERE id = %s", None),
    "update_unassigned": ("UPDATE calls SET subject = 'Raw', version = version + 1 WHERE id = %s", None),
    "update_another": ("UPDATE calls SET subject = 'Raw', version = version + 1 WHERE id = %s", None),
    "add_note": ("INSERT INTO call_notes (call_id, at, author, text) VALUES (%s, 0, 'x', 'Raw note')", None),
    "take": ("UPDATE calls SET assignee = session_user, version = version + 1 WHERE id = %s", None),
    "reassign": ("UPDATE calls SET assignee = session_user, version = version + 1 WHERE id = %s", None),
    "delete": ("UPDATE calls SET deleted = true, version = version + 1 WHERE id = %s", None),
    "restore": ("UPDATE calls SET deleted = false, version = version + 1 WHERE id = %s", None),
    "reopen": ("UPDATE calls SET status = 'in_progress', version = version + 1 WHERE id = %s", None),
}


def test_every_action_is_a_cell() -> None:
    covered = {cell.action for cell in CALL_CELLS.values()} | {Action.DELETE_TASK_SUBTREE}
    assert covered | NOT_IN_DATABASE == set(Action)


@pytest.mark.parametrize("way", ["service", "sql"])
@pytest.mark.parametrize("name", sorted(CALL_CELLS))
@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR])
def test_call_cell(office: Office, role: Role, name: str, way: str) -> None:
    cell = CALL_CELLS[name]
    user, _ = USERS[role]
    call_id = _call(office, assignee=user if cell.assignee == "me" else cell.assignee, status=cell.status)
    if cell.deleted:
        with office.owner.begin() as conn:
            conn.execute(text("UPDATE calls SET deleted = true WHERE id = :id"), {"id": call_id})
    expected = allowed(role, cell.action, own_or_unassigned=cell.own_or_unassigned)
    before_row = _row(office, "calls", call_id)
    before_counts = (_count(office, "calls"), _count(office, "call_notes"), _count(office, "integrado_outbox"))

    if way == "service":
        attempt = _service_way(name, office.calls[role], call_id)
        if expected:
            attempt()
        else:
            with pytest.raises(CallNotAllowed) as refused:
                attempt()
            assert refused.value.action == cell.action.value
    else:
        statement, params = _RAW[name]
        with office.raw(role) as conn:
            if expected:
                cursor = conn.execute(statement, (call_id,) if params is None else params)
                assert cursor.rowcount == 1
            else:
                with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused_sql:
                    conn.execute(statement, (call_id,) if params is None else params)
                assert refused_sql.value.diag.message_hint == f"integrado:{cell.action.value}"

    after_counts = (_count(office, "calls"), _count(office, "call_notes"), _count(office, "integrado_outbox"))
    if expected:
        assert after_counts != before_counts or _row(office, "calls", call_id) != before_row
    else:
        assert _row(office, "calls", call_id) == before_row
        assert after_counts == before_counts


def _task_tree(office: Office) -> tuple[int, int]:
    parent = office.owner_tasks.create("Project").created[0].id
    child = office.owner_tasks.create("Step", parent_id=parent).created[0].id
    return parent, child


@pytest.mark.parametrize("way", ["service", "sql"])
@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR])
def test_task_subtree_removal(office: Office, role: Role, way: str) -> None:
    parent, child = _task_tree(office)
    expected = allowed(role, Action.DELETE_TASK_SUBTREE)
    before = (_row(office, "tasks", parent), _row(office, "tasks", child))
    if way == "service":
        service = office.tasks[role]
        if expected:
            removed = service.remove(parent, None)
            assert {t.id for t in removed.removed} == {parent, child}
        else:
            with pytest.raises(TaskNotAllowed) as refused:
                service.remove(parent, None)
            assert refused.value.action == Action.DELETE_TASK_SUBTREE.value
    else:
        # One timestamp for the subtree, as the app writes it; children first or last alike.
        statement = "UPDATE tasks SET deleted_at = now() WHERE id = ANY(%s)"
        with office.raw(role) as conn:
            if expected:
                assert conn.execute(statement, ([child, parent],)).rowcount == 2
            else:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement, ([child, parent],))
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement, ([parent],))
    after = (_row(office, "tasks", parent), _row(office, "tasks", child))
    if expected:
        assert after[0]["deleted_at"] is not None and after[1]["deleted_at"] is not None
    else:
        assert after == before


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR])
def test_a_single_task_and_its_undo_are_everyones(office: Office, role: Role) -> None:
    """Removing a task without subtasks (and restoring it) needs no supervisor."""
    leaf = office.owner_tasks.create("Call the supplier").created[0].id
    service = office.tasks[role]
    removed = service.remove(leaf, None)
    assert [t.id for t in removed.removed] == [leaf]
    service.restore(removed.removed)
    assert _row(office, "tasks", leaf)["deleted_at"] is None
    # A parent whose subtasks were removed before (each on its own) is a single task again.
    parent, child = _task_tree(office)
    service.remove(child, None)
    assert [t.id for t in service.remove(parent, None).removed] == [parent]


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR])
def test_hard_deletes_and_published_events_are_nobodys(office: Office, role: Role) -> None:
    """No office role deletes rows or rewrites an event already queued: the app never does."""
    call_id = _call(office, assignee=USERS[role][0])
    with office.raw(role) as conn:
        for statement in (
            "DELETE FROM calls WHERE id = %s",
            "DELETE FROM call_notes WHERE call_id = %s",
            "DELETE FROM tasks WHERE id = %s",
            "UPDATE integrado_outbox SET payload = '{}' WHERE id = %s",
            "UPDATE call_notes SET text = 'x' WHERE id = %s",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, (call_id,))


def test_operator_cannot_register_a_call_for_a_colleague(office: Office) -> None:
    with office.raw(Role.OPERATOR) as conn:
        statement = _INSERT_CALL.replace("'new', session_user", f"'new', '{COLLEAGUE}'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            conn.execute(statement)
        assert refused.value.diag.message_hint == "integrado:reassign_call"
        # Nor switch the rules off: only the tables' owner may.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE calls DISABLE TRIGGER integrado_calls_guard")


def test_a_temporary_table_cannot_stand_in_for_the_real_one(office: Office) -> None:
    """The triggers look tables up in their own schema, never in the session's temporary one."""
    parent, child = _task_tree(office)
    with office.raw(Role.OPERATOR) as conn:
        conn.execute("CREATE TEMP TABLE tasks (id int, parent_id int, deleted_at timestamp)")
        conn.execute("SET search_path = pg_temp, public")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE public.tasks SET deleted_at = now() WHERE id = ANY(%s)", ([parent, child],))
