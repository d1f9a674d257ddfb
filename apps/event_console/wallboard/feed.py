"""The wallboard's input: the console's history database, read in the order it was written.

Every event the intake process stores gets the next row id, so "the rows after the last one
folded" is all that is new, whether it arrived live, was caught up from a stream after a
disconnection, or was stored while the console was closed. The same query serves the start and
each live batch (an indexed range on the primary key), so nothing is folded twice or missed, and
events outside the range the table shows count all the same.

A checkpoint (the board and the alerts, pickled, with the last row id and the database's
identity) is written now and then and at exit, so a start folds only what came after it. Without
a usable checkpoint (first start, another database, a newer format) `fold_cold` builds the board
from the rows its figures depend on, not from the whole history: the events of every call and
task whose latest event left it open (found from the history's `ix_events_entity` index alone),
of every one touched since yesterday's midnight (what "resolved today vs yesterday" and the
operators' day read), and every alert event; then each operator's newest event where that is
older. Those rows go through the same ledger as every other, so the tiles, the operators' cells
and the alerts are those of a fold of the whole history (a test holds the two side by side).
"""

from __future__ import annotations

import heapq
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Connection, Engine, Select, and_, bindparam, case, func, or_, select, union

from event_console.alerts import wire
from event_console.alerts.engine import Alert
from event_console.operations import CALLSYSTEM, NEEDS_RAW_TYPES, RESOLVED_STATUSES, TASKMANAGER
from event_console.wallboard.board import OperationsBoard, day_start
from integrado.history import events_table

log = logging.getLogger(__name__)

CHECKPOINT_FORMAT = 1


def _shape() -> tuple[tuple[str, ...], ...]:
    """The fields of everything a checkpoint holds: a checkpoint written by a build whose board,
    ledger facts or alerts had other fields is not read back (it is rebuilt instead)."""
    from dataclasses import fields

    from event_console.operations import CallFacts, OperatorFacts, TaskFacts

    return tuple(
        tuple(f.name for f in fields(cls)) for cls in (OperationsBoard, CallFacts, TaskFacts, OperatorFacts, Alert)
    )


CHUNK_ROWS = 20_000


def _fold_columns(*, alerts: bool = True) -> tuple[Any, ...]:
    """What a fold reads of each row: the columns `apply_row` takes, and the JSON only of the
    events whose columns lack what they change (and of the alerts, which are read from it,
    unless the query reads no alert rows): most rows are folded without reading or parsing
    their JSON."""
    t = events_table
    needs_raw = or_(t.c.type.in_(sorted(NEEDS_RAW_TYPES)), t.c.legacy)
    if alerts:
        needs_raw = or_(needs_raw, t.c.system == _CONSOLE)
    return (
        t.c.id,
        t.c.system,
        t.c.type,
        t.c.entity_id,
        t.c.origin,
        t.c.user,
        t.c.status,
        t.c.occurred_at,
        t.c.received_at,
        case((needs_raw, t.c.raw), else_=None),
    )


