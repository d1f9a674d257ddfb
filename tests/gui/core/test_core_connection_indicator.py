"""The status-bar indicator every app shows: one entry per connection state, found whether the
state arrives as a ConnectionState or as the plain text a Qt signal delivers."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from integrado.qt.status import ConnectionIndicator
from integrado.qt.text_style import text_colour
from integrado.states import ConnectionState


class _Relay(QObject):
    state_changed = Signal(str, str)


def test_every_state_has_its_own_text_and_colour(qtbot: QtBot) -> None:
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    shown = {}
    for state in ConnectionState:
        indicator.set_state(state, "")
        shown[state] = (indicator.label.text(), text_colour(indicator.dot))
        assert indicator.state is state
    for state in ConnectionState:
        assert shown[state][0] != state.value, f"{state} has no text"
    assert shown[ConnectionState.LIVE] == ("Live", "#1b7f3b")
    assert shown[ConnectionState.RECONNECTING][1] == shown[ConnectionState.DISCONNECTED][1] == "#b3261e"


def test_a_state_that_crossed_a_signal_as_text_finds_its_entry(qtbot: QtBot) -> None:
    indicator, relay = ConnectionIndicator(), _Relay()
    qtbot.addWidget(indicator)
    relay.state_changed.connect(indicator.set_state)
    relay.state_changed.emit(ConnectionState.DATABASE, "database is locked")
    assert indicator.state is ConnectionState.DATABASE
    assert indicator.label.text() == "Database unavailable"
    assert indicator.toolTip() == "database is locked"


def test_an_unknown_state_is_shown_rather_than_hidden(qtbot: QtBot) -> None:
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    indicator.set_state("leader_elected", "")
    assert (indicator.state, indicator.label.text()) == ("leader_elected", "leader_elected")


def test_the_badge_counts_queued_events_and_hides_at_zero(qtbot: QtBot) -> None:
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    indicator.set_queued(3)
    assert indicator.queue_label.isVisibleTo(indicator) and indicator.queue_label.text() == "3 queued"
    indicator.set_queued(0)
    assert not indicator.queue_label.isVisibleTo(indicator)


def test_a_pc_on_the_office_server_counts_what_waits_there(qtbot: QtBot) -> None:
    """On a shared database the PC does not publish: its badge says the rows wait on the server."""
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    indicator.set_queued(4)
    indicator.set_state(ConnectionState.ON_SERVER, "")
    assert indicator.label.text() == "Published by the office server"
    assert indicator.queue_label.text() == "events queued on the server: 4"
    indicator.set_state(ConnectionState.DATABASE, "server closed the connection")
    assert indicator.queue_label.text() == "4 queued"
