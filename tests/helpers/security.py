"""Helpers the security tests share: the office ACL on a real server, the hostile corpus's
publisher, a child process's output collector."""

from __future__ import annotations

from pathlib import Path

import redis

from helpers.fault_harness import PipelineHarness
from helpers.hostile_corpus import HUGE, VALID_TEXTS, hostile_schedule
from helpers.process import OutputLines
from helpers.relay_service import write_acl
from integrado.settings import Settings


def start_acl_server(redis_server_factory, tmp_path, edit=lambda line: line):
    acl, passwords = write_acl(tmp_path, edit)
    server = redis_server_factory(extra_args=["--aclfile", str(acl)])
    server.passwords = passwords
    return server


def client_as(server, user: str | None, password: str | None = None) -> redis.Redis:
    if user is None:
        return redis.Redis(port=server.port)
    return redis.Redis(port=server.port, username=user, password=password or server.passwords[user])


def settings_as(server, user: str, monkeypatch, password: str | None = None) -> Settings:
    monkeypatch.setenv("REDIS_URL", f"redis://{user}@127.0.0.1:{server.port}/0")
    monkeypatch.setenv("REDIS_PASSWORD", password or server.passwords[user])
    return Settings.load()


VALID_TOTAL = 1000


def rss_bytes(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def publish_corpus(h: PipelineHarness, client: redis.Redis, wait_for_consumer) -> None:
    """Interleave: after every 10 hostile messages, one valid event through the real relay."""
    for app in h.apps:
        app.pipeline.relay.batch_size = 1  # one outbox row per drain: exact interleaving
    valid_sent = 0
    sent = 0
    pipe = client.pipeline(transaction=False)
    for i, (kind, channel) in enumerate(hostile_schedule()):
        raw = kind.make(channel)
        if kind.name in HUGE:
            # A few megabytes each: let the consumer read them before the next, as a real
            # subscriber would be (Redis drops a subscriber whose buffer passes 32 MB).
            pipe.execute()
            client.publish(channel, raw)
            wait_for_consumer(sent + 1)
        else:
            pipe.publish(channel, raw)
        sent += 1
        if i % 10 == 9:
            pipe.execute()
            text = VALID_TEXTS[valid_sent % len(VALID_TEXTS)]
            h.apps[valid_sent % 2].act(f"{text} #{valid_sent}")
            h.stats.committed += 1
            valid_sent += 1
            sent += 1
            h.drain_relays_once()
            if valid_sent % 50 == 0:
                wait_for_consumer(sent)
    pipe.execute()
    assert valid_sent == VALID_TOTAL


# The shared watcher, under the name these tests use.
Lines = OutputLines


_OWN_STREAM = {"callsystem": "calls_channel:stream", "taskmanager": "tasks:stream"}


def with_app_writes(*users: str):
    """An edit for `write_acl`: the named app users may also publish their own stream, as an app's
    in-app relay does on a single PC whose administrator runs Redis with ACL users (the office
    ACL gives app users read rights only; the relay service publishes there)."""

    def edit(line: str) -> str:
        user = line.split()[1]
        if user in users:
            return f"{line} ~{_OWN_STREAM[user]} +multi +exec +discard +publish +xadd"
        return line

    return edit
