"""TaskManager's composition root: database, service, model, window and the outbox relay."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from integrado.events import Actor
from integrado.pipeline import ProducerPipeline
from integrado.qt.about import add_about_action
from integrado.qt.adapters import QtRelay
from integrado.qt.runner import app_main
from integrado.settings import Settings
from taskmanager_gui.controller import TaskController
from taskmanager_gui.models import TaskTreeModel
from taskmanager_gui.service import TaskService, create_pipeline
from taskmanager_gui.views.main_window import TaskMainWindow

log = logging.getLogger(__name__)


@dataclass
class TaskManagerHandle:
    """What `start()` returns: the shown window and what must be stopped on exit."""

    window: TaskMainWindow
    controller: TaskController
    pipeline: ProducerPipeline
    relay: QtRelay

    async def shutdown(self) -> None:
        self.controller.stop()
        await self.relay.stop()
        self.window.close()
        self.pipeline.engine.dispose()


def prefs(settings: Settings) -> QSettings:
    """Window layout, expansion and the parent rule, beside the settings file (not the registry)."""
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(settings.config_dir / "taskmanager-ui.ini"), QSettings.Format.IniFormat)


def build(settings: Settings, *, db_url: str | None = None) -> TaskManagerHandle:
    """Everything but starting the relay (tests and the benchmark use this directly)."""
    pipeline = create_pipeline(settings, db_url=db_url)
    service = TaskService(pipeline, Actor.current(settings.operator))
    model = TaskTreeModel()
    model.load(service.load_all())
    window = TaskMainWindow(model)
    model.setParent(window)
    # A child of the window (with its undo stack): it lives as long as the window it drives.
    controller = TaskController(service, model, window, prefs=prefs(settings))
    relay = QtRelay(pipeline.relay, window)
    relay.queue_changed.connect(window.indicator.set_queued)
    relay.state_changed.connect(window.indicator.set_state)
    return TaskManagerHandle(window, controller, pipeline, relay)


async def start(settings: Settings) -> TaskManagerHandle:
    """Build, show the window and start the relay (the app contract used by `integrado run`)."""
    handle = build(settings)
    add_about_action(handle.window, settings, "TaskManager")
    handle.window.show()
    handle.relay.start()
    log.info("TaskManager started with %d tasks", len(handle.controller.model.tree))
    return handle


def main(argv: Sequence[str] | None = None) -> int:
    """The `taskmanager-gui` entry point."""
    return app_main("TaskManager", "taskmanager-gui", "TaskManager: tasks and subtasks.", start, argv)


if __name__ == "__main__":
    sys.exit(main())
