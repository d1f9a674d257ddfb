"""The pure task tree: progress, cascade, parent rules, due dates, cycles."""

from __future__ import annotations

from datetime import date

import pytest

from taskmanager_gui.domain import (
    BlockedError,
    CycleError,
    ParentRule,
    TaskTree,
    ValidationError,
    clean_title,
)
from taskmanager_gui.records import TaskData


def make_tree() -> TaskTree:
    """1 Atendimento > (2 Filas > (4 Fila A, 5 Fila B), 3 Escalas); 6 Treinamento."""
    rows = [
        TaskData(1, None, 0, "Atendimento"),
        TaskData(2, 1, 0, "Filas"),
        TaskData(3, 1, 1, "Escalas"),
        TaskData(4, 2, 0, "Fila A"),
        TaskData(5, 2, 1, "Fila B", completed=True),
        TaskData(6, None, 1, "Treinamento"),
    ]
    return TaskTree.from_data(reversed(rows))


def test_builds_in_order_with_progress() -> None:
    tree = make_tree()
    assert [n.id for n in tree.walk()] == [1, 2, 4, 5, 3, 6]
    assert tree.get(1).progress == (1, 4)
    assert tree.get(2).progress == (1, 2)
    assert tree.get(4).progress == (0, 0)
    assert tree.path(tree.get(5)) == ["Atendimento", "Filas", "Fila B"]
    assert [c.position for c in tree.get(2).children] == [0, 1]


def test_complete_cascades_to_open_descendants_only() -> None:
    tree = make_tree()
    changed = tree.complete(tree.get(1), ParentRule.MANUAL)
    assert [n.id for n in changed] == [1, 2, 4, 3]  # 5 was already done
    assert tree.get(1).progress == (4, 4)
    assert tree.root.progress == (5, 6)


def test_reopen_child_keeps_parent_in_manual_and_reopens_it_in_auto_and_block() -> None:
    for rule, parent_open in [(ParentRule.MANUAL, False), (ParentRule.AUTO_COMPLETE, True), (ParentRule.BLOCK, True)]:
        tree = make_tree()
        tree.complete(tree.get(1), ParentRule.MANUAL)
        changed = tree.reopen(tree.get(4), rule)
        assert tree.get(2).completed is not parent_open, rule
        assert tree.get(1).completed is not parent_open, rule
        assert len(changed) == (3 if parent_open else 1)


def test_auto_rule_completes_parents_when_last_child_done() -> None:
    tree = make_tree()
    changed = tree.complete(tree.get(4), ParentRule.AUTO_COMPLETE)
    assert [n.id for n in changed] == [4, 2]  # Filas done; Atendimento still has Escalas open
    changed = tree.complete(tree.get(3), ParentRule.AUTO_COMPLETE)
    assert [n.id for n in changed] == [3, 1]
    assert tree.get(1).completed


def test_block_rule_refuses_parent_with_open_children_and_changes_nothing() -> None:
    tree = make_tree()
    with pytest.raises(BlockedError, match="3 open subtask"):
        tree.complete(tree.get(1), ParentRule.BLOCK)
    assert not tree.get(1).completed and tree.get(1).progress == (1, 4)
    assert [n.id for n in tree.complete(tree.get(4), ParentRule.BLOCK)] == [4]


def test_move_prevents_cycles() -> None:
    tree = make_tree()
    with pytest.raises(CycleError):
        tree.move(tree.get(1), tree.get(4), 0)
    with pytest.raises(CycleError):
        tree.move(tree.get(2), tree.get(2), 0)
    assert [n.id for n in tree.walk()] == [1, 2, 4, 5, 3, 6]


def test_move_updates_positions_and_progress() -> None:
    tree = make_tree()
    tree.move(tree.get(5), tree.get(6), 0)
    assert tree.get(6).progress == (1, 1)
    assert tree.get(1).progress == (0, 3)
    assert tree.get(4).position == 0
    tree.move(tree.get(6), tree.root, 0)
    assert [n.id for n in tree.root.children] == [6, 1]
    assert [n.position for n in tree.root.children] == [0, 1]
    assert {1, 6} <= tree.renumbered or 1 in tree.renumbered


def test_subtask_never_due_after_parent() -> None:
    tree = make_tree()
    tree.get(1).due = date(2026, 12, 10)
    with pytest.raises(ValidationError, match="2026-12-10"):
        tree.check_due(tree.get(4), tree.get(2), date(2026, 12, 11))  # limit inherited from grandparent
    tree.check_due(tree.get(4), tree.get(2), date(2026, 12, 10))
    tree.get(4).due = date(2026, 12, 9)
    with pytest.raises(ValidationError, match="2026-12-09"):
        tree.check_due(tree.get(1), tree.root, date(2026, 12, 1))  # parent earlier than a subtask
    tree.get(6).due = date(2026, 12, 30)
    with pytest.raises(ValidationError):
        tree.check_move(tree.get(6), tree.get(2))


def test_detach_returns_subtree_and_updates_counts() -> None:
    tree = make_tree()
    removed = tree.detach(tree.get(2))
    assert [n.id for n in removed] == [2, 4, 5]
    assert tree.get(1).progress == (0, 1)
    assert tree.get(3).position == 0
    assert 4 not in tree


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "needs a title"), ("   ", "needs a title"), ("x" * 10_000, "at most 500"), ("a\u202eb", "control")],
)
def test_bad_titles_are_refused(title: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        clean_title(title)


def test_title_whitespace_is_normalised() -> None:
    assert clean_title("  Ligar   para\tcliente ") == "Ligar para cliente"


def test_corrupted_rows_never_hide_tasks() -> None:
    """A parent that vanished or a parent cycle (edited by hand) still shows every task."""
    rows = [
        TaskData(1, None, 0, "Raiz"),
        TaskData(2, 99, 0, "Órfã"),  # parent 99 does not exist
        TaskData(3, 4, 0, "Ciclo A"),
        TaskData(4, 3, 0, "Ciclo B"),
    ]
    tree = TaskTree.from_data(rows)
    assert {n.id for n in tree.walk()} == {1, 2, 3, 4}
    assert [c.position for c in tree.root.children] == list(range(len(tree.root.children)))
    assert tree.root.progress == (0, 4)
