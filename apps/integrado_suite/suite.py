"""The whole suite in one process: `integrado run` opens the three windows on one event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# First of our own imports: takes PySide6's import hook off (see integrado.qt), so the window's
# modules below import at full speed.
import integrado.qt  # noqa: F401  # isort: skip
from PySide6.QtWidgets import QMainWindow

from callsystem_gui.app import show_first as show_calls_first
from callsystem_gui.app import start as start_calls
from integrado.qt.runner import AppHandle, AppStarter
from integrado.qt.windows import suite_windows
from integrado.settings import Settings

if TYPE_CHECKING:
    from integrado.qt.signin import SignIn


def show_first(settings: Settings) -> None:
    """The suite's first window (CallSystem's), painted before the event loop starts; then the
    console's intake process is started, to import while the other windows open."""
    show_calls_first(settings)
    if settings.console_db.startswith("sqlite"):
        from event_console.intake.launch import start_early

        start_early()


class SharedSignIn:
    """One sign-in for every window, made when the first app on a shared PostgreSQL needs it
    (the sign-in module brings SQLAlchemy: a suite on SQLite files never imports it)."""

    def __init__(self) -> None:
        self._signin: SignIn | None = None

    def for_url(self, url: str) -> SignIn | None:
        if url.startswith("sqlite"):
            return None
        if self._signin is None:
            from integrado.qt.signin import SignIn

            self._signin = SignIn()
        return self._signin


def suite_starters(*, demo: bool = False) -> list[AppStarter]:
    # One sign-in for every window: the apps whose databases share a PostgreSQL server ask once,
    # and "Switch user…" in any window switches them all.
    shared = SharedSignIn()

    async def calls_start(settings: Settings) -> AppHandle:
        return await start_calls(settings, signin=shared.for_url(settings.callsystem_db))

    async def tasks_start(settings: Settings) -> AppHandle:
        # Imported when its turn comes (the first window, CallSystem's, paints without it), in a
        # worker thread: the windows already shown keep answering meanwhile.
        await import_beside_loop("taskmanager_gui.app")
        from taskmanager_gui.app import start as start_tasks

        return await start_tasks(settings, signin=shared.for_url(settings.taskmanager_db))

    async def console_start(settings: Settings) -> AppHandle:
        return await _start_console(settings, signin=shared.for_url(settings.console_db))

    calls = in_suite(calls_start, "CallSystem")
    tasks = in_suite(tasks_start, "TaskManager")
    console = in_suite(console_start, "Event Console")
    if demo:
        from integrado_suite.simulate import demo_starters

        # The simulator commits through the two apps' own pipelines, so each simulated action
        # wakes their relays (measured: commit -> published p50 47 ms instead of the 2 s poll).
        return [console, *demo_starters(calls, tasks)]
    # CallSystem and TaskManager first: their windows paint before the console's charts library
    # and history are even imported (the console catches up on what they publish meanwhile).
    return [calls, tasks, console]


async def import_beside_loop(module: str) -> None:
    """Import `module` in a worker thread: on the event loop's thread, an app's modules (~20 ms
    for TaskManager's, more for the console's) would stall the windows already shown."""
    import asyncio
    import importlib

    await asyncio.to_thread(importlib.import_module, module)


async def _start_console(settings: Settings, **options: Any) -> AppHandle:
    """The console's start, its module (pyqtgraph, the bus) imported only when it is its turn."""
    await import_beside_loop("event_console.app")
    from event_console.app import start

    return await start(settings, **options)


def in_suite(start: AppStarter, title: str) -> AppStarter:
    """The app's window joins the suite's: listed in every window's Window menu (so a closed one
    can be opened again) and quitting from any window quits them all."""

    async def started(settings: Settings) -> AppHandle:
        handle = await start(settings)
        window = getattr(handle, "window", None)
        if isinstance(window, QMainWindow):
            suite_windows().add(window, title)
        return handle

    return started
