"""The installed commands (`callsystem-gui`, `taskmanager-gui`, `event-console`, `integrado`).

Each pauses Python's garbage collector before it imports PySide6 and its app, until the first
window has painted (`integrado.startup`); then it runs the app's `main()`.
"""

from __future__ import annotations

from integrado.startup import pause_collector


def callsystem() -> int:
    pause_collector()
    from callsystem_gui.app import main

    return main()


def taskmanager() -> int:
    pause_collector()
    from taskmanager_gui.app import main

    return main()


def console() -> int:
    pause_collector()
    from event_console.app import main

    return main()


def integrado() -> int:
    """`integrado`: every command but `run` (the suite's windows) resumes the collector at once."""
    pause_collector()
    from integrado_suite.cli import main

    return main()
