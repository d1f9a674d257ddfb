"""Composition root of the Event Console: history database, service, window, controller, intake.

`start(settings)` is the app contract used by `integrado run` (all windows in one process on one
qasync loop); `main()` is the `event-console` console script.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import importlib
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings

from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.views.main_window import ConsoleWindow
from integrado.qt.empty_hint import EmptyHint
from integrado.qt.runner import app_main, fit_to_screen, show_and_paint, show_before_loop, take_shown
from integrado.settings import Settings

if TYPE_CHECKING:
    # What the first frame does not need (the history database, the bus, the charts library)
    # is imported once the window has painted: see `start`.
    from event_console.alerts.outbox import AlertOutbox
    from event_console.controller import ConsoleController
    from event_console.intake.client import InProcessIntake, IntakeProcess
    from event_console.wallboard.presenter import SupervisorDesk
    from integrado.history import HistoryStore
    from integrado.qt.signin import SignIn

# The controller's and the service's defaults (DEFAULT_HISTORY_SECONDS, DEFAULT_HISTORY_CAP),
# spelt here so that this module does not import them before the window shows.
HISTORY_SECONDS = 24 * 3600.0
HISTORY_CAP = 500_000
# The saved view's group in the console's preferences (the controller's VIEW_GROUP).
VIEW_GROUP = "view"

PROGRAM = "EventConsole"
# What `build` needs beyond the first frame (well over half a second of imports on a modest PC).
REST = (
    "event_console.controller",
    "event_console.service",
    "event_console.intake.client",
    "event_console.alerts.outbox",
    "event_console.reports.presenter",
    "event_console.wallboard.feed",
    "event_console.wallboard.presenter",
    "integrado.qt.about",
    "pyqtgraph",
    "event_console.views.chart_axes",
)


def import_rest() -> None:
    """Import what `build` and the charts need (in a worker thread while the window is shown)."""
    for module in REST:
        importlib.import_module(module)


@dataclass
class ConsoleHandle:
    """A running console: its window is shown and its intake runs."""

    window: ConsoleWindow
    controller: ConsoleController
    bus: IntakeProcess | InProcessIntake
    store: HistoryStore
    started_at: float
    desk: SupervisorDesk | None = None

    async def shutdown(self) -> None:
        if self.desk is not None:
            await self.desk.stop()
        self.controller.stop()
        await self.bus.stop()
        self.window.charts.timer.stop()
        self.window.close()
        self.store.engine.dispose()


def prefs(settings: Settings) -> QSettings:
    """Filter presets and window state, in Integrado's config folder (not the registry/dotfiles
    Qt would pick), so that tests and portable installs keep them together."""
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(settings.config_dir / "event-console.ini"), QSettings.Format.IniFormat)


def first_window(settings: Settings, *, started_at: float | None = None) -> ConsoleWindow:
    """The window as the supervisor left it (geometry, splitters, columns, filters), its table
    empty and its charts area saying "Loading charts…": all the first frame needs."""
    window = ConsoleWindow(EventTableModel(), RejectionCountModel(), lazy_charts=True)
    window.model.setParent(window)
    window.rejections.setParent(window)
    window.setProperty("startedAt", time.perf_counter() if started_at is None else started_at)
    fit_to_screen(window)  # a first run's size; the saved geometry wins
    saved = prefs(settings)
    geometry = saved.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    saved.beginGroup(VIEW_GROUP)
    view = {key: saved.value(key) for key in saved.childKeys()}
    saved.endGroup()
    if view:
        window.restore_view_state(view)
    window.empty_hint = EmptyHint(window.table, lambda: _empty_table_text(window))  # type: ignore[attr-defined]
    window.statusBar().showMessage(QCoreApplication.translate("ConsoleWindow", "Loading the event history…"))
    return window


def build(settings: Settings, *, history_cap: int | None = None, window: ConsoleWindow | None = None) -> ConsoleHandle:
    """Everything but the asyncio work: the intake is not started and no history is loaded.
    `window`: one already shown by `first_window` (its charts are created once the event loop
    runs); without it the window is made here, its charts at once."""
    from event_console.controller import ConsoleController
    from event_console.intake.client import make_intake
    from event_console.reports.presenter import ReportPresenter
    from event_console.service import ConsoleService, open_history
    from event_console.wallboard.feed import HistoryFeed
    from event_console.wallboard.presenter import SupervisorDesk

    started_at = time.perf_counter()
    if window is None:
        window = first_window(settings, started_at=started_at)
        window.statusBar().clearMessage()
        window.charts.create_plots()
    else:
        started_at = float(window.property("startedAt") or started_at)
        # On the event loop, one plot per turn: the shown window keeps answering meanwhile.
        window.charts.create_plots_later()
    store = open_history(settings)
    controller = ConsoleController(
        ConsoleService(store, cap=HISTORY_CAP if history_cap is None else history_cap), window, prefs=prefs(settings)
    )
    controller.load()
    # The intake (bus consumer + history writes in a child process, see event_console.intake) is
    # a child of the window: whoever holds the window finds it (the smoke test does).
    bus = make_intake(settings, window)
    bus.events_received.connect(controller.on_events)
    bus.rejected.connect(controller.on_rejected)
    bus.gap_detected.connect(controller.on_gap)
    bus.connection_state_changed.connect(controller.on_connection_state)
    desk = SupervisorDesk(settings, HistoryFeed(store.engine), window, prefs(settings), outbox=_alert_outbox(settings))
    bus.events_received.connect(desk.on_events)
    bus.rejected.connect(desk.on_rejected)
    bus.gap_detected.connect(desk.on_gap)
    bus.connection_state_changed.connect(desk.on_connection_state)
    # File → Report…: a child of the window, reading the history database in its own thread.
    ReportPresenter(store.engine, settings.raw, window)
    return ConsoleHandle(window, controller, bus, store, started_at, desk)


def _empty_table_text(window: ConsoleWindow) -> str:
    """What the empty event table says: that the console is listening, or that filters hide all."""
    if window.model.cols.size:
        return QCoreApplication.translate("ConsoleWindow", "No event matches the filters above.")
    return QCoreApplication.translate(
        "ConsoleWindow",
        "No events yet.\nEvents appear here as CallSystem and TaskManager record them; "
        "the status bar says whether the console is connected.",
    )


def _alert_outbox(settings: Settings) -> AlertOutbox | None:
    """The outbox the console's alerts are published from; without it (its database cannot be
    opened) alerts still show on this console, and the log says why others do not see them."""
    from event_console.alerts.outbox import AlertOutbox

    try:
        return AlertOutbox(settings)
    except Exception:  # any failure to open it must not keep the console from starting
        logging.getLogger(__name__).exception("the alerts' outbox cannot be opened: alerts stay on this console")
        return None


async def start(
    settings: Settings,
    *,
    history_seconds: float = HISTORY_SECONDS,
    history_cap: int = HISTORY_CAP,
    wallboard: bool = False,
    signin: SignIn | None = None,
) -> ConsoleHandle:
    """Show the window (or only the wallboard, full screen), then build the rest, start the
    intake and load the recent history. A history on a shared PostgreSQL is opened as the
    signed-in login (`signin`: the process's, so the suite asks once; its dialog is then the
    first paint)."""
    if not settings.console_db.startswith("sqlite"):
        from integrado.credentials import needs_sign_in

        if needs_sign_in(settings.console_db):
            from integrado.qt.signin import SignIn

            signin = signin or SignIn()
            login = await signin.login_for(settings.console_db, program=PROGRAM)
            # The window's reads and the intake process (handed these settings over its socket,
            # never on a command line) connect as that login.
            settings = dataclasses.replace(settings, console_db=login.url)
    import asyncio

    window: ConsoleWindow | None = None
    if not wallboard:
        shown = take_shown(PROGRAM)
        window = shown if isinstance(shown, ConsoleWindow) else first_window(settings)
    try:
        if window is not None:
            await show_and_paint(window)
        # Imported beside the event loop: the shown window keeps answering meanwhile.
        await asyncio.to_thread(import_rest)
        handle = build(settings, history_cap=history_cap, window=window)
    except BaseException:
        # A database that cannot be opened: the recovery dialog (or the error) stands alone.
        if window is not None:
            window.close()
            window.deleteLater()
        raise
    if wallboard and handle.desk is not None:
        handle.desk.show_wallboard()
    else:
        handle.window.show()
    # The intake starts before the history loads: its start-up overlaps the window's, and
    # whatever it stores meanwhile is held by the controller and shown once, after the loaded rows.
    handle.bus.start()
    if handle.desk is not None:
        # In the background: the board's rebuild must not hold the table's history back.
        handle.controller.tasks.run(handle.desk.start())
    await handle.controller.load_recent(history_seconds)
    if window is not None and window.statusBar().currentMessage() == QCoreApplication.translate(
        "ConsoleWindow", "Loading the event history…"
    ):
        window.statusBar().clearMessage()
    from integrado.qt.about import add_about_action

    add_about_action(handle.window, settings, PROGRAM)
    # Everything built so far lives as long as the window: out of the cyclic collector's sight,
    # a full collection during intake stays a few ms instead of 40+ ms on a slow PC.
    gc.freeze()
    return handle


def show_first(settings: Settings) -> None:
    """Paint the window before the event loop starts (`main()` and `integrado run` call this
    first); `start` takes it. Not on a shared database: its sign-in dialog is the first paint."""
    if settings.console_db.startswith("sqlite"):
        show_before_loop(PROGRAM, first_window(settings))


def main(argv: Sequence[str] | None = None) -> int:
    """The `event-console` entry point; `--wallboard` opens the wallboard alone, full screen
    (for a screen on the wall), and closing it ends the program."""
    args = list(sys.argv[1:] if argv is None else argv)
    wallboard = "--wallboard" in args
    starter = functools.partial(start, wallboard=True) if wallboard else start
    return app_main(
        PROGRAM,
        "event-console",
        "Event Console: every event of the suite, live and historic (--wallboard: the wallboard alone, full screen).",
        starter,
        [a for a in args if a != "--wallboard"],
        first=None if wallboard else show_first,
    )


if __name__ == "__main__":
    sys.exit(main())
