"""A program whose settings cannot be read says so in a window and exits, instead of leaving a
traceback on a terminal nobody sees (a program started from the desktop's menu has none).

    except SettingsError as exc:
        return report_settings_problem("CallSystem", "callsystem-gui", exc)

The message is the settings' own (it names the file, the environment variable or the key, and
what is allowed), met while loading them or while an app reads its part of them as it starts
(CallSystem's office calendar); it also goes to standard error, the one place a terminal or a service manager reads.
With no display to open a window on (a shell over SSH), or offscreen, standard error is all.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


class SettingsProblemDialog(QMessageBox):
    """Says that `program` cannot start, and why: `error`'s message, as the settings gave it."""

    def __init__(self, program: str, error: Exception) -> None:
        super().__init__()
        self.setObjectName("settingsProblem")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("%1 cannot start").replace("%1", program))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(self.tr("%1 cannot start: a setting is wrong.").replace("%1", program))
        self.setInformativeText(
            str(error) + "\n\n" + self.tr("Correct it, then start %1 again.").replace("%1", program)
        )
        self.setStandardButtons(QMessageBox.StandardButton.Close)


def can_open_windows() -> bool:
    """Whether someone could see and close a window here. Not offscreen (tests, CI's smoke runs:
    a dialog nobody closes would hold the program for ever); on Linux, only with a display (X11
    or Wayland) or a platform named for Qt, without which making the QApplication aborts."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal")):
        return False
    if not sys.platform.startswith("linux"):
        return True
    return bool(platform or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def report_settings_problem(name: str, command: str, error: Exception) -> int:
    """Print `error` for `command` to standard error and, where a window can open, show it in a
    dialog for the program `name` (a key of `integrado.qt.desktop.PROGRAMS`); return the exit
    status (1, as `integrado` gives for a settings problem)."""
    print(f"{command}: settings: {error}", file=sys.stderr, flush=True)
    if can_open_windows():
        from integrado.qt.desktop import PROGRAMS
        from integrado.qt.i18n import install_translator
        from integrado.qt.runner import make_qapplication

        app = make_qapplication(name)
        for window in app.topLevelWidgets():  # a first window shown before the problem was met
            window.close()
        install_translator(app, "system")  # the language setting is in the settings that failed
        SettingsProblemDialog(PROGRAMS.get(name, (name, name, name))[2], error).exec()
    return 1
