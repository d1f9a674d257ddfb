"""The consumers' history: every event stored once (unique event_id), with the stream cursor
in the same transaction, plus rejected messages and detected gaps.

Used by the Event Console and by `integrado consume` (same database by default).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    select,
)

from integrado.bus import Gap, StreamPosition
from integrado.events.codec import ReceivedEvent, Rejection

metadata = MetaData()

events_table = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("system", String(32), nullable=False),
    Column("type", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("seq", BigInteger),
    Column("occurred_at", Float),  # epoch seconds (UTC); None for legacy events
    Column("received_at", Float, nullable=False),
    Column("user", String(200), nullable=False, default=""),
    Column("host", String(255), nullable=False, default=""),
    Column("correlation_id", String(36)),
    Column("legacy", Boolean, nullable=False, default=False),
    Column("channel", String(200), nullable=False),
    Column("raw", Text, nullable=False),
    Index("ix_events_received_at", "received_at"),
    Index("ix_events_occurred_at", "occurred_at"),
)

cursors_table = Table(
    "stream_cursors",
    metadata,
    Column("stream", String(200), primary_key=True),
    Column("last_id", String(64), nullable=False),
    Column("seqs", Text, nullable=False),  # JSON {origin: last seq}
    Column("updated_at", Float, nullable=False),
)

rejections_table = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("received_at", Float, nullable=False),
    Column("channel", String(200), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("preview", Text, nullable=False),
    Index("ix_rejections_received_at", "received_at"),
)

gaps_table = Table(
    "gaps",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("detected_at", Float, nullable=False),
    Column("stream", String(200), nullable=False),
    Column("source", String(64), nullable=False),
    Column("origin", String(64), nullable=False),
    Column("first_missing", BigInteger, nullable=False),
    Column("last_missing", BigInteger, nullable=False),
    Column("reason", String(16), nullable=False),
)

# Rejected messages are evidence, not history: keep the newest ones only.
MAX_STORED_REJECTIONS = 10_000


def parse_rfc3339(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except ValueError:
        return None


def event_row(ev: ReceivedEvent) -> dict[str, object]:
    return {
        "event_id": ev.event_id,
        "system": ev.system,
        "type": ev.type,
        "action": ev.action,
        "entity_id": ev.entity_id[:64],
        "seq": ev.seq,
        "occurred_at": parse_rfc3339(ev.occurred_at),
        "received_at": ev.received_at,
        "user": ev.user,
        "host": ev.host,
        "correlation_id": ev.correlation_id,
        "legacy": ev.legacy,
        "channel": ev.channel,
        "raw": ev.raw,
    }


class HistoryStore:
    """Implements the bus's EventSink on a SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)
        self._rejections_since_prune = 0

    def load_positions(self) -> dict[str, StreamPosition]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(cursors_table.c.stream, cursors_table.c.last_id, cursors_table.c.seqs))
            return {stream: StreamPosition(last_id, json.loads(seqs)) for stream, last_id, seqs in rows}

    def store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        new: list[ReceivedEvent] = []
        with self.engine.begin() as conn:
            if events:
                ids = [ev.event_id for ev in events]
                existing: set[str] = set()
                for chunk_start in range(0, len(ids), 500):
                    chunk = ids[chunk_start : chunk_start + 500]
                    existing.update(
                        conn.execute(
                            select(events_table.c.event_id).where(events_table.c.event_id.in_(chunk))
                        ).scalars()
                    )
                batch_ids: set[str] = set()
                for ev in events:
                    if ev.event_id not in existing and ev.event_id not in batch_ids:
                        batch_ids.add(ev.event_id)
                        new.append(ev)
                if new:
                    conn.execute(events_table.insert(), [event_row(ev) for ev in new])
            if positions:
                now = time.time()
                conn.execute(delete(cursors_table).where(cursors_table.c.stream.in_(list(positions))))
                conn.execute(
                    cursors_table.insert(),
                    [
                        {"stream": s, "last_id": p.last_id, "seqs": json.dumps(p.seqs), "updated_at": now}
                        for s, p in positions.items()
                    ],
                )
        return new

    def store_rejections(self, rejections: Sequence[Rejection]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                rejections_table.insert(),
                [
                    {
                        "received_at": r.received_at,
                        "channel": r.channel[:200],
                        "reason": str(r.reason),
                        "detail": r.detail,
                        "size": r.size,
                        "preview": r.preview,
                    }
                    for r in rejections
                ],
            )
            self._rejections_since_prune += len(rejections)
            if self._rejections_since_prune > 1000:
                self._rejections_since_prune = 0
                cutoff = conn.execute(
                    select(rejections_table.c.id)
                    .order_by(rejections_table.c.id.desc())
                    .offset(MAX_STORED_REJECTIONS)
                    .limit(1)
                ).scalar()
                if cutoff is not None:
                    conn.execute(delete(rejections_table).where(rejections_table.c.id <= cutoff))

    def store_gap(self, gap: Gap) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                gaps_table.insert().values(
                    detected_at=gap.detected_at,
                    stream=gap.stream,
                    source=gap.source,
                    origin=gap.origin,
                    first_missing=gap.first_missing,
                    last_missing=gap.last_missing,
                    reason=gap.reason,
                )
            )

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events_table)).scalar_one())

    def rejection_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(rejections_table.c.reason, func.count()).group_by(rejections_table.c.reason))
            return {reason: int(n) for reason, n in rows}

    def iter_raw(self, since: float | None = None, until: float | None = None) -> Iterator[tuple[float, str]]:
        """(received_at, raw JSON) in arrival order, streamed in chunks."""
        query = select(events_table.c.received_at, events_table.c.raw).order_by(events_table.c.id)
        if since is not None:
            query = query.where(events_table.c.received_at >= since)
        if until is not None:
            query = query.where(events_table.c.received_at < until)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(query)
            for received_at, raw in result:
                yield received_at, raw
