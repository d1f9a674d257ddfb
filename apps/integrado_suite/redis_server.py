"""Which Redis the suite talks to: the configured one, else the embedded server.

A server that merely answers on localhost is never adopted: it may be anyone's (another OS
user's, an old unprotected one). `integrado doctor` reports one it finds and says how to point
the suite at it explicitly.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import replace

from integrado.command_line import CliError
from integrado.settings import Settings


def resolve_redis(settings: Settings, *, force_embedded: bool = False) -> tuple[Settings, Callable[[], None] | None]:
    """Use the configured server, else start the embedded one (locked down, see `integrado.embedded`)."""
    from integrado.embedded import (
        EmbeddedServerError,
        RedisServerProcess,
        embedded_password,
        embedded_server_binary,
        free_port,
        port_is_free,
    )

    if settings.redis.configured and not force_embedded:
        return settings, None
    server_dir = settings.data_dir / "redis"
    # The usual port lets an app started on its own later find the server without a file; if
    # something else holds it, any free port will do (the server records which in its folder).
    default_port = settings.redis.embedded_port
    port = default_port if port_is_free(default_port) and not force_embedded else free_port()
    try:
        binary = embedded_server_binary()
        password = embedded_password(server_dir, create=True)
        server = RedisServerProcess(server_dir, port=port, binary=binary, password=password, record_port=True)
        url = server.start()
    except EmbeddedServerError as exc:
        raise CliError(f"integrado: cannot start the embedded Redis server: {exc}") from None
    print(f"integrado: started the embedded Redis server ({binary}) on {url}", file=sys.stderr)
    redis = replace(settings.redis, url=url, password=password, configured=False)
    return replace(settings, redis=redis), server.stop


class SuiteSettings:
    """The suite's settings in the order `integrado run` needs them: `first()` for the first
    window (no OS keyring: its module alone costs ~60 ms), then `reload()` once that window has
    painted: the whole settings and the Redis the suite talks to, starting the embedded server
    if needed (a few hundred ms; `run_gui` runs it beside the window, in a worker thread).
    `stop()` stops a server it started; it may be called more than once. `resolving`: when the reload began and ended (time.time())."""

    def __init__(self, env: Mapping[str, str] | None = None, *, embedded: bool = False) -> None:
        self.env, self.embedded = env, embedded
        self.resolving: list[float] = []
        self._stops: list[Callable[[], None]] = []

    def first(self) -> Settings:
        return Settings.load(self.env, read_keyring=False)

    def reload(self) -> Settings:
        self.resolving.append(time.time())
        settings = Settings.load(self.env)
        settings, stop = resolve_redis(settings, force_embedded=self.embedded)
        if stop is not None:
            self._stops.append(stop)
        self.resolving.append(time.time())
        return settings

    def stop(self) -> None:
        while self._stops:
            self._stops.pop()()
