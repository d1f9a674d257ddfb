"""`integrado doctor`: checks a deployment and says in plain words what is wrong and how to fix it."""

from __future__ import annotations

import ssl
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from redis import exceptions as redis_errors
from redis.asyncio import Redis
from sqlalchemy import inspect, text

from integrado.bus import StreamSource
from integrado.db import make_engine
from integrado.pipeline import stream_sources
from integrado.redis_conn import redis_client
from integrado.settings import Settings

Say = Callable[[str], None]


async def run_doctor(settings: Settings, say: Say) -> bool:
    ok = True
    say(
        f"Settings: {settings.config_dir / 'settings.toml'}"
        + ("" if (settings.config_dir / "settings.toml").exists() else " (not present; defaults in use)")
    )
    say(f"Redis:    {settings.redis.redacted_url()}" + ("" if settings.redis.configured else " (default)"))
    ok &= await _check_redis(settings, say)
    for name, url in (
        ("CallSystem", settings.callsystem_db),
        ("TaskManager", settings.taskmanager_db),
        ("Console", settings.console_db),
    ):
        ok &= _check_db(name, url, say)
    say("All checks passed." if ok else "Some checks failed; see above.")
    return ok


async def _check_redis(settings: Settings, say: Say) -> bool:
    client = redis_client(settings.redis, name="integrado-doctor")
    try:
        try:
            await client.ping()
        except redis_errors.AuthenticationError:
            say(
                "  FAIL  Redis refused the credentials: check the user in the URL and the password "
                "(REDIS_PASSWORD or the keyring entry 'integrado')."
            )
            return False
        except redis_errors.ConnectionError as exc:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, ssl.SSLError) or "SSL" in str(exc) or "certificate" in str(exc).lower():
                say(_tls_failure(settings, exc))
            else:
                hint = ""
                if not settings.redis.url.startswith("rediss://") and (
                    "reset by peer" in str(exc) or "closed by server" in str(exc).lower()
                ):
                    hint = " If this server only accepts TLS, the URL must start with rediss://."
                say(
                    f"  FAIL  No Redis server answers at {settings.redis.redacted_url()} ({_first_line(exc)}). "
                    "Start one (or run `integrado run`, which starts the embedded server), or set REDIS_URL." + hint
                )
            return False
        except redis_errors.ResponseError as exc:
            if isinstance(exc, redis_errors.NoPermissionError) or "NOPERM" in str(exc).upper():
                say(
                    f"  FAIL  Redis refused a command every app needs ({_first_line(exc)}): the ACL user "
                    f"needs at least +ping +client|setname +acl|whoami +info ({_ACL_HINT})."
                )
            else:
                say(f"  FAIL  Redis answered with an error: {_first_line(exc)}")
            return False
        info = await client.info("server")
        version = str(info.get("valkey_version") or info.get("redis_version") or "0")
        say(f"  ok    connected; server version {version}")
        ok = True
        if tuple(int(x) for x in version.split(".")[:2] if x.isdigit()) < (6, 2):
            say("  FAIL  Integrado needs Redis 6.2 or newer (or Valkey); upgrade the server.")
            ok = False
        try:
            user = (await client.execute_command("ACL", "WHOAMI")).decode()
        except redis_errors.ResponseError:
            user = "default"
        say(f"  ok    authenticated as {user!r}")
        for source in stream_sources(settings.redis):
            ok &= await _check_rights(client, user, source, say)
        return ok
    finally:
        await client.aclose()


_ACL_HINT = "see resources/redis/users.acl and docs/deployment.md"
_APP_OF = {"callsystem": "CallSystem", "taskmanager": "TaskManager"}


