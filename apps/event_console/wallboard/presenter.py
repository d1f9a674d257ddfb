"""The supervisors' desk: feeds the wallboard and the alerts from the console's history, and
publishes the alerts this console raises.

The board is rebuilt at start, in a worker thread, from a checkpoint plus the rows stored since
(or, when there is no checkpoint, from the rows its figures depend on), then kept current from the rows the
intake stores: each batch it reports wakes a read of the rows after the last one folded. Once a
second the tiles are recomputed (the clock moves even when no event comes) and the rules are
evaluated; what is raised or cleared is queued in the alerts' outbox, notified and shown.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from event_console.alerts import wire
from event_console.alerts.engine import AlertEngine
from event_console.alerts.outbox import AlertOutbox
from event_console.alerts.panel import AlertNotifier, AlertRulesDialog, AlertsPanel, describe
from event_console.alerts.rules import AlertRules, RulesError, load_rules
from event_console.wallboard.board import OperationsBoard
from event_console.wallboard.feed import HistoryFeed, load_checkpoint, save_checkpoint
from event_console.wallboard.targets import DEFAULT_TARGETS, TargetsError, load_targets
from event_console.wallboard.view import WallboardWindow
from integrado.calendar import BusinessCalendar, CalendarError
from integrado.events.envelope import Actor
from integrado.qt.adapters import QtRelay
from integrado.settings import Settings
from integrado.states import ConnectionState

log = logging.getLogger(__name__)

TICK_MS = 1000
# New rows are read at most this often under a flood (each read is one indexed query).
FOLD_DELAY_MS = 100
CHECKPOINT_SECONDS = 300.0
PREFS_GROUP = "alerts"


class SupervisorDesk(QObject):
    """The wallboard, the Alerts panel (a dock of the console's window), the rules dialog and
    the tray notification, with the board and the alerts engine behind them."""

    # From the thread that wrote the periodic checkpoint: the error, or None.
    _checkpoint_written = Signal(object)

    def __init__(
        self,
        settings: Settings,
        feed: HistoryFeed,
        window: QMainWindow,
        prefs: QSettings,
        *,
        actor: Actor | None = None,
        outbox: AlertOutbox | None = None,
        checkpoint: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.feed = feed
        self.window = window
        self.prefs = prefs
        self.actor = actor or Actor.current(settings.operator)
        self.outbox = outbox
        self.checkpoint = checkpoint if checkpoint is not None else settings.data_dir / "wallboard.checkpoint"
        self.identity = ""
        self.board = OperationsBoard()
        self.ready = False
        try:
            targets = load_targets(settings.raw)
        except TargetsError as exc:
            log.warning("wallboard targets: %s; using the defaults", exc)
            targets = DEFAULT_TARGETS
        try:
            calendar = BusinessCalendar.from_settings(settings.raw)
        except CalendarError:
            calendar = BusinessCalendar.always()
        self.engine = AlertEngine(
            self._load_rules(), me=self.actor.user, shift_seconds=calendar.between, in_shift=calendar.is_open
        )
        self.wallboard = WallboardWindow(targets)
        self.wallboard.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.panel = AlertsPanel()
        self.dock = QDockWidget(self.tr("Alerts"), window)
        self.dock.setObjectName("alertsDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.notifier = AlertNotifier(QGuiApplication.windowIcon(), window)
        self.relay: QtRelay | None = QtRelay(outbox.relay, self) if outbox is not None else None
        self._add_menu_entries(window)
        self.panel.acknowledge_requested.connect(self.acknowledge)
        self.panel.snooze_requested.connect(self.snooze)
        self.panel.rules_requested.connect(self.edit_rules)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)
        self._fold_timer = QTimer(self)
        self._fold_timer.setSingleShot(True)
        self._fold_timer.timeout.connect(self.fold_new)
        self._last_checkpoint = time.monotonic()
        self._saving: threading.Thread | None = None
        self._checkpoint_written.connect(self._checkpoint_done)
        self._notified: set[str] = set()

    def _load_rules(self) -> AlertRules:
        try:
            rules = load_rules(self.settings.raw)
        except RulesError as exc:
            log.warning("alert rules: %s; using the defaults", exc)
            rules = load_rules({})
        self.prefs.beginGroup(PREFS_GROUP)
        try:
            stored = {key: self.prefs.value(key) for key in self.prefs.allKeys()}
        finally:
            self.prefs.endGroup()
        return rules.over_flat(stored)

    def _add_menu_entries(self, window: QMainWindow) -> None:
        """View → Wallboard and View → Alerts (the View menu is made if no one made it yet)."""
        bar = window.menuBar()
        view_title = self.tr("&View")
        menu = next(
            (
                a.menu()
                for a in bar.actions()
                if isinstance(a.menu(), QMenu) and (a.menu().objectName() == "viewMenu" or a.text() == view_title)
            ),
            None,
        )
        if not isinstance(menu, QMenu):
            menu = bar.addMenu(view_title)
        self.wallboard_action = QAction(self.tr("&Wallboard"), window)
        self.wallboard_action.setShortcut("F11")
        self.wallboard_action.triggered.connect(self.show_wallboard)
        menu.addAction(self.wallboard_action)
        self.alerts_action = self.dock.toggleViewAction()
        self.alerts_action.setText(self.tr("&Alerts"))
        self.alerts_action.setShortcut("F9")
        menu.addAction(self.alerts_action)

    # -- start and stop -----------------------------------------------------------------------

    async def start(self) -> None:
        """Rebuild the board (checkpoint + newer rows, else the whole history, off the GUI
        thread), then follow new rows and tick."""
        self._tick.start()
        if self.relay is not None:
            self.relay.start()
        loop = asyncio.get_running_loop()
        board, alerts = await loop.run_in_executor(None, self._rebuild)
        self.board = board
        self.engine.restore(alerts)
        self.ready = True
        self.fold_new()

    def _rebuild(self) -> tuple[OperationsBoard, list[Any]]:
        """In a worker thread: the board as of the last stored row."""
        self.identity = self.feed.identity()
        restored = load_checkpoint(self.checkpoint, self.identity, self.feed.last_row_id())
        board, alerts = restored if restored is not None else (OperationsBoard(), [])
        # Alerts folded from the history go to an engine of the worker's own, merged after.
        engine = AlertEngine(self.engine.rules, me=self.engine.me)
        engine.restore(alerts)
        if restored is None:
            # No checkpoint: only the rows the figures depend on, not the whole history.
            self.feed.fold_cold(board, engine.apply, time.time())
        self.feed.fold_new(board, engine.apply)
        board.prune(time.time())
        return board, list(engine.alerts.values())

    async def stop(self) -> None:
        """Checkpoint, close the wallboard, let the relay finish what it is sending."""
        self._tick.stop()
        self._fold_timer.stop()
        if self._saving is not None:
            self._saving.join()
        if self.ready:
            self.save_checkpoint()
        self.wallboard.close()
        if self.relay is not None:
            await self.relay.stop()
        if self.outbox is not None:
            self.outbox.dispose()

    def save_checkpoint(self) -> None:
        """The checkpoint, written now on this thread (at exit)."""
        save_checkpoint(*self._checkpoint_parts())

    def _checkpoint_parts(self) -> tuple[Path, str, OperationsBoard, list[Any]]:
        """What a checkpoint holds, pruned of what no tile reads again; the alerts as a copy."""
        now = time.time()
        self.board.prune(now)
        self.engine.prune(now)
        self._last_checkpoint = time.monotonic()
        return self.checkpoint, self.identity, self.board, copy.deepcopy(list(self.engine.alerts.values()))

    def save_checkpoint_beside(self) -> None:
        """The periodic checkpoint, pickled and written by a thread of its own: a big board takes
        ~90 ms, which on this thread would freeze the window every few minutes. The board is not
        folded meanwhile (new rows wait in the history, folded once it is written), so the
        thread pickles it whole; the alerts go as a copy, the rules go on with their own."""
        if self._saving is not None:
            return
        parts = self._checkpoint_parts()

        def write() -> None:
            try:
                save_checkpoint(*parts)
            except Exception as exc:  # noqa: BLE001 - reported on the window's thread
                self._checkpoint_written.emit(exc)
            else:
                self._checkpoint_written.emit(None)

        self._saving = threading.Thread(target=write, name="wallboard-checkpoint", daemon=True)
        self._saving.start()

    def _checkpoint_done(self, error: BaseException | None) -> None:
        if self._saving is not None:
            self._saving.join()
        self._saving = None
        if error is not None:
            log.warning("could not write the wallboard checkpoint", exc_info=error)
        self.fold_new()

    # -- from the intake ----------------------------------------------------------------------

    def on_events(self, _batch: object) -> None:
        """Slot for the intake's events_received: new rows are in the history; read them soon."""
        if self.ready and not self._fold_timer.isActive():
            self._fold_timer.start(FOLD_DELAY_MS)

    def on_rejected(self, rejections: list[Any]) -> None:
        now = time.time()
        for rejection in rejections:
            self.engine.note_rejected(
                str(getattr(rejection, "channel", "")),
                str(getattr(rejection, "reason", "")),
                now,
            )

    def on_gap(self, gap: Any) -> None:
        self.engine.note_gap(
            str(getattr(gap, "stream", "")),
            str(getattr(gap, "origin", "")),
            int(getattr(gap, "first_missing", 0)),
            int(getattr(gap, "last_missing", 0)),
            time.time(),
        )

    def on_connection_state(self, state: str, _detail: str) -> None:
        self.engine.connection_changed(state == ConnectionState.LIVE, time.time())

    def fold_new(self) -> None:
        """Fold the rows stored since the last fold, then show."""
        if not self.ready or self._saving is not None:
            return  # while a checkpoint is written, once it is
        fresh: list[Any] = []

        def on_alert(facts: wire.AlertFacts, at: float) -> None:
            alert = self.engine.apply(facts, at)
            if alert is not None:
                fresh.append(alert)

        self.feed.fold_new(self.board, on_alert)
        self._notify(fresh)
        # The tiles at once; the rules on the next tick (within a second): evaluating them after
        # every batch would cost a flood of events far more than it tells.
        self.show_tiles(time.time())

    # -- once a second ------------------------------------------------------------------------

    def refresh(self) -> None:
        """The tick: evaluate the rules (publish, notify), then show."""
        now = time.time()
        if not self.ready:
            self.wallboard.show_loading(0)
            return
        outcome = self.engine.evaluate(self.board, now)
        envelopes = [wire.envelope(wire.RAISED, a.facts(wire.RAISED), self.actor) for a in outcome.raised]
        envelopes += [wire.envelope(wire.CLEARED, a.facts(wire.CLEARED), self.actor) for a in outcome.cleared]
        if envelopes and self.outbox is not None:
            self.outbox.queue(envelopes)
        self._notify(list(outcome.raised))
        self.show_tiles(now)
        if outcome.raised or outcome.cleared or self.dock.isVisible():
            self.panel.show_alerts(self.engine.listed(), now)
        if time.monotonic() - self._last_checkpoint > CHECKPOINT_SECONDS:
            self.save_checkpoint_beside()

    def show_tiles(self, now: float) -> None:
        if self.wallboard.isVisible():
            self.wallboard.show_figures(self.board.figures(now))
            self.wallboard.show_alerts([describe(a) for a in self.engine.attention(now)])

    def _notify(self, alerts: list[Any]) -> None:
        new = [a for a in alerts if a.alert_id not in self._notified and a.needs_attention(time.time())]
        self._notified.update(a.alert_id for a in new)
        if new:
            self.notifier.notify(new, sound=self.engine.rules.sound)

    # -- what the supervisor asks -------------------------------------------------------------

    def show_wallboard(self, full_screen: bool = True) -> None:
        if full_screen:
            self.wallboard.showFullScreen()
        else:
            self.wallboard.show()
        self.wallboard.raise_()
        self.refresh()

    def acknowledge(self, alert_id: str) -> None:
        alert = self.engine.acknowledge(alert_id, self.actor.user, time.time())
        if alert is not None and self.outbox is not None:
            self.outbox.queue([wire.envelope(wire.ACKNOWLEDGED, alert.facts(wire.ACKNOWLEDGED), self.actor)])
        self.panel.show_alerts(self.engine.listed(), time.time())
        self.refresh()

    def snooze(self, alert_id: str, until: float) -> None:
        self.engine.snooze(alert_id, until)
        self.panel.show_alerts(self.engine.listed(), time.time())

    def edit_rules(self) -> None:
        dialog = AlertRulesDialog(self.engine.rules, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_rules(dialog.rules()))
        dialog.open()  # not exec(): this may run under the qasync loop

    def set_rules(self, rules: AlertRules) -> None:
        self.engine.rules = rules
        self.prefs.beginGroup(PREFS_GROUP)
        try:
            for key, value in rules.as_flat().items():
                self.prefs.setValue(key, value)
        finally:
            self.prefs.endGroup()
        self.prefs.sync()
        self.refresh()
