"""The office relay service: one active publisher per shared database, a hot standby beside it.

`RelayService` (service.py) holds a `RelayLease` (lease.py, a row in PostgreSQL), publishes with
`FencedRelay` (fence.py, a Redis fence per stream) and wakes on PostgreSQL notifications
(listener.py). `integrado relay` runs it headless on the office server.
"""

from integrado.relay.fence import Fenced, FencedRelay, fence_key, last_published_seq, raise_fence
from integrado.relay.lease import LeaseHolder, RelayLease
from integrado.relay.listener import OutboxListener
from integrado.relay.service import RelayRole, RelayService, RelayTiming

__all__ = [
    "Fenced",
    "FencedRelay",
    "LeaseHolder",
    "OutboxListener",
    "RelayLease",
    "RelayRole",
    "RelayService",
    "RelayTiming",
    "fence_key",
    "last_published_seq",
    "raise_fence",
]
