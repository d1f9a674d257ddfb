"""Settings: a TOML file in the user's config folder, overridden by environment variables.

Secrets never live in the file: the Redis password comes from the environment
(`REDIS_PASSWORD` / `INTEGRADO_REDIS_PASSWORD`) or the OS keyring (service "integrado").
With no Redis URL configured the suite uses its embedded server: its port and password are read
from the files it keeps in the data folder (`integrado.embedded`), never a server that merely
answers on localhost.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from integrado.embedded_folder import embedded_password, embedded_port
from integrado.events.system import System
from integrado.secrets import redact_url as _redact
from integrado.secrets import redacted_repr, url_password

APP_NAME = "Integrado"
KEYRING_SERVICE = "integrado"
DEFAULT_REDIS_URL = "redis://localhost:6379/0"
# Where the embedded server listens unless taken (then any free port, recorded in its folder).
DEFAULT_EMBEDDED_PORT = 6379
# Redis takes MAXLEN up to a signed 64-bit integer; a database index fits in 32 bits (the
# server's own `databases` setting limits it further, which only the server knows).
MAX_STREAM_MAXLEN = 2**63 - 1
MAX_REDIS_DB = 2**31 - 1


def user_folder(kind: str, env: Mapping[str, str] | None = None) -> str:
    """The user's "config" or "data" folder for Integrado, as platformdirs names it. On Linux the
    XDG rule is applied here: importing platformdirs would cost every window's start ~2 ms."""
    env = os.environ if env is None else env
    if sys.platform.startswith("linux"):
        variable, fallback = (
            ("XDG_CONFIG_HOME", "~/.config") if kind == "config" else ("XDG_DATA_HOME", "~/.local/share")
        )
        base = env.get(variable, "").strip() or os.path.expanduser(fallback)
        return os.path.join(base, APP_NAME)
    import platformdirs

    if kind == "config":
        return platformdirs.user_config_dir(APP_NAME, False)
    return platformdirs.user_data_dir(APP_NAME, False)


class SettingsError(Exception):
    """A settings problem with a message meant for the person who runs the program."""


@dataclass(frozen=True, slots=True)
class RedisSettings:
    url: str = DEFAULT_REDIS_URL
    # True when nobody configured a URL: the launcher may start the embedded server.
    configured: bool = False
    # The port the embedded server is started on (`INTEGRADO_EMBEDDED_PORT`).
    embedded_port: int = DEFAULT_EMBEDDED_PORT
    calls_channel: str = "calls_channel"
    calls_stream: str = "calls_channel:stream"
    tasks_channel: str = "tasks"
    tasks_stream: str = "tasks:stream"
    # The consoles' alerts (`alert.*` events), published by the consoles themselves.
    console_channel: str = "console_alerts"
    console_stream: str = "console_alerts:stream"
    stream_maxlen: int = 100_000
    tls_ca_file: str | None = None
    # A replicated Redis found through Sentinel: the service's name and the sentinels' addresses
    # (clients then ask the sentinels for the primary, and follow it after a failover).
    sentinel_service: str | None = None
    sentinels: tuple[tuple[str, int], ...] = ()
    # Replicas the relay waits for (WAIT) before it counts a batch as sent; 0 = do not wait.
    wait_replicas: int = 0
    wait_timeout_ms: int = 1000
    password: str | None = field(default=None, repr=False)

    def channel_systems(self) -> dict[str, System]:
        """Which system may publish on each channel and stream."""
        return {
            self.calls_channel: System.CALLSYSTEM,
            self.calls_stream: System.CALLSYSTEM,
            self.tasks_channel: System.TASKMANAGER,
            self.tasks_stream: System.TASKMANAGER,
            self.console_channel: System.CONSOLE,
            self.console_stream: System.CONSOLE,
        }

    def redacted_url(self) -> str:
        return redact_url(self.url)

    def __repr__(self) -> str:
        return redacted_repr(self)


