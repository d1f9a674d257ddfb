"""Composition root of the Event Console: database, history store, bus, controller, window."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from event_console.controller import DEFAULT_HISTORY_CAP, DEFAULT_HISTORY_SECONDS, ConsoleController
from event_console.intake.client import InProcessIntake, IntakeProcess, make_intake
from event_console.views.window import ConsoleWindow
from integrado.db import make_engine
from integrado.history import HistoryStore
from integrado.qt.about import add_about_action
from integrado.qt.runner import app_main
from integrado.settings import Settings


@dataclass
class ConsoleHandle:
    """A running console: its window is shown and its bus consumer runs."""

    window: ConsoleWindow
    controller: ConsoleController
    bus: IntakeProcess | InProcessIntake
    store: HistoryStore
    started_at: float

    async def shutdown(self) -> None:
        await self.bus.stop()
        self.window.charts.timer.stop()
        self.window.close()
        self.store.engine.dispose()


def preferences(settings: Settings) -> QSettings:
    """Filter presets and window state, in Integrado's config folder (not the registry/dotfiles
    Qt would pick), so that tests and portable installs keep them together."""
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(settings.config_dir / "event-console.ini"), QSettings.Format.IniFormat)


async def start(
    settings: Settings,
    *,
    history_seconds: float = DEFAULT_HISTORY_SECONDS,
    history_cap: int = DEFAULT_HISTORY_CAP,
) -> ConsoleHandle:
    started_at = time.perf_counter()
    # The window reads the history; the intake process writes it (synchronous=NORMAL there:
    # the cursor is stored with the events, so a power cut only loses what the streams still
    # hold and the next start reads again). Deferred transactions: reading never blocks intake.
    store = HistoryStore(make_engine(settings.console_db, synchronous="NORMAL", immediate=False))
    controller = ConsoleController(store, cap=history_cap)
    window = ConsoleWindow(controller, preferences(settings))
    geometry = window.prefs.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    controller.load_rejection_counts()
    for gap in reversed(store.recent_gaps(20)):
        window.gaps_log.appendPlainText(gap.describe())
    # The intake process (bus consumer + history writes, see event_console.intake.worker) starts now: its
    # start-up overlaps the window's, and whatever it stores while the history loads is held by
    # the controller and shown once, after the loaded rows.
    bus = make_intake(settings, window)
    bus.events_received.connect(controller.on_events)
    bus.rejected.connect(controller.on_rejected)
    bus.rejected.connect(window.show_rejected)
    bus.gap_detected.connect(window.show_gap)
    bus.connection_state_changed.connect(window.set_connection_state)
    window.show()
    bus.start()
    await controller.load_recent(history_seconds)
    add_about_action(window, settings, "EventConsole")
    # Everything built so far lives as long as the window: out of the cyclic collector's sight,
    # a full collection during intake stays a few ms instead of 40+ ms on a slow PC.
    gc.freeze()
    return ConsoleHandle(window, controller, bus, store, started_at)


def main(argv: Sequence[str] | None = None) -> int:
    return app_main(
        "EventConsole", "event-console", "Event Console: every event of the suite, live and historic.", start, argv
    )


if __name__ == "__main__":
    sys.exit(main())
