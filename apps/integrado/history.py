"""The consumers' history: every event stored once (unique event_id), with the stream cursor
in the same transaction, plus rejected messages and detected gaps.

Used by the Event Console and by `integrado consume` (same database by default).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

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
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from integrado.bus.sinks import EventsRefused
from integrado.bus.streams import Gap, GapReason, StreamPosition
from integrado.events.codec import MAX_EVENT_TYPE_LENGTH, ReceivedEvent, Rejection
from integrado.events.origin import UNKNOWN_ORIGIN, stored_origin
from integrado.events.system import System
from integrado.migrations import upgrade

metadata = MetaData()

events_table = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("system", String(32), nullable=False),
    Column("type", String(MAX_EVENT_TYPE_LENGTH), nullable=False),
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
    # One readable line per event ("Call #42 Maria Souza: status open → waiting"), computed once
    # at intake so that loading a day of history needs no JSON parsing.
    Column("summary", Text, nullable=False, default=""),
    # The entity's status after the event (calls: their status; tasks: "done"/"open"), for the
    # console's "open calls by status" chart without parsing every stored event.
    Column("status", String(64), nullable=False, default=""),
    # Who published it (the database's id, "legacy" for the older system): an entity is
    # (system, origin, entity_id), since ids repeat across databases.
    Column("origin", String(64), nullable=False, server_default=UNKNOWN_ORIGIN),
    Index("ix_events_received_at", "received_at"),
    Index("ix_events_occurred_at", "occurred_at"),
    # Each entity's events in order, with the type and status of each: the latest state of every
    # entity from the index alone (the wallboard's start without a checkpoint).
    Index("ix_events_entity", "system", "origin", "entity_id", "id", "type", "status"),
    Index("ix_events_user_time", "user", "occurred_at"),
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


_VERBS = {
    "created": "created",
    "closed": "closed",
    "completed": "completed",
    "reopened": "reopened",
    "deleted": "deleted",
    "restored": "restored",
    "moved": "moved",
    "assigned": "assigned",
    "note_added": "note added",
    "status_changed": "status changed",
    "updated": "updated",
}
SUMMARY_MAX = 200


def _short(value: object, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarize(payload: dict[str, Any], system: System, event_type: str, entity_id: str, legacy: bool) -> str:
    """A one-line, plain-text description of an event, from its keys, `data` and `changes`.

    Data text, never rendered as rich text. The verbs stay English: they are stored with the
    event (a translation of the console must not need a rewrite of the history).
    """
    data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
    assert isinstance(data, dict)
    verb = event_type.partition(".")[2] or str(payload.get("action", ""))
    if system == System.CALLSYSTEM:
        name = payload.get("cliente") or data.get("caller_name") or data.get("cliente") or ""
        head = f"Call #{entity_id} {_short(name)}".rstrip()
    elif system == System.TASKMANAGER:
        name = payload.get("title") or data.get("title") or ""
        head = f"Task #{entity_id} {_short(name)}".rstrip()
    else:
        head = f"#{entity_id}"
    changes = payload.get("changes")
    parts: list[str] = []
    if isinstance(changes, dict) and changes:
        # The status change says most; show it first and without its field name.
        for field_name in sorted(changes, key=lambda f: (f != "status", f)):
            pair = changes[field_name]
            if isinstance(pair, list) and len(pair) == 2:
                if field_name == "status":
                    # Status codes ("in_progress") read as words.
                    old, new = (_short(v, 24).replace("_", " ") for v in pair)
                    parts.append(f"{old} → {new}")
                else:
                    parts.append(f"{field_name} {_short(pair[0], 24)} → {_short(pair[1], 24)}")
    if verb == "note_added" and not parts:
        note = data.get("note") or data.get("last_note") or data.get("text")
        if isinstance(note, str) and note:
            parts.append(f"note: {_short(note, 60)}")
    if not parts:
        parts.append(_VERBS.get(verb, verb.replace("_", " ")))
    text = f"{head}: {'; '.join(parts)}"
    if legacy:
        text += " (legacy)"
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1] + "…"


def entity_status(payload: dict[str, Any], system: System) -> str:
    """The entity's status after the event: a call's status; a task's "done" or "open"."""
    data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
    assert isinstance(data, dict)
    if system == System.CALLSYSTEM:
        status = data.get("status", payload.get("status", ""))
    elif system == System.TASKMANAGER:
        completed = data.get("completed", payload.get("completed"))
        status = "" if completed is None else ("done" if completed else "open")
    else:
        status = payload.get("status", "")
    return status[:64] if isinstance(status, str) else ""


