"""The office ACL (resources/redis/users.acl) on a real server started with --aclfile, and every
real component under its own user: the relay service publishes both streams as `relay`;
CallSystem's and TaskManager's own live consumers go live as `callsystem` / `taskmanager` and
receive their own app's events only; the console's consumer (the same code `integrado consume`
runs) receives both as `console`. The other side: no operator PC user and not the console can
publish, append, trim, read the other app's source or touch another key; nobody gets in
without credentials. `integrado doctor` names every missing right, and every write right a
read-only user should not hold, with the ACL rule to change."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import Column, Integer, MetaData, String, Table

from callsystem_gui.app import live_consumer as callsystem_live_consumer
from helpers.fixtures import QLoop
from helpers.pipeline import MiniApp
from helpers.relay_service import start_in_process_relay
from integrado.bus import BusConsumer
from integrado.db import make_engine
from integrado.embedded import RedisServerProcess
from integrado.events.codec import ReceivedEvent
from integrado.history import HistoryStore
from integrado.pipeline import ProducerPipeline, create_consumer, stream_sources
from integrado.redis_conn import redis_client
from integrado.relay import RelayService, RelayTiming
from integrado.settings import Settings
from integrado_suite.doctor import run_doctor
from taskmanager_gui.app import live_consumer as taskmanager_live_consumer

pytestmark = pytest.mark.integration

ACL_TEMPLATE = Path(__file__).parents[3] / "resources" / "redis" / "users.acl"
USERS = ("relay", "callsystem", "taskmanager", "console")
# Not shipped: a test-only auditor that reads ACL LOG (every refusal the server logged) and DBSIZE.
AUDITOR = "auditor"
CALLS = ("calls_channel", "calls_channel:stream")
TASKS = ("tasks", "tasks:stream")


@dataclass
class AclServer:
    """A redis-server running the shipped ACL file with a fresh password per user."""

    process: RedisServerProcess
    passwords: dict[str, str]

    @property
    def port(self) -> int:
        return int(self.process.port)

    def client(self, user: str | None, password: str | None = None) -> Any:  # redis-py's stubs type replies loosely
        if user is None:
            return redis.Redis(port=self.port)
        return redis.Redis(port=self.port, username=user, password=password or self.passwords[user])

    def refusals(self) -> list[dict[bytes, Any]]:
        """What the server refused anyone since it started (reason, command/key/channel, user)."""
        return list(self.client(AUDITOR).execute_command("ACL", "LOG"))


def start_acl_server(
    redis_server_factory: Callable[..., RedisServerProcess], folder: Path, edit: Callable[[str], str] = lambda x: x
) -> AclServer:
    passwords = {user: secrets.token_urlsafe(16) for user in (*USERS, AUDITOR)}
    lines = []
    for line in map(edit, ACL_TEMPLATE.read_text().splitlines()):
        user = line.split()[1]
        if user in passwords:
            line = re.sub(r"#0{64}", "#" + hashlib.sha256(passwords[user].encode()).hexdigest(), line)
        lines.append(line)
    lines.append(f"user {AUDITOR} on #{hashlib.sha256(passwords[AUDITOR].encode()).hexdigest()} +acl|log +dbsize")
    acl = folder / "users.acl"
    acl.write_text("\n".join(lines) + "\n")
    return AclServer(redis_server_factory(extra_args=["--aclfile", str(acl)]), passwords)


def without(user: str, *rules: str) -> Callable[[str], str]:
    """An edit of the shipped file that takes `rules` off `user`'s line."""

    def edit(line: str) -> str:
        if line.split()[1] != user:
            return line
        words = line.split()
        for rule in rules:
            words.remove(rule)
        return " ".join(words)

    return edit


def adding(user: str, *rules: str) -> Callable[[str], str]:
    def edit(line: str) -> str:
        return f"{line} {' '.join(rules)}" if line.split()[1] == user else line

    return edit


@pytest.fixture
def acl_server(redis_server_factory: Callable[..., RedisServerProcess], tmp_path: Path) -> AclServer:
    return start_acl_server(redis_server_factory, tmp_path)


def settings_as(
    server: AclServer, user: str, monkeypatch: pytest.MonkeyPatch, *, db_url: str | None = None
) -> Settings:
    """The settings an office machine signed in as `user` loads (databases: the shared one)."""
    monkeypatch.setenv("REDIS_URL", f"redis://{user}@127.0.0.1:{server.port}/0")
    monkeypatch.setenv("REDIS_PASSWORD", server.passwords[user])
    if db_url is not None:
        monkeypatch.setenv("INTEGRADO_CALLSYSTEM_DB", db_url)
        monkeypatch.setenv("INTEGRADO_TASKMANAGER_DB", db_url)
    return Settings.load()


