"""CallSystem's composition root: builds the database, service, window, relay and live bus.

`start(settings)` is the app contract used by `integrado run` (all windows in one process on one
qasync loop); `main()` is the `callsystem-gui` console script.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from callsystem_gui.controller import CallController
from callsystem_gui.domain import SlaPolicy
from callsystem_gui.drafts import DraftStore
from callsystem_gui.models.call_table import CallTableModel
from callsystem_gui.service import CallService, create_pipeline
from callsystem_gui.views.main_window import CallMainWindow
from integrado.bus import BusConsumer
from integrado.events import SYSTEM_CALLS, Actor
from integrado.pipeline import ProducerPipeline, create_live_consumer
from integrado.qt.about import add_about_action
from integrado.qt.adapters import QtBus, QtRelay
from integrado.qt.runner import app_main
from integrado.settings import Settings


@dataclass
class CallSystemHandle:
    """A running CallSystem: its window is shown, its relay and live bus are running."""

    window: CallMainWindow
    controller: CallController
    service: CallService
    pipeline: ProducerPipeline
    relay: QtRelay
    bus: QtBus

    async def shutdown(self) -> None:
        self.controller.stop()
        await self.bus.stop()
        await self.relay.stop()
        self.window.close()
        self.pipeline.engine.dispose()


def live_consumer(settings: Settings) -> BusConsumer:
    """The calls source only, from now on: the list needs to know what changed, not history."""
    return create_live_consumer(settings, SYSTEM_CALLS, name="integrado-callsystem-live")


def prefs(settings: Settings) -> QSettings:
    """Window layout, sort order and status filter, beside the settings file (not the registry)."""
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(settings.config_dir / "callsystem-ui.ini"), QSettings.Format.IniFormat)


def build(settings: Settings, *, db_url: str | None = None) -> CallSystemHandle:
    """Everything but the asyncio tasks (tests and the benchmark start those themselves)."""
    pipeline = create_pipeline(settings, db_url=db_url)
    service = CallService(pipeline, Actor.current(settings.operator), sla=SlaPolicy.from_settings(settings.raw))
    model = CallTableModel()
    window = CallMainWindow(model, service.operator)
    model.setParent(window)
    controller = CallController(
        service, window, drafts=DraftStore(settings.data_dir / "callsystem-draft.json"), prefs=prefs(settings)
    )
    relay = QtRelay(pipeline.relay, window)
    relay.queue_changed.connect(window.indicator.set_queued)
    relay.dead_letters_changed.connect(window.indicator.set_dead_letters)
    relay.state_changed.connect(window.indicator.set_state)
    bus = QtBus(live_consumer(settings), window)
    bus.events_received.connect(controller.on_events)
    bus.connection_state_changed.connect(controller.set_live_state)
    controller.load()
    return CallSystemHandle(window, controller, service, pipeline, relay, bus)


async def start(settings: Settings, *, db_url: str | None = None) -> CallSystemHandle:
    handle = build(settings, db_url=db_url)
    add_about_action(handle.window, settings, "CallSystem")
    handle.window.show()
    handle.relay.start()
    handle.bus.start()
    return handle


def main(argv: Sequence[str] | None = None) -> int:
    return app_main("CallSystem", "callsystem-gui", "CallSystem: register and follow up calls.", start, argv)


if __name__ == "__main__":
    sys.exit(main())
