"""Which Redis the suite talks to: the configured one, one on localhost, or the embedded server."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace

from integrado.command_line import CliError
from integrado.settings import Settings


def resolve_redis(settings: Settings, *, force_embedded: bool = False) -> tuple[Settings, Callable[[], None] | None]:
    """Use the configured server, else one on localhost:6379, else start the embedded one."""
    from integrado.embedded import EmbeddedServerError, RedisServerProcess, free_port, port_answers, port_is_free

    if not force_embedded and (settings.redis.configured or port_answers("127.0.0.1", 6379)):
        return settings, None
    # The default port lets an app started on its own later (callsystem-gui, ...) find the server;
    # if something else holds it, any free port will do for this suite.
    port = 6379 if port_is_free(6379) and not force_embedded else free_port()
    server = RedisServerProcess(settings.data_dir / "redis", port=port)
    try:
        url = server.start()
    except EmbeddedServerError as exc:
        raise CliError(f"integrado: cannot start the embedded Redis server: {exc}") from None
    print(f"integrado: started the embedded Redis server ({server.binary}) on {url}", file=sys.stderr)
    return replace(settings, redis=replace(settings.redis, url=url)), server.stop
