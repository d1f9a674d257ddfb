"""CallTableModel: exact (qtmodeltester), sorts by value, filters, folds live updates in place."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from callsystem_gui.domain import OPEN_STATUSES, CallSummary, Priority, Status
from callsystem_gui.models.call_table import ID_ROLE, CallFilter, CallTableModel, Column

NOW = 1_767_000_000.0


@pytest.fixture(autouse=True)
def _qapp(qapp: QApplication) -> QApplication:
    """The model runs timers (SLA tick, search-key warm-up): it needs the application's event loop."""
    return qapp


def _call(i: int, **kw: Any) -> CallSummary:
    values = {
        "id": i,
        "caller_name": f"Cliente {i:03d}",
        "phone": f"(51) 9999-{i:04d}",
        "phone_digits": f"519999{i:04d}",
        "subject": f"Assunto {i}",
        "category": "Rede",
        "status": Status.NEW,
        "priority": Priority.MEDIUM,
        "assignee": "ana",
        "created_at": NOW - 3600,
        "updated_at": NOW - i,
        "sla_due_at": NOW + 600 * i,
        "sla_stopped_at": None,
        "deleted": False,
        "version": 1,
    }
    values.update(kw)
    return CallSummary(**values)


@pytest.fixture
def model(qtmodeltester: ModelTester) -> CallTableModel:
    m = CallTableModel(clock=lambda: NOW)
    calls = [
        _call(1, caller_name="Maria Souza", priority=Priority.LOW, assignee="bruno"),
        _call(2, caller_name="joão Pereira", priority=Priority.CRITICAL, status=Status.IN_PROGRESS),
        _call(3, caller_name="Ana Lima", priority=Priority.HIGH, status=Status.WAITING, sla_stopped_at=NOW - 100),
        _call(10, caller_name="Carlos Dias", priority=Priority.MEDIUM, sla_due_at=NOW - 60),  # overdue
        _call(11, caller_name="Zé Ninguém", status=Status.CLOSED, priority=Priority.LOW, sla_stopped_at=NOW - 9),
    ]
    m.set_filter(CallFilter(statuses=None))
    m.set_calls(calls)
    qtmodeltester.check(m)
    return m


def _column(model: CallTableModel, column: Column) -> list:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_model_passes_qtmodeltester_through_sort_filter_and_updates(qtmodeltester: ModelTester) -> None:
    model = CallTableModel(clock=lambda: NOW)
    qtmodeltester.check(model)  # empty
    model.set_calls([_call(i) for i in range(1, 40)])
    qtmodeltester.check(model)
    model.sort(Column.CALLER, Qt.SortOrder.DescendingOrder)
    model.set_filter(CallFilter(text="cliente 01"))
    qtmodeltester.check(model)
    model.upsert([_call(5, caller_name="Cliente 015"), _call(12, status=Status.CLOSED), _call(99)])
    qtmodeltester.check(model)
    model.tick()
    qtmodeltester.check(model)


def test_priorities_and_ids_sort_by_value_not_text(model: CallTableModel) -> None:
    # A higher priority is a more important call: descending puts critical calls first.
    model.sort(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    assert [model.call_at(r).priority for r in range(model.rowCount())] == [
        Priority.CRITICAL,
        Priority.HIGH,
        Priority.MEDIUM,
        Priority.LOW,
        Priority.LOW,
    ]
    model.sort(Column.ID, Qt.SortOrder.AscendingOrder)
    assert _column(model, Column.ID) == ["1", "2", "3", "10", "11"]  # not "1", "10", "11", ...
    model.sort(Column.UPDATED, Qt.SortOrder.DescendingOrder)
    assert model.visible_ids() == [1, 2, 3, 10, 11]  # updated_at = NOW - id


def test_the_first_click_on_the_priority_header_puts_critical_calls_first(model: CallTableModel) -> None:
    def initial(column: Column) -> object:
        return model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole)

    assert initial(Column.PRIORITY) == Qt.SortOrder.DescendingOrder
    assert initial(Column.CALLER) is None  # the view's default: ascending


