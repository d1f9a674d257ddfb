"""The `callsystem-gui` program itself: `--smoke-test` opens the window on a qasync loop, connects
to Redis, shuts down in order and exits 0 (what the installers' smoke check runs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from integrado.embedded import RedisServerProcess

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]


def test_smoke_test_opens_the_window_and_exits_cleanly(tmp_path: Path, redis_server: RedisServerProcess) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTEGRADO_") and k != "REDIS_URL"}
    env.update(
        INTEGRADO_CONFIG_DIR=str(tmp_path / "config"),
        INTEGRADO_DATA_DIR=str(tmp_path / "data"),
        REDIS_URL=redis_server.url,
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        PYTHONPATH=str(ROOT / "apps"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "callsystem_gui.app", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "data" / "callsystem.db").exists()
    # The window saved its layout on the way out.
    assert (tmp_path / "config" / "callsystem-ui.ini").exists()
    assert "Traceback" not in result.stderr
