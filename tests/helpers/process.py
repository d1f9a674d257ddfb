"""Watching a child process's output from a test."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import IO


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
