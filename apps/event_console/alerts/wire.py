"""Alerts as events on the consoles' channel: `alert.raised`, `alert.acknowledged`, `alert.cleared`.

Every console of an office evaluates the same rules over the same history, so when a call
breaches its SLA three consoles see it at about the same moment. The alert's id is therefore
derived from the condition, not drawn at random: a UUID 5 of the rule and of what identifies that
occurrence of the condition (the call and its due time, the gap's range, the operator and their
last activity...). The event ids are derived from the alert id the same way, so three consoles
raising one alert publish three copies of one event, which every consumer stores once (they drop
duplicates by `event_id`; a shared outbox refuses the second copy by its unique `event_id`).

No Qt and no database here.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from event_console.intake.batch import RowBatch
from integrado.events.codec import SCHEMA_VERSION
from integrado.events.envelope import Actor
from integrado.events.system import System

# Fixed for ever: changing it would give every condition a new alert id.
ALERT_NAMESPACE = uuid.UUID("6f1d7a52-3c0b-4b8e-9a7e-2d5c1e0f4a93")

RAISED = "alert.raised"
ACKNOWLEDGED = "alert.acknowledged"
CLEARED = "alert.cleared"
ALERT_TYPES = (RAISED, ACKNOWLEDGED, CLEARED)


def alert_id(*parts: object) -> str:
    """The id of one occurrence of a condition: the same on every console that sees it."""
    return str(uuid.uuid5(ALERT_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def _event_id(alert: str, *what: str) -> str:
    return str(uuid.uuid5(ALERT_NAMESPACE, "\x1f".join((alert, *what))))


@dataclass(frozen=True, slots=True)
class AlertFacts:
    """What an alert event says: which alert, about what, and who did what when."""

    type: str
    alert_id: str
    rule: str
    subject: str
    value: float
    threshold: int
    since: float
    user: str
    host: str


def envelope(
    event_type: str, facts: AlertFacts, actor: Actor, *, extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An envelope on the consoles' channel; `seq`, `occurred_at` and `origin` come from the
    outbox at commit. An acknowledgement's id includes who acknowledged: two supervisors
    acknowledging are two events, one supervisor clicking twice is one."""
    verb = event_type.partition(".")[2]
    event_id = (
        _event_id(facts.alert_id, verb, actor.user) if event_type == ACKNOWLEDGED else _event_id(facts.alert_id, verb)
    )
    data: dict[str, Any] = {
        "alert_id": facts.alert_id,
        "rule": facts.rule,
        "subject": facts.subject,
        "value": facts.value,
        "threshold": facts.threshold,
        "since": facts.since,
    }
    if extra:
        data.update(extra)
    return {
        "system": System.CONSOLE.value,
        "action": verb,
        "id": facts.alert_id,
        "schema": SCHEMA_VERSION,
        "event_id": event_id,
        "type": event_type,
        "seq": None,
        "occurred_at": None,
        "actor": actor.as_dict(),
        # Every event of one alert shares it: the console's table groups them.
        "correlation_id": facts.alert_id,
        "data": data,
    }


def read(payload: Mapping[str, Any]) -> AlertFacts | None:
    """The facts of an alert event as it arrived (validated by the codec), None for any other."""
    event_type = payload.get("type")
    data = payload.get("data")
    if event_type not in ALERT_TYPES or not isinstance(data, Mapping):
        return None
    actor = payload.get("actor")
    user = actor.get("user", "") if isinstance(actor, Mapping) else ""
    host = actor.get("host", "") if isinstance(actor, Mapping) else ""
    alert, rule, subject = data.get("alert_id"), data.get("rule"), data.get("subject")
    value, threshold, since = data.get("value", 0), data.get("threshold", 0), data.get("since", 0)
    if not (isinstance(alert, str) and alert and isinstance(rule, str) and isinstance(subject, str)):
        return None
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in (value, threshold, since)):
        return None
    return AlertFacts(
        str(event_type), alert, rule, subject, float(value), int(threshold), float(since), str(user), str(host)
    )


def operations_only(batch: RowBatch) -> RowBatch:
    """The batch without the consoles' alert events: the event table and its charts show the
    operations; alerts have their own panel (they stay in the history and in exports)."""
    values, codes = batch.codes("system")
    if System.CONSOLE.value not in values:
        return batch
    return batch.select(codes != np.uint32(values.index(System.CONSOLE.value)))
