"""Where an event was published from: the `origin` of the wire contract.

An entity is (system, origin, id): call #1 of one database and call #1 of another are two calls.
The origin is the publishing database's id (the outbox stamps it into every envelope); the older
web system's messages carry none and form their own origin; an envelope without one (published
before envelopes carried it) takes its stream entry's `origin` field, else one shared "unknown".
"""

from __future__ import annotations

# The bounds the schema gives the key: a database id is a 36-character UUID.
MAX_ORIGIN_LENGTH = 64
LEGACY_ORIGIN = "legacy"
UNKNOWN_ORIGIN = "unknown"


def stored_origin(origin: str | None) -> str:
    """The origin a consumer records: the event's own, else the shared "unknown" one."""
    return origin[:MAX_ORIGIN_LENGTH] if origin else UNKNOWN_ORIGIN
