"""Composition root of the Event Console: history database, service, window, controller, intake.

`start(settings)` is the app contract used by `integrado run` (all windows in one process on one
qasync loop); `main()` is the `event-console` console script.

The start, in the order a supervisor waits for it: the intake process is started first (it
imports the bus and the history store on another core, see `event_console.intake.launch`); the
window paints its layout with no event held (`show_first`: neither numpy nor the database
imported yet); beside the window, the history is opened, the intake given its configuration (it
connects meanwhile) and the table's part imported; the recent history is loaded: the console is
ready. The charts library, the wallboard and alerts, reports and About follow
(`ConsoleHandle.settled`), each on the event loop in steps short enough that the window keeps
answering, and no cyclic garbage collection runs until they are done.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings

from event_console.intake.launch import LaunchedIntake, launch, start_early, take_early
from event_console.models.rejections import RejectionCountModel
from event_console.views.main_window import ConsoleWindow
from integrado.qt.empty_hint import EmptyHint
from integrado.qt.runner import app_main, fit_to_screen, show_and_paint, show_before_loop, take_shown
from integrado.settings import Settings
from integrado.startup import pause_collector, resume_collector

if TYPE_CHECKING:
    # What the first frame does not need (asyncio, numpy, the history database, the bus, the
    # charts library) is imported once the window has painted: see `start`.
    import asyncio

    from event_console.alerts.outbox import AlertOutbox
    from event_console.controller import ConsoleController
    from event_console.intake.client import InProcessIntake, IntakeProcess
    from event_console.models.event_table import EventTableModel
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
# What the table and the intake need beyond the first frame and the history (`build_table`).
TABLE_PART = (
    "event_console.models.event_table",
    "event_console.controller",
    "event_console.intake.client",
)
# What the console needs once its table is ready (`build_desk`, the charts, About).
REST = (
    "pyqtgraph",
    "event_console.views.chart_axes",
    "event_console.alerts.outbox",
    "event_console.reports.presenter",
    "event_console.wallboard.feed",
    "event_console.wallboard.presenter",
    "integrado.qt.about",
)
log = logging.getLogger(__name__)


def open_history_early(settings: Settings) -> HistoryStore:
    """The history database, its schema brought up to date (in a worker thread, before numpy
    and the table's part are imported: the intake child can open it as soon as this returns)."""
    from event_console.service import open_history

    return open_history(settings)


def configure_intake(launched: LaunchedIntake, settings: Settings) -> None:
    """Hand the early intake child its configuration: it connects while the table is built."""
    from event_console.intake.wire import CONFIG, frame, worker_config

    try:
        launched.configure(frame(CONFIG, worker_config(settings)))
    except OSError as exc:  # it died: `IntakeProcess` starts another and says why
        log.warning("the intake process could not be configured early: %s", exc)


def import_table_part() -> None:
    """Import what `build_table` needs (in a worker thread while the window is shown)."""
    for module in TABLE_PART:
        importlib.import_module(module)


def import_rest() -> None:
    """Import what `build_desk` and the charts need (in a worker thread while the window is shown)."""
    for module in REST:
        importlib.import_module(module)


async def create_qt_classes(slice_seconds: float = 0.004) -> None:
    """Make PySide6 create every class of QtCore, QtGui and QtWidgets, a slice of a few ms per
    turn of the event loop, before pyqtgraph is imported. Its import walks every one of them
    (`pyqtgraph.Qt` copies their names), and PySide6 creates each class at its first use: done
    by the worker thread that imports pyqtgraph, that held the window off 60-180 ms in one first
    start out of three over a big history. The longest slice is one class (QCommonStyle, ~6 ms)."""
    import asyncio

    from PySide6 import QtCore, QtGui, QtWidgets

    deadline = time.perf_counter() + slice_seconds
    for module in (QtCore, QtGui, QtWidgets):
        for name in dir(module):
            getattr(module, name)
            if time.perf_counter() > deadline:
                await asyncio.sleep(0)
                deadline = time.perf_counter() + slice_seconds


class EarlyNotes:
    """Rejections and gaps the intake reports before the supervisors' desk exists, handed to it
    once it does (its alerts count them); its events it reads from the history itself."""

    def __init__(self) -> None:
        self.rejected: list[list[Any]] = []
        self.gaps: list[Any] = []

    def on_rejected(self, rejections: list[Any]) -> None:
        self.rejected.append(rejections)

    def on_gap(self, gap: Any) -> None:
        self.gaps.append(gap)


@dataclass
class ConsoleHandle:
    """A running console: its window is shown and its intake runs. `settled`: the rest of its
    start (charts, wallboard and alerts, reports, About), done once that task is."""

    window: ConsoleWindow
    controller: ConsoleController
    bus: IntakeProcess | InProcessIntake
    store: HistoryStore
    started_at: float
    desk: SupervisorDesk | None = None
    settled: asyncio.Task[None] | None = None
    notes: EarlyNotes = field(default_factory=EarlyNotes)

    async def shutdown(self) -> None:
        import asyncio

        if self.settled is not None and not self.settled.done():
            self.settled.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.settled
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


def first_window(
    settings: Settings, *, started_at: float | None = None, model: EventTableModel | None = None
) -> ConsoleWindow:
    """The window as the supervisor left it (geometry, splitters, columns, filters), its table
    saying it is loading and its charts area "Loading charts…": all the first frame needs.
    `model`: the events' model, when it is already there (else `attach_model` gives it later)."""
    window = ConsoleWindow(model, RejectionCountModel(), lazy_charts=True)
    if model is not None:
        model.setParent(window)
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


def build(
    settings: Settings,
    *,
    history_cap: int | None = None,
    window: ConsoleWindow | None = None,
    launched: LaunchedIntake | None = None,
) -> ConsoleHandle:
    """Everything but the asyncio work: the intake is not started and no history is loaded.
    `window`: one already shown by `first_window` (its charts are created once the event loop
    runs); without it the window is made here, its charts at once."""
    charts_now = window is None
    import_table_part()
    handle = build_table(settings, history_cap=history_cap, window=window, launched=launched)
    import_rest()
    build_desk(handle, settings)
    if charts_now:
        handle.window.charts.create_plots()
    else:
        handle.window.charts.create_plots_later()
    return handle


def build_table(
    settings: Settings,
    *,
    history_cap: int | None = None,
    window: ConsoleWindow | None = None,
    launched: LaunchedIntake | None = None,
    store: HistoryStore | None = None,
) -> ConsoleHandle:
    """The events' model in the window, the controller and the intake (adopting `launched`,
    its child started early): what the console needs to show its history and live events.
    `store`: the history, opened already (`open_history_early`)."""
    from event_console.controller import ConsoleController
    from event_console.intake.client import make_intake
    from event_console.models.event_table import EventTableModel
    from event_console.service import ConsoleService, open_history

    started_at = time.perf_counter()
    if window is None:
        window = first_window(settings, started_at=started_at, model=EventTableModel())
        window.statusBar().clearMessage()
    else:
        started_at = float(window.property("startedAt") or started_at)
        model = EventTableModel(window)
        window.attach_model(model)
        hint = window.findChild(EmptyHint)
        if hint is not None:
            # It heard the first frame's column headers; from now on the events' model.
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(hint.update_hint)
            hint.update_hint()
    # Opened (its schema brought up to date) before the intake child is configured: the child
    # opens the same database only then.
    if store is None:
        store = open_history(settings)
    controller = ConsoleController(
        ConsoleService(store, cap=HISTORY_CAP if history_cap is None else history_cap), window, prefs=prefs(settings)
    )
    controller.load()
    # The intake (bus consumer + history writes in a child process, see event_console.intake) is
    # a child of the window: whoever holds the window finds it (the smoke test does).
    bus = make_intake(settings, window, launched=launched)
    bus.events_received.connect(controller.on_events)
    bus.rejected.connect(controller.on_rejected)
    bus.gap_detected.connect(controller.on_gap)
    bus.connection_state_changed.connect(controller.on_connection_state)
    handle = ConsoleHandle(window, controller, bus, store, started_at)
    bus.rejected.connect(handle.notes.on_rejected)
    bus.gap_detected.connect(handle.notes.on_gap)
    return handle


def build_desk(handle: ConsoleHandle, settings: Settings) -> None:
    """The supervisors' desk (wallboard, alerts) on the intake, and File → Report…; what the
    intake reported before is handed to the desk. `import_rest()` first."""
    from event_console.reports.presenter import ReportPresenter
    from event_console.wallboard.feed import HistoryFeed
    from event_console.wallboard.presenter import SupervisorDesk

    window, bus = handle.window, handle.bus
    desk = SupervisorDesk(
        settings, HistoryFeed(handle.store.engine), window, prefs(settings), outbox=_alert_outbox(settings)
    )
    bus.rejected.disconnect(handle.notes.on_rejected)
    bus.gap_detected.disconnect(handle.notes.on_gap)
    bus.events_received.connect(desk.on_events)
    bus.rejected.connect(desk.on_rejected)
    bus.gap_detected.connect(desk.on_gap)
    bus.connection_state_changed.connect(desk.on_connection_state)
    desk.on_connection_state(bus.state, bus.state_detail)
    for rejections in handle.notes.rejected:
        desk.on_rejected(rejections)
    for gap in handle.notes.gaps:
        desk.on_gap(gap)
    handle.notes = EarlyNotes()
    # File → Report…: a child of the window, reading the history database in its own thread.
    ReportPresenter(handle.store.engine, settings.raw, window)
    handle.desk = desk


def _empty_table_text(window: ConsoleWindow) -> str:
    """What the empty event table says: that its history is loading, that the console is
    listening, or that filters hide all."""
    if not window.has_model:
        return QCoreApplication.translate("ConsoleWindow", "Loading the event history…")
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

    # No cyclic collection until the start is done (`_settle` freezes what it built, then turns
    # the collector back on): the imports and a big history's board are hundreds of thousands of
    # objects, whose full passes (68 ms seen, the GIL held throughout) would stall the window.
    pause_collector()
    launched = take_early() or launch()
    store: HistoryStore | None = None
    window: ConsoleWindow | None = None
    if not wallboard:
        shown = take_shown(PROGRAM)
        window = shown if isinstance(shown, ConsoleWindow) else first_window(settings)
    try:
        if window is not None:
            await show_and_paint(window)
        # Beside the event loop, the shown window answering meanwhile: the history is opened
        # (a database that cannot be: the recovery dialog), then the intake child, started
        # early, is told to connect, and the table's part is imported while it does.
        store = await asyncio.to_thread(open_history_early, settings)
        if launched is not None:
            configure_intake(launched, settings)
        await asyncio.to_thread(import_table_part)
        handle = build_table(settings, history_cap=history_cap, window=window, launched=launched, store=store)
    except BaseException:
        resume_collector()
        # A database that cannot be opened: the recovery dialog (or the error) stands alone.
        if launched is not None:
            launched.close()
        if store is not None:
            store.engine.dispose()
        if window is not None:
            window.close()
            window.deleteLater()
        raise
    if not wallboard:
        handle.window.show()
    # The intake is configured before the history loads: whatever it stores meanwhile is held
    # by the controller and shown once, after the loaded rows.
    handle.bus.start()
    await handle.controller.load_recent(history_seconds)
    if window is not None and window.statusBar().currentMessage() == QCoreApplication.translate(
        "ConsoleWindow", "Loading the event history…"
    ):
        window.statusBar().clearMessage()
    # Only now: its imports (the charts library) would hold the GIL while the history loads.
    handle.settled = asyncio.ensure_future(_settle(handle, settings))
    handle.settled.add_done_callback(_settle_ended)
    if wallboard:
        await handle.settled
        if handle.desk is not None:
            handle.desk.show_wallboard()
    return handle


def _settle_ended(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the console's charts, wallboard or reports could not be built", exc_info=task.exception())


async def _settle(handle: ConsoleHandle, settings: Settings) -> None:
    """The rest of the start, once the table has its history: the charts library and the charts
    (one plot per turn of the event loop), the desk and reports, About, then the desk's board
    (rebuilt in a worker thread); then the cyclic collector collects again."""
    try:
        await _build_the_rest(handle, settings)
    finally:
        # Everything built so far lives as long as the window: frozen out of the collector's
        # sight, a full collection during intake stays a few ms instead of 40+ ms on a slow PC.
        resume_collector()


async def _build_the_rest(handle: ConsoleHandle, settings: Settings) -> None:
    import asyncio

    await create_qt_classes()
    await asyncio.to_thread(import_rest)
    window = handle.window
    window.charts.create_plots_later()
    # Each of these builds widgets for a few ms: one per turn of the event loop.
    await asyncio.sleep(0)
    build_desk(handle, settings)
    await asyncio.sleep(0)
    from integrado.qt.about import add_about_action

    add_about_action(window, settings, PROGRAM)
    while not window.charts.plots_shown:
        await asyncio.sleep(0.02)
    if handle.desk is not None:
        # Its board is rebuilt in a worker thread (from its checkpoint, else from the rows its
        # figures depend on; over a big history without a checkpoint, a second of Python), once
        # the charts are shown: a plot created beside it waits for the GIL at each of its many
        # calls into Qt and back (12 ms alone, 70-140 ms beside a cold rebuild).
        await handle.desk.start()


def show_first(settings: Settings) -> None:
    """Paint the window before the event loop starts (`main()` and `integrado run` call this
    first); `start` takes it. Not on a shared database: its sign-in dialog is the first paint."""
    if settings.console_db.startswith("sqlite"):
        # First: the child imports on another core while this process builds the window.
        start_early()
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
