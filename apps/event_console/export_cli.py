"""`integrado export`: the console's history to CSV or JSON Lines, from the command line.

    integrado export --format csv --since 2026-11-25T08:00 --until 2026-11-25T18:00 \\
        --source callsystem --type call.closed --out closed.csv

Times are ISO 8601 (local time unless they carry an offset or "Z") or relative ("24h", "30m",
"7d": that long ago). Bad arguments give one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import datetime
from typing import Any, TextIO

from integrado.events.system import PUBLISHING_SYSTEMS

_RELATIVE = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
SOURCES = tuple(PUBLISHING_SYSTEMS)
# `event_console.export.FORMATS`, named here: that module brings numpy and Qt, which the
# `integrado` command's arguments must not (a test keeps the two the same).
FORMATS = ("csv", "jsonl")


def parse_when(text: str, now: float | None = None) -> float:
    """Epoch seconds from ISO 8601 or a relative "24h"; ValueError with a readable message."""
    value = text.strip()
    match = _RELATIVE.match(value.lower())
    if match:
        return (now if now is not None else time.time()) - float(match.group(1)) * _UNITS[match.group(2)]
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        raise ValueError(f"{text!r} is neither an ISO 8601 time nor a duration like 24h") from None
    return moment.timestamp()


def _when(text: str) -> float:
    try:
        return parse_when(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(subparsers: Any) -> None:
    """Add `export` to the `integrado` command (called by integrado_suite.cli)."""
    parser = subparsers.add_parser("export", help="export the console's event history to CSV or JSON Lines")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="csv (default) or jsonl")
    parser.add_argument("--since", type=_when, help="from this time (ISO 8601, or 24h / 30m / 7d ago)")
    parser.add_argument("--until", type=_when, help="before this time (same forms)")
    parser.add_argument("--source", action="append", choices=SOURCES, help="only this source (repeatable)")
    parser.add_argument("--type", action="append", dest="types", metavar="TYPE", help="only this type (repeatable)")
    parser.add_argument("--out", required=True, help="output file, or - for standard output")
    parser.add_argument("--db", help="history database URL (default: the console's)")
    parser.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from integrado.command_line import CliError, load_settings
    from integrado.db import make_engine
    from integrado.history import HistoryStore

    if args.since is not None and args.until is not None and args.until <= args.since:
        raise CliError("integrado export: --until must be later than --since", 2)
    settings = load_settings(args)
    url = args.db or settings.console_db
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise CliError(f"integrado export: no history database at {url.removeprefix('sqlite:///')}")
    try:
        store = HistoryStore(make_engine(url))
    except Exception as exc:  # noqa: BLE001 - one line for the terminal, whatever the driver says
        raise CliError(f"integrado export: cannot open the history database: {str(exc).splitlines()[0]}") from None
    out: TextIO
    if args.out == "-":
        out = sys.stdout
    else:
        try:
            out = Path(args.out).open("w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in finally
        except OSError as exc:
            raise CliError(f"integrado export: cannot write {args.out}: {exc.strerror or exc}") from None
    try:
        count = write_export(store, out, args.format, args.since, args.until, args.source, args.types)
    except BrokenPipeError:
        # `integrado export --out - | head`: the reader has had enough; not an error.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        raise CliError(f"integrado export: writing failed: {exc.strerror or exc}") from None
    finally:
        if out is not sys.stdout:
            out.close()
        store.engine.dispose()
    if args.out != "-":
        print(f"integrado export: {count} events written to {args.out}", file=sys.stderr)
    return 0


def write_export(
    store: Any,
    out: TextIO,
    fmt: str,
    since: float | None = None,
    until: float | None = None,
    sources: list[str] | None = None,
    types: list[str] | None = None,
) -> int:
    """Stream the matching events, oldest first; returns how many were written."""
    import csv
    import math

    from event_console.columns.layout import entity_label
    from event_console.export import CSV_HEADER, csv_record, jsonl_record

    count = 0
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_HEADER)
    for row in store.iter_export(since, until, sources, types):
        (
            event_id,
            received,
            occurred,
            system,
            event_type,
            entity_id,
            summary,
            user,
            host,
            legacy,
            _status,
            origin,
            raw,
        ) = row
        if writer is not None:
            occurred_value = None if occurred is None or math.isnan(occurred) else occurred
            writer.writerow(
                csv_record(
                    received,
                    occurred_value,
                    system,
                    event_type,
                    entity_label(system, event_type, entity_id),
                    summary,
                    user,
                    host,
                    bool(legacy),
                    event_id,
                    origin,
                )
            )
        else:
            out.write(jsonl_record(raw, received, system, bool(legacy), origin))
            out.write("\n")
        count += 1
    return count
