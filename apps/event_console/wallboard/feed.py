"""The wallboard's input: the console's history database, read in the order it was written.

Every event the intake process stores gets the next row id, so "the rows after the last one
folded" is all that is new, whether it arrived live, was caught up from a stream after a
disconnection, or was stored while the console was closed. The same query serves the start and
each live batch (an indexed range on the primary key), so nothing is folded twice or missed, and
events outside the range the table shows count all the same.

A checkpoint (the board and the alerts, pickled, with the last row id and the database's
identity) is written now and then and at exit, so a start folds only what came after it. Without
a usable checkpoint (first start, another database, a newer format) the board is rebuilt from the
whole history: the same fold, only longer.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from event_console.alerts import wire
from event_console.alerts.engine import Alert
from event_console.wallboard.board import OperationsBoard
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

_COLUMNS = (
    events_table.c.id,
    events_table.c.raw,
    events_table.c.origin,
    events_table.c.occurred_at,
    events_table.c.received_at,
)


class HistoryFeed:
    """Reads the history rows after a row id and folds them into an `OperationsBoard`.

    `on_alert(facts, at)` hears every alert event folded (the alerts engine applies them)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def identity(self) -> str:
        """The database as a checkpoint names it: its URL and its first event's id."""
        with self.engine.connect() as conn:
            first = conn.execute(select(events_table.c.event_id).order_by(events_table.c.id).limit(1)).scalar()
        return f"{self.engine.url.render_as_string(hide_password=True)}|{first or ''}"

    def last_row_id(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(events_table.c.id))).scalar() or 0)

    def rows_after(self, row_id: int, limit: int = CHUNK_ROWS) -> Sequence[Any]:
        with self.engine.connect() as conn:
            stmt = select(*_COLUMNS).where(events_table.c.id > row_id).order_by(events_table.c.id).limit(limit)
            return conn.execute(stmt).all()

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


def fold_rows(
    board: OperationsBoard, rows: Sequence[Any], on_alert: Callable[[wire.AlertFacts, float], object]
) -> None:
    """Fold history rows `(id, raw, origin, occurred_at, received_at)` in order."""
    import orjson

    loads = orjson.loads
    apply = board.apply
    for row_id, raw, origin, occurred, received in rows:
        at = occurred if occurred is not None else received
        try:
            event = loads(raw)
        except orjson.JSONDecodeError:
            continue
        if type(event) is dict:
            if event.get("system") == "console":
                facts = wire.read(event)
                if facts is not None:
                    on_alert(facts, at)
            else:
                apply(event, origin, at)
        board.last_row_id = row_id


# -- the checkpoint ---------------------------------------------------------------------------


def save_checkpoint(path: Path, identity: str, board: OperationsBoard, alerts: list[Alert]) -> None:
    """Write atomically (a new file renamed over the old): a crash mid-write keeps the last one."""
    blob = pickle.dumps((CHECKPOINT_FORMAT, _shape(), identity, board, alerts), protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
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
        fmt, shape, stored_identity, board, alerts = pickle.loads(blob)  # noqa: S301 - our own file, see above
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
