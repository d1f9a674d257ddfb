"""`CallService`: every operator action as ONE database transaction that writes the business rows,
the timeline entry and the outbox event together (or nothing at all).

Synchronous, Qt-free, never touches Redis; returns plain dataclasses, never live ORM rows.
Optimistic locking: each change names the version the operator saw; the write is
`UPDATE calls ... WHERE id = :id AND version = :seen`, and anything else is a `ConflictError`.
On a shared PostgreSQL every action also reads the call under a row lock (`SELECT ... FOR UPDATE`),
so what it decides and publishes is the call as committed, never a copy read before another
operator's concurrent commit. A database that cannot be reached is a `StorageUnavailableError`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from callsystem_gui.domain import (
    MAX_OPERATOR,
    MAX_TEXT,
    OPEN_STATUSES,
    QT_TRANSLATE_NOOP,
    AccessRemovedError,
    CallDetail,
    CallDraft,
    CallNotFoundError,
    CallSummary,
    CallView,
    Channel,
    ConflictError,
    InvalidTransitionError,
    Level,
    NotAllowedError,
    NoteView,
    Priority,
    SlaClock,
    SlaPolicy,
    Status,
    StorageUnavailableError,
    TimelineEntry,
    ValidationError,
    check_transition,
    clean_phone,
    clean_text,
    fold,
    normalize_phone,
    phone_tail,
    priority_for,
)
from callsystem_gui.tables import Base, CallRow, NoteRow, TimelineRow
from integrado.access.identity import SignedIn, database_actor
from integrado.access.refusals import access_guard
from integrado.db import storage_guard
from integrado.events import Actor, call_event
from integrado.events.system import System
from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings

log = logging.getLogger(__name__)

_STATUS = {s.value: s for s in Status}
_PRIORITY = {p.value: p for p in Priority}

_SUMMARY_COLUMNS = (
    CallRow.id,
    CallRow.caller_name,
    CallRow.phone,
    CallRow.phone_digits,
    CallRow.subject,
    CallRow.category,
    CallRow.status,
    CallRow.priority,
    CallRow.assignee,
    CallRow.created_at,
    CallRow.updated_at,
    CallRow.sla_due_at,
    CallRow.sla_stopped_at,
    CallRow.deleted,
    CallRow.version,
)


def _summary(row: Any) -> CallSummary:
    return CallSummary(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        _STATUS[row[6]],
        _PRIORITY[row[7]],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        bool(row[13]),
        row[14],
    )


def _view(row: CallRow) -> CallView:
    return CallView(
        id=row.id,
        caller_name=row.caller_name,
        phone=row.phone,
        phone_digits=row.phone_digits,
        subject=row.subject,
        description=row.description,
        category=row.category,
        channel=Channel(row.channel),
        urgency=Level(row.urgency),
        impact=Level(row.impact),
        priority=Priority(row.priority),
        status=Status(row.status),
        assignee=row.assignee,
        resolution=row.resolution,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        sla_due_at=row.sla_due_at,
        sla_stopped_at=row.sla_stopped_at,
        deleted=bool(row.deleted),
        version=row.version,
    )


class DiskFullError(StorageUnavailableError):
    """The disk that holds the calls database is full: nothing was written, what the operator
    typed is kept, and the same action succeeds once some space is freed (no restart)."""

    def __init__(self) -> None:
        super().__init__(
            saving=True,
            template=QT_TRANSLATE_NOOP(
                "CallError", "The disk is full: the call was not saved. Free some space and try again."
            ),
        )


class ReadOnlyStorageError(StorageUnavailableError):
    """The calls database (its file, its folder or the server) accepts no writes."""

    def __init__(self) -> None:
        super().__init__(
            saving=True,
            template=QT_TRANSLATE_NOOP(
                "CallError",
                "Not saved: the calls database is read-only (its file or folder cannot be written). Nothing "
                "was written and what you typed is kept; tell the office's administrator.",
            ),
        )


_action = storage_guard(
    "calls database",
    lambda: StorageUnavailableError(saving=True),
    full=DiskFullError,
    read_only=ReadOnlyStorageError,
)
_query = storage_guard("calls database", lambda: StorageUnavailableError(saving=False))
# The database's refusals (a role without the right, a login removed while signed in); inside the
# storage guard, to which a login refused at connect looks like a server that cannot be reached.
_refused = access_guard("calls database", NotAllowedError, AccessRemovedError)


def create_pipeline(settings: Settings, *, db_url: str | None = None, poll_interval: float = 2.0) -> ProducerPipeline:
    """CallSystem's database (calls, notes, timeline and the outbox, migrated) and its relay.

    The relay is woken by every commit; its poll is only a fallback. On a shared PostgreSQL the
    office's relay service publishes and this one only counts what waits on the server.
    """
    return ProducerPipeline.create(
        settings,
        system=System.CALLSYSTEM,
        metadata=Base.metadata,
        db_url=db_url or settings.callsystem_db,
        poll_interval=poll_interval,
    )


class CallService:
    """The use cases of CallSystem for one operator.

    `operator` is the name written as assignee, note author and `updated_by`; it is the actor's
    login unless given (the simulator shows its operators by their full names). `clock` times
    the actions on a local database; a shared PostgreSQL's own clock times them there.
    """

    def __init__(
        self,
        pipeline: ProducerPipeline,
        actor: Actor,
        *,
        operator: str | None = None,
        sla: SlaPolicy | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.pipeline = pipeline
        # On a shared database an office login's name is the database's (it writes it as the
        # author whatever the client sends): show and publish that same name.
        signed = database_actor(pipeline.engine, actor)
        if signed is not None:
            actor, operator = signed, signed.user
        self.actor = actor
        self.operator = (operator or actor.user)[:MAX_OPERATOR]
        self.sla = sla or SlaPolicy()
        self._sessions = pipeline.session_factory
        self._outbox = pipeline.outbox
        self._clock = clock

    # -- actions -----------------------------------------------------------------------------

    @_action
    @_refused
    def register(self, draft: CallDraft, *, assign_to_me: bool = True) -> CallView:
        """A new call; validated before anything is written."""
        d = draft.validated()
        _, digits = clean_phone(d.phone)
        priority = priority_for(d.urgency, d.impact)
        with self._sessions.begin() as s:
            now = self._now(s)
            row = CallRow(
                caller_name=d.caller_name,
                caller_key=fold(d.caller_name),
                phone=d.phone,
                phone_digits=digits,
                phone_tail=phone_tail(digits),
                subject=d.subject,
                description=d.description,
                category=d.category,
                channel=d.channel,
                urgency=int(d.urgency),
                impact=int(d.impact),
                priority=int(priority),
                status=Status.NEW.value,
                assignee=self.operator if assign_to_me else "",
                resolution="",
                created_at=now,
                created_by=self.operator,
                updated_at=now,
                updated_by=self.operator,
                sla_due_at=self.sla.due_at(now, priority),
                sla_stopped_at=None,
                deleted=False,
                version=1,
            )
            s.add(row)
            s.flush()
            self._timeline(s, row.id, now, "created", d.subject)
            view = _view(row)
            self._emit(s, "call.created", view)
        return view

    @_action
    @_refused
    def update(self, call_id: int, expected_version: int, draft: CallDraft) -> CallView:
        """Save edited fields; `call.updated` with the changed fields, or nothing if none changed."""
        d = draft.validated()
        _, digits = clean_phone(d.phone)
        with self._sessions.begin() as s:
            row = self._load(s, call_id, expected_version)
            before = _view(row)
            new_priority = priority_for(d.urgency, d.impact)
            values: dict[str, Any] = {
                "caller_name": d.caller_name,
                "caller_key": fold(d.caller_name),
                "phone": d.phone,
                "phone_digits": digits,
                "phone_tail": phone_tail(digits),
                "subject": d.subject,
                "description": d.description,
                "category": d.category,
                "channel": d.channel,
                "urgency": int(d.urgency),
                "impact": int(d.impact),
                "priority": int(new_priority),
            }
            changes = _changes(before, values, ("caller_name", "phone", "subject", "description", "category"))
            for name in ("channel",):
                if values[name] != getattr(before, name).value:
                    changes[name] = [getattr(before, name).value, values[name]]
            for name in ("urgency", "impact"):
                if values[name] != int(getattr(before, name)):
                    changes[name] = [getattr(before, name).name.lower(), Level(values[name]).name.lower()]
            if new_priority != before.priority:
                changes["priority"] = [before.priority.name.lower(), new_priority.name.lower()]
                clock = SlaClock(before.sla_due_at, before.sla_stopped_at).on_priority(
                    self.sla.seconds(before.priority), self.sla.seconds(new_priority), self.sla.calendar
                )
                values["sla_due_at"] = clock.due_at
            if not changes:
                return before
            now = self._write(s, row, expected_version, values)
            self._timeline(s, call_id, now, "updated", ", ".join(changes))
            view = _view(row)
            self._emit(s, "call.updated", view, changes)
        return view

    @_action
    @_refused
    def change_status(self, call_id: int, expected_version: int, new: Status, *, resolution: str = "") -> CallView:
        """Move along the lifecycle; closing and reopening emit their own events."""
        new = Status(new)
        with self._sessions.begin() as s:
            row = self._load(s, call_id, expected_version)
            before = _view(row)
            check_transition(before.status, new)
            if new == Status.CLOSED:
                return self._close(s, row, before, resolution)
            if before.status not in OPEN_STATUSES:
                return self._reopen(s, row, before)
            text = clean_text("resolution", resolution, required=False, max_len=MAX_TEXT, single_line=False)
            clock = SlaClock(before.sla_due_at, before.sla_stopped_at).on_status(
                before.status, new, self._now(s), self.sla.calendar
            )
            values: dict[str, Any] = {
                "status": new.value,
                "sla_due_at": clock.due_at,
                "sla_stopped_at": clock.stopped_at,
            }
            changes: dict[str, list[Any]] = {"status": [before.status.value, new.value]}
            if text and text != before.resolution:
                values["resolution"] = text
                changes["resolution"] = [before.resolution, text]
            now = self._write(s, row, before.version, values)
            self._timeline(s, call_id, now, "status", f"{before.status.value} {new.value}")
            view = _view(row)
            self._emit(s, "call.status_changed", view, changes)
        return view

    @_action
    @_refused
    def close(self, call_id: int, expected_version: int, resolution: str) -> CallView:
        """Close with a resolution (required: an earlier one from `resolved` counts)."""
        with self._sessions.begin() as s:
            row = self._load(s, call_id, expected_version)
            return self._close(s, row, _view(row), resolution)

    @_action
    @_refused
    def reopen(self, call_id: int, expected_version: int) -> CallView:
        with self._sessions.begin() as s:
            row = self._load(s, call_id, expected_version)
            return self._reopen(s, row, _view(row))

    def _close(self, s: Session, row: CallRow, before: CallView, resolution: str) -> CallView:
        check_transition(before.status, Status.CLOSED)
        text = clean_text("resolution", resolution, required=not before.resolution, max_len=MAX_TEXT, single_line=False)
        text = text or before.resolution
        clock = SlaClock(before.sla_due_at, before.sla_stopped_at).on_status(
            before.status, Status.CLOSED, self._now(s), self.sla.calendar
        )
        values = {
            "status": Status.CLOSED.value,
            "resolution": text,
            "sla_due_at": clock.due_at,
            "sla_stopped_at": clock.stopped_at,
        }
        changes: dict[str, list[Any]] = {"status": [before.status.value, Status.CLOSED.value]}
        if text != before.resolution:
            changes["resolution"] = [before.resolution, text]
        now = self._write(s, row, before.version, values)
        self._timeline(s, row.id, now, "closed", text)
        view = _view(row)
        self._emit(s, "call.closed", view, changes)
        return view

    def _reopen(self, s: Session, row: CallRow, before: CallView) -> CallView:
        if before.status in OPEN_STATUSES:
            raise InvalidTransitionError(before.status, Status.IN_PROGRESS)
        check_transition(before.status, Status.IN_PROGRESS)
        clock = SlaClock(before.sla_due_at, before.sla_stopped_at).on_status(
            before.status, Status.IN_PROGRESS, self._now(s), self.sla.calendar
        )
        values = {"status": Status.IN_PROGRESS.value, "sla_due_at": clock.due_at, "sla_stopped_at": clock.stopped_at}
        now = self._write(s, row, before.version, values)
        self._timeline(s, row.id, now, "reopened", f"{before.status.value} {Status.IN_PROGRESS.value}")
        view = _view(row)
        self._emit(s, "call.reopened", view, {"status": [before.status.value, Status.IN_PROGRESS.value]})
        return view

    @_action
    @_refused
    def assign(self, call_id: int, expected_version: int, operator: str) -> CallView:
        name = clean_text("assignee", operator, required=False, max_len=MAX_OPERATOR)
        with self._sessions.begin() as s:
            row = self._load(s, call_id, expected_version)
            before = _view(row)
            if name == before.assignee:
                return before
            now = self._write(s, row, expected_version, {"assignee": name})
            self._timeline(s, call_id, now, "assigned", name)
            view = _view(row)
            self._emit(s, "call.assigned", view, {"assignee": [before.assignee, name]})
        return view

    @_action
    @_refused
    def add_note(self, call_id: int, text: str) -> NoteView:
        """Notes only add: they never conflict with someone else's edit (no version bump)."""
        body = clean_text("note", text, required=True, max_len=MAX_TEXT, single_line=False)
        with self._sessions.begin() as s:
            # Locked: a close or delete committed meanwhile is what the note sees and publishes.
            row = self._lock(s, call_id)
            if row is None or row.deleted:
                raise CallNotFoundError(call_id)
            # Timed once the lock is ours: a note that waited for a close comes after it in the timeline.
            now = self._now(s)
            s.execute(
                update(CallRow)
                .where(CallRow.id == call_id)
                .values(updated_at=now, updated_by=self.operator)
                .execution_options(synchronize_session="evaluate")
            )
            note = NoteRow(call_id=call_id, at=now, author=self.operator, text=body)
            s.add(note)
            s.flush()
            self._timeline(s, call_id, now, "note", body)
            view = _view(row)
            data = view.snapshot()
            data["note"] = {"id": note.id, "author": self.operator, "text": body}
            self._emit(s, "call.note_added", view, data=data)
            result = NoteView(note.id, call_id, now, self.operator, body)
        return result

    @_action
    @_refused
    def delete(self, call_id: int, expected_version: int) -> CallView:
        """Soft delete (separate from closing); `restore()` undoes it."""
        with self._sessions.begin() as s:
            row = self._load(s, call_id, expected_version)
            now = self._write(s, row, expected_version, {"deleted": True})
            self._timeline(s, call_id, now, "deleted", "")
            view = _view(row)
            self._emit(s, "call.deleted", view, {"deleted": [False, True]})
        return view

    @_action
    @_refused
    def restore(self, call_id: int) -> CallView:
        with self._sessions.begin() as s:
            # Locked: of two restores at once the second waits, then finds the call restored.
            row = self._lock(s, call_id)
            if row is None:
                raise CallNotFoundError(call_id)
            if not row.deleted:
                return _view(row)
            now = self._write(s, row, row.version, {"deleted": False}, allow_deleted=True)
            self._timeline(s, call_id, now, "restored", "")
            view = _view(row)
            self._emit(s, "call.restored", view, {"deleted": [True, False]})
        return view

    # -- queries -----------------------------------------------------------------------------

    @_query
    @_refused
    def signed_in(self) -> SignedIn | None:
        """Who the database says this app is signed in as, and the role it holds now (asked
        afresh each time: a role changed meanwhile shows at once); None on a single PC."""
        return self.pipeline.signed_in()

    @_query
    @_refused
    def get(self, call_id: int) -> CallView:
        with self._sessions() as s:
            row = s.get(CallRow, call_id)
            if row is None:
                raise CallNotFoundError(call_id)
            return _view(row)

    @_query
    @_refused
    def detail(self, call_id: int) -> CallDetail:
        with self._sessions() as s:
            row = s.get(CallRow, call_id)
            if row is None:
                raise CallNotFoundError(call_id)
            notes = [
                NoteView(n.id, n.call_id, n.at, n.author, n.text)
                for n in s.scalars(select(NoteRow).where(NoteRow.call_id == call_id).order_by(NoteRow.at, NoteRow.id))
            ]
            timeline = [
                TimelineEntry(t.at, t.actor, t.kind, t.detail)
                for t in s.scalars(
                    select(TimelineRow).where(TimelineRow.call_id == call_id).order_by(TimelineRow.at, TimelineRow.id)
                )
            ]
            return CallDetail(_view(row), notes, timeline)

    @_query
    @_refused
    def summaries(self, ids: Iterable[int] | None = None, *, newest: int | None = None) -> list[CallSummary]:
        """List rows in bulk (column tuples, no ORM objects: 100,000 rows load in well under a second).

        `newest`: only that many, the most recently registered (a first screen, shown at once;
        by id, the primary key, so the database reads just those rows instead of sorting all)."""
        stmt = select(*_SUMMARY_COLUMNS)
        if newest is not None:
            stmt = stmt.order_by(CallRow.id.desc()).limit(newest)
        if ids is not None:
            wanted = list(ids)
            if not wanted:
                return []
            stmt = stmt.where(CallRow.id.in_(wanted))
        # Core execution (no ORM loading layer): a third of the time for 100,000 rows.
        with self.pipeline.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [_summary(r) for r in rows]

    @_query
    @_refused
    def changed_since(self, since: float) -> list[CallSummary]:
        """Calls touched at or after `since` (the list's fallback while live updates are down)."""
        stmt = select(*_SUMMARY_COLUMNS).where(CallRow.updated_at >= since)
        with self.pipeline.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [_summary(r) for r in rows]

    @_query
    @_refused
    def open_calls_of(
        self, caller_name: str, phone: str, *, exclude_id: int | None = None, limit: int = 20
    ) -> list[CallSummary]:
        """Repeat-caller detection: open calls with the same phone (last 8 digits) or name."""
        key = fold(caller_name)
        digits = normalize_phone(phone)
        conditions = []
        if len(digits) >= 8:
            conditions.append(CallRow.phone_tail == phone_tail(digits))
        if key:
            conditions.append(CallRow.caller_key == key)
            if len(key) >= 4:
                escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                conditions.append(CallRow.caller_key.like(escaped + "%", escape="\\"))
        if not conditions:
            return []
        stmt = (
            select(*_SUMMARY_COLUMNS)
            .where(or_(*conditions), CallRow.status.in_([s.value for s in OPEN_STATUSES]), CallRow.deleted.is_(False))
            .order_by(CallRow.updated_at.desc())
            .limit(limit)
        )
        if exclude_id is not None:
            stmt = stmt.where(CallRow.id != exclude_id)
        with self._sessions() as s:
            return [_summary(r) for r in s.execute(stmt)]

    @_query
    @_refused
    def operators(self) -> list[str]:
        with self._sessions() as s:
            names = set(s.scalars(select(CallRow.assignee).distinct()))
        names.discard("")
        names.add(self.operator)
        return sorted(names, key=fold)

    # -- internals ---------------------------------------------------------------------------

    def _now(self, s: Session) -> float:
        """The time an action writes (`updated_at`, timeline, SLA): on a shared PostgreSQL the
        server's clock, so a PC whose clock is minutes off neither hides its changes from the
        other PCs' poll (which asks for what changed since the newest time it saw) nor sorts
        them out of order; a local database has only this PC's clock."""
        if s.get_bind().dialect.name == "postgresql":
            return float(s.execute(select(func.extract("epoch", func.clock_timestamp()))).scalar_one())
        return self._clock()

    def _lock(self, s: Session, call_id: int) -> CallRow | None:
        """The call as committed, locked until this transaction ends (PostgreSQL; SQLite's
        BEGIN IMMEDIATE already serialises writers). Whoever holds the lock commits first and
        this read then sees their commit: decisions and snapshots never come from a stale copy."""
        return s.get(CallRow, call_id, with_for_update=True, populate_existing=True)

    def _load(self, s: Session, call_id: int, expected_version: int) -> CallRow:
        row = self._lock(s, call_id)
        if row is None or row.deleted:
            raise CallNotFoundError(call_id)
        if row.version != expected_version:
            raise ConflictError(call_id, expected_version, _view(row))
        return row

    def _write(
        self, s: Session, row: CallRow, expected_version: int, values: dict[str, Any], *, allow_deleted: bool = False
    ) -> float:
        now = self._now(s)
        values = {**values, "version": expected_version + 1, "updated_at": now, "updated_by": self.operator}
        stmt = update(CallRow).where(CallRow.id == row.id, CallRow.version == expected_version)
        if not allow_deleted:
            stmt = stmt.where(CallRow.deleted.is_(False))
        # "evaluate" copies the new values onto `row` without a second round trip.
        result = s.execute(stmt.values(**values).execution_options(synchronize_session="evaluate"))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            # Someone committed between our read and our write (PostgreSQL read committed).
            s.refresh(row)
            raise ConflictError(row.id, expected_version, _view(row))
        return now

    def _timeline(self, s: Session, call_id: int, at: float, kind: str, detail: str) -> None:
        s.add(TimelineRow(call_id=call_id, at=at, actor=self.operator, kind=kind, detail=detail))

    def _emit(
        self,
        s: Session,
        event_type: str,
        view: CallView,
        changes: dict[str, list[Any]] | None = None,
        *,
        data: dict[str, Any] | None = None,
    ) -> None:
        envelope = call_event(
            event_type,
            view.id,
            cliente=view.caller_name,
            descricao=view.description or view.subject,
            closed=view.status == Status.CLOSED,
            data=data if data is not None else view.snapshot(),
            actor=self.actor,
            changes=changes,
        )
        try:
            self._outbox.add(s, envelope)
        except ValueError as exc:
            # Only reachable if validation above let something through; the transaction rolls back.
            raise ValidationError(
                "event",
                QT_TRANSLATE_NOOP("CallError", "This change cannot be sent as an event ({reason}); nothing was saved."),
                reason=str(exc),
            ) from exc


def _changes(before: CallView, values: dict[str, Any], names: Iterable[str]) -> dict[str, list[Any]]:
    return {name: [getattr(before, name), values[name]] for name in names if getattr(before, name) != values[name]}
