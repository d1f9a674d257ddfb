"""What one simulated action is: the plan an operator makes, the record of what it did, and the
outbox stand-in that records the events each action queued."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from integrado.outbox import Outbox


class Plan(NamedTuple):
    """An action an operator has decided on: its kind ("call.close"), its system, and `run()`,
    which does it through the app's service and returns the id of the entity it acted on."""

    kind: str
    system: str
    run: Callable[[], int]


@dataclass
class ActionRecord:
    """One simulated action: what was done, to which entity, and the events it queued."""

    kind: str
    system: str
    entity_id: int
    operator: str
    events: list[dict[str, Any]] = field(default_factory=list)


class RecordingOutbox:
    """Stands in for an app's Outbox and records every envelope a service queues through it.

    The office reads `added` after each action (what that action queued) and then clears it.
    """

    def __init__(self, outbox: Outbox) -> None:
        self._outbox = outbox
        self.added: list[dict[str, Any]] = []

    def add(self, session: Any, envelope: dict[str, Any]) -> dict[str, Any]:
        return self.add_many(session, [envelope])[0]

    def add_many(self, session: Any, envelopes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = self._outbox.add_many(session, envelopes)
        self.added.extend(result)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)


class Desk(Protocol):
    """One app's share of the office's work (calls, or task trees): it plans each operator's next
    action and records the events its actions queue."""

    outbox: RecordingOutbox

    def plan(self, who: int) -> Plan:
        """What operator number `who` does next."""
        ...

    def let_go(self, error: Exception) -> None:
        """Forget what a refused action showed to be stale, so it is not retried for ever."""
        ...
