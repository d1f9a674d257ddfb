"""Who publishes: a lease row in the shared PostgreSQL database.

The active relay renews the lease every couple of seconds; its expiry is the database's clock
(`now()` + TTL), so no machine's wall clock matters. A standby takes the lease once it has expired
(the active one was killed, frozen, or cut off from the database). Each take gets a new fencing
token, strictly greater than every earlier one: the Redis fence (`integrado.relay.fence`) refuses
writes carrying an older token, so a relay that wakes up after the takeover cannot publish.

Nothing is held between statements (autocommit, no session lock): a frozen holder blocks nobody
for longer than the TTL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text

LEASE_TABLE = "integrado_relay_lease"

_CREATE = f"""
CREATE TABLE IF NOT EXISTS {LEASE_TABLE} (
    name text PRIMARY KEY,
    holder text NOT NULL,
    token bigint NOT NULL,
    expires_at timestamptz NOT NULL,
    acquired_at timestamptz
)
"""

# The token also follows the database's clock in milliseconds, so a database recreated from
# scratch (tokens back at 1) still outranks the fence a former leader left in Redis.
_ACQUIRE = f"""
UPDATE {LEASE_TABLE}
   SET holder = :holder,
       token = GREATEST(token + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint),
       expires_at = clock_timestamp() + make_interval(secs => :ttl),
       acquired_at = clock_timestamp()
 WHERE name = :name AND expires_at < clock_timestamp()
RETURNING token
"""

_RENEW = f"""
UPDATE {LEASE_TABLE}
   SET expires_at = clock_timestamp() + make_interval(secs => :ttl)
 WHERE name = :name AND holder = :holder AND token = :token AND expires_at > clock_timestamp()
RETURNING token
"""

_RELEASE = f"""
UPDATE {LEASE_TABLE}
   SET expires_at = clock_timestamp() - interval '1 second'
 WHERE name = :name AND holder = :holder AND token = :token
"""

_READ = f"""
SELECT holder, token, expires_at > clock_timestamp() AS live,
       extract(epoch FROM expires_at - clock_timestamp()) AS left_s
  FROM {LEASE_TABLE} WHERE name = :name
"""


@dataclass(frozen=True, slots=True)
class LeaseHolder:
    """Who holds the lease now, as the database sees it."""

    holder: str
    token: int
    live: bool
    seconds_left: float


class RelayLease:
    """One named lease row; every method is one autocommit statement."""

    def __init__(self, engine: Engine, holder: str, *, name: str = "relay", ttl: float = 8.0) -> None:
        self.engine = engine
        self.holder = holder
        self.name = name
        self.ttl = ttl

    def ensure_table(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(_CREATE))
            conn.execute(
                text(
                    f"INSERT INTO {LEASE_TABLE} (name, holder, token, expires_at) "
                    "VALUES (:name, '', 0, 'epoch') ON CONFLICT (name) DO NOTHING"
                ),
                {"name": self.name},
            )

    def try_acquire(self) -> int | None:
        """The new fencing token when the lease was free (expired), else None."""
        with self.engine.begin() as conn:
            token = conn.execute(
                text(_ACQUIRE), {"holder": self.holder, "ttl": self.ttl, "name": self.name}
            ).scalar_one_or_none()
        return None if token is None else int(token)

    def renew(self, token: int) -> bool:
        """False when the lease is no longer ours (expired, or taken by another relay)."""
        with self.engine.begin() as conn:
            row = conn.execute(
                text(_RENEW), {"holder": self.holder, "ttl": self.ttl, "name": self.name, "token": token}
            ).first()
        return row is not None

    def release(self, token: int) -> None:
        """Let a standby take over at once (a clean stop) instead of after the TTL."""
        with self.engine.begin() as conn:
            conn.execute(text(_RELEASE), {"holder": self.holder, "name": self.name, "token": token})

    def current(self) -> LeaseHolder | None:
        with self.engine.connect() as conn:
            row = conn.execute(text(_READ), {"name": self.name}).first()
        if row is None:
            return None
        return LeaseHolder(str(row.holder), int(row.token), bool(row.live), float(row.left_s or 0.0))
