"""console database: each event's origin, so that entities are (system, origin, id)

Revision ID: console_0002
Revises: console_0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "console_0002"
down_revision = "console_0001"
branch_labels = None
depends_on = None

LEGACY_ORIGIN = "legacy"
UNKNOWN_ORIGIN = "unknown"
# Markers a consumer records for "no origin": never taken for a database's id.
_NOT_AN_ORIGIN = ("", UNKNOWN_ORIGIN, LEGACY_ORIGIN)

events = sa.table(
    "events",
    sa.column("origin", sa.String),
    sa.column("system", sa.String),
    sa.column("channel", sa.String),
    sa.column("legacy", sa.Boolean),
)
cursors = sa.table("stream_cursors", sa.column("stream", sa.String), sa.column("seqs", sa.Text))


def upgrade() -> None:
    bind = op.get_bind()
    if "origin" in {column["name"] for column in sa.inspect(bind).get_columns("events")}:
        return  # made from the models before migrations existed: it has the column, rows and all
    # A plain ADD COLUMN (no table copy, even on SQLite): a day of history may be a million rows.
    op.add_column("events", sa.Column("origin", sa.String(length=64), server_default=UNKNOWN_ORIGIN, nullable=False))
    op.execute(events.update().where(events.c.legacy == sa.true()).values(origin=LEGACY_ORIGIN))
    for system, origin in _known_origins(bind).items():
        op.execute(
            events.update().where(events.c.legacy == sa.false(), events.c.system == system).values(origin=origin)
        )


def _known_origins(bind: sa.Connection) -> dict[str, str]:
    """The origin of each system's stored events, where the streams say it: the cursors hold
    every origin seen on each stream, and a system whose streams only ever carried one origin
    published all its events from it (the Pub/Sub copies of those events included)."""
    origins: dict[str, set[str]] = {}
    for stream, seqs in bind.execute(sa.select(cursors.c.stream, cursors.c.seqs)):
        try:
            seen = {o for o in json.loads(seqs) if isinstance(o, str) and o not in _NOT_AN_ORIGIN}
        except (TypeError, ValueError, AttributeError):
            seen = set()
        systems = bind.execute(
            sa.select(events.c.system).where(events.c.channel == stream, events.c.legacy == sa.false()).distinct()
        ).scalars()
        for system in systems:
            origins.setdefault(system, set()).update(seen or {UNKNOWN_ORIGIN})
    return {
        system: next(iter(seen)) for system, seen in origins.items() if len(seen) == 1 and UNKNOWN_ORIGIN not in seen
    }


def downgrade() -> None:
    # Integrado never downgrades a database: an older program refuses a newer database instead.
    raise NotImplementedError("downgrades are not supported")
