"""`integrado doctor`: checks a deployment and says in plain words what is wrong and how to fix it.

Redis rights are checked for the role the credential plays, told by the ACL user's name (the
shipped `resources/redis/users.acl` names them so): a name containing `relay` is the office relay
service (the only writer), `callsystem` / `taskmanager` an operator PC's live view of that app
(read-only, its own channel and stream), `console` the Event Console (read-only, both); the
`default` user (no ACL: a single PC's own server) must be able to do everything. For each right
that is missing the doctor names the ACL rule to add; for each write right a read-only user holds,
the rule to take away. Nothing is written on the server while probing (see `_Prober`).
"""

from __future__ import annotations

import re
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from redis import exceptions as redis_errors
from redis.asyncio import Redis
from sqlalchemy import inspect, text

from integrado.bus import StreamSource
from integrado.db import make_engine
from integrado.embedded import embedded_port, port_answers
from integrado.pipeline import stream_sources
from integrado.redis_conn import redis_client
from integrado.relay.fence import FENCE_PREFIX, fence_key
from integrado.secrets import redact_url
from integrado.settings import Settings

Say = Callable[[str], None]

_ACL_HINT = "resources/redis/users.acl, docs/deployment.md"
_PROBE_KEY = "integrado:doctor:probe"


class Role(StrEnum):
    """What a Redis credential is for; decides which rights the doctor expects."""

    RELAY = "relay"
    CALLSYSTEM = "callsystem"
    TASKMANAGER = "taskmanager"
    CONSOLE = "console"
    SINGLE_PC = "single-pc"


_ROLE_WORDS = {
    Role.RELAY: "the office relay service: the only writer",
    Role.CALLSYSTEM: "a CallSystem operator PC: read-only, its own channel and stream",
    Role.TASKMANAGER: "a TaskManager operator PC: read-only, its own channel and stream",
    Role.CONSOLE: "the Event Console: read-only, every channel and stream",
    Role.SINGLE_PC: "a single PC's own server: its apps publish and read everything",
}


def role_for_user(user: str) -> Role | None:
    """The role an ACL user name says it plays (None: the name does not tell)."""
    name = user.lower()
    if name == "default":
        return Role.SINGLE_PC
    for role in (Role.RELAY, Role.CONSOLE, Role.CALLSYSTEM, Role.TASKMANAGER):
        if role.value in name:
            return role
    return None


async def run_doctor(settings: Settings, say: Say, *, role: Role | None = None) -> bool:
    """Check Redis (reachability, TLS, the credential's rights for its role) and the databases."""
    ok = True
    say(
        f"Settings: {settings.config_dir / 'settings.toml'}"
        + ("" if (settings.config_dir / "settings.toml").exists() else " (not present; defaults in use)")
    )
    say(f"Redis:    {settings.redis.redacted_url()}" + ("" if settings.redis.configured else " (embedded server)"))
    if not settings.redis.configured:
        _report_local_server(settings, say)
    redis_ok, checked = await _check_redis(settings, say, role)
    ok &= redis_ok
    for name, system, url in (
        ("CallSystem", Role.CALLSYSTEM, settings.callsystem_db),
        ("TaskManager", Role.TASKMANAGER, settings.taskmanager_db),
        ("Console", None, settings.console_db),
    ):
        ok &= _check_db(name, url, say)
        if system is not None and checked is system and url.startswith("sqlite"):
            ok = False
            say(
                f"  FAIL  {name}'s database is a SQLite file on this PC, so {name} publishes its own "
                f"events, but user {system.value!r} may not write to Redis: they would stay queued. An "
                f"office PC uses the shared PostgreSQL database (INTEGRADO_{system.value.upper()}_DB); "
                "the relay service publishes it."
            )
    say("All checks passed." if ok else "Some checks failed; see above.")
    return ok


