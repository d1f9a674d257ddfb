"""Every interactive widget of the three apps' windows has a name a screen reader can speak.

Each window is walked widget by widget through `QAccessible.queryAccessibleInterface`, as an
assistive technology sees it (Qt derives a button's name from its text and a field's from its
label's buddy; anything else needs `setAccessibleName`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
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
    there a combo box's name is its current text, so it needs a label (a buddy, which AT-SPI
    gives as "labelled by"), an accessible name of its own or a description."""
    missing = []
    for widget in interactive_widgets(window):
        if not isinstance(widget, QComboBox) or widget.accessibleName() or widget.accessibleDescription():
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if not interface.relations(QAccessible.RelationFlag.Label):
            missing.append(f"{widget.objectName() or '?'} ({widget.currentText()!r})")
    return sorted(missing)


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


def test_callsystem_window_names_every_control(qtbot: QtBot, settings: Settings) -> None:
    from callsystem_gui.app import build

    handle = build(settings)
    qtbot.addWidget(handle.window)
    try:
        handle.window.show()
        assert len(list(interactive_widgets(handle.window))) >= 40
        assert unnamed(handle.window) == []
        assert unlabelled_combos(handle.window) == []
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def test_taskmanager_window_names_every_control(qtbot: QtBot, settings: Settings) -> None:
    from taskmanager_gui.app import build

    handle = build(settings)
    qtbot.addWidget(handle.window)
    try:
        handle.window.show()
        assert len(list(interactive_widgets(handle.window))) >= 10
        assert unnamed(handle.window) == []
        assert unlabelled_combos(handle.window) == []
    finally:
        handle.controller.stop()
        handle.pipeline.engine.dispose()


def test_console_window_names_every_control(qtbot: QtBot, qloop: QLoop, settings: Settings) -> None:
    from event_console.app import build

    handle = build(settings)
    qtbot.addWidget(handle.window)
    try:
        handle.window.show()
        assert len(list(interactive_widgets(handle.window))) >= 10
        assert unnamed(handle.window) == []
        assert unlabelled_combos(handle.window) == []
    finally:
        if handle.desk is not None:
            qloop.run(handle.desk.stop())
        handle.controller.stop()
        handle.window.charts.timer.stop()
        handle.store.engine.dispose()
