"""The event envelope (wire contract) and its strict codec."""

from integrado.events.codec import (
    MAX_MESSAGE_BYTES,
    SYSTEM_CALLS,
    SYSTEM_TASKS,
    Codec,
    ReceivedEvent,
    Rejection,
    RejectReason,
    encode,
    forbidden_text,
    validate_outgoing,
)
from integrado.events.envelope import Actor, call_event, legacy_action, new_correlation_id, task_event
from integrado.events.origin import LEGACY_ORIGIN, MAX_ORIGIN_LENGTH, UNKNOWN_ORIGIN, stored_origin
from integrado.events.system import PUBLISHING_SYSTEMS, System

__all__ = [
    "LEGACY_ORIGIN",
    "MAX_MESSAGE_BYTES",
    "MAX_ORIGIN_LENGTH",
    "PUBLISHING_SYSTEMS",
    "SYSTEM_CALLS",
    "SYSTEM_TASKS",
    "UNKNOWN_ORIGIN",
    "Actor",
    "Codec",
    "ReceivedEvent",
    "RejectReason",
    "Rejection",
    "System",
    "call_event",
    "encode",
    "forbidden_text",
    "legacy_action",
    "new_correlation_id",
    "stored_origin",
    "task_event",
    "validate_outgoing",
]
