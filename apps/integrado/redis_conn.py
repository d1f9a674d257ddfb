"""One place that turns settings into redis.asyncio clients (TLS, credentials, time-outs, and
Sentinel: with sentinels configured every new connection asks them for the current primary, so
the relay's and the consumers' reconnections after a failover reach the new one)."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlsplit

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel
from redis.backoff import NoBackoff

from integrado.settings import RedisSettings


def redis_client(settings: RedisSettings, *, name: str, socket_timeout: float | None = 5.0, **extra: Any) -> Redis:
    """A client for `settings`; bytes in and out (payloads are decoded by our codec)."""
    options: dict[str, Any] = {
        "socket_connect_timeout": 3.0,
        "socket_timeout": socket_timeout,
        "client_name": name,
        "retry_on_timeout": False,
        # We own reconnection (relay backoff, bus resubscribe + catch-up). redis-py's default
        # (10 retries with backoff) hides a dropped connection for seconds and, for Pub/Sub,
        # silently resubscribes: messages published meanwhile would skip the catch-up and the
        # state would never leave "live".
        "retry": Retry(NoBackoff(), 0),
    }
    if settings.password:
        options["password"] = settings.password
    if settings.url.startswith("rediss://"):
        options["ssl_cert_reqs"] = "required"
        options["ssl_check_hostname"] = True
        if settings.tls_ca_file:
            options["ssl_ca_certs"] = settings.tls_ca_file
    options.update(extra)
    client: SettingsRedis
    if settings.sentinels:
        client = _sentinel_client(settings, options)
    else:
        client = cast(SettingsRedis, SettingsRedis.from_url(settings.url, **options))
    client.wait_replicas = settings.wait_replicas
    client.wait_timeout_ms = settings.wait_timeout_ms
    return client


class SettingsRedis(Redis):
    """A client built from settings. It carries how many replicas a writer waits for after a
    write (WAIT), so that every relay built on `redis_client` waits alike."""

    wait_replicas: int = 0
    wait_timeout_ms: int = 1000


def replication_wait(client: object) -> tuple[int, int]:
    """(replicas to wait for, time-out in ms) for writes through `client`; (0, 0): do not wait."""
    if isinstance(client, SettingsRedis) and client.wait_replicas > 0:
        return client.wait_replicas, client.wait_timeout_ms
    return 0, 0


class SentinelRedis(SettingsRedis):
    """A client of the primary that Sentinel names; closing it closes its sentinel connections too."""

    sentinel_manager: Sentinel | None = None

    async def aclose(self, close_connection_pool: bool | None = None) -> None:
        try:
            await super().aclose(close_connection_pool)
        finally:
            sentinel, self.sentinel_manager = self.sentinel_manager, None
            if sentinel is not None:
                await sentinel.aclose()


def _sentinel_client(settings: RedisSettings, options: dict[str, Any]) -> SentinelRedis:
    """The URL still gives the scheme (rediss: TLS to the servers and the sentinels), the user and
    the database; its host and port are not used (the sentinels say where the primary is)."""
    parts = urlsplit(settings.url)
    options = dict(options)
    options["db"] = int(parts.path.strip("/") or 0)
    if parts.username:
        options["username"] = parts.username
    sentinel_options: dict[str, Any] = {
        key: options[key] for key in ("socket_connect_timeout", "socket_timeout", "retry") if key in options
    }
    if parts.scheme == "rediss":
        options["ssl"] = True
        tls = {key: value for key, value in options.items() if key.startswith("ssl_")}
        sentinel_options.update(tls, ssl=True)
    # A sentinel that does not answer within the connect time-out is skipped for the next one.
    sentinel_options["socket_timeout"] = options.get("socket_connect_timeout", 3.0)
    sentinel = Sentinel(settings.sentinels, sentinel_kwargs=sentinel_options)
    assert settings.sentinel_service is not None  # settings refuse sentinels without a service
    client = sentinel.master_for(settings.sentinel_service, redis_class=SentinelRedis, **options)
    assert isinstance(client, SentinelRedis)
    client.sentinel_manager = sentinel
    return client
