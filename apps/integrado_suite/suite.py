"""The whole suite in one process: `integrado run` opens the three windows on one event loop."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QMainWindow

from callsystem_gui.app import start as start_calls
from integrado.qt.runner import AppHandle, AppStarter
from integrado.qt.signin import SignIn
from integrado.qt.windows import suite_windows
from integrado.settings import Settings
from integrado_suite.simulate import demo_starters
from taskmanager_gui.app import start as start_tasks


def suite_starters(*, demo: bool = False) -> list[AppStarter]:
    # One sign-in for every window: the apps whose databases share a PostgreSQL server ask once,
    # and "Switch user…" in any window switches them all.
    signin = SignIn()
    calls = in_suite(partial(start_calls, signin=signin), "CallSystem")
    tasks = in_suite(partial(start_tasks, signin=signin), "TaskManager")
    console = in_suite(partial(_start_console, signin=signin), "Event Console")
    if demo:
        # The simulator commits through the two apps' own pipelines, so each simulated action
        # wakes their relays (measured: commit -> published p50 47 ms instead of the 2 s poll).
        return [console, *demo_starters(calls, tasks)]
    # CallSystem and TaskManager first: their windows paint before the console's charts library
    # and history are even imported (the console catches up on what they publish meanwhile).
    return [calls, tasks, console]


async def _start_console(settings: Settings, **options: Any) -> AppHandle:
    """The console's start, its module (pyqtgraph, the bus) imported only when it is its turn."""
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
