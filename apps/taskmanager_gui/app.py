"""TaskManager's composition root: database, service, model, window, the outbox relay and the
live bus that brings other operators' changes into the tree."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from integrado.bus import BusConsumer
from integrado.events import SYSTEM_TASKS, Actor
from integrado.pipeline import ProducerPipeline, create_live_consumer
from integrado.qt.about import add_about_action
from integrado.qt.adapters import QtBus, QtRelay
from integrado.qt.runner import app_main
from integrado.settings import Settings
from taskmanager_gui.controller import REFRESH_INTERVAL_MS, TaskController
from taskmanager_gui.models import TaskTreeModel
from taskmanager_gui.service import TaskService, create_pipeline
from taskmanager_gui.views.main_window import TaskMainWindow

log = logging.getLogger(__name__)


@dataclass
class TaskManagerHandle:
    """What `start()` returns: the shown window and what must be stopped on exit."""

    window: TaskMainWindow
    controller: TaskController
    service: TaskService
    pipeline: ProducerPipeline
    relay: QtRelay
    bus: QtBus

    async def shutdown(self) -> None:
        self.controller.stop()
        await self.bus.stop()
        await self.relay.stop()
        self.window.close()
        self.pipeline.engine.dispose()


def prefs(settings: Settings) -> QSettings:
    """Window layout, expansion and the parent rule, beside the settings file (not the registry)."""
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(settings.config_dir / "taskmanager-ui.ini"), QSettings.Format.IniFormat)


def live_consumer(settings: Settings) -> BusConsumer:
    """The tasks source only, from now on: the tree needs to know what changed, not history."""
    return create_live_consumer(settings, SYSTEM_TASKS, name="integrado-taskmanager-live")


def build(
    settings: Settings,
    *,
    db_url: str | None = None,
    poll_interval: float | None = None,
    refresh_interval_ms: int = REFRESH_INTERVAL_MS,
) -> TaskManagerHandle:
    """Everything but starting the relay and the bus (tests and the benchmark use this directly).

    `refresh_interval_ms`: how often the tree asks the database while live updates are down."""
    if poll_interval is None:
        pipeline = create_pipeline(settings, db_url=db_url)
    else:
        pipeline = create_pipeline(settings, db_url=db_url, poll_interval=poll_interval)
    service = TaskService(pipeline, Actor.current(settings.operator))
    model = TaskTreeModel()
    model.load(service.load_all())
    window = TaskMainWindow(model)
    model.setParent(window)
    # A child of the window (with its undo stack): it lives as long as the window it drives.
    controller = TaskController(service, model, window, prefs=prefs(settings), refresh_interval_ms=refresh_interval_ms)
    relay = QtRelay(pipeline.relay, window)
    relay.queue_changed.connect(window.indicator.set_queued)
    relay.dead_letters_changed.connect(window.indicator.set_dead_letters)
    relay.state_changed.connect(window.indicator.set_state)
    bus = QtBus(live_consumer(settings), window)
    bus.events_received.connect(controller.on_events)
    bus.connection_state_changed.connect(controller.set_live_state)
    # Events the bus could not deliver (a trimmed stream, a reset server): read the database.
    bus.gap_detected.connect(lambda _gap: controller.refresh_from_database())
    return TaskManagerHandle(window, controller, service, pipeline, relay, bus)


async def start(settings: Settings, *, db_url: str | None = None) -> TaskManagerHandle:
    """Build, show the window, start the relay and the live bus (the app contract used by
    `integrado run`)."""
    handle = build(settings, db_url=db_url)
    add_about_action(handle.window, settings, "TaskManager")
    handle.window.show()
    handle.relay.start()
    handle.bus.start()
    log.info("TaskManager started with %d tasks", len(handle.controller.model.tree))
    return handle


def main(argv: Sequence[str] | None = None) -> int:
    """The `taskmanager-gui` entry point."""
    return app_main("TaskManager", "taskmanager-gui", "TaskManager: tasks and subtasks.", start, argv)


if __name__ == "__main__":
    sys.exit(main())
