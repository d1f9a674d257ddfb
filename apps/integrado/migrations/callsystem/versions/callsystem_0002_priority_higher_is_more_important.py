"""callsystem database: a higher priority value means a more important call

Revision ID: callsystem_0002
Revises: callsystem_0001

`calls.priority` stored 1 = critical ... 4 = low; it now stores 1 = low ... 4 = critical, the
direction TaskManager's priorities run. Events never carried the integer (their `data` and
`changes` hold the name: "critical", "high", ...), so no consumer sees a difference.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "callsystem_0002"
down_revision = "callsystem_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One statement flips every row (1 <-> 4, 2 <-> 3), so no value is ever read half-converted.
    calls = sa.table("calls", sa.column("priority", sa.Integer()))
    op.execute(calls.update().where(calls.c.priority.between(1, 4)).values(priority=5 - calls.c.priority))


def downgrade() -> None:
    # Integrado never downgrades a database: an older program refuses a newer database instead.
    raise NotImplementedError("downgrades are not supported")
