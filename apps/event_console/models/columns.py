"""Compact column storage for events: numpy arrays and interned codes, no Python object per cell.

One row costs about 60 bytes of arrays plus its summary string; sorting and filtering run in
numpy over whole columns (argsort, isin), never through Python comparisons per row.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

# Column order of the table (and of the CSV export).
RECEIVED, OCCURRED, SOURCE, TYPE, ENTITY, SUMMARY, OPERATOR, HOST, LATENCY = range(9)
COLUMN_COUNT = 9
COLUMN_KEYS = ("received", "occurred", "source", "type", "entity", "summary", "operator", "host", "latency_ms")


class Vocabulary:
    """Interns strings as small int codes; `ranks()` orders the codes by their text."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._codes: dict[str, int] = {}
        self._ranks: npt.NDArray[np.int32] | None = None

    def code(self, value: str) -> int:
        code = self._codes.get(value)
        if code is None:
            code = len(self.values)
            self._codes[value] = code
            self.values.append(value)
            self._ranks = None
        return code

    def lookup(self, value: str) -> int | None:
        return self._codes.get(value)

    def __len__(self) -> int:
        return len(self.values)

    def ranks(self) -> npt.NDArray[np.int32]:
        """rank[code] = position of the code's text in sorted (case-insensitive) order."""
        if self._ranks is None:
            order = sorted(range(len(self.values)), key=lambda c: (self.values[c].casefold(), self.values[c]))
            ranks = np.empty(len(self.values), dtype=np.int32)
            ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(self.values), dtype=np.int32)
            self._ranks = ranks
        return self._ranks

    def matching(self, needle: str) -> npt.NDArray[np.int32]:
        """Codes whose text contains `needle` (already case-folded)."""
        return np.asarray([c for c, v in enumerate(self.values) if needle in v.casefold()], dtype=np.int32)


@dataclass(frozen=True, slots=True)
class RowData:
    """One event as the table stores it (the input of `EventColumns.extend`)."""

    event_id: str
    received_at: float
    occurred_at: float | None
    system: str
    type: str
    entity_id: str
    summary: str
    user: str
    host: str
    legacy: bool
    status: str = ""


def entity_label(system: str, event_type: str, entity_id: str) -> str:
    kind = event_type.partition(".")[0] or ("call" if system == "callsystem" else "task")
    return f"{kind} #{entity_id}"


def _entity_sort_key(label: str) -> tuple[str, int, str]:
    # "call #9" before "call #10": entities sort by kind, then by number.
    kind, _, ident = label.partition(" #")
    return (kind, int(ident), "") if ident.isdigit() else (kind, -1, ident)


class EntityVocabulary(Vocabulary):
    def ranks(self) -> npt.NDArray[np.int32]:
        if self._ranks is None:
            order = sorted(range(len(self.values)), key=lambda c: _entity_sort_key(self.values[c]))
            ranks = np.empty(len(self.values), dtype=np.int32)
            ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(self.values), dtype=np.int32)
            self._ranks = ranks
        return self._ranks


