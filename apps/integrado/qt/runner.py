"""Runs one or more app windows on a qasync event loop and shuts them down in order."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from integrado import __version__
from integrado.credentials import SignInCancelledError
from integrado.logs import setup_logging
from integrado.qt.desktop import setup_application
from integrado.qt.excepthook import install_excepthook
from integrado.qt.i18n import install_translator
from integrado.qt.storage_recovery import start_with_recovery
from integrado.settings import Settings

log = logging.getLogger(__name__)


class AppHandle(Protocol):
    """What an app's composition root returns: its window is shown, its tasks are running."""

    async def shutdown(self) -> None: ...


AppStarter = Callable[[Settings], Awaitable[AppHandle]]


def make_qapplication(name: str) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Integrado")
    app.setApplicationName(name)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    return app


def run_gui(
    name: str,
    settings: Settings,
    starters: Sequence[AppStarter],
    *,
    on_exit: Callable[[], None] | None = None,
    smoke_test: bool = False,
) -> int:
    """Start the apps; return once every window is closed and every app has shut down."""
    setup_logging(settings.log_dir, name.lower(), secrets=settings.known_secrets())
    app = make_qapplication(name)
    # Before any window exists: icons and desktop id, and the language every tr() reads.
    setup_application(app, name)
    install_translator(app, settings.language)
    install_excepthook()

    async def main() -> int:
        all_closed = asyncio.Event()
        app.lastWindowClosed.connect(all_closed.set)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, all_closed.set)
            except (NotImplementedError, RuntimeError):
                pass
        # Python only sees signals while it runs; a timer gives it a moment now and then.
        keepalive = QTimer()
        keepalive.start(200)
        keepalive.timeout.connect(lambda: None)
        handles: list[AppHandle] = []
        status = 0
        try:
            for start in starters:
                try:
                    # A database that cannot be opened: say which and why, offer to move a damaged
                    # file aside; quitting ends the program with status 1, never a crash loop.
                    handle = await start_with_recovery(start, settings)
                except SignInCancelledError:
                    # Closing the sign-in dialog of one app is not an error; its window never opens.
                    log.info("sign-in cancelled: %s does not open", getattr(start, "__module__", start))
                    continue
                if handle is None:
                    status = 1
                    all_closed.set()
                    break
                handles.append(handle)
            if not handles:
                return status
            if smoke_test:
                await asyncio.sleep(0.5)
                all_closed.set()
            await all_closed.wait()
        finally:
            for handle in reversed(handles):
                try:
                    await handle.shutdown()
                except Exception:
                    log.exception("error while shutting down")
            for widget in app.topLevelWidgets():
                widget.close()
        return status

    try:
        return qasync.run(main())
    finally:
        if on_exit:
            on_exit()


def app_main(
    name: str,
    prog: str,
    description: str,
    starter: AppStarter,
    argv: Sequence[str] | None = None,
) -> int:
    """Every app's console-script `main()`: the same options, parsed the same way.

    Unknown arguments are left for Qt (`-platform`, `-style`, ...), as a Qt program's users expect.
    """
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--smoke-test", action="store_true", help="open the window, connect, then exit 0")
    args, _qt_args = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    return run_gui(name, Settings.load(), [starter], smoke_test=args.smoke_test)
