"""`integrado run` starts the whole suite with nothing configured, and cleans up after itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from integrado.embedded import port_answers


def test_run_starts_the_embedded_server_opens_the_suite_and_stops_it(isolated_env):
    env = os.environ.copy()
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-m", "integrado_suite.cli", "run", "--embedded", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    match = re.search(r"started the embedded Redis server \(.+\) on redis://127\.0\.0\.1:(\d+)/0", result.stderr)
    assert match, result.stderr
    assert "Traceback" not in result.stderr
    # Data lives in the user's data folder, and the server is gone after exit.
    assert (isolated_env / "data" / "redis").is_dir()
    assert (isolated_env / "data" / "callsystem.db").exists() and (isolated_env / "data" / "taskmanager.db").exists()
    assert not port_answers("127.0.0.1", int(match.group(1)))
