"""The office ACL (resources/redis/users.acl) against a real server started with --aclfile:
each app may only publish/append to its own channel/stream, the console only reads, nobody
gets in without credentials; the whole pipeline still works under these rights; a relay with
the wrong credential keeps its events queued and says why; `integrado doctor` names the gaps."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
import redis

from fault.harness import PipelineHarness
from helpers.pipeline import make_mini_app
from integration.security.security_support import client_as, settings_as, start_acl_server

pytestmark = pytest.mark.integration


@pytest.fixture
def acl_server(redis_server_factory, tmp_path):
    """A server loading the shipped ACL file, with a fresh password per user."""
    return start_acl_server(redis_server_factory, tmp_path)


def test_unauthenticated_and_wrong_password_are_refused(acl_server):
    # What any client sees without credentials (raw RESP, as redis-cli would send it)...
    with socket.create_connection(("127.0.0.1", acl_server.port), timeout=5) as sock:
        sock.sendall(b"PING\r\n")
        assert sock.recv(100).startswith(b"-NOAUTH")
    # ...and what our client library makes of it.
    with pytest.raises(redis.exceptions.RedisError) as refused:
        client_as(acl_server, None).ping()
    assert "auth" in str(refused.value).lower() or "closed" in str(refused.value).lower(), refused.value
    with pytest.raises(redis.exceptions.AuthenticationError):
        client_as(acl_server, "console", "not-the-password").ping()


@pytest.mark.parametrize(
    ("app", "own_channel", "own_stream", "other_channel", "other_stream"),
    [
        ("callsystem", "calls_channel", "calls_channel:stream", "tasks", "tasks:stream"),
        ("taskmanager", "tasks", "tasks:stream", "calls_channel", "calls_channel:stream"),
    ],
)
def test_an_app_may_only_publish_and_append_its_own(
    acl_server, app, own_channel, own_stream, other_channel, other_stream
):
    c = client_as(acl_server, app)
    assert c.ping()
    c.publish(own_channel, "x")
    assert c.xadd(own_stream, {"event": "x"}, maxlen=1000, approximate=True)
    pipe = c.pipeline(transaction=True)  # what the relay does
    pipe.xadd(own_stream, {"event": "y"}, maxlen=1000, approximate=True).publish(own_channel, "y")
    pipe.execute()
    with pytest.raises(redis.exceptions.NoPermissionError):
        c.publish(other_channel, "x")
    with pytest.raises(redis.exceptions.NoPermissionError):
        c.xadd(other_stream, {"event": "x"})
    with pytest.raises(redis.exceptions.NoPermissionError):
        c.xrange(own_stream)  # write-only: an operator PC cannot read the others' events
    with pytest.raises(redis.exceptions.NoPermissionError):
        c.delete(own_stream)
    with pytest.raises(redis.exceptions.NoPermissionError):
        c.flushall()
    with pytest.raises(redis.exceptions.NoPermissionError):
        c.set("anything", "x")
    for channel in (other_channel, own_channel):
        pubsub = c.pubsub()
        with pytest.raises(redis.exceptions.NoPermissionError):
            pubsub.subscribe(channel)
            pubsub.get_message(timeout=1)
        pubsub.close()


def test_the_console_only_reads(acl_server):
    writer = client_as(acl_server, "callsystem")
    writer.xadd("calls_channel:stream", {"event": "x"})
    c = client_as(acl_server, "console")
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
        lambda: c.xtrim("calls_channel:stream", maxlen=0),
        lambda: c.delete("tasks:stream"),
        lambda: c.config_set("appendonly", "no"),
    ):
        with pytest.raises(redis.exceptions.NoPermissionError):
            write()


def test_pipeline_works_end_to_end_with_least_privilege(qloop, acl_server, monkeypatch, tmp_path):
    """Each producer with its own app user, the consumer as `console`: nothing lost."""
    consumer_settings = settings_as(acl_server, "console", monkeypatch)
    h = PipelineHarness(qloop, consumer_settings, tmp_path)
    # Rebuild each producer with its own credential.
    h.calls = make_mini_app(settings_as(acl_server, "callsystem", monkeypatch), tmp_path / "c", "callsystem", 0.2)
    h.tasks = make_mini_app(settings_as(acl_server, "taskmanager", monkeypatch), tmp_path / "t", "taskmanager", 0.2)
    h.start_relays()
    h.start_consumer()
    try:
        qloop.run(h.produce(200, rate=400), timeout=30)
        h.wait_converged(timeout=10)
        report = h.report()
        report.print("acl: pipeline under least privilege")
    finally:
        h.stop()
    assert report.ok and report.stored == 200


def test_relay_with_a_refused_credential_keeps_events_queued(qloop, acl_server, monkeypatch, tmp_path):
    """TaskManager configured with CallSystem's user: NOPERM. Events wait; none dead-lettered."""
    app = make_mini_app(settings_as(acl_server, "callsystem", monkeypatch), tmp_path, "taskmanager", 0.1)
    states: list[tuple[str, str]] = []
    app.pipeline.relay.on_state_changed = lambda state, detail: states.append((state, detail))
    task = qloop.create_task(app.pipeline.relay.run())
    try:
        for i in range(10):
            app.act(f"t{i}")
        qloop.wait_until(lambda: app.pipeline.relay.state == "refused", timeout=10)
        qloop.sleep(1.5)  # several retries with backoff
        assert app.pipeline.relay.queued() == 10
        assert app.pipeline.relay.dead_total == 0 and app.pipeline.outbox.count(app.pipeline.engine, "dead") == 0
        assert "no permissions" in states[-1][1]
    finally:
        app.pipeline.relay.stop()
        qloop.run(task)
    # The credential is fixed: the same rows go out, in order.
    fixed = make_mini_app(settings_as(acl_server, "taskmanager", monkeypatch), tmp_path, "taskmanager", 0.1)
    qloop.run(fixed.pipeline.relay.drain_once())
    seqs = [int(f[b"seq"]) for _, f in client_as(acl_server, "console").xrange("tasks:stream")]
    assert seqs == list(range(1, 11))
    qloop.run(fixed.pipeline.relay._close_redis())


