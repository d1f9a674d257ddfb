"""`RowBatch`: table rows in column form, as the intake process hands them to the window.

A batch is a few byte strings (numpy buffers) and short string tables, cheap to pickle across
the socket and appended by the window's column store with numpy in microseconds per batch,
instead of a Python object per row and cell.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from integrado.events.origin import stored_origin

if TYPE_CHECKING:
    from integrado.events.codec import ReceivedEvent

# The table's text columns, in RowBatch.strings (each: distinct values + an index per row).
STRING_COLUMNS = ("system", "type", "entity_id", "user", "host", "status", "origin")


def id_bytes(event_id: str) -> bytes:
    """16 bytes per event id: the UUID's bytes (every valid event), else a stable digest."""
    if len(event_id) == 36:
        try:
            return bytes.fromhex(event_id.replace("-", ""))  # = uuid.UUID(event_id).bytes, 5x faster
        except ValueError:
            pass
    try:
        return uuid.UUID(event_id).bytes
    except ValueError:
        return hashlib.blake2b(event_id.encode("utf-8", "replace"), digest_size=16).digest()


@dataclass(slots=True)
class RowBatch:
    """Table rows in column form: what the GUI appends to its column store with numpy.

    Row fields are those of HistoryStore.VIEW_COLUMNS: event_id, received_at, occurred_at (NaN
    for legacy events), system, type, entity_id, summary, user, host, legacy, status, origin.
    """

    size: int
    event_id: bytes  # 16 bytes a row (id_bytes)
    received: bytes  # float64 a row
    occurred: bytes  # float64 a row
    legacy: bytes  # one byte a row
    strings: dict[str, tuple[list[str], bytes]]  # column -> (distinct values, uint32 index a row)
    summary: bytes  # UTF-8, each row's text followed by a NUL (no event text holds one)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]]) -> RowBatch:
        """Column form of VIEW_COLUMNS tuples; about 1.5 µs a row (transposed once, then whole
        columns at a time)."""
        n = len(rows)
        if not n:
            return cls(0, b"", b"", b"", b"", {name: ([], b"") for name in STRING_COLUMNS}, b"")
        event_id, received, occurred, system, type_, entity_id, summary, user, host, legacy, status, origin = zip(
            *rows, strict=True
        )
        nan = float("nan")
        strings = {}
        for name, column in zip(STRING_COLUMNS, (system, type_, entity_id, user, host, status, origin), strict=True):
            table: dict[str, int] = {}
            index = [table.setdefault(value, len(table)) for value in column]
            strings[name] = (list(table), np.asarray(index, dtype=np.uint32).tobytes())
        text = "\x00".join(summary)
        if text.count("\x00") != n - 1:  # no event text holds a NUL; be robust anyway
            text = "\x00".join(t.replace("\x00", "") for t in summary)
        return cls(
            size=n,
            event_id=b"".join(map(id_bytes, event_id)),
            received=np.asarray(received, dtype=np.float64).tobytes(),
            occurred=np.asarray([nan if t is None else t for t in occurred], dtype=np.float64).tobytes(),
            legacy=np.asarray(legacy, dtype=np.bool_).tobytes(),
            strings=strings,
            summary=(text + "\x00").encode("utf-8", "replace"),
        )

    # -- reading (GUI side) --------------------------------------------------------------------

    def received_array(self) -> npt.NDArray[np.float64]:
        return np.frombuffer(self.received, dtype=np.float64)

    def occurred_array(self) -> npt.NDArray[np.float64]:
        return np.frombuffer(self.occurred, dtype=np.float64)

    def legacy_array(self) -> npt.NDArray[np.bool_]:
        return np.frombuffer(self.legacy, dtype=np.bool_)

    def id_array(self) -> npt.NDArray[np.uint8]:
        return np.frombuffer(self.event_id, dtype=np.uint8).reshape(self.size, 16)

    def codes(self, column: str) -> tuple[list[str], npt.NDArray[np.uint32]]:
        values, index = self.strings[column]
        return values, np.frombuffer(index, dtype=np.uint32)

    def summary_lengths(self) -> npt.NDArray[np.int64]:
        """Bytes of each row's summary, its NUL included."""
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        ends = np.flatnonzero(np.frombuffer(self.summary, dtype=np.uint8) == 0)
        return np.diff(ends, prepend=-1).astype(np.int64)

    def event_ids(self) -> list[str]:
        return [str(uuid.UUID(bytes=self.event_id[i * 16 : i * 16 + 16])) for i in range(self.size)]

    def select(self, keep: npt.NDArray[np.bool_]) -> RowBatch:
        """The rows where `keep` is true, as a batch of their own."""
        if keep.all():
            return self
        rows = np.flatnonzero(keep)
        starts = np.concatenate(([0], np.cumsum(self.summary_lengths())))
        blob = self.summary
        return RowBatch(
            size=len(rows),
            event_id=self.id_array()[rows].tobytes(),
            received=self.received_array()[rows].tobytes(),
            occurred=self.occurred_array()[rows].tobytes(),
            legacy=self.legacy_array()[rows].tobytes(),
            strings={
                name: (values, np.frombuffer(index, dtype=np.uint32)[rows].tobytes())
                for name, (values, index) in self.strings.items()
            },
            summary=b"".join(blob[starts[r] : starts[r + 1]] for r in rows),
        )

    def rows(self) -> list[tuple[Any, ...]]:
        """Back to VIEW_COLUMNS tuples (tests and small batches)."""
        ids = self.event_ids()
        received, occurred, legacy = self.received_array(), self.occurred_array(), self.legacy_array()
        text = {name: self.codes(name) for name in STRING_COLUMNS}
        summaries = self.summary.split(b"\x00")
        out = []
        for i in range(self.size):
            s = {name: values[int(index[i])] for name, (values, index) in text.items()}
            occ = float(occurred[i])
            out.append(
                (
                    ids[i],
                    float(received[i]),
                    None if occ != occ else occ,
                    s["system"],
                    s["type"],
                    s["entity_id"],
                    summaries[i].decode("utf-8", "replace"),
                    s["user"],
                    s["host"],
                    bool(legacy[i]),
                    s["status"],
                    s["origin"],
                )
            )
        return out


def view_rows(
    events: Sequence[ReceivedEvent], extras: dict[str, tuple[float | None, str, str]]
) -> list[tuple[Any, ...]]:
    """VIEW_COLUMNS tuples of events the HistoryStore just stored (`extras`: its view_extras,
    the occurred epoch, summary and status it computed for them)."""
    rows = []
    for ev in events:
        occurred, summary, status = extras[ev.event_id]
        rows.append(
            (
                ev.event_id,
                ev.received_at,
                occurred,
                ev.system,
                ev.type,
                ev.entity_id,
                summary,
                ev.user,
                ev.host,
                ev.legacy,
                status,
                stored_origin(ev.origin),
            )
        )
    return rows
