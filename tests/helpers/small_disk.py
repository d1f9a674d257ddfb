"""A real, small file system that a test fills up and empties again: a tmpfs mounted for the
test (the CI machine runs the tests as root). SQLite then fails the way it does on a full disk at
an office PC: its WAL cannot grow, ENOSPC, SQLITE_FULL."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


class SmallDisk:
    """A tmpfs of `size_mb` at `path`; `fill()` leaves no byte free, `free()` gives it back."""

    def __init__(self, path: Path, size_mb: int = 16) -> None:
        self.path = path
        self.size_mb = size_mb
        self._filler = path / "filler.bin"

    def mount(self) -> SmallDisk:
        self.path.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.size_mb}m", "tmpfs", str(self.path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"cannot mount a small tmpfs for the full-disk tests (run them as root, as CI does): "
                f"{result.stderr.strip()}"
            )
        return self

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True, check=False)

    def fill(self) -> None:
        """Write a filler file until the disk refuses another byte."""
        chunk = b"\0" * (64 * 1024)
        with open(self._filler, "ab", buffering=0) as out:
            for size in (len(chunk), 4096, 512, 1):
                while True:
                    try:
                        out.write(chunk[:size])
                    except OSError as exc:
                        if exc.errno != errno.ENOSPC:
                            raise
                        break

    def free(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self._filler)

    def available(self) -> int:
        stats = os.statvfs(self.path)
        return stats.f_bavail * stats.f_frsize


@contextlib.contextmanager
def small_disk(path: Path, size_mb: int = 16) -> Iterator[SmallDisk]:
    disk = SmallDisk(path, size_mb).mount()
    try:
        yield disk
    finally:
        disk.unmount()


@contextlib.contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """`source` seen through a read-only bind mount at `view` (a folder on a read-only share or
    a write-protected medium): writes fail with EROFS, for root too."""
    view.mkdir(parents=True, exist_ok=True)
    for command in (
        ["mount", "--bind", str(source), str(view)],
        ["mount", "-o", "remount,bind,ro", str(view)],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            subprocess.run(["umount", "-l", str(view)], capture_output=True, check=False)
            raise RuntimeError(f"cannot make a read-only view (run as root, as CI does): {result.stderr.strip()}")
    try:
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], capture_output=True, check=False)