async def _check_redis(settings: Settings, say: Say, role: Role | None) -> tuple[bool, Role | None]:
    """(all fine, the role whose rights were checked)."""
    client = redis_client(settings.redis, name="integrado-doctor")
    try:
        try:
            await client.ping()
        except redis_errors.AuthenticationError:
            say(
                "  FAIL  Redis refused the credentials: check the user in the URL and the password "
                "(REDIS_PASSWORD or the keyring entry 'integrado'), and that the user is 'on'."
            )
            return False, None
        except redis_errors.ConnectionError as exc:
            say(_connection_failure(settings, exc))
            return False, None
        except redis_errors.ResponseError as exc:
            refusal = _refusal(exc)
            if refusal is not None:
                say(
                    f"  FAIL  Redis refused a command every client sends when it connects ({refusal.text}): "
                    f"add '{refusal.rule or '+ping +hello +client|setname'}' to the user's ACL line ({_ACL_HINT})."
                )
            else:
                say(f"  FAIL  Redis answered with an error: {_first_line(exc)}")
            return False, None
        version = await _server_version(client)
        say(f"  ok    connected; server version {version}")
        ok = True
        if (6, 2) > tuple(int(x) for x in version.split(".")[:2] if x.isdigit()) > (0, 0):
            say("  FAIL  Integrado needs Redis 6.2 or newer (or Valkey); upgrade the server.")
            ok = False
        user = await _whoami(client, settings)
        chosen = role or role_for_user(user)
        if chosen is None:
            say(
                f"  FAIL  cannot tell which role user {user!r} plays, so its rights were not checked: name "
                "the ACL user after its role (relay, callsystem, taskmanager or console; 'callsystem-pc07' "
                f"will do) ({_ACL_HINT})"
            )
            return False, None
        say(f"  ok    authenticated as {user!r}; checking the rights of {_ROLE_WORDS[chosen]}")
        prober = _Prober(client, settings, user, say)
        ok &= await prober.check(chosen)
        return ok, chosen
    finally:
        await client.aclose()


async def _server_version(client: Redis) -> str:
    """From HELLO (every user of the shipped ACL may send it), else INFO, else unknown."""
    try:
        hello = await client.execute_command("HELLO")
        fields = hello if isinstance(hello, dict) else dict(zip(hello[::2], hello[1::2], strict=False))
        return _text(fields.get(b"version") or fields.get("version") or "unknown")
    except redis_errors.ResponseError:
        pass
    try:
        info = await client.info("server")
        return str(info.get("valkey_version") or info.get("redis_version") or "unknown")
    except redis_errors.ResponseError:
        return "unknown"


async def _whoami(client: Redis, settings: Settings) -> str:
    try:
        return _text(await client.execute_command("ACL", "WHOAMI"))
    except redis_errors.ResponseError:
        # Without +acl|whoami the URL still names the user the client signed in as.
        return urlsplit(settings.redis.url).username or "default"


@dataclass(frozen=True, slots=True)
class _Refusal:
    """A NOPERM answer: what kind of right was missing, and the ACL rule that grants it."""

    kind: str  # "command", "key" or "channel"
    text: str
    rule: str = ""


_COMMAND_REFUSED = re.compile(r"permissions to run the '([^']+)' command")


def _refusal(exc: BaseException) -> _Refusal | None:
    """The refusal in a NOPERM error (None: not a permission error)."""
    message = _first_line(exc)
    if not isinstance(exc, redis_errors.NoPermissionError) and "NOPERM" not in message:
        return None
    if match := _COMMAND_REFUSED.search(message):
        return _Refusal("command", message, "+" + match.group(1))
    if "channel" in message:
        return _Refusal("channel", message)
    return _Refusal("key", message)


