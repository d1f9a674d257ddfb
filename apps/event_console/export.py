"""Export of events to CSV and JSON Lines: the row format (shared with `integrado export`) and a
chunked export job that writes a few thousand rows per event-loop turn, so the window stays live."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, QTimer, Signal

from event_console.columns.layout import entity_parts
from event_console.columns.store import EventColumns
from event_console.wording import Wording

CSV_HEADER = (
    "received_at",
    "occurred_at",
    "source",
    "type",
    "entity",
    "summary",
    "operator",
    "host",
    "latency_ms",
    "legacy",
    "event_id",
    # Last, so that a sheet made for the older columns still finds them where they were.
    "origin",
)
FORMATS = ("csv", "jsonl")
CHUNK_ROWS = 2000


def iso_utc(epoch: float | None) -> str:
    if epoch is None or (isinstance(epoch, float) and math.isnan(epoch)):
        return ""
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def csv_safe(text: str) -> str:
    # A cell that starts like a formula would run in a spreadsheet: quote it (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_record(
    received: float,
    occurred: float | None,
    source: str,
    event_type: str,
    entity: str,
    summary: str,
    operator: str,
    host: str,
    legacy: bool,
    event_id: str,
    origin: str,
) -> list[str]:
    """One CSV row; `entity` is the label ("call #1"), which with `origin` names the entity."""
    latency = "" if occurred is None or math.isnan(occurred) else f"{(received - occurred) * 1000:.3f}"
    return [
        iso_utc(received),
        iso_utc(occurred),
        source,
        event_type,
        csv_safe(entity),
        csv_safe(summary),
        csv_safe(operator),
        csv_safe(host),
        latency,
        "true" if legacy else "false",
        event_id,
        csv_safe(origin),
    ]


def jsonl_record(raw: str | None, received: float, channel_source: str, legacy: bool, origin: str) -> str:
    """One JSON object per line: the event as it arrived, plus when and how it was received and
    its origin (the event's own `origin` key may be missing: older publishers, older system)."""
    try:
        event: Any = json.loads(raw) if raw is not None else None
    except ValueError:
        event = None
    return json.dumps(
        {
            "received_at": iso_utc(received),
            "source": channel_source,
            "origin": origin,
            "legacy": legacy,
            "event": event,
        },
        ensure_ascii=False,
    )


class ExportJob(QObject):
    """Writes the given storage rows of `cols` to `path`, a chunk per timer tick.

    `raw_lookup` returns the stored JSON by event id (JSON Lines only). With `wording` (the
    window's language) a CSV's headers and summaries read as the table does; the type stays the
    raw code, the times UTC."""

    progressed = Signal(int, int)  # rows written, total
    finished = Signal(str)  # path
    failed = Signal(str)  # one-line reason

    def __init__(
        self,
        cols: EventColumns,
        rows: npt.NDArray[np.int64],
        path: Path,
        fmt: str,
        raw_lookup: Callable[[Sequence[str]], dict[str, str]],
        parent: QObject | None = None,
        wording: Wording | None = None,
    ) -> None:
        super().__init__(parent)
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        self.cols, self.rows, self.path, self.fmt, self.raw_lookup = cols, rows, path, fmt, raw_lookup
        self.wording = wording if wording is not None and not wording.is_english else None
        self.written = 0
        self.cancelled = False
        self._file: TextIO | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    @property
    def total(self) -> int:
        return len(self.rows)

    def start(self) -> None:
        try:
            self._file = self.path.open("w", encoding="utf-8", newline="")
            if self.fmt == "csv":
                header = list(CSV_HEADER) if self.wording is None else self.wording.export_header(CSV_HEADER)
                csv.writer(self._file).writerow(header)
        except OSError as exc:
            self.failed.emit(str(exc))
            return
        self._timer.start()

    def cancel(self) -> None:
        self.cancelled = True
        self._timer.stop()
        self._close()
        self.failed.emit(self.tr("Export cancelled"))

    def _close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _step(self) -> None:
        assert self._file is not None
        chunk = self.rows[self.written : self.written + CHUNK_ROWS].tolist()
        try:
            self._file.write(self._format(chunk))
        except OSError as exc:
            self._timer.stop()
            self._close()
            self.failed.emit(str(exc))
            return
        self.written += len(chunk)
        self.progressed.emit(self.written, self.total)
        if self.written >= self.total:
            self._timer.stop()
            self._close()
            self.finished.emit(str(self.path))

    def _format(self, chunk: list[int]) -> str:
        cols = self.cols
        buffer = io.StringIO()
        if self.fmt == "csv":
            writer = csv.writer(buffer)
            summary = (lambda text: text) if self.wording is None else self.wording.summary
            for r in chunk:
                occurred = float(cols.occurred[r])
                writer.writerow(
                    csv_record(
                        float(cols.received[r]),
                        None if math.isnan(occurred) else occurred,
                        cols.text("source", r),
                        cols.text("type", r),
                        entity_parts(cols.text("entity", r))[0],
                        summary(cols.summary[r]),
                        cols.text("operator", r),
                        cols.text("host", r),
                        bool(cols.legacy[r]),
                        cols.event_id_of(r),
                        cols.text("origin", r),
                    )
                )
            return buffer.getvalue()
        ids = [cols.event_id_of(r) for r in chunk]
        raws = self.raw_lookup(ids)
        for r, event_id in zip(chunk, ids, strict=True):
            buffer.write(
                jsonl_record(
                    raws.get(event_id),
                    float(cols.received[r]),
                    cols.text("source", r),
                    bool(cols.legacy[r]),
                    cols.text("origin", r),
                )
            )
            buffer.write("\n")
        return buffer.getvalue()
