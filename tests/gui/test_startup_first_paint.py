"""Each program paints its real window before it imports what the first frame does not need.

A fresh process does what the program's `main()` does up to its first frame (the QApplication,
settings without the OS keyring, the app's `show_first`): the window must have painted, show its
loading state, and neither the event loop's modules (asyncio, qasync) nor the database, the bus,
the event codec, the charts library or the keyring may have been imported by then. PySide6's
`__feature__` import hook (it reads the source of each module imported after PySide6) is off, and
the garbage collector the installed commands pause at their start collects again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers.process import python_json

# urllib.parse (with ipaddress, ~2.5 ms) only checks a Redis URL someone configured.
HEAVY = (
    "asyncio",
    "qasync",
    "sqlalchemy",
    "alembic",
    "redis",
    "pyqtgraph",
    "keyring",
    "integrado.events.codec",
    "urllib.parse",
)

FIRST_FRAME = """
import builtins, gc, importlib, json, sys
from integrado.startup import pause_collector
pause_collector()  # as the installed commands (integrado_suite.launch) do first
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel
from integrado.qt.runner import PAINTED, make_qapplication, take_shown
from integrado.settings import Settings

app = make_qapplication("FirstPaintTest")
module, key = sys.argv[1], sys.argv[2]
importlib.import_module(module).show_first(Settings.load(read_keyring=False))
window = take_shown(key)
from PySide6.QtGui import QAction
heavy = json.loads(sys.argv[3])
charts = getattr(window, "charts", None)
print(json.dumps({
    "painted": bool(window is not None and window.property(PAINTED)),
    "visible": window is not None and window.isVisible(),
    "status": window.statusBar().currentMessage() if window is not None else "",
    # What the status bar shows under its message, where the message is drawn (on the left).
    "under_status": [label.text() for label in window.statusBar().findChildren(QLabel)
                     if label.isVisible() and label.text() and label.mapTo(window.statusBar(), QPoint()).x() < 40],
    "charts_loading": charts is not None and charts.placeholder is not None and not charts.plots_ready,
    "imported": sorted(name for name in heavy if name in sys.modules),
    "import_hook": builtins.__import__.__name__,
    "other_apps": sorted(m for m in ("taskmanager_gui.app", "event_console.app") if m in sys.modules),
    "collecting": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    # Keys come right after the first frame, before anyone could press one.
    "quit_key": window is not None and any(a.shortcut().toString() == "Ctrl+Q" for a in window.findChildren(QAction)),
}))
"""


def _first_frame(module: str, key: str) -> dict[str, object]:
    result: dict[str, object] = python_json(
        FIRST_FRAME, module, key, json.dumps(HEAVY), env=dict(os.environ, QT_QPA_PLATFORM="offscreen")
    )
    return result


@pytest.mark.parametrize(
    ("module", "key", "status"),
    [
        ("callsystem_gui.app", "CallSystem", "Loading calls…"),
        ("taskmanager_gui.app", "TaskManager", "Loading tasks…"),
        ("event_console.app", "EventConsole", "Loading the event history…"),
        ("integrado_suite.suite", "CallSystem", "Loading calls…"),
    ],
)
def test_the_window_paints_before_the_loop_the_database_and_the_bus(
    isolated_env: Path, module: str, key: str, status: str
) -> None:
    result = _first_frame(module, key)
    assert result["painted"] and result["visible"], result
    assert result["status"] == status
    assert result["under_status"] == [], f"drawn under the loading message: {result['under_status']}"
    assert result["imported"] == [], f"imported before the first frame: {result['imported']}"
    assert result["import_hook"] != "__feature_import__"
    # The garbage collector, paused until the first frame, collects again; start-up's objects
    # (PySide6's among them) are frozen.
    assert result["collecting"] and int(str(result["frozen"])) > 20_000, result
    if key in ("CallSystem", "TaskManager"):
        assert result["quit_key"], "the window's keys should be there once its first frame is"
    if module == "integrado_suite.suite":
        assert result["other_apps"] == [], "the suite's first window waits for no other app's modules"
    if module == "event_console.app":
        assert result["charts_loading"], "the console's charts area should say it is loading"
