"""The `integrado` command: run the suite, consume events headless, check a deployment."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, TextIO

from integrado import __version__
from integrado.migrations import MigrationError
from integrado.settings import Settings, SettingsError

log = logging.getLogger(__name__)


class CliError(Exception):
    """A one-line message for the person at the terminal; exit status 1 (2 for usage)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # type: ignore[override]
        raise CliError(f"{self.prog}: {message}", 2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="integrado", description="Integrado: call-center suite and its event pipeline.")
    parser.add_argument("--version", action="version", version=f"integrado {__version__}")
    parser.add_argument("--redis-url", help="Redis URL (overrides REDIS_URL and the settings file)")
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

    for register in _extra_commands():
        register(sub)
    return parser


def _extra_commands() -> list[Callable[[Any], None]]:
    """Subcommands that live with the code they drive (export, simulate)."""
    found: list[Callable[[Any], None]] = []
    for module_name in ("event_console.export_cli", "integrado.simulate"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        found.append(module.register)
    return found


def load_settings(args: argparse.Namespace) -> Settings:
    env = dict(os.environ)
    if getattr(args, "redis_url", None):
        env["REDIS_URL"] = args.redis_url
    return Settings.load(env)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        if not getattr(args, "command", None):
            args = parser.parse_args(["run", *(argv or sys.argv[1:])])
        return int(args.func(args) or 0)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.status
    except SettingsError as exc:
        print(f"integrado: settings: {exc}", file=sys.stderr)
        return 1
    except MigrationError as exc:
        print(f"integrado: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130


# -- run ---------------------------------------------------------------------------------------


def resolve_redis(settings: Settings, *, force_embedded: bool = False) -> tuple[Settings, Callable[[], None] | None]:
    """Use the configured server, else one on localhost:6379, else start the embedded one."""
    from integrado.embedded import EmbeddedServerError, RedisServerProcess, free_port, port_answers, port_is_free

    if not force_embedded and (settings.redis.configured or port_answers("127.0.0.1", 6379)):
        return settings, None
    # The default port lets an app started on its own later (callsystem-gui, ...) find the server;
    # if something else holds it, any free port will do for this suite.
    port = 6379 if port_is_free(6379) and not force_embedded else free_port()
    server = RedisServerProcess(settings.data_dir / "redis", port=port)
    try:
        url = server.start()
    except EmbeddedServerError as exc:
        raise CliError(f"integrado: cannot start the embedded Redis server: {exc}") from None
    print(f"integrado: started the embedded Redis server ({server.binary}) on {url}", file=sys.stderr)
    return replace(settings, redis=replace(settings.redis, url=url)), server.stop


def cmd_run(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    settings, stop_server = resolve_redis(settings, force_embedded=args.embedded)
    from integrado.qt.runner import run_gui
    from integrado.suite import suite_starters

    starters = suite_starters(demo=args.demo)
    return run_gui("Integrado", settings, starters, on_exit=stop_server, smoke_test=args.smoke_test)


# -- consume -----------------------------------------------------------------------------------


def format_event_line(ev: Any) -> str:
    """One readable line per event, in the spirit of the older consumer's output."""
    p = ev.payload
    when = ev.occurred_at or datetime.fromtimestamp(ev.received_at).astimezone().isoformat(timespec="seconds")
    head = f"{when}  {ev.system.upper():<11} {ev.action.upper():<10} {ev.type:<20} #{ev.entity_id}"
    if ev.system == "callsystem":
        body = f"{p.get('cliente', '')} — {p.get('descricao', '')} [{p.get('status', '')}]"
    elif ev.system == "taskmanager":
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
    from integrado.db import make_engine
    from integrado.history import HistoryStore
    from integrado.pipeline import create_consumer

    settings = load_settings(args)
    logging.basicConfig(level=logging.ERROR, format="integrado consume: %(message)s")
    store = HistoryStore(make_engine(args.db or settings.console_db, synchronous="NORMAL"))
    out: TextIO = sys.stdout

    def on_events(events: list[Any]) -> None:
        for ev in events:
            if args.jsonl:
                out.write(
                    json.dumps({"channel": ev.channel, "legacy": ev.legacy, "event": ev.payload}, ensure_ascii=False)
                )
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
    from integrado.doctor import run_doctor

    settings = load_settings(args)
    ok = asyncio.run(run_doctor(settings, print))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
