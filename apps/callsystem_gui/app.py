"""CallSystem's composition root: builds the database, service, window, relay and live bus.

`start(settings)` is the app contract used by `integrado run` (all windows in one process on one
qasync loop); `main()` is the `callsystem-gui` console script.
"""

from __future__ import annotations

import getpass
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

from callsystem_gui.models.call_table import CallTableModel
from callsystem_gui.views.main_window import CallMainWindow
from integrado.qt.empty_hint import EmptyHint
from integrado.qt.runner import app_main, fit_to_screen, show_and_paint, show_before_loop, take_shown
from integrado.settings import Settings

if TYPE_CHECKING:
    import asyncio

    # What the first frame does not need (SQLAlchemy, redis, the service) is imported once the
    # window has painted: see `start`.
    from callsystem_gui.controller import CallController
    from callsystem_gui.service import CallService
    from integrado.access.identity import SignedIn
    from integrado.bus import BusConsumer
    from integrado.credentials import Login
    from integrado.pipeline import ProducerPipeline
    from integrado.qt.adapters import QtBus, QtRelay
    from integrado.qt.signin import SignIn

log = logging.getLogger(__name__)
PROGRAM = "CallSystem"
# Calls read before the window shows its list: more than a screen of rows, a few ms to read.
FIRST_SCREEN = 300


@dataclass
class CallSystemHandle:
    """A running CallSystem: its window is shown, its relay and live bus are running."""

    window: CallMainWindow
    controller: CallController
    service: CallService
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
        self.controller.save_state()  # the unsent registration is on disk, whatever happens next
        login = await self.signin.switch_user(self.db_url, program=PROGRAM, parent=self.window)
        return login is not None

    def _login_changed(self, server: str, _login: Login) -> None:
        from integrado.credentials import server_key

        if self.db_url is not None and self.signin is not None and server == server_key(self.db_url):
            self._spawn(self.reconnect(self.signin.login_url(self.db_url)))

    async def reconnect(self, url: str) -> None:
        """Work as the login in `url` from now on, in the same window: a new pipeline and service,
        the old engine closed. When the new login cannot open the database, the old one stays."""
        from callsystem_gui.service import CallService, create_pipeline
        from integrado.events import Actor
        from integrado.qt.adapters import indicated_relay
        from integrado.qt.signin import show_signed_in

        assert self.settings is not None
        try:
            pipeline = create_pipeline(self.settings, db_url=url)
            signed_in = pipeline.signed_in()
        except Exception as exc:  # noqa: BLE001 - told in the status bar, the old login kept
            log.warning("the new login cannot open the calls database: %s", type(exc).__name__)
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "CallMainWindow", "The new login cannot open the calls database: %1"
                ).replace("%1", type(exc).__name__)
            )
            return
        await self.relay.stop()
        self.pipeline.engine.dispose()
        self.pipeline, self.signed_in = pipeline, signed_in
        self.service = CallService(pipeline, Actor.current(self.settings.operator), sla=self.service.sla)
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


def live_consumer(settings: Settings) -> BusConsumer:
    """The calls source only, from now on: the list needs to know what changed, not history."""
    from integrado.events import SYSTEM_CALLS
    from integrado.pipeline import create_live_consumer

    return create_live_consumer(settings, SYSTEM_CALLS, name="integrado-callsystem-live")


def prefs(settings: Settings) -> QSettings:
    """Window layout, sort order and status filter, beside the settings file (not the registry)."""
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(settings.config_dir / "callsystem-ui.ini"), QSettings.Format.IniFormat)


# What `build` needs beyond the first frame (about half a second of imports on a modest PC).
REST = (
    "callsystem_gui.controller",
    "callsystem_gui.service",
    "integrado.qt.adapters",
    "integrado.qt.signin",
    "integrado.qt.about",
    "sqlalchemy.dialects.sqlite",  # the engine would import it on the GUI thread
)


def import_rest() -> None:
    """Import what `build` needs (run in a worker thread while the window is on screen)."""
    for module in REST:
        importlib.import_module(module)


def first_window(settings: Settings) -> CallMainWindow:
    """The window as the operator left it (layout, sort, filter), its list still empty: all the
    first frame needs. The operator's name comes with the service."""
    model = CallTableModel()
    # What the first frame shows, no more: the detail pane's placeholder, the menus' titles. Their
    # fields, actions and keys come with `finish_building()` once it is on screen.
    window = CallMainWindow(model, _likely_operator(settings), first_frame_only=True)
    model.setParent(window)
    fit_to_screen(window)
    window.restore_layout(prefs(settings))
    window.statusBar().showMessage(QCoreApplication.translate("CallMainWindow", "Loading calls…"))
    window.setProperty("loadingCalls", True)
    window.empty_hint = EmptyHint(window.table, lambda: _empty_list_text(window))  # type: ignore[attr-defined]
    return window


def _likely_operator(settings: Settings) -> str:
    """Who the title names before the database says (the configured name, else the OS login,
    as the service's actor will on a single PC); a shared database's login replaces it."""
    try:
        return settings.operator or getpass.getuser()
    except (KeyError, OSError):
        return ""


