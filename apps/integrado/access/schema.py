"""The office roles inside a shared PostgreSQL database: roles, grants, row-level security and
the triggers that write who did an action.

Called by the apps' migrations (each history installs what concerns its tables) and by
`integrado admin`, which runs it again once it has created the roles (the migrating login may
lack the right to create roles). Everything here is idempotent.

Who is who, per statement (never cached): the *administrator* is a superuser or a member of the
login that owns the database or the outbox table (it can disable any trigger anyway: it is the
one the rules do not bind); a *supervisor* is a member of `integrado_supervisor`; every other
login is bound by an operator's rules.

Why triggers as well as policies: an operator's right to change a call depends on the call as
it was before the change (its assignee, whether it was closed or deleted), which a policy's
`WITH CHECK` cannot see, and a policy's `USING` skips rows silently (the statement "succeeds"
having changed nothing) where the operator must be told no. So the triggers refuse, with
SQLSTATE 42501 and a hint `integrado:<action>` naming the `Action`, and the policies restate the
rules they can (what an operator may insert).

A rule changed later is a new function here and a new revision calling it: the revisions that
call these keep doing what they did when they were released.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, text

from integrado.access.identity import OPERATOR_ROLE, SUPERVISOR_ROLE
from integrado.relay.lease import _CREATE as CREATE_LEASE_TABLE
from integrado.relay.lease import LEASE_TABLE

log = logging.getLogger(__name__)

RELAY_ROLE = "integrado_relay"
OFFICE_ROLES = (OPERATOR_ROLE, SUPERVISOR_ROLE, RELAY_ROLE)
# What a trigger's refusal carries in its HINT, before the `Action` value.
HINT_PREFIX = "integrado:"

_CALL_TABLES = ("calls", "call_notes", "call_timeline")
_TASK_TABLES = ("tasks",)
_OUTBOX = "integrado_outbox"
_OUTBOX_SOURCE = "integrado_outbox_source"
_LEASE = LEASE_TABLE

_ENSURE_ROLES = """
DO $do$
BEGIN
    IF to_regrole('integrado_operator') IS NULL THEN
        CREATE ROLE integrado_operator NOLOGIN;
    END IF;
    IF to_regrole('integrado_supervisor') IS NULL THEN
        CREATE ROLE integrado_supervisor NOLOGIN;
    END IF;
    IF to_regrole('integrado_relay') IS NULL THEN
        CREATE ROLE integrado_relay NOLOGIN;
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'integrado: the office roles could not be created (no CREATEROLE); run integrado admin';
    WHEN duplicate_object OR unique_violation THEN
        NULL;  -- another database's migration created them at the same moment
END
$do$
"""

# Helper functions every trigger and policy uses. SQL functions: cheap, inlined where possible.
_HELPERS = """
CREATE OR REPLACE FUNCTION integrado_is_admin() RETURNS boolean
LANGUAGE sql STABLE AS $f$
    SELECT r.rolsuper
        OR pg_has_role(session_user, d.datdba, 'MEMBER')
        OR COALESCE((SELECT pg_has_role(session_user, c.relowner, 'MEMBER')
                       FROM pg_class c WHERE c.oid = to_regclass('integrado_outbox')), false)
      FROM pg_roles r, pg_database d
     WHERE r.rolname = session_user AND d.datname = current_database()
$f$;

CREATE OR REPLACE FUNCTION integrado_is_supervisor() RETURNS boolean
LANGUAGE sql STABLE AS $f$
    SELECT integrado_is_admin()
        OR CASE WHEN to_regrole('integrado_supervisor') IS NULL THEN false
                ELSE pg_has_role(session_user, 'integrado_supervisor', 'MEMBER') END
$f$;

CREATE OR REPLACE FUNCTION integrado_refuse(action text, message text) RETURNS void
LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = message, HINT = 'integrado:' || action;
END
$f$;

CREATE OR REPLACE FUNCTION integrado_outbox_actor() RETURNS trigger
LANGUAGE plpgsql AS $f$
DECLARE
    envelope jsonb;
    actor jsonb;
BEGIN
    IF integrado_is_admin() THEN
        RETURN NEW;
    END IF;
    envelope := NEW.payload::jsonb;
    -- Rewritten only when it lies: an honest client's text is kept byte for byte.
    IF envelope #>> '{actor,user}' IS DISTINCT FROM session_user::text THEN
        actor := CASE WHEN jsonb_typeof(envelope -> 'actor') = 'object' THEN envelope -> 'actor'
                      ELSE '{}'::jsonb END;
        envelope := jsonb_set(envelope, '{actor}', actor || jsonb_build_object('user', session_user::text));
        NEW.payload := envelope::text;
    END IF;
    RETURN NEW;
END
$f$;
"""

_CALLS = """
CREATE OR REPLACE FUNCTION integrado_calls_guard() RETURNS trigger
LANGUAGE plpgsql AS $f$
DECLARE
    me text := session_user;
    touched calls;