async def _check_rights(client: Redis, user: str, source: StreamSource, say: Say) -> bool:
    """Probe what `user` may do on one source, without changing anything on the server.

    Reads are tried for real (they are harmless). Writes are queued inside MULTI and then
    DISCARDed: Redis checks ACL rights when a command is queued, so a refused PUBLISH or XADD
    answers NOPERM there and nothing is ever executed.
    """
    channel, stream = source.channel, source.stream
    app = _APP_OF.get(source.system, source.system)
    read = await _allowed(client.xrevrange(stream, count=1))
    info = await _allowed(client.xinfo_stream(stream))
    subscribe = await _may_subscribe(client, channel)
    writes = await _may_queue(client, [("PUBLISH", channel, "probe"), ("XADD", stream, "*", "probe", "1")])
    ok = True

    reading = {f"read stream {stream!r}": read and info, f"subscribe to {channel!r}": subscribe}
    if all(reading.values()):
        say(f"  ok    {user!r} may read stream {stream!r} and subscribe to {channel!r}")
    elif not any(reading.values()):
        say(
            f"  note  {user!r} may not read stream {stream!r} nor subscribe to {channel!r}: fine for "
            f"an operator app; the Event Console and `integrado consume` need both ({_ACL_HINT})"
        )
    else:
        ok = False
        granted = " ".join(k for k, v in reading.items() if v)
        refused = " ".join(k for k, v in reading.items() if not v)
        extra = " (XINFO STREAM is refused: it detects a reset stream)" if read and not info else ""
        say(
            f"  FAIL  {user!r} may {granted} but not {refused}{extra}: the Event Console would miss "
            f"events or gaps; grant both ({_ACL_HINT})"
        )

    if writes is None:
        say(
            f"  note  {user!r} may not publish to {channel!r} nor append to {stream!r} (it may not even "
            f"run MULTI/EXEC, which the relay uses): fine for the Event Console; {app} cannot send its "
            "events with this credential (they would stay queued)"
        )
    elif all(writes):
        say(f"  ok    {user!r} may publish to {channel!r} and append to {stream!r}")
    elif not any(writes):
        say(
            f"  note  {user!r} may not publish to {channel!r} nor append to {stream!r}: fine for the "
            f"Event Console or the other app; {app} cannot send its events with this credential "
            "(they would stay queued)"
        )
    else:
        ok = False
        may, may_not = (f"publish to {channel!r}", f"append to {stream!r}")[:: 1 if writes[0] else -1]
        say(
            f"  FAIL  {user!r} may {may} but not {may_not}: {app}'s relay needs both (XADD and PUBLISH "
            f"in one MULTI/EXEC), so its events would stay queued ({_ACL_HINT})"
        )
    return ok


async def _allowed(call: Awaitable[object]) -> bool:
    try:
        await call
    except redis_errors.NoPermissionError:
        return False
    except redis_errors.ResponseError as exc:
        # "no such key": allowed, the stream just does not exist yet.
        return "NOPERM" not in str(exc).upper()
    return True


async def _may_subscribe(client: Redis, channel: str) -> bool:
    pubsub = client.pubsub()
    try:
        await pubsub.subscribe(channel)
        message = await pubsub.get_message(timeout=2)
        return message is not None and message.get("type") == "subscribe"
    except redis_errors.ResponseError:
        return False
    finally:
        await pubsub.aclose()


async def _may_queue(client: Redis, commands: list[tuple[str, ...]]) -> list[bool] | None:
    """Whether each command would be accepted; None when the user may not run MULTI at all."""
    conn = await client.connection_pool.get_connection()
    try:
        await conn.send_command("MULTI")
        try:
            await conn.read_response()
        except redis_errors.ResponseError:
            return None
        answers: list[bool] = []
        for command in commands:
            await conn.send_command(*command)
            try:
                await conn.read_response()
                answers.append(True)
            except redis_errors.ResponseError as exc:
                answers.append("NOPERM" not in str(exc).upper() and not isinstance(exc, redis_errors.NoPermissionError))
        await conn.send_command("DISCARD")
        await conn.read_response()
        return answers
    finally:
        await client.connection_pool.release(conn)


def _check_db(name: str, url: str, say: Say) -> bool:
    shown = url.split("@")[-1] if "@" in url else url
    try:
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            tables = set(inspect(conn).get_table_names())
            detail = ""
            if "integrado_outbox" in tables:
                counts: dict[str, int] = dict(
                    conn.execute(text("SELECT status, count(*) FROM integrado_outbox GROUP BY status")).all()
                )
                detail = f"; outbox: {counts.get('pending', 0)} queued, {counts.get('dead', 0)} dead letters"
        engine.dispose()
        say(f"  ok    {name} database {shown}{detail}")
        return True
    except Exception as exc:  # noqa: BLE001 - reported in plain words
        say(f"  FAIL  {name} database {shown}: {_first_line(exc)}")
        return False


def _tls_failure(settings: Settings, exc: BaseException) -> str:
    """The TLS failure in words a person can act on."""
    detail = _first_line(exc)
    host = urlsplit(settings.redis.url).hostname or "?"
    ca = settings.redis.tls_ca_file
    if "mismatch" in detail.lower() or "not valid for" in detail.lower():
        return (
            f"  FAIL  TLS: the server's certificate does not name the host {host!r} ({detail}). Connect "
            "with a name the certificate carries (in REDIS_URL), or have the certificate reissued for this name."
        )
    if "verify failed" in detail.lower():
        where = f"the CA in {ca}" if ca else "a CA this computer trusts (no INTEGRADO_REDIS_CA is set)"
        return (
            f"  FAIL  TLS: the server's certificate is not signed by {where} ({detail}). Set "
            "INTEGRADO_REDIS_CA to the office CA's certificate file (the one that signed the server's)."
        )
    return f"  FAIL  TLS handshake with {host!r} failed ({detail}): check INTEGRADO_REDIS_CA and the URL."


def _first_line(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:200]
