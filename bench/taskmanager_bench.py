"""TaskManager at scale: 10,000 tasks, 8 levels deep.

Measures, on a real SQLite file and the real window (offscreen):
- tree_10k_load_ms: database -> pure tree -> model -> window shown and painted once;
- expand_all_ms, filter_*_ms (views and text search, our set-lookup proxy), and the same text
  search with a stock QSortFilterProxyModel + setRecursiveFilteringEnabled(True) for comparison;
- move_ms / complete_ms: one user action (service transaction incl. outbox row + model update);
- startup_ms_taskmanager: a fresh process until the window is first shown (small database).

Usage: .venv/bin/python bench/taskmanager_bench.py [--tasks 10000] [--depth 8]
Prints a table and writes bench/results/taskmanager.json. Bounded: well under 90 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import bench_common  # noqa: F401  (puts apps/ and tests/ on sys.path)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "taskmanager.json"

WORDS = [
    "Ligar",
    "cliente",
    "fila",
    "escala",
    "retenção",
    "cobrança",
    "relatório",
    "treinamento",
    "auditoria",
    "portabilidade",
    "plano",
    "empresarial",
    "ofertas",
    "roteiro",
    "feedback",
]


def make_rows(count: int, depth: int, seed: int = 7) -> list[dict]:
    """A tree of `count` tasks whose deepest branches reach `depth` levels (breadth-first)."""
    rnd = random.Random(seed)
    now = datetime(2026, 11, 26, 12, 0, 0)
    # Fan-out chosen so `depth` levels hold `count` tasks: 5 top-level, ~3.2 children each.
    rows: list[dict] = []
    level: list[int | None] = [None]
    next_id = 1
    for d in range(depth):
        new_level: list[int] = []
        for parent in level:
            kids = 5 if parent is None else rnd.randint(2, 4)
            for pos in range(kids):
                if next_id > count:
                    break
                rows.append(
                    {
                        "id": next_id,
                        "parent_id": parent,
                        "position": pos,
                        "title": f"{rnd.choice(WORDS).capitalize()} {rnd.choice(WORDS)} {next_id}",
                        "notes": "",
                        "priority": rnd.randint(0, 3),
                        "due": None,
                        "completed": d == depth - 1 and rnd.random() < 0.4,
                        "completed_at": None,
                        "created_at": now,
                        "updated_at": now,
                        "deleted_at": None,
                        "version": 1,
                    }
                )
                new_level.append(next_id)
                next_id += 1
        level = new_level  # type: ignore[assignment]
    # Fill up to `count` with more leaves on the deepest level's parents.
    parents = [r["id"] for r in rows if r["parent_id"] is not None]
    while next_id <= count:
        parent = rnd.choice(parents)
        rows.append({**rows[-1], "id": next_id, "parent_id": parent, "position": 1000 + next_id})
        next_id += 1
    return rows


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time in ms."""
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def startup_child() -> None:
    """Runs in a fresh process: build the app and show the window; report when painted."""
    from PySide6.QtWidgets import QApplication

    from integrado.settings import Settings
    from taskmanager_gui.app import build

    app = QApplication(sys.argv)
    handle = build(Settings.load(read_keyring=False))
    handle.window.show()
    app.processEvents()
    print("SHOWN", flush=True)
    handle.pipeline.engine.dispose()