@dataclass(frozen=True, slots=True)
class Settings:
    config_dir: Path
    data_dir: Path
    redis: RedisSettings
    callsystem_db: str
    taskmanager_db: str
    console_db: str
    operator: str | None = None
    language: str = "system"
    raw: Mapping[str, object] = field(default_factory=dict, repr=False)
    # Where a console queues the alerts it raises (an outbox); "" = beside the CallSystem data
    # when that is shared (the office relay publishes it), else a file of its own.
    alerts_db: str = ""

    def __repr__(self) -> str:
        return redacted_repr(self)

    def known_secrets(self) -> list[str]:
        """What logs must never show: the Redis password and the databases' (their URLs)."""
        return [self.redis.password or "", self.redis.url, self.callsystem_db, self.taskmanager_db, self.console_db]

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, *, read_keyring: bool = True) -> Settings:
        env = os.environ if env is None else env
        config_dir = Path(env.get("INTEGRADO_CONFIG_DIR") or user_folder("config", env))
        data_dir = Path(env.get("INTEGRADO_DATA_DIR") or user_folder("data", env))
        path = config_dir / "settings.toml"
        raw: dict[str, object] = {}
        if path.exists():
            import tomllib  # ~2 ms: a PC with no settings file does without

            try:
                raw = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise SettingsError(f"{path}: not valid TOML ({exc})") from None
        redis_raw = _table(raw, "redis", path)
        db_raw = _table(raw, "database", path)
        ui_raw = _table(raw, "ui", path)

        file_url = _str(redis_raw, "url", path)
        if file_url and url_password(file_url):
            raise SettingsError(
                f"{path}: the Redis URL holds a password. Remove it from the file and put it in the "
                "OS keyring (keyring set integrado <user>) or in the REDIS_PASSWORD environment variable."
            )
        env_url = env.get("REDIS_URL") or env.get("INTEGRADO_REDIS_URL")
        default_port = _whole_number(
            env.get("INTEGRADO_EMBEDDED_PORT"),
            redis_raw.get("embedded_port"),
            name="embedded_port",
            where=f"{path} [redis]",
            env_name="INTEGRADO_EMBEDDED_PORT",
            default=DEFAULT_EMBEDDED_PORT,
            minimum=1,
            maximum=65535,
        )
        server_dir = data_dir / "redis"
        embedded_url = f"redis://127.0.0.1:{embedded_port(server_dir) or default_port}/0"
        url = env_url or file_url or embedded_url
        maxlen = _whole_number(
            env.get("INTEGRADO_STREAM_MAXLEN"),
            redis_raw.get("stream_maxlen"),
            name="stream_maxlen",
            where=f"{path} [redis]",
            env_name="INTEGRADO_STREAM_MAXLEN",
            default=100_000,
            minimum=1,
            maximum=MAX_STREAM_MAXLEN,
        )
        redis = RedisSettings(
            url=url,
            configured=bool(env_url or file_url),
            embedded_port=default_port,
            calls_channel=_str(redis_raw, "calls_channel", path) or "calls_channel",
            calls_stream=_str(redis_raw, "calls_stream", path) or "calls_channel:stream",
            tasks_channel=_str(redis_raw, "tasks_channel", path) or "tasks",
            tasks_stream=_str(redis_raw, "tasks_stream", path) or "tasks:stream",
            console_channel=_str(redis_raw, "console_channel", path) or "console_alerts",
            console_stream=_str(redis_raw, "console_stream", path) or "console_alerts:stream",
            stream_maxlen=maxlen,
            tls_ca_file=env.get("INTEGRADO_REDIS_CA") or _str(redis_raw, "tls_ca_file", path),
        )
        if redis.configured:  # the embedded server's URL is built above from a checked port
            validate_redis_url(redis.url)
        redis = _with_sentinel(redis, env, redis_raw, path)
        password = env.get("INTEGRADO_REDIS_PASSWORD") or env.get("REDIS_PASSWORD")
        if not redis.configured:
            password = embedded_password(server_dir) or password
        elif not password and read_keyring and not url_password(redis.url):
            password = _keyring_password(_url_user(redis.url))
        redis = replace(redis, password=password or None)

        def db_url(name: str, env_key: str) -> str:
            return env.get(env_key) or _str(db_raw, name, path) or f"sqlite:///{data_dir / (name + '.db')}"

        return cls(
            config_dir=config_dir,
            data_dir=data_dir,
            redis=redis,
            callsystem_db=db_url("callsystem", "INTEGRADO_CALLSYSTEM_DB"),
            taskmanager_db=db_url("taskmanager", "INTEGRADO_TASKMANAGER_DB"),
            console_db=db_url("console", "INTEGRADO_CONSOLE_DB"),
            operator=env.get("INTEGRADO_OPERATOR") or _str(ui_raw, "operator", path),
            language=env.get("INTEGRADO_LANGUAGE") or _str(ui_raw, "language", path) or "system",
            raw=raw,
            alerts_db=env.get("INTEGRADO_ALERTS_DB") or _str(db_raw, "alerts", path) or "",
        )


def _whole_number(
    env_value: str | None,
    file_value: object,
    *,
    name: str,
    where: str,
    env_name: str,
    default: int,
    minimum: int,
    maximum: int,
) -> int:
    """A numeric setting from the environment or the file, checked at load: a value Redis or a
    relay would refuse later (a negative MAXLEN makes every publish fail) is refused here, with
    where it came from and what is allowed."""
    raw: object
    if env_value is not None and env_value.strip() != "":
        origin, raw = f"environment variable {env_name}", env_value.strip()
    elif file_value is not None:
        origin, raw = f"{where} {name}", file_value
    else:
        return default
    allowed = f"a whole number from {minimum:,} to {maximum:,}".replace(",", "_")
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise SettingsError(f"{origin} must be {allowed}, not {raw!r}")
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{origin} must be {allowed}, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise SettingsError(f"{origin} must be {allowed}, not {value}")
    return value


