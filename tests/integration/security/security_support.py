"""Helpers the security tests share: the office ACL on a real server, the hostile corpus's
publisher, a child process's output collector."""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

import redis

from fault.harness import PipelineHarness
from helpers.process import OutputLines
from integrado.settings import Settings
from integration.security.hostile_corpus import HUGE, VALID_TEXTS, hostile_schedule

USERS = ("callsystem", "taskmanager", "console")
ACL_TEMPLATE = Path(__file__).parents[3] / "resources" / "redis" / "users.acl"


def write_acl(folder: Path, edit=lambda line: line) -> tuple[Path, dict[str, str]]:
    """The shipped ACL file with a fresh password per user; returns (path, passwords)."""
    passwords = {user: secrets.token_urlsafe(16) for user in USERS}
    lines = []
    for line in map(edit, ACL_TEMPLATE.read_text().splitlines()):
        user = line.split()[1]
        if user in passwords:
            digest = hashlib.sha256(passwords[user].encode()).hexdigest()
            line = re.sub(r"#0{64}", "#" + digest, line)
        lines.append(line)
    acl = folder / "users.acl"
    acl.write_text("\n".join(lines) + "\n")
    return acl, passwords


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
