"""A small, deterministic day of operations as envelopes: the input of the operations ledger and
report tests, whose expected figures are worked out by hand from the timeline below.

`OpsBuilder` makes envelopes the way CallSystem and TaskManager do (snapshot in `data`, SLA due
time shifted by every pause while waiting on the caller); `operations_day()` is the seeded day.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from integrado.events import Actor, call_event, task_event

ORIGIN = "office-db"
HOST = "pc-01"
ZONE = ZoneInfo("America/Sao_Paulo")
STOPPED = frozenset({"waiting", "resolved", "closed"})


def local(day: str, clock: str) -> float:
    """Epoch seconds of a São Paulo wall-clock time ("2026-11-23", "09:15")."""
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZONE).timestamp()


def rfc3339(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class OpsBuilder:
    """Envelopes for calls and tasks at given times, numbered per source like the outbox."""

    def __init__(self, origin: str = ORIGIN) -> None:
        self.origin = origin
        self.seq = {"callsystem": 0, "taskmanager": 0}
        self.calls: dict[int, dict[str, Any]] = {}
        self.stopped_at: dict[int, float | None] = {}
        self.tasks: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []

    def _stamp(self, env: dict[str, Any], at: float) -> dict[str, Any]:
        system = env["system"]
        self.seq[system] += 1
        env["seq"] = self.seq[system]
        env["origin"] = self.origin
        env["occurred_at"] = rfc3339(at)
        self.events.append(env)
        return env

    # -- calls ------------------------------------------------------------------------------

    def _call(self, event_type: str, at: float, call_id: int, user: str, changes: Any = None) -> dict[str, Any]:
        call = self.calls[call_id]
        call["updated_at"] = at
        call["sla_paused"] = call["status"] == "waiting"
        env = call_event(
            event_type,
            call_id,
            cliente=call["caller_name"],
            descricao=call["subject"],
            closed=call["status"] == "closed",
            data=dict(call),
            actor=Actor(user, HOST),
            changes=changes,
        )
        return self._stamp(env, at)

    def created(
        self,
        at: float,
        call_id: int,
        user: str,
        *,
        category: str = "internet",
        priority: str = "medium",
        sla_minutes: float = 60,
        assignee: str | None = None,
    ) -> dict[str, Any]:
        self.calls[call_id] = {
            "id": call_id,
            "caller_name": f"Caller {call_id}",
            "subject": f"Subject {call_id}",
            "category": category,
            "priority": priority,
            "status": "new",
            "assignee": user if assignee is None else assignee,
            "created_at": at,
            "sla_due_at": at + sla_minutes * 60,
            "deleted": False,
        }
        self.stopped_at[call_id] = None
        return self._call("call.created", at, call_id, user)

    def status(self, at: float, call_id: int, user: str, new: str) -> dict[str, Any]:
        call = self.calls[call_id]
        old = call["status"]
        self._clock(call_id, old, new, at)
        call["status"] = new
        if old in ("resolved", "closed") and new not in ("resolved", "closed"):
            return self._call("call.reopened", at, call_id, user, {"status": [old, new]})
        event_type = "call.closed" if new == "closed" else "call.status_changed"
        return self._call(event_type, at, call_id, user, {"status": [old, new]})

    def _clock(self, call_id: int, old: str, new: str, at: float) -> None:
        # The same arithmetic as CallSystem's SlaClock: a pause moves the due time on by its length.
        stopped = self.stopped_at[call_id]
        if old not in STOPPED and new in STOPPED:
            self.stopped_at[call_id] = at
        elif old in STOPPED and new not in STOPPED and stopped is not None:
            self.calls[call_id]["sla_due_at"] += at - stopped
            self.stopped_at[call_id] = None

    def note(self, at: float, call_id: int, user: str) -> dict[str, Any]:
        return self._call("call.note_added", at, call_id, user)

    def assign(self, at: float, call_id: int, user: str, assignee: str) -> dict[str, Any]:
        call = self.calls[call_id]
        old = call["assignee"]
        call["assignee"] = assignee
        return self._call("call.assigned", at, call_id, user, {"assignee": [old, assignee]})

    def deleted(self, at: float, call_id: int, user: str) -> dict[str, Any]:
        self.calls[call_id]["deleted"] = True
        return self._call("call.deleted", at, call_id, user)

    # -- tasks ------------------------------------------------------------------------------

    def _task(self, event_type: str, at: float, task_id: int, user: str) -> dict[str, Any]:
        task = self.tasks[task_id]
        env = task_event(
            event_type,
            task_id,
            title=task["title"],
            completed=task["completed"],
            data=dict(task),
            actor=Actor(user, HOST),
        )
        return self._stamp(env, at)

    def task_created(self, at: float, task_id: int, user: str, due: str | None = None) -> dict[str, Any]:
        self.tasks[task_id] = {"id": task_id, "title": f"Task {task_id}", "completed": False, "due": due}
        return self._task("task.created", at, task_id, user)

    def task_completed(self, at: float, task_id: int, user: str) -> dict[str, Any]:
        self.tasks[task_id]["completed"] = True
        return self._task("task.completed", at, task_id, user)

    def task_deleted(self, at: float, task_id: int, user: str) -> dict[str, Any]:
        return self._task("task.deleted", at, task_id, user)


DAY = "2026-11-23"  # a Monday


def operations_day() -> OpsBuilder:
    """Monday 23 November 2026 in São Paulo (UTC−3), office hours 08:00–18:00.

    Calls (SLA in minutes of office time; all created on this day):
      #1 ana, internet, high (60 min): 09:00 created; 09:10 in_progress (first action);
         09:40 resolved (by ana, met: due 10:00).
      #2 ana, internet, medium (120): 09:30 created; 10:00 note by bruno (first action);
         10:30 assigned to bruno; 11:00 in_progress; 11:30 waiting (paused 30 min);
         12:00 in_progress (due 11:30 -> 12:00); 12:20 closed by bruno (missed: due 12:00).
      #3 carla, billing, low (240): 10:00 created; 10:05 in_progress (first action);
         10:45 resolved by carla (met, due 14:00); 11:15 reopened to in_progress;
         13:15 resolved again by carla (met, due 14:00).
      #4 bruno, billing, medium (120): 14:00 created; never touched (open, due 16:00).
      #5 carla, internet, critical (30): 16:00 created; 16:40 in_progress (first action);
         17:00 resolved by carla (missed: due 16:30).
      #6 ana, internet, low (240): 11:00 created; 11:20 deleted (out of every figure).
    Tasks: T1 created 08:30 (due 2026-11-23), completed 15:00; T2 created 09:00, completed
      17:30; T3 created 10:00 (due 2026-11-22), open.
    """
    b = OpsBuilder()
    t = lambda clock: local(DAY, clock)  # noqa: E731 - a short local alias for the timeline
    b.task_created(t("08:30"), 1, "ana", due="2026-11-23")
    b.created(t("09:00"), 1, "ana", category="internet", priority="high", sla_minutes=60)
    b.task_created(t("09:00"), 2, "bruno")
    b.status(t("09:10"), 1, "ana", "in_progress")
    b.created(t("09:30"), 2, "ana", category="internet", priority="medium", sla_minutes=120)
    b.status(t("09:40"), 1, "ana", "resolved")
    b.created(t("10:00"), 3, "carla", category="billing", priority="low", sla_minutes=240)
    b.note(t("10:00"), 2, "bruno")
    b.task_created(t("10:00"), 3, "carla", due="2026-11-22")
    b.status(t("10:05"), 3, "carla", "in_progress")
    b.assign(t("10:30"), 2, "bruno", "bruno")
    b.status(t("10:45"), 3, "carla", "resolved")
    b.created(t("11:00"), 6, "ana", category="internet", priority="low", sla_minutes=240)
    b.status(t("11:00"), 2, "bruno", "in_progress")
    b.status(t("11:15"), 3, "carla", "in_progress")
    b.deleted(t("11:20"), 6, "ana")
    b.status(t("11:30"), 2, "bruno", "waiting")
    b.status(t("12:00"), 2, "bruno", "in_progress")
    b.status(t("12:20"), 2, "bruno", "closed")
    b.status(t("13:15"), 3, "carla", "resolved")
    b.created(t("14:00"), 4, "bruno", category="billing", priority="medium", sla_minutes=120)
    b.task_completed(t("15:00"), 1, "ana")
    b.created(t("16:00"), 5, "carla", category="internet", priority="critical", sla_minutes=30)
    b.status(t("16:40"), 5, "carla", "in_progress")
    b.status(t("17:00"), 5, "carla", "resolved")
    b.task_completed(t("17:30"), 2, "bruno")
    return b
