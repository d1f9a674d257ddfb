"""`integrado export` (registered by event_console.export_cli) and the history store's queries."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from event_console.export_cli import parse_when
from helpers.demo.console import DemoTraffic, seed_history
from integrado.db import make_engine
from integrado.history import HistoryStore
from integrado.settings import Settings
from integrado_suite import cli


@pytest.fixture
def history(settings: Settings) -> Iterator[HistoryStore]:
    store = HistoryStore(make_engine(settings.console_db))
    now = time.time()
    seed_history(store, DemoTraffic(seed=2), 300, now - 3 * 3600, now - 1)
    yield store
    store.engine.dispose()


def test_export_csv_filters_by_source_type_and_time(
    history: HistoryStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "calls.csv"
    status = cli.main(["export", "--format", "csv", "--source", "callsystem", "--since", "2h", "--out", str(out)])
    assert status == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cutoff = time.time() - 2 * 3600
    expected = [r for r in history.load_view_rows(since=cutoff) if r[3] == "callsystem"]
    assert len(rows) == len(expected) > 0
    assert {r["source"] for r in rows} == {"callsystem"}
    assert all(r["latency_ms"] and float(r["latency_ms"]) > 0 for r in rows)
    assert f"{len(rows)} events written" in capsys.readouterr().err


def test_export_jsonl_by_type_holds_the_whole_events(history: HistoryStore, tmp_path: Path) -> None:
    out = tmp_path / "done.jsonl"
    assert cli.main(["export", "--format", "jsonl", "--type", "task.completed", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all(line["event"]["type"] == "task.completed" for line in lines)
    assert all(line["event"]["event_id"] and line["received_at"].endswith("Z") for line in lines)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--format", "xml", "--out", "x"], "invalid choice: 'xml'"),
        (["export", "--since", "yesterday", "--out", "x"], "neither an ISO 8601 time"),
        (["export", "--source", "crm", "--out", "x"], "invalid choice: 'crm'"),
        (["export", "--since", "1h", "--until", "2h", "--out", "x"], "--until must be later"),
        (["export", "--format", "csv"], "the following arguments are required: --out"),
    ],
)
def test_bad_arguments_give_one_line_and_non_zero_exit(
    history: HistoryStore, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(argv)
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unwritable_output_and_missing_database_are_one_line_errors(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["export", "--out", str(tmp_path / "x.csv")]) == 1
    assert "no history database" in capsys.readouterr().err
    HistoryStore(make_engine(settings.console_db)).engine.dispose()
    assert cli.main(["export", "--out", str(tmp_path / "missing" / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and len(err.strip().splitlines()) == 1


def test_parse_when_reads_iso_and_durations() -> None:
    assert parse_when("2026-01-02T03:04:05Z") == 1767323045.0
    assert parse_when("90m", now=10_000.0) == 10_000.0 - 5400
    with pytest.raises(ValueError):
        parse_when("soon")


def test_csv_cells_that_look_like_formulas_are_defused(settings: Settings, tmp_path: Path) -> None:
    from event_console.export_cli import write_export

    store = HistoryStore(make_engine(settings.console_db))
    traffic = DemoTraffic(seed=4)
    seed_history(store, traffic, 5, time.time() - 10, time.time() - 1)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE events SET summary = '=HYPERLINK(\"http://x\")'")
    buffer = io.StringIO()
    write_export(store, buffer, "csv")
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert rows[0]["summary"].startswith("'=")
    store.engine.dispose()
