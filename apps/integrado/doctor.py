"""`integrado doctor`: checks a deployment and says in plain words what is wrong and how to fix it."""

from __future__ import annotations

import ssl
from collections.abc import Callable

from redis import exceptions as redis_errors
from sqlalchemy import inspect, text

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
                say(
                    f"  FAIL  TLS handshake failed ({_first_line(exc)}): check the CA file (INTEGRADO_REDIS_CA) and that the host name matches the certificate."
                )
            else:
                say(
                    f"  FAIL  No Redis server answers at {settings.redis.redacted_url()} ({_first_line(exc)}). "
                    "Start one (or run `integrado run`, which starts the embedded server), or set REDIS_URL."
                )
            return False
        except redis_errors.ResponseError as exc:
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
            ok &= await _check_rights(client, user, source.channel, source.stream, say)
        return ok
    finally:
        await client.aclose()


async def _check_rights(client, user: str, channel: str, stream: str, say: Say) -> bool:  # type: ignore[no-untyped-def]
    rights: list[str] = []
    missing: list[str] = []
    probes = {
        f"read stream {stream!r}": ("XRANGE", stream, "-", "+", "COUNT", "1"),
        f"subscribe to {channel!r}": ("SUBSCRIBE", channel),
        f"publish to {channel!r}": ("PUBLISH", channel, "probe"),
        f"append to stream {stream!r}": ("XADD", stream, "*", "probe", "1"),
    }
    dryrun_available = True
    for label, command in probes.items():
        try:
            reply = await client.execute_command("ACL", "DRYRUN", user, *command)
            allowed = reply in (b"OK", "OK")
        except redis_errors.ResponseError as exc:
            if "DRYRUN" in str(exc).upper() or "NOPERM" in str(exc).upper() or "unknown subcommand" in str(exc):
                dryrun_available = False
                break
            allowed = False
        (rights if allowed else missing).append(label)
    if not dryrun_available:
        try:
            await client.xrange(stream, count=1)
            say(f"  ok    can read stream {stream!r} (write rights not checked: this user may not run ACL DRYRUN)")
            return True
        except redis_errors.ResponseError as exc:
            say(f"  FAIL  cannot read stream {stream!r}: {_first_line(exc)}")
            return False
    if rights:
        say(f"  ok    {user!r} may " + ", ".join(rights))
    for label in missing:
        say(
            f"  note  {user!r} may not {label} (expected for a console user; an operator app needs "
            "publish and append on its own channel and stream)"
        )
    return True


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


def _first_line(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:200]
