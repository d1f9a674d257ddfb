"""The suite's windows in one process: a "Window" menu in each that reopens any of them (a closed
window is only hidden, its app keeps running), and one quit for all of them (Ctrl+Q and "Quit" in
every window), which first lets each window ask about edits it has not saved."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

QUIT_KEYS = "Ctrl+Q"


class SuiteWindows(QObject):
    """The main windows of the suite, in the order they were opened.

    A window may offer `confirm_leave(then)`: it runs `then` once its unsaved edits are saved or
    discarded, or never when the operator cancels (then the quit stops there).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.windows: list[tuple[QMainWindow, str]] = []
        self.quitting = False
        self._menus: list[tuple[QMenu, QMainWindow]] = []

    def add(self, window: QMainWindow, title: str) -> None:
        """Give `window` the Window menu and make its quit the suite's."""
        self.windows.append((window, title))
        window.destroyed.connect(lambda _obj=None, w=window: self._drop(w))
        menu = QMenu(QCoreApplication.translate("SuiteWindows", "&Window"), window.menuBar())
        menu.setObjectName("windowMenu")
        menu.aboutToShow.connect(lambda: self._fill(menu, window))
        self._menus.append((menu, window))
        help_menu = next((a for a in window.menuBar().actions() if _plain(a.text()) in _HELP_TITLES), None)
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu, menu)
        else:
            window.menuBar().addMenu(menu)
        self._take_over_quit(window)
        for each, here in self._menus:
            self._fill(each, here)

    def _drop(self, window: QMainWindow) -> None:
        self.windows = [(w, t) for w, t in self.windows if w is not window]
        self._menus = [(m, w) for m, w in self._menus if w is not window]

    def _take_over_quit(self, window: QMainWindow) -> None:
        quit_keys = QKeySequence(QUIT_KEYS)
        own = [a for a in window.findChildren(QAction) if any(s == quit_keys for s in a.shortcuts())]
        for action in own:
            # The window's own Quit (and its Ctrl+Q) now ends the whole suite.
            action.triggered.disconnect()
            action.triggered.connect(self.quit_all)
        if not own:
            action = QAction(QCoreApplication.translate("SuiteWindows", "&Quit"), window)
            action.setObjectName("actQuitSuite")
            action.setShortcut(quit_keys)
            action.triggered.connect(self.quit_all)
            window.addAction(action)
            window.setProperty("suiteQuit", True)

    def _fill(self, menu: QMenu, here: QMainWindow) -> None:
        menu.clear()
        for window, title in self.windows:
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(window is here)
            action.setObjectName(f"show_{window.objectName()}")
            action.triggered.connect(lambda _checked=False, w=window: show_window(w))
        quit_action = next((a for a in here.actions() if a.objectName() == "actQuitSuite"), None)
        if quit_action is not None:
            menu.addSeparator()
            menu.addAction(quit_action)

    def quit_all(self) -> None:
        """Close every window of the suite; each may ask about unsaved edits first, and a
        cancelled question stops the quit with every window as it was."""
        self.quitting = True
        self._next(list(w for w, _ in self.windows))

    def _next(self, remaining: list[QMainWindow]) -> None:
        while remaining:
            window = remaining[0]
            confirm: Callable[[Callable[[], object]], None] | None = getattr(window, "confirm_leave", None)
            if confirm is not None and window.isVisible():
                confirm(partial(self._next, remaining[1:]))
                return
            remaining = remaining[1:]
        for window, _title in self.windows:
            window.close()
        self.quitting = False


_HELP_TITLES = {"help", "ajuda"}


def _plain(text: str) -> str:
    return text.replace("&", "").strip().lower()


def show_window(window: QMainWindow) -> None:
    """Bring a window back (it may have been closed: closing only hides it)."""
    window.show()
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


_suite: SuiteWindows | None = None


def suite_windows() -> SuiteWindows:
    """The process's one registry (the suite runs its apps in one process)."""
    global _suite
    if _suite is None:
        app = QCoreApplication.instance()
        _suite = SuiteWindows(app)
        _suite.destroyed.connect(_forget)
    return _suite


def _forget() -> None:
    global _suite
    _suite = None
