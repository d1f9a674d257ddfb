"""The transport's connection states: one vocabulary for the bus consumer, the outbox relay and
the status bar that shows either.

Members equal their strings ("live" == ConnectionState.LIVE), so a state that crossed a Qt signal
or a process boundary as plain text still finds its entry in a table keyed by the enum.
"""

from __future__ import annotations

import enum


class ConnectionState(enum.StrEnum):
    """Where a consumer or a relay stands with its Redis server (and, for the relay, its outbox)."""

    # The bus consumer (live Pub/Sub plus catch-up from the streams).
    CONNECTING = "connecting"
    CATCHING_UP = "catching_up"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    STOPPED = "stopped"
    # The outbox relay.
    STARTING = "starting"
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    REFUSED = "refused"
    # The relay cannot read its own outbox (database locked, disk full, server gone).
    DATABASE = "database"
    # The console's intake cannot store: its history's disk is full or read-only (detail: the
    # number of events waiting in the streams); it resumes by itself once it can write.
    HISTORY_FULL = "history_full"
    HISTORY_READ_ONLY = "history_read_only"
    # Something unexpected failed (a bug, an odd reply): logged, retried with backoff.
    ERROR = "error"
    # An operator PC on a shared database: it does not publish, the office's relay service does.
    ON_SERVER = "server"
