"""The event envelope (wire contract) and its strict codec.

The names below are imported from their modules on first use (PEP 562): a window that only
needs `integrado.events.system` (the settings do) does not pay for the codec's JSON Schema
validator before its first paint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from integrado.events.codec import (
        MAX_MESSAGE_BYTES,
        SYSTEM_CALLS,
        SYSTEM_TASKS,
        Codec,
        ReceivedEvent,
        Rejection,
        RejectReason,
        encode,
        validate_outgoing,
    )
    from integrado.events.envelope import Actor, call_event, legacy_action, new_correlation_id, task_event
    from integrado.events.origin import LEGACY_ORIGIN, MAX_ORIGIN_LENGTH, UNKNOWN_ORIGIN, stored_origin
    from integrado.events.system import PUBLISHING_SYSTEMS, System
    from integrado.events.text import forbidden_text

_HOME = {
    **dict.fromkeys(
        (
            "MAX_MESSAGE_BYTES",
            "SYSTEM_CALLS",
            "SYSTEM_TASKS",
            "Codec",
            "ReceivedEvent",
            "Rejection",
            "RejectReason",
            "encode",
            "validate_outgoing",
        ),
        "codec",
    ),
    **dict.fromkeys(("Actor", "call_event", "legacy_action", "new_correlation_id", "task_event"), "envelope"),
    **dict.fromkeys(("LEGACY_ORIGIN", "MAX_ORIGIN_LENGTH", "UNKNOWN_ORIGIN", "stored_origin"), "origin"),
    **dict.fromkeys(("PUBLISHING_SYSTEMS", "System"), "system"),
    "forbidden_text": "text",
}

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # once: later lookups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
