"""Runs one or more app windows on a qasync event loop and shuts them down in order."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget

from integrado import __version__
from integrado.startup import resume_collector

if TYPE_CHECKING:
    # asyncio and qasync (about 70 ms of imports) come once the first window has painted.
    import asyncio

    from integrado.settings import Settings

log = logging.getLogger(__name__)


class AppHandle(Protocol):
    """What an app's composition root returns: its window is shown, its tasks are running."""

    async def shutdown(self) -> None: ...


AppStarter = Callable[["Settings"], Awaitable[AppHandle]]
# Shows an app's window before the event loop exists (see `show_before_loop`).
FirstWindow = Callable[["Settings"], None]


_first_paint: list[float] = []  # wall-clock time of this process's first painted app window
_shown: dict[str, QWidget] = {}  # windows painted before the event loop, until their app takes them
PAINTED = "integradoPainted"  # the property of a window that has painted once


def first_paint_time() -> float | None:
    """When the first window shown by `show_and_paint` painted (time.time()), if one has."""
    return _first_paint[0] if _first_paint else None


class _PaintWatch(QObject):
    """Calls `painted` at the first Paint of a window (or of anything inside it)."""

    def __init__(self, window: QWidget, painted: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.painted, self.done = window, painted, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            if not _first_paint:
                _first_paint.append(time.time())
            self.window.setProperty(PAINTED, True)
            self.painted()
        return False


def _show(window: QWidget) -> None:
    window.show()
    # A status message given before the window was shown ("Loading…") does not hide the status
    # bar's own widgets, which QStatusBar does only for visible ones: both would be drawn on the
    # same spot. Given again now, the message hides them until it is cleared, as it should.
    # Found, not asked for: QMainWindow.statusBar() would give a window that has none one.
    bar = window.findChild(QStatusBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if bar is not None and (message := bar.currentMessage()):
        bar.clearMessage()  # the same text again would be ignored
        bar.showMessage(message)


def show_before_loop(key: str, window: QWidget, *, timeout: float = 0.5) -> None:
    """Show `window` and let Qt paint it (at most `timeout` s) before asyncio, qasync and the
    event loop exist; the app's `start()` takes it back with `take_shown(key)`."""
    app = QApplication.instance()
    watch = _PaintWatch(window, lambda: None)
    window.installEventFilter(watch)
    try:
        _show(window)
        deadline = time.monotonic() + timeout
        while not watch.done and time.monotonic() < deadline and app is not None:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    finally:
        window.removeEventFilter(watch)
        watch.deleteLater()
        resume_collector()  # paused by the entry point until the first frame (integrado.startup)
    _shown[key] = window


def import_beside_window(modules: Sequence[str] = ("asyncio", "qasync")) -> None:
    """Import `modules` in a worker thread while Qt goes on processing events, so that a
    window painted by `show_before_loop` keeps answering (the event loop's modules take about
    60 ms to import); returns once they are imported, raising what their import raised."""
    import importlib

    run_beside_window(lambda: [importlib.import_module(module) for module in modules])


def run_beside_window[T](work: Callable[[], T]) -> T:
    """`work()` in a worker thread while Qt goes on processing events, so that a window painted
    by `show_before_loop` keeps answering while it runs (e.g. starting a server takes a few
    hundred ms); returns what it returned, raising what it raised."""
    import threading

    result: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # noqa: BLE001 - raised again on the calling thread
            failed.append(exc)

    worker = threading.Thread(target=run, name="integrado-beside-window", daemon=True)
    worker.start()
    app = QApplication.instance()
    while worker.is_alive():
        if app is not None:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        worker.join(0.002)
    if failed:
        raise failed[0]
    return result[0]


def take_shown(key: str) -> QWidget | None:
    """The window `show_before_loop(key, …)` showed, once (None when there is none)."""
    return _shown.pop(key, None)


def fit_to_screen(window: QWidget, fraction: float = 0.8) -> None:
    """A first run's size: a share of the screen's available area (a saved geometry, restored
    afterwards, wins), centred on it."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    width, height = int(area.width() * fraction), int(area.height() * fraction)
    window.resize(width, height)
    window.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)


async def show_and_paint(window: QWidget, *, timeout: float = 0.5) -> None:
    """Show `window` and return once it has painted (at most `timeout` s): what the first frame
    needs is on screen before the start-up goes on with what it does not (database, Redis, …).
    A window already painted by `show_before_loop` returns at once."""
    import asyncio

    if window.isVisible() and window.property(PAINTED):
        return
    painted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    watch = _PaintWatch(window, lambda: None if painted.done() else painted.set_result(None))
    window.installEventFilter(watch)
    try:
        _show(window)
        await asyncio.wait_for(asyncio.shield(painted), timeout)
    except TimeoutError:
        pass  # offscreen or minimised: nothing to wait for
    finally:
        window.removeEventFilter(watch)
        watch.deleteLater()


async def _start_guarded(start: AppStarter, settings: Settings) -> AppHandle | None:
    """`start(settings)`; on a failure, the storage recovery (and SQLAlchemy's error types it
    reads) is imported then: the first window does not wait for it."""
    try:
        return await start(settings)
    except Exception as exc:
        if _sign_in_cancelled(exc):
            raise
        from integrado.qt.storage_recovery import start_with_recovery

        first: list[Exception] = [exc]

        async def again(settings: Settings) -> AppHandle:
            # The failure already seen is handed to the recovery first; then it starts again.
            if first:
                raise first.pop()
            return await start(settings)

        return await start_with_recovery(again, settings)


def _sign_in_cancelled(exc: BaseException) -> bool:
    # Only ever raised by integrado.credentials, which is imported by then.
    errors = sys.modules.get("integrado.credentials")
    return errors is not None and isinstance(exc, errors.SignInCancelledError)


def make_qapplication(name: str) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Integrado")
    app.setApplicationName(name)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    return app


def prepare_application(name: str, settings: Settings) -> QApplication:
    """The QApplication as every program has it before its first window: name and desktop id,
    the language every tr() reads, the excepthook (the icon comes after the first paint)."""
    from integrado.qt.desktop import setup_application
    from integrado.qt.excepthook import install_excepthook
    from integrado.qt.i18n import install_translator

    app = make_qapplication(name)
    setup_application(app, name)
    # Qt adds the display name to each window title that does not end with it ("Integrado —
    # Event Console — Integrado", "CallSystem — ana — CallSystem"); every window names its own
    # program once, which in the suite's one process no single display name could do.
    app.setApplicationDisplayName("")
    install_translator(app, settings.language)
    install_excepthook()
    return app


def run_gui(
    name: str,
    settings: Settings,
    starters: Sequence[AppStarter],
    *,
    on_exit: Callable[[], None] | None = None,
    smoke_test: bool = False,
    first: FirstWindow | None = None,
    reload: Callable[[], Settings] | None = None,
) -> int:
    """Start the apps; return once every window is closed and every app has shut down.

    `first(settings)`: shows the first app's window (`show_before_loop`) before asyncio and
    qasync are imported and the loop starts; that app's `start()` then takes it. `reload()`:
    the settings the apps start with, read once that window has painted (`settings` then
    need not hold what only the connections need, such as a password from the OS keyring)."""
    from integrado.qt.desktop import set_app_icon, settle_style

    app = prepare_application(name, settings)
    if first is not None:
        try:
            first(settings)
        except Exception:  # e.g. a full disk: start() meets it again, with its recovery dialog
            log.exception("the first window could not be shown before the event loop")
        import_beside_window()
    resume_collector()  # when no window painted before the loop (a sign-in dialog comes first)
    settle_style(app)
    set_app_icon(app, name)
    if reload is not None:
        # Beside the shown window: the OS keyring's module alone is ~60 ms to import, and a
        # reload may start a server; `reload` must not touch Qt.
        settings = run_beside_window(reload)
    from integrado.logs import setup_logging

    # Once the settings are whole: the log hides every password they hold.
    setup_logging(settings.log_dir, name.lower(), secrets=settings.known_secrets())
    import asyncio
    import signal

    import qasync

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
                    handle = await _start_guarded(start, settings)
                except Exception as exc:
                    if not _sign_in_cancelled(exc):
                        raise
                    # Closing the sign-in dialog of one app is not an error; its window never opens.
                    log.info("sign-in cancelled: %s does not open", getattr(start, "__module__", start))
                    continue
                if handle is None:
                    status = 1
                    all_closed.set()
                    break
                handles.append(handle)
                # A turn of the event loop before the next app builds its window: the windows
                # shown so far paint and answer between two apps' start-ups.
                await asyncio.sleep(0)
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
    *,
    first: FirstWindow | None = None,
) -> int:
    """Every app's console-script `main()`: the same options, parsed the same way.

    Unknown arguments are left for Qt (`-platform`, `-style`, ...), as a Qt program's users expect.
    `first`: see `run_gui`.
    """
    import argparse

    from integrado.settings import Settings, SettingsError

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--smoke-test", action="store_true", help="open the window, connect, then exit 0")
    args, _qt_args = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if first is None:
            return run_gui(name, Settings.load(), [starter], smoke_test=args.smoke_test)
        # The first window needs no password: the OS keyring is asked once it has painted.
        return run_gui(
            name,
            Settings.load(read_keyring=False),
            [starter],
            smoke_test=args.smoke_test,
            first=first,
            reload=Settings.load,
        )
    except SettingsError as exc:
        # The settings file, or a part of it an app reads as it starts (the office calendar).
        from integrado.qt.settings_problem import report_settings_problem

        return report_settings_problem(name, prog, exc)
