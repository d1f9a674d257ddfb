"""Two operators' PCs writing the same task tree at the same moment on one PostgreSQL database.

Each action reads the tree, applies the parent rule and writes what changed. Without a lock two
such transactions each read the tree before the other committed (write skew): completing the last
two open subtasks at once left their parent open under the AUTO rule, and a parent completed
while a subtask was reopened or added stayed completed under BLOCK. The tests pause PC A's
transaction just before its commit, run PC B's action meanwhile on its own connection, then let A
commit: the result must be the one a serial order (A, then B) gives, in the database and in the
published events.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from helpers.concurrency import WAIT, interleave
from integrado.events import Actor
from integrado.settings import Settings
from taskmanager_gui.domain import ParentRule
from taskmanager_gui.records import ChangeSet
from taskmanager_gui.service import TaskService, create_pipeline

pytestmark = pytest.mark.integration


@dataclass
class Office:
    ana: TaskService
    bruno: TaskService

    def events(self) -> list[dict[str, Any]]:
        """The outbox in seq order: what the relay publishes, in that order."""
        t = self.ana.pipeline.outbox.table
        with self.ana.pipeline.engine.connect() as conn:
            return [json.loads(p) for (p,) in conn.execute(select(t.c.payload).order_by(t.c.seq))]

    def completed(self, task_id: int) -> bool:
        return next(t.completed for t in self.ana.load_all() if t.id == task_id)


@pytest.fixture
def office(settings: Settings, postgres_url: str) -> Iterator[Office]:
    pcs = [
        TaskService(create_pipeline(settings, db_url=postgres_url), Actor(name, host))
        for name, host in (("ana", "pc-01"), ("bruno", "pc-02"))
    ]
    yield Office(*pcs)
    for pc in pcs:
        pc.pipeline.engine.dispose()


def _interleave(office: Office, first: Callable[[], ChangeSet], second: Callable[[], ChangeSet]) -> list[ChangeSet]:
    """`first` on PC A up to its commit; `second` on PC B meanwhile (it may wait for A's lock or,
    without one, run to its own commit); then A commits."""
    a, b = interleave(
        office.ana.pipeline.engine, office.ana.pipeline.session_factory, first, second, second_must_wait=False
    )
    for side in (a, b):
        if side.error is not None:
            raise side.error
    return [a.result, b.result]


def _completion_events(office: Office) -> list[tuple[str, int, str]]:
    return [
        (e["type"], e["id"], e["actor"]["user"])
        for e in office.events()
        if e["type"] in ("task.completed", "task.reopened", "task.created")
    ]


def test_auto_rule_two_operators_complete_the_last_two_subtasks_at_once(office: Office) -> None:
    for pc in (office.ana, office.bruno):
        pc.rule = ParentRule.AUTO_COMPLETE
    parent = office.ana.create("Campanha de retenção").created[0].id
    first = office.ana.create("Ligar para a lista A", parent).created[0].id
    second = office.ana.create("Ligar para a lista B", parent).created[0].id
    before = len(office.events())

    a, b = _interleave(
        office,
        lambda: office.ana.set_completed(first, None, True),
        lambda: office.bruno.set_completed(second, None, True),
    )

    assert office.completed(parent), "both subtasks are done: under AUTO the parent is done"
    # Serially: Ana completes hers; Bruno completes his, the last one, and with it the parent.
    assert [t.id for t in a.updated] == [first]
    assert [t.id for t in b.updated] == [second, parent]
    sent = office.events()[before:]
    assert [(e["type"], e["id"], e["actor"]["user"]) for e in sent] == [
        ("task.completed", first, "ana"),
        ("task.completed", second, "bruno"),
        ("task.completed", parent, "bruno"),
    ]
    assert sent[1]["correlation_id"] == sent[2]["correlation_id"]
    assert sent[2]["data"]["progress"] == {"done": 2, "total": 2, "percent": 100}


@pytest.mark.parametrize("bruno_does", ["reopens a subtask", "adds a subtask"])
def test_block_rule_parent_completed_while_a_subtask_opens(office: Office, bruno_does: str) -> None:
    for pc in (office.ana, office.bruno):
        pc.rule = ParentRule.BLOCK
    parent = office.ana.create("Escala de fim de semana").created[0].id
    done = office.ana.create("Confirmar plantão de sábado", parent).created[0].id
    office.ana.set_completed(done, None, True)
    before = len(office.events())

    def bruno() -> ChangeSet:
        if bruno_does == "reopens a subtask":
            return office.bruno.set_completed(done, None, False)
        return office.bruno.create("Confirmar plantão de domingo", parent)

    _a, b = _interleave(office, lambda: office.ana.set_completed(parent, None, True), bruno)

    # Serially: Ana completes the parent (its only subtask is done); Bruno's open subtask then
    # reopens it, because under BLOCK a completed parent never has an open subtask.
    assert not office.completed(parent), "a completed parent with an open subtask under BLOCK"
    assert parent in [t.id for t in b.updated]
    sent = office.events()[before:]
    opened = ("task.reopened", done, "bruno") if bruno_does == "reopens a subtask" else ("task.created", None, "bruno")
    got = [(e["type"], None if e["type"] == "task.created" else e["id"], e["actor"]["user"]) for e in sent]
    assert got == [("task.completed", parent, "ana"), opened, ("task.reopened", parent, "bruno")]


def test_different_trees_do_not_wait_for_each_other(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    # The lock is per top-level tree: while Ana's action holds her project (it has read the tree
    # and not yet written), Bruno's action in another project runs to its commit.
    ana_project = office.ana.create("Campanha de retenção").created[0].id
    ana_step = office.ana.create("Ligar para a lista A", ana_project).created[0].id
    bruno_project = office.ana.create("Escala de fim de semana").created[0].id
    bruno_step = office.ana.create("Confirmar plantão", bruno_project).created[0].id
    read, release = threading.Event(), threading.Event()
    read_tree = office.ana._tree

    def hold_after_reading(session: Session) -> Any:
        tree = read_tree(session)
        read.set()
        release.wait(WAIT)
        return tree

    monkeypatch.setattr(office.ana, "_tree", hold_after_reading)
    ana = threading.Thread(target=lambda: office.ana.set_completed(ana_step, None, True))
    ana.start()
    try:
        assert read.wait(WAIT)
        started = time.monotonic()
        office.bruno.set_completed(bruno_step, None, True)
        assert time.monotonic() - started < 2.0
    finally:
        release.set()
        ana.join(WAIT)
    assert office.completed(ana_step) and office.completed(bruno_step)
