"""Building outgoing events in the wire contract's shape (see docs/events.md)."""

from __future__ import annotations

import getpass
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from integrado.events.codec import SCHEMA_VERSION
from integrado.events.system import System

# The older consumer reads `action`; a call closed is "completed" there.
_LEGACY_ACTIONS = {
    "created": "created",
    "closed": "completed",
    "completed": "completed",
    "deleted": "deleted",
    "reopened": "reopened",
    "restored": "restored",
}


def legacy_action(event_type: str) -> str:
    """The older system's `action` for a dotted type: unknown verbs become "updated"."""
    verb = event_type.partition(".")[2]
    return _LEGACY_ACTIONS.get(verb, "updated")


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it: the operator's login and the machine, as the envelope's `actor` carries them."""

    user: str
    host: str

    @classmethod
    def current(cls, user: str | None = None) -> Actor:
        try:
            login = user or getpass.getuser()
        except (KeyError, OSError):
            login = "unknown"
        return cls(user=login[:200], host=socket.gethostname()[:255])

    def as_dict(self) -> dict[str, str]:
        return {"user": self.user, "host": self.host}


def new_correlation_id() -> str:
    return str(uuid.uuid4())


def utc_now_rfc3339() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def call_event(
    event_type: str,
    call_id: int,
    *,
    cliente: str,
    descricao: str,
    closed: bool,
    data: dict[str, Any],
    actor: Actor,
    correlation_id: str | None = None,
    changes: dict[str, list[Any]] | None = None,
) -> dict[str, Any]:
    """An envelope for CallSystem; `seq` and `occurred_at` are set by the outbox at commit."""
    envelope = _base(System.CALLSYSTEM, event_type, call_id, data, actor, correlation_id, changes)
    envelope.update(cliente=cliente, descricao=descricao, status="concluida" if closed else "pendente")
    return envelope


def task_event(
    event_type: str,
    task_id: int,
    *,
    title: str,
    completed: bool,
    data: dict[str, Any],
    actor: Actor,
    correlation_id: str | None = None,
    changes: dict[str, list[Any]] | None = None,
) -> dict[str, Any]:
    """An envelope for TaskManager; `seq` and `occurred_at` are set by the outbox at commit."""
    envelope = _base(System.TASKMANAGER, event_type, task_id, data, actor, correlation_id, changes)
    envelope.update(title=title, completed=completed)
    return envelope


def _base(
    system: System,
    event_type: str,
    entity_id: int,
    data: dict[str, Any],
    actor: Actor,
    correlation_id: str | None,
    changes: dict[str, list[Any]] | None,
) -> dict[str, Any]:
    envelope: dict[str, Any] = {
        # The envelope is JSON-shaped data: plain strings, as json.loads gives them back.
        "system": system.value,
        "action": legacy_action(event_type),
        "id": entity_id,
        "schema": SCHEMA_VERSION,
        "event_id": str(uuid.uuid4()),
        "type": event_type,
        "seq": None,
        "occurred_at": None,
        "actor": actor.as_dict(),
        "correlation_id": correlation_id or new_correlation_id(),
        "data": data,
    }
    if changes:
        envelope["changes"] = changes
    return envelope
