"""A replicated Redis on loopback for failover tests: 1 primary, 1 replica and 3 sentinels.

The sentinels are `redis-server --sentinel` (Debian's redis-sentinel package is that binary in
that mode) with a generated configuration: the primary is declared down after
`down_after_ms` without an answer, and a quorum of 2 promotes the replica.
"""

from __future__ import annotations

import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from integrado.embedded import RedisServerProcess, find_server_binary, free_port, port_answers

SERVICE = "integrado"

# The users a replicated deployment adds to the office ACL on both servers (docs/deployment.md,
# "Replicated Redis"): the replica's for replication, the sentinels' to watch and promote.
REPLICA_USER = "user replica on #" + "0" * 64 + " +psync +replconf +ping"
SENTINEL_USER = (
    "user sentinel on #" + "0" * 64 + " allchannels +multi +slaveof +ping +exec +subscribe +config|rewrite"
    " +role +publish +info +client|setname +client|kill +script|kill"
)


@dataclass(frozen=True)
class GroupAcl:
    """An ACL file both servers load, and the passwords of its users (`replica` and `sentinel`
    among them: the servers authenticate each other, the sentinels authenticate to the servers)."""

    path: Path
    passwords: dict[str, str]


class SentinelGroup:
    """Start with `start()`, break with `kill_primary()`, always end with `stop()`."""

    def __init__(
        self,
        root: Path,
        *,
        service: str = SERVICE,
        down_after_ms: int = 1000,
        failover_timeout_ms: int = 3000,
        acl: GroupAcl | None = None,
    ) -> None:
        binary = find_server_binary()
        if binary is None:
            raise RuntimeError("no redis-server found: install redis-server (see .ci/run)")
        self.binary = binary
        self.root = root
        self.service = service
        self.down_after_ms = down_after_ms
        self.failover_timeout_ms = failover_timeout_ms
        self.acl = acl
        # Both servers alike (after a failover each may be the other): the ACL and, for the one
        # that is a replica, the user it replicates as.
        server_args = []
        if acl is not None:
            server_args = ["--aclfile", str(acl.path), "--masteruser", "replica"]
            server_args += ["--masterauth", acl.passwords["replica"]]
        self.primary = RedisServerProcess(root / "primary", binary=binary, appendonly=False, extra_args=server_args)
        self.replica = RedisServerProcess(root / "replica", binary=binary, appendonly=False, extra_args=server_args)
        self.sentinel_ports = [free_port() for _ in range(3)]
        self.sentinels: list[subprocess.Popen[bytes]] = []

    @property
    def addresses(self) -> str:
        """The sentinels as REDIS_SENTINELS takes them."""
        return ",".join(f"127.0.0.1:{port}" for port in self.sentinel_ports)

    def start(self, timeout: float = 20.0) -> None:
        self.primary.start()
        self.replica.extra_args += ["--replicaof", "127.0.0.1", str(self.primary.port)]
        self.replica.start()
        for n, port in enumerate(self.sentinel_ports):
            folder = self.root / f"sentinel{n}"
            folder.mkdir(parents=True, exist_ok=True)
            conf = folder / "sentinel.conf"
            conf.write_text(
                f"port {port}\nbind 127.0.0.1\ndaemonize no\ndir {folder}\nlogfile {folder / 'sentinel.log'}\n"
                f"sentinel monitor {self.service} 127.0.0.1 {self.primary.port} 2\n"
                f"sentinel down-after-milliseconds {self.service} {self.down_after_ms}\n"
                f"sentinel failover-timeout {self.service} {self.failover_timeout_ms}\n"
                f"sentinel parallel-syncs {self.service} 1\n" + self._sentinel_auth(),
                encoding="utf-8",
            )
            self.sentinels.append(
                subprocess.Popen(
                    [self.binary, str(conf), "--sentinel"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        deadline = time.monotonic() + timeout
        while not self._ready():
            if time.monotonic() > deadline:
                raise AssertionError(f"the sentinels did not settle within {timeout} s: {self._sentinel_logs()}")
            time.sleep(0.1)

    def _sentinel_auth(self) -> str:
        if self.acl is None:
            return ""
        password = self.acl.passwords["sentinel"]
        return f"sentinel auth-user {self.service} sentinel\nsentinel auth-pass {self.service} {password}\n"

    def server_client(self, port: int) -> redis.Redis:
        """A client of one of the servers, as the sentinels' user when the servers have an ACL."""
        if self.acl is None:
            return redis.Redis(port=port, socket_timeout=1)
        return redis.Redis(port=port, socket_timeout=1, username="sentinel", password=self.acl.passwords["sentinel"])

    def _ready(self) -> bool:
        """Every sentinel answers, knows the replica and the two other sentinels."""
        for port in self.sentinel_ports:
            if not port_answers("127.0.0.1", port):
                return False
            client = redis.Redis(port=port, socket_timeout=1)
            try:
                master = client.sentinel_master(self.service)
                if not isinstance(master, dict):
                    return False
                if int(master.get("num-other-sentinels", 0)) < 2 or int(master.get("num-slaves", 0)) < 1:
                    return False
            except redis.RedisError:
                return False
            finally:
                client.close()
        with self.server_client(self.replica.port) as replica:
            info = replica.info("replication")
        return info.get("master_link_status") == "up"

    def primary_port(self) -> int | None:
        """The primary's port as the first sentinel that answers says; None when none answers."""
        for port in self.sentinel_ports:
            try:
                with redis.Redis(port=port, socket_timeout=1) as client:
                    address = client.sentinel_get_master_addr_by_name(self.service)
            except redis.RedisError:
                continue
            if address:
                return int(address[1])
        return None

    def kill_primary(self) -> int:
        """SIGKILL the primary (no goodbye to anyone); return its port."""
        process = self.primary.process
        assert process is not None and process.poll() is None, "the primary is not running"
        process.send_signal(signal.SIGKILL)
        process.wait(5)
        return self.primary.port

    def wait_failover(self, old_port: int, timeout: float = 30.0) -> float:
        """Seconds until the sentinels name a primary other than `old_port`."""
        started = time.monotonic()
        while self.primary_port() in (old_port, None):
            if time.monotonic() - started > timeout:
                raise AssertionError(f"no failover within {timeout} s: {self._sentinel_logs()}")
            time.sleep(0.05)
        return time.monotonic() - started

    def stop(self) -> None:
        for process in self.sentinels:
            if process.poll() is None:
                process.terminate()
        for process in self.sentinels:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.sentinels.clear()
        self.replica.stop()
        self.primary.stop()

    def _sentinel_logs(self) -> str:
        tails = []
        for n in range(len(self.sentinel_ports)):
            log = self.root / f"sentinel{n}" / "sentinel.log"
            if log.exists():
                tails.append(" | ".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-4:]))
        return " || ".join(tails)
