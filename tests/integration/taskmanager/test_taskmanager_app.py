"""The console script's --smoke-test: a fresh process opens the window, connects, exits 0."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import redis

from integrado.embedded import RedisServerProcess
from integrado.settings import Settings

pytestmark = pytest.mark.integration


def test_smoke_test_opens_connects_and_exits_zero(settings: Settings, redis_server: RedisServerProcess) -> None:
    client = redis.Redis.from_url(redis_server.url)
    connections_before = client.info("stats")["total_connections_received"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "taskmanager_gui.app", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert (settings.data_dir / "taskmanager.db").exists()
    assert (settings.config_dir / "taskmanager-ui.ini").exists()
    # It connected to the configured server, and closed its connection on exit.
    assert client.info("stats")["total_connections_received"] > connections_before
    assert all(c.get("name") != "integrado-taskmanager-relay" for c in client.client_list())
