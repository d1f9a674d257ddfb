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
    TYPE_CODE,
    RowData,
    entity_key,
    entity_parts,
    entity_sort_key,
    entity_text,
)
from event_console.columns.summary import SummaryColumn
from event_console.intake.batch import RowBatch, id_bytes


class EventColumns:
    """Growable column arrays (capacity doubles), one row per event, in arrival order."""

    _FLOAT_COLUMNS = ("received", "occurred")
    _CODE_COLUMNS = ("source", "type", "entity", "operator", "host", "entity_num", "status", "origin")

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
        self.origin = np.zeros(capacity, dtype=np.int32)  # who published it (entities: system, origin, id)
        self.event_id = np.zeros((capacity, 16), dtype=np.uint8)
        self.summary = SummaryColumn(capacity)
        self.vocab = {
            "source": Vocabulary(),
            "type": Vocabulary(),
            "entity": Vocabulary(entity_sort_key),
            "operator": Vocabulary(),
            "host": Vocabulary(),
            "status": Vocabulary(),
            "origin": Vocabulary(),
        }
        self._ids: dict[bytes, int] | None = None
        # The origins seen per source code, and the sources seen with more than one: only their
        # entities need an origin label to be told apart.
        self._origins_of: dict[int, set[int]] = {}
        self.many_origins: frozenset[int] = frozenset()
        self._bare_entities: dict[str, tuple[int, npt.NDArray[np.int32]]] = {}
        # The type codes seen per source code, read from the rows up to `_types_upto` on demand.
        self._types_of: dict[int, set[int]] = {}
        self._types_upto = 0

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
        self.entity[start:end] = [ent(entity_key(r.system, r.type, r.entity_id, r.origin)) for r in rows]
        origin = v["origin"].code
        self.origin[start:end] = [origin(r.origin) for r in rows]
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
        self._note_origins(start, end)
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
            ("origin", "origin"),
        ):
            values, index = batch.codes(column)
            lut = np.fromiter((v[name].code(x) for x in values), dtype=np.int64, count=len(values))
            getattr(self, name)[start:end] = lut[index]
        # Entities are (system, origin, id), labelled by type: one vocabulary lookup per distinct
        # quadruple.
        systems, system_index = batch.codes("system")
        types, type_index = batch.codes("type")
        ids, id_index = batch.codes("entity_id")
        origins, origin_index = batch.codes("origin")
        shape = (len(systems), len(types), len(ids), len(origins))
        distinct, inverse = np.unique(
            np.ravel_multi_index((system_index, type_index, id_index, origin_index), shape), return_inverse=True
        )
        entity = v["entity"].code
        labels = np.fromiter(
            (
                entity(entity_key(systems[s], types[t], ids[i], origins[o]))
                for s, t, i, o in zip(*np.unravel_index(distinct, shape), strict=True)
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
        self._note_origins(start, end)
        return range(start, end)

    def _note_origins(self, start: int, end: int) -> None:
        """Record the (source, origin) pairs of rows [start, end): one np.unique per append."""
        pairs = np.unique(self.source[start:end].astype(np.int64) << 32 | self.origin[start:end].astype(np.int64))
        grew = False
        for pair in pairs.tolist():
            seen = self._origins_of.setdefault(pair >> 32, set())
            if (pair & 0xFFFFFFFF) not in seen:
                seen.add(pair & 0xFFFFFFFF)
                grew = True
        if grew:
            self.many_origins = frozenset(s for s, seen in self._origins_of.items() if len(seen) > 1)

    # -- values ------------------------------------------------------------------------------

    @property
    def latency_ms(self) -> npt.NDArray[np.float64]:
        n = self.size
        return (self.received[:n] - self.occurred[:n]) * 1000.0

    def text(self, column: str, row: int) -> str:
        return self.vocab[column].values[int(getattr(self, column)[row])]

    def entity_text(self, row: int) -> str:
        """The Entity column's text: with a short origin label only where the row's source has
        more than one origin loaded."""
        return entity_text(self.text("entity", row), int(self.source[row]) in self.many_origins)

    def describe_entity(self, key: str) -> str:
        """An `entity_key` (a filter's) as the table shows it while these rows are loaded."""
        return entity_text(key, bool(self.many_origins))

    def entity_codes(self, entity: str) -> npt.NDArray[np.int32]:
        """The entity codes a filter's entity names: one (system, origin, id); a bare label (a
        preset saved before origins) names that id in every origin."""
        if entity_parts(entity)[1]:
            return self.codes_for("entity", [entity])
        vocab = self.vocab["entity"]
        cached = self._bare_entities.get(entity)
        if cached is None or cached[0] != len(vocab):
            codes = np.asarray([c for c, v in enumerate(vocab.values) if entity_parts(v)[0] == entity], dtype=np.int32)
            cached = self._bare_entities[entity] = (len(vocab), codes)
        return cached[1]

    def types_of_source(self, source: str) -> list[str]:
        """The event types the rows of `source` hold (the rows stored since the last call are
        read once, with one np.unique)."""
        if self._types_upto < self.size:
            start, end = self._types_upto, self.size
            pairs = np.unique(self.source[start:end].astype(np.int64) << 32 | self.type[start:end].astype(np.int64))
            for pair in pairs.tolist():
                self._types_of.setdefault(pair >> 32, set()).add(pair & 0xFFFFFFFF)
            self._types_upto = end
        code = self.vocab["source"].lookup(source)
        values = self.vocab["type"].values
        return sorted(values[t] for t in self._types_of.get(code, ())) if code is not None else []

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
            # By source, then by number, then by origin: stable while new entities keep arriving
            # (no re-rank but for a new source or origin). The number is below 2**31, the origin
            # rank below 2**16 (beyond, origins share a place and ties go by arrival).
            source_rank = self.vocab["source"].ranks()[self.source[:n]].astype(np.int64)
            origin_rank = np.minimum(self.vocab["origin"].ranks()[self.origin[:n]], 0xFFFF).astype(np.int64)
            return (source_rank << 48) + (self.entity_num[:n].astype(np.int64) << 16) + origin_rank
        name = _CODE_NAMES[column]
        return self.vocab[name].ranks()[getattr(self, name)[:n]]

    def codes_for(self, column: str, values: Iterable[str]) -> npt.NDArray[np.int32]:
        vocab = self.vocab[column]
        codes = [c for c in (vocab.lookup(v) for v in values) if c is not None]
        return np.asarray(codes, dtype=np.int32)

    def nbytes(self) -> int:
        arrays = sum(getattr(self, n).nbytes for n in (*self._FLOAT_COLUMNS, *self._CODE_COLUMNS, "legacy", "event_id"))
        return arrays + self.summary.nbytes


_CODE_NAMES = {SOURCE: "source", TYPE: "type", TYPE_CODE: "type", ENTITY: "entity", OPERATOR: "operator", HOST: "host"}
