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
def _callsystem() -> tuple[Callable[[], int], object, object]:
    from callsystem_gui.app import main, show_first, start

    return main, start, show_first


def _taskmanager() -> tuple[Callable[[], int], object, object]:
    from taskmanager_gui.app import main, show_first, start

    return main, start, show_first


def _console() -> tuple[Callable[[], int], object, object]:
    from event_console.app import main, show_first, start

    return main, start, show_first


def _smoke(name: str, starters: list[object], *, suite: bool = False, first: object = None) -> int:
    from integrado.settings import Settings
    from integrado_suite.smoke import run_smoke

    if not suite:
        # As the program starts for its users: the window first, the OS keyring once it painted.
        return run_smoke(
            name,
            starters,  # type: ignore[arg-type]
            Settings.load(read_keyring=False),
            first=first,  # type: ignore[arg-type]
            reload=Settings.load,
        )
    from integrado_suite.redis_server import SuiteSettings
    from integrado_suite.suite import show_first

    # As `integrado run` starts: the first window, then the keyring and Redis beside it.
    suite_settings = SuiteSettings()
    try:
        return run_smoke(
            name,
            starters,  # type: ignore[arg-type]
            suite_settings.first(),
            first=show_first,
            reload=suite_settings.reload,
        )
    finally:
        suite_settings.stop()


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
    argv = sys.argv
    if argv[1:2] == ["--startup-floor"]:
        from startup_floor import main as floor_main  # beside this script (and in the bundle)

        return floor_main(float(argv[2]))
    if argv[1:2] == ["--intake-worker"]:
        # The Event Console's intake process (event_console.intake.worker.worker_command), any program name.
        from event_console.intake.worker import worker_main

        return worker_main(argv[2:])
    from integrado.startup import pause_collector

    # Every path from here shows windows or is the `integrado` command, which resumes the
    # collector for any command but `run` (see integrado.startup).
    pause_collector()
    name = _program_name(argv)
    try:
        return _dispatch(name, argv)
    except Exception as exc:
        # Looked up, not imported: the migrations (and SQLAlchemy) are not imported before the
        # first window, and if they never were, they raised nothing.
        migrations = sys.modules.get("integrado.migrations")
        if migrations is None or not isinstance(exc, migrations.MigrationError):
            raise
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
    app_main, start, first = {"CallSystem": _callsystem, "TaskManager": _taskmanager, "EventConsole": _console}[name]()
    if smoke:
        return _smoke(name, [start], first=first)
    return app_main()


if __name__ == "__main__":
    # A frozen GUI program on Windows has no console: keep stdout/stderr writable for logging.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    sys.exit(main())