class _Prober:
    """Probes what one user may do without writing anything.

    Reads are tried for real. Writes are sent in forms Redis refuses only after the ACL check:
    `XADD ... MAXLEN -1` and `XTRIM ... MAXLEN -1` ("MAXLEN must be >= 0"), `SET ... EX -1`
    ("invalid expire time"), `PUBLISH` on a RESP2 connection in subscribed mode ("only
    SUBSCRIBE ... allowed in this context"). NOPERM means refused; the other error means the
    user holds the right. The relay's script rights are asked of Redis itself from inside a
    script (`redis.acl_check_cmd`), which runs nothing.
    """

    def __init__(self, client: Redis, settings: Settings, user: str, say: Say) -> None:
        self.client = client
        self.settings = settings
        self.user = user
        self.say = say
        self.sources = stream_sources(settings.redis)
        self.ok = True
        self._publish_unchecked = False

    def fail(self, message: str) -> None:
        self.ok = False
        self.say(f"  FAIL  user {self.user!r} {message}")

    def good(self, message: str) -> None:
        self.say(f"  ok    user {self.user!r} {message}")

    async def check(self, role: Role) -> bool:
        if role is Role.RELAY:
            for source in self.sources:
                await self._relay_rights(source)
        elif role is Role.SINGLE_PC:
            for source in self.sources:
                await self._read_rights(source, "the apps' live views and the Event Console")
                await self._direct_publish_rights(source)
        else:
            own = [s for s in self.sources if role is Role.CONSOLE or s.system == role.value]
            who = "the Event Console" if role is Role.CONSOLE else f"{role.value}'s live view"
            for source in own:
                await self._read_rights(source, who)
            before = self.ok
            self.ok = True
            for source in self.sources:
                if source not in own:
                    await self._no_read_rights(source)
                await self._no_write_rights(source)
            if self.ok:
                refused = "XADD, XTRIM, SET" + ("" if self._publish_unchecked else ", PUBLISH")
                self.good(f"may write nothing ({refused} refused), as a read-only user should")
            self.ok &= before
        return self.ok

    # -- what a reader needs (the bus consumer: SUBSCRIBE, XREAD, XINFO STREAM) -------------------

    async def _read_rights(self, source: StreamSource, who: str) -> None:
        channel, stream = source.channel, source.stream
        reconnects = "without it the view reconnects every few seconds and shows nothing live"
        missing = []
        refused = await self._subscribe(channel)
        if refused is not None:
            missing.append(("SUBSCRIBE to", channel, _rule(refused, "+subscribe", f"&{channel}"), reconnects))
        for command, call, without in (
            ("XREAD", self.client.xread({stream: "$"}, count=1), reconnects),
            ("XINFO STREAM", self.client.xinfo_stream(stream), "without it a stream reset goes unnoticed"),
        ):
            refused = await _attempt(call)
            if refused is not None:
                rule = _rule(refused, "+" + command.lower().replace(" ", "|"), f"%R~{stream}")
                missing.append((command, stream, rule, without))
        if not missing:
            self.good(f"may subscribe to {channel!r} and read stream {stream!r} ({who})")
        for command, target, rule, without in missing:
            self.fail(
                f"cannot {command} {target!r}: add '{rule}' to its ACL line ({who} needs it; {without}) ({_ACL_HINT})"
            )

    async def _subscribe(self, channel: str) -> _Refusal | None:
        conn = await self._resp2_connection()
        try:
            await conn.send_command("SUBSCRIBE", channel)
            await conn.read_response()
            return None
        except redis_errors.ResponseError as exc:
            return _refusal(exc)
        finally:
            await conn.disconnect()

    # -- what a read-only user must not do --------------------------------------------------------

    async def _no_read_rights(self, source: StreamSource) -> None:
        if await self._subscribe(source.channel) is None:
            self.fail(
                f"may subscribe to {source.channel!r}, another app's channel: remove '&{source.channel}' "
                f"from its ACL line ({_ACL_HINT})"
            )
        if await _attempt(self.client.xread({source.stream: "$"}, count=1)) is None:
            self.fail(
                f"may read {source.stream!r}, another app's stream: remove '%R~{source.stream}' (or the key "
                f"pattern that matches it) from its ACL line ({_ACL_HINT})"
            )

    async def _no_write_rights(self, source: StreamSource) -> None:
        channel, stream = source.channel, source.stream
        only = "only the relay service writes"
        for what, command, rule in (
            ("append to", ("XADD", stream, "MAXLEN", "-1", "*", "probe", "1"), "+xadd"),
            ("trim", ("XTRIM", stream, "MAXLEN", "-1"), "+xtrim"),
            ("overwrite", ("SET", stream, "probe", "EX", "-1"), "+set"),
        ):
            if await _attempt(self.client.execute_command(*command)) is None:
                self.fail(
                    f"may {what} {stream!r} ({command[0]}): {only}; remove '{rule}' from its ACL line, and "
                    f"grant the stream read-only ('%R~{stream}', not '~{stream}') ({_ACL_HINT})"
                )
        if await _attempt(self.client.execute_command("SET", _PROBE_KEY, "probe", "EX", "-1")) is None:
            self.fail(f"may write keys other than the streams ({_PROBE_KEY!r}): {only} ({_ACL_HINT})")
        publish = await self._may_publish(channel)
        if publish:
            self.fail(
                f"may PUBLISH to {channel!r}: {only} (a PC could put any event on the wire); remove "
                f"'+publish' from its ACL line ({_ACL_HINT})"
            )
        elif publish is None:
            self._publish_unchecked = True
            self.say(f"  note  user {self.user!r}: whether it may PUBLISH to {channel!r} could not be checked")

    async def _may_publish(self, channel: str) -> bool | None:
        """Asked in subscribed mode (RESP2), where an allowed PUBLISH is answered but not run."""
        readable = [s.channel for s in self.sources if await self._subscribe(s.channel) is None]
        if not readable:
            return None
        conn = await self._resp2_connection()
        try:
            await conn.send_command("SUBSCRIBE", readable[0])
            await conn.read_response()
            await conn.send_command("PUBLISH", channel, "probe")
            try:
                reply = await conn.read_response()
            except redis_errors.ResponseError as exc:
                return _refusal(exc) is None
            # Never expected on RESP2; said rather than taken for a refusal.
            raise RuntimeError(f"PUBLISH ran in subscribed mode ({reply!r})")
        finally:
            await conn.disconnect()

    async def _resp2_connection(self) -> Any:
        # RESP2 on purpose: on RESP3 a subscribed connection runs any command.
        probe = redis_client(self.settings.redis, name="integrado-doctor", protocol=2)
        conn = probe.connection_pool.make_connection()
        await conn.connect()
        return conn

    # -- the relay service -------------------------------------------------------------------

    async def _relay_rights(self, source: StreamSource) -> None:
        channel, stream, fence = source.channel, source.stream, fence_key(source.stream)
        fences = FENCE_PREFIX + "*"
        missing: list[str] = []
        try:
            granted = await self.client.eval(_ACL_CHECK, 2, fence, stream, channel)
        except redis_errors.ResponseError as exc:
            refused = _refusal(exc)
            if refused is None:
                raise
            rule = _rule(refused, "+eval", f"~{fences} ~{stream}")
            missing.append(f"cannot run its publish script (EVAL on {fence!r} and {stream!r}): add '{rule}'")
        else:
            needs = (
                (f"GET its fence {fence!r}", f"+get ~{fences}"),
                (f"SET its fence {fence!r}", f"+set ~{fences}"),
                (f"XADD to {stream!r}", f"+xadd ~{stream}"),
                (f"PUBLISH to {channel!r}", f"+publish &{channel}"),
            )
            missing += [
                f"cannot {what} inside its publish script: add '{rule}'"
                for (what, rule), allowed in zip(needs, granted, strict=True)
                if not allowed
            ]
        refused = await _attempt(self.client.xrevrange(stream, count=1))
        if refused is not None:
            rule = _rule(refused, "+xrevrange", f"~{stream}")
            missing.append(f"cannot XREVRANGE {stream!r} (what a new active relay reads on takeover): add '{rule}'")
        if not missing:
            self.good(f"may publish to {channel!r} and append to {stream!r} under its fence {fence!r}")
        for problem in missing:
            self.fail(
                f"{problem} to its ACL line ({_ACL_HINT}); until then the relay service cannot publish "
                f"{source.system}'s events (they stay queued)"
            )

    async def _direct_publish_rights(self, source: StreamSource) -> None:
        """A single PC's apps publish themselves: MULTI, XADD, PUBLISH, EXEC."""
        answers = await _may_queue(
            self.client, [("XADD", source.stream, "*", "probe", "1"), ("PUBLISH", source.channel, "probe")]
        )
        if answers is not None and all(answers):
            self.good(f"may publish to {source.channel!r} and append to {source.stream!r}")
            return
        self.fail(
            f"cannot publish {source.system}'s events (MULTI, XADD {source.stream!r}, PUBLISH {source.channel!r}): "
            f"on a single PC the apps publish themselves; give this user all rights, or if this PC belongs "
            f"to an office, sign in as its app's user ({_ACL_HINT})"
        )


