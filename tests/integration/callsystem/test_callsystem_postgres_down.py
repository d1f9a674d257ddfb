"""The office's PostgreSQL goes away while an operator works: every action fails with a clear,
translatable message (never a traceback), what the operator typed stays where it was, nothing is
half-written, and the same window works again once the server is back.

The server here is one the tests may stop and start again, not the one every other test uses.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from callsystem_gui.app import CallSystemHandle, build
from callsystem_gui.domain import CallDraft, Status, StorageUnavailableError
from callsystem_gui.labels import error_text
from callsystem_gui.service import CallService, create_pipeline
from callsystem_gui.tables import CallRow, NoteRow, TimelineRow
from helpers.concurrency import stopped_at_commit
from helpers.postgres import PostgresServer
from integrado.events import Actor
from integrado.qt.i18n import install_translator, remove_translators
from integrado.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]


@pytest.fixture
def service(settings: Settings, stoppable_url: str) -> Iterator[CallService]:
    pc = CallService(create_pipeline(settings, db_url=stoppable_url), Actor("ana", "pc-01"))
    yield pc
    pc.pipeline.engine.dispose()


def _written(service: CallService) -> dict[str, int]:
    """How many rows of each kind the database holds (an action half-written would show here)."""
    outbox = service.pipeline.outbox.table
    with service.pipeline.engine.connect() as conn:
        return {
            name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in (
                ("calls", CallRow.__table__),
                ("notes", NoteRow.__table__),
                ("timeline", TimelineRow.__table__),
                ("outbox", outbox),
            )
        }


def _versions(service: CallService) -> list[tuple[int, int, str]]:
    with service.pipeline.engine.connect() as conn:
        return [(r.id, r.version, r.status) for r in conn.execute(select(CallRow.id, CallRow.version, CallRow.status))]


ACTIONS: dict[str, Callable[[CallService, int], object]] = {
    "register": lambda pc, _id: pc.register(CallDraft(caller_name="João Lima", subject="Fatura em dobro")),
    "note": lambda pc, call_id: pc.add_note(call_id, "Cliente pediu retorno às 15h"),
    "close": lambda pc, call_id: pc.close(call_id, 1, "Fatura corrigida"),
    "restore": lambda pc, call_id: pc.restore(call_id),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_server_stopped_in_the_middle_of_an_action_writes_nothing(
    service: CallService, stoppable_postgres: PostgresServer, action: str
) -> None:
    call = service.register(CallDraft(caller_name="Maria Souza", subject="Sem sinal"))
    if action == "restore":
        service.delete(call.id, call.version)
    before, versions = _written(service), _versions(service)

    # The action has written its rows and its event; the server stops before its COMMIT.
    error = stopped_at_commit(
        stoppable_postgres.stop, service.pipeline.session_factory, lambda: ACTIONS[action](service, call.id)
    )
    assert isinstance(error, StorageUnavailableError), error
    assert error.saving and "cannot be reached" in str(error)
    with pytest.raises(StorageUnavailableError) as read:
        service.summaries()
    assert not read.value.saving

    stoppable_postgres.start_again()
    assert _written(service) == before, "a part of the failed action was written"
    assert _versions(service) == versions
    # The same service (its pool held dead connections) works again: the retry is saved once.
    ACTIONS[action](service, call.id)
    after = _written(service)
    assert after["outbox"] == before["outbox"] + 1


def test_server_already_down_is_the_same_message(service: CallService, stoppable_postgres: PostgresServer) -> None:
    call = service.register(CallDraft(caller_name="Maria Souza", subject="Sem sinal"))
    service.pipeline.engine.dispose()  # no pooled connection left: the next one is refused
    stoppable_postgres.stop()
    for action in ACTIONS.values():
        with pytest.raises(StorageUnavailableError) as failed:
            action(service, call.id)
        assert failed.value.saving
    for query in (service.summaries, lambda: service.detail(call.id), service.operators):
        with pytest.raises(StorageUnavailableError) as failed:
            query()
        assert not failed.value.saving


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, stoppable_url: str) -> Iterator[CallSystemHandle]:
    handle = build(dataclasses.replace(settings, operator="ana"), db_url=stoppable_url)
    qtbot.addWidget(handle.window)
    handle.window.resize(1500, 900)
    handle.window.show()
    qtbot.waitExposed(handle.window)
    yield handle
    handle.controller.stop()
    handle.pipeline.engine.dispose()


def _events(handle: CallSystemHandle) -> list[dict[str, Any]]:
    table = handle.pipeline.outbox.table
    with handle.pipeline.engine.connect() as conn:
        return [json.loads(p) for p in conn.execute(select(table.c.payload).order_by(table.c.seq)).scalars()]


def test_window_while_the_server_is_down(
    qtbot: QtBot, window: CallSystemHandle, stoppable_postgres: PostgresServer
) -> None:
    handle, form, pane = window, window.window.form, window.window.detail
    handle.service.register(CallDraft(caller_name="Maria Souza", subject="Sem sinal"))
    handle.controller.reload()
    assert handle.window.select_call(1)
    bar = handle.window.statusBar()
    not_saved = error_text(StorageUnavailableError(saving=True))
    out_of_date = error_text(StorageUnavailableError(saving=False))

    stoppable_postgres.stop()

    # A new call typed in the form: refused with the message, the form keeps every field.
    form.caller_name.setText("João Lima")
    form.phone.setText("(51) 3333-4444")
    form.subject.setText("Fatura em dobro")
    form.description.setPlainText("Cobrado duas vezes em novembro")
    form.submit()
    assert bar.currentMessage() == not_saved
    assert (form.caller_name.text(), form.phone.text(), form.subject.text()) == (
        "João Lima",
        "(51) 3333-4444",
        "Fatura em dobro",
    )
    assert form.description.toPlainText() == "Cobrado duas vezes em novembro"

    # A note on the selected call: refused, the note stays in its box.
    pane.note_edit.setPlainText("Cliente pediu retorno às 15h")
    pane.request_note()
    assert bar.currentMessage() == not_saved
    assert pane.note_edit.toPlainText() == "Cliente pediu retorno às 15h"

    # Closing: the resolution typed in the dialog is offered again on the retry.
    handle.controller.change_status(Status.CLOSED)
    dialog = handle.controller.pending_dialog
    dialog.text.setPlainText("Estorno feito")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert bar.currentMessage() == not_saved

    # What runs by itself (the poll, typing in the form) says the list may be stale, no dialog.
    assert handle.controller.poll_changes() == 0
    assert bar.currentMessage() == out_of_date
    handle.controller.lookup_caller("João Lima", "(51) 3333-4444")
    handle.controller.reload()
    assert QApplication.activeModalWidget() is None

    # Back: the same window saves what was kept, once each.
    stoppable_postgres.start_again()
    form.submit()
    # (Not #2: PostgreSQL's sequence may skip numbers after a crash; ids need not be gap-free.)
    assert re.fullmatch(r"Call #\d+ registered for João Lima\.", bar.currentMessage())
    assert form.caller_name.text() == ""
    assert handle.window.select_call(1)
    pane.note_edit.setPlainText("Cliente pediu retorno às 15h")
    pane.request_note()
    handle.controller.change_status(Status.CLOSED)
    dialog = handle.controller.pending_dialog
    assert dialog.text.toPlainText() == "Estorno feito"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: handle.controller.pending_dialog is None)
    assert [e["type"] for e in _events(handle)] == ["call.created", "call.created", "call.note_added", "call.closed"]
    assert _events(handle)[-1]["data"]["resolution"] == "Estorno feito"


def test_the_messages_in_portuguese(qapp: QApplication) -> None:
    previous = QLocale()
    assert install_translator(qapp, "pt_BR") == "pt_BR"
    try:
        assert error_text(StorageUnavailableError(saving=True)).startswith(
            "Não salvo: o banco de dados de chamados está inacessível."
        )
        assert error_text(StorageUnavailableError(saving=False)) == (
            "O banco de dados de chamados está inacessível: a lista pode estar desatualizada até ele voltar."
        )
    finally:
        remove_translators(qapp)
        QLocale.setDefault(previous)
        # Deliver the LanguageChange the removal posted now, not in the next test's windows.
        qapp.sendPostedEvents()
        qapp.processEvents()
