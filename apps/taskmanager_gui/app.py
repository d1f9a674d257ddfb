"""TaskManager's composition root: database, service, model, window, the outbox relay and the
live bus that brings other operators' changes into the tree."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# First of our own imports: takes PySide6's import hook off (see integrado.qt), so the window's
# modules below import at full speed.
import integrado.qt  # noqa: F401  # isort: skip
from PySide6.QtCore import QCoreApplication, QSettings

from integrado.qt.empty_hint import EmptyHint
from integrado.qt.runner import app_main, fit_to_screen, show_and_paint, show_before_loop, take_shown
from integrado.settings import Settings
from taskmanager_gui.models import TaskTreeModel
from taskmanager_gui.views.main_window import TaskMainWindow

if TYPE_CHECKING:
    import asyncio

    # What the first frame does not need (SQLAlchemy, redis, the service) is imported once the
    # window has painted: see `start`.
    from integrado.access.identity import SignedIn
    from integrado.bus import BusConsumer
    from integrado.credentials import Login
    from integrado.pipeline import ProducerPipeline
    from integrado.qt.adapters import QtBus, QtRelay
    from integrado.qt.signin import SignIn
    from taskmanager_gui.controller import TaskController
    from taskmanager_gui.service import TaskService

# The controller's default, here so that importing the app does not import the controller.
REFRESH_INTERVAL_MS = 5000

log = logging.getLogger(__name__)
PROGRAM = "TaskManager"


@dataclass
class TaskManagerHandle:
    """What `start()` returns: the shown window and what must be stopped on exit."""

    window: TaskMainWindow
    controller: TaskController
    service: TaskService
    pipeline: ProducerPipeline
    relay: QtRelay
    bus: QtBus
    settings: Settings | None = None
    # On a shared database: the URL as the settings name it (no login) and the process's sign-in.
    db_url: str | None = None
    signin: SignIn | None = None
    signed_in: SignedIn | None = None
    _tasks: set[asyncio.Task[object]] = field(default_factory=set)

    async def shutdown(self) -> None:
        self.controller.stop()
        await self.bus.stop()
        await self.relay.stop()
        self.window.close()
        self.pipeline.engine.dispose()

    def enable_switch_user(self, signin: SignIn, db_url: str) -> None:
        """File > Switch user…; a switch made in another window of the suite is followed too."""
        from integrado.qt.signin import add_switch_user_action

        self.signin, self.db_url = signin, db_url
        add_switch_user_action(self.window, lambda: self._spawn(self.switch_user()))
        signin.login_changed.connect(self._login_changed)

    async def switch_user(self) -> bool:
        """Ask for another login; False when cancelled (the current user stays signed in)."""
        assert self.signin is not None and self.db_url is not None
        # Notes being typed are saved now, by the user who typed them.
        self.window.detail.commit_notes()
        login = await self.signin.switch_user(self.db_url, program=PROGRAM, parent=self.window)
        return login is not None

    def _login_changed(self, server: str, _login: Login) -> None:
        from integrado.credentials import server_key

        if self.db_url is not None and self.signin is not None and server == server_key(self.db_url):
            self._spawn(self.reconnect(self.signin.login_url(self.db_url)))

    async def reconnect(self, url: str) -> None:
        """Work as the login in `url` from now on, in the same window: a new pipeline and service,
        the old engine closed. When the new login cannot open the database, the old one stays."""
        from integrado.events import Actor
        from integrado.qt.adapters import indicated_relay
        from integrado.qt.signin import show_signed_in
        from taskmanager_gui.service import TaskService, create_pipeline

        assert self.settings is not None
        try:
            pipeline = create_pipeline(self.settings, db_url=url)
            signed_in = pipeline.signed_in()
        except Exception as exc:  # noqa: BLE001 - told in the window, the old login kept
            log.warning("the new login cannot open the tasks database: %s", type(exc).__name__)
            self.window.show_message(
                QCoreApplication.translate(
                    "TaskMainWindow", "The new login cannot open the tasks database: %1"
                ).replace("%1", type(exc).__name__)
            )
            return
        await self.relay.stop()
        self.pipeline.engine.dispose()
        self.pipeline, self.signed_in = pipeline, signed_in
        self.service = TaskService(pipeline, Actor.current(self.settings.operator))
        self.relay = indicated_relay(pipeline.relay, self.window.indicator, self.window)
        self.controller.use_service(self.service, signed_in)
        if signed_in is not None:
            show_signed_in(self.window, signed_in)
        self.relay.start()

    def _spawn(self, work: Coroutine[object, None, object]) -> None:
        import asyncio

        task: asyncio.Task[object] = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def prefs(settings: Settings) -> QSettings:
    """Window layout, expansion and the parent rule, beside the settings file (not the registry)."""
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(settings.config_dir / "taskmanager-ui.ini"), QSettings.Format.IniFormat)


def live_consumer(settings: Settings) -> BusConsumer:
    """The tasks source only, from now on: the tree needs to know what changed, not history."""
    from integrado.events import SYSTEM_TASKS
    from integrado.pipeline import create_live_consumer

    return create_live_consumer(settings, SYSTEM_TASKS, name="integrado-taskmanager-live")


# What `build` needs beyond the first frame (about half a second of imports on a modest PC).
REST = (
    "taskmanager_gui.controller",
    "taskmanager_gui.service",
    "integrado.qt.adapters",
    "integrado.qt.signin",
    "integrado.qt.about",
    "sqlalchemy.dialects.sqlite",  # the engine would import it on the GUI thread
)


def import_rest() -> None:
    """Import what `build` needs (run in a worker thread while the window is on screen)."""
    for module in REST:
        importlib.import_module(module)


def first_window(settings: Settings) -> TaskMainWindow:
    """The window as the operator left it (size, splitter, columns), its tree still empty: all
    the first frame needs."""
    model = TaskTreeModel()
    window = TaskMainWindow(model, first_frame_only=True)
    model.setParent(window)
    fit_to_screen(window)
    window.restore_layout(prefs(settings))
    window.statusBar().showMessage(QCoreApplication.translate("TaskMainWindow", "Loading tasks…"))
    window.setProperty("loadingTasks", True)
    window.empty_hint = EmptyHint(window.tree, lambda: _empty_tree_text(window))  # type: ignore[attr-defined]
    return window


def _empty_tree_text(window: TaskMainWindow) -> str:
    """What the empty task tree says: loading, or what to do first."""
    if window.property("loadingTasks"):
        return QCoreApplication.translate("TaskMainWindow", "Loading tasks…")
    if len(window.model.tree):
        return QCoreApplication.translate("TaskMainWindow", "No task matches the search and the view chosen above.")
    return QCoreApplication.translate(
        "TaskMainWindow", "No tasks yet.\nPress Ctrl+N or “New task” to add the first one; Insert adds another."
    )


def build(
    settings: Settings,
    *,
    db_url: str | None = None,
    poll_interval: float | None = None,
    refresh_interval_ms: int = REFRESH_INTERVAL_MS,
    window: TaskMainWindow | None = None,
    fill: bool = True,
    pipeline: ProducerPipeline | None = None,
) -> TaskManagerHandle:
    """Everything but starting the relay and the bus (tests and the benchmark use this directly).

    `refresh_interval_ms`: how often the tree asks the database while live updates are down.
    `window`: one already shown by `first_window`; its tree is filled here unless `fill` is
    False (`start` then reads it in a worker thread). `pipeline`: the database and relay
    already opened (`start` opens them in a worker thread), else opened here."""
    from integrado.events import Actor
    from integrado.qt.adapters import QtBus, indicated_relay
    from integrado.qt.signin import show_signed_in
    from taskmanager_gui.controller import TaskController
    from taskmanager_gui.service import TaskService, create_pipeline

    if pipeline is None:
        options = {} if poll_interval is None else {"poll_interval": poll_interval}
        pipeline = create_pipeline(settings, db_url=db_url, **options)
    signed_in = pipeline.signed_in()
    service = TaskService(pipeline, Actor.current(settings.operator))
    if window is None:
        model = TaskTreeModel()
        model.load(service.load_all())
        window = TaskMainWindow(model)
        model.setParent(window)
    else:
        window.finish_building()
        model = window.model
        if fill:
            model.load(service.load_all())
    # A child of the window (with its undo stack): it lives as long as the window it drives.
    controller = TaskController(service, model, window, prefs=prefs(settings), refresh_interval_ms=refresh_interval_ms)
    controller.set_access(signed_in)
    if signed_in is not None:
        show_signed_in(window, signed_in)
    relay = indicated_relay(pipeline.relay, window.indicator, window)
    bus = QtBus(live_consumer(settings), window)
    bus.events_received.connect(controller.on_events)
    bus.connection_state_changed.connect(controller.set_live_state)
    # Events the bus could not deliver (a trimmed stream, a reset server): read the database.
    bus.gap_detected.connect(lambda _gap: controller.refresh_from_database())
    return TaskManagerHandle(window, controller, service, pipeline, relay, bus, settings=settings, signed_in=signed_in)


async def start(settings: Settings, *, db_url: str | None = None, signin: SignIn | None = None) -> TaskManagerHandle:
    """Sign in first when the database is a shared PostgreSQL (`signin`: the process's, so the
    suite asks once; the dialog is then the first paint); show the window; then open the
    database, fill the tree, start the relay and the live bus (the app contract used by
    `integrado run`)."""
    url = db_url or settings.taskmanager_db
    login: Login | None = None
    if not url.startswith("sqlite"):
        from integrado.credentials import needs_sign_in

        if needs_sign_in(url):
            from integrado.qt.signin import SignIn

            signin = signin or SignIn()
            login = await signin.login_for(url, program=PROGRAM)
    import asyncio

    shown = take_shown(PROGRAM)
    window = shown if isinstance(shown, TaskMainWindow) else first_window(settings)
    try:
        await show_and_paint(window)
        # Imported beside the event loop: the shown window keeps answering meanwhile.
        await asyncio.to_thread(import_rest)
        window.finish_building()
        from taskmanager_gui.service import create_pipeline

        # The database opened (and its schema's revision checked) beside the event loop too.
        db = url if login is None else login.url
        pipeline = await asyncio.to_thread(lambda: create_pipeline(settings, db_url=db))
        handle = build(settings, db_url=db, window=window, fill=False, pipeline=pipeline)
        # 10,000 tasks are read and made a tree beside the event loop; the window keeps answering.
        from taskmanager_gui.domain import TaskTree

        service = handle.service
        tree = await asyncio.to_thread(lambda: TaskTree.from_data(service.load_all()))
        handle.window.model.load_tree(tree)
        handle.controller.restore_state()  # the expanded tasks, now that they are there
    except BaseException:
        # A database that cannot be opened: the recovery dialog (or the error) stands alone.
        window.close()
        window.deleteLater()
        raise
    if login is not None and signin is not None:
        handle.enable_switch_user(signin, url)
    from integrado.qt.about import add_about_action

    add_about_action(handle.window, settings, PROGRAM)
    window.statusBar().clearMessage()
    window.setProperty("loadingTasks", False)
    window.empty_hint.update_hint()  # type: ignore[attr-defined]
    handle.relay.start()
    handle.bus.start()
    log.info("TaskManager started with %d tasks", len(handle.controller.model.tree))
    return handle


def show_first(settings: Settings) -> None:
    """Paint the window before the event loop starts (`main()` and `integrado run` call this
    first); `start` takes it. Not on a shared database: its sign-in dialog is the first paint."""
    if settings.taskmanager_db.startswith("sqlite"):
        window = first_window(settings)
        show_before_loop(PROGRAM, window)
        window.finish_building()  # the rest of the window, before anyone can press a key in it


def main(argv: Sequence[str] | None = None) -> int:
    """The `taskmanager-gui` entry point."""
    return app_main(PROGRAM, "taskmanager-gui", "TaskManager: tasks and subtasks.", start, argv, first=show_first)


if __name__ == "__main__":
    sys.exit(main())