def _with_sentinel(
    redis: RedisSettings, env: Mapping[str, str], table: Mapping[str, object], path: Path
) -> RedisSettings:
    """`[redis] sentinel_service` / `sentinels` (or REDIS_SENTINEL_SERVICE / REDIS_SENTINELS, a
    comma-separated list), and how many replicas the relay waits for (`wait_replicas`, default 1
    with Sentinel, else 0; `wait_timeout_ms`)."""
    where = f"{path} [redis]"
    env_list = env.get("REDIS_SENTINELS") or env.get("INTEGRADO_REDIS_SENTINELS")
    raw_list: object = table.get("sentinels")
    if env_list:
        where_list, raw_list = "environment variable REDIS_SENTINELS", [a for a in env_list.split(",") if a.strip()]
    else:
        where_list = f"{where} sentinels"
    service = env.get("REDIS_SENTINEL_SERVICE") or env.get("INTEGRADO_REDIS_SENTINEL_SERVICE")
    service = service or _str(table, "sentinel_service", path)
    sentinels: list[tuple[str, int]] = []
    if raw_list is not None:
        if not isinstance(raw_list, list) or not all(isinstance(a, str) for a in raw_list):
            raise SettingsError(f'{where_list} must be a list of "host:port" strings')
        sentinels = [_sentinel_address(a.strip(), where_list) for a in raw_list]
    if sentinels and not service:
        raise SettingsError(
            f"{where_list} names sentinels but no service: set sentinel_service (or REDIS_SENTINEL_SERVICE) "
            "to the name the sentinels monitor"
        )
    if service and not sentinels:
        raise SettingsError(
            f"sentinel_service {service!r} is set but no sentinels: set {where} sentinels "
            '(e.g. ["10.0.0.5:26379", "10.0.0.6:26379", "10.0.0.7:26379"]) or REDIS_SENTINELS'
        )
    if service is not None and (not service.strip() or any(c.isspace() for c in service)):
        raise SettingsError(f"sentinel_service {service!r} must be one word, as in the sentinels' configuration")
    wait_replicas = _whole_number(
        env.get("INTEGRADO_REDIS_WAIT_REPLICAS"),
        table.get("wait_replicas"),
        name="wait_replicas",
        where=where,
        env_name="INTEGRADO_REDIS_WAIT_REPLICAS",
        default=1 if sentinels else 0,
        minimum=0,
        maximum=100,
    )
    wait_timeout_ms = _whole_number(
        env.get("INTEGRADO_REDIS_WAIT_TIMEOUT_MS"),
        table.get("wait_timeout_ms"),
        name="wait_timeout_ms",
        where=where,
        env_name="INTEGRADO_REDIS_WAIT_TIMEOUT_MS",
        default=1000,
        minimum=1,
        maximum=60_000,
    )
    return replace(
        redis,
        configured=redis.configured or bool(sentinels),
        sentinel_service=service or None,
        sentinels=tuple(sentinels),
        wait_replicas=wait_replicas,
        wait_timeout_ms=wait_timeout_ms,
    )


def _sentinel_address(text: str, where: str) -> tuple[str, int]:
    """A sentinel's "host:port" (or "[v6 address]:port") as (host, port); a SettingsError if not."""
    host, sep, port_text = text.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise SettingsError(f'{where}: {text!r} is not "host:port" with a port from 1 to 65535')
    return host, int(port_text)


def _url_user(url: str) -> str:
    """The user a Redis URL names ("default", Redis's own, when it names none)."""
    from urllib.parse import urlsplit  # see validate_redis_url

    return urlsplit(url).username or "default"


def validate_redis_url(url: str) -> None:
    """A SettingsError unless `url` is a Redis URL a client can connect to. urllib.parse is
    imported here: with ipaddress ~2.5 ms that a first frame on the embedded server skips."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. "redis://[::1/0": an IPv6 address with no closing bracket
        raise SettingsError(f"Redis URL {redact_url(url)!r} cannot be read: {exc}") from None
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise SettingsError(f"Redis URL {redact_url(url)!r} must start with redis://, rediss:// or unix://")
    if parts.scheme != "unix" and not parts.hostname:
        raise SettingsError(f"Redis URL {redact_url(url)!r} names no host")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise SettingsError(f"Redis URL {redact_url(url)!r} has an invalid port (1 to 65535)")
    if parts.scheme != "unix":
        database = parts.path.strip("/")
        if database and not (database.isdigit() and int(database) <= MAX_REDIS_DB):
            raise SettingsError(
                f"Redis URL {redact_url(url)!r}: the database after the last / must be a number from 0 to {MAX_REDIS_DB}"
            )


def redact_url(url: str) -> str:
    """The URL with any password replaced, for logs and messages."""
    return _redact(url)


def _table(raw: Mapping[str, object], name: str, path: Path) -> dict[str, object]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: [{name}] must be a table")
    return value


def _str(table: Mapping[str, object], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SettingsError(f"{path}: {key} must be a string")
    return value


def _keyring_password(user: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # noqa: BLE001 - no keyring backend is a normal state on servers
        return None
