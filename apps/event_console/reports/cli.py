"""`integrado report`: the operations report of a day or a week, from the console's history.

    integrado report --from 2026-11-23 --to 2026-11-29 --format pdf --out week.pdf
    integrado report --from 2026-11-23 --to 2026-11-23 --format csv --out monday.csv --db URL

Days are calendar days in the office calendar's zone (`[callsystem.calendar]`, else this
computer's), both inclusive; times are counted in that calendar's office hours. Bad arguments
give one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

FORMATS = ("pdf", "csv")
# A report longer than this reads badly as one chart and says little a month of days would not.
MAX_DAYS = 92


def _day(text: str) -> date:
    value = text.strip().lower()
    if value in ("today", "yesterday"):
        return date.today() - timedelta(days=1 if value == "yesterday" else 0)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD, today or yesterday)") from None


def register(subparsers: Any) -> None:
    """Add `report` to the `integrado` command (called by integrado_suite.cli)."""
    parser = subparsers.add_parser("report", help="daily or weekly operations report (PDF or CSV) from the history")
    parser.add_argument("--from", dest="first", type=_day, required=True, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="last", type=_day, help="last day, included (default: the first day)")
    parser.add_argument("--format", choices=FORMATS, help="pdf or csv (default: from the --out file's extension)")
    parser.add_argument("--out", required=True, help="output file (csv: - for standard output)")
    parser.add_argument("--db", help="history database URL (default: the console's)")
    parser.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from event_console.reports.csv_report import write_csv
    from event_console.reports.figures import compute, period
    from event_console.reports.reader import fold_history
    from integrado.calendar import BusinessCalendar
    from integrado.command_line import CliError, load_settings
    from integrado.db import make_engine

    last = args.last or args.first
    if last < args.first:
        raise CliError("integrado report: --to must not be before --from", 2)
    if (last - args.first).days >= MAX_DAYS:
        raise CliError(f"integrado report: at most {MAX_DAYS} days in one report", 2)
    fmt = args.format or ("csv" if args.out == "-" or args.out.lower().endswith(".csv") else "pdf")
    if fmt == "pdf" and args.out == "-":
        raise CliError("integrado report: a PDF needs a file (--out report.pdf)", 2)
    settings = load_settings(args)
    calendar = BusinessCalendar.from_settings(settings.raw)
    url = args.db or settings.console_db
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise CliError(f"integrado report: no history database at {url.removeprefix('sqlite:///')}")
    try:
        engine = make_engine(url)
        start, end = period(calendar, args.first, last)
        ledger = fold_history(engine, end, start=start)
    except Exception as exc:  # noqa: BLE001 - one line for the terminal, whatever the driver says
        raise CliError(f"integrado report: cannot read the history database: {str(exc).splitlines()[0]}") from None
    report = compute(ledger, calendar, args.first, last, events_read=ledger.events_applied)
    engine.dispose()
    try:
        if fmt == "csv":
            if args.out == "-":
                write_csv(report, sys.stdout)
                return 0
            with Path(args.out).open("w", encoding="utf-8", newline="") as out:
                write_csv(report, out)
        else:
            _write_pdf(report, Path(args.out), settings.language)
    except OSError as exc:
        raise CliError(f"integrado report: cannot write {args.out}: {exc.strerror or exc}") from None
    print(
        f"integrado report: {report.total.opened} calls opened, {report.total.closed} closed "
        f"({ledger.events_applied} events read); written to {args.out}",
        file=sys.stderr,
    )
    return 0


def _write_pdf(report: Any, path: Path, language: str) -> None:
    # Fonts need a QGuiApplication; a terminal (or a server without a display) gets an offscreen one.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from event_console.reports.pdf import write_pdf
    from integrado.qt.i18n import install_translator

    app = QGuiApplication.instance() or QGuiApplication(["integrado report"])
    install_translator(app, language)
    write_pdf(report, path)
