"""The whole suite in one process: `integrado run` opens the three windows on one event loop."""

from __future__ import annotations

from integrado.qt.runner import AppStarter


def suite_starters(*, demo: bool = False) -> list[AppStarter]:
    from callsystem_gui.app import start as start_calls
    from event_console.app import start as start_console
    from taskmanager_gui.app import start as start_tasks

    starters: list[AppStarter] = [start_console, start_calls, start_tasks]
    if demo:
        from integrado.simulate import start_demo

        starters.append(start_demo)
    return starters
