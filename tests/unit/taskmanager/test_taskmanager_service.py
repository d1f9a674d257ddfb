"""TaskService against a real SQLite file: one transaction and its outbox rows per action."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from integrado.events import Actor
from integrado.settings import Settings
from taskmanager_gui.domain import BlockedError, CycleError, ParentRule, ValidationError
from taskmanager_gui.service import ConflictError, NotFoundError, TaskService, create_pipeline
from taskmanager_gui.tables import TaskRow


@pytest.fixture
def service(settings: Settings, tmp_path: Path) -> Iterator[TaskService]:
    pipeline = create_pipeline(settings, db_url=f"sqlite:///{tmp_path / 'tasks.db'}")
    yield TaskService(pipeline, Actor("ana", "pc-07"))
    pipeline.engine.dispose()


def outbox(service: TaskService) -> list[dict[str, Any]]:
    t = service.pipeline.outbox.table
    with service.pipeline.engine.connect() as conn:
        return [json.loads(p) for (p,) in conn.execute(select(t.c.payload).order_by(t.c.seq))]


def count_rows(service: TaskService) -> int:
    with service.pipeline.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(TaskRow.__table__)).scalar_one()


def build(service: TaskService) -> dict[str, int]:
    ids = {}
    ids["root"] = service.create("Atendimento").created[0].id
    ids["a"] = service.create("Filas", ids["root"]).created[0].id
    ids["a1"] = service.create("Fila A", ids["a"]).created[0].id
    ids["a2"] = service.create("Fila B", ids["a"]).created[0].id
    ids["b"] = service.create("Escalas", ids["root"]).created[0].id
    return ids


def version(service: TaskService, task_id: int) -> int:
    return next(t.version for t in service.load_all() if t.id == task_id)


def test_create_publishes_exactly_one_event_with_path_and_progress(service: TaskService) -> None:
    ids = build(service)
    events = outbox(service)
    assert [e["type"] for e in events] == ["task.created"] * 5
    last = service.create("Fila C", ids["a"], 0)
    (event,) = last.events
    assert event["action"] == "created" and event["title"] == "Fila C" and event["completed"] is False
    assert event["data"]["parent_id"] == ids["a"]
    assert event["data"]["path"] == ["Atendimento", "Filas", "Fila C"]
    assert event["data"]["progress"] == {"done": 0, "total": 0, "percent": None}
    assert event["data"]["position"] == 0
    tree = service.load_tree()
    assert [c.title for c in tree.get(ids["a"]).children] == ["Fila C", "Fila A", "Fila B"]
    assert [c.position for c in tree.get(ids["a"]).children] == [0, 1, 2]


def test_complete_cascade_one_event_per_changed_task_one_correlation(service: TaskService) -> None:
    ids = build(service)
    service.set_completed(ids["a2"], None, True)
    before = len(outbox(service))
    result = service.set_completed(ids["root"], version(service, ids["root"]), True)
    events = outbox(service)[before:]
    assert [e["id"] for e in events] == [ids["root"], ids["a"], ids["a1"], ids["b"]]  # a2 was already done
    assert {e["type"] for e in events} == {"task.completed"}
    assert len({e["correlation_id"] for e in events}) == 1
    assert events[0]["data"]["progress"] == {"done": 4, "total": 4, "percent": 100}
    assert result.completion_before() == {ids["root"]: False, ids["a"]: False, ids["a1"]: False, ids["b"]: False}


def test_reopen_and_exact_undo(service: TaskService) -> None:
    ids = build(service)
    done = service.set_completed(ids["a"], None, True)
    reopened = service.set_completed(ids["a"], None, False)
    assert [e["type"] for e in reopened.events] == ["task.reopened"]
    undo = service.set_completion_exact({ids["a1"]: False, ids["a2"]: False})
    assert [e["id"] for e in undo.events] == [ids["a1"], ids["a2"]]
    assert len(done.events) == 3


def test_parent_rules(service: TaskService) -> None:
    ids = build(service)
    service.rule = ParentRule.BLOCK
    with pytest.raises(BlockedError):
        service.set_completed(ids["a"], None, True)
    service.rule = ParentRule.AUTO_COMPLETE
    service.set_completed(ids["a1"], None, True)
    result = service.set_completed(ids["a2"], None, True)
    assert [(e["id"], e["type"]) for e in result.events] == [
        (ids["a2"], "task.completed"),
        (ids["a"], "task.completed"),
    ]


def test_move_event_and_cycle_refused_without_writes(service: TaskService) -> None:
    ids = build(service)
    before = len(outbox(service))
    with pytest.raises(CycleError):
        service.move(ids["root"], None, ids["a1"], 0)
    assert len(outbox(service)) == before
    result = service.move(ids["a2"], version(service, ids["a2"]), ids["b"], 0)
    (event,) = result.events
    assert event["type"] == "task.moved"
    assert event["changes"] == {"parent_id": [ids["a"], ids["b"]], "position": [1, 0]}
    assert event["data"]["path"] == ["Atendimento", "Escalas", "Fila B"]


def test_remove_and_restore_subtree_with_same_ids(service: TaskService) -> None:
    ids = build(service)
    removed = service.remove(ids["a"], None)
    assert [e["type"] for e in removed.events] == ["task.deleted"] * 3
    assert [e["id"] for e in removed.events] == [ids["a"], ids["a1"], ids["a2"]]
    assert len({e["correlation_id"] for e in removed.events}) == 1
    assert removed.events[0]["data"]["path"] == ["Atendimento", "Filas"]
    assert {t.id for t in service.load_all()} == {ids["root"], ids["b"]}
    restored = service.restore(removed.removed)
    assert [e["type"] for e in restored.events] == ["task.restored"] * 3
    tree = service.load_tree()
    assert [n.id for n in tree.walk()] == [ids["root"], ids["a"], ids["a1"], ids["a2"], ids["b"]]


def test_validation_leaves_nothing_half_saved(service: TaskService) -> None:
    ids = build(service)
    rows, events = count_rows(service), len(outbox(service))
    for bad in ["", "x" * 10_000, "Fila\u202e", "Fila\x07"]:
        with pytest.raises(ValidationError):
            service.create(bad, ids["a"])
        with pytest.raises(ValidationError):
            service.update(ids["a"], None, title=bad)
    service.update(ids["root"], None, due=date(2026, 12, 1))
    events += 1
    with pytest.raises(ValidationError, match="after its parent"):
        service.create("Tarde demais", ids["a"], due=date(2026, 12, 2))
    assert count_rows(service) == rows
    assert len(outbox(service)) == events
    assert [t.title for t in service.load_all() if t.id == ids["a"]] == ["Filas"]


def test_conflict_and_not_found(service: TaskService) -> None:
    ids = build(service)
    seen = version(service, ids["a"])
    service.update(ids["a"], seen, title="Filas de hoje")  # another operator
    with pytest.raises(ConflictError, match="someone else"):
        service.update(ids["a"], seen, title="Minhas filas")
    service.remove(ids["b"], None)
    with pytest.raises(NotFoundError, match="removed"):
        service.set_completed(ids["b"], None, True)
    with pytest.raises(NotFoundError):
        service.create("Sob um removido", ids["b"])


def test_update_records_changes_and_skips_no_op(service: TaskService) -> None:
    ids = build(service)
    result = service.update(ids["a1"], None, title="Fila A (manhã)", priority=3)
    assert result.events[0]["changes"] == {"title": ["Fila A", "Fila A (manhã)"], "priority": [0, 3]}
    assert service.update(ids["a1"], None, title="Fila A (manhã)").empty


def test_cached_tree_sees_what_another_operator_committed(service: TaskService) -> None:
    ids = build(service)
    other = TaskService(service.pipeline, Actor("bruno", "pc-02"))
    new_id = other.create("Criada pelo Bruno", ids["b"]).created[0].id
    # This service's cached tree must notice the new task before using it as a parent.
    moved = service.move(ids["a1"], None, new_id, 0)
    assert moved.events[0]["data"]["path"] == ["Atendimento", "Escalas", "Criada pelo Bruno", "Fila A"]
    other.remove(new_id, None)
    with pytest.raises(NotFoundError):
        service.create("Sob a removida", new_id)


def test_failed_action_leaves_the_cached_tree_untouched(service: TaskService) -> None:
    ids = build(service)
    service.rule = ParentRule.BLOCK
    with pytest.raises(BlockedError):
        service.set_completed(ids["root"], None, True)
    service.rule = ParentRule.MANUAL
    done = service.set_completed(ids["root"], None, True)
    assert [e["id"] for e in done.events] == [ids["root"], ids["a"], ids["a1"], ids["a2"], ids["b"]]


def test_auto_rule_follows_creations_and_moves_in_one_correlation(service: TaskService) -> None:
    ids = build(service)
    service.rule = ParentRule.AUTO_COMPLETE
    service.set_completed(ids["a"], None, True)  # Filas and its two subtasks
    created = service.create("Fila C", ids["a"])
    assert [(e["type"], e["id"]) for e in created.events][:2] == [
        ("task.created", created.created[0].id),
        ("task.reopened", ids["a"]),  # a done parent with an open subtask is not done
    ]
    assert len({e["correlation_id"] for e in created.events}) == 1
    moved = service.move(created.created[0].id, None, ids["b"], 0)  # its last open subtask leaves
    assert ("task.completed", ids["a"]) in [(e["type"], e["id"]) for e in moved.events]


def test_restore_refuses_when_the_parent_was_removed_meanwhile(service: TaskService) -> None:
    ids = build(service)
    removed = service.remove(ids["a1"], None)
    service.remove(ids["a"], None)  # someone removes the parent too
    with pytest.raises(NotFoundError):
        service.restore(removed.removed)
    assert ids["a1"] not in {t.id for t in service.load_all()}


def test_long_titles_deep_trees_and_long_notes_still_fit_one_message(service: TaskService) -> None:
    parent: int | None = None
    emoji_title = "📞" * 500  # 2,000 bytes each
    for _ in range(30):
        parent = service.create(emoji_title, parent).created[0].id
    assert parent is not None
    result = service.update(parent, None, notes="é" * 4000, title="☎" * 500)
    (event,) = result.events
    assert len(event["data"]["path"]) == 12
    assert event["data"]["path"][1] == "…"
    assert event["data"]["path"][-1] == "☎" * 500
    assert event["changes"]["notes"] == [0, 4000]