def event_summary(ev: ReceivedEvent) -> str:
    return summarize(ev.payload, ev.system, ev.type, ev.entity_id, ev.legacy)


EVENT_COLUMNS = (
    "event_id",
    "system",
    "type",
    "action",
    "entity_id",
    "seq",
    "occurred_at",
    "received_at",
    "user",
    "host",
    "correlation_id",
    "legacy",
    "channel",
    "raw",
    "summary",
    "status",
    "origin",
)


def event_values(ev: ReceivedEvent) -> tuple[Any, ...]:
    """The events-table row of an event, in EVENT_COLUMNS order."""
    return (
        ev.event_id,
        ev.system,
        ev.type[:MAX_EVENT_TYPE_LENGTH],  # the codec cuts it; an event built elsewhere may not be
        ev.action,
        ev.entity_id[:64],
        ev.seq,
        parse_rfc3339(ev.occurred_at),
        ev.received_at,
        ev.user,
        ev.host,
        ev.correlation_id,
        ev.legacy,
        ev.channel,
        ev.raw,
        event_summary(ev),
        entity_status(ev.payload, ev.system),
        stored_origin(ev.origin),
    )


def _first_line(exc: BaseException) -> str:
    """An error's first line, short: SQLAlchemy's messages go on with the statement and values."""
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def event_row(ev: ReceivedEvent) -> dict[str, object]:
    return dict(zip(EVENT_COLUMNS, event_values(ev), strict=True))