def _doctor(env_user: str, server, password: str | None = None) -> subprocess.CompletedProcess:
    env = os.environ.copy()
    env["REDIS_URL"] = f"redis://{env_user}@127.0.0.1:{server.port}/0"
    env["REDIS_PASSWORD"] = password or server.passwords[env_user]
    return subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "doctor"], capture_output=True, text=True, timeout=60, env=env
    )


def test_doctor_names_missing_rights_in_plain_words(acl_server):
    console = _doctor("console", acl_server)
    print("\n[doctor as console]\n" + console.stdout)
    assert "may read stream 'calls_channel:stream'" in console.stdout
    assert "may not publish to 'tasks'" in console.stdout
    assert "fine for the Event Console" in console.stdout
    calls = _doctor("callsystem", acl_server)
    print("\n[doctor as callsystem]\n" + calls.stdout)
    assert "may publish to 'calls_channel' and append to 'calls_channel:stream'" in calls.stdout
    assert "may not publish to 'tasks'" in calls.stdout and "nor subscribe to 'calls_channel'" in calls.stdout
    assert "Traceback" not in console.stdout + console.stderr + calls.stdout + calls.stderr
    wrong = _doctor("console", acl_server, password="wrong")
    assert wrong.returncode == 1 and "refused the credentials" in wrong.stdout
    assert acl_server.passwords["console"] not in console.stdout + console.stderr


def test_console_without_xinfo_reports_no_false_gap(qloop, redis_server_factory, monkeypatch, tmp_path):
    """An ACL that forgot XINFO STREAM must not make every restart look like a server reset."""
    server = start_acl_server(redis_server_factory, tmp_path, lambda line: line.replace(" +xinfo|stream", ""))
    h = PipelineHarness(qloop, settings_as(server, "console", monkeypatch), tmp_path)
    h.calls = make_mini_app(settings_as(server, "callsystem", monkeypatch), tmp_path / "c", "callsystem", 0.2)
    h.tasks = make_mini_app(settings_as(server, "taskmanager", monkeypatch), tmp_path / "t", "taskmanager", 0.2)
    h.start_relays()
    try:
        h.start_consumer()
        qloop.run(h.produce(50, rate=500), timeout=30)
        h.wait_converged(timeout=10)
        h.stop_consumer()
        consumer = h.start_consumer()  # a cursor is stored now: the reset check runs
        qloop.run(h.produce(10, rate=500, start_index=50), timeout=30)
        h.wait_converged(timeout=10)
        assert consumer.caught_up_total == 0 and not h.gaps
        assert h.report().ok
    finally:
        h.stop()