# -- the real components, each under its user ---------------------------------------------------


@dataclass
class Watched:
    """A real bus consumer running on the test's loop, with what it received and went through."""

    consumer: BusConsumer
    events: list[ReceivedEvent] = field(default_factory=list)
    states: list[tuple[str, str]] = field(default_factory=list)
    task: asyncio.Task[None] | None = None

    def start(self, qloop: QLoop) -> Watched:
        self.consumer.on_events = self.events.extend
        self.consumer.on_state = lambda state, detail: self.states.append((str(state), detail))
        self.task = qloop.create_task(self.consumer.run())
        return self

    def stop(self, qloop: QLoop) -> None:
        self.consumer.stop()
        if self.task is not None:
            qloop.run(self.task, timeout=15)


def office_pc(settings: Settings, db_url: str, system: str) -> MiniApp:
    """One app's producing side on the shared database: commits, never publishes (the relay does)."""
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    pipeline = ProducerPipeline.create(settings, system=system, metadata=metadata, db_url=db_url, poll_interval=0.2)
    assert pipeline.shared and not pipeline.relay.publishes
    return MiniApp(pipeline, things, system)


def test_every_real_component_runs_under_its_own_user(
    qloop: QLoop, acl_server: AclServer, monkeypatch: pytest.MonkeyPatch, postgres_url: str, tmp_path: Path
) -> None:
    settings = {user: settings_as(acl_server, user, monkeypatch, db_url=postgres_url) for user in USERS}
    calls_pc = office_pc(settings["callsystem"], postgres_url, "callsystem")
    tasks_pc = office_pc(settings["taskmanager"], postgres_url, "taskmanager")
    console_engine = make_engine(f"sqlite:///{tmp_path / 'console.db'}")
    history = HistoryStore(console_engine)
    views = {
        "callsystem": Watched(callsystem_live_consumer(settings["callsystem"])).start(qloop),
        "taskmanager": Watched(taskmanager_live_consumer(settings["taskmanager"])).start(qloop),
        "console": Watched(create_consumer(settings["console"], history)).start(qloop),
    }
    relay = None
    per_app = 15
    try:
        qloop.wait_until(
            lambda: all(v.consumer.state == "live" for v in views.values()),
            timeout=15,
            message=f"not every consumer went live: { {u: v.states for u, v in views.items()} }",
        )
        relay = start_in_process_relay(qloop, settings["relay"], postgres_url)
        started = time.monotonic()
        for i in range(per_app):
            calls_pc.act(f"cliente {i}")
            tasks_pc.act(f"tarefa {i}")
        qloop.wait_until(
            lambda: (
                (len(views["callsystem"].events), len(views["taskmanager"].events), history.count())
                == (per_app, per_app, 2 * per_app)
            ),
            timeout=20,
            message=f"not delivered: {relay.service.health()}; "
            f"{ {u: (len(v.events), v.states[-1:]) for u, v in views.items()} }",
        )
        took = time.monotonic() - started
        assert relay.service.published_total == 2 * per_app
    finally:
        for view in views.values():
            view.stop(qloop)
        if relay is not None:
            relay.stop(qloop)
        for pc in (calls_pc, tasks_pc):
            pc.pipeline.engine.dispose()
    # Each live view got its own app's events, in seq order; the console got both.
    for system, view in (("callsystem", views["callsystem"]), ("taskmanager", views["taskmanager"])):
        assert {e.system for e in view.events} == {system}
        assert [e.seq for e in view.events] == list(range(1, per_app + 1))
    assert {e.system for e in views["console"].events} == {"callsystem", "taskmanager"}
    # Nobody went through a reconnect, and the server refused nothing any component sent.
    for user, view in views.items():
        assert not [s for s in view.states if s[0] == "reconnecting"], (user, view.states)
    refused = [(r[b"username"], r[b"reason"], r[b"object"]) for r in acl_server.refusals()]
    assert refused == [], refused
    print(f"\n[acl] relay, 2 live views and the console under their own users: {2 * per_app} events in {took:.2f} s")
    console_engine.dispose()


# -- what each user may not do --------------------------------------------------------------------


def _refused(call: Callable[[], object]) -> None:
    with pytest.raises(redis.exceptions.NoPermissionError):
        call()


def _may_not_subscribe(client: redis.Redis, channel: str) -> None:
    pubsub = client.pubsub()
    try:
        with pytest.raises(redis.exceptions.NoPermissionError):
            pubsub.subscribe(channel)
            pubsub.get_message(timeout=1)
    finally:
        pubsub.close()