def _empty_list_text(window: CallMainWindow) -> str:
    """What the empty call list says: loading, no calls at all (what to do), or none shown."""
    if window.property("loadingCalls"):
        return QCoreApplication.translate("CallMainWindow", "Loading calls…")
    if window.model.total_count() == 0:
        return QCoreApplication.translate(
            "CallMainWindow", "No calls yet.\nPress Ctrl+N or “New call” to register the first one."
        )
    return QCoreApplication.translate("CallMainWindow", "No call matches the search and the filters above.")


def build(
    settings: Settings,
    *,
    db_url: str | None = None,
    window: CallMainWindow | None = None,
    first_screen: int | None = None,
    pipeline: ProducerPipeline | None = None,
) -> CallSystemHandle:
    """Everything but the asyncio tasks (tests and the benchmark start those themselves).

    `db_url` may carry a login (a signed-in user): on PostgreSQL the window then shows who the
    server says that is and mirrors their role. `window`: one already shown by `first_window`.
    `first_screen`: load only that many calls now (the controller's `finish_loading` reads the
    rest); by default every call is in the list when this returns. `pipeline`: the database
    and relay already opened (`start` opens them in a worker thread), else opened here."""
    from callsystem_gui.controller import CallController
    from callsystem_gui.domain import SlaPolicy
    from callsystem_gui.drafts import DraftStore
    from callsystem_gui.service import CallService, create_pipeline
    from integrado.events import Actor
    from integrado.qt.adapters import QtBus, indicated_relay
    from integrado.qt.signin import show_signed_in

    if pipeline is None:
        pipeline = create_pipeline(settings, db_url=db_url)
    signed_in = pipeline.signed_in()
    service = CallService(pipeline, Actor.current(settings.operator), sla=SlaPolicy.from_settings(settings.raw))
    if window is None:
        model = CallTableModel()
        window = CallMainWindow(model, service.operator)
        model.setParent(window)
    else:
        window.finish_building()
        window.set_operator(service.operator)
    controller = CallController(
        service, window, drafts=DraftStore(settings.data_dir / "callsystem-draft.json"), prefs=prefs(settings)
    )
    controller.set_access(signed_in)
    if signed_in is not None:
        show_signed_in(window, signed_in)
    relay = indicated_relay(pipeline.relay, window.indicator, window)
    bus = QtBus(live_consumer(settings), window)
    bus.events_received.connect(controller.on_events)
    bus.connection_state_changed.connect(controller.set_live_state)
    controller.load(first_screen=first_screen)
    return CallSystemHandle(window, controller, service, pipeline, relay, bus, settings=settings, signed_in=signed_in)


async def start(settings: Settings, *, db_url: str | None = None, signin: SignIn | None = None) -> CallSystemHandle:
    """Sign in first when the database is a shared PostgreSQL (`signin`: the process's, so the
    suite asks once; the dialog is then the first paint); show the window; then open the
    database, build the rest and start."""
    url = db_url or settings.callsystem_db
    login: Login | None = None
    if not url.startswith("sqlite"):
        from integrado.credentials import needs_sign_in

        if needs_sign_in(url):
            from integrado.qt.signin import SignIn

            signin = signin or SignIn()
            login = await signin.login_for(url, program=PROGRAM)
    import asyncio

    shown = take_shown(PROGRAM)
    window = shown if isinstance(shown, CallMainWindow) else first_window(settings)
    try:
        await show_and_paint(window)
        # Imported beside the event loop: the shown window keeps answering meanwhile.
        await asyncio.to_thread(import_rest)
        window.finish_building()
        from callsystem_gui.service import create_pipeline

        # The database opened (and its schema's revision checked) beside the event loop too.
        db = url if login is None else login.url
        pipeline = await asyncio.to_thread(lambda: create_pipeline(settings, db_url=db))
        handle = build(settings, db_url=db, window=window, first_screen=FIRST_SCREEN, pipeline=pipeline)
    except BaseException:
        # A database that cannot be opened: the recovery dialog (or the error) stands alone.
        window.close()
        window.deleteLater()
        raise
    if login is not None and signin is not None:
        handle.enable_switch_user(signin, url)
    from integrado.qt.about import add_about_action

    add_about_action(handle.window, settings, PROGRAM)
    if not handle.controller.loading:
        window.statusBar().clearMessage()
    window.setProperty("loadingCalls", False)
    window.empty_hint.update_hint()  # type: ignore[attr-defined]
    handle.relay.start()
    handle.bus.start()
    # A big office's 100,000 calls: the newest are on screen already, the rest follow.
    handle._spawn(handle.controller.finish_loading())
    return handle


def show_first(settings: Settings) -> None:
    """Paint the window before the event loop starts (`main()` and `integrado run` call this
    first); `start` takes it. Not on a shared database: its sign-in dialog is the first paint."""
    if settings.callsystem_db.startswith("sqlite"):
        window = first_window(settings)
        show_before_loop(PROGRAM, window)
        window.finish_building()  # the rest of the window, before anyone can press a key in it


def main(argv: Sequence[str] | None = None) -> int:
    return app_main(
        PROGRAM, "callsystem-gui", "CallSystem: register and follow up calls.", start, argv, first=show_first
    )


if __name__ == "__main__":
    sys.exit(main())
