"""One place that turns settings into redis.asyncio clients (TLS, credentials, time-outs)."""

from __future__ import annotations

from typing import Any

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
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
    return Redis.from_url(settings.url, **options)
