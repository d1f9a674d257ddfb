"""The `integrado` command: run the suite, consume events headless, check a deployment."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TextIO

# Only what every command needs to parse its arguments: `integrado --version`, `--help` and the
# desktop entry's `integrado run` import no SQLAlchemy, redis, asyncio or Qt before they need them
# (each command imports its own modules when it runs; a test keeps it so).
from event_console.export_cli import register as register_export
from event_console.reports.cli import register as register_report
from integrado import __version__
from integrado.command_line import CliError, load_settings, settings_env
from integrado.events.system import System
from integrado.startup import resume_collector
from integrado_suite.admin_command import register as register_admin
from integrado_suite.outbox_command import register as register_outbox
from integrado_suite.relay_command import register as register_relay
from integrado_suite.simulate.command import register as register_simulate


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise CliError(f"{self.prog}: {message}", 2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="integrado", description="Integrado: call-center suite and its event pipeline.")
    parser.add_argument("--version", action="version", version=f"integrado {__version__}")
    parser.add_argument(
        "--redis-url",
        help="Redis URL (overrides REDIS_URL and the settings file); no password in it: "
        "ps shows it, use the keyring (keyring set integrado <user>) or REDIS_PASSWORD",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    run = sub.add_parser("run", help="start the whole suite on this machine (the default)")
    run.add_argument("--demo", action="store_true", help="feed the suite with simulated operators")
    run.add_argument("--embedded", action="store_true", help="always start the embedded Redis server (on a free port)")
    run.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    run.set_defaults(func=cmd_run)

    consume = sub.add_parser("consume", help="print every event, live and caught up, and store the history")
    consume.add_argument("--jsonl", action="store_true", help="one JSON object per line instead of text")
    consume.add_argument("--db", help="history database URL (default: the console's)")
    consume.set_defaults(func=cmd_consume)

    doctor = sub.add_parser("doctor", help="check Redis, permissions and databases, in plain words")
    doctor.set_defaults(func=cmd_doctor)

    # Subcommands that live with the code they drive, registered by name here.
    register_export(sub)
    register_report(sub)
    register_simulate(sub)
    register_relay(sub)
    register_outbox(sub)
    register_admin(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    command = None
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        if not getattr(args, "command", None):
            args = parser.parse_args(["run", *(argv or sys.argv[1:])])
        command = args.command
        if args.command != "run":
            resume_collector()  # paused by the entry point for the suite's windows only
        return int(args.func(args) or 0)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if _raised_by(exc, "integrado.settings", "SettingsError"):
            if command == "run":  # the suite's windows: said in a window too
                from integrado.qt.settings_problem import report_settings_problem

                return report_settings_problem("Integrado", "integrado", exc)
            print(f"integrado: settings: {exc}", file=sys.stderr)
            return 1
        if _raised_by(exc, "integrado.migrations", "MigrationError"):
            print(f"integrado: {exc}", file=sys.stderr)
            return 3
        raise


def _raised_by(exc: BaseException, module: str, error: str) -> bool:
    """Whether `exc` is `module`'s `error`, without importing `module`: a command that never
    imported it cannot have raised it (the migrations alone bring SQLAlchemy and Alembic)."""
    found = sys.modules.get(module)
    return found is not None and isinstance(exc, getattr(found, error))


# -- run ---------------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    from integrado.qt.runner import run_gui
    from integrado_suite.redis_server import resolve_redis
    from integrado_suite.suite import show_first, suite_starters

    if args.demo:
        # The demo opens the console first, fed by the simulator: Redis is needed before any window.
        settings, stop_server = resolve_redis(load_settings(args), force_embedded=args.embedded)
        return run_gui(
            "Integrado", settings, suite_starters(demo=True), on_exit=stop_server, smoke_test=args.smoke_test
        )
    from integrado_suite.redis_server import SuiteSettings

    suite_settings = SuiteSettings(settings_env(args), embedded=args.embedded)
    try:
        status = run_gui(
            "Integrado",
            suite_settings.first(),
            suite_starters(),
            on_exit=suite_settings.stop,
            smoke_test=args.smoke_test,
            first=show_first,
            reload=suite_settings.reload,
        )
    finally:
        suite_settings.stop()  # also when the start failed before the event loop (run_gui's on_exit)
    if args.smoke_test:
        _report_start(suite_settings.resolving)
    return status


def _report_start(resolving: list[float]) -> None:
    """For the smoke test: when the first window painted and when Redis was resolved, in seconds
    after the process started (the first paint must come first)."""
    from integrado.qt.runner import first_paint_time
    from integrado_suite.smoke import process_start_time

    started, painted = process_start_time(), first_paint_time()
    if started is None or painted is None or len(resolving) != 2:
        return
    began, ended = (moment - started for moment in resolving)
    print(
        f"smoke: integrado run: first paint {painted - started:.3f} s after process start; "
        f"settings and Redis resolved from {began:.3f} s to {ended:.3f} s",
        file=sys.stderr,
        flush=True,
    )


# -- consume -----------------------------------------------------------------------------------


def format_event_line(ev: Any) -> str:
    """One readable line per event, in the spirit of the older consumer's output."""
    p = ev.payload
    when = ev.occurred_at or datetime.fromtimestamp(ev.received_at).astimezone().isoformat(timespec="seconds")
    head = f"{when}  {ev.system.upper():<11} {ev.action.upper():<10} {ev.type:<20} #{ev.entity_id}"
    if ev.system == System.CALLSYSTEM:
        body = f"{p.get('cliente', '')} — {p.get('descricao', '')} [{p.get('status', '')}]"
    elif ev.system == System.TASKMANAGER:
        body = f"{p.get('title', '')} [{'done' if p.get('completed') else 'open'}]"
    else:
        body = ev.raw[:200]
    who = f" ({ev.user}@{ev.host})" if ev.user else ""
    seq = f" seq={ev.seq}" if ev.seq is not None else ""
    mark = " [legacy]" if ev.legacy else ""
    return _printable(f"{head}  {body}{who}{seq}{mark}")


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)


