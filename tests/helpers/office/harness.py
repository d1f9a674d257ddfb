"""Runs the office: servers, relays, consoles and PCs as real processes, faults on a timetable,
then collects what each wrote and hands it to `analysis`.

Everything is bounded: each wait has a limit inside one overall deadline, and every process this
harness started is stopped at the end, on success or failure (the servers and the programs are
children in the caller's process group, so a runner that kills the group at its own limit takes
them all with it; PostgreSQL runs in the foreground for the same reason, not through pg_ctl).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from helpers.office import analysis
from helpers.postgres import _free_port, _pg_binary
from helpers.process import OutputLines
from helpers.relay_service import write_acl

ROOT = Path(__file__).resolve().parents[3]
FIRST = ("Ana", "João", "Mariana", "Carlos", "Fernanda", "Rafael", "Juliana", "Thiago", "Camila", "Lucas")
# The read-only users of the shipped ACL: the consoles read both apps, each app on a PC its own.
CONSOLE_USER = "console"
APP_USERS = {"callsystem": "callsystem", "taskmanager": "taskmanager"}
LAST = ("Ribeiro", "Pereira", "Costa", "Souza", "Lima", "Oliveira", "Martins", "Almeida", "Rocha", "Ferreira")


@dataclass(frozen=True)
class OfficeConfig:
    """The office and its timetable (seconds after the PCs start acting)."""

    pcs: int = 50
    seconds: float = 300.0
    rate: float = 1.0  # actions per PC per second
    relay_stop_at: float | None = 135.0  # SIGSTOP the active relay...
    relay_stop_for: float = 30.0  # ...for this long, then SIGCONT
    pc_kill_at: float | None = 90.0  # SIGKILL one PC
    start_timeout: float = 300.0  # every process up and live
    drain_timeout: float = 60.0  # after the last action: everything published and stored
    # The shipped Redis ACL with a password per user: the relays write, everyone else reads.
    acl: bool = True
    seed: int = 2026
    # In an office every PC and console is a machine of its own and the server (PostgreSQL, Redis,
    # the relays) another; here they all share this machine's cores. A niceness above 0 keeps the
    # simulated PCs and consoles from taking the CPU from the server processes, as they could not
    # in the office (`bench/office_bench.py --client-nice 10`); 0, the default, treats all alike.
    client_nice: int = 0

    @classmethod
    def benchmark(cls) -> OfficeConfig:
        return cls()

    @classmethod
    def shortened(cls) -> OfficeConfig:
        """N = 8 for one minute. The relay is stopped for 20 s, not 30 × 60/300 = 6 s: a
        takeover takes up to 15 s, so a shorter stop would end before it could be seen."""
        return cls(pcs=8, seconds=60.0, relay_stop_at=20.0, relay_stop_for=20.0, pc_kill_at=15.0, start_timeout=120.0)

    @property
    def deadline_s(self) -> float:
        return self.start_timeout + self.seconds + self.drain_timeout + 90.0


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self, limit: float | None = None) -> float:
        left = max(0.0, self.at - time.monotonic())
        return left if limit is None else min(left, limit)

    def wait_until(self, predicate: Callable[[], bool], limit: float, what: str, step: float = 0.1) -> None:
        end = time.monotonic() + self.left(limit)
        while not predicate():
            if time.monotonic() >= end:
                raise TimeoutError(f"office: {what} did not happen within {limit:.0f} s")
            time.sleep(step)


def operator_name(index: int) -> str:
    return f"{FIRST[index % len(FIRST)]} {LAST[(index // len(FIRST) + index) % len(LAST)]}"


def operator_login(index: int) -> str:
    """ "João Pereira", PC 2 -> "joao.pereira02": office logins are plain ASCII."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", operator_name(index)) if not unicodedata.combining(c))
    first, last = plain.lower().split()
    return f"{first}.{last}{index + 1:02d}"


