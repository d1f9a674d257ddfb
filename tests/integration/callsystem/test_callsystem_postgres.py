"""CallSystem on a shared PostgreSQL (the office deployment): optimistic locking holds under a
real concurrent write, not only for a stale screen."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text, update

from callsystem_gui.domain import CallDraft, ConflictError
from callsystem_gui.service import CallService, create_pipeline
from callsystem_gui.tables import CallRow
from integrado.events import Actor
from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings

pytestmark = pytest.mark.integration


def _service(settings: Settings, url: str, operator: str) -> tuple[CallService, ProducerPipeline]:
    pipeline = create_pipeline(settings, db_url=url)
    return CallService(pipeline, Actor(operator, "pc")), pipeline


def test_concurrent_writer_between_read_and_write_is_a_conflict(settings: Settings, postgres_url: str) -> None:
    ana, ana_pipe = _service(settings, postgres_url, "ana")
    _bruno, bruno_pipe = _service(settings, postgres_url, "bruno")
    call = ana.register(CallDraft(caller_name="Maria Souza", phone="(51) 9999-0000", subject="Internet caiu"))
    assert ana.open_calls_of("", "51 99990000")[0].id == call.id  # LIKE/phone match on PostgreSQL too

    # Bruno's transaction has changed the row but not committed yet: Ana reads version 1, passes the
    # version check, and her UPDATE ... WHERE version = 1 waits on his row lock.
    bruno_tx = bruno_pipe.engine.connect()
    bruno_tx.begin()
    bruno_tx.execute(update(CallRow).where(CallRow.id == call.id).values(subject="Internet lenta", version=2))
    outcome: list[BaseException | object] = []

    def ana_saves() -> None:
        try:
            outcome.append(ana.update(call.id, 1, CallDraft(caller_name="Maria Souza", subject="Sem internet")))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=ana_saves)
    worker.start()
    deadline = time.monotonic() + 10
    with bruno_pipe.engine.connect() as watcher:
        while True:
            waiting = watcher.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar_one()
            if waiting or time.monotonic() > deadline:
                break
    assert waiting == 1, "Ana's update should be waiting on Bruno's row lock"
    bruno_tx.commit()
    bruno_tx.close()
    worker.join(10)

    [result] = outcome
    assert isinstance(result, ConflictError), result
    assert result.current is not None and result.current.subject == "Internet lenta"
    assert ana.get(call.id).subject == "Internet lenta"
    assert ana.get(call.id).version == 2
    assert ana_pipe.outbox.count(ana_pipe.engine) == 1  # only call.created: her event rolled back too
    ana_pipe.engine.dispose()
    bruno_pipe.engine.dispose()
