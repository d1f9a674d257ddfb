"""Starting the console's intake process early: before the window is built, its configuration
sent later.

The child spends about half a second importing the bus, the history store and their libraries
before it can connect; started first, it does that on another core while the console builds and
paints its window and imports its own part, instead of after. It waits for its configuration
(the CONFIG frame: the settings, with the passwords read from the OS keyring once the window has
painted) and only then opens the history, after the console has brought its schema up to date.

This module imports nothing beyond the standard library, so a program can start the child
before its first frame: the console's `show_first` does (`start_early`), and so may a program
that opens the console after other windows; the console's `start` takes it (`take_early`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

WORKER_FLAG = "--intake-worker"
log = logging.getLogger(__name__)


def in_process() -> bool:
    """Whether intake runs in the console's own process: where a child cannot inherit its
    socket (Windows has no `pass_fds`), or as `INTEGRADO_INTAKE=inprocess` asks."""
    default = "process" if sys.platform != "win32" else "inprocess"
    return os.environ.get("INTEGRADO_INTAKE", default) == "inprocess"


def worker_command(fd: int) -> list[str]:
    """How to start the intake child: the frozen program itself with a flag (the launcher
    dispatches it), or this interpreter from source."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG, "--fd", str(fd)]
    code = "import sys; from event_console.intake.worker import worker_main; sys.exit(worker_main(sys.argv[1:]))"
    return [sys.executable, "-c", code, "--fd", str(fd)]


def worker_env() -> dict[str, str]:
    """The child's environment: ours, with the folder holding the packages (`integrado`,
    `event_console`) importable, for a source checkout run without installing."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        env["PYTHONPATH"] = os.pathsep.join([root, *paths])
    return env


class LaunchedIntake:
    """An intake child that runs and waits for its configuration on `sock` (the parent's end
    of a private socket pair). `IntakeProcess` adopts it; whoever does not must `close()` it."""

    def __init__(self, process: subprocess.Popen[bytes], sock: socket.socket) -> None:
        self.process = process
        self.sock = sock
        self.configured = False

    def configure(self, config_frame: bytes) -> None:
        """Send the child its configuration (an `event_console.intake.wire` CONFIG frame) now,
        so it connects while the console goes on building; `IntakeProcess` then sends none."""
        self.sock.sendall(config_frame)
        self.configured = True

    @classmethod
    def start(cls) -> LaunchedIntake:
        """Start the child now (a few ms: it imports on its own time). Raises OSError."""
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            process = subprocess.Popen(
                worker_command(child.fileno()),
                pass_fds=(child.fileno(),),
                env=worker_env(),
                stdin=subprocess.DEVNULL,
            )
        except BaseException:
            parent.close()
            raise
        finally:
            child.close()
        return cls(process, parent)

    def close(self) -> None:
        """Not needed after all: the child sees its socket close before any configuration and
        ends at once (reaped here, so no zombie stays behind)."""
        self.sock.close()
        try:
            self.process.wait(2.0)
        except subprocess.TimeoutExpired:
            self.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(1.0)


# The child `start_early` started, until the console's start takes it.
_early: list[LaunchedIntake] = []


def launch() -> LaunchedIntake | None:
    """An intake child started now; None where intake runs in process, or when it cannot be
    started (the console's intake tries again, and says why if it fails again)."""
    if in_process():
        return None
    try:
        return LaunchedIntake.start()
    except OSError as exc:
        log.warning("the intake process could not be started early: %s", exc)
        return None


def start_early() -> None:
    """Start the console's intake child now, for the console's `start` to take: it imports
    while the program builds and paints its windows. Once per console: nothing if one waits."""
    if not _early:
        child = launch()
        if child is not None:
            _early.append(child)


def take_early() -> LaunchedIntake | None:
    """The child `start_early` started (once), or None."""
    return _early.pop() if _early else None