BEGIN
    IF integrado_is_admin() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := me;
        NEW.updated_by := me;
        IF integrado_is_supervisor() THEN
            RETURN NEW;
        END IF;
        IF NEW.deleted THEN
            PERFORM integrado_refuse('delete_call', 'only a supervisor may delete calls');
        END IF;
        IF NEW.assignee NOT IN ('', me) THEN
            PERFORM integrado_refuse('reassign_call', 'only a supervisor may give a call to another operator');
        END IF;
        RETURN NEW;
    END IF;
    NEW.created_by := OLD.created_by;
    NEW.updated_by := me;
    IF integrado_is_supervisor() THEN
        RETURN NEW;
    END IF;
    IF NEW.deleted AND NOT OLD.deleted THEN
        PERFORM integrado_refuse('delete_call', 'only a supervisor may delete calls');
    END IF;
    IF OLD.deleted AND NOT NEW.deleted THEN
        PERFORM integrado_refuse('restore_call', 'only a supervisor may restore a deleted call');
    END IF;
    IF OLD.status = 'closed' AND NEW.status <> 'closed' THEN
        PERFORM integrado_refuse('reopen_call', 'only a supervisor may reopen a closed call');
    END IF;
    IF OLD.assignee NOT IN ('', me) THEN
        -- A note on anyone's call touches only when and by whom the call was last changed.
        touched := NEW;
        touched.updated_at := OLD.updated_at;
        touched.updated_by := OLD.updated_by;
        IF touched IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
        END IF;
        IF NEW.assignee IS DISTINCT FROM OLD.assignee THEN
            PERFORM integrado_refuse('reassign_call', 'only a supervisor may reassign another operator''s call');
        END IF;
        PERFORM integrado_refuse('update_call',
            'only the operator the call is assigned to, or a supervisor, may change it');
    END IF;
    RETURN NEW;
END
$f$;

CREATE OR REPLACE FUNCTION integrado_call_author() RETURNS trigger
LANGUAGE plpgsql AS $f$
BEGIN
    IF NOT integrado_is_admin() THEN
        IF TG_TABLE_NAME = 'call_notes' THEN
            NEW.author := session_user;
        ELSE
            NEW.actor := session_user;
        END IF;
    END IF;
    RETURN NEW;
END
$f$;

CREATE OR REPLACE TRIGGER integrado_calls_guard BEFORE INSERT OR UPDATE ON calls
    FOR EACH ROW EXECUTE FUNCTION integrado_calls_guard();
CREATE OR REPLACE TRIGGER integrado_call_notes_author BEFORE INSERT OR UPDATE ON call_notes
    FOR EACH ROW EXECUTE FUNCTION integrado_call_author();
CREATE OR REPLACE TRIGGER integrado_call_timeline_actor BEFORE INSERT OR UPDATE ON call_timeline
    FOR EACH ROW EXECUTE FUNCTION integrado_call_author();
"""

_CALL_POLICIES = """
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS integrado_read ON calls;
DROP POLICY IF EXISTS integrado_register ON calls;
DROP POLICY IF EXISTS integrado_change ON calls;
DROP POLICY IF EXISTS integrado_supervise ON calls;
CREATE POLICY integrado_read ON calls FOR SELECT TO integrado_operator USING (true);
-- An operator registers a call for themselves or for the queue, never deleted.
CREATE POLICY integrado_register ON calls FOR INSERT TO integrado_operator
    WITH CHECK (assignee IN ('', session_user) AND NOT deleted);
-- Which calls an operator may change depends on the call before the change: the trigger decides.
CREATE POLICY integrado_change ON calls FOR UPDATE TO integrado_operator USING (true) WITH CHECK (true);
CREATE POLICY integrado_supervise ON calls FOR ALL TO integrado_supervisor USING (true) WITH CHECK (true);
"""

_TASKS = """
CREATE OR REPLACE FUNCTION integrado_tasks_guard() RETURNS trigger
LANGUAGE plpgsql AS $f$
BEGIN
    -- A removal sets one `deleted_at` on the whole subtree, children in any order: a child
    -- still there, or removed by this same action, makes it a subtree's removal.
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL AND NOT integrado_is_supervisor()
       AND EXISTS (SELECT 1 FROM tasks c
                    WHERE c.parent_id = NEW.id AND c.id <> NEW.id
                      AND (c.deleted_at IS NULL OR c.deleted_at = NEW.deleted_at)) THEN
        PERFORM integrado_refuse('delete_task_subtree', 'only a supervisor may remove a task that has subtasks');
    END IF;
    RETURN NEW;
END
$f$;

CREATE OR REPLACE TRIGGER integrado_tasks_guard BEFORE UPDATE ON tasks
    FOR EACH ROW EXECUTE FUNCTION integrado_tasks_guard();
