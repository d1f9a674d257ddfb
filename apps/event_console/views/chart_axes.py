"""The charts' axes: time in the window's language, counts in whole numbers (pyqtgraph
subclasses, imported with pyqtgraph once the charts are created)."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QDateTime, QLocale


class LocaleDateAxis(pg.DateAxisItem):
    """Time ticks in the window's language (pyqtgraph's own use the C library's: "Thu 26"
    under a Portuguese window): local time, the day as the locale abbreviates it."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        locale = QLocale()
        out = []
        for value in values:
            moment = QDateTime.fromMSecsSinceEpoch(round(value * 1000))
            if spacing >= 24 * 3600:
                out.append(locale.toString(moment.date(), "ddd d"))
            elif spacing >= 60:
                out.append(locale.toString(moment.time(), "HH:mm"))
            else:
                out.append(locale.toString(moment.time(), "HH:mm:ss"))
        return out


class CountAxis(pg.AxisItem):
    """An axis that counts (events, calls, tasks): whole-number ticks only, never "0.2" of an
    event, in the window's language."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        levels = [
            (spacing, [v for v in values if float(v).is_integer()])
            for spacing, values in super().tickValues(minVal, maxVal, size)
            if spacing >= 1
        ]
        if not levels:  # a range under a few units: one tick per whole number in it
            levels = [(1.0, [float(v) for v in range(math.ceil(max(minVal, 0.0)), math.floor(maxVal) + 1)])]
        return levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        locale = QLocale()
        return [locale.toString(round(value)) for value in values]