class SummaryColumn:
    """The summaries as one UTF-8 buffer (each followed by a NUL, which no event text may hold)
    plus an offset per row: about 80 bytes a row instead of a str object each (a summary with
    "→" or an accent is stored by Python at 2 bytes per character, over 200 bytes a row)."""

    def __init__(self, capacity: int) -> None:
        self._blob = bytearray()
        self._starts = np.zeros(capacity + 1, dtype=np.int64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def _grow(self, capacity: int) -> None:
        if capacity + 1 > len(self._starts):
            starts = np.zeros(max(capacity + 1, 2 * len(self._starts)), dtype=np.int64)
            starts[: self._size + 1] = self._starts[: self._size + 1]
            self._starts = starts

    def extend(self, texts: Iterable[str]) -> None:
        encoded = [t.replace("\x00", "").encode("utf-8", "replace") for t in texts]
        if not encoded:
            return
        self._grow(self._size + len(encoded))
        lengths = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=len(encoded))
        base = self._starts[self._size]
        self._starts[self._size + 1 : self._size + 1 + len(encoded)] = base + np.cumsum(lengths)
        self._blob += b"\x00".join(encoded) + b"\x00"
        self._size += len(encoded)

    def key(self, row: int) -> bytes:
        """The summary's UTF-8 bytes: they sort like the text (code point order)."""
        return bytes(self._blob[self._starts[row] : self._starts[row + 1] - 1])

    def __getitem__(self, row: int) -> str:
        return self._blob[self._starts[row] : self._starts[row + 1] - 1].decode("utf-8", "replace")

    def rows_containing(self, needle: str, start: int, stop: int) -> npt.NDArray[np.int64]:
        """Rows in [start, stop) whose summary contains `needle` (case-insensitive)."""
        if stop <= start:
            return np.zeros(0, dtype=np.int64)
        if needle.isascii():
            # A lower-cased copy of the range (transient) and a plain literal search: three times
            # faster than a case-insensitive regex; hits are mapped to rows by their offsets.
            pattern = re.compile(re.escape(needle.lower().encode()))
            begin, end = int(self._starts[start]), int(self._starts[stop])
            lowered = self._blob[begin:end].lower()
            hits = [m.start() for m in pattern.finditer(lowered)]
            del lowered
            if not hits:
                return np.zeros(0, dtype=np.int64)
            offsets = np.asarray(hits, dtype=np.int64) + begin
            rows = np.searchsorted(self._starts[: self._size + 1], offsets, side="right") - 1
            return np.unique(rows)
        folded = needle.casefold()
        return np.asarray([r for r in range(start, stop) if folded in self[r].casefold()], dtype=np.int64)

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._starts.nbytes