@pytest.mark.parametrize(("user", "own", "other"), [("callsystem", CALLS, TASKS), ("taskmanager", TASKS, CALLS)])
def test_an_operator_pc_only_reads_its_own_app(
    acl_server: AclServer, user: str, own: tuple[str, str], other: tuple[str, str]
) -> None:
    relay = acl_server.client("relay")
    for _channel, stream in (CALLS, TASKS):
        relay.xadd(stream, {"event": "x"})
    c = acl_server.client(user)
    own_channel, own_stream = own
    other_channel, other_stream = other
    # What its live view needs.
    assert c.ping()
    assert c.xread({own_stream: "0-0"}, count=10)
    assert len(c.xrange(own_stream)) == len(c.xrevrange(own_stream)) == 1
    assert c.xinfo_stream(own_stream)["length"] == 1
    pubsub = c.pubsub()
    pubsub.subscribe(own_channel)
    assert pubsub.get_message(timeout=1)["type"] == "subscribe"
    pubsub.close()
    # Nothing else: no writes, not even to its own source; not the other app's; no other key.
    for channel in (own_channel, other_channel):
        _refused(partial(c.publish, channel, "forged"))
    for stream in (own_stream, other_stream):
        _refused(partial(c.xadd, stream, {"event": "forged"}))
        _refused(partial(c.xadd, stream, {"event": "x"}, maxlen=0))  # a trim
        _refused(partial(c.xtrim, stream, maxlen=0))
        _refused(partial(c.delete, stream))
    _refused(lambda: c.xread({other_stream: "0-0"}))
    _refused(lambda: c.xrange(other_stream))
    _may_not_subscribe(c, other_channel)
    _refused(lambda: c.execute_command("PSUBSCRIBE", "*"))
    _refused(lambda: c.set("anything", "x"))
    _refused(lambda: c.get("integrado:relay:fence:" + own_stream))
    _refused(lambda: c.eval("return 1", 0))
    _refused(lambda: c.execute_command("MULTI"))
    _refused(lambda: c.flushall())
    _refused(lambda: c.config_set("appendonly", "no"))
    assert [len(acl_server.client("console").xrange(s)) for _, s in (CALLS, TASKS)] == [1, 1]


def test_the_console_reads_both_and_writes_nothing(acl_server: AclServer) -> None:
    acl_server.client("relay").xadd("calls_channel:stream", {"event": "x"})
    c = acl_server.client("console")
    assert len(c.xrange("calls_channel:stream")) == 1
    assert c.xread({"calls_channel:stream": "0-0", "tasks:stream": "0-0"}, count=10)
    pubsub = c.pubsub()
    pubsub.subscribe("calls_channel", "tasks")
    assert pubsub.get_message(timeout=1)["type"] == "subscribe"
    pubsub.close()
    for write in (
        lambda: c.publish("calls_channel", "forged"),
        lambda: c.publish("tasks", "forged"),
        lambda: c.xadd("calls_channel:stream", {"event": "forged"}),
        lambda: c.xadd("tasks:stream", {"event": "x"}, maxlen=0),
        lambda: c.xtrim("calls_channel:stream", maxlen=0),
        lambda: c.delete("tasks:stream"),
        lambda: c.set("integrado:relay:fence:tasks:stream", "99999999999999"),
        lambda: c.eval("return 1", 0),
        lambda: c.config_set("appendonly", "no"),
    ):
        _refused(write)
    _may_not_subscribe(c, "tasks_channel")


def test_the_relay_writes_its_sources_and_nothing_else(acl_server: AclServer) -> None:
    c = acl_server.client("relay")
    assert c.eval("return redis.call('SET', KEYS[1], ARGV[1])", 1, "integrado:relay:fence:tasks:stream", "1")
    _refused(lambda: c.set("integrado:other", "2"))
    _refused(lambda: c.xread({"calls_channel:stream": "0-0"}))
    _may_not_subscribe(c, "calls_channel")
    _refused(lambda: c.get("anything"))
    _refused(lambda: c.eval("return redis.call('GET', KEYS[1])", 1, "anything"))
    _refused(lambda: c.delete("calls_channel:stream"))
    _refused(lambda: c.flushall())
    _refused(lambda: c.config_set("appendonly", "no"))
    with pytest.raises(redis.exceptions.ResponseError, match="publish to the channel"):
        c.eval("return redis.call('PUBLISH', 'tasks_channel', 'x')", 0)


