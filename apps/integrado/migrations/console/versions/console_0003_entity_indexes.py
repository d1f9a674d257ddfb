"""console database: indexes that let the wallboard start without reading the whole history

Revision ID: console_0003
Revises: console_0002

`ix_events_entity` orders each entity's events (system, origin, id) and carries the type and
status of each, so the latest state of every entity is read from the index alone (no table
rows), and one entity's events are found without a scan. `ix_events_user_time` finds an
operator's newest event.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "console_0003"
down_revision = "console_0002"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_entity": ["system", "origin", "entity_id", "id", "type", "status"],
    "ix_events_user_time": ["user", "occurred_at"],
}


def upgrade() -> None:
    # A database made from the models (before migrations existed) already has them.
    present = {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("events")}
    for name, columns in INDEXES.items():
        if name not in present:
            op.create_index(name, "events", columns, unique=False)


def downgrade() -> None:
    # Integrado never downgrades a database: an older program refuses a newer database instead.
    raise NotImplementedError("downgrades are not supported")
