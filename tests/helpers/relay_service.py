"""The office relay service in tests: `integrado relay` as a real process, the shipped ACL with
fresh passwords, and a TCP proxy that can be cut like a pulled cable."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import secrets
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.process import OutputLines

if TYPE_CHECKING:
    from integrado.relay import RelayService
    from integrado.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ACL_TEMPLATE = ROOT / "resources" / "redis" / "users.acl"


def write_acl(
    folder: Path, edit: Callable[[str], str] = lambda line: line, extra: Sequence[str] = ()
) -> tuple[Path, dict[str, str]]:
    """The shipped ACL file with a fresh password for every user it enables; `edit` may change a
    user's line first (a test that needs a right the office does not give); `extra` lines add
    users the shipped file leaves to the deployment (a replica's, the sentinels')."""
    passwords: dict[str, str] = {}
    lines = []
    for line in [*map(edit, ACL_TEMPLATE.read_text().splitlines()), *extra]:
        user = line.split()[1]
        if " on " in f" {line} ":
            passwords[user] = secrets.token_urlsafe(16)
            digest = hashlib.sha256(passwords[user].encode()).hexdigest()
            line = re.sub(r"#0{64}", "#" + digest, line)
        lines.append(line)
    acl = folder / "users.acl"
    acl.write_text("\n".join(lines) + "\n")
    return acl, passwords


class RelayProcess:
    """`python -m integrado_suite.cli relay` with its stderr collected line by line."""

    def __init__(
        self,
        db_url: str,
        redis_url: str,
        name: str,
        *,
        password: str | None = None,
        home: Path,
        env: dict[str, str] | None = None,
    ) -> None:
        """`env`: more of the service's environment (the sentinels: `REDIS_SENTINELS`, ...)."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("INTEGRADO_") and k != "REDIS_PASSWORD"}
        env = {**base, **(env or {})}
        env.update(
            REDIS_URL=redis_url,
            INTEGRADO_CONFIG_DIR=str(home / "config"),
            INTEGRADO_DATA_DIR=str(home / "data"),
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
            PYTHONUNBUFFERED="1",
        )
        if password:
            env["REDIS_PASSWORD"] = password
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "integrado_suite.cli", "relay", "--db", db_url, "--name", name,
             "--health-interval", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert self.proc.stderr is not None
        self.output = OutputLines(self.proc.stderr)

    def lines_with(self, text: str) -> list[str]:
        return [line for line in self.output.lines if text in line]

    def wait_for(self, text: str, timeout: float = 20, after: int = 0) -> float:
        """Wait until a line containing `text` appears (counting from line `after`); its time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.output.lines[after:]):
                return time.monotonic()
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"{self.name}: no line with {text!r} within {timeout} s:\n" + "\n".join(self.output.lines))

    @property
    def active(self) -> bool:
        """The last role line says active."""
        roles = [line for line in self.output.lines if f"relay {self.name}: active" in line or ": standby" in line]
        return bool(roles) and ": active" in roles[-1]

    def signal(self, sig: signal.Signals) -> None:
        self.proc.send_signal(sig)

    def stop(self, timeout: float = 15) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


class TcpProxy:
    """Forwards a local port to `target`; `cut()` stops all traffic without closing anything
    (a pulled cable: the peers notice only by their time-outs), `restore()` closes the stalled
    connections and forwards again."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._cut = threading.Event()
        self._reset = threading.Event()
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def url_for(self, url: str, port: int) -> str:
        return url.replace(f":{port}/", f":{self.port}/")

    def cut(self) -> None:
        self._cut.set()

    def restore(self) -> None:
        self._reset.set()
        wait_until(lambda: not self._reset.is_set(), 5, "the proxy did not restore")

    def close(self) -> None:
        self.restore()
        self._stop.set()
        self._thread.join(5)
        self._listener.close()

    def _run(self) -> None:
        selector = selectors.DefaultSelector()
        self._listener.setblocking(False)
        selector.register(self._listener, selectors.EVENT_READ)
        peers: dict[socket.socket, socket.socket] = {}
        while not self._stop.is_set():
            if self._reset.is_set():
                # Drop every connection made before (the peers see a reset and reconnect).
                for sock in list(peers):
                    self._drop(sock, selector, peers)
                for held in self._held:
                    held.close()
                self._held.clear()
                self._cut.clear()
                self._reset.clear()
            for key, _ in selector.select(0.05):
                ready = key.fileobj
                assert isinstance(ready, socket.socket)
                if ready is self._listener:
                    self._accept(selector, peers)
                elif not self._cut.is_set():
                    self._forward(ready, selector, peers)
            if self._cut.is_set():
                time.sleep(0.05)
        for sock in list(peers):
            self._drop(sock, selector, peers)
        selector.close()

    def _accept(self, selector: selectors.BaseSelector, peers: dict[socket.socket, socket.socket]) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        if self._cut.is_set():
            self._held.append(client)  # held open, never answered
            return
        try:
            upstream = socket.create_connection(self.target, timeout=3)
        except OSError:
            client.close()
            return
        for s in (client, upstream):
            s.setblocking(False)
            selector.register(s, selectors.EVENT_READ)
        peers[client], peers[upstream] = upstream, client

    def _forward(
        self, sock: socket.socket, selector: selectors.BaseSelector, peers: dict[socket.socket, socket.socket]
    ) -> None:
        other = peers.get(sock)
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data or other is None:
            self._drop(sock, selector, peers)
            return
        try:
            other.setblocking(True)
            other.sendall(data)
            other.setblocking(False)
        except OSError:
            self._drop(sock, selector, peers)

    def _drop(
        self, sock: socket.socket, selector: selectors.BaseSelector, peers: dict[socket.socket, socket.socket]
    ) -> None:
        other = peers.pop(sock, None)
        for s in (sock, other):
            if s is None:
                continue
            peers.pop(s, None)
            try:
                selector.unregister(s)
            except (KeyError, ValueError):
                pass
            s.close()


