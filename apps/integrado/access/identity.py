"""Who an app is connected as: the PostgreSQL login (`session_user`) and its office role.

The name comes from the server, never from the client's settings, so what the app shows is what
the database writes as the author of each action.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from integrado.access.rights import Role
from integrado.events.envelope import Actor

OPERATOR_ROLE = "integrado_operator"
SUPERVISOR_ROLE = "integrado_supervisor"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The signed-in user as the database knows them."""

    user: str
    role: Role


def who_am_i(connection: Connection) -> SignedIn:
    """Ask the server who this connection is and which office role it holds.

    A superuser, or a member of the login that owns the database or the outbox table (the one
    that ran the migrations), is `Role.OWNER`; a member of
    `integrado_supervisor` is a supervisor; anything else is treated as an operator (the database
    refuses it whatever it tries beyond an operator's grants)."""
    if connection.dialect.name != "postgresql":
        raise ValueError("who_am_i needs a PostgreSQL connection (a single PC has no sign-in)")
    row = connection.execute(
        text(
            "SELECT session_user::text AS name,"
            " (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS superuser,"
            " pg_has_role(session_user, d.datdba, 'MEMBER')"
            "   OR COALESCE((SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c"
            "                 WHERE c.oid = to_regclass('integrado_outbox')), false) AS owner,"
            " EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :sup)"
            "   AND pg_has_role(session_user, :sup, 'member') AS supervisor"
            " FROM pg_database d WHERE d.datname = current_database()"
        ),
        {"sup": SUPERVISOR_ROLE},
    ).one()
    if row.superuser or row.owner:
        role = Role.OWNER
    elif row.supervisor:
        role = Role.SUPERVISOR
    else:
        role = Role.OPERATOR
    return SignedIn(user=row.name, role=role)


def database_actor(engine: Engine, actor: Actor) -> Actor | None:
    """The actor the database writes for this engine's login, when it is not the client's to say:
    on a shared PostgreSQL an office login's name (`session_user`; the triggers write it whatever
    the client sends), with this PC's host. None on SQLite and for the database's owner, whose
    name is the client's (`actor`): a single PC's OS login, or the administrator's tools."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        signed = who_am_i(connection)
    if signed.role is Role.OWNER:
        return None
    return Actor(user=signed.user[:200], host=actor.host)
