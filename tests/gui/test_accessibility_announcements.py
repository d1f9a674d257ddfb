"""Status changes a sighted operator sees are read out to a blind one: a registered call, a
lost connection (urgent) and its return."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import integrado.qt.status as status
from integrado.qt.announce import announce
from integrado.qt.status import ConnectionIndicator
from integrado.states import ConnectionState

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_indicator_announces_a_lost_connection_once_and_its_return(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    spoken: list[tuple[str, bool]] = []
    monkeypatch.setattr(status, "announce", lambda _w, text, urgent=False: spoken.append((text, urgent)))
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    indicator.set_state(ConnectionState.LIVE, "")
    assert spoken == []  # a normal start is not read out
    indicator.set_state(ConnectionState.RECONNECTING, "connection refused")
    indicator.set_state(ConnectionState.RECONNECTING, "connection refused")
    assert spoken == [("Reconnecting…", True)]
    indicator.set_state(ConnectionState.LIVE, "")
    assert spoken == [("Reconnecting…", True), ("Live", False)]


def test_an_announcement_is_sent_without_an_active_screen_reader(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    announce(widget, "Call #1 registered for Ana.")  # must not raise when nobody listens
    announce(widget, "")
