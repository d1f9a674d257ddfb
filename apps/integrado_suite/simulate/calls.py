"""How a simulated operator works calls: what comes in, what they do next with the calls on their
desk, and each action done through CallSystem's own service (one transaction each)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from callsystem_gui.domain import CallDraft, Channel, Level, Status
from callsystem_gui.service import CallService
from integrado.events.system import System
from integrado.pipeline import ProducerPipeline
from integrado_suite.simulate.actions import Plan, RecordingOutbox
from integrado_suite.simulate.people import (
    NOTES,
    RESOLUTIONS,
    SUBJECTS,
    WAITING_NOTES,
    caller_name,
    operator_actor,
    phone_number,
)

SYSTEM = System.CALLSYSTEM
# Closed calls the office remembers, so that a customer can call back about one.
REOPENABLE = 50


@dataclass
class DeskCall:
    """What the office knows of a call it registered: enough to act on it without a read."""

    id: int
    version: int
    status: Status
    owner: int  # index of the operator working it


class CallDesk:
    """The calls of the simulated operators, and what each one does next.

    Only calls this office registered are touched (an office database may hold real work).
    """

    def __init__(self, pipeline: ProducerPipeline, names: list[str], rng: random.Random) -> None:
        self.names = names
        self.rng = rng
        self.outbox = RecordingOutbox(pipeline.outbox)
        self.open: dict[int, DeskCall] = {}
        # Closed calls leave `open` (nobody works them); the most recent stay reopenable.
        self.closed: dict[int, DeskCall] = {}
        recorded = replace(pipeline, outbox=self.outbox)  # type: ignore[arg-type]
        self._services = [CallService(recorded, operator_actor(i, name), operator=name) for i, name in enumerate(names)]

    def let_go(self, error: Exception) -> None:
        """After a refused action: forget a call that someone else changed or deleted (a real
        operator, in the demo), rather than retry a stale version for ever."""
        call_id = getattr(error, "call_id", None)
        if call_id is not None:
            self.open.pop(call_id, None)
            self.closed.pop(call_id, None)

    def plan(self, who: int) -> Plan:
        """What operator `who` does next: take a new call, or work one of theirs a step further."""
        rng = self.rng
        svc = self._services[who]
        mine = [c for c in self.open.values() if c.owner == who]
        if self.closed and rng.random() < 0.01:
            # The customer calls back: the fix did not hold.
            call = self.closed[rng.choice(sorted(self.closed))]
            return Plan("call.reopen", SYSTEM, lambda: self._reopen(svc, call, who))
        # A new call comes in now and then; an operator with a full desk works it down first.
        if len(mine) < 2 or rng.random() < (0.3 if len(mine) < 4 else 0.12 if len(mine) < 8 else 0.04):
            return Plan("call.register", SYSTEM, lambda: self._register(svc, who))
        call = rng.choice(mine)
        r = rng.random()
        if call.status == Status.NEW:
            if r < 0.02:
                return Plan("call.delete", SYSTEM, lambda: self._delete(svc, call))
            if r < 0.65:
                return Plan("call.start", SYSTEM, lambda: self._change_status(svc, call, Status.IN_PROGRESS))
            if r < 0.80:
                return Plan("call.note", SYSTEM, lambda: self._note(svc, call, NOTES))
            if r < 0.90:
                return Plan("call.assign", SYSTEM, lambda: self._assign(svc, call))
            return Plan("call.wait", SYSTEM, lambda: self._change_status(svc, call, Status.WAITING))
        if call.status == Status.IN_PROGRESS:
            if r < 0.35:
                return Plan("call.note", SYSTEM, lambda: self._note(svc, call, NOTES))
            if r < 0.50:
                return Plan("call.wait", SYSTEM, lambda: self._change_status(svc, call, Status.WAITING))
            if r < 0.85:
                return Plan("call.resolve", SYSTEM, lambda: self._change_status(svc, call, Status.RESOLVED))
            if r < 0.93:
                return Plan("call.close", SYSTEM, lambda: self._close(svc, call))
            return Plan("call.assign", SYSTEM, lambda: self._assign(svc, call))
        if call.status == Status.WAITING:
            if r < 0.30:
                return Plan("call.note", SYSTEM, lambda: self._note(svc, call, WAITING_NOTES))
            if r < 0.80:
                return Plan("call.resume", SYSTEM, lambda: self._change_status(svc, call, Status.IN_PROGRESS))
            return Plan("call.resolve", SYSTEM, lambda: self._change_status(svc, call, Status.RESOLVED))
        # Resolved: the customer confirms (close) or says it is not fixed (reopen).
        if r < 0.92:
            return Plan("call.close", SYSTEM, lambda: self._close(svc, call))
        return Plan("call.reopen", SYSTEM, lambda: self._reopen(svc, call, who))

    def _register(self, svc: CallService, who: int) -> int:
        rng = self.rng
        subject, category, description = rng.choice(SUBJECTS)
        name = caller_name(rng)
        phone = phone_number(rng)
        channel = rng.choices([Channel.PHONE, Channel.EMAIL, Channel.WALK_IN], [0.7, 0.25, 0.05])[0]
        urgency = rng.choices(list(Level), [0.3, 0.5, 0.2])[0]
        impact = rng.choices(list(Level), [0.4, 0.45, 0.15])[0]
        view = svc.register(
            CallDraft(
                caller_name=name,
                phone=phone,
                subject=subject,
                description=description,
                category=category,
                channel=channel.value,
                urgency=urgency,
                impact=impact,
            )
        )
        self.open[view.id] = DeskCall(view.id, view.version, view.status, who)
        return view.id

    def _change_status(self, svc: CallService, call: DeskCall, status: Status) -> int:
        resolution = self.rng.choice(RESOLUTIONS) if status == Status.RESOLVED else ""
        view = svc.change_status(call.id, call.version, status, resolution=resolution)
        call.version, call.status = view.version, view.status
        return call.id

    def _note(self, svc: CallService, call: DeskCall, texts: tuple[str, ...]) -> int:
        svc.add_note(call.id, self.rng.choice(texts))
        return call.id

    def _assign(self, svc: CallService, call: DeskCall) -> int:
        others = [i for i in range(len(self.names)) if i != call.owner] or [call.owner]
        to = self.rng.choice(others)
        view = svc.assign(call.id, call.version, self.names[to])
        # The colleague now works it (and the next actions on it are theirs).
        call.version, call.owner = view.version, to
        return call.id

    def _close(self, svc: CallService, call: DeskCall) -> int:
        view = svc.close(call.id, call.version, self.rng.choice(RESOLUTIONS))
        call.version, call.status = view.version, view.status
        del self.open[call.id]
        self.closed[call.id] = call
        if len(self.closed) > REOPENABLE:
            del self.closed[min(self.closed)]
        return call.id

    def _reopen(self, svc: CallService, call: DeskCall, who: int) -> int:
        view = svc.reopen(call.id, call.version)
        call.version, call.status, call.owner = view.version, view.status, who
        self.open[call.id] = call
        self.closed.pop(call.id, None)
        return call.id

    def _delete(self, svc: CallService, call: DeskCall) -> int:
        # A duplicate registration, removed by the operator who made it.
        svc.delete(call.id, call.version)
        del self.open[call.id]
        return call.id
