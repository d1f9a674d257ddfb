"""taskmanager database: office roles, grants, and removing a task with subtasks for supervisors

Revision ID: taskmanager_0002
Revises: taskmanager_0001

On a shared PostgreSQL database: the roles `integrado_operator`, `integrado_supervisor` and
`integrado_relay` (when this login may create roles; otherwise `integrado admin` does), their
grants, the trigger that writes `session_user` as the outbox event's `actor.user`, and the one
that keeps the removal of a task with subtasks to supervisors (see `integrado.access.schema`).
SQLite is unchanged: a single PC has no roles.
"""

from __future__ import annotations

from alembic import op

from integrado.access import schema

revision = "taskmanager_0002"
down_revision = "taskmanager_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema.install(bind, "taskmanager")


def downgrade() -> None:
    # Integrado never downgrades a database: an older program refuses a newer database instead.
    raise NotImplementedError("downgrades are not supported")
