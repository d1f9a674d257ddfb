"""A large export is written in chunks: progress is reported and the GUI keeps running."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from event_console.columns.layout import RowData
from event_console.export import CHUNK_ROWS, ExportJob
from event_console.models.event_table import EventTableModel


def _rows(n: int) -> list[RowData]:
    t0 = 1_790_000_000.0
    return [
        RowData(
            str(uuid.uuid4()),
            t0 + i,
            t0 + i - 0.01,
            "callsystem",
            "call.created",
            str(i),
            f"=Call #{i}",
            "ana",
            "pc",
            False,
        )
        for i in range(n)
    ]


def test_large_export_is_chunked_and_the_gui_keeps_running(qtbot: QtBot, tmp_path: Path) -> None:
    model = EventTableModel()
    model.append_rows(_rows(5 * CHUNK_ROWS + 7))
    ticks: list[int] = []
    heartbeat = QTimer()
    heartbeat.setInterval(0)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    progress: list[tuple[int, int]] = []
    job = ExportJob(model.cols, model.visible_storage(), tmp_path / "all.csv", "csv", lambda ids: {})
    job.progressed.connect(lambda done, total: progress.append((done, total)))
    heartbeat.start()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        job.start()
    heartbeat.stop()
    total = 5 * CHUNK_ROWS + 7
    assert [p[0] for p in progress] == [min(total, CHUNK_ROWS * (i + 1)) for i in range(6)]
    assert len(ticks) >= 5  # the event loop ran between the chunks
    with (tmp_path / "all.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total
    assert rows[0]["summary"].startswith("'=Call #")  # spreadsheet formulas defused


def test_jsonl_export_of_rows_whose_event_is_missing_still_writes_a_line(qtbot: QtBot, tmp_path: Path) -> None:
    model = EventTableModel()
    model.append_rows(_rows(3))
    raw = {model.event_id_at(0): json.dumps({"type": "call.created", "id": 2})}
    job = ExportJob(model.cols, model.visible_storage(), tmp_path / "x.jsonl", "jsonl", lambda ids: raw)
    with qtbot.waitSignal(job.finished, timeout=5_000):
        job.start()
    lines = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["event"] for line in lines] == [{"type": "call.created", "id": 2}, None, None]
    assert all(line["source"] == "callsystem" for line in lines)
