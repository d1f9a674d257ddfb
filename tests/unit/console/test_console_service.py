"""The console's use cases on its history: a range read into columns (capped, with the true
total), events looked up, gaps described oldest first, and no Qt anywhere below them."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from event_console.service import ConsoleService, open_history
from helpers.demo.console import DemoTraffic, seed_history
from integrado.history import HistoryStore
from integrado.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def history(settings: Settings) -> Iterator[HistoryStore]:
    store = open_history(settings)
    now = time.time()
    seed_history(store, DemoTraffic(seed=4), 120, now - 3600, now - 1)
    yield store
    store.engine.dispose()


def test_a_range_under_the_cap_is_read_whole(history: HistoryStore) -> None:
    read = ConsoleService(history).read_range(None, None)
    assert read.cols.size == read.total == 120
    stored = {row[0] for row in history.load_view_rows()}
    assert {read.cols.event_id_of(r) for r in range(read.cols.size)} == stored


def test_a_capped_range_keeps_the_newest_rows_and_counts_them_all(history: HistoryStore) -> None:
    read = ConsoleService(history, cap=50).read_range(None, None)
    assert (read.cols.size, read.total) == (50, 120)
    newest = [row[0] for row in history.load_view_rows()[-50:]]  # the last stored, oldest first
    assert [read.cols.event_id_of(r) for r in range(50)] == newest


def test_a_range_is_bounded_by_received_time(history: HistoryStore) -> None:
    received = sorted(row[1] for row in history.load_view_rows())
    since, until = received[30], received[90]
    inside = sum(1 for t in received if since <= t < until)
    read = ConsoleService(history).read_range(since, until)
    assert read.total == read.cols.size == inside > 0
    times = read.cols.received[: read.cols.size]
    assert times.min() >= since and times.max() < until


def test_an_event_is_looked_up_by_id_and_a_missing_one_is_none(history: HistoryStore) -> None:
    service = ConsoleService(history)
    event_id = history.load_view_rows(limit=1)[0][0]
    raw = service.raw_event(event_id)
    assert raw is not None and event_id in raw
    assert service.raw_event("00000000-0000-4000-8000-000000000000") is None


class _Gap:
    def __init__(self, text: str) -> None:
        self.text = text

    def describe(self) -> str:
        return self.text


class _GapsOnly:
    """Answers the one query the gaps use; the store returns the newest gap first."""

    def recent_gaps(self, limit: int = 100) -> list[_Gap]:
        return [_Gap("newest"), _Gap("older"), _Gap("oldest")][:limit]


def test_gaps_are_described_oldest_first() -> None:
    service = ConsoleService(_GapsOnly())  # type: ignore[arg-type]  # a partial fake, on purpose
    assert service.recent_gap_descriptions() == ["oldest", "older", "newest"]
    assert service.recent_gap_descriptions(limit=2) == ["older", "newest"]


def test_the_service_imports_without_qt() -> None:
    # A fresh interpreter: this test process has PySide6 loaded already.
    code = (
        "import sys, event_console.service; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qasync', 'pyqtgraph')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(ROOT / "apps")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
