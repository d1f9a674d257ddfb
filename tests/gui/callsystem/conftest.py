"""A real CallSystem window on a real SQLite file (relay and bus built but not started here;
tests/integration/callsystem runs them against a real Redis)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from callsystem_gui.app import CallSystemHandle, build
from integrado.settings import Settings


@pytest.fixture
def open_window(qtbot: QtBot, settings: Settings) -> Iterator[Callable[..., CallSystemHandle]]:
    """Open a CallSystem window for an operator (call again for a second operator or a restart)."""
    handles: list[CallSystemHandle] = []

    def open_(operator: str = "ana") -> CallSystemHandle:
        handle = build(dataclasses.replace(settings, operator=operator))
        window = handle.window
        qtbot.addWidget(window)
        window.resize(1500, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        handles.append(handle)
        return handle

    yield open_
    for handle in handles:
        handle.controller.stop()
        handle.pipeline.engine.dispose()