class EventColumns:
    """Growable column arrays (capacity doubles), one row per event, in arrival order."""

    _FLOAT_COLUMNS = ("received", "occurred")
    _CODE_COLUMNS = ("source", "type", "entity", "operator", "host", "entity_num", "status")

    def __init__(self, capacity: int = 1024) -> None:
        self.size = 0
        self._capacity = capacity
        self.received = np.zeros(capacity, dtype=np.float64)
        self.occurred = np.zeros(capacity, dtype=np.float64)  # NaN: legacy (no time of its own)
        self.source = np.zeros(capacity, dtype=np.int16)
        self.type = np.zeros(capacity, dtype=np.int32)
        self.entity = np.zeros(capacity, dtype=np.int32)
        self.entity_num = np.zeros(capacity, dtype=np.int32)  # the id as a number (-1: not numeric)
        self.operator = np.zeros(capacity, dtype=np.int32)
        self.host = np.zeros(capacity, dtype=np.int32)
        self.legacy = np.zeros(capacity, dtype=np.bool_)
        self.status = np.zeros(capacity, dtype=np.int16)  # the entity's status after the event
        self.event_id = np.zeros((capacity, 16), dtype=np.uint8)
        self.summary = SummaryColumn(capacity)
        self.vocab = {
            "source": Vocabulary(),
            "type": Vocabulary(),
            "entity": EntityVocabulary(),
            "operator": Vocabulary(),
            "host": Vocabulary(),
            "status": Vocabulary(),
        }
        self._ids: dict[bytes, int] | None = None

    # -- growth ------------------------------------------------------------------------------

    def _grow(self, needed: int) -> None:
        if needed <= self._capacity:
            return
        capacity = max(needed, self._capacity * 2)
        for name in (*self._FLOAT_COLUMNS, *self._CODE_COLUMNS, "legacy", "event_id"):
            old = getattr(self, name)
            new = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
            new[: self.size] = old[: self.size]
            setattr(self, name, new)
        self._capacity = capacity

    def extend(self, rows: Sequence[RowData]) -> range:
        """Append rows; returns their storage indexes."""
        start, count = self.size, len(rows)
        if not count:
            return range(start, start)
        self._grow(start + count)
        end = start + count
        v = self.vocab
        src, typ, ent, op, host = (
            v["source"].code,
            v["type"].code,
            v["entity"].code,
            v["operator"].code,
            v["host"].code,
        )
        self.received[start:end] = [r.received_at for r in rows]
        self.occurred[start:end] = [np.nan if r.occurred_at is None else r.occurred_at for r in rows]
        self.source[start:end] = [src(r.system) for r in rows]
        self.type[start:end] = [typ(r.type) for r in rows]
        self.entity[start:end] = [ent(entity_label(r.system, r.type, r.entity_id)) for r in rows]
        self.entity_num[start:end] = [
            int(r.entity_id) if r.entity_id.isdigit() and len(r.entity_id) < 13 else -1 for r in rows
        ]
        self.operator[start:end] = [op(r.user) for r in rows]
        self.host[start:end] = [host(r.host) for r in rows]
        self.legacy[start:end] = [r.legacy for r in rows]
        status = v["status"].code
        self.status[start:end] = [status(r.status) for r in rows]
        self.event_id[start:end] = np.frombuffer(b"".join(_id_bytes(r.event_id) for r in rows), dtype=np.uint8).reshape(
            count, 16
        )
        self.summary.extend(r.summary for r in rows)
        self.size = end
        self._ids = None
        return range(start, end)

    # -- values ------------------------------------------------------------------------------

    @property
    def latency_ms(self) -> npt.NDArray[np.float64]:
        n = self.size
        return (self.received[:n] - self.occurred[:n]) * 1000.0

    def text(self, column: str, row: int) -> str:
        return self.vocab[column].values[int(getattr(self, column)[row])]

    def event_id_of(self, row: int) -> str:
        return str(uuid.UUID(bytes=self.event_id[row].tobytes()))

    def find(self, event_id: str) -> int | None:
        """Storage index of an event (an index built on first use, dropped on append)."""
        if self._ids is None:
            view = self.event_id[: self.size]
            self._ids = {view[i].tobytes(): i for i in range(self.size)}
        return self._ids.get(_id_bytes(event_id))

    def sort_key(self, column: int) -> npt.NDArray[Any] | None:
        """Numeric sort keys over all rows (missing values smallest); None for the summary."""
        n = self.size
        if column == RECEIVED:
            return self.received[:n]
        if column == OCCURRED:
            return np.nan_to_num(self.occurred[:n], nan=-np.inf)
        if column == LATENCY:
            return np.nan_to_num(self.latency_ms, nan=-np.inf)
        if column == SUMMARY:
            return None
        if column == ENTITY:
            # By source, then by number: stable while new entities keep arriving (no re-rank).
            source_rank = self.vocab["source"].ranks()[self.source[:n]].astype(np.int64)
            return (source_rank << 32) + self.entity_num[:n]
        name = _CODE_NAMES[column]
        return self.vocab[name].ranks()[getattr(self, name)[:n]]

    def codes_for(self, column: str, values: Iterable[str]) -> npt.NDArray[np.int32]:
        vocab = self.vocab[column]
        codes = [c for c in (vocab.lookup(v) for v in values) if c is not None]
        return np.asarray(codes, dtype=np.int32)

    def nbytes(self) -> int:
        arrays = sum(getattr(self, n).nbytes for n in (*self._FLOAT_COLUMNS, *self._CODE_COLUMNS, "legacy", "event_id"))
        return arrays + self.summary.nbytes


_CODE_NAMES = {SOURCE: "source", TYPE: "type", ENTITY: "entity", OPERATOR: "operator", HOST: "host"}


def _id_bytes(event_id: str) -> bytes:
    try:
        return uuid.UUID(event_id).bytes
    except ValueError:
        # Not a UUID (the schema requires one; be robust anyway): a stable 16-byte digest.
        import hashlib

        return hashlib.blake2b(event_id.encode("utf-8", "replace"), digest_size=16).digest()