# KEYS: fence, stream. ARGV: channel. Runs nothing: asks whether the user could.
_ACL_CHECK = """
local function may(...)
  if redis.acl_check_cmd(...) then return 1 end
  return 0
end
return {may('GET', KEYS[1]), may('SET', KEYS[1], '1'),
        may('XADD', KEYS[2], '*', 'f', 'v'), may('PUBLISH', ARGV[1], 'p')}
"""


def _rule(refused: _Refusal, command_rule: str, target_rule: str) -> str:
    """The ACL rule to add: the pattern alone when the command was allowed, else both."""
    if refused.kind == "command":
        return f"{target_rule} {command_rule}"
    return target_rule


async def _attempt(call: Awaitable[object]) -> _Refusal | None:
    """Run a harmless command: its refusal, or None when the ACL let it through."""
    try:
        await call
    except redis_errors.ResponseError as exc:
        # Any other error ("no such key", "MAXLEN must be >= 0") came after the ACL check.
        return _refusal(exc)
    return None


async def _may_queue(client: Redis, commands: list[tuple[str, ...]]) -> list[bool] | None:
    """Whether each command would be accepted inside MULTI (then DISCARDed; nothing runs).
    None when the user may not run MULTI at all."""
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
                answers.append(_refusal(exc) is None)
        await conn.send_command("DISCARD")
        await conn.read_response()
        return answers
    finally:
        await client.connection_pool.release(conn)