class HistoryFeed:
    """Reads the history rows after a row id and folds them into an `OperationsBoard`.

    `on_alert(facts, at)` hears every alert event folded (the alerts engine applies them)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # The live read, compiled once and run on the driver's cursor: each fold under a flood
        # reads thousands of rows, and SQLAlchemy's compile and row objects cost as much as
        # SQLite's read itself. The type names bound in it are ours.
        stmt = (
            select(*_fold_columns())
            .where(events_table.c.id > bindparam("after", 0))
            .order_by(events_table.c.id)
            .limit(bindparam("limit", 0))
        )
        self._live_stmt = stmt
        self._live_sql = ""
        compiled = stmt.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
        if compiled.positional and compiled.positiontup:  # SQLite; another driver takes the plain path
            defaults = compiled.construct_params()
            names = list(compiled.positiontup)
            self._live_sql = compiled.string
            self._live_args = [defaults[name] for name in names]
            self._live_slots = (names.index("after"), names.index("limit"))

    def identity(self) -> str:
        """The database as a checkpoint names it: its URL and its first event's id."""
        with self.engine.connect() as conn:
            first = conn.execute(select(events_table.c.event_id).order_by(events_table.c.id).limit(1)).scalar()
        return f"{self.engine.url.render_as_string(hide_password=True)}|{first or ''}"

    def last_row_id(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(events_table.c.id))).scalar() or 0)

    def rows_after(self, row_id: int, limit: int = CHUNK_ROWS) -> Sequence[Any]:
        if not self._live_sql:
            with self.engine.connect() as conn:
                return conn.execute(self._live_stmt, {"after": row_id, "limit": limit}).all()
        args = list(self._live_args)
        args[self._live_slots[0]], args[self._live_slots[1]] = row_id, limit
        with self.engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(self._live_sql, args)
                return cursor.fetchall()
            finally:
                cursor.close()

    def chunks_after(self, row_id: int) -> Iterator[Sequence[Any]]:
        while True:
            rows = self.rows_after(row_id)
            if not rows:
                return
            yield rows
            row_id = int(rows[-1][0])
            if len(rows) < CHUNK_ROWS:
                return

    def fold_new(
        self,
        board: OperationsBoard,
        on_alert: Callable[[wire.AlertFacts, float], object],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Fold every row after `board.last_row_id`; returns how many were read."""
        read = 0
        for rows in self.chunks_after(board.last_row_id):
            fold_rows(board, rows, on_alert)
            read += len(rows)
            if progress is not None:
                progress(read)
        return read

    def fold_cold(
        self, board: OperationsBoard, on_alert: Callable[[wire.AlertFacts, float], object], now: float
    ) -> int:
        """Build an empty board as of the last stored row from only the rows its figures at
        `now` depend on (see the module docstring); returns how many rows were folded.

        The board is then pruned at `now`, as a board folded from the whole history is before
        its checkpoint: the two are the same from there on."""
        with self.engine.connect() as conn:
            last = int(conn.execute(select(func.max(events_table.c.id))).scalar() or 0)
            if not last:
                return 0
            # Every query stops at that row: what is stored meanwhile is the next fold's.
            since = day_start(day_start(now) - 1)
            read = 0
            apply = board.apply_row
            # Two streams, each in row order, merged: the open calls (the longest
            # pass over the index, few rows) and the open tasks with what the window touched.
            readers = [_Reader(self.engine, query) for query in _entity_queries(last, since)]
            try:
                previous = 0
                for row in heapq.merge(*(reader.rows() for reader in readers)):
                    row_id, system, event_type, entity_id, origin, user, status, occurred, received, raw = row
                    if row_id == previous:
                        continue  # an entity in both streams (an open call touched today)
                    previous = row_id
                    read += 1
                    if system in _OPERATIONS:
                        apply(
                            system,
                            event_type,
                            entity_id,
                            origin,
                            user,
                            status,
                            occurred if occurred is not None else received,
                            raw,
                        )
            finally:
                for reader in readers:
                    reader.close()
            alert_rows = conn.execute(
                select(events_table.c.raw, events_table.c.occurred_at, events_table.c.received_at)
                .where(events_table.c.system == _CONSOLE, events_table.c.id <= last)
                .order_by(events_table.c.id)
            ).all()
            for raw, occurred, received in alert_rows:
                _fold_alert(raw, occurred if occurred is not None else received, on_alert)
            _complete_operators(conn, board, last, since)
            board.ledger.events_applied = _operations_count(conn, last)
        board.last_row_id = last
        board.prune(now)
        return read + len(alert_rows)


_CONSOLE = "console"
_OPERATIONS = (CALLSYSTEM, TASKMANAGER)
# The older system's call statuses, as the history stores them: "concluida" is closed.
_CLOSED_CALL_STATUSES = (*sorted(RESOLVED_STATUSES), "concluida")


def _over(t: Any) -> dict[str, ColumnElement[bool]]:
    """Per system, an event after which its call or task is no longer open (resolved, closed,
    completed or deleted) whatever came before it: the ledger's rules, on the columns the
    `ix_events_entity` index carries."""
    return {
        CALLSYSTEM: or_(
            t.c.type == "call.deleted",
            t.c.status.in_(_CLOSED_CALL_STATUSES),
            and_(t.c.type == "call.closed", t.c.status == ""),
        ),
        TASKMANAGER: or_(
            t.c.type.in_(("task.deleted", "task.completed")),
            and_(t.c.status == "done", t.c.type != "task.reopened"),
        ),
    }


def _entity_queries(last: int, since: float) -> list[Select[Any]]:
    """Every event (up to row `last`) of the calls and tasks that are open or have an event at
    or after `since`, as the ledger's `apply_row` takes them (the JSON only of the events that
    need it), each query's rows in row order: one query for the open calls, one for the open
    tasks and what the window touched (an entity may be in both). Rows of other systems may
    come too: the caller skips them."""
    t = events_table
    # Open: the entity's latest event is not one after which it is over. One pass over the
    # covering index per system, grouped by entity: no table row is read.
    open_of: dict[str, Any] = {}
    for system, over in _over(t).items():
        last_over = func.max(t.c.id).filter(over)
        open_of[system] = (
            select(t.c.system, t.c.origin, t.c.entity_id)
            .where(t.c.system == system, t.c.id <= last)
            .group_by(t.c.system, t.c.origin, t.c.entity_id)
            .having(func.coalesce(last_over, 0) < func.max(t.c.id))
        )
    # Touched since: the events in the window by their time (the older system's by arrival),
    # through the time indexes; the ids first, so the window decides the plan, not the grouping.
    recent = events_table.alias("recent")
    in_window = union(
        select(t.c.id).where(t.c.occurred_at >= since),
        select(t.c.id).where(t.c.occurred_at.is_(None), t.c.received_at >= since),
    )
    touched = select(recent.c.system, recent.c.origin, recent.c.entity_id).where(recent.c.id.in_(in_window))
    return [
        _events_of(open_of[CALLSYSTEM].cte("wanted"), last),
        _events_of(union(open_of[TASKMANAGER], touched).cte("wanted"), last),
    ]


def _events_of(entities: Any, last: int) -> Select[Any]:
    """The events up to row `last` of the `entities` (system, origin, entity_id), in row order.

    Their ids from the index alone, then those rows by id: the rows come in the order they are
    folded, so folding starts with the first chunk (a join ordered by id would have SQLite's
    planner walk the whole table instead)."""
    t = events_table
    e = events_table.alias("e")
    ids = select(e.c.id).select_from(
        entities.join(
            e,
            and_(
                e.c.system == entities.c.system,
                e.c.origin == entities.c.origin,
                e.c.entity_id == entities.c.entity_id,
                e.c.id <= last,
            ),
        )
    )
    return select(*_fold_columns(alerts=False)).where(t.c.id.in_(ids)).order_by(t.c.id)


CHUNK_COLD = 5000


class _Reader:
    """A query's rows straight from the driver's cursor (plain tuples, in chunks), read on the
    folding thread. They were read by threads of their own, the database working while the rows
    before were folded (0.35 s sooner over a million events), but three threads taking turns at
    the GIL held the window's thread off for 100-230 ms at a time; one thread, 29 ms (median of
    five first starts). The values written into the statement are ours (a row id, a time, type
    names). `close()` closes the cursor and its connection, whether the rows were all read or not."""

    def __init__(self, engine: Engine, query: Select[Any]) -> None:
        self._sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
        self._conn = engine.connect()
        self._cursor = self._conn.connection.cursor()

    def rows(self) -> Iterator[Any]:
        self._cursor.execute(self._sql)
        while part := self._cursor.fetchmany(CHUNK_COLD):
            yield from part

    def close(self) -> None:
        try:
            self._cursor.close()
        finally:
            self._conn.close()


def _operations_count(conn: Connection, last: int) -> int:
    """The events up to row `last` that a whole fold counts (all but the alerts), as the
    wallboard's status line says them. Three cheap counts rather than one with a condition on
    the system: a bare count reads the smallest index, the other two a narrow range."""
    t = events_table

    def count(*where: ColumnElement[bool]) -> int:
        return int(conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one())

    everything = int(conn.execute(select(func.count()).select_from(t)).scalar_one())
    return everything - count(t.c.id > last) - count(t.c.system == _CONSOLE, t.c.id <= last)


def _complete_operators(conn: Connection, board: OperationsBoard, last: int, since: float) -> None:
    """An operator's last activity is their newest event of any kind; the rows folded hold
    every event since `since`, so only who was last active before it is looked up (their newest
    operations event, through `ix_events_user_time`)."""
    t = events_table
    for user, op in board.ledger.operators.items():
        if not user or (op.last_activity_at is not None and op.last_activity_at >= since):
            continue
        newest = conn.execute(
            select(t.c.occurred_at)
            .where(t.c.user == user, t.c.occurred_at.is_not(None), t.c.system.in_(_OPERATIONS), t.c.id <= last)
            .order_by(t.c.occurred_at.desc())
            .limit(1)
        ).scalar()
        if newest is not None and (op.last_activity_at is None or newest > op.last_activity_at):
            op.last_activity_at = newest


def _fold_alert(raw: str | bytes, at: float, on_alert: Callable[[wire.AlertFacts, float], object]) -> None:
    try:
        event = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return
    if type(event) is dict:
        facts = wire.read(event)
        if facts is not None:
            on_alert(facts, at)


def fold_rows(
    board: OperationsBoard, rows: Sequence[Any], on_alert: Callable[[wire.AlertFacts, float], object]
) -> None:
    """Fold history rows as `rows_after` reads them, in order: the operations events from
    their columns (`apply_row`), the alerts from their JSON."""
    apply = board.apply_row
    for row_id, system, event_type, entity_id, origin, user, status, occurred, received, raw in rows:
        at = occurred if occurred is not None else received
        if system == _CONSOLE:
            if raw is not None:
                _fold_alert(raw, at, on_alert)
        elif system in _OPERATIONS:
            apply(system, event_type, entity_id, origin, user, status, at, raw)
        board.last_row_id = row_id


# -- the checkpoint ---------------------------------------------------------------------------


def save_checkpoint(path: Path, identity: str, board: OperationsBoard, alerts: list[Alert]) -> None:
    """Write atomically (a new file renamed over the old): a crash mid-write keeps the last one.

    Pickled a frame at a time (`_FrameWriter`), so that a save in a worker thread lets the
    window's thread run between two frames."""
    frames = _FrameWriter()
    pickle.Pickler(frames, protocol=pickle.HIGHEST_PROTOCOL).dump(
        (CHECKPOINT_FORMAT, _shape(), identity, board, alerts)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.writelines(frames.parts)
        os.replace(tmp, path)
    except OSError:
        log.warning("could not write the wallboard checkpoint %s", path, exc_info=True)
        Path(tmp).unlink(missing_ok=True)


def load_checkpoint(path: Path, identity: str, last_row_id: int) -> tuple[OperationsBoard, list[Alert]] | None:
    """The board and alerts of a checkpoint of this database, None when there is none usable.

    The file is this program's own, in the user's data folder (not something that arrived from
    the network); anything that does not read back as expected is ignored and rebuilt."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        loaded = pickle.Unpickler(_FrameByFrame(blob)).load()  # noqa: S301 - our own file, see above
        fmt, shape, stored_identity, board, alerts = loaded
    except Exception:  # noqa: BLE001 - a truncated or foreign file: rebuild instead
        log.warning("ignoring an unreadable wallboard checkpoint %s", path)
        return None
    if fmt != CHECKPOINT_FORMAT or shape != _shape() or stored_identity != identity:
        return None
    if not isinstance(board, OperationsBoard):
        return None
    if board.last_row_id > last_row_id:  # the database was rolled back or replaced
        return None
    return board, list(alerts)


class _FrameWriter:
    """Where `pickle.Pickler` writes a checkpoint: it hands over a frame (64 KiB) at a time, and
    between two frames the GIL is let go. Pickling a big board (4 MB) takes ~90 ms, all of it
    holding the GIL when done in one `pickle.dumps`: from a worker thread that would freeze the
    window as surely as on its own thread."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes | memoryview) -> int:
        self.parts.append(bytes(data))
        time.sleep(0)
        return len(data)


class _FrameByFrame:
    """A checkpoint's bytes for `pickle.Unpickler`, which reads them a frame (64 KiB) at a time:
    between two frames the GIL is let go, so that a big board (4 MB, ~70 ms to unpickle) read in
    a worker thread does not hold the window's thread off for 30-40 ms at a stretch (13 ms)."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        time.sleep(0)
        end = len(self._data) if size < 0 else min(len(self._data), self._pos + size)
        chunk = bytes(self._data[self._pos : end])
        self._pos = end
        return chunk

    def readinto(self, buffer: memoryview) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def readline(self) -> bytes:
        end = bytes(self._data[self._pos :]).find(b"\n")
        return self.read(-1 if end < 0 else end + 1)
