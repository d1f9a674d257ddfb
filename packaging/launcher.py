"""One entry script for every program in the bundle (busybox style).

`build.spec` builds this script four times under different names (CallSystem, TaskManager,
EventConsole, integrado) over ONE shared analysis, so Qt and Python ship once in one folder. The
program's own file name says which app to run. From source: `python packaging/launcher.py
--as CallSystem [--smoke-test]`.

`--smoke-test` is handled here for every GUI program so that the frozen smoke test never depends
on each app's `main()` knowing the flag; `integrado --smoke-test` opens the whole suite.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

PROGRAMS = ("CallSystem", "TaskManager", "EventConsole", "integrado")


def _program_name(argv: list[str]) -> str:
    if len(argv) > 2 and argv[1] == "--as":
        name = argv[2]
        del argv[1:3]
    else:
        name = Path(sys.executable if getattr(sys, "frozen", False) else argv[0]).stem
    for known in PROGRAMS:
        if name.lower() == known.lower():
            return known
    raise SystemExit(f"launcher: unknown program {name!r} (expected one of {', '.join(PROGRAMS)})")


# Literal imports inside functions: PyInstaller's analysis sees them, start-up only pays for one.
def _callsystem() -> tuple[Callable[[], int], object]:
    from callsystem_gui.app import main, start

    return main, start


def _taskmanager() -> tuple[Callable[[], int], object]:
    from taskmanager_gui.app import main, start

    return main, start


def _console() -> tuple[Callable[[], int], object]:
    from event_console.app import main, start

    return main, start


def _smoke(name: str, starters: list[object], *, suite: bool = False) -> int:
    from integrado.settings import Settings
    from integrado_suite.smoke import run_smoke

    settings = Settings.load()
    stop = None
    if suite:
        from integrado_suite.redis_server import resolve_redis

        settings, stop = resolve_redis(settings)
    try:
        return run_smoke(name, starters, settings)  # type: ignore[arg-type]
    finally:
        if stop:
            stop()


def _refuse(exc: Exception, *, gui: bool) -> int:
    """A database this program must not touch (newer release, failed migration): say so, exit 3."""
    print(f"Integrado: {exc}", file=sys.stderr)
    if gui:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv)
        title = QCoreApplication.translate("Launcher", "Integrado cannot open its database")
        box = QMessageBox(QMessageBox.Icon.Critical, title, str(exc))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()  # the event loop has ended: a blocking dialog is safe here
    return 3


def main() -> int:
    from integrado.migrations import MigrationError

    argv = sys.argv
    if argv[1:2] == ["--intake-worker"]:
        # The Event Console's intake process (event_console.intake.worker.worker_command), any program name.
        from event_console.intake.worker import worker_main

        return worker_main(argv[2:])
    name = _program_name(argv)
    try:
        return _dispatch(name, argv)
    except MigrationError as exc:
        # Offscreen (smoke tests, CI) nobody could close the dialog: the message is printed anyway.
        gui = (name != "integrado" or argv[1:2] == ["run"]) and os.environ.get("QT_QPA_PLATFORM") != "offscreen"
        return _refuse(exc, gui=gui)


def _dispatch(name: str, argv: list[str]) -> int:
    smoke = "--smoke-test" in argv[1:]
    if name == "integrado":
        if smoke and argv[1:] == ["--smoke-test"]:
            from integrado_suite.suite import suite_starters

            return _smoke("Integrado", list(suite_starters()), suite=True)
        from integrado_suite.cli import main as cli_main

        return cli_main(argv[1:])
    app_main, start = {"CallSystem": _callsystem, "TaskManager": _taskmanager, "EventConsole": _console}[name]()
    if smoke:
        return _smoke(name, [start])
    return app_main()


if __name__ == "__main__":
    # A frozen GUI program on Windows has no console: keep stdout/stderr writable for logging.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    sys.exit(main())
