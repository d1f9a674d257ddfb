"""PostgreSQL LISTEN for the outbox channel: a commit on any PC wakes the relay service at once.

`Outbox.add` sends `pg_notify('integrado_outbox', <stream>)` inside the action's transaction, so
the notification arrives exactly when the rows become visible. The connection is checked every
few seconds and reopened after a database restart; after each (re)connect every stream is woken,
since notifications sent while nobody listened are gone. The relays' poll remains the fallback.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from integrado.outbox import NOTIFY_CHANNEL

log = logging.getLogger(__name__)

# A database cut off the network is noticed in seconds, not after the kernel's default hours.
TCP_OPTIONS: dict[str, Any] = {
    "connect_timeout": 3,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 8000,
}


def conninfo(url: URL) -> str:
    """A libpq URL for psycopg from a SQLAlchemy URL (driver name dropped)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class OutboxListener:
    """Calls `on_notify(stream)` for each notification and `on_connected()` after each connect."""

    def __init__(
        self,
        dsn: str,
        on_notify: Callable[[str], None],
        on_connected: Callable[[], None],
        *,
        check_interval: float = 5.0,
        backoff_cap: float = 5.0,
    ) -> None:
        self.dsn = dsn
        self.on_notify = on_notify
        self.on_connected = on_connected
        self.check_interval = check_interval
        self.backoff_cap = backoff_cap
        self.listening = False
        self.notifications = 0

    async def run(self) -> None:
        failures = 0
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(self.dsn, autocommit=True, **TCP_OPTIONS)
            except (psycopg.Error, OSError) as exc:
                failures += 1
                self._lost(exc, failures)
                await asyncio.sleep(random.uniform(0.5, min(self.backoff_cap, 0.5 * 2**failures)))
                continue
            try:
                await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                if failures:
                    log.info("listening for commits again (LISTEN %s)", NOTIFY_CHANNEL)
                failures = 0
                self.listening = True
                self.on_connected()
                while True:
                    async for notify in conn.notifies(timeout=self.check_interval):
                        self.notifications += 1
                        self.on_notify(notify.payload)
                    # Quiet for a while: make sure the connection is still there.
                    await conn.execute("SELECT 1")
            except (psycopg.Error, OSError) as exc:
                failures += 1
                self._lost(exc, failures)
            finally:
                self.listening = False
                await conn.close()

    def _lost(self, exc: BaseException, failures: int) -> None:
        if failures == 1:
            text = (str(exc) or type(exc).__name__).splitlines()[0][:200]
            log.warning("cannot LISTEN for commits (%s); polling the outbox until the database is back", text)
