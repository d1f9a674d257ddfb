"""EventTableModel: exact (qtmodeltester), sorts by value, filters, merges batches while sorted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from event_console.columns.layout import (
    COLUMN_COUNT,
    ENTITY,
    LATENCY,
    OCCURRED,
    RECEIVED,
    SUMMARY,
    TYPE,
    RowData,
)
from event_console.filters import EventFilter
from event_console.models.event_table import SORT_ROLE, EventTableModel
from helpers.console_rows import T0, make_rows


def column_values(model: EventTableModel, column: int) -> list[Any]:
    return [model.data(model.index(r, column), SORT_ROLE) for r in range(model.rowCount())]


def _expected_key(model: EventTableModel, column: int) -> Callable[[Any], Any]:
    def key(v: Any) -> Any:
        if column in (RECEIVED, OCCURRED, LATENCY):
            return float("-inf") if v != v else v
        if column == ENTITY:
            kind, _, num = v.partition(" #")
            return (kind, int(num))
        if column == SUMMARY:
            return v
        return (v.casefold(), v)

    return key


def assert_sorted(model: EventTableModel, column: int, descending: bool) -> None:
    values = column_values(model, column)
    key = _expected_key(model, column)
    keys = [key(v) for v in values]
    assert keys == sorted(keys, reverse=descending)


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = EventTableModel()
    model.append_rows(make_rows(200))
    qtmodeltester.check(model, force_py=True)
    model.sort(TYPE, Qt.SortOrder.AscendingOrder)
    model.append_rows(make_rows(50, seed=2, start=T0 + 1000))
    model.set_filter(EventFilter(types=frozenset({"call.created"})))
    model.append_rows(make_rows(50, seed=3, start=T0 + 2000))
    model.set_paused(True)
    model.append_rows(make_rows(20, seed=4, start=T0 + 3000))
    model.set_paused(False)
    model.clear_view()
    model.append_rows(make_rows(20, seed=5, start=T0 + 4000))
    qtmodeltester.check(model, force_py=True)


def test_newest_first_by_default() -> None:
    model = EventTableModel()
    model.append_rows(make_rows(300))
    assert model.rowCount() == 300
    assert_sorted(model, RECEIVED, descending=True)


@pytest.mark.parametrize("column", range(COLUMN_COUNT))
@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_each_column_by_value_then_append_keeps_order(column: int, descending: bool) -> None:
    model = EventTableModel()
    model.append_rows(make_rows(400))
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(column, order)
    assert_sorted(model, column, descending)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    for batch in range(5):
        model.append_rows(make_rows(37, seed=10 + batch, start=T0 + 500 + batch * 100))
    assert model.rowCount() == 400 + 5 * 37
    assert_sorted(model, column, descending)
    assert inserted and not resets
    # The merged order equals a full re-sort (ties included).
    merged = model.visible_storage().tolist()
    model.sort(column, order)
    assert model.visible_storage().tolist() == merged


def test_latency_sorts_as_numbers_not_text() -> None:
    model = EventTableModel()
    base = make_rows(2)
    rows = [
        RowData(**{**_fields(base[0]), "legacy": False, "occurred_at": base[0].received_at - 0.009}),
        RowData(**{**_fields(base[1]), "legacy": False, "occurred_at": base[1].received_at - 0.010}),
    ]
    model.append_rows(rows)
    model.sort(LATENCY, Qt.SortOrder.AscendingOrder)
    texts = [model.data(model.index(r, LATENCY)) for r in range(2)]
    assert texts == ["9.0 ms", "10.0 ms"]  # as text, "10.0 ms" would come first


def _fields(row: RowData) -> dict[str, Any]:
    return {name: getattr(row, name) for name in RowData.__slots__}


def _shift(row: RowData, seconds: float) -> RowData:
    return RowData(
        row.event_id,
        row.received_at + seconds,
        None if row.occurred_at is None else row.occurred_at + seconds,
        row.system,
        row.type,
        row.entity_id,
        row.summary,
        row.user,
        row.host,
        row.legacy,
    )


def test_filter_by_source_type_operator_time_and_text() -> None:
    model = EventTableModel()
    rows = make_rows(500)
    model.append_rows(rows)

    def expect(predicate: Callable[[RowData], bool]) -> int:
        return sum(1 for r in rows if predicate(r))

    model.set_filter(EventFilter(sources=frozenset({"taskmanager"})))
    assert model.rowCount() == expect(lambda r: r.system == "taskmanager")
    model.set_filter(EventFilter(types=frozenset({"call.closed", "task.moved"}), operators=frozenset({"ana"})))
    assert model.rowCount() == expect(lambda r: r.type in ("call.closed", "task.moved") and r.user == "ana")
    model.set_filter(EventFilter(since=T0 + 50, until=T0 + 100))
    assert model.rowCount() == expect(lambda r: T0 + 50 <= r.received_at < T0 + 100)
    model.set_filter(EventFilter(text="<B>DORA"))
    assert model.rowCount() == expect(lambda r: "<b>dora" in r.user)
    # Free text matches the summary and the other text columns (here: the entity "task #7").
    model.set_filter(EventFilter(text=" Task #7 "))
    assert model.rowCount() == expect(
        lambda r: "task #7" in r.summary.casefold() or (r.type.startswith("task") and r.entity_id == "7")
    )
    model.set_filter(EventFilter(entity="call #5"))
    assert model.rowCount() == expect(lambda r: r.type.startswith("call") and r.entity_id == "5")
    # New rows pass through the same filter.
    more = make_rows(100, seed=9, start=T0 + 10_000)
    model.append_rows(more)
    assert model.rowCount() == expect(lambda r: r.type.startswith("call") and r.entity_id == "5") + sum(
        1 for r in more if r.type.startswith("call") and r.entity_id == "5"
    )
    model.set_filter(EventFilter())
    assert model.rowCount() == 600


def test_pause_keeps_events_and_counts_them() -> None:
    model = EventTableModel()
    model.append_rows(make_rows(10))
    counts: list[int] = []
    model.pending_changed.connect(counts.append)
    model.set_paused(True)
    model.append_rows(make_rows(37, seed=2, start=T0 + 100))
    assert model.rowCount() == 10
    assert model.pending == 37 and counts[-1] == 37
    model.set_paused(False)
    assert model.rowCount() == 47 and model.pending == 0
    assert_sorted(model, RECEIVED, descending=True)


def test_a_loaded_history_range_shows_even_while_paused() -> None:
    model = EventTableModel()
    model.set_paused(True)
    model.replace_rows(make_rows(25))
    assert model.rowCount() == 25 and model.pending == 0
    model.append_rows(make_rows(4, seed=3, start=T0 + 100))
    assert model.rowCount() == 25 and model.pending == 4


def test_clear_view_hides_rows_but_new_ones_appear() -> None:
    model = EventTableModel()
    model.append_rows(make_rows(10))
    model.clear_view()
    assert model.rowCount() == 0
    model.append_rows(make_rows(3, seed=2, start=T0 + 100))
    assert model.rowCount() == 3


def test_selection_follows_its_row_across_sort_and_insert() -> None:
    model = EventTableModel()
    model.append_rows(make_rows(100))
    index = QPersistentModelIndex(model.index(10, SUMMARY))
    event_id = model.event_id_at(10)
    model.sort(TYPE, Qt.SortOrder.AscendingOrder)
    assert model.event_id_at(index.row()) == event_id
    model.append_rows(make_rows(100, seed=3, start=T0 + 50))  # many insert blocks: relayout path
    assert model.event_id_at(index.row()) == event_id
    assert not model.index(-1, 0).isValid() and not model.index(0, COLUMN_COUNT).isValid()
    assert model.rowCount(model.index(0, 0)) == 0 and model.data(QModelIndex()) is None


def test_data_is_plain_text_with_legacy_marked() -> None:
    model = EventTableModel()
    model.append_rows(make_rows(300))
    texts = {model.data(model.index(r, 2)) for r in range(model.rowCount())}
    assert any(t.endswith("legacy") for t in texts)
    users = {model.data(model.index(r, 6)) for r in range(model.rowCount())}
    assert "<b>dora</b>" in users


def test_flipping_the_order_of_the_sorted_column_equals_a_full_sort() -> None:
    model = EventTableModel()
    model.append_rows(make_rows(300))
    for column in (SUMMARY, TYPE, OCCURRED):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        model.sort(column, Qt.SortOrder.DescendingOrder)  # flipped, not re-sorted
        flipped = model.visible_storage().tolist()
        model.sort(RECEIVED, Qt.SortOrder.AscendingOrder)
        model.sort(column, Qt.SortOrder.DescendingOrder)  # a full sort
        assert model.visible_storage().tolist() == flipped
        model.append_rows(make_rows(20, seed=column + 50, start=T0 + 1000 * (column + 1)))
        assert_sorted(model, column, descending=True)


def test_sorting_by_summary_again_after_new_rows_agrees_with_a_fresh_model() -> None:
    model = EventTableModel()
    model.append_rows(make_rows(200))
    model.sort(SUMMARY, Qt.SortOrder.AscendingOrder)  # ranks computed
    model.sort(RECEIVED, Qt.SortOrder.DescendingOrder)
    more = make_rows(60, seed=77, start=T0 + 5000)
    model.append_rows(more)
    model.sort(SUMMARY, Qt.SortOrder.AscendingOrder)  # ranks extended for the 60 new rows
    fresh = EventTableModel()
    fresh.append_rows(make_rows(200))
    fresh.append_rows(more)
    fresh.sort(SUMMARY, Qt.SortOrder.AscendingOrder)
    assert model.visible_storage().tolist() == fresh.visible_storage().tolist()
    assert_sorted(model, SUMMARY, descending=False)
