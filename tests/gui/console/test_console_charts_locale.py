"""The charts speak the window's language and wear its palette."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from event_console.models.event_table import EventTableModel
from event_console.views.charts_panel import ChartsPanel, LocaleDateAxis


@pytest.fixture
def portuguese() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("pt_BR"))
    yield
    QLocale.setDefault(before)


def test_day_ticks_follow_the_locale(qapp: QApplication, portuguese: None) -> None:
    axis = LocaleDateAxis(orientation="bottom")
    thursday = datetime(2026, 11, 26, 0, 0).timestamp()
    day, hour = axis.tickStrings([thursday], 1.0, 24 * 3600), axis.tickStrings([thursday + 3600 * 14.5], 1.0, 3600)
    assert day == [QLocale("pt_BR").toString(QLocale("pt_BR").toDate("26/11/2026", "dd/MM/yyyy"), "ddd d")]
    assert day != ["Thu 26"] and day[0].endswith("26")
    assert hour == ["14:30"]


def test_charts_take_the_palette_colours(qapp: QApplication, qtbot: QtBot) -> None:
    old = qapp.palette()
    dark = QPalette(old)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1f1f1f"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    qapp.setPalette(dark)
    try:
        panel = ChartsPanel(EventTableModel())
        qtbot.addWidget(panel)
        panel.timer.stop()
        assert pg.mkColor(pg.getConfigOption("background")).name() == "#1f1f1f"
        assert pg.mkColor(pg.getConfigOption("foreground")).name() == "#e6e6e6"
        assert panel.views[0].backgroundBrush().color().name() == "#1f1f1f"
    finally:
        qapp.setPalette(old)