"""

_FUNCTIONS = (
    "integrado_is_admin()",
    "integrado_is_supervisor()",
    "integrado_refuse(text, text)",
    "integrado_outbox_actor()",
    "integrado_calls_guard()",
    "integrado_call_author()",
    "integrado_tasks_guard()",
)


def _exists(connection: Connection, name: str) -> bool:
    return connection.execute(text("SELECT to_regclass(:n) IS NOT NULL"), {"n": name}).scalar_one() is True


def _role_exists(connection: Connection, name: str) -> bool:
    return connection.execute(text("SELECT to_regrole(:n) IS NOT NULL"), {"n": name}).scalar_one() is True


def ensure_roles(connection: Connection) -> bool:
    """Create the NOLOGIN office roles that are missing, when this login may; True when all exist."""
    connection.exec_driver_sql(_ENSURE_ROLES)
    return all(_role_exists(connection, role) for role in OFFICE_ROLES)


def _pin_search_path(connection: Connection) -> None:
    # Inside the functions, names resolve in the schema they were installed in, temporary tables
    # last: an operator's `CREATE TEMP TABLE tasks` cannot stand in for the real one.
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    for function in _FUNCTIONS:
        exists = connection.execute(text("SELECT to_regprocedure(:f) IS NOT NULL"), {"f": function}).scalar_one()
        if exists:
            connection.exec_driver_sql(
                f"ALTER FUNCTION {function} SET search_path = {_quote(schema)}, pg_catalog, pg_temp"
            )


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _sequences(connection: Connection, table: str) -> list[str]:
    if not _exists(connection, table):
        return []
    rows = connection.execute(
        text(
            "SELECT pg_get_serial_sequence(:t, a.attname) FROM pg_attribute a"
            " WHERE a.attrelid = to_regclass(:t) AND a.attnum > 0 AND NOT a.attisdropped"
        ),
        {"t": table},
    ).scalars()
    return [name for name in rows if name]


def grant(connection: Connection) -> None:
    """Grant each office role what `integrado.access.rights` says, on the tables that exist in
    this database (the roles that do not exist yet are skipped: `integrado admin` runs it again)."""
    schema = _quote(connection.execute(text("SELECT current_schema()")).scalar_one())
    grants: list[tuple[str, str]] = []  # (table it needs, statement)
    for role in (OPERATOR_ROLE, SUPERVISOR_ROLE):
        if not _role_exists(connection, role):
            continue
        grants.append(("", f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        for table in ("calls", "tasks"):
            grants.append((table, f"GRANT SELECT, INSERT, UPDATE ON {table} TO {role}"))
        for table in ("call_notes", "call_timeline", _OUTBOX):
            grants.append((table, f"GRANT SELECT, INSERT ON {table} TO {role}"))
        grants.append((_OUTBOX_SOURCE, f"GRANT SELECT, INSERT, UPDATE ON {_OUTBOX_SOURCE} TO {role}"))
        # Start-up checks the schema revision of the app's tables.
        for name in ("callsystem", "taskmanager"):
            grants.append((f"integrado_schema_{name}", f"GRANT SELECT ON integrado_schema_{name} TO {role}"))
        for table in ("calls", "call_notes", "call_timeline", "tasks", _OUTBOX):
            for sequence in _sequences(connection, table):
                grants.append((sequence, f"GRANT USAGE ON SEQUENCE {sequence} TO {role}"))
    if _role_exists(connection, RELAY_ROLE):
        # The relay service reads the queue and marks what it sent; it creates its lease table
        # the first time (see the deployment docs), so it may create in the schema.
        grants += [
            ("", f"GRANT USAGE, CREATE ON SCHEMA {schema} TO {RELAY_ROLE}"),
            (
                _OUTBOX,
                f"GRANT SELECT, UPDATE (status, attempts, last_error, published_at) ON {_OUTBOX} TO {RELAY_ROLE}",
            ),
            (_OUTBOX_SOURCE, f"GRANT SELECT ON {_OUTBOX_SOURCE} TO {RELAY_ROLE}"),
            (_LEASE, f"GRANT SELECT, INSERT, UPDATE ON {_LEASE} TO {RELAY_ROLE}"),
        ]
    for table, statement in grants:
        if not table or _exists(connection, table):
            connection.exec_driver_sql(statement)


def install(connection: Connection, app: str) -> None:
    """Everything an app's tables need on a shared PostgreSQL database (no-op elsewhere):
    helpers, the outbox's actor trigger, the app's triggers and policies, roles, grants."""
    if connection.dialect.name != "postgresql":
        return
    if app not in ("callsystem", "taskmanager"):
        raise ValueError(f"no office rules for {app!r}")
    connection.exec_driver_sql(_HELPERS)
    if _exists(connection, _OUTBOX):
        connection.exec_driver_sql(
            "CREATE OR REPLACE TRIGGER integrado_outbox_actor BEFORE INSERT ON integrado_outbox"
            " FOR EACH ROW EXECUTE FUNCTION integrado_outbox_actor()"
        )
    if app == "callsystem" and _exists(connection, "calls"):
        connection.exec_driver_sql(_CALLS)
    if app == "taskmanager" and _exists(connection, "tasks"):
        connection.exec_driver_sql(_TASKS)
    # Made here, by the owner, rather than by the first relay service to start: a table that
    # one relay login made would be closed to the standby's login.
    connection.exec_driver_sql(CREATE_LEASE_TABLE)
    _pin_search_path(connection)
    roles = ensure_roles(connection)
    if app == "callsystem" and roles and _exists(connection, "calls"):
        connection.exec_driver_sql(_CALL_POLICIES)
    grant(connection)