class Postgres:
    """A PostgreSQL server in the foreground (a child of this process), as the postgres user
    when run as root; room for every PC's connections."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        # As root, initdb and the server run as the postgres user (initdb refuses root), set on the
        # process itself: a wrapper such as runuser would take the signals meant for the server.
        self.as_user: dict[str, Any] = {"cwd": root}
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
            self.as_user.update(user="postgres", group="postgres", extra_groups=[])
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, max_connections: int) -> None:
        data = self.root / "data"
        initdb = [_pg_binary("initdb"), "-D", str(data), "-A", "trust", "-U", "integrado", "--no-sync", "-E", "UTF8"]
        subprocess.run(initdb, check=True, capture_output=True, timeout=120, **self.as_user)
        log = open(self.root / "log", "ab")  # noqa: SIM115 - closed with the process
        options = {
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.root),
            "max_connections": str(max_connections),
            # A scratch server on a shared machine: durability is not what is measured.
            "fsync": "off",
            "full_page_writes": "off",
        }
        args = [_pg_binary("postgres"), "-D", str(data), "-p", str(self.port)]
        for key, value in options.items():
            args += ["-c", f"{key}={value}"]
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, **self.as_user)
        log.close()

    def wait_ready(self, deadline: Deadline) -> None:
        import psycopg

        def ready() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"PostgreSQL exited at start: {(self.root / 'log').read_text()[-500:]}")
            try:
                psycopg.connect(self.admin_url, connect_timeout=2).close()
            except psycopg.OperationalError:
                return False
            return True

        deadline.wait_until(ready, 60, "PostgreSQL start", 0.2)

    @property
    def admin_url(self) -> str:
        return f"postgresql://integrado@127.0.0.1:{self.port}/postgres"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://integrado@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            # SIGQUIT: immediate shutdown (as pg_ctl -m immediate); the data is scratch.
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@dataclass
class Child:
    """A program of the office, its log and (for PCs) its stdin and stdout."""

    name: str
    process: subprocess.Popen[str]
    log: Path
    output: OutputLines | None = None
    host: str = ""

    def send(self, line: str) -> None:
        stdin = self.process.stdin
        if stdin is None or self.process.poll() is not None:
            return
        try:
            stdin.write(line + "\n")
            stdin.flush()
        except (BrokenPipeError, OSError):
            pass

    def says(self, text: str) -> bool:
        """Whether the log holds `text` yet; a program that ended at start raises with its log."""
        log = self.log.read_text(encoding="utf-8", errors="replace")
        if text in log:
            return True
        if self.process.poll() is not None:
            tail = "\n".join(log.splitlines()[-12:])
            raise RuntimeError(f"office: {self.name} exited ({self.process.returncode}) at start:\n{tail}")
        return False

    def signal(self, sig: int) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, sig)

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.signal(signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


@dataclass
class Timeline:
    """Wall-clock times (time.time()) of what the harness did, for the analysis."""

    go: float = 0.0
    end_of_actions: float = 0.0
    relay_stopped: float | None = None
    relay_continued: float | None = None
    stopped_relay: str = ""
    pc_killed: float | None = None
    killed_host: str = ""
    drained: float | None = None
    queue_samples: list[tuple[float, int]] = field(default_factory=list)
    # CPU seconds each kind of process used while the PCs acted (the machine's share of each).
    cpu_s: dict[str, float] = field(default_factory=dict)


def _cpu_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds used so far), for every process on the machine."""
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        table[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return table


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy since boot (/proc/stat: everything but idle and iowait)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(v) for v in fields[:8]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(groups: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds of each group's processes and all their live descendants."""
    table = _cpu_table()
    children: dict[int, list[int]] = {}
    for pid, (parent, _cpu) in table.items():
        children.setdefault(parent, []).append(pid)
    out: dict[str, float] = {}
    for name, roots in groups.items():
        total, todo, seen = 0.0, list(roots), set()
        while todo:
            pid = todo.pop()
            if pid in seen or pid not in table:
                continue
            seen.add(pid)
            total += table[pid][1]
            todo.extend(children.get(pid, []))
        out[name] = total
    return out


class Office:
    """One run of the office in `workdir` (logs, SQLite files and the data left for a look)."""

    def __init__(self, config: OfficeConfig, workdir: Path, *, progress: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.workdir = workdir
        self.progress = progress or (lambda _line: None)
        self.deadline = Deadline(config.deadline_s)
        self.timeline = Timeline()
        self.relays: list[Child] = []
        self.consoles: list[Child] = []
        self.pcs: list[Child] = []
        self.db_url = ""
        self.redis_url = ""
        self.redis_passwords: dict[str, str] = {}
        self._engine: Any = None
        self._server_pids: dict[str, list[int]] = {}

    # -- environment and processes ---------------------------------------------------------------

    def _env(self, name: str, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("INTEGRADO_") and k != "REDIS_PASSWORD"}
        home = self.workdir / "machines" / name
        python_path = [str(ROOT / "apps"), str(ROOT / "tests")]
        env.update(
            INTEGRADO_CONFIG_DIR=str(home / "config"),
            INTEGRADO_DATA_DIR=str(home / "data"),
            INTEGRADO_CALLSYSTEM_DB=self.db_url,
            INTEGRADO_TASKMANAGER_DB=self.db_url,
            REDIS_URL=self.redis_url,
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
            PYTHONPATH=os.pathsep.join(python_path + [p for p in [env.get("PYTHONPATH", "")] if p]),
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def _redis_user(self, user: str) -> dict[str, str]:
        """Where each credential lives: the relay service's on the server, a read-only one on
        the PCs and consoles (the live views subscribe and read, they never write)."""
        if not self.redis_passwords:
            return {}
        return {
            "REDIS_URL": self.redis_url.replace("redis://", f"redis://{user}@"),
            "REDIS_PASSWORD": self.redis_passwords[user],
        }

    def _spawn(self, name: str, args: list[str], env: dict[str, str], *, talk: bool = False) -> Child:
        log_path = self.workdir / "logs" / f"{name}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as log:
            process = subprocess.Popen(
                args,
                env=env,
                cwd=self.workdir,
                stdin=subprocess.PIPE if talk else subprocess.DEVNULL,
                stdout=subprocess.PIPE if talk else log,
                stderr=log,
                text=True,
            )
        child = Child(name, process, log_path)
        if talk:
            assert process.stdout is not None
            child.output = OutputLines(process.stdout)
        return child

    def migrate(self) -> None:
        """Both apps' schemas in the one database, as the office's first start (or its
        installer) leaves them; the relay service publishes, it does not migrate."""
        from callsystem_gui.service import create_pipeline as create_call_pipeline
        from integrado.settings import Settings
        from taskmanager_gui.service import create_pipeline as create_task_pipeline

        settings = Settings.load(self._env("installer"), read_keyring=False)
        for create in (create_call_pipeline, create_task_pipeline):
            create(settings).engine.dispose()

    def start_relays(self) -> None:
        """`integrado relay` twice, as on two server machines: the first one started takes the
        lease (active), the second waits for it (hot standby)."""
        for name, role in (("relay-a", ": active"), ("relay-b", ": started as standby")):
            args = [sys.executable, "-m", "integrado_suite.cli", "relay", "--db", self.db_url, "--name", name]
            relay = self._spawn(name, args, self._env(name, **self._redis_user("relay")))
            self.relays.append(relay)
            self.deadline.wait_until(lambda r=relay, role=role: r.says(f"relay {r.name}{role}"), 60, f"{name}{role}")

    def start_consoles(self) -> None:
        for number in (1, 2):
            name = f"console-{number}"
            db = f"sqlite:///{self.workdir / f'{name}.db'}"
            args = [*self._niced(), sys.executable, "-m", "integrado_suite.cli", "consume", "--db", db]
            self.consoles.append(self._spawn(name, args, self._env(name, **self._redis_user(CONSOLE_USER))))
        for console in self.consoles:
            self.deadline.wait_until(lambda c=console: c.says("consume: live"), 60, f"{console.name} live")

    def _niced(self) -> list[str]:
        nice = shutil.which("nice")
        return [nice, "-n", str(self.config.client_nice)] if nice and self.config.client_nice else []

    def start_pcs(self) -> None:
        unshare = shutil.which("unshare") if os.geteuid() == 0 else None
        (self.workdir / "pcs").mkdir(exist_ok=True)
        for index in range(self.config.pcs):
            host = f"pc-{index + 1:02d}"
            program = [*self._niced(), sys.executable, "-m", "helpers.office.pc"]
            program += ["--log", str(self.workdir / "pcs" / f"{host}.log")]
            program += ["--seed", str(self.config.seed * 1000 + index), "--host", host]
            if unshare:
                # Its own host name, as a PC has: the envelope's actor host is the machine's.
                program = [unshare, "--uts", "--", "sh", "-c", 'hostname "$0" && exec "$@"', host, *program]
            apps = {
                f"OFFICE_{system.upper()}_{key}": value
                for system, user in APP_USERS.items()
                for key, value in self._redis_user(user).items()
            }
            env = self._env(host, INTEGRADO_OPERATOR=operator_login(index), **apps)
            child = self._spawn(host, program, env, talk=True)
            child.host = host
            self.pcs.append(child)
        started = time.monotonic()

        def all_ready() -> bool:
            for pc in self.pcs:
                if pc.process.poll() is not None:
                    raise RuntimeError(f"{pc.name} exited at start: {pc.log.read_text(errors='replace')[-800:]}")
            return all(pc.output is not None and "ready" in pc.output.lines for pc in self.pcs)

        self.deadline.wait_until(all_ready, self.config.start_timeout, f"{self.config.pcs} PCs live", 0.5)
        self.progress(f"{self.config.pcs} PCs live after {time.monotonic() - started:.0f} s")

    # -- the run ---------------------------------------------------------------------------------

    def pending(self) -> int:
        from sqlalchemy import text

        with self._engine.connect() as conn:
            return int(conn.execute(text("select count(*) from integrado_outbox where status = 'pending'")).scalar())

    def outbox_total(self) -> int:
        from sqlalchemy import text

        with self._engine.connect() as conn:
            return int(conn.execute(text("select count(*) from integrado_outbox")).scalar())

    def active_relay(self) -> Child:
        """The holder of the lease (the relay service writes its name first in `holder`)."""
        from sqlalchemy import text

        from integrado.relay.lease import LEASE_TABLE

        with self._engine.connect() as conn:
            holders = conn.execute(
                text(f"select holder from {LEASE_TABLE} where expires_at > clock_timestamp()")
            ).scalars()
            names = {h.split(" pid ")[0] for h in holders}
        for relay in self.relays:
            if relay.name in names:
                return relay
        raise RuntimeError(f"office: no relay holds the lease ({names or 'none'})")

    def _cpu_groups(self) -> dict[str, list[int]]:
        return {
            "pcs": [pc.process.pid for pc in self.pcs],
            "relays": [r.process.pid for r in self.relays],
            "consoles": [c.process.pid for c in self.consoles],
            **self._server_pids,
        }

    def act(self) -> None:
        config, tl = self.config, self.timeline
        tl.go = time.time() + 1.0
        for pc in self.pcs:
            pc.send(f"go {tl.go:.6f} {config.seconds} {config.rate}")
        time.sleep(max(0.0, tl.go - time.time()))
        cpu_before = cpu_seconds(self._cpu_groups())
        machine_before = machine_busy_seconds()
        tl.end_of_actions = tl.go + config.seconds
        faults: list[tuple[float, Callable[[], None]]] = []
        if config.pc_kill_at is not None:
            faults.append((tl.go + config.pc_kill_at, self._kill_pc))
        if config.relay_stop_at is not None:
            faults.append((tl.go + config.relay_stop_at, self._stop_relay))
            faults.append((tl.go + config.relay_stop_at + config.relay_stop_for, self._continue_relay))
        faults.sort(key=lambda f: f[0])
        last_sample = 0.0
        while time.time() < tl.end_of_actions:
            if self.deadline.left() <= 0:
                raise TimeoutError("office: the overall deadline passed while acting")
            while faults and time.time() >= faults[0][0]:
                faults.pop(0)[1]()
            if time.time() - last_sample >= 1.0:
                last_sample = time.time()
                tl.queue_samples.append((last_sample, self.pending()))
                elapsed = last_sample - tl.go
                if int(elapsed) % 30 == 0 and elapsed > 1:
                    self.progress(f"t={elapsed:.0f} s: {tl.queue_samples[-1][1]} events queued on the server")
            time.sleep(0.05)
        cpu_after = cpu_seconds(self._cpu_groups())
        tl.cpu_s = {name: round(cpu_after[name] - cpu_before.get(name, 0.0), 1) for name in cpu_after}
        # Everything else the machine did meanwhile (other work sharing the cores): the figures
        # are only as good as the share of the cores the office got.
        machine = machine_busy_seconds() - machine_before
        tl.cpu_s["everything_else"] = round(max(0.0, machine - sum(tl.cpu_s.values())), 1)
        for _at, fault in faults:  # a fault set past the end still happens (SIGCONT above all)
            fault()

    def _kill_pc(self) -> None:
        victim = self.pcs[len(self.pcs) // 2]
        victim.signal(signal.SIGKILL)
        self.timeline.pc_killed, self.timeline.killed_host = time.time(), victim.host
        self.progress(f"SIGKILL {victim.host}")

    def _stop_relay(self) -> None:
        relay = self.active_relay()
        relay.signal(signal.SIGSTOP)
        self.timeline.relay_stopped, self.timeline.stopped_relay = time.time(), relay.name
        self.progress(f"SIGSTOP {relay.name} (the active relay)")

    def _continue_relay(self) -> None:
        for relay in self.relays:
            if relay.name == self.timeline.stopped_relay and self.timeline.relay_continued is None:
                relay.signal(signal.SIGCONT)
                self.timeline.relay_continued = time.time()
                self.progress(f"SIGCONT {relay.name}")

    def drain(self) -> None:
        """Everything committed is published and in both consoles (or the drain time is up)."""
        total = self.outbox_total()

        def stored(console: Child) -> int:
            path = self.workdir / f"{console.name}.db"
            try:
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
                    return int(conn.execute("select count(*) from events").fetchone()[0])
            except sqlite3.Error:
                return -1

        def done() -> bool:
            return self.pending() == 0 and all(stored(c) >= total for c in self.consoles)

        try:
            self.deadline.wait_until(done, self.config.drain_timeout, "draining", 0.5)
            self.timeline.drained = time.time()
        except TimeoutError as exc:
            self.progress(str(exc))
        time.sleep(2.0)  # the views get the last events the consoles just stored

    # -- collecting ------------------------------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        from sqlalchemy import text

        with self._engine.connect() as conn:
            outbox = [
                analysis.OutboxRow(*row)
                for row in conn.execute(
                    text("select event_id, source, seq, created_at, published_at, status from integrado_outbox")
                )
            ]
        streams: dict[str, list[tuple[str, int]]] = {}
        import redis

        user = self._redis_user(CONSOLE_USER)
        client = redis.Redis.from_url(user.get("REDIS_URL", self.redis_url), password=user.get("REDIS_PASSWORD"))
        try:
            for stream in ("calls_channel:stream", "tasks:stream"):
                streams[stream] = [
                    (f[b"event_id"].decode(), int(f[b"seq"])) for _id, f in client.xrange(stream) if b"event_id" in f
                ]
        finally:
            client.close()
        summaries: dict[str, dict[str, Any]] = {}
        for pc in self.pcs:
            for line in pc.output.lines if pc.output else []:
                if line.startswith("done "):
                    summaries[pc.host] = json.loads(line[5:])
        return analysis.analyse(
            config=asdict(self.config),
            timeline=asdict(self.timeline),
            outbox=outbox,
            pc_logs={pc.host: analysis.read_pc_log(self.workdir / "pcs" / f"{pc.host}.log") for pc in self.pcs},
            consoles={c.name: analysis.read_console(self.workdir / f"{c.name}.db") for c in self.consoles},
            streams=streams,
            pc_summaries=summaries,
        )

    def run(self) -> dict[str, Any]:
        from sqlalchemy import create_engine

        from integrado.embedded import RedisServerProcess

        with ExitStack() as stack:
            pg_root = Path(tempfile.mkdtemp(prefix="integrado-office-pg-"))
            stack.callback(shutil.rmtree, pg_root, ignore_errors=True)
            postgres = Postgres(pg_root)
            stack.callback(postgres.stop)
            postgres.start(max_connections=max(100, self.config.pcs * 4 + 40))
            extra: list[str] = []
            if self.config.acl:
                (self.workdir / "redis").mkdir(parents=True, exist_ok=True)
                acl_file, self.redis_passwords = write_acl(self.workdir / "redis")
                extra = ["--aclfile", str(acl_file)]
            redis_server = RedisServerProcess(self.workdir / "redis", appendonly=True, extra_args=extra)
            stack.callback(redis_server.stop)
            redis_server.start()
            assert redis_server.process is not None and postgres.process is not None
            self._server_pids = {"postgresql": [postgres.process.pid], "redis": [redis_server.process.pid]}
            self.redis_url = redis_server.url
            postgres.wait_ready(self.deadline)
            self.db_url = postgres.create_database("office")
            self._engine = create_engine(self.db_url)
            stack.callback(self._engine.dispose)
            stack.callback(self._stop_all)
            self.progress(f"PostgreSQL on {postgres.port}, Redis on {redis_server.port}")
            self.migrate()
            self.start_relays()
            self.start_consoles()
            self.start_pcs()
            self.act()
            self.progress("actions done; draining")
            self.drain()
            for pc in self.pcs:
                pc.send("stop")
            for pc in self.pcs:
                self._wait_exit(pc, 20)
            return self.collect()
        raise AssertionError("unreachable")

    def _wait_exit(self, child: Child, timeout: float) -> None:
        try:
            child.process.wait(self.deadline.left(timeout))
        except subprocess.TimeoutExpired:
            child.stop()
        if child.output is not None:
            child.output.wait_until(lambda lines: any(x.startswith("done ") for x in lines), 2)

    def _stop_all(self) -> None:
        for child in [*self.pcs, *self.consoles, *self.relays]:
            child.stop(5)


@contextmanager
def office_workdir(keep: Path | None = None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    path = Path(tempfile.mkdtemp(prefix="integrado-office-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def run_office(
    config: OfficeConfig, *, workdir: Path | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Run the office once and return its figures (see `analysis.analyse`)."""
    with office_workdir(workdir) as path:
        return Office(config, path, progress=progress).run()