def test_unauthenticated_and_wrong_password_are_refused(acl_server: AclServer) -> None:
    # What any client sees without credentials (raw RESP, as redis-cli would send it)...
    with socket.create_connection(("127.0.0.1", acl_server.port), timeout=5) as sock:
        sock.sendall(b"PING\r\n")
        assert sock.recv(100).startswith(b"-NOAUTH")
    # ...and what our client library makes of it.
    with pytest.raises(redis.exceptions.RedisError) as refused:
        acl_server.client(None).ping()
    assert "auth" in str(refused.value).lower() or "closed" in str(refused.value).lower(), refused.value
    with pytest.raises(redis.exceptions.AuthenticationError):
        acl_server.client("console", "not-the-password").ping()


def test_a_relay_service_with_a_read_only_credential_stays_standby_and_keeps_events(
    qloop: QLoop, acl_server: AclServer, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    """The console's credential given to the relay service: it says why, and nothing is lost."""
    wrong = settings_as(acl_server, "console", monkeypatch)
    pc = office_pc(wrong, postgres_url, "callsystem")
    for i in range(5):
        pc.act(f"cliente {i}")
    service = RelayService(
        make_engine(postgres_url),
        lambda: redis_client(wrong.redis, name="relay-with-console-user"),
        stream_sources(wrong.redis),
        name="wrong-credential",
        timing=RelayTiming(poll_interval=0.2, standby_poll=0.2),
    )
    task = qloop.create_task(service.run())
    try:
        qloop.wait_until(lambda: "no permissions" in service._problem, timeout=10, message=service._problem)
        assert service.role == "standby" and pc.pipeline.relay.queued() == 5
    finally:
        service.stop()
        qloop.run(task, timeout=15)
        service.engine.dispose()
    right = settings_as(acl_server, "relay", monkeypatch)
    relay = start_in_process_relay(qloop, right, postgres_url)
    try:
        qloop.wait_until(lambda: pc.pipeline.relay.queued() == 0, timeout=15)
    finally:
        relay.stop(qloop)
        pc.pipeline.engine.dispose()
    seqs = [int(f[b"seq"]) for _, f in acl_server.client("console").xrange("calls_channel:stream")]
    assert seqs == [1, 2, 3, 4, 5]


# -- integrado doctor under each user, with rights taken away or added ---------------------------


def _doctor(qloop: QLoop, settings: Settings) -> tuple[bool, str]:
    lines: list[str] = []
    ok = qloop.run(run_doctor(settings, lines.append), timeout=60)
    return ok, "\n".join(lines)


@pytest.mark.parametrize("user", USERS)
def test_doctor_passes_every_user_of_the_shipped_file(
    qloop: QLoop, acl_server: AclServer, monkeypatch: pytest.MonkeyPatch, postgres_url: str, user: str
) -> None:
    ok, out = _doctor(qloop, settings_as(acl_server, user, monkeypatch, db_url=postgres_url))
    print(f"\n[doctor as {user}]\n{out}")
    assert ok and "All checks passed." in out, out
    assert "FAIL" not in out and acl_server.passwords[user] not in out
    if user != "relay":
        assert "may write nothing (XADD, XTRIM, SET, PUBLISH refused)" in out


DOCTOR_CASES: list[tuple[str, Callable[[str], str], str]] = [
    (
        "callsystem",
        without("callsystem", "+subscribe"),
        "user 'callsystem' cannot SUBSCRIBE to 'calls_channel': add '&calls_channel +subscribe' to its ACL line",
    ),
    (
        "callsystem",
        without("callsystem", "&calls_channel"),
        "user 'callsystem' cannot SUBSCRIBE to 'calls_channel': add '&calls_channel' to its ACL line",
    ),
    (
        "taskmanager",
        without("taskmanager", "+xread"),
        "user 'taskmanager' cannot XREAD 'tasks:stream': add '%R~tasks:stream +xread' to its ACL line",
    ),
    (
        "taskmanager",
        without("taskmanager", "+xinfo|stream"),
        "cannot XINFO STREAM 'tasks:stream': add '%R~tasks:stream +xinfo|stream'",
    ),
    (
        "console",
        without("console", "%R~tasks:stream"),
        "user 'console' cannot XREAD 'tasks:stream': add '%R~tasks:stream'",
    ),
    (
        "callsystem",
        adding("callsystem", "+xadd", "~calls_channel:stream"),
        "user 'callsystem' may append to 'calls_channel:stream' (XADD): only the relay service writes; remove '+xadd'",
    ),
    (
        "callsystem",
        adding("callsystem", "+publish"),
        "user 'callsystem' may PUBLISH to 'calls_channel': only the relay service writes",
    ),
    (
        "taskmanager",
        adding("taskmanager", "&calls_channel"),
        "user 'taskmanager' may subscribe to 'calls_channel', another app's channel: remove '&calls_channel'",
    ),
    (
        "console",
        adding("console", "+xtrim", "~tasks:stream"),
        "user 'console' may trim 'tasks:stream' (XTRIM)",
    ),
    ("relay", without("relay", "+eval"), "add '~integrado:relay:fence:* ~calls_channel:stream +eval' to its ACL line"),
    (
        "relay",
        without("relay", "~integrado:relay:fence:*"),
        "user 'relay' cannot run its publish script (EVAL on 'integrado:relay:fence:tasks:stream' and "
        "'tasks:stream'): add '~integrado:relay:fence:* ~tasks:stream' to its ACL line",
    ),
    (
        "relay",
        without("relay", "+set"),
        "user 'relay' cannot SET its fence 'integrado:relay:fence:calls_channel:stream'",
    ),
    (
        "relay",
        without("relay", "&tasks"),
        "user 'relay' cannot PUBLISH to 'tasks' inside its publish script: add '+publish &tasks'",
    ),
    (
        "relay",
        without("relay", "+xrevrange"),
        "cannot XREVRANGE 'tasks:stream' (what a new active relay reads on takeover)",
    ),
]


@pytest.mark.parametrize(("user", "edit", "expected"), DOCTOR_CASES)
def test_doctor_names_the_right_to_change(
    qloop: QLoop,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
    postgres_url: str,
    tmp_path: Path,
    user: str,
    edit: Callable[[str], str],
    expected: str,
) -> None:
    server = start_acl_server(redis_server_factory, tmp_path, edit)
    ok, out = _doctor(qloop, settings_as(server, user, monkeypatch, db_url=postgres_url))
    print(f"\n[doctor as {user}, edited]\n{out}")
    assert not ok and expected in out, out
    # Probing wrote nothing: no stream, no key appeared.
    assert server.client(AUDITOR).dbsize() == 0


def test_doctor_on_the_command_line(acl_server: AclServer, isolated_env: Path) -> None:
    env = os.environ.copy()
    env["REDIS_URL"] = f"redis://callsystem@127.0.0.1:{acl_server.port}/0"
    env["REDIS_PASSWORD"] = acl_server.passwords["callsystem"]
    result = subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "doctor"], capture_output=True, text=True, timeout=60, env=env
    )
    print("\n[integrado doctor as callsystem, SQLite databases]\n" + result.stdout)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "may subscribe to 'calls_channel' and read stream 'calls_channel:stream'" in result.stdout
    # A PC on its own SQLite file would publish itself, which this user may not: said plainly.
    assert "CallSystem's database is a SQLite file on this PC" in result.stdout
    wrong = subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "REDIS_PASSWORD": "wrong"},
    )
    assert wrong.returncode == 1 and "refused the credentials" in wrong.stdout
    assert acl_server.passwords["callsystem"] not in result.stdout + result.stderr


