"""Publishing alert events without losing one: the producers' transactional outbox and relay.

In an office the outbox is in the shared PostgreSQL database and the office's relay service
publishes it (the console only queues); on one PC it is a SQLite file of the console's own and
the relay runs here, as CallSystem's does. Three consoles that raise the same alert write the
same `event_id`: on a shared database the outbox's unique `event_id` keeps the first and the
others learn that it is already queued (docs/events.md, "One alert, however many consoles").

No Qt here: the presenter runs the relay through `integrado.qt.adapters.QtRelay`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from integrado.db import make_engine, make_session_factory
from integrado.events.system import System
from integrado.outbox import Outbox, OutboxRelay
from integrado.pipeline import alerts_db_url, channel_and_stream, is_shared
from integrado.redis_conn import redis_client
from integrado.settings import Settings

log = logging.getLogger(__name__)


class AlertOutbox:
    """Where a console queues its alert events, and the relay that publishes them."""

    def __init__(self, settings: Settings, *, db_url: str | None = None, poll_interval: float = 2.0) -> None:
        channel, stream = channel_and_stream(settings.redis, System.CONSOLE)
        self.engine = make_engine(db_url or alerts_db_url(settings))
        metadata = MetaData()
        self.outbox = Outbox(metadata, channel=channel, stream=stream)
        # On one PC this file is the console's own; on a shared database the producers'
        # migrations made these tables already and this only checks that they are there.
        metadata.create_all(self.engine)
        self.session_factory = make_session_factory(self.engine)
        self.relay = OutboxRelay(
            self.engine,
            self.outbox,
            lambda: redis_client(settings.redis, name="integrado-console-alerts"),
            maxlen=settings.redis.stream_maxlen,
            poll_interval=poll_interval,
            publishes=not is_shared(self.engine),
        )
        self.outbox.install_wake_hook(self.session_factory, self.relay.wake)

    def queue(self, envelopes: Sequence[dict[str, Any]]) -> int:
        """Queue each event in a transaction of its own; returns how many were new here (an
        event another console queued first is already on its way: nothing to do)."""
        queued = 0
        for envelope in envelopes:
            try:
                with self.session_factory.begin() as session:
                    self.outbox.add(session, dict(envelope))
                queued += 1
            except IntegrityError:
                log.debug("alert event %s is already queued", envelope.get("event_id"))
            except (SQLAlchemyError, ValueError):
                log.exception("could not queue alert event %s", envelope.get("event_id"))
        return queued

    def dispose(self) -> None:
        self.relay.stop()
        self.engine.dispose()
