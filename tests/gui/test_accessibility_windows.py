"""Every interactive widget of the three apps' windows has a name a screen reader can speak.

Each window is walked widget by widget through `QAccessible.queryAccessibleInterface`, as an
assistive technology sees it (Qt derives a button's name from its text and a field's from its
label's buddy; anything else needs `setAccessibleName`). What exists only while open is walked
too: the keyboard shortcuts sheets (F1) and the task title editor; the console's charts must
say their figures, not only their titles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from helpers.fixtures import QLoop
from integrado.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


def interactive_widgets(window: QWidget) -> Iterator[QWidget]:
    """The widgets a keyboard user can reach: focusable, of an interactive kind, not a part
    another widget speaks for (a combo box's line edit, a spin box's field, a scroll bar)."""
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.focusPolicy() == widget.focusPolicy().NoFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
            continue
        # A combo box's drop-down list: the combo box is what is named and spoken.
        if parent is not None and isinstance(parent.parentWidget(), QComboBox):
            continue
        if type(widget).__name__ in ("QScrollBar", "QToolBarExtension", "QDockWidgetTitleButton"):
            continue
        yield widget


def unnamed(window: QWidget) -> list[str]:
    """'objectName (class)' of each interactive widget whose accessible name is empty."""
    missing = []
    for widget in interactive_widgets(window):
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None and interface.isValid()
        if not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{widget.objectName() or '?'} ({type(widget).__name__})")
    return sorted(missing)


def unlabelled_combos(window: QWidget) -> list[str]:
    """Combo boxes a screen reader on Linux could only read by their value ("Medium combo box"):
    there a combo box's name is its current text and `setAccessibleName` never reaches it, so it
    needs a label (a buddy, which AT-SPI gives as "labelled by") or, for a closed list, a
    description; an editable one, a label or a named text field ("root editable combo box")."""
    missing = []
    for widget in interactive_widgets(window):
        if not isinstance(widget, QComboBox):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface.relations(QAccessible.RelationFlag.Label):
            continue
        edit = widget.lineEdit()
        if edit.accessibleName() if edit is not None else widget.accessibleDescription():
            continue
        missing.append(f"{widget.objectName() or '?'} ({widget.currentText()!r})")
    return sorted(missing)


def silent_scroll_areas(window: QWidget) -> list[str]:
    """Scroll areas that take a Tab stop and say nothing there (no name, no description): the
    fields inside are what a keyboard user wants to reach. (Item views and text boxes are
    scroll areas that speak; a chart must say more than that: `unspoken_charts`.)"""
    silent = []
    for widget in window.findChildren(QAbstractScrollArea):
        if isinstance(widget, INTERACTIVE) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        said = interface.text(QAccessible.Text.Name) + interface.text(QAccessible.Text.Description)
        if not said.strip():
            silent.append(f"{widget.objectName() or '?'} ({type(widget).__name__})")
    return sorted(silent)


def unspoken_charts(window: QWidget) -> list[str]:
    """Charts (focusable graphics views) not read by both a name and a description: a title
    alone says nothing of what the chart shows."""
    unspoken = []
    for widget in window.findChildren(QGraphicsView):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name, description = (interface.text(t).strip() for t in (QAccessible.Text.Name, QAccessible.Text.Description))
        if not name or not description:
            unspoken.append(f"{name or widget.objectName() or '?'} ({type(widget).__name__})")
    return sorted(unspoken)


def problems(window: QWidget) -> dict[str, list[str]]:
    return {
        "unnamed": unnamed(window),
        "unlabelled combo boxes": unlabelled_combos(window),
        "silent scroll areas": silent_scroll_areas(window),
    }


NONE: dict[str, list[str]] = {"unnamed": [], "unlabelled combo boxes": [], "silent scroll areas": []}


def help_sheet_problems(qtbot: QtBot, window: Any) -> dict[str, list[str]]:
    """The window's F1 sheet, opened as F1 opens it, walked like a window, then closed."""
    window.act_help.trigger()
    sheet = window.shortcut_sheet
    qtbot.waitUntil(sheet.isVisible)
    try:
        assert len(list(interactive_widgets(sheet))) >= 2  # its list and its Close button at least
        return problems(sheet)
    finally:
        sheet.close()


