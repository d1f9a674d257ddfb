"""Who an app is connected as: the PostgreSQL login (`session_user`) and its office role.

The name comes from the server, never from the client's settings, so what the app shows is what
the database writes as the author of each action.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from integrado.access.rights import Role

OPERATOR_ROLE = "integrado_operator"
SUPERVISOR_ROLE = "integrado_supervisor"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The signed-in user as the database knows them."""

    user: str
    role: Role


def who_am_i(connection: Connection) -> SignedIn:
    """Ask the server who this connection is and which office role it holds.

    A login that owns the database or is a superuser is `Role.OWNER`; a member of
    `integrado_supervisor` is a supervisor; anything else is treated as an operator (the database
    refuses it whatever it tries beyond an operator's grants)."""
    if connection.dialect.name != "postgresql":
        raise ValueError("who_am_i needs a PostgreSQL connection (a single PC has no sign-in)")
    row = connection.execute(
        text(
            "SELECT session_user::text AS name,"
            " (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS superuser,"
            " pg_catalog.pg_get_userbyid(d.datdba) = session_user AS owner,"
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
