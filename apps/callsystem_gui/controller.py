"""The controller between the window and `CallService`: turns what the operator asks for into
service calls, shows the answers (or the errors, at their field) and folds live updates from
other operators into the list. Owns neither the window nor the service (see app.py)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from callsystem_gui.domain import (
    CallDraft,
    CallError,
    CallNotFoundError,
    CallSummary,
    ConflictError,
    Status,
    StorageUnavailableError,
    ValidationError,
)
from callsystem_gui.drafts import DraftStore
from callsystem_gui.labels import error_text, format_time, status_label
from callsystem_gui.models.call_table import LoadedCalls
from callsystem_gui.service import CallService
from callsystem_gui.views.dialogs import ResolutionDialog
from callsystem_gui.views.main_window import CallMainWindow
from integrado.access.identity import SignedIn
from integrado.access.rights import Role
from integrado.events import ReceivedEvent
from integrado.events.system import System
from integrado.qt.announce import announce
from integrado.qt.hover_hold import HoverHold
from integrado.states import ConnectionState

log = logging.getLogger(__name__)
T = TypeVar("T")

UNDO_SECONDS = 30
POLL_SECONDS = 5
# Clocks of operator PCs differ a little; look back this far when asking what changed.
POLL_OVERLAP_SECONDS = 120.0
# Other operators' changes wait while the pointer rests on the list, up to this long, so a row
# does not move between aiming and clicking; then they are shown.


class CallController(QObject):
    """Wires one window to one service."""

    loaded = Signal()  # every call is in the list (after a first screen)

    def __init__(
        self,
        service: CallService,
        window: CallMainWindow,
        *,
        drafts: DraftStore,
        prefs: QSettings,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(window)
        self.service = service
        self.window = window
        self.model = window.model
        self.drafts = drafts
        self.prefs = prefs
        self._clock = clock
        self._known_operators: set[str] = set()
        self._undo_id: int | None = None
        # A resolution typed for a close that failed (the database away, a conflict): offered
        # again when the operator retries, not lost with the dialog.
        self._unsent_resolution: tuple[int, str] | None = None
        self.pending_dialog: Any = None
        self.live_updates = 0
        self.last_message = ""
        self.signed_in: SignedIn | None = None
        self.loading = False  # only a first screen of calls is in the list so far

        form, pane = window.form, window.detail
        form.submitted.connect(self.register)
        form.lookup_requested.connect(self.lookup_caller)
        form.repeat_call_activated.connect(self.show_call)
        form.edited.connect(self._schedule_draft_save)
        pane.save_requested.connect(self.save_edits)
        pane.status_requested.connect(self.change_status)
        pane.reopen_requested.connect(self.reopen)
        pane.assign_me_requested.connect(self.assign_to_me)
        pane.assign_requested.connect(self.assign)
        pane.delete_requested.connect(self.ask_delete)
        pane.restore_requested.connect(self.restore_current)
        pane.note_requested.connect(self.add_note)
        pane.reload_requested.connect(self.reload_current)
        window.current_call_changed.connect(self._current_changed)
        window.undo_button.clicked.connect(self.undo_delete)
        window.reload_requested.connect(self.reload)
        window.closing.connect(self.save_state)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(300)
        self._draft_timer.timeout.connect(self.save_draft)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._forget_undo)
        # Without Redis (or while it reconnects) other operators' changes still arrive: the list
        # asks the shared database what changed, a few rows at a time, until live updates resume.
        self.live_state = ConnectionState.CONNECTING
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_SECONDS * 1000)
        self._poll_timer.timeout.connect(self._poll_if_not_live)
        self._high_water = 0.0
        self._held: dict[int, str] = {}  # call id -> who changed it, while the rows hold still
        self._hold = HoverHold(window.table, self._release_held)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(lambda: pane.refresh_clock(self._clock()))

    # -- start and stop ---------------------------------------------------------------------

    def load(self, *, first_screen: int | None = None) -> None:
        """First load: layout, every call, the unsent draft.

        `first_screen`: read only the newest that many calls now, so the list paints at once;
        `finish_loading()` then reads the rest beside the event loop (`loading` meanwhile)."""
        self.window.restore_layout(self.prefs)
        calls = self.service.summaries(newest=first_screen)
        self.loading = first_screen is not None and len(calls) >= first_screen
        if self.loading:
            self.window.statusBar().showMessage(self.tr("Loading calls…"))
        self._high_water = max((c.updated_at for c in calls), default=0.0)
        self.model.set_calls(calls)
        self.window.apply_filter()
        if not self.loading:  # else the operators' names come with the rest of the calls
            self._refresh_operators()
        draft = self.drafts.load()
        if draft:
            self.window.form.restore(draft)
            self.window.form.draft_label.setText(self.tr("Unsent draft restored."))
        self.model.start_ticking()
        self._clock_timer.start()
        self._poll_timer.start()

    async def finish_loading(self) -> None:
        """The calls a first screen left out, read, merged, filtered and sorted in a worker
        thread and folded in at once: from then on the list, its order and its filters are
        exact. The window goes on answering meanwhile."""
        if not self.loading:
            return
        model, service = self.model, self.service

        def read() -> tuple[list[CallSummary], list[str], LoadedCalls]:
            calls = service.summaries()
            return calls, service.operators(), model.prepare_loaded(calls)

        try:
            calls, names, prepared = await asyncio.to_thread(read)
        except Exception:
            log.exception("the rest of the calls could not be read")
            self._status(self.tr("Only the newest calls are shown: the rest could not be read."), error=True)
            return
        finally:
            self.loading = False
        self._high_water = max(self._high_water, max((c.updated_at for c in calls), default=0.0))
        self.model.add_loaded(calls, prepared)
        self._known_operators = set(names)
        self.window.set_operators(names)
        self.window.detail.set_operators(names)
        self.window.statusBar().clearMessage()
        self.loaded.emit()

    def reload(self) -> None:
        current = self.window.current_call_id
        calls = self._read(self.service.summaries)
        if calls is None:
            return
        self.model.set_calls(calls)
        self._refresh_operators()
        if current is not None:
            self.window.select_call(current)
        self._status(self.tr("List reloaded."))

    def save_state(self) -> None:
        self.window.save_layout(self.prefs)
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.save_draft()

    def stop(self) -> None:
        self._poll_timer.stop()
        self.model.stop_ticking()
        self._clock_timer.stop()
        self.save_state()

    # -- who is signed in -------------------------------------------------------------------

    def set_access(self, signed_in: SignedIn | None) -> None:
        """Mirror the signed-in user's role (None: a single PC, every right)."""
        self.signed_in = signed_in
        if signed_in is None:
            self.window.detail.set_access(Role.OWNER, self.service.operator)
        else:
            self.window.detail.set_access(signed_in.role, signed_in.user)

    def use_service(self, service: CallService, signed_in: SignedIn | None) -> None:
        """Work as another user from now on (a switch of user): the window, the registration
        form and any edit in progress stay as typed; the list is read again as the new login."""
        self.save_state()
        self.service = service
        self.window.set_operator(service.operator)
        self.set_access(signed_in)
        self.reload()

    # -- the registration form ----------------------------------------------------------------

    def register(self, draft: CallDraft) -> None:
        form = self.window.form
        view = self._attempt(lambda: self.service.register(draft), form.show_error)
        if view is None:
            return
        self._draft_timer.stop()
        self.drafts.clear()
        form.reset()
        self._refresh([view.id])
        if not self.window.select_call(view.id):
            self._current_changed(self.window.current_call_id)
        self._status(self.tr("Call #%1 registered for %2.").replace("%1", str(view.id)).replace("%2", view.caller_name))
        form.focus_first()

    def lookup_caller(self, name: str, phone: str) -> None:
        repeats = self._read(lambda: self.service.open_calls_of(name, phone))
        if repeats is not None:
            self.window.form.set_repeat_calls(repeats)

    def save_draft(self) -> None:
        form = self.window.form
        if form.is_empty():
            self.drafts.clear()
        else:
            self.drafts.save(form.state())

    def _schedule_draft_save(self) -> None:
        self._draft_timer.start()

    # -- the selected call ------------------------------------------------------------------

    def show_call(self, call_id: int) -> None:
        """Select a call in the list; widen the filter to it when it is not shown."""
        if self.window.select_call(call_id):
            return
        self.window.status_filter.setCurrentIndex(self.window.status_filter.findData("all"))
        self.window.search.setText(f"#{call_id}")
        self.window.apply_filter()
        self.window.select_call(call_id)

    def reload_current(self) -> None:
        call_id = self.window.current_call_id
        if call_id is not None:
            self._show_detail(call_id)

    def save_edits(self, draft: CallDraft) -> None:
        call = self.window.detail.call
        if call is None:
            return
        view = self._attempt(lambda: self.service.update(call.id, call.version, draft), self.window.detail.show_error)
        if view is not None:
            self.window.detail.dirty = False  # saved: the reload below shows what is stored
            self._after_change(view.id, self.tr("Call #%1 saved.").replace("%1", str(view.id)))

    def change_status(self, status: Status) -> None:
        call = self.window.detail.call
        if call is None:
            return
        if status == Status.CLOSED:
            self._ask_resolution()
            return
        view = self._attempt(
            lambda: self.service.change_status(call.id, call.version, status), self.window.detail.show_error
        )
        if view is not None:
            self._after_change(
                view.id,
                self.tr("Call #%1: %2.").replace("%1", str(view.id)).replace("%2", status_label(view.status)),
            )

    def _ask_resolution(self) -> None:
        call = self.window.detail.call
        if call is None:
            return
        unsent = self._unsent_resolution
        resolution = unsent[1] if unsent is not None and unsent[0] == call.id else call.resolution
        dialog = ResolutionDialog(f"#{call.id} ({call.caller_name})", resolution, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            self.pending_dialog = None
            if result == ResolutionDialog.DialogCode.Accepted:
                self.close_call(call.id, call.version, dialog.resolution())

        dialog.finished.connect(finished)
        self.pending_dialog = dialog
        dialog.open()

    def close_call(self, call_id: int, version: int, resolution: str) -> None:
        view = self._attempt(lambda: self.service.close(call_id, version, resolution), self.window.detail.show_error)
        self._unsent_resolution = (call_id, resolution) if view is None else None
        if view is not None:
            self._after_change(view.id, self.tr("Call #%1 closed.").replace("%1", str(view.id)))

    def reopen(self) -> None:
        call = self.window.detail.call
        if call is None:
            return
        view = self._attempt(lambda: self.service.reopen(call.id, call.version), self.window.detail.show_error)
        if view is not None:
            self._after_change(view.id, self.tr("Call #%1 reopened.").replace("%1", str(view.id)))

    def assign_to_me(self) -> None:
        self.assign(self.service.operator)

    def assign(self, operator: str) -> None:
        call = self.window.detail.call
        if call is None:
            return
        view = self._attempt(
            lambda: self.service.assign(call.id, call.version, operator), self.window.detail.show_error
        )
        if view is None:
            return
        if view.assignee == self.service.operator:
            message = self.tr("Call #%1 assigned to you.").replace("%1", str(view.id))
        elif view.assignee:
            message = self.tr("Call #%1 assigned to %2.").replace("%1", str(view.id)).replace("%2", view.assignee)
        else:
            message = self.tr("Call #%1 unassigned.").replace("%1", str(view.id))
        self._after_change(view.id, message)
        self._refresh_operators()

    def add_note(self, text: str) -> None:
        call = self.window.detail.call
        if call is None:
            return
        note = self._attempt(lambda: self.service.add_note(call.id, text), self.window.detail.show_error)
        if note is not None:
            self.window.detail.note_added()
            self._after_change(call.id, self.tr("Note added to call #%1.").replace("%1", str(call.id)))

    def ask_delete(self) -> None:
        call = self.window.detail.call
        if call is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete call"),
            self.tr("Delete call #%1 (%2)? You can undo this from the status bar or with Ctrl+Z.")
            .replace("%1", str(call.id))
            .replace("%2", call.caller_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setObjectName("deleteConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            self.pending_dialog = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.delete_call(call.id, call.version)

        box.finished.connect(finished)
        self.pending_dialog = box
        box.open()

    def delete_call(self, call_id: int, version: int) -> None:
        view = self._attempt(lambda: self.service.delete(call_id, version), self.window.detail.show_error)
        if view is None:
            return
        self._refresh([call_id])
        self._undo_id = call_id
        self.window.undo_button.setText(self.tr("Undo delete #%1").replace("%1", str(call_id)))
        self.window.undo_button.show()
        self._undo_timer.start()
        self._status(self.tr("Call #%1 deleted. Ctrl+Z undoes it.").replace("%1", str(call_id)))

    def undo_delete(self) -> None:
        call_id = self._undo_id
        if call_id is None:
            return
        view = self._attempt(lambda: self.service.restore(call_id), None)
        self._forget_undo()
        if view is not None:
            self._refresh([call_id])
            self.show_call(call_id)
            self._status(self.tr("Call #%1 restored.").replace("%1", str(call_id)))

    def restore_current(self) -> None:
        """Restore the deleted call shown (from the bin, after the undo has expired)."""
        call = self.window.detail.call
        if call is None or not call.deleted:
            return
        view = self._attempt(lambda: self.service.restore(call.id), None)
        if view is not None:
            if self._undo_id == call.id:
                self._forget_undo()
            self._refresh([call.id])
            self._status(self.tr("Call #%1 restored.").replace("%1", str(call.id)))

    def _forget_undo(self) -> None:
        self._undo_id = None
        self._undo_timer.stop()
        self.window.undo_button.hide()

    # -- live updates -----------------------------------------------------------------------

    def on_events(self, events: Sequence[ReceivedEvent]) -> None:
        """Another operator (or this one) changed calls: reload those rows from the database."""
        ids: set[int] = set()
        changed_by: dict[int, str] = {}
        for event in events:
            if event.system != System.CALLSYSTEM:
                continue
            try:
                call_id = int(event.entity_id)
            except ValueError:
                continue
            ids.add(call_id)
            changed_by[call_id] = event.user
        if not ids:
            return
        if self._hold.holding():
            for call_id in ids:
                self._held[call_id] = changed_by[call_id]
            self.window.show_held_changes(len(self._held))
            self._hold.retry_later()
            return
        self.live_updates += 1
        self._refresh(sorted(ids), from_elsewhere=True, changed_by=changed_by)

    def _release_held(self) -> None:
        if not self._held:
            return
        if self._hold.holding():
            self._hold.retry_later()
            return
        held, self._held = self._held, {}
        self._hold.reset()
        self.window.show_held_changes(0)
        self.live_updates += 1
        self._refresh(sorted(held), from_elsewhere=True, changed_by=held)

    def set_live_state(self, state: str, _detail: str = "") -> None:
        # The signal carries the state's text; the enum's members equal it.
        was_live, self.live_state = self.live_state == ConnectionState.LIVE, ConnectionState(state)
        self.window.set_live(self.live_state == ConnectionState.LIVE)
        if self.live_state == ConnectionState.LIVE and not was_live:
            # Whatever happened while we were not listening.
            self.poll_changes()

    def _poll_if_not_live(self) -> None:
        if self.live_state != ConnectionState.LIVE:
            self.poll_changes()

    def poll_changes(self) -> int:
        """Fold in calls changed in the shared database since the last look; returns how many."""
        if self.loading:
            # The rest of the first load is being read: it brings these changes too, and the
            # list does not hold the calls yet that this would insert one by one.
            return 0
        since = self._high_water - POLL_OVERLAP_SECONDS
        fresh = self._read(lambda: self.service.changed_since(since))
        changed = [c for c in fresh or () if self.model.get(c.id) != c]
        if changed:
            self._high_water = max(self._high_water, *(c.updated_at for c in changed))
            self._refresh([c.id for c in changed], from_elsewhere=True)
        return len(changed)

    # -- helpers ------------------------------------------------------------------------------

    def _after_change(self, call_id: int, message: str) -> None:
        # The call just acted on stays in view even when the filter no longer matches it (closed
        # under "Not closed"); it goes when the filter changes.
        self.model.keep_shown(call_id)
        self._refresh([call_id])
        self._status(message)

    def _refresh(
        self, ids: list[int], *, from_elsewhere: bool = False, changed_by: dict[int, str] | None = None
    ) -> None:
        summaries = self._read(lambda: self.service.summaries(ids))
        if summaries is None:
            return
        self.model.upsert(summaries)
        self._high_water = max(self._high_water, *(s.updated_at for s in summaries), 0.0)
        if any(s.assignee and s.assignee not in self._known_operators for s in summaries):
            self._refresh_operators()
        current = self.window.current_call_id
        if current is None or current not in ids:
            if current is None and self.window.detail.call is not None:
                self.window.detail.clear()
            return
        pane = self.window.detail
        if from_elsewhere and pane.dirty:
            fresh = self.service.get(current)
            if pane.call is not None and fresh.version != pane.call.version:
                who = (changed_by or {}).get(current) or fresh.updated_by
                pane.show_conflict(
                    self.tr(
                        "%1 changed this call at %2 while you were editing. Saving now will be refused; reload to see their version."
                    )
                    .replace("%1", who)
                    .replace("%2", format_time(fresh.updated_at))
                )
            return
        self._show_detail(current, keep_edits=not from_elsewhere)

    def _current_changed(self, call_id: int | None) -> None:
        if call_id is None:
            self.window.detail.clear()
        else:
            self._show_detail(call_id)

    def _show_detail(self, call_id: int, *, keep_edits: bool = False) -> None:
        try:
            self.window.detail.show_call(self.service.detail(call_id), keep_edits=keep_edits)
        except CallNotFoundError:
            self.window.detail.clear()
        except StorageUnavailableError as exc:
            self.report(exc)  # the pane keeps what it shows (and any edit in progress)

    def _refresh_operators(self) -> None:
        names = self._read(self.service.operators)
        if names is None:
            return
        self._known_operators = set(names)
        self.window.set_operators(names)
        self.window.detail.set_operators(names)

    def _attempt(self, action: Callable[[], T], show_error: Callable[[str, str], bool] | None) -> T | None:
        """Run one service action; report its error where the operator will see it."""
        try:
            return action()
        except CallError as exc:
            self.report(exc, show_error)
        return None

    def _read(self, query: Callable[[], T]) -> T | None:
        """Run one service query; while the database is away, say so instead of raising out of a
        slot (a timer, a live event or typing in the form would otherwise end in a crash dialog)."""
        try:
            return query()
        except StorageUnavailableError as exc:
            self.report(exc)
        return None

    def report(self, error: CallError, show_error: Callable[[str, str], bool] | None = None) -> None:
        """Tell the operator what went wrong, in their language: bad input at its field (through
        `show_error`, else in the status bar), a conflict in the detail pane's banner too."""
        message = error_text(error)
        if isinstance(error, ValidationError):
            # Every bad field at once, each under its field; the first one ends with the focus.
            elsewhere = [
                text
                for each in reversed(error.every)
                if show_error is None or not show_error(each.field, text := error_text(each))
            ]
            if elsewhere:
                self._status("  ".join(reversed(elsewhere)), error=True)
            return
        self._status(message, error=True)
        if isinstance(error, ConflictError):
            self.window.detail.show_conflict(message)
            if error.current is not None:
                self.model.upsert(self.service.summaries([error.call_id]))
        elif isinstance(error, CallNotFoundError):
            self._refresh([error.call_id])

    def _status(self, message: str, *, error: bool = False) -> None:
        bar = self.window.statusBar()
        bar.setStyleSheet("QStatusBar { color: #b3261e; }" if error else "")
        bar.showMessage(message, 10_000)
        self.last_message = message
        announce(self.window, message, urgent=error)
