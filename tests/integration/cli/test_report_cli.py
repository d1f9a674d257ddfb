"""`integrado report` as a person runs it: a real process reading a history database (the seeded
day stored through the codec), the office calendar from the settings file, a CSV with the
hand-computed figures and a PDF that a PDF reader opens; bad arguments fail in one line."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.demo.operations_day import operations_day
from integrado.db import make_engine
from integrado.events import Codec, ReceivedEvent, encode
from integrado.history import HistoryStore
from integrado.settings import Settings
from integrado_suite.cli import main as cli_main


def integrado(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


def seeded_history(path: Path) -> str:
    url = f"sqlite:///{path}"
    store = HistoryStore(make_engine(url))
    codec = Codec()
    events = []
    for env in operations_day().events:
        decoded = codec.decode(encode(env), "calls_channel" if env["system"] == "callsystem" else "tasks")
        assert isinstance(decoded, ReceivedEvent)
        events.append(decoded)
    store.store(events, None)
    store.engine.dispose()
    return url


def office_calendar(settings: Settings) -> None:
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    (settings.config_dir / "settings.toml").write_text(
        '[callsystem.calendar]\ntime_zone = "America/Sao_Paulo"\n', encoding="utf-8"
    )


def test_csv_and_pdf_of_the_seeded_day(settings: Settings, tmp_path: Path) -> None:
    office_calendar(settings)
    url = seeded_history(tmp_path / "console.db")
    out = tmp_path / "monday.csv"
    done = integrado(
        "report", "--from", "2026-11-23", "--to", "2026-11-23", "--format", "csv", "--out", str(out), "--db", url
    )
    assert done.returncode == 0, done.stderr
    assert "5 calls opened, 4 closed (26 events read)" in done.stderr
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1] == [
        "total",
        "2026-11-23..2026-11-23",
        "5",
        "4",
        "50.0",
        "20.0",
        "37.0",
        "115.0",
        "187.5",
        "25.0",
        "2",
    ]

    pdf = tmp_path / "week.pdf"
    done = integrado("report", "--from", "2026-11-23", "--to", "2026-11-29", "--out", str(pdf), "--db", url)
    assert done.returncode == 0, done.stderr
    body = pdf.read_bytes()
    assert body.startswith(b"%PDF-") and b"%%EOF" in body[-64:] and len(body) > 5000


def test_the_default_calendar_counts_around_the_clock(settings: Settings, tmp_path: Path) -> None:
    # Without a [callsystem.calendar] the days are this computer's; the seeded day is in São
    # Paulo, so the process is given that zone, and every figure of that day stays the same.
    url = seeded_history(tmp_path / "console.db")
    env = os.environ.copy() | {"TZ": "America/Sao_Paulo"}
    done = subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "report", "--from", "2026-11-23", "--out", "-", "--db", url],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    total = next(csv.reader(done.stdout.splitlines()[1:2]))
    assert total[2:5] == ["5", "4", "50.0"]


def test_bad_arguments_fail_in_one_line(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # In this process: the parser and the checks before any reading (each case a second faster).
    url = seeded_history(tmp_path / "console.db")
    cases = [
        (["--from", "2026-11-23", "--to", "2026-11-20", "--out", "x.csv", "--db", url], 2, "--to must not be before"),
        (["--from", "23/11/2026", "--out", "x.csv", "--db", url], 2, "is not a date"),
        (["--from", "2026-11-23", "--out", "-", "--format", "pdf", "--db", url], 2, "a PDF needs a file"),
        (
            ["--from", "2026-11-23", "--out", "x.csv", "--db", f"sqlite:///{tmp_path / 'none.db'}"],
            1,
            "no history database",
        ),
    ]
    for args, status, message in cases:
        assert cli_main(["report", *args]) == status, args
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1, err


def test_a_history_on_postgresql_reads_through_a_server_side_cursor(postgres_url: str) -> None:
    # The office's console history on PostgreSQL: the reader streams it with a named cursor.
    from datetime import date

    from event_console.reports.figures import compute, period
    from event_console.reports.reader import fold_history
    from integrado.calendar import BusinessCalendar

    store = HistoryStore(make_engine(postgres_url))
    codec = Codec()
    events = []
    for env in operations_day().events:
        decoded = codec.decode(encode(env), "calls_channel" if env["system"] == "callsystem" else "tasks")
        assert isinstance(decoded, ReceivedEvent)
        events.append(decoded)
    store.store(events, None)
    calendar = BusinessCalendar.office("America/Sao_Paulo")
    monday = date(2026, 11, 23)
    ledger = fold_history(store.engine, period(calendar, monday, monday)[1], progress=lambda done, total: None)
    report = compute(ledger, calendar, monday, monday)
    assert (ledger.events_applied, report.total.opened, report.total.closed, report.total.sla_met_pct) == (
        26,
        5,
        4,
        50.0,
    )
    store.engine.dispose()