def test_sla_sort_puts_overdue_first_and_paused_after_running(model: CallTableModel) -> None:
    model.sort(Column.SLA, Qt.SortOrder.AscendingOrder)
    assert model.visible_ids() == [10, 1, 2, 3, 11]
    row = model.row_of(10)
    assert model.index(row, Column.SLA).data().startswith("overdue")
    assert model.index(row, Column.CALLER).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(model.row_of(1), Column.CALLER).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(model.row_of(3), Column.SLA).data().startswith("paused")


def test_caller_sort_ignores_case(model: CallTableModel) -> None:
    model.sort(Column.CALLER, Qt.SortOrder.AscendingOrder)
    assert _column(model, Column.CALLER) == ["Ana Lima", "Carlos Dias", "joão Pereira", "Maria Souza", "Zé Ninguém"]


def test_filters_by_status_priority_operator_and_text(model: CallTableModel) -> None:
    model.set_filter(CallFilter(statuses=OPEN_STATUSES))
    assert sorted(model.visible_ids()) == [1, 2, 3, 10]
    model.set_filter(CallFilter(statuses=None, priority=Priority.LOW))
    assert sorted(model.visible_ids()) == [1, 11]
    model.set_filter(CallFilter(statuses=None, operator="bruno"))
    assert model.visible_ids() == [1]
    model.set_filter(CallFilter(statuses=None, text="JOAO"))  # accents and case ignored
    assert model.visible_ids() == [2]
    model.set_filter(CallFilter(statuses=None, text="(51) 9999-0003"))  # phone however typed
    assert model.visible_ids() == [3]
    model.set_filter(CallFilter(statuses=None, text="#10"))
    assert model.visible_ids() == [10]


def test_upsert_inserts_moves_and_removes_keeping_persistent_indexes(model: CallTableModel) -> None:
    model.set_filter(CallFilter(statuses=OPEN_STATUSES))
    model.sort(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    selected = QPersistentModelIndex(model.index(model.row_of(1), Column.CALLER))
    # Call 1 becomes critical: it moves to the top, the persistent index follows it.
    model.upsert([_call(1, caller_name="Maria Souza", priority=Priority.CRITICAL)])
    assert model.call_at(selected.row()).id == 1
    assert model.visible_ids()[:2] == [1, 2]  # in a descending sort a moved row goes first among equals
    # Closed elsewhere: it leaves the "open" view.
    model.upsert([_call(2, status=Status.CLOSED, priority=Priority.CRITICAL)])
    assert 2 not in model.visible_ids()
    # A new call arrives in its sorted place.
    model.upsert([_call(50, priority=Priority.HIGH)])
    prios = [model.call_at(r).priority for r in range(model.rowCount())]
    assert prios == sorted(prios, reverse=True)
    assert model.index(model.row_of(50), 0).data(ID_ROLE) == 50
    # Deleted calls leave every normal view and appear only in the bin.
    model.upsert([_call(50, priority=Priority.HIGH, deleted=True)])
    assert 50 not in model.visible_ids()
    model.set_filter(CallFilter(statuses=None, deleted=True))
    assert model.visible_ids() == [50]


def test_tick_repaints_only_the_sla_column(model: CallTableModel, qtbot: QtBot) -> None:
    seen = []
    model.dataChanged.connect(lambda a, b, roles: seen.append((a.column(), b.column(), a.row(), b.row())))
    model.tick()
    assert seen == [(Column.SLA, Column.SLA, 0, model.rowCount() - 1)]


def test_tick_recolours_rows_when_a_deadline_passes(qtbot: QtBot) -> None:
    now = [NOW]
    model = CallTableModel(clock=lambda: now[0])
    model.set_calls([_call(1, sla_due_at=NOW + 30)])
    index = model.index(0, Column.CALLER)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is None
    now[0] += 31
    with qtbot.waitSignal(model.dataChanged, check_params_cb=lambda a, b, roles: b.column() == len(Column) - 1):
        model.tick()
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_out_of_range_indexes_are_invalid(model: CallTableModel) -> None:
    assert not model.index(model.rowCount(), 0).isValid()
    assert not model.index(0, len(Column)).isValid()
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
