"""An app that cannot open its database at start says which file and why, and for a damaged file
(corrupt, or not a database at all) offers to move it aside and start with an empty one, or to
quit. Never a traceback, never a crash loop, never a deleted file."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from integrado.settings import Settings
from integrado.storage import StorageFailure, StorageProblem, find_storage_failure, move_aside

log = logging.getLogger(__name__)


class _Handle(Protocol):
    async def shutdown(self) -> None: ...


class StorageRecoveryDialog(QMessageBox):
    """Names the database file that failed to open and what is wrong with it; for a damaged file
    offers "Move aside and start fresh" besides "Quit"."""

    def __init__(self, failure: StorageFailure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failure = failure
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(QCoreApplication.translate("StorageRecoveryDialog", "Database problem"))
        where = (
            str(failure.path)
            if failure.path is not None
            else QCoreApplication.translate("StorageRecoveryDialog", "the configured database")
        )
        texts = {
            StorageProblem.CORRUPT: QCoreApplication.translate(
                "StorageRecoveryDialog", "The database file %1 is damaged and cannot be opened."
            ),
            StorageProblem.NOT_A_DATABASE: QCoreApplication.translate(
                "StorageRecoveryDialog", "The file %1 is not a database and cannot be opened."
            ),
            StorageProblem.FULL: QCoreApplication.translate(
                "StorageRecoveryDialog", "The disk that holds %1 is full: the program cannot start."
            ),
            StorageProblem.READ_ONLY: QCoreApplication.translate(
                "StorageRecoveryDialog", "The database %1 is read-only (its file or folder cannot be written)."
            ),
            StorageProblem.UNREACHABLE: QCoreApplication.translate(
                "StorageRecoveryDialog", "The database %1 cannot be opened."
            ),
        }
        self.setText(texts[failure.problem].replace("%1", where))
        self.move_button = None
        if failure.problem.broken_file and failure.path is not None:
            self.setInformativeText(
                QCoreApplication.translate(
                    "StorageRecoveryDialog",
                    "Move it aside to start with an empty database: the file is kept, renamed to "
                    "“%1.corrupt-<date and time>”, for a backup or a specialist. Or quit and have "
                    "a backup restored.",
                ).replace("%1", failure.path.name)
            )
            self.move_button = self.addButton(
                QCoreApplication.translate("StorageRecoveryDialog", "Move aside and start fresh"),
                QMessageBox.ButtonRole.AcceptRole,
            )
        elif failure.problem == StorageProblem.FULL:
            self.setInformativeText(
                QCoreApplication.translate(
                    "StorageRecoveryDialog", "Free some space on that disk, then start the program again."
                )
            )
        else:
            self.setInformativeText(
                QCoreApplication.translate(
                    "StorageRecoveryDialog", "Tell the office's administrator, then start the program again."
                )
            )
        self.quit_button = self.addButton(
            QCoreApplication.translate("StorageRecoveryDialog", "Quit"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.quit_button)
        self.setEscapeButton(self.quit_button)
        self.setDetailedText(failure.detail)

    def chose_move_aside(self) -> bool:
        return self.move_button is not None and self.clickedButton() is self.move_button


async def ask_recovery(failure: StorageFailure) -> bool:
    """Show the dialog (without a nested event loop) and return True for "move aside"."""
    dialog = StorageRecoveryDialog(failure)
    answered: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def finished(_result: int) -> None:
        if not answered.done():
            answered.set_result(dialog.chose_move_aside())

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await answered
    finally:
        dialog.deleteLater()


async def start_with_recovery[H: _Handle](
    start: Callable[[Settings], Awaitable[H]],
    settings: Settings,
    *,
    ask: Callable[[StorageFailure], Awaitable[bool]] = ask_recovery,
) -> H | None:
    """`start(settings)`; when it fails on its database, ask what to do. Returns the started
    app, or None when the person chose to quit (or nothing but quitting can help)."""
    while True:
        try:
            return await start(settings)
        except Exception as exc:
            failure = find_storage_failure(exc)
            if failure is None:
                raise
            log.error("cannot start: database %s %s: %s", failure.path or "", failure.problem, failure.detail)
            if not await ask(failure) or failure.path is None or not failure.problem.broken_file:
                return None
            move_aside(failure.path)
