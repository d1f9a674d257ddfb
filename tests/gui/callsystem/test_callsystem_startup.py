"""The call list at start-up: the newest calls first, the rest folded in from a worker thread,
and then the list (order, filters, the selected call) exactly as if it had been read at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from callsystem_gui.app import CallSystemHandle, build, first_window
from callsystem_gui.models.call_table import CallTableModel, Column
from callsystem_gui.tables import CallRow
from helpers.demo.callsystem import bulk_rows
from helpers.fixtures import QLoop
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CALLS = 2_000


@pytest.fixture
def big_settings(settings: Settings, tmp_path: Path) -> Settings:
    settings = dataclasses.replace(settings, callsystem_db=f"sqlite:///{tmp_path / 'calls.db'}")
    handle = build(settings)
    with handle.pipeline.engine.begin() as conn:
        conn.execute(insert(CallRow), list(bulk_rows(CALLS)))
    handle.controller.stop()
    handle.pipeline.engine.dispose()
    return settings


def ids(handle: CallSystemHandle) -> list[int]:
    model = handle.window.model
    return [call.id for call in (model.call_at(row) for row in range(model.rowCount())) if call is not None]


def close(handle: CallSystemHandle) -> None:
    handle.controller.stop()
    handle.pipeline.engine.dispose()


def filter_passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the filter-and-sort passes made on the GUI thread."""
    passes: list[int] = []
    real = CallTableModel._apply_filter

    def counted(model: CallTableModel) -> None:
        passes.append(1)
        real(model)

    monkeypatch.setattr(CallTableModel, "_apply_filter", counted)
    return passes


def test_first_screen_then_the_rest_exactly_as_one_read(
    qtbot: QtBot, qloop: QLoop, big_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The operator's last layout: every call, sorted by caller (many callers call twice).
    setup = build(big_settings)
    qtbot.addWidget(setup.window)
    setup.window.status_filter.setCurrentIndex(setup.window.status_filter.findData("all"))
    setup.window.sort_by(Column.CALLER, Qt.SortOrder.AscendingOrder)
    close(setup)
    whole = build(big_settings)
    qtbot.addWidget(whole.window)
    expected = ids(whole)
    assert len(expected) == CALLS
    close(whole)

    handle = build(big_settings, first_screen=100)
    qtbot.addWidget(handle.window)
    window = handle.window
    assert handle.controller.loading
    assert window.model.rowCount() == 100
    newest = {c.id for c in handle.service.summaries(newest=100)}
    assert set(ids(handle)) == newest
    window.select_row(3)
    selected = window.current_call_id
    assert selected is not None

    passes = filter_passes(monkeypatch)
    qloop.run(handle.controller.finish_loading(), timeout=30)
    assert not handle.controller.loading
    assert passes == []  # merged, filtered and sorted in the worker thread
    assert ids(handle) == expected
    assert window.current_call_id == selected
    current = window.model.call_at(window.table.currentIndex().row())
    assert current is not None and current.id == selected
    close(handle)


def test_a_change_folded_in_while_loading_is_not_undone(
    qtbot: QtBot, qloop: QLoop, big_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    handle = build(big_settings, first_screen=50)
    qtbot.addWidget(handle.window)
    first = handle.window.model.call_at(0)
    assert first is not None
    newer = dataclasses.replace(first, subject="changed meanwhile", version=first.version + 1)
    model = handle.window.model
    calls = handle.service.summaries()
    prepared = model.prepare_loaded(calls)
    model.upsert([newer])  # a live change after the worker's snapshot: its list is stale
    passes = filter_passes(monkeypatch)
    model.add_loaded(calls, prepared)
    assert passes == [1]
    assert handle.window.model.get(first.id) == newer
    assert handle.window.model.total_count() == len([c for c in handle.service.summaries() if not c.deleted])
    close(handle)


def test_a_small_office_loads_everything_at_once(qtbot: QtBot, settings: Settings) -> None:
    handle = build(settings, first_screen=300)
    qtbot.addWidget(handle.window)
    assert not handle.controller.loading
    close(handle)


def test_the_first_frame_builds_the_pane_s_placeholder_and_build_adds_its_fields(
    qtbot: QtBot, qloop: QLoop, big_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = first_window(big_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.detail.placeholder.isVisible()
    assert not window.detail.has_fields() and not hasattr(window.detail, "caller_name")
    # The menus' titles are there; their actions and every key come right after the first frame.
    assert [m.title() for m in window.menus.values()] == ["&Call", "&View", "&Help"]
    assert not window.all_actions() and not any(m.actions() for m in window.menus.values())
    handle = build(big_settings, window=window, first_screen=50)
    assert handle.window is window and window.detail.has_fields() and window.search.isClearButtonEnabled()
    assert window.act_new.shortcut().toString() == "Ctrl+N" and window.act_new in window.menus["call"].actions()
    window.select_row(0)
    qtbot.waitUntil(lambda: window.detail.caller_name.isVisible())
    assert not window.detail.placeholder.isVisible()
    shown = window.model.call_at(0)
    assert shown is not None and window.detail.caller_name.text() == shown.caller_name
    # The Tab order and the window's shortcuts reach the fields built after the first frame.
    chain, widget = [], window.table.nextInFocusChain()
    while widget is not None and widget is not window.table and len(chain) < 500:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert (
        chain.index(window.detail.start_button) < chain.index(window.detail.note_edit) < chain.index(window.undo_button)
    )
    asked: list[str] = []
    monkeypatch.setattr(window.detail, "focus_note", lambda: asked.append("note"))
    window.act_note.trigger()
    assert asked == ["note"]
    close(handle)