def _report_local_server(settings: Settings, say: Say) -> None:
    """A server on the usual port that the suite did not start is never used on its own: say how
    to choose it, for the person who meant the suite to use it."""
    port = settings.redis.embedded_port
    if embedded_port(settings.data_dir / "redis") == port or not port_answers("127.0.0.1", port):
        return
    say(
        f"  note  a Redis server the suite did not start answers on 127.0.0.1:{port}. Nothing configured "
        "means the suite's own embedded server, so it is not used. To use it, say so: set "
        f"REDIS_URL=redis://127.0.0.1:{port}/0 (or url under [redis] in settings.toml) and its password "
        "in REDIS_PASSWORD or the keyring (keyring set integrado <user>)."
    )


def _check_db(name: str, url: str, say: Say) -> bool:
    shown = redact_url(url)
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
        say(f"  FAIL  {name} database {shown}: {redact_url(_first_line(exc), url)}")
        return False


def _connection_failure(settings: Settings, exc: redis_errors.ConnectionError) -> str:
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, ssl.SSLError) or "SSL" in str(exc) or "certificate" in str(exc).lower():
        return _tls_failure(settings, exc)
    hint = ""
    if not settings.redis.url.startswith("rediss://") and (
        "reset by peer" in str(exc) or "closed by server" in str(exc).lower()
    ):
        hint = " If this server only accepts TLS, the URL must start with rediss://."
    return (
        f"  FAIL  No Redis server answers at {settings.redis.redacted_url()} ({redact_url(_first_line(exc))}). "
        "Start one (or run `integrado run`, which starts the embedded server), or set REDIS_URL." + hint
    )


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


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _first_line(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:200]
