"""The About dialog: what is running and what it talks to, for the person on the phone with support.

    add_about_action(window, settings, "CallSystem")   # Help > About CallSystem
    show_about(window, settings, "CallSystem")         # or open it directly

Passwords never appear: the Redis URL and database URLs are shown redacted.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Mapping

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from integrado import __version__
from integrado.qt.desktop import PROGRAMS, app_icon
from integrado.secrets import redact_url
from integrado.settings import Settings


def redact_db_url(url: str) -> str:
    """A database URL without its password (SQLite paths stay whole: they say where the file is)."""
    try:
        # SQLAlchemy's own masking, and ours over it for what it may not parse as a password.
        return redact_url(make_url(url).render_as_string(hide_password=True), url)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as "(invalid)", never raw
        return QCoreApplication.translate("AboutDialog", "(invalid URL)")


class AboutDialog(QDialog):
    """Version, Redis server, databases, folders and the Qt/Python versions, as selectable text."""

    def __init__(
        self,
        settings: Settings,
        program: str,
        databases: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        display = PROGRAMS.get(program, PROGRAMS["Integrado"])[2]
        self.setWindowTitle(self.tr("About %1").replace("%1", display))

        icon = QLabel()
        icon.setPixmap(app_icon(program).pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"{display} {__version__}")
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel(self.tr("Integrado call-center suite"))

        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}

        def add(key: str, label: str, value: str) -> None:
            field = QLabel(value)
            field.setTextFormat(Qt.TextFormat.PlainText)  # data, never rich text
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            form.addRow(label, field)
            self.fields[key] = field

        add("version", self.tr("Version:"), __version__)
        add("redis", self.tr("Redis server:"), settings.redis.redacted_url())
        dbs = databases if databases is not None else _default_databases(settings, program)
        for name, url in dbs.items():
            add(f"db:{name}", self.tr("Database (%1):").replace("%1", name), redact_db_url(url))
        add("data", self.tr("Data folder:"), str(settings.data_dir))
        add("logs", self.tr("Log folder:"), str(settings.log_dir))
        add(
            "runtime",
            self.tr("Runtime:"),
            f"Qt {qVersion()}, PySide6 {pyside_version}, Python {platform.python_version()}"
            + (" (frozen)" if getattr(sys, "frozen", False) else ""),
        )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(tagline)
        text.addSpacing(8)
        text.addLayout(form)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)


def _default_databases(settings: Settings, program: str) -> dict[str, str]:
    names = {
        "callsystem": QCoreApplication.translate("AboutDialog", "calls"),
        "taskmanager": QCoreApplication.translate("AboutDialog", "tasks"),
        "console": QCoreApplication.translate("AboutDialog", "event history"),
    }
    urls = {
        "callsystem": settings.callsystem_db,
        "taskmanager": settings.taskmanager_db,
        "console": settings.console_db,
    }
    wanted = {"CallSystem": ["callsystem"], "TaskManager": ["taskmanager"], "EventConsole": ["console"]}.get(
        program, ["callsystem", "taskmanager", "console"]
    )
    return {names[key]: urls[key] for key in wanted}


def show_about(parent: QWidget | None, settings: Settings, program: str, **kwargs: object) -> AboutDialog:
    """Open the dialog without blocking (never exec(): we may be inside a coroutine)."""
    dialog = AboutDialog(settings, program, parent=parent, **kwargs)  # type: ignore[arg-type]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    if QApplication.instance() is None:  # pragma: no cover - a dialog needs the application
        raise RuntimeError("show_about needs a QApplication")
    return dialog


def add_about_action(window: QMainWindow, settings: Settings, program: str) -> QAction:
    """Put "About" at the end of the window's Help menu (made if the window has none)."""
    help_titles = {"help", "ajuda", _plain(QCoreApplication.translate("AboutDialog", "&Help")).lower()}
    menu: QMenu | None = None
    for action in window.menuBar().actions():
        sub = action.menu()
        if isinstance(sub, QMenu) and _plain(sub.title()).lower() in help_titles:
            menu = sub
    if menu is None:
        menu = window.menuBar().addMenu(QCoreApplication.translate("AboutDialog", "&Help"))
    else:
        menu.addSeparator()
    display = PROGRAMS.get(program, PROGRAMS["Integrado"])[2]
    action = menu.addAction(QCoreApplication.translate("AboutDialog", "&About %1").replace("%1", display))
    action.setObjectName("actAbout")
    action.setMenuRole(QAction.MenuRole.AboutRole)  # macOS moves it to the application menu
    action.triggered.connect(lambda: show_about(window, settings, program))
    return action


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
