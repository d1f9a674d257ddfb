"""RowBatch (rows from the intake process in column form) and EventColumns.extend_batch: the
same table as rows appended one by one."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import numpy as np
import pytest
from pytestqt.modeltest import ModelTester

from event_console.columns.layout import RowData
from event_console.columns.store import EventColumns
from event_console.intake.batch import RowBatch, id_bytes
from event_console.models.event_table import EventTableModel
from helpers.console_rows import make_rows


def _tuples(rows: list[RowData]) -> list[tuple[Any, ...]]:
    return [dataclasses.astuple(r) for r in rows]


def test_round_trip_keeps_every_field_including_legacy_and_missing_times() -> None:
    rows = make_rows(300, seed=4)
    rows[3] = dataclasses.replace(rows[3], occurred_at=None, legacy=True, summary="Ação <b>x</b> → ✓ 🎉")
    batch = RowBatch.from_rows(_tuples(rows))
    assert batch.size == 300
    assert batch.rows() == _tuples(rows)


def test_select_keeps_the_chosen_rows_in_order() -> None:
    rows = _tuples(make_rows(50, seed=5))
    batch = RowBatch.from_rows(rows)
    keep = np.arange(50) % 3 == 1
    assert batch.select(keep).rows() == [r for i, r in enumerate(rows) if i % 3 == 1]
    assert batch.select(np.zeros(50, dtype=bool)).size == 0


def test_empty_batch() -> None:
    batch = RowBatch.from_rows([])
    assert batch.size == 0 and batch.rows() == []
    cols = EventColumns()
    assert len(cols.extend_batch(batch)) == 0


@pytest.mark.parametrize("event_id", [str(uuid.uuid4()), str(uuid.uuid4()).upper(), "not-a-uuid", "x" * 36, ""])
def test_id_bytes_agrees_with_the_uuid_module(event_id: str) -> None:
    try:
        expected = uuid.UUID(event_id).bytes
    except ValueError:
        expected = None
    got = id_bytes(event_id)
    assert len(got) == 16
    if expected is not None:
        assert got == expected
    else:
        assert got == id_bytes(event_id)  # stable digest


def test_extend_batch_builds_the_same_columns_as_extend() -> None:
    rows = make_rows(2_000, seed=6)
    by_rows, by_batch = EventColumns(), EventColumns()
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        by_rows.extend(chunk)
        by_batch.extend_batch(RowBatch.from_rows(_tuples(chunk)))
    assert by_rows.size == by_batch.size == 2_000
    n = by_rows.size
    for name in ("received", "legacy", "entity_num", "event_id"):
        assert np.array_equal(getattr(by_rows, name)[:n], getattr(by_batch, name)[:n]), name
    assert np.array_equal(by_rows.occurred[:n], by_batch.occurred[:n], equal_nan=True)
    for name, vocab_name in (
        ("source", "source"),
        ("type", "type"),
        ("entity", "entity"),
        ("operator", "operator"),
        ("host", "host"),
        ("status", "status"),
    ):
        texts_a = [by_rows.vocab[vocab_name].values[c] for c in getattr(by_rows, name)[:n]]
        texts_b = [by_batch.vocab[vocab_name].values[c] for c in getattr(by_batch, name)[:n]]
        assert texts_a == texts_b, name
    assert [by_rows.summary[i] for i in range(n)] == [by_batch.summary[i] for i in range(n)]
    assert by_batch.find(rows[1234].event_id) == 1234


def test_model_append_batch_shows_rows_sorted_newest_first(qtmodeltester: ModelTester) -> None:
    model = EventTableModel()
    rows = make_rows(400, seed=8)
    for start in range(0, 400, 100):
        model.append_batch(RowBatch.from_rows(_tuples(rows[start : start + 100])))
    qtmodeltester.check(model)
    assert model.rowCount() == 400
    shown = [model.event_id_at(r) for r in range(400)]
    expected = [r.event_id for r in sorted(rows, key=lambda r: r.received_at, reverse=True)]
    assert shown == expected