def cmd_consume(args: argparse.Namespace) -> int:
    import asyncio
    import json
    import logging
    import signal

    from integrado.db import make_engine
    from integrado.events import stored_origin
    from integrado.history import HistoryStore
    from integrado.pipeline import create_consumer

    settings = load_settings(args)
    logging.basicConfig(level=logging.ERROR, format="integrado consume: %(message)s")
    store = HistoryStore(make_engine(args.db or settings.console_db, synchronous="NORMAL"))
    out: TextIO = sys.stdout

    def on_events(events: list[Any]) -> None:
        for ev in events:
            if args.jsonl:
                # An entity is (system, origin, id): the id alone repeats across databases.
                record = {"channel": ev.channel, "origin": stored_origin(ev.origin), "legacy": ev.legacy}
                out.write(json.dumps({**record, "event": ev.payload}, ensure_ascii=False))
            else:
                out.write(format_event_line(ev))
            out.write("\n")
        out.flush()

    def on_state(state: str, detail: str) -> None:
        print(f"integrado consume: {state}{': ' + detail if detail else ''}", file=sys.stderr, flush=True)

    def on_rejected(rejections: list[Any]) -> None:
        for r in rejections:
            print(f"integrado consume: rejected on {r.channel}: {r.reason}: {r.detail}", file=sys.stderr)
        sys.stderr.flush()

    def on_gap(gap: Any) -> None:
        print(f"integrado consume: GAP: {gap.describe()}", file=sys.stderr, flush=True)

    consumer = create_consumer(settings, store)
    consumer.on_events, consumer.on_state, consumer.on_rejected, consumer.on_gap = (
        on_events,
        on_state,
        on_rejected,
        on_gap,
    )

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, consumer.stop)
        await consumer.run()

    try:
        asyncio.run(main())
    except BrokenPipeError:
        pass
    print(
        f"integrado consume: stopped ({consumer.delivered_total} events, {consumer.rejected_total} rejected)",
        file=sys.stderr,
    )
    return 0


# -- doctor ------------------------------------------------------------------------------------


def cmd_doctor(args: argparse.Namespace) -> int:
    import asyncio

    from integrado_suite.doctor import run_doctor

    settings = load_settings(args)
    ok = asyncio.run(run_doctor(settings, print))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