def test_the_walk_finds_an_unnamed_field(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    field.setObjectName("nameless")
    window.setCentralWidget(field)
    assert unnamed(window) == ["nameless (QLineEdit)"]
    field.setAccessibleName("Caller")
    assert unnamed(window) == []
    combo = QComboBox(window)
    combo.setObjectName("level")
    combo.addItem("Medium")
    window.setMenuWidget(combo)
    assert unlabelled_combos(window) == ["level ('Medium')"]
    label = QLabel("Urgency", window)
    label.setBuddy(combo)
    assert unlabelled_combos(window) == []


def test_the_walk_hears_combo_boxes_and_scroll_areas_as_orca_does(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    combo = QComboBox(window)
    combo.setObjectName("operator")
    combo.setEditable(True)
    combo.addItem("root")
    combo.setAccessibleName("Assigned operator")  # read on Windows; on Linux the name is "root"
    window.setMenuWidget(combo)
    assert unlabelled_combos(window) == ["operator ('root')"]
    combo.lineEdit().setAccessibleName("Assigned operator")
    assert unlabelled_combos(window) == []
    closed = QComboBox(window)
    closed.setObjectName("status")
    closed.addItem("Not closed")
    closed.setAccessibleName("Status filter")
    window.setCentralWidget(closed)
    assert unlabelled_combos(window) == ["status ('Not closed')"]
    closed.setAccessibleDescription("Which calls to list, by status")
    assert unlabelled_combos(window) == []

    area = QScrollArea(window)
    area.setObjectName("fields")
    area.setWidget(QLabel("Caller"))
    window.setCentralWidget(area)
    assert silent_scroll_areas(window) == ["fields (QScrollArea)"]
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    assert silent_scroll_areas(window) == []

    chart = QGraphicsView(window)
    chart.setObjectName("chart")
    window.setCentralWidget(chart)
    assert unspoken_charts(window) == ["chart (QGraphicsView)"]
    chart.setAccessibleName("Events by type")  # the title alone: no figure
    assert unspoken_charts(window) == ["Events by type (QGraphicsView)"]
    chart.setAccessibleDescription("Call opened 12, Task completed 5")
    assert unspoken_charts(window) == []


def test_the_connection_dot_is_read_by_what_it_means(qtbot: QtBot) -> None:
    from integrado.qt.status import ConnectionIndicator
    from integrado.states import ConnectionState

    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    indicator.set_state(ConnectionState.LIVE, "")
    indicator.show()
    spoken = [
        QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
        for label in indicator.findChildren(QLabel)
        if label.isVisible()
    ]
    # Read in a row: "Connection: Live", not "black circle Live".
    assert spoken == ["Connection:", "Live"]


def test_callsystem_window_names_every_control(qtbot: QtBot, settings: Settings) -> None:
    from callsystem_gui.app import build, first_window

    # As the app builds it: the first frame, then the detail pane's fields.
    handle = build(settings, window=first_window(settings))
    window = handle.window
    qtbot.addWidget(window)
    try:
        window.show()
        assert len(list(interactive_widgets(window))) >= 40
        assert problems(window) == NONE
        assert help_sheet_problems(qtbot, window) == NONE
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def test_taskmanager_window_names_every_control(qtbot: QtBot, settings: Settings) -> None:
    from taskmanager_gui.app import build, first_window

    # As the app builds it: the first frame, then the detail pane's fields.
    handle = build(settings, window=first_window(settings))
    window = handle.window
    qtbot.addWidget(window)
    try:
        window.show()
        assert len(list(interactive_widgets(window))) >= 10
        assert problems(window) == NONE
        window.new_sibling()  # Ctrl+N: the new task's title editor opens
        qtbot.waitUntil(lambda: window.tree.state() == window.tree.State.EditingState)
        editors = [e for e in window.tree.findChildren(QLineEdit) if e.isVisible()]
        assert len(editors) == 1
        assert problems(window) == NONE
        assert help_sheet_problems(qtbot, window) == NONE
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def test_console_window_names_every_control(qtbot: QtBot, qloop: QLoop, settings: Settings) -> None:
    from event_console.app import build

    handle = build(settings)
    qtbot.addWidget(handle.window)
    try:
        handle.window.show()
        window = handle.window
        assert len(list(interactive_widgets(window))) >= 10
        assert problems(window) == NONE
        # The charts are Tab stops: each is read by its title and its figures in words.
        assert len(window.charts.views) == 6
        assert unspoken_charts(window) == []
        window.charts.refresh()
        assert unspoken_charts(window) == []
        # The details' fields (shown once an event is) are a named, focusable text.
        fields = window.side_tabs.event_details.form_area
        assert fields in interactive_widgets(window) and QAccessible.queryAccessibleInterface(fields).text(
            QAccessible.Text.Name
        )
        assert help_sheet_problems(qtbot, window) == NONE
    finally:
        if handle.desk is not None:
            qloop.run(handle.desk.stop())
        handle.controller.stop()
        handle.window.charts.timer.stop()
        handle.store.engine.dispose()