def wait_until(predicate: Callable[[], bool], timeout: float, message: str = "") -> float:
    """Poll `predicate` (plain threads, no event loop); the time it became true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(message or f"condition not met within {timeout} s")
        time.sleep(0.02)
    return time.monotonic()


@dataclass
class InProcessRelay:
    """A `RelayService` on the test's qasync loop for a shared database (what `integrado relay`
    runs on the office server)."""

    service: RelayService
    task: asyncio.Task[None]

    def stop(self, qloop: Any) -> None:
        self.service.stop()
        qloop.run(self.task, timeout=15)
        self.service.engine.dispose()


def start_in_process_relay(
    qloop: Any, settings: Settings, db_url: str, *, name: str = "office-relay"
) -> InProcessRelay:
    """Start it and wait until it is the active relay."""
    from integrado.db import make_engine
    from integrado.pipeline import stream_sources
    from integrado.redis_conn import redis_client
    from integrado.relay import RelayService, RelayTiming

    service = RelayService(
        make_engine(db_url),
        lambda: redis_client(settings.redis, name=name),
        stream_sources(settings.redis),
        name=name,
        maxlen=settings.redis.stream_maxlen,
        timing=RelayTiming(poll_interval=0.5),
    )
    relay = InProcessRelay(service, qloop.create_task(service.run()))
    qloop.wait_until(lambda: service.role == "active", timeout=15, message="the relay service did not start")
    return relay


class OperatorLoad:
    """Operators of each app acting from a thread of their own (an action is one transaction on
    the shared database, a few milliseconds with its fsync) until `stop()`, together about `rate`
    actions a second."""

    def __init__(self, apps: Sequence[Any], rate: float) -> None:
        self.apps = list(apps)
        self.interval = len(self.apps) / rate
        self.done = [0] * len(self.apps)
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(n,), name=f"operators-{n}", daemon=True)
            for n in range(len(self.apps))
        ]

    @property
    def committed(self) -> int:
        return sum(self.done)

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join(10)

    def _run(self, n: int) -> None:
        next_at = time.monotonic()
        i = 0
        while not self._stop.is_set():
            try:
                self.apps[n].act(f"action {n}-{i}")
                self.done[n] += 1
            except Exception as exc:  # the test reports every failed action
                self.errors.append(repr(exc))
            i += 1
            next_at += self.interval
            delay = next_at - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            else:
                next_at = time.monotonic()