class HistoryStore:
    """Implements the bus's EventSink on a SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        upgrade(engine, "console")  # see ProducerPipeline.create
        metadata.create_all(engine)
        self._rejections_since_prune = 0
        self.view_extras: dict[str, tuple[float | None, str, str]] = {}
        self._insert_sql: str | None = None
        if engine.dialect.name == "sqlite":
            names = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
            self._insert_sql = f"INSERT INTO events ({names}) VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})"

    def load_positions(self) -> dict[str, StreamPosition]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(cursors_table.c.stream, cursors_table.c.last_id, cursors_table.c.seqs))
            return {stream: StreamPosition(last_id, json.loads(seqs)) for stream, last_id, seqs in rows}

    def store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        """Store events (and positions) in one transaction; those not stored before.

        Raises EventsRefused when a value of an event is what the database refused (out of a
        column's range, too long), so the bus can isolate that event; any other failure (disk
        full, server gone, locked) is raised as it is: nothing was stored, try again later.
        """
        try:
            return self._store(events, positions)
        except (DataError, IntegrityError) as exc:
            # A unique event_id stored meanwhile by another consumer of the same database is
            # an IntegrityError too: stored again alone, the event is found and skipped.
            raise EventsRefused(_first_line(exc)) from exc
        except DBAPIError:
            raise
        except (StatementError, OverflowError, ValueError, TypeError) as exc:
            # A value the driver cannot even bind (sqlite3: an int past 64 bits).
            raise EventsRefused(_first_line(exc)) from exc

    def _store(
        self, events: Sequence[ReceivedEvent], positions: dict[str, StreamPosition] | None
    ) -> list[ReceivedEvent]:
        new: list[ReceivedEvent] = []
        self.view_extras = {}
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
                    values = [event_values(ev) for ev in new]
                    if self._insert_sql is not None:
                        # SQLite: straight to the driver's executemany (a third less per row than
                        # SQLAlchemy's per-row bind processing, which plain values do not need).
                        conn.exec_driver_sql(self._insert_sql, values)
                    else:
                        conn.execute(events_table.insert(), [dict(zip(EVENT_COLUMNS, v, strict=True)) for v in values])
                    # occurred_at (epoch), summary, status: what the console's table needs, so it
                    # does not compute them a second time (read right after store() returns).
                    self.view_extras = {v[0]: (v[6], v[14], v[15]) for v in values}
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

    # -- queries for the Event Console and `integrado export` ------------------------------------

    VIEW_COLUMNS = (
        "event_id",
        "received_at",
        "occurred_at",
        "system",
        "type",
        "entity_id",
        "summary",
        "user",
        "host",
        "legacy",
        "status",
        "origin",
    )

    def _view_query(
        self,
        since: float | None,
        until: float | None,
        sources: Iterable[str] | None = None,
        types: Iterable[str] | None = None,
        *,
        with_raw: bool = False,
    ) -> Any:
        t = events_table
        cols = [t.c[name] for name in self.VIEW_COLUMNS]
        if with_raw:
            cols.append(t.c.raw)
        query = select(*cols)
        if since is not None:
            query = query.where(t.c.received_at >= since)
        if until is not None:
            query = query.where(t.c.received_at < until)
        if sources:
            query = query.where(t.c.system.in_(list(sources)))
        if types:
            query = query.where(t.c.type.in_(list(types)))
        return query

    def load_view_rows(
        self, since: float | None = None, until: float | None = None, limit: int | None = None
    ) -> list[tuple[Any, ...]]:
        """The newest `limit` events received in [since, until), oldest first, as plain tuples
        in VIEW_COLUMNS order (no JSON parsing: the summary was computed at intake)."""
        # From a start time, the received_at index finds the range and its rows are sorted: for
        # "ORDER BY id DESC LIMIT n" SQLite scans the whole table backwards by id whenever fewer
        # than n rows match (a million rows read for a day's 17,000: 0.4 s instead of 0.04 s).
        # `id + 0` gives the same order without offering that scan.
        newest_first = (events_table.c.id + 0).desc() if since is not None else events_table.c.id.desc()
        query = self._view_query(since, until).order_by(newest_first)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(query)]
        rows.reverse()
        return rows

    def count_range(self, since: float | None = None, until: float | None = None) -> int:
        query = select(func.count()).select_from(events_table)
        if since is not None:
            query = query.where(events_table.c.received_at >= since)
        if until is not None:
            query = query.where(events_table.c.received_at < until)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def raw_by_event_id(self, event_ids: Sequence[str]) -> dict[str, str]:
        """The stored JSON of each event (for the details pane and JSON Lines exports)."""
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(event_ids), 500):
                chunk = list(event_ids[start : start + 500])
                rows = conn.execute(
                    select(events_table.c.event_id, events_table.c.raw).where(events_table.c.event_id.in_(chunk))
                )
                found.update((eid, raw) for eid, raw in rows)
        return found

    def iter_export(
        self,
        since: float | None = None,
        until: float | None = None,
        sources: Iterable[str] | None = None,
        types: Iterable[str] | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """VIEW_COLUMNS + raw, in arrival order, streamed in chunks (for `integrado export`)."""
        query = self._view_query(since, until, sources, types, with_raw=True).order_by(events_table.c.id)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(query)
            for row in result:
                yield tuple(row)

    def recent_rejections(self, limit: int = 500) -> list[tuple[float, str, str, str, int, str]]:
        """(received_at, channel, reason, detail, size, preview), newest first."""
        t = rejections_table
        query = (
            select(t.c.received_at, t.c.channel, t.c.reason, t.c.detail, t.c.size, t.c.preview)
            .order_by(t.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(query)]

    def recent_gaps(self, limit: int = 100) -> list[Gap]:
        t = gaps_table
        query = select(
            t.c.stream, t.c.source, t.c.origin, t.c.first_missing, t.c.last_missing, t.c.reason, t.c.detected_at
        ).order_by(t.c.id.desc())
        with self.engine.connect() as conn:
            return [
                Gap(stream, source, origin, first, last, GapReason(reason), detected_at)
                for stream, source, origin, first, last, reason, detected_at in conn.execute(query.limit(limit))
            ]
