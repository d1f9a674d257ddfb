"""Reads an entity's history from the console's history database (see `event_console.audit`)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from event_console.audit import AuditEntry, EntityRef, changes_of
from integrado.history import events_table


class EntityHistoryReader:
    """Reads an entity's events from the console's history database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def entries(self, ref: EntityRef) -> list[AuditEntry]:
        """Every stored event of `ref`, oldest first (by when it happened, then its sequence)."""
        t = events_table
        query = select(
            t.c.event_id,
            t.c.occurred_at,
            t.c.received_at,
            t.c.type,
            t.c.action,
            t.c.user,
            t.c.host,
            t.c.seq,
            t.c.correlation_id,
            t.c.legacy,
            t.c.summary,
            t.c.status,
            t.c.raw,
        ).where(t.c.system == ref.system, t.c.entity_id == ref.entity_id, t.c.origin == ref.origin)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        found = [
            AuditEntry(
                event_id=r.event_id,
                occurred_at=r.occurred_at,
                received_at=r.received_at,
                type=r.type,
                action=r.action,
                user=r.user or "",
                host=r.host or "",
                seq=r.seq,
                correlation_id=r.correlation_id,
                legacy=bool(r.legacy),
                summary=r.summary or "",
                status=r.status or "",
                changes=changes_of(r.raw),
                raw=r.raw,
            )
            for r in rows
        ]
        found.sort(key=lambda e: (e.when, -1 if e.seq is None else e.seq, e.received_at))
        return found
