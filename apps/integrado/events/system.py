"""The systems that publish events: the `system` key of the wire contract."""

from __future__ import annotations

import enum


class System(enum.StrEnum):
    """Who published an event. Members equal the wire strings ("callsystem" == System.CALLSYSTEM)."""

    CALLSYSTEM = "callsystem"
    TASKMANAGER = "taskmanager"
    # The Event Console publishes the office's alerts (`alert.*`) on a channel of its own, so that
    # every console sees the same alerts and acknowledgements.
    CONSOLE = "console"
    # A message in the older system's shape without a `system` key, on a channel no system is
    # configured for: shown as a legacy row, never attributed to an app by guess.
    UNKNOWN = "unknown"


# The systems an envelope may name (UNKNOWN is a consumer's label, never on the wire).
PUBLISHING_SYSTEMS = (System.CALLSYSTEM, System.TASKMANAGER, System.CONSOLE)
