"""The column store: every event as one row of growable numpy arrays and interned codes, in
arrival order; about 60 bytes a row plus its summary's text, no Python object per cell.

Sorting and filtering run in numpy over whole columns (argsort, isin), never through Python
comparisons per row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from event_console.columns.interning import Vocabulary
from event_console.columns.layout import (
    ENTITY,
    HOST,
    LATENCY,
    OCCURRED,
    OPERATOR,
    RECEIVED,
    SOURCE,
    SUMMARY,
    TYPE,
    RowData,
    entity_label,
    entity_sort_key,
)
from event_console.columns.summary import SummaryColumn
from event_console.intake.batch import RowBatch, id_bytes


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
            "entity": Vocabulary(entity_sort_key),
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
        self.event_id[start:end] = np.frombuffer(b"".join(id_bytes(r.event_id) for r in rows), dtype=np.uint8).reshape(
            count, 16
        )
        self.summary.extend(r.summary for r in rows)
        self.size = end
        self._ids = None
        return range(start, end)

    def extend_batch(self, batch: RowBatch) -> range:
        """Append a RowBatch from the intake process: numpy copies of its columns, and one
        vocabulary lookup per distinct text in the batch (not per row)."""
        start, count = self.size, batch.size
        if not count:
            return range(start, start)
        self._grow(start + count)
        end = start + count
        self.received[start:end] = batch.received_array()
        self.occurred[start:end] = batch.occurred_array()
        self.legacy[start:end] = batch.legacy_array()
        self.event_id[start:end] = batch.id_array()
        v = self.vocab
        for column, name in (
            ("system", "source"),
            ("type", "type"),
            ("user", "operator"),
            ("host", "host"),
            ("status", "status"),
        ):
            values, index = batch.codes(column)
            lut = np.fromiter((v[name].code(x) for x in values), dtype=np.int64, count=len(values))
            getattr(self, name)[start:end] = lut[index]
        # Entity labels depend on (system, type, id): one vocabulary lookup per distinct triple.
        systems, system_index = batch.codes("system")
        types, type_index = batch.codes("type")
        ids, id_index = batch.codes("entity_id")
        shape = (len(systems), len(types), len(ids))
        distinct, inverse = np.unique(
            np.ravel_multi_index((system_index, type_index, id_index), shape), return_inverse=True
        )
        entity = v["entity"].code
        labels = np.fromiter(
            (
                entity(entity_label(systems[s], types[t], ids[i]))
                for s, t, i in zip(*np.unravel_index(distinct, shape), strict=True)
            ),
            dtype=np.int64,
            count=len(distinct),
        )
        self.entity[start:end] = labels[inverse.reshape(-1)]
        nums = np.fromiter((int(x) if x.isdigit() and len(x) < 13 else -1 for x in ids), dtype=np.int64, count=len(ids))
        self.entity_num[start:end] = nums[id_index]
        self.summary.extend_utf8(batch.summary, batch.summary_lengths())
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
        return self.find_bytes(id_bytes(event_id))

    def find_bytes(self, key: bytes) -> int | None:
        """`find` for an id already in its 16-byte form (`event_console.intake.batch.id_bytes`)."""
        if self._ids is None:
            view = self.event_id[: self.size]
            self._ids = {view[i].tobytes(): i for i in range(self.size)}
        return self._ids.get(key)

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
