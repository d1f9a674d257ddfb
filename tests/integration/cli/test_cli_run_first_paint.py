"""`integrado run` paints its first window before it reads the OS keyring and resolves Redis.

The desktop entry runs `integrado run`: the embedded Redis server (a few hundred ms to start) or
the configured one is resolved once the first window has painted, while that window keeps
answering; a failure to start the server still ends the program with its message and status 1.
The smoke run prints when the first window painted and when Redis was resolved.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from integrado.embedded import RedisServerProcess, port_answers

ORDER = re.compile(
    r"first paint (?P<painted>[\d.]+) s after process start; "
    r"settings and Redis resolved from (?P<began>[\d.]+) s to (?P<ended>[\d.]+) s"
)

# `integrado run` with a machine on which the embedded server cannot start.
NO_SERVER = """
import sys
import integrado.embedded

def no_server(candidates=None):
    raise integrado.embedded.EmbeddedServerError("no Redis-compatible server was found (test)")

integrado.embedded.embedded_server_binary = no_server
from integrado_suite.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run(*args: str, code: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, *(code or ["-m", "integrado_suite.cli"]), *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )


def _order(stderr: str) -> tuple[float, float, float]:
    match = ORDER.search(stderr)
    assert match, stderr[-2000:]
    return float(match["painted"]), float(match["began"]), float(match["ended"])


def test_the_first_window_paints_before_the_embedded_server_is_started(isolated_env: Path) -> None:
    result = _run("run", "--embedded", "--smoke-test")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    painted, began, ended = _order(result.stderr)
    assert painted <= began <= ended, result.stderr[-2000:]
    started = re.search(r"started the embedded Redis server \(.+\) on redis://127\.0\.0\.1:(\d+)/0", result.stderr)
    assert started, result.stderr[-2000:]
    assert not port_answers("127.0.0.1", int(started.group(1))), "the embedded server outlived the suite"


def test_the_first_window_paints_before_the_configured_server_is_used(
    isolated_env: Path, redis_server: RedisServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    result = _run("run", "--smoke-test")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "started the embedded Redis server" not in result.stderr
    painted, began, ended = _order(result.stderr)
    assert painted <= began <= ended, result.stderr[-2000:]


def test_a_server_that_cannot_start_still_says_why_and_exits_1(isolated_env: Path) -> None:
    result = _run("run", "--smoke-test", code=["-c", NO_SERVER])
    assert result.returncode == 1, result.stderr[-2000:]
    assert (
        "integrado: cannot start the embedded Redis server: no Redis-compatible server was found (test)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
