"""A program whose settings cannot be read says why in a window and on standard error, with no
traceback, and exits with status 1; with no display to open a window on, on standard error alone.

Each program is started as its installed command starts it (`main()`), in this process, with a
wrong setting; the dialog is read and closed by a timer, as an operator would close it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from callsystem_gui.app import main as callsystem_main
from event_console.app import main as console_main
from integrado.qt.settings_problem import SettingsProblemDialog
from integrado_suite.cli import main as integrado_main
from taskmanager_gui.app import main as taskmanager_main

# The offscreen platform's note on a dialog's size hints, not a problem of the program's.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PROGRAMS: list[tuple[Callable[[list[str]], int], list[str], str]] = [
    (callsystem_main, [], "CallSystem"),
    (taskmanager_main, [], "TaskManager"),
    (console_main, [], "Event Console"),
    (integrado_main, ["run"], "Integrado"),
]


def _read_and_close_the_dialog(seen: list[tuple[str, str, str]]) -> None:
    """Once the settings dialog is up: note its title, text and details, then close it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SettingsProblemDialog):
            seen.append((dialog.windowTitle(), dialog.text(), dialog.informativeText()))
            dialog.reject()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)


@pytest.mark.parametrize(("main", "argv", "program"), PROGRAMS, ids=[p[2] for p in PROGRAMS])
def test_a_wrong_redis_url_is_said_in_a_window(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    main: Callable[[list[str]], int],
    argv: list[str],
    program: str,
) -> None:
    monkeypatch.setenv("REDIS_URL", "http://redis.example:6379/0")
    # As on a desktop, where someone can close the dialog (this process's QApplication stays
    # offscreen; offscreen, no dialog is shown: see the last test).
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    seen: list[tuple[str, str, str]] = []
    _read_and_close_the_dialog(seen)
    assert main(argv) == 1
    assert len(seen) == 1, "the settings dialog was not shown"
    title, text, details = seen[0]
    assert title == f"{program} cannot start" and text == f"{program} cannot start: a setting is wrong."
    assert "'http://redis.example:6379/0' must start with redis://" in details
    assert details.endswith(f"Correct it, then start {program} again.")
    err = capsys.readouterr().err
    assert "settings: Redis URL 'http://redis.example:6379/0' must start with redis://" in err
    assert "Traceback" not in err
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()], "no window stays open"


def test_a_settings_file_that_is_not_toml_names_the_file(
    qtbot: QtBot, isolated_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")  # as above
    settings_file = isolated_env / "config" / "settings.toml"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text('[redis\nurl = "redis://office-redis:6379/0"\n', encoding="utf-8")
    seen: list[tuple[str, str, str]] = []
    _read_and_close_the_dialog(seen)
    assert callsystem_main([]) == 1
    assert seen and f"{settings_file}: not valid TOML" in seen[0][2]
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("platform", ["none", "offscreen"])
def test_with_no_display_or_offscreen_standard_error_alone(isolated_env: Path, platform: str) -> None:
    """A shell with no X11 or Wayland display (over SSH, say), where making a QApplication would
    abort the program, or Qt's offscreen platform (tests, CI), where nobody could close a dialog:
    the message is printed, nothing more, and the program ends at once."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if platform != "none":
        env["QT_QPA_PLATFORM"] = platform
    env["REDIS_URL"] = "redis://office-redis:99999/0"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from callsystem_gui.app import main; sys.exit(main([]))"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == (
        "callsystem-gui: settings: Redis URL 'redis://office-redis:99999/0' has an invalid port (1 to 65535)"
    )


def test_a_setting_the_app_reads_as_it_starts_too(isolated_env: Path) -> None:
    """CallSystem's office calendar is read once its window is shown: a wrong time zone there
    ends the program the same way, the window closed (offscreen: printed alone)."""
    settings_file = isolated_env / "config" / "settings.toml"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text('[callsystem.calendar]\ntime_zone = "America/Nowhere"\n', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from callsystem_gui.app import main; sys.exit(main([]))"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "callsystem-gui: settings: callsystem.calendar.time_zone: unknown time zone 'America/Nowhere'"
    )
