"""The consumers' side of the pipeline: live Pub/Sub plus catch-up from the durable streams.

- `streams`: what the bus knows about a stream (source, cursor, gap);
- `sinks`: where received events go (`EventSink`; `EventsRefused` when an event, not the
  storage, is at fault), and `LiveOnlySink` for views without history;
- `subscription`: the raw hiredis Pub/Sub connection of the live path;
- `tracking`: de-duplication memory and gap detection;
- `reader`: XREAD on a connection of its own that never holds a value over 64 KiB;
- `consumer`: `BusConsumer`, which runs both paths, and its `BusTuning`.

Gaps: a stream entry whose `seq` is more than one past the last seen for its origin means
events are missing from the stream (trimmed, or lost by a server without persistence); a
stream that no longer exists behind our cursor was reset. Both are reported, never hidden. A
stream that only lost its tail (a failover to a replica that lacked the last writes) is read on
from its end: the relay sends what was not replicated again, and what is lost for good shows as
a `seq` jump. Only a decoded event's own `seq` counts, never the fields of an entry that
contradicts its event.
"""

from typing import TYPE_CHECKING, Any

from integrado.bus.sinks import EventSink, EventsRefused, LiveOnlySink
from integrado.bus.streams import Gap, GapReason, StreamPosition, StreamSource
from integrado.states import ConnectionState

if TYPE_CHECKING:
    from integrado.bus.consumer import DEFAULT_TUNING, BusConsumer, BusTuning
    from integrado.bus.subscription import RawSubscription


def __getattr__(name: str) -> Any:
    # The consumer and its subscription bring the redis client (about 80 ms of imports): a
    # reader of the history, which imports the streams' and sinks' types, does without them.
    if name in ("DEFAULT_TUNING", "BusConsumer", "BusTuning"):
        from integrado.bus import consumer

        return getattr(consumer, name)
    if name == "RawSubscription":
        from integrado.bus import subscription

        return subscription.RawSubscription
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The bus's states under their former names (ConnectionState is the type to use).
CONNECTING = ConnectionState.CONNECTING
CATCHING_UP = ConnectionState.CATCHING_UP
LIVE = ConnectionState.LIVE
RECONNECTING = ConnectionState.RECONNECTING
STOPPED = ConnectionState.STOPPED

__all__ = [
    "CATCHING_UP",
    "CONNECTING",
    "DEFAULT_TUNING",
    "LIVE",
    "RECONNECTING",
    "STOPPED",
    "BusConsumer",
    "BusTuning",
    "ConnectionState",
    "EventSink",
    "EventsRefused",
    "Gap",
    "GapReason",
    "LiveOnlySink",
    "RawSubscription",
    "StreamPosition",
    "StreamSource",
]