def test_console_without_xinfo_reports_no_false_gap(
    qloop: QLoop,
    redis_server_factory: Callable[..., RedisServerProcess],
    monkeypatch: pytest.MonkeyPatch,
    postgres_url: str,
    tmp_path: Path,
) -> None:
    """An ACL that forgot XINFO STREAM must not make every restart look like a server reset."""
    server = start_acl_server(redis_server_factory, tmp_path, without("console", "+xinfo|stream"))
    console = settings_as(server, "console", monkeypatch)
    relay = start_in_process_relay(qloop, settings_as(server, "relay", monkeypatch), postgres_url)
    pc = office_pc(console, postgres_url, "callsystem")
    engine = make_engine(f"sqlite:///{tmp_path / 'console.db'}")
    history = HistoryStore(engine)
    try:
        for count, total in ((20, 20), (5, 25)):
            view = Watched(create_consumer(console, history)).start(qloop)
            gaps: list[object] = []
            view.consumer.on_gap = gaps.append
            qloop.wait_until(lambda view=view: view.consumer.state == "live", timeout=15)
            for i in range(count):
                pc.act(f"cliente {total - count + i}")
            qloop.wait_until(lambda total=total: history.count() == total, timeout=15)
            caught = view.consumer.caught_up_total
            view.stop(qloop)
            assert not gaps and caught == 0  # the second start resumed from its stored cursor
    finally:
        relay.stop(qloop)
        pc.pipeline.engine.dispose()
        engine.dispose()
