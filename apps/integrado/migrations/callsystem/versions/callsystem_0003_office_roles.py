"""callsystem database: office roles, grants, row-level security, authors written by the database

Revision ID: callsystem_0003
Revises: callsystem_0002

On a shared PostgreSQL database: the roles `integrado_operator`, `integrado_supervisor` and
`integrado_relay` (when this login may create roles; otherwise `integrado admin` does), their
grants, the triggers that write `session_user` as each row's author and as the outbox event's
`actor.user`, and the rules of who may change which call (see `integrado.access.schema`).
SQLite is unchanged: a single PC has no roles.
"""

from __future__ import annotations

from alembic import op

from integrado.access import schema

revision = "callsystem_0003"
down_revision = "callsystem_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema.install(bind, "callsystem")


def downgrade() -> None:
    # Integrado never downgrades a database: an older program refuses a newer database instead.
    raise NotImplementedError("downgrades are not supported")
