"""Rows that hold still under the pointer: live changes by other operators wait while the pointer
rests on a list or tree (a few seconds at most), so that a row does not move between aiming and
clicking. One policy for every app's list."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView

HOLD_RETRY_MS = 400
HOLD_HOVER_MAX_SECONDS = 4.0


class HoverHold(QObject):
    """Whether live changes must wait for the pointer to leave `view`; `release` is called a
    moment later (`retry_later`) to try again."""

    def __init__(self, view: QAbstractItemView, release: Callable[[], None]) -> None:
        super().__init__(view)
        self.view = view
        self._since: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOLD_RETRY_MS)
        self._timer.timeout.connect(release)

    def holding(self) -> bool:
        """True while the pointer rests on the view, for at most HOLD_HOVER_MAX_SECONDS."""
        if not self.view.viewport().underMouse():
            self._since = None
            return False
        now = time.monotonic()
        if self._since is None:
            self._since = now
        return now - self._since < HOLD_HOVER_MAX_SECONDS

    def retry_later(self) -> None:
        self._timer.start()

    def reset(self) -> None:
        """The next wait under the pointer starts afresh."""
        self._since = None
