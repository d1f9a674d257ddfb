"""An exception in a slot or an asyncSlot is never lost: it is logged with its traceback and
shown to the person using the app (without blocking the event loop)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

log = logging.getLogger("integrado.crash")


def install_excepthook(show_dialog: bool = True) -> None:
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        log.error("unhandled exception", exc_info=(exc_type, exc, tb))
        if show_dialog and QApplication.instance() is not None:
            # Imported here: QMessageBox's enumerations would cost every window's first frame.
            import traceback

            from PySide6.QtWidgets import QMessageBox

            title = QCoreApplication.translate("ExceptHook", "Unexpected error")
            box = QMessageBox(QMessageBox.Icon.Critical, title, f"{exc_type.__name__}: {exc}")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setInformativeText(
                QCoreApplication.translate("ExceptHook", "The error was logged. Your saved work is safe.")
            )
            box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # never exec(): we may be inside a coroutine

    sys.excepthook = hook
