"""Wires the supervisors' audit to the window: the table's "History of call #13…" opens the
entity's history read from the database in a worker thread, and the dialog's "Export audit
trail…" writes it (read again, so that it is whole at the moment of export) in one action."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt

from event_console.audit import EntityRef, write_audit_trail
from event_console.audit_reader import EntityHistoryReader
from event_console.views.entity_history import EntityHistoryDialog
from event_console.views.main_window import ConsoleWindow
from integrado.secrets import redact_url

log = logging.getLogger(__name__)

RunTask = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


class AuditPresenter(QObject):
    """Opens entity history dialogs for one console window and exports their audit trails."""

    def __init__(self, history: object, window: ConsoleWindow, run: RunTask) -> None:
        super().__init__(window)
        engine = getattr(history, "engine", None)
        # A history without a database (a fake in a benchmark) has no audit to show.
        self.reader = EntityHistoryReader(engine) if engine is not None else None
        self.window = window
        self.run = run
        self.last_dialog: EntityHistoryDialog | None = None
        window.entity_history_requested.connect(self.open_history)

    def open_history(self, ref: EntityRef, shown_label: str) -> EntityHistoryDialog:
        dialog = EntityHistoryDialog(ref, shown_label, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.export_requested.connect(lambda path, fmt: self.run(self._export(dialog, path, fmt)))
        dialog.show()
        self.last_dialog = dialog
        self.run(self._load(dialog))
        return dialog

    async def _load(self, dialog: EntityHistoryDialog) -> None:
        try:
            entries = await asyncio.to_thread(self._read, dialog.ref)
        except Exception as exc:
            log.error("reading the history of %s failed", dialog.ref.label, exc_info=exc)
            if shiboken6.isValid(dialog):
                dialog.show_failed(_reason(exc))
            return
        if shiboken6.isValid(dialog):
            dialog.show_entries(entries)

    async def _export(self, dialog: EntityHistoryDialog, path: Path, fmt: str) -> None:
        ref = dialog.ref
        try:
            entries = await asyncio.to_thread(self._read, ref)
            count = await asyncio.to_thread(write_audit_trail, path, ref, entries, fmt)
        except Exception as exc:
            log.error("exporting the audit trail of %s failed", ref.label, exc_info=exc)
            if shiboken6.isValid(dialog):
                dialog.show_export_failed(_reason(exc))
            return
        log.info("audit trail of %s (%s, origin %s): %d events to %s", ref.label, ref.system, ref.origin, count, path)
        if shiboken6.isValid(dialog):
            dialog.show_entries(entries)
            dialog.show_exported(path, count)

    def _read(self, ref: EntityRef) -> list[Any]:
        if self.reader is None:
            raise RuntimeError("this console has no history database")
        return self.reader.entries(ref)


def _reason(exc: BaseException) -> str:
    text = (str(exc) or type(exc).__name__).splitlines()[0][:200]
    return redact_url(text)
