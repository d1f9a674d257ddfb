"""Watching a child process's output from a test."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


class OutputLines:
    """A child's output lines, collected by a thread so the test can wait on them."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._run, args=(stream,), daemon=True)
        self._thread.start()

    def _run(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def wait_until(self, predicate: Callable[[list[str]], bool], timeout: float = 20) -> list[str]:
        deadline = time.monotonic() + timeout
        while not predicate(self.lines) and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.lines

    def wait_for(self, count: int, timeout: float = 20) -> list[str]:
        return self.wait_until(lambda lines: len(lines) >= count, timeout)


def python_json(code: str, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Any:
    """Run `code` in a fresh interpreter (`python -c code args…`) and return the JSON it printed
    last: what a new process imports or shows, unaffected by this test process's own imports."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
