"""TaskTreeModel and TaskFilterModel: exact after every kind of change (qtmodeltester)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from integrado.events import Actor
from integrado.settings import Settings
from taskmanager_gui.models import MATCH_PATH_ROLE, MIME_TYPE, Column, TaskFilterModel, TaskTreeModel, TaskView
from taskmanager_gui.service import TaskService, create_pipeline

Loaded = tuple[TaskService, TaskTreeModel, dict[str, int]]


@pytest.fixture
def service(settings: Settings, tmp_path: Path) -> Iterator[TaskService]:
    pipeline = create_pipeline(settings, db_url=f"sqlite:///{tmp_path / 'tasks.db'}")
    yield TaskService(pipeline, Actor("ana", "pc-07"))
    pipeline.engine.dispose()


@pytest.fixture
def loaded(service: TaskService) -> Loaded:
    ids: dict[str, int] = {}
    ids["root"] = service.create("Atendimento").created[0].id
    ids["filas"] = service.create("Revisar filas", ids["root"]).created[0].id
    ids["a"] = service.create("Fila A: reclamações", ids["filas"]).created[0].id
    ids["b"] = service.create("Fila B: cobranças", ids["filas"]).created[0].id
    ids["escala"] = service.create("Escala de sábado", ids["root"]).created[0].id
    ids["treino"] = service.create("Treinamento de novatos").created[0].id
    model = TaskTreeModel()
    model.load(service.load_all())
    return service, model, ids


def titles(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[Any]:
    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_structure_and_data(qtmodeltester: ModelTester, loaded: Loaded) -> None:
    _service, model, _ids = loaded
    qtmodeltester.check(model)
    assert titles(model) == ["Atendimento", "Treinamento de novatos"]
    root = model.index(0, 0)
    assert titles(model, root) == ["Revisar filas", "Escala de sábado"]
    filas = model.index(0, 0, root)
    assert filas.parent() == root
    assert model.index(0, Column.PROGRESS, root).data() == "0/2 · 0%"
    assert model.index(5, 0) == QModelIndex()  # out of range
    assert model.index(0, 0, model.index(0, 1)) == QModelIndex()  # children only under column 0


def test_insert_complete_move_remove_restore_keep_model_exact(
    qtmodeltester: ModelTester, loaded: Loaded, qtbot: QtBot
) -> None:
    service, model, ids = loaded
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.rowsInserted):
        model.apply(service.create("Fila C", ids["filas"], 0))
    qtmodeltester.check(model)
    filas = model.index_for_id(ids["filas"])
    assert titles(model, filas) == ["Fila C", "Fila A: reclamações", "Fila B: cobranças"]

    model.apply(service.set_completed(ids["filas"], None, True))
    qtmodeltester.check(model)
    assert model.index_for_id(ids["root"], Column.PROGRESS).data() == "4/5 · 80%"
    assert model.index_for_id(ids["a"]).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    with qtbot.waitSignal(model.rowsMoved):
        model.apply(service.move(ids["treino"], None, ids["root"], 0))
    qtmodeltester.check(model)
    assert titles(model) == ["Atendimento"]
    assert titles(model, model.index_for_id(ids["root"]))[0] == "Treinamento de novatos"
    model.apply(service.move(ids["escala"], None, None, 0))  # up and out, to the top
    model.apply(service.move(ids["b"], None, ids["filas"], 0))  # reorder inside its parent
    model.apply(service.move(ids["b"], None, ids["filas"], 2))  # and down again
    qtmodeltester.check(model)
    assert titles(model, model.index_for_id(ids["filas"])) == ["Fila C", "Fila A: reclamações", "Fila B: cobranças"]

    with qtbot.waitSignal(model.rowsRemoved):
        removed = service.remove(ids["filas"], None)
        model.apply(removed)
    qtmodeltester.check(model)
    assert ids["a"] not in model.tree
    model.apply(service.restore(removed.removed))
    qtmodeltester.check(model)
    assert titles(model, model.index_for_id(ids["filas"])) == ["Fila C", "Fila A: reclamações", "Fila B: cobranças"]
    # The model and the database agree on every task's place.
    fresh = TaskTreeModel()
    fresh.load(service.load_all())
    assert [(n.id, n.parent_id, n.position) for n in fresh.tree.walk()] == [
        (n.id, n.parent_id, n.position) for n in model.tree.walk()
    ]


def test_drop_refuses_cycles_and_moves_through_the_handler(loaded: Loaded) -> None:
    service, model, ids = loaded
    calls: list[tuple[int, int | None, int]] = []

    def handler(task_id: int, parent_id: int | None, position: int) -> bool:
        calls.append((task_id, parent_id, position))
        model.apply(service.move(task_id, None, parent_id, position))
        return True

    model.move_handler = handler
    mime = model.mimeData([model.index_for_id(ids["root"])])
    assert mime.hasFormat(MIME_TYPE)
    into_own_child = model.index_for_id(ids["a"])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, into_own_child)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, into_own_child)
    assert calls == []
    mime = model.mimeData([model.index_for_id(ids["treino"])])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, model.index_for_id(ids["filas"]))
    assert calls == [(ids["treino"], ids["filas"], 1)]
    assert titles(model, model.index_for_id(ids["filas"])) == [
        "Fila A: reclamações",
        "Treinamento de novatos",
        "Fila B: cobranças",
    ]


def test_filters_keep_ancestors_and_show_path(qtmodeltester: ModelTester, loaded: Loaded) -> None:
    service, model, ids = loaded
    proxy = TaskFilterModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text("cobran")
    qtmodeltester.check(proxy)
    root = proxy.index(0, 0)
    assert proxy.rowCount() == 1 and root.data() == "Atendimento"
    filas = proxy.index(0, 0, root)
    assert proxy.rowCount(root) == 1
    match = proxy.index(0, 0, filas)
    assert match.data() == "Fila B: cobranças"
    assert match.data(MATCH_PATH_ROLE) == "Atendimento › Revisar filas"
    assert match.data(Qt.ItemDataRole.FontRole).bold()
    assert filas.data(MATCH_PATH_ROLE) is None  # an ancestor kept visible, not a match

    proxy.set_text("")
    model.apply(service.set_completed(ids["a"], None, True))
    proxy.set_view(TaskView.ACTIONABLE)
    qtmodeltester.check(proxy)
    visible = {proxy.node(i).id for i in _all_indexes(proxy)}
    assert visible == {ids["root"], ids["filas"], ids["b"], ids["escala"], ids["treino"]}
    proxy.set_view(TaskView.DONE)
    assert {proxy.node(i).id for i in _all_indexes(proxy)} == {ids["root"], ids["filas"], ids["a"]}
    # A task created while a view is set stays visible (no vanishing while typing its title).
    model.apply(service.create("Nova", ids["filas"]))
    qtmodeltester.check(proxy)
    assert "Nova" in {proxy.node(i).title for i in _all_indexes(proxy)}
    proxy.set_view(TaskView.OPEN)
    qtmodeltester.check(proxy)
    assert ids["a"] not in {proxy.node(i).id for i in _all_indexes(proxy)}
    model.apply(service.remove(ids["filas"], None))
    qtmodeltester.check(proxy)
    proxy.set_view(TaskView.ALL)
    assert len(_all_indexes(proxy)) == len(model.tree)


def _all_indexes(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent or QModelIndex()
    out: list[QModelIndex] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(_all_indexes(model, index))
    return out


def shape(model: TaskTreeModel) -> list[tuple[int, int | None, int, str, bool, int]]:
    return [(n.id, n.parent_id, n.position, n.title, n.completed, n.version) for n in model.tree.walk()]


def test_sync_folds_in_another_operators_changes_row_by_row(qtmodeltester: ModelTester, loaded: Loaded) -> None:
    service, model, ids = loaded
    qtmodeltester.check(model)
    other = TaskService(service.pipeline, Actor("bruno", "pc-02"))
    first = other.create("Antes de tudo", None, 0).created[0].id
    deep = other.create("Ligar para o fornecedor", ids["a"]).created[0].id
    other.move(ids["escala"], None, ids["treino"], 0)
    other.move(ids["b"], None, ids["filas"], 0)
    other.set_completed(ids["a"], None, True)
    other.update(ids["filas"], None, title="Revisar as filas")
    other.remove(ids["treino"], None)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first_row, _last: inserted.append(first_row))

    # What a live update reads: the tasks the events named and their parents' subtasks.
    named = [first, deep, ids["escala"], ids["b"], ids["a"], ids["filas"], ids["treino"]]
    shown = {c.id for c in model.tree.root.children} | {c.id for c in model.tree.nodes[ids["filas"]].children}
    assert model.sync(service.snapshot({*named, *shown}, {None, ids["filas"], ids["root"]}))

    assert not resets and inserted
    assert shape(model) == shape_of(service)
    assert model.index_for_id(ids["filas"], Column.PROGRESS).data() == "2/3 · 67%"
    assert model.sync(service.snapshot([], [None]))  # nothing new: nothing moves
    assert shape(model) == shape_of(service)


def test_sync_of_the_whole_tree_matches_a_reload(qtmodeltester: ModelTester, loaded: Loaded) -> None:
    from taskmanager_gui.records import TreeSnapshot

    service, model, ids = loaded
    qtmodeltester.check(model)
    other = TaskService(service.pipeline, Actor("bruno", "pc-02"))
    new_top = other.create("Auditoria", None, 1).created[0].id
    other.move(ids["filas"], None, new_top, 0)
    other.remove(ids["root"], None)
    assert model.sync(TreeSnapshot.whole(service.load_all(), model.tree.nodes))
    assert shape(model) == shape_of(service)
    assert model.index_for_id(new_top, Column.PROGRESS).data() == "0/3 · 0%"


def shape_of(service: TaskService) -> list[tuple[int, int | None, int, str, bool, int]]:
    tree = service.load_tree()
    return [(n.id, n.parent_id, n.position, n.title, n.completed, n.version) for n in tree.walk()]
