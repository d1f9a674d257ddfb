"""Desktop integration: application name and icon, the .desktop id, the light/dark palette, and
remembered window geometry.

    setup_application(app, "CallSystem")      # once, right after the QApplication exists
    settle_style(app)                         # once the first window has painted
    remember_window(window, settings, "callsystem")   # per main window, before show()

High-DPI needs nothing: Qt 6 scales by the screen's factor and renders icons from the PNG set.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from integrado.resources import resource_path
from integrado.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ACTION_ICON_SIZES = (16, 24, 32, 48)

# Program name -> (icon base name, .desktop id, name shown to people)
PROGRAMS: dict[str, tuple[str, str, str]] = {
    "CallSystem": ("callsystem", "integrado-callsystem", "CallSystem"),
    "TaskManager": ("taskmanager", "integrado-taskmanager", "TaskManager"),
    "EventConsole": ("eventconsole", "integrado-eventconsole", "Event Console"),
    "Integrado": ("integrado", "integrado", "Integrado"),
}


@cache
def _files_in(folder: Path) -> frozenset[str]:
    """The names in `folder` (empty if it is not there): one listing, not a look per file."""
    try:
        return frozenset(os.listdir(folder))
    except OSError:
        return frozenset()


def _png_icon(folder: Path, base: str, sizes: Sequence[int]) -> QIcon:
    """`folder/base-<size>.png` for each size that is there (crisp at any DPI)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon  # its type costs ~2 ms: not before the first frame

    icon = QIcon()
    there = _files_in(folder)
    for size in sizes:
        name = f"{base}-{size}.png"
        if name in there:
            # With its size given, Qt reads the file when that size is first drawn, not now.
            icon.addFile(str(folder / name), QSize(size, size))
    return icon


@cache
def app_icon(name: str) -> QIcon:
    """The program's icon with every shipped size; empty if not installed."""
    return _png_icon(resource_path("icons"), PROGRAMS.get(name, PROGRAMS["Integrado"])[0], ICON_SIZES)


@cache
def action_icon(name: str) -> QIcon:
    """A toolbar action's icon, shipped as PNG (`packaging/make_icons.py` draws them): Qt's
    standard icons would need QStyle, whose enumerations PySide6 builds in ~7 ms before the
    first paint; Qt greys these out itself for a disabled action."""
    return _png_icon(resource_path("icons", "actions"), name, ACTION_ICON_SIZES)


def setup_application(app: QGuiApplication, name: str) -> None:
    """Name and desktop id for the window manager's task bar and the About dialog; the icon
    follows with `set_app_icon`."""
    _icon, desktop_id, display = PROGRAMS.get(name, PROGRAMS["Integrado"])
    app.setApplicationDisplayName(display)
    # Wayland/GNOME match windows to their launcher by this id (the .desktop file's name).
    app.setDesktopFileName(desktop_id)


def set_app_icon(app: QGuiApplication, name: str) -> None:
    """The program's icon on every window. Called once the first window has painted (X11 task
    bars take the new icon at once): QIcon's type and its eight files cost the first frame ~3 ms,
    and a desktop shell shows the launcher's icon meanwhile."""
    app.setWindowIcon(app_icon(name))


def settle_style(app: QGuiApplication) -> None:
    """Fusion where Qt would fall back to a style that ignores the dark scheme (Linux without a
    desktop theme plugin); Fusion draws from the palette, which Qt 6 sets from the system's
    light/dark preference. Called once the first window has painted: asking for the style makes
    PySide6 build QStyle's enums (~5 ms), and where Qt 6 already chose Fusion (the usual case)
    nothing changes on screen."""
    if isinstance(app, QApplication) and sys.platform.startswith("linux"):
        current = app.style().name().lower() if app.style() else ""
        from PySide6.QtWidgets import QStyleFactory

        available = QStyleFactory.keys()
        if current not in ("fusion", "breeze", "kvantum", "oxygen") and "Fusion" in available:
            app.setStyle("Fusion")


def color_scheme() -> str:
    """'dark', 'light' or 'unknown': what the system asks for (Qt 6.5+ follows it by itself)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    return {Qt.ColorScheme.Dark: "dark", Qt.ColorScheme.Light: "light"}.get(scheme, "unknown")


class _WindowMemory(QObject):
    """Saves a main window's geometry and dock/toolbar state when it closes."""

    def __init__(self, window: QMainWindow, store: QSettings, key: str) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.save()
        return False

    def save(self) -> None:
        self._store.setValue(f"{self._key}/geometry", self._window.saveGeometry())
        self._store.setValue(f"{self._key}/state", self._window.saveState())
        self._store.sync()


def window_store(settings: Settings) -> QSettings:
    """An INI file in Integrado's config folder (not the registry): settings stay in one place."""
    return QSettings(str(settings.config_dir / "windows.ini"), QSettings.Format.IniFormat)


def remember_window(window: QMainWindow, settings: Settings, key: str) -> None:
    """Restore the window's last geometry and state now; save them whenever it closes."""
    store = window_store(settings)
    geometry = store.value(f"{key}/geometry")
    if isinstance(geometry, QByteArray | bytes) and geometry:
        window.restoreGeometry(QByteArray(geometry))
    state = store.value(f"{key}/state")
    if isinstance(state, QByteArray | bytes) and state:
        window.restoreState(QByteArray(state))
    memory = _WindowMemory(window, store, key)
    window.installEventFilter(memory)


def top_level_main_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