def measure_startup(tmp: Path) -> float:
    env = dict(os.environ)
    env["INTEGRADO_CONFIG_DIR"] = str(tmp / "startup-config")
    env["INTEGRADO_DATA_DIR"] = str(tmp / "startup-data")
    env["REDIS_URL"] = "redis://127.0.0.1:1/0"  # the window never waits on Redis
    samples = []
    for _ in range(3):
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--startup-child"], env=env, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("SHOWN"):
                samples.append((time.perf_counter() - t0) * 1000)
                break
        proc.wait(timeout=60)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description="TaskManager benchmark")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--depth", type=int, default=8)
    parser.add_argument("--startup-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child:
        startup_child()
        return 0

    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="taskmanager-bench-"))
    os.environ["INTEGRADO_CONFIG_DIR"] = str(tmp / "config")
    os.environ["INTEGRADO_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication, QTreeView

    from integrado.settings import Settings
    from taskmanager_gui.app import TaskManagerHandle, build
    from taskmanager_gui.models import TaskView
    from taskmanager_gui.service import create_pipeline
    from taskmanager_gui.tables import TASKS

    app = QApplication.instance() or QApplication(sys.argv)
    settings = Settings.load(read_keyring=False)
    pipeline = create_pipeline(settings)
    rows = make_rows(args.tasks, args.depth)
    with pipeline.engine.begin() as conn:
        conn.execute(TASKS.insert(), rows)
    pipeline.engine.dispose()

    results: dict[str, float | int | str] = {"tasks": args.tasks, "depth": args.depth}

    built: list[TaskManagerHandle] = []

    def load() -> None:
        built.append(build(settings))
        built[-1].window.show()
        app.processEvents()

    results["tree_10k_load_ms"] = round(timed(load), 1)
    (handle,) = built
    window = handle.window
    tree = handle.controller.model.tree
    assert len(tree) == args.tasks, len(tree)
    results["depth_reached"] = max(n.depth() for n in tree.walk()) + 1
    results["db_to_tree_ms"] = round(timed(lambda: handle.controller.service.load_tree(), repeat=3), 1)

    def expand() -> None:
        window.expand_all()
        app.processEvents()

    results["expand_all_ms"] = round(timed(expand), 1)

    def search(text: str) -> Callable[[], None]:
        def run() -> None:
            window.search.setText(text)
            window._apply_search()  # what the debounce timer calls
            app.processEvents()

        return run

    results["filter_text_ms"] = round(timed(search("cobrança fila"), repeat=3), 1)
    results["filter_text_broad_ms"] = round(timed(search("cliente"), repeat=3), 1)
    results["filter_clear_ms"] = round(timed(search(""), repeat=3), 1)
    for view in (TaskView.OPEN, TaskView.ACTIONABLE, TaskView.DONE):

        def set_view(v: TaskView = view) -> None:
            window.set_view(v)
            app.processEvents()

        results[f"filter_{view.value}_ms"] = round(timed(set_view, repeat=3), 1)
    window.set_view(TaskView.ALL)

    # The stock recursive filter, for comparison (Python never runs per row there, but Qt
    # walks every row and every ancestor chain).
    stock = QSortFilterProxyModel()
    stock.setSourceModel(handle.controller.model)
    stock.setRecursiveFilteringEnabled(True)
    stock.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    stock_view = QTreeView()
    stock_view.setUniformRowHeights(True)
    stock_view.setModel(stock)

    def stock_filter() -> None:
        stock.setFilterRegularExpression(QRegularExpression(QRegularExpression.escape("cobrança fila")))
        stock_view.expandAll()
        app.processEvents()

    results["filter_text_qt_recursive_ms"] = round(timed(stock_filter), 1)
    stock_view.setModel(None)
    # Or it would re-filter recursively on every later change (Qt takes None; the stub does not say so).
    stock.setSourceModel(None)  # type: ignore[arg-type]
    stock.deleteLater()
    app.processEvents()

    # One user action each: service transaction (tree load, rules, rows, outbox) + model update.
    ctl = handle.controller
    leaves = [n for n in tree.walk() if not n.children and n.depth() >= 3][:20]
    targets = [n for n in tree.root.children]

    def moves() -> list[float]:
        samples = []
        for i, leaf in enumerate(leaves[:7]):
            t0 = time.perf_counter()
            ok = ctl.move(leaf.id, targets[i % len(targets)].id, 0)
            app.processEvents()
            samples.append((time.perf_counter() - t0) * 1000)
            assert ok
        return samples

    results["move_ms"] = round(statistics.median(moves()), 1)

    def drag_drop() -> None:
        model = window.tree.model()
        mime = model.mimeData([window.index_for_id(leaves[10].id)])
        model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, -1, window.index_for_id(targets[1].id))
        app.processEvents()

    results["drop_ms"] = round(timed(drag_drop), 1)

    def complete_top() -> None:
        ctl.set_completed(targets[2].id, True)
        app.processEvents()

    results["complete_subtree_ms"] = round(timed(complete_top), 1)
    results["complete_subtree_tasks"] = len(
        [1 for n in tree.nodes.values() if n.completed and tree.is_in_subtree(n, tree.get(targets[2].id))]
    )

    def undo() -> None:
        ctl.undo_stack.undo()
        app.processEvents()

    results["undo_ms"] = round(timed(undo), 1)
    results["view_state"] = "filters, moves and drops above ran with all 10,000 rows expanded (worst case)"

    # The everyday case: top levels expanded only.
    window.collapse_all()
    for top in targets:
        window.tree.expand(window.index_for_id(top.id))
    app.processEvents()

    def moves_collapsed() -> list[float]:
        samples = []
        for i, leaf in enumerate(leaves[12:19]):
            t0 = time.perf_counter()
            assert ctl.move(leaf.id, targets[(i + 1) % len(targets)].id, 0)
            app.processEvents()
            samples.append((time.perf_counter() - t0) * 1000)
        return samples

    results["move_ms_top_levels_expanded"] = round(statistics.median(moves_collapsed()), 1)
    results["filter_text_ms_top_levels_expanded"] = round(timed(search("cobrança fila"), repeat=3), 1)
    search("")()
    window.close()
    handle.pipeline.engine.dispose()

    results["startup_ms_taskmanager"] = round(measure_startup(tmp), 1)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    results["python"] = sys.version.split()[0]
    results["measured_at"] = datetime.now().astimezone().isoformat(timespec="seconds")

    width = max(len(k) for k in results)
    print(f"{'metric':<{width}}  value")
    print(f"{'-' * width}  -----")
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
